"""The UI message catalogues: compile them without GNU gettext (polib), and report gaps."""

from __future__ import annotations

from pathlib import Path

import polib
from django.conf import settings
from django.utils.translation import trans_real


def catalogue_paths(domain: str = "django") -> list[Path]:
    """Every ``<domain>.po`` under the project's locale paths: ``django`` for the server's
    strings, ``djangojs`` for those of the admin's JavaScript apps."""
    return sorted(
        path
        for root in settings.LOCALE_PATHS
        for path in Path(root).glob(f"*/LC_MESSAGES/{domain}.po")
    )


def compile_all(*, force: bool = False) -> list[Path]:
    """Write a ``.mo`` beside every ``.po`` (both domains) that is newer; return what was
    compiled. Catalogues this process had already loaded are dropped, so the new files are
    read."""
    compiled = []
    for po_path in catalogue_paths("django") + catalogue_paths("djangojs"):
        mo_path = po_path.with_suffix(".mo")
        if force or not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            compiled.append(mo_path)
    if compiled:
        # Django's private caches of loaded catalogues, which its stubs leave out
        trans_real._translations = {}  # type: ignore[attr-defined]
        trans_real._default = None  # type: ignore[attr-defined]
    return compiled


def gaps(po_path: Path) -> list[str]:
    """Entries of ``po_path`` that are untranslated or fuzzy, as readable lines."""
    po = polib.pofile(str(po_path))
    problems = [f"untranslated: {entry.msgid!r}" for entry in po.untranslated_entries()]
    problems += [f"fuzzy: {entry.msgid!r}" for entry in po.fuzzy_entries()]
    return problems
