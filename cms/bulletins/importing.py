"""Importing a list of subscribers from CSV: every row is checked first; when any is wrong
nothing is imported and the report lists each bad row with its reasons."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.bulletins import mail
from cms.bulletins.forms import ImportRowForm, nfc
from cms.bulletins.models import Bulletin, Subscriber

COLUMNS = ("email", "name", "organisation", "organisation_type", "country", "languages")
MAX_BYTES = 5 * 1024 * 1024


@dataclass
class BadRow:
    line: int
    email: str
    reasons: list[str]


@dataclass
class Report:
    """The outcome: either ``imported`` rows, or the ``bad`` ones and nothing imported."""

    imported: int = 0
    bad: list[BadRow] = field(default_factory=list)
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.bad and not self.problem


def _decode(data: bytes) -> str | None:
    try:
        return nfc(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return None


def run(bulletin: Bulletin, data: bytes, *, ask_confirmation: bool) -> Report:
    """Check every row of ``data`` (UTF-8 CSV with a header row of ``COLUMNS``); import them
    all or none. Imported addresses are subscribed at once, or asked to confirm first."""
    report = Report()
    text = _decode(data) if len(data) <= MAX_BYTES else None
    if text is None:
        report.problem = _("The file is not a UTF-8 CSV file of at most 5 MB.")
        return report
    reader = csv.DictReader(io.StringIO(text))
    missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        report.problem = _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}
        return report
    existing = set(bulletin.subscribers.values_list("email", flat=True))
    seen: dict[str, int] = {}
    valid = []
    for row in reader:
        line = reader.line_num
        form = ImportRowForm({key: (value or "") for key, value in row.items() if key})
        reasons = [
            f"{form.fields[name].label}: {error}" if name in form.fields else str(error)
            for name, errors in form.errors.items()
            for error in errors
        ]
        email = form.cleaned_data.get("email", (row.get("email") or "").strip())
        if email in existing:
            reasons.append(_("This address is already on the list."))
        elif email in seen:
            reasons.append(_("This address is also on line %(line)s.") % {"line": seen[email]})
        seen.setdefault(email, line)
        if reasons:
            report.bad.append(BadRow(line, email, reasons))
        else:
            valid.append(form)
    if report.bad:
        return report
    now = timezone.now()
    with transaction.atomic():
        for form in valid:
            subscriber = form.save(commit=False)
            subscriber.bulletin = bulletin
            if not ask_confirmation:
                subscriber.status = Subscriber.Status.ACTIVE
                subscriber.confirmed_at = now
            subscriber.save()
            if ask_confirmation:
                mail.send_confirmation(subscriber)
    report.imported = len(valid)
    return report
