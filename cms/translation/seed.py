"""Seed the glossary: official terms (``data/glossary.yaml``) and the name and owning agency of
every site in the catalogue, in every target language. Idempotent."""

from __future__ import annotations

from pathlib import Path

import yaml
from django.db import transaction

from cms.translation.exchange import save_term
from locales import registry
from sites.catalogue import Catalogue

DATA = Path(__file__).with_name("data") / "glossary.yaml"


@transaction.atomic
def seed_glossary(catalogue: Catalogue) -> int:
    count = 0
    for entry in catalogue.sites:
        for names in (entry.names, entry.agency):
            for code in registry.TARGET_CODES:
                save_term(code, names.vi, [names.get(code)], note="catalogue")
                count += 1
    for term in yaml.safe_load(DATA.read_text("utf-8"))["terms"]:
        for code in registry.TARGET_CODES:
            rendering = term[code]
            save_term(
                code,
                term["vi"],
                rendering["required"],
                rendering.get("forbidden", []),
                note="domain.md",
            )
            count += 1
    return count
