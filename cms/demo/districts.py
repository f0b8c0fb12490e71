"""Demo news for the district portals without a content file of their own: the briefs in
``content/districts.yaml`` in Vietnamese and English, filled in with each district's names from
the catalogue, in the same shape as a site's content file."""

from __future__ import annotations

from pathlib import Path

import yaml

from locales.text import nfc
from sites.catalogue import SiteEntry

BRIEFS_FILE = "districts.yaml"
#: Image seeds of generated briefs start here, clear of the seeds in the content files.
SEED_BASE = 5000


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _names(entry: SiteEntry, code: str) -> dict[str, str]:
    agency = entry.agency.get(code)
    if code == "vi":
        place = agency.removeprefix("Ủy ban nhân dân ")
    else:
        place = agency.removesuffix(" People's Committee")
    return {
        "place": place,
        "Place": _capitalised(place),
        "agency": agency,
        "Agency": _capitalised(agency),
        "site": entry.names.get(code),
    }


def _fill(value, names: dict[str, str]):
    if isinstance(value, str):
        return value.format(**names)
    if isinstance(value, list):
        return [_fill(item, names) for item in value]
    if isinstance(value, dict):
        return {key: _fill(item, names) for key, item in value.items()}
    return value


def load_briefs(content_dir: Path) -> list[dict]:
    """The brief templates, or none when the content directory has no briefs file."""
    path = content_dir / BRIEFS_FILE
    if not path.exists():
        return []
    return nfc(yaml.safe_load(path.read_text("utf-8")))["briefs"]


def district_content(entry: SiteEntry, position: int, briefs: list[dict]) -> dict:
    """The content of one district portal, as a site content file would give it."""
    articles = []
    for number, brief in enumerate(briefs):
        translations = {}
        for code, fields in brief["translations"].items():
            names = _names(entry, code)
            translations[code] = {**_fill(fields, names), "image_credit": names["site"]}
        articles.append(
            {
                "key": brief["key"],
                "section": brief["section"],
                "days_ago": brief["days_ago"] + position % 5,
                "topics": brief["topics"],
                "image": {"seed": SEED_BASE + position * 10 + number, "scene": brief["scene"]},
                "translations": translations,
            }
        )
    return {"site": entry.slug, "articles": articles}
