"""District quarterly reports: prefilled figures, the lifecycle draft → submitted → returned /
accepted and who may take each step, reminders around the deadline delivered by a real SMTP
server on loopback (each threshold once), the roll-up read back from its XLSX and the PDF."""

from __future__ import annotations

import datetime
import email
import io
import socket
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader
from wagtail.models import Page

from cms.news.models import SectionPage
from cms.outbox.delivery import deliver_due
from cms.reports import schedule
from cms.reports.models import QuarterlyReport
from sites.models import Channel
from tests.cms.helpers import article
from tests.cms.oversight.test_dashboard import refused

pytestmark = pytest.mark.django_db
YEAR, QUARTER = 2026, 3  # due on 10 October 2026
DUE = datetime.date(2026, 10, 10)
FIGURES = {
    "delegations_received": "4",
    "foreign_events": "2",
    "fdi_projects": "3",
    "fdi_capital_musd": "12.50",
    "international_visitors": "15200",
}
NARRATIVES = {
    "socio_economic": "Tăng trưởng kinh tế quý III đạt 7,2%; thu ngân sách đạt 78% kế hoạch năm.",
    "foreign_affairs": "Đón 4 đoàn khách quốc tế, trong đó có đoàn Đại sứ quán Lào.",
    "foreign_information": "Đăng 36 tin bài tiếng Anh về di tích và làng nghề.",
    "proposals": "Đề nghị tập huấn biên dịch tiếng Trung cho cán bộ phường.",
}


class Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"

    def subjects(self, address: str) -> list[str]:
        return [
            str(make_header(decode_header(m["Subject"])))
            for m in self.messages
            if m["To"] == address
        ]


@pytest.fixture
def smtp():
    inbox = Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with override_settings(
            # the test runner swaps in a memory backend; these tests go through the outbox
            EMAIL_BACKEND="cms.outbox.backend.OutboxBackend",
            OUTBOX_DELIVERY_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
        ):
            yield inbox
    finally:
        controller.stop()


@pytest.fixture
def district_editor(make_user):
    user = make_user("editor-badinh", "badinh: editors")
    user.email = "bientap@badinh.example"
    user.save()
    return user


@pytest.fixture
def reviewer(make_user):
    user = make_user("approver-songoaivu", "songoaivu: approvers")
    user.email = "doingoai@songoaivu.example"
    user.save()
    return user


@pytest.fixture
def report():
    section = SectionPage.objects.child_of(Channel.objects.get(slug="badinh").home_page).get(
        slug="tin-tuc"
    )
    inside = article(section, title="Phường Điện Biên đón đoàn khách Lào", translated_to=("en",))
    outside = article(section, title="Tin quý trước")
    when = timezone.make_aware(datetime.datetime(2026, 8, 15, 9))
    Page.objects.filter(translation_key=inside.translation_key).update(first_published_at=when)
    Page.objects.filter(pk=outside.pk).update(first_published_at=when - datetime.timedelta(days=90))
    (made,) = schedule.ensure_reports(YEAR, QUARTER)
    return made


def test_a_draft_per_district_prefilled_with_what_the_cms_knows(report):
    assert report.channel.slug == "badinh" and report.status == QuarterlyReport.Status.DRAFT
    assert report.items_published == 2
    assert report.items_by_language == {"vi": 1, "en": 1}
    assert report.languages == ["vi", "en"]
    assert report.due_date == DUE
    assert schedule.ensure_reports(YEAR, QUARTER) == []


def test_lifecycle_submit_return_with_reason_resubmit_accept(
    client, report, district_editor, reviewer
):
    detail = reverse("reports_detail", args=[report.pk])
    client.force_login(district_editor)
    client.post(reverse("reports_submit", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == "draft"  # figures missing: refused with a message
    response = client.post(detail, {**FIGURES, **NARRATIVES, "foreign_events": "hai"})
    assert response.status_code == 400  # bad input: the form comes back with what was typed
    assert "Đón 4 đoàn khách quốc tế" in response.content.decode()
    client.post(detail, {**FIGURES, **NARRATIVES})
    client.post(reverse("reports_submit", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == "submitted" and report.submitted_by == district_editor
    assert report.international_visitors == 15200
    assert [m.to for m in mail.outbox] == [[reviewer.email]]
    # the district can no longer change it
    assert refused(client.post(detail, {**FIGURES, **NARRATIVES}))
    assert refused(client.post(reverse("reports_accept", args=[report.pk])))

    client.force_login(reviewer)
    client.post(reverse("reports_return", args=[report.pk]), {"reason": "  "})
    report.refresh_from_db()
    assert report.status == "submitted"
    client.post(
        reverse("reports_return", args=[report.pk]),
        {"reason": "Bổ sung số liệu khách quốc tế theo tháng."},
    )
    report.refresh_from_db()
    assert report.status == "returned"
    assert report.return_reason == "Bổ sung số liệu khách quốc tế theo tháng."
    assert mail.outbox[-1].to == [district_editor.email]
    assert "Bổ sung số liệu" in mail.outbox[-1].body

    client.force_login(district_editor)
    client.post(reverse("reports_submit", args=[report.pk]))
    client.force_login(reviewer)
    client.post(reverse("reports_accept", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == "accepted" and report.decided_by == reviewer
    assert [e.action for e in report.events.all()] == [
        "saved",
        "submitted",
        "returned",
        "submitted",
        "accepted",
    ]


def test_who_may_see_and_act(client, report, editor, oversight_user, district_editor):
    client.force_login(editor)  # an editor of a key channel, not of a district
    assert refused(client.get(reverse("reports_list")))
    assert refused(client.get(reverse("reports_detail", args=[report.pk])))
    client.force_login(oversight_user)
    assert client.get(reverse("reports_detail", args=[report.pk])).status_code == 200
    assert client.get(reverse("reports_rollup", args=[YEAR, QUARTER])).status_code == 200
    assert refused(client.post(reverse("reports_submit", args=[report.pk])))
    assert refused(client.post(reverse("reports_accept", args=[report.pk])))
    client.force_login(district_editor)
    assert refused(client.get(reverse("reports_rollup", args=[YEAR, QUARTER])))
    listing = client.get(reverse("reports_list"))
    assert [r.pk for r in listing.context["reports"]] == [report.pk]


def _reminders(day: datetime.date) -> int:
    """One scheduler run on ``day``, then the outbox delivered as the worker does."""
    reminded = schedule.send_reminders(day)
    deliver_due()
    return reminded


def test_reminders_before_and_after_the_deadline_once_each(smtp, report, district_editor):
    address = district_editor.email
    assert _reminders(DUE - datetime.timedelta(days=8)) == 0
    assert _reminders(DUE - datetime.timedelta(days=7)) == 1
    assert _reminders(DUE - datetime.timedelta(days=6)) == 0
    assert len(smtp.subjects(address)) == 1 and "Ba Đình" in smtp.subjects(address)[0]
    # the scheduler was down over the last day before: only the latest threshold is sent
    assert _reminders(DUE + datetime.timedelta(days=2)) == 1
    assert _reminders(DUE + datetime.timedelta(days=3)) == 0
    assert len(smtp.subjects(address)) == 2
    assert _reminders(DUE + datetime.timedelta(days=7)) == 1
    report.status = QuarterlyReport.Status.SUBMITTED
    report.save()
    assert _reminders(DUE + datetime.timedelta(days=30)) == 0
    assert len(smtp.subjects(address)) == 3


def test_rollup_xlsx_reads_back_with_figures_and_totals(client, report, oversight_user):
    QuarterlyReport.objects.filter(pk=report.pk).update(
        delegations_received=4,
        fdi_capital_musd="12.50",
        socio_economic=NARRATIVES["socio_economic"],
    )
    client.force_login(oversight_user)
    response = client.get(reverse("reports_rollup_xlsx", args=[YEAR, QUARTER]))
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert "Ba Đình" in rows[1][0] and rows[1][2] == 2 and rows[1][4] == 4
    assert float(rows[1][7]) == 12.5
    assert rows[-1][4] == 4
    narratives = list(book.worksheets[1].iter_rows(values_only=True))
    assert narratives[1][1] == NARRATIVES["socio_economic"]


def test_pdf_carries_the_report_with_embedded_fonts(client, report, oversight_user):
    QuarterlyReport.objects.filter(pk=report.pk).update(
        proposals="Đề nghị hỗ trợ bản tiếng Khmer: ភាសាខ្មែរ"
    )
    client.force_login(oversight_user)
    response = client.get(reverse("reports_pdf", args=[report.pk]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "quận Ba" in text and "Đề nghị hỗ trợ" in text
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("Khmer" in name for name in fonts), fonts  # the project's own font file


def test_rollup_pdf_lists_every_district_with_totals(client, report, oversight_user):
    QuarterlyReport.objects.filter(pk=report.pk).update(delegations_received=6)
    client.force_login(oversight_user)
    response = client.get(reverse("reports_rollup_pdf", args=[YEAR, QUARTER]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "2026-Q3" in text and "quận Ba" in text and "Tổng cộng" in text  # the total row
