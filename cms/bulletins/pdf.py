"""The printable issue: WeasyPrint with the project's own fonts for Chinese, Lao and Khmer,
embedded (subset) in the PDF. Only the font files whose ``unicode-range`` covers characters
of the issue are used, and only for the edition's languages (the families apply by ``lang``
alone): a Chinese issue uses a few of the hundred Chinese slices, merged into one font per
weight, and a Vietnamese one none."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation
from fontTools.merge import Merger  # type: ignore[import-untyped]

from cms.bulletins.content import Edition, issue_label
from locales import registry
from locales.pdf import code_points, faces

# Fonts merged from several slices, kept between renders (derived data, safe to delete).
MERGED_FONTS = Path(tempfile.gettempdir()) / "cms-bulletin-fonts"
SCRIPT_FAMILIES = "".join(
    f':lang({language.code}) {{ font-family: "{language.font_family}", sans-serif; }}\n'
    for language in registry.LANGUAGES
    if language.font_family
)


def _merged(paths: list[Path]) -> Path:
    """One TrueType font made of several slices of a family. WeasyPrint identifies a font by
    its family and weight, so slices used side by side would share one PDF font and mix up
    their glyphs; merged, they are one font."""
    digest = hashlib.sha256("\n".join(sorted(p.name for p in paths)).encode()).hexdigest()
    target = MERGED_FONTS / f"{digest[:20]}.ttf"
    if not target.exists():
        MERGED_FONTS.mkdir(parents=True, exist_ok=True)
        font = Merger().merge([str(path) for path in paths])
        font.flavor = None
        partial = target.with_suffix(f".{os.getpid()}.part")
        font.save(str(partial))
        partial.replace(target)
    return target


def font_faces(text: str, languages: tuple[str, ...]) -> str:
    """``@font-face`` rules for ``text`` in ``languages``: their families' files holding at
    least one of its characters, one file per family and weight (slices merged)."""
    families = {registry.get(code).font_family for code in languages}
    points = code_points(text)
    groups: dict[tuple[str, str], list[Path]] = {}
    for face in faces():
        if face.family in families and face.covers(points):
            groups.setdefault((face.family, face.weight), []).append(face.path)
    rules = []
    for (family, weight), paths in groups.items():
        path = paths[0] if len(paths) == 1 else _merged(paths)
        rules.append(
            f'@font-face {{ font-family: "{family}"; font-style: normal; '
            f'font-weight: {weight}; src: url("{path.as_uri()}"); }}'
        )
    return "\n".join(rules)


def render(edition: Edition) -> bytes:
    """The edition as a PDF."""
    with translation.override(edition.language):
        html = render_to_string(
            "bulletins/issue_pdf.html",
            {"edition": edition, "label": issue_label(edition.issue)},
        )
    # Imported here, not at the top: importing WeasyPrint parses its stylesheets, which every
    # process loading the URL configuration would pay for.
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    rules = font_faces(edition.text(), edition.languages)
    stylesheet = CSS(string=rules + SCRIPT_FAMILIES, font_config=fonts)
    return HTML(string=html).write_pdf(stylesheets=[stylesheet], font_config=fonts)


def stored(edition: Edition) -> str:
    """The storage name of the edition's PDF, rendered on first request and kept under a name
    derived from its content (an edited issue gets a new file)."""
    digest = hashlib.sha256(
        "\n".join([edition.issue.layout, *edition.languages, edition.text()]).encode()
    ).hexdigest()[:16]
    issue = edition.issue
    name = f"bulletins/{issue.bulletin.slug}-{issue.number}-{edition.language}-{digest}.pdf"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(render(edition)))
    return name
