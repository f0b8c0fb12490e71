"""Batch import of legal documents from CSV or JSON, with their PDF files.

Every row is checked before anything is written, and the report lists every bad row and why;
a file with one bad row imports nothing, and a dry run only reports. The import itself is one
transaction. A row updates the Vietnamese document with the same number and symbol (matched
after NFC normalisation) instead of adding a second one; a row that changes nothing is left
alone, so importing the same file twice changes nothing the second time.

Columns (CSV header or JSON keys): ``number_symbol``, ``type``, ``issuing_body`` (code),
``signer``, ``signer_title``, ``date_issued``, ``date_effective``, ``date_expiry`` (YYYY-MM-DD or
DD/MM/YYYY), ``title``, ``summary``, ``body`` (paragraphs separated by blank lines),
``fields`` and ``topics`` (codes), ``relations`` (``kind:number``, e.g.
``amends:04/2013/QĐ-UBND``), ``files`` (PDF file names). In CSV, lists are separated by ``;``;
in JSON they may be lists.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Locale

from cms.legal import files as pdf_files
from cms.legal import graph
from cms.legal.models import (
    DocumentType,
    IssuingBody,
    LegalAttachment,
    LegalDocumentPage,
    LegalField,
    LegalIndexPage,
    LegalRelation,
    RelationKind,
    normalise_number,
)
from cms.news.models import Topic
from locales import registry
from locales.text import nfc, vietnamese_slug

REQUIRED = (
    "number_symbol",
    "type",
    "issuing_body",
    "signer",
    "date_issued",
    "date_effective",
    "title",
    "summary",
)
COLUMNS = (
    *REQUIRED,
    "signer_title",
    "date_expiry",
    "body",
    "fields",
    "topics",
    "relations",
    "files",
)
MAX_IMPORT_BYTES = 5 * 1024 * 1024
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


class ImportFileError(Exception):
    """The file as a whole cannot be read (not CSV or JSON, wrong encoding, no rows…)."""


@dataclass
class RowProblem:
    """What is wrong with one row (``row`` counts data rows from 1; 0 is the whole file)."""

    row: int
    number: str
    message: str


@dataclass
class Row:
    """One document as read from the file, with its values checked and converted."""

    line: int
    number: str
    values: dict[str, Any] = field(default_factory=dict)
    fields: list[LegalField] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    relations: list[tuple[str, str, str]] = field(default_factory=list)  # kind, number, note
    files: list[str] = field(default_factory=list)
    issued: datetime.date | None = None
    bad: bool = False


@dataclass
class Report:
    """The outcome: problems found, and what was (or, in a dry run, would be) done."""

    dry_run: bool
    rows: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def applied(self) -> bool:
        return self.ok and not self.dry_run


def read_rows(data: bytes, name: str) -> list[dict[str, Any]]:
    """The rows of a CSV or JSON file (by its name), as dictionaries of NFC text."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(
            _("The file is larger than %(limit)s MB.") % {"limit": MAX_IMPORT_BYTES // 2**20}
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(_("The file is not UTF-8 text.")) from None
    lowered = name.lower()
    if lowered.endswith(".json"):
        try:
            rows = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ImportFileError(
                _("The JSON cannot be read (line %(line)s): %(error)s")
                % {"line": exc.lineno, "error": exc.msg}
            ) from None
        if isinstance(rows, dict) and isinstance(rows.get("documents"), list):
            rows = rows["documents"]
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise ImportFileError(_("The JSON must be a list of documents (objects)."))
    elif lowered.endswith(".csv"):
        try:
            reader = csv.DictReader(io.StringIO(text, newline=""))
            missing = [column for column in REQUIRED if column not in (reader.fieldnames or [])]
            if missing:
                raise ImportFileError(
                    _("Columns missing from the CSV header: %(columns)s")
                    % {"columns": ", ".join(missing)}
                )
            rows = list(reader)
        except csv.Error as exc:
            raise ImportFileError(_("The CSV cannot be read: %(error)s") % {"error": exc}) from None
    else:
        raise ImportFileError(_("Import a .csv or a .json file."))
    if not rows:
        raise ImportFileError(_("The file contains no documents."))
    return nfc(rows)


def _text(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split()) if not isinstance(value, str) else value.strip()


def _list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    items = value if isinstance(value, list) else str(value).split(";")
    return [_text(item) for item in items if _text(item)]


def _date(value: Any) -> datetime.date | None:
    text = _text(value)
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def body_html(text: str) -> str:
    """Plain text paragraphs (separated by blank lines) as the rich text's HTML."""
    paragraphs = [" ".join(part.split()) for part in text.split("\n\n")]
    return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs if paragraph)


class Importer:
    """Checks and imports rows into the Vietnamese ``index`` (see the module's docstring)."""

    def __init__(self, index: LegalIndexPage, attachments: Mapping[str, IO[bytes]], user=None):
        self.index = index
        self.attachments = attachments
        self.user = user
        self.locale = index.locale
        self.bodies = {body.code: body for body in IssuingBody.objects.all()}
        self.fields = {item.code: item for item in LegalField.objects.all()}
        self.topics = {topic.slug: topic for topic in Topic.objects.all()}
        self._stored: list[str] = []
        self._line, self._number = 0, ""

    def run(
        self, raw_rows: list[dict[str, Any]], *, dry_run: bool, publish: bool = False
    ) -> Report:
        report = Report(dry_run=dry_run, rows=len(raw_rows))
        rows = [self._check(number, raw, report) for number, raw in enumerate(raw_rows, 1)]
        self._check_batch(rows, report)
        if not report.ok:
            report.problems.sort(key=lambda problem: problem.row)
            return report
        checked = rows
        self._stored = []
        try:
            with transaction.atomic():
                self._apply(checked, report, publish)
                if dry_run:
                    transaction.set_rollback(True)
        except ValidationError as exc:
            report.problems.append(RowProblem(self._line, self._number, " ".join(exc.messages)))
        if not report.applied:
            # Nothing was kept: neither the database rows nor the files stored for them.
            storage = get_document_model()._meta.get_field("file").storage
            for name in self._stored:
                storage.delete(name)
        return report

    def _problem(self, report: Report, row: int, number: str, message: str) -> None:
        report.problems.append(RowProblem(row, number, message))

    def _check(self, line: int, raw: dict[str, Any], report: Report) -> Row:
        number = normalise_number(_text(raw.get("number_symbol")))
        row = Row(line, number)
        before = len(report.problems)
        for column in REQUIRED:
            if not _text(raw.get(column)):
                self._problem(
                    report, line, number, _("%(column)s is required.") % {"column": column}
                )
        if None in raw:
            self._problem(
                report, line, number, _("The row has more values than the header has columns.")
            )
        unknown = sorted(str(key) for key in set(raw) - set(COLUMNS) if key is not None)
        if unknown:
            self._problem(
                report,
                line,
                number,
                _("Unknown columns: %(columns)s") % {"columns": ", ".join(unknown)},
            )
        kind = _text(raw.get("type"))
        if kind and kind not in DocumentType.values:
            self._problem(
                report,
                line,
                number,
                _("Unknown type %(value)s (expected one of %(choices)s).")
                % {"value": kind, "choices": ", ".join(DocumentType.values)},
            )
        body_code = _text(raw.get("issuing_body"))
        if body_code and body_code not in self.bodies:
            self._problem(
                report, line, number, _("Unknown issuing body %(value)s.") % {"value": body_code}
            )
        dates: dict[str, datetime.date | None] = {}
        for column in ("date_issued", "date_effective", "date_expiry"):
            if not _text(raw.get(column)):
                dates[column] = None
                continue
            try:
                dates[column] = _date(raw.get(column))
            except ValueError:
                self._problem(
                    report,
                    line,
                    number,
                    _("%(column)s: %(value)s is not a date (YYYY-MM-DD or DD/MM/YYYY).")
                    % {"column": column, "value": _text(raw.get(column))},
                )
        issued, effective, expiry = (
            dates.get("date_issued"),
            dates.get("date_effective"),
            dates.get("date_expiry"),
        )
        if issued and effective and effective < issued:
            self._problem(
                report,
                line,
                number,
                _("The document takes effect (%(effective)s) before it was issued (%(issued)s).")
                % {"effective": effective.isoformat(), "issued": issued.isoformat()},
            )
        if effective and expiry and expiry <= effective:
            self._problem(
                report,
                line,
                number,
                _("The expiry (%(expiry)s) must come after the date effective (%(effective)s).")
                % {"expiry": expiry.isoformat(), "effective": effective.isoformat()},
            )
        for code in _list(raw.get("fields")):
            if code in self.fields:
                row.fields.append(self.fields[code])
            else:
                self._problem(
                    report, line, number, _("Unknown field of law %(value)s.") % {"value": code}
                )
        for slug in _list(raw.get("topics")):
            if slug in self.topics:
                row.topics.append(self.topics[slug])
            else:
                self._problem(report, line, number, _("Unknown topic %(value)s.") % {"value": slug})
        for item in _list(raw.get("relations")):
            relation_kind, _colon, target = item.partition(":")
            target, _bar, note = target.partition("|")
            if relation_kind.strip() not in RelationKind.values or not target.strip():
                self._problem(
                    report,
                    line,
                    number,
                    _("Relation %(value)s is not written kind:number (kinds: %(kinds)s).")
                    % {"value": item, "kinds": ", ".join(RelationKind.values)},
                )
                continue
            row.relations.append(
                (relation_kind.strip(), normalise_number(target), " ".join(note.split()))
            )
        for name in _list(raw.get("files")):
            upload = self.attachments.get(name)
            if upload is None:
                self._problem(
                    report, line, number, _("File %(name)s was not supplied.") % {"name": name}
                )
                continue
            try:
                pdf_files.check_pdf(upload, name)
            except ValidationError as exc:
                self._problem(report, line, number, " ".join(exc.messages))
                continue
            row.files.append(name)
        row.issued = issued
        if len(report.problems) > before:
            row.bad = True
            return row
        row.values = {
            "number_symbol": number,
            "document_type": kind,
            "issuing_body": self.bodies[body_code],
            "signer": _text(raw.get("signer")),
            "signer_title": _text(raw.get("signer_title")),
            "date_issued": issued,
            "date_effective": effective,
            "date_expiry": expiry,
            "title": _text(raw.get("title")),
            "summary": str(raw.get("summary") or "").strip(),
            "body": body_html(str(raw.get("body") or "")),
        }
        return row

    def _check_batch(self, rows: list[Row], report: Report) -> None:
        """Duplicated numbers, unknown relation targets and impossible relation graphs."""
        seen: dict[str, int] = {}
        for row in rows:
            if row.number in seen:
                self._problem(
                    report,
                    row.line,
                    row.number,
                    _("%(number)s is also on row %(other)s.")
                    % {"number": row.number, "other": seen[row.number]},
                )
            seen.setdefault(row.number, row.line)
        recorded = {
            number: (pk, issued)
            for pk, number, issued in LegalDocumentPage.objects.filter(
                locale=self.locale
            ).values_list("pk", "number_symbol", "date_issued")
        }
        issued = {number: value for number, (_pk, value) in recorded.items()}
        issued.update({row.number: row.issued for row in rows})
        by_pk = {pk: number for number, (pk, _issued) in recorded.items()}
        replaced = {row.number for row in rows}
        existing = [
            graph.Edge(by_pk[source], kind, by_pk[target])
            for source, kind, target in LegalRelation.objects.filter(
                page__locale=self.locale
            ).values_list("page_id", "kind", "target_id")
            if by_pk.get(source) not in replaced and source in by_pk and target in by_pk
        ]
        for row in rows:
            unknown = [number for _kind, number, _note in row.relations if number not in issued]
            for number in unknown:
                self._problem(
                    report,
                    row.line,
                    row.number,
                    _("Related document %(number)s is neither recorded nor in this file.")
                    % {"number": number},
                )
            new = [
                graph.Edge(row.number, kind, number)
                for kind, number, _note in row.relations
                if number in issued
            ]
            for message in graph.problems(new, existing, issued, {}):
                self._problem(report, row.line, row.number, message)
            existing.extend(new)

    def _apply(self, rows: list[Row], report: Report, publish: bool) -> None:
        pages: dict[str, LegalDocumentPage] = {}
        current = {
            page.number_symbol: page
            for page in LegalDocumentPage.objects.filter(
                locale=self.locale, number_symbol__in=[row.number for row in rows]
            )
        }
        for row in rows:
            page = current.get(row.number)
            if page is None:
                page = LegalDocumentPage(
                    slug=self._slug(row), locale=self.locale, live=False, **row.values
                )
                self.index.add_child(instance=page)
                report.created.append(row.number)
            else:
                page = page.get_latest_revision_as_object()
            pages[row.number] = page
        targets = {
            page.number_symbol: page
            for page in LegalDocumentPage.objects.filter(
                locale=self.locale,
                number_symbol__in={number for row in rows for _k, number, _n in row.relations},
            )
        }
        targets.update(pages)
        for row in rows:
            self._line, self._number = row.line, row.number
            page = pages[row.number]
            before = self._fingerprint(page)
            for name, value in row.values.items():
                setattr(page, name, value)
            page.fields = row.fields
            page.subjects = row.topics
            page.relations = [
                LegalRelation(kind=kind, target=targets[number], note=note, sort_order=position)
                for position, (kind, number, note) in enumerate(row.relations)
            ]
            page.attachments = self._attachments(page, row)
            if row.number not in report.created:
                if self._fingerprint(page) == before:
                    report.unchanged.append(row.number)
                    continue
                report.updated.append(row.number)
            page.full_clean()
            revision = page.save_revision(user=self.user, clean=False)
            if publish:
                revision.publish(user=self.user)

    def _slug(self, row: Row) -> str:
        base = vietnamese_slug(row.values["title"])[:60].strip("-") or "van-ban"
        return f"{slugify(row.number.replace('/', '-'))}-{base}"[:255]

    def _attachments(self, page: LegalDocumentPage, row: Row) -> list[LegalAttachment]:
        """The row's files as attachments; a file already attached (same content) is kept."""
        kept = {attachment.document.file_hash: attachment for attachment in page.attachments.all()}
        result = []
        for position, name in enumerate(row.files):
            upload = self.attachments[name]
            upload.seek(0)
            digest = hashlib.sha1(upload.read()).hexdigest()
            upload.seek(0)
            attachment = kept.get(digest)
            if attachment is None:
                document = get_document_model()(
                    title=name, file_hash=digest, file_size=pdf_files.size_of(upload)
                )
                document.file.save(name, File(upload, name=name), save=False)
                document.save()
                self._stored.append(document.file.name)
                attachment = LegalAttachment(document=document, label=name)
            attachment.sort_order = position
            result.append(attachment)
        return result

    @staticmethod
    def _fingerprint(page: LegalDocumentPage) -> tuple:
        values = tuple(
            (name, getattr(page, name))
            for name in (
                "number_symbol",
                "document_type",
                "issuing_body_id",
                "signer",
                "signer_title",
                "date_issued",
                "date_effective",
                "date_expiry",
                "title",
                "summary",
                "body",
            )
        )
        return (
            values,
            tuple(sorted(item.pk for item in page.fields.all())),
            tuple(sorted(topic.pk for topic in page.subjects.all())),
            tuple((r.kind, r.target_id, r.note) for r in page.relations.all()),
            tuple(a.document_id for a in page.attachments.all()),
        )


def source_index() -> LegalIndexPage:
    """The Vietnamese legal documents database (the first, where there are several)."""
    return LegalIndexPage.objects.filter(
        locale=Locale.objects.get(language_code=registry.SOURCE_LANGUAGE)
    ).order_by("path")[0]
