"""Demo legal documents: the city portal's database of Hanoi's legal documents on foreign
affairs (``content/legal/documents.yaml``), in Vietnamese with English translations, three in
Chinese too, each with its original as a PDF drawn with WeasyPrint, and their relations."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path

import yaml
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Locale

from cms.legal.models import (
    IssuingBody,
    LegalAttachment,
    LegalDocumentPage,
    LegalField,
    LegalIndexPage,
    LegalRelation,
)
from cms.translation.prefill import link_to_localize
from locales import registry
from locales.text import nfc, vietnamese_slug
from sites.models import Channel

CONTENT_PATH = Path("legal") / "documents.yaml"
CONTENT = Path(__file__).with_name("content") / CONTENT_PATH
SITE = "portal"
TRANSLATED = ("title", "signer_title", "summary")

Existing = Callable[[str], models.Model | None]
Register = Callable[[str, models.Model], None]


def _paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in lines)


def _pdf(item: dict, fields: dict) -> bytes:
    """The original as the issuing body would publish it: letterhead, number, text, signer."""
    body = IssuingBody.objects.get(code=item["body"])
    page = f"""<html lang="vi"><head><style>
      @page {{ size: A4; margin: 2cm; }}
      body {{ font-family: "DejaVu Serif", serif; font-size: 12pt; line-height: 1.5; }}
      .head {{ display: flex; justify-content: space-between; text-align: center; }}
      h1 {{ font-size: 13pt; text-align: center; margin-top: 2em; }}
      .sign {{ margin-left: 55%; text-align: center; margin-top: 3em; }}
    </style></head><body>
      <div class="head"><div><b>{html.escape(getattr(body, "name_vi", None) or body.name)}</b><br>
      Số: {html.escape(item["number"])}</div>
      <div><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br>Độc lập – Tự do – Hạnh phúc</div></div>
      <h1>{html.escape(fields["title"])}</h1>
      {_paragraphs(fields["text"])}
      <div class="sign"><b>{html.escape(fields["signer_title"]).upper()}</b><br><br><br>
      {html.escape(item["signer"])}</div>
    </body></html>"""
    # WeasyPrint takes seconds to import on a busy machine; only loading this content needs it.
    from weasyprint import HTML

    return HTML(string=page).write_pdf()


def _date(item: dict, name: str, today: dt.date) -> dt.date | None:
    if name == "issued" and "issued_days_ago" in item:
        return today - dt.timedelta(days=item["issued_days_ago"])
    if name == "effective" and "effective_in_days" in item:
        return today + dt.timedelta(days=item["effective_in_days"])
    value = item.get(name)
    return value if isinstance(value, dt.date) or value is None else dt.date.fromisoformat(value)


def _database(data: dict, existing: Existing, register: Register) -> LegalIndexPage | None:
    key = f"legal:{SITE}:database"
    found = existing(key)
    if found is not None:
        return found  # type: ignore[return-value]
    channel = Channel.objects.filter(slug=SITE).first()
    if channel is None or channel.home_page is None:
        return None
    home = channel.home_page
    index = LegalIndexPage(
        title=data["title"]["vi"],
        slug=data["slug"],
        intro=data["intro"]["vi"],
        show_in_menus=True,
        live=False,
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    register(key, index)
    for code in channel.editions:
        if code == registry.SOURCE_LANGUAGE or code not in data["title"]:
            continue
        locale = Locale.objects.get(language_code=code)
        if home.get_translation_or_none(locale) is None:
            continue
        translation = index.copy_for_translation(locale)
        translation.title, translation.intro = data["title"][code], data["intro"][code]
        translation.save_revision().publish()
        link_to_localize(index, translation)
        register(f"{key}:{code}", translation)
    return index


def _document(
    item: dict,
    index: LegalIndexPage,
    pages: dict[str, LegalDocumentPage],
    existing: Existing,
    register: Register,
) -> LegalDocumentPage:
    key = f"legal:{SITE}:{item['key']}"
    found = existing(key)
    if found is not None:
        return found  # type: ignore[return-value]
    today = timezone.localdate()
    source = item["translations"][registry.SOURCE_LANGUAGE]
    content = _pdf(item, source)
    pdf = get_document_model()(title=f"{item['number']} (bản gốc)", file_size=len(content))
    pdf.file.save(
        f"{vietnamese_slug(item['number'].replace('/', '-'))}.pdf", ContentFile(content), save=False
    )
    pdf.save()
    register(f"{key}:pdf", pdf)
    page = LegalDocumentPage(
        slug=vietnamese_slug(f"{item['number'].replace('/', '-')} {source['title']}")[:80],
        number_symbol=item["number"],
        document_type=item["type"],
        issuing_body=IssuingBody.objects.get(code=item["body"]),
        signer=item["signer"],
        date_issued=_date(item, "issued", today),
        date_effective=_date(item, "effective", today),
        date_expiry=_date(item, "expiry", today),
        body=_paragraphs(source["text"]),
        live=False,
        **{name: source[name] for name in TRANSLATED},
    )
    page.relations = [
        LegalRelation(
            kind=relation["kind"],
            target=pages[relation["target"]],
            note=relation.get("note", ""),
            sort_order=position,
        )
        for position, relation in enumerate(item.get("relations", []))
    ]
    page.attachments = [LegalAttachment(document=pdf, label=f"{item['number']} (PDF)")]
    index.add_child(instance=page)
    page.fields.set(LegalField.objects.filter(code__in=item.get("fields", [])))
    page.save()
    page.save_revision().publish()
    register(key, page)
    for code, fields in item["translations"].items():
        if code == registry.SOURCE_LANGUAGE:
            continue
        locale = Locale.objects.get(language_code=code)
        if index.get_translation_or_none(locale) is None:
            continue
        translation = page.copy_for_translation(locale)
        for name in TRANSLATED:
            setattr(translation, name, fields[name])
        translation.body = _paragraphs(fields["text"])
        translation.save_revision().publish()
        link_to_localize(page, translation)
        register(f"{key}:{code}", translation)
    return page


def load(existing: Existing, register: Register, path: Path = CONTENT) -> None:
    """Load the demo database and its documents from ``path`` when it exists (once: what
    exists is left alone)."""
    if not path.exists():
        return
    data = nfc(yaml.safe_load(path.read_text("utf-8")))
    index = _database(data["database"], existing, register)
    if index is None:
        return
    pages: dict[str, LegalDocumentPage] = {}
    for item in data["documents"]:
        pages[item["key"]] = _document(item, index, pages, existing, register)
