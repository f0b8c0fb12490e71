"""Demo procedures for foreigners on the city portal: competent agencies, the directory and
procedure records with downloadable forms (Word files written with python-docx), in
Vietnamese with their translations recorded as wagtail-localize translations; review dates
relative to the day of loading, so the review listing has overdue and upcoming records."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path
from typing import Protocol

import yaml
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone
from docx import Document as WordDocument
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale, Page

from cms.procedures.models import Agency, ProcedureIndexPage, ProcedurePage
from cms.translation.prefill import aligned_stream, link_to_localize
from locales import registry
from sites.models import Channel

CONTENT = Path(__file__).with_name("content") / "procedures" / "procedures.yaml"


class Registry(Protocol):
    """What the demo loader offers: find and register demo objects by key."""

    def _existing(self, key: str): ...

    def _register(self, key: str, obj: models.Model) -> None: ...


def _field(language: str) -> str:
    return language.replace("-", "_")


def _agency(loader: Registry, data: dict) -> Agency:
    key = f"procedures:agency:{data['slug']}"
    found = loader._existing(key)
    if found is not None:
        return found
    values = {"slug": data["slug"], **{k: data.get(k, "") for k in ("phone", "email", "website")}}
    for name in ("name", "address", "opening_hours"):
        for code, text in data.get(name, {}).items():
            values[f"{name}_{_field(code)}"] = text
        values[name] = data[name][registry.SOURCE_LANGUAGE]
    agency = Agency.objects.create(**values)
    loader._register(key, agency)
    return agency


def _form(loader: Registry, data: dict, collection: Collection):
    """A blank form as a Word file: its title and the lines to fill in."""
    key = f"procedures:form:{data['file']}"
    found = loader._existing(key)
    if found is not None:
        return found
    word = WordDocument()
    word.add_heading(data["title"], level=1)
    for line in data["lines"]:
        word.add_paragraph(f"{line}: " + "." * 60)
    buffer = io.BytesIO()
    word.save(buffer)
    document = get_document_model()(title=data["title"], collection=collection)
    document.file.save(data["file"], ContentFile(buffer.getvalue()), save=False)
    document.save()
    loader._register(key, document)
    return document


def _streams(texts: dict, forms: dict) -> dict[str, str]:
    steps = [{"type": "step", "value": {"title": s[0], "detail": s[1]}} for s in texts["steps"]]
    dossier = [
        {
            "type": "item",
            "value": {
                "name": item[0],
                "copies": item[1],
                "note": item[2] if len(item) > 2 else "",
                "form": forms[item[3]].pk if len(item) > 3 else None,
            },
        }
        for item in texts["dossier"]
    ]
    legal = [{"type": "document", "value": {"citation": c, "url": ""}} for c in texts["legal"]]
    return {
        name: json.dumps(value, ensure_ascii=False)
        for name, value in (("steps", steps), ("dossier", dossier), ("legal_basis", legal))
    }


TEXT_FIELDS = ("title", "summary", "eligibility", "processing_time", "fees", "submission")


def _translate(page: ProcedurePage, texts: dict, forms: dict, source: ProcedurePage) -> None:
    """``page`` (a copy of ``source``) with the texts of its language, each block keeping the
    id of the source block it translates."""
    for name in TEXT_FIELDS:
        setattr(page, name, texts[name])
    for name, value in _streams(texts, forms).items():
        setattr(page, name, value)
        setattr(page, name, aligned_stream(getattr(source, name), getattr(page, name)))
    page.save_revision().publish()


def load(loader: Registry, locales: dict[str, Locale]) -> None:
    """Load the demo procedures (nothing when the portal is not provisioned)."""
    portal = Channel.objects.filter(slug="portal").select_related("home_page").first()
    home = portal.home_page if portal is not None else None
    if home is None:
        return
    data = yaml.safe_load(CONTENT.read_text("utf-8"))
    agencies = {a["slug"]: _agency(loader, a) for a in data["agencies"]}
    collection = Collection.get_first_root_node().get_children().filter(name="portal").first()
    collection = collection or Collection.get_first_root_node()
    forms = {f["key"]: _form(loader, f, collection) for f in data["forms"]}
    index = _directory(loader, home, data["directory"], locales)
    owner = get_user_model().objects.filter(username=data["owner"]).first()
    today = timezone.localdate()
    for entry in data["procedures"]:
        key = f"procedures:page:{entry['slug']}"
        if loader._existing(key) is not None:
            continue
        source = entry["text"][registry.SOURCE_LANGUAGE]
        page = ProcedurePage(
            slug=entry["slug"],
            code=entry["code"],
            field=entry["field"],
            agency=agencies[entry["agency"]],
            applicants=entry["applicants"],
            online_service_url=entry.get("online_service_url", ""),
            review_date=today + datetime.timedelta(days=entry["review_in_days"]),
            review_owner=owner,
            **{name: source[name] for name in TEXT_FIELDS},
            **_streams(source, forms),
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        loader._register(key, page)
        for code, texts in entry["text"].items():
            if code == registry.SOURCE_LANGUAGE:
                continue
            copy = page.copy_for_translation(locales[code])
            _translate(copy, texts, forms, page)
            link_to_localize(page, copy)
            loader._register(f"{key}:{code}", copy)


def _directory(loader: Registry, home: Page, data: dict, locales: dict[str, Locale]):
    key = "procedures:directory"
    index = loader._existing(key)
    if index is not None:
        return index
    index = ProcedureIndexPage(
        title=data["title"][registry.SOURCE_LANGUAGE],
        slug=data["slug"],
        intro=data["intro"][registry.SOURCE_LANGUAGE],
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    loader._register(key, index)
    for code in registry.TARGET_CODES:
        copy = index.copy_for_translation(locales[code])
        copy.title = data["title"][code]
        copy.intro = data["intro"][code]
        copy.save_revision().publish()
        link_to_localize(index, copy)
        loader._register(f"{key}:{code}", copy)
    return index
