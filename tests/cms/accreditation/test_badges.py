"""Requests link the site's open press events (chosen in any edition, met on the Vietnamese
event); the press office downloads each event's badge list of approved journalists as CSV and
as a PDF whose names in Chinese, Lao and Khmer are printed with embedded fonts."""

from __future__ import annotations

import csv
import datetime
import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from cms.accreditation import workflow
from cms.accreditation.models import AccreditationRequest
from cms.press.models import PressCalendarPage, PressEventPage
from locales.formatting import format_datetime
from tests.cms.accreditation.conftest import SONGOAIVU, absent, denied, form_data, picture, upload
from tests.cms.press.conftest import add_page, event_fields, press_section, songoaivu  # noqa: F401

pytestmark = pytest.mark.django_db
HEX = r"[ \t]*<([0-9A-Fa-f]+)>[ \t]*"
Status = AccreditationRequest.Status
JOURNALISTS = {
    "zh-hans": ("林雨桐", "南岸经济观察"),
    "lo": ("ສົມພອນ ແກ້ວມະນີ", "ວາລະສານ ແສງອາລຸນ"),
    "km": ("សុខ ចន្ទា", "ទស្សនាវដ្តី មេគង្គថ្មី"),
    "vi": ("Nguyễn Hoàng Yến", "Tạp chí Cộng đồng Việt"),
}


@pytest.fixture
def calendar(press_section):  # noqa: F811 - in every edition, unlike the press tests' own
    page, _translations = add_page(
        press_section,
        PressCalendarPage(title="Lịch sự kiện báo chí", slug="lich-su-kien"),
        translated_to=("en", "zh-hans", "lo", "km"),
    )
    return page


@pytest.fixture
def make_event(calendar):
    def make(title: str, starts_in: datetime.timedelta, *, translated_to=(), **fields):
        page = PressEventPage(**event_fields(title, starts_in, **fields))
        return add_page(calendar, page, translated_to=translated_to)

    return make


@pytest.fixture
def forum(make_event):
    event, translations = make_event(
        "Họp báo quốc tế Diễn đàn các thủ đô ASEAN",
        datetime.timedelta(days=10),
        accreditation_deadline=timezone.now() + datetime.timedelta(days=5),
        translated_to=("zh-hans", "lo", "km"),
    )
    return event, translations


def _apply(client, language: str, event_page, officer) -> AccreditationRequest:
    name, outlet = JOURNALISTS[language]
    data = form_data(name=name, outlet=outlet, email=f"{language}@example.org", topics="")
    data["events"] = [event_page.pk]
    data["press_card"] = upload(picture())
    response = client.post(f"/{language}/accreditation/", data, HTTP_HOST=SONGOAIVU)
    assert response.status_code == 302, response.content.decode()[-3000:]
    request = AccreditationRequest.objects.get(email=f"{language}@example.org")
    workflow.step(request, officer, status=Status.APPROVED)
    return request


def test_the_form_offers_the_open_events_of_the_readers_edition(client, forum, make_event):
    event, translations = forum
    make_event(
        "Họp báo đã đóng đăng ký",
        datetime.timedelta(days=2),
        accreditation_deadline=timezone.now() - datetime.timedelta(hours=1),
    )
    page = client.get("/zh-hans/accreditation/", HTTP_HOST=SONGOAIVU).content.decode()
    assert translations["zh-hans"].title in page and f'value="{translations["zh-hans"].pk}"' in page
    assert "đã đóng đăng ký" not in page
    vietnamese = client.get("/vi/accreditation/", HTTP_HOST=SONGOAIVU).content.decode()
    assert event.title in vietnamese and translations["zh-hans"].title not in vietnamese


def test_the_form_dates_each_event_in_hanoi_time_as_the_edition_writes_dates(client, forum):
    _event, translations = forum
    khmer = translations["km"]
    page = client.get("/km/accreditation/", HTTP_HOST=SONGOAIVU).content.decode()
    assert f"{khmer.title} — {format_datetime(khmer.starts_at, 'km')}" in page
    assert "ម៉ោង" in format_datetime(khmer.starts_at, "km")  # Khmer digits and zone name


def test_an_event_or_a_topic_is_needed(client, forum):
    data = form_data(topics="")
    data["press_card"] = upload(picture())
    response = client.post("/en/accreditation/", data, HTTP_HOST=SONGOAIVU)
    assert response.status_code == 200
    assert "Choose an event or name the subject of your request." in response.content.decode()


def test_badge_lists_gather_every_edition_on_the_source_event(client, forum, officer):
    event, translations = forum
    for language in ("zh-hans", "lo", "km"):
        _apply(client, language, translations[language], officer)
    _apply(client, "vi", event, officer)
    pending = form_data(name="Người Chờ Duyệt", email="waiting@example.org")
    pending["events"] = [event.pk]
    pending["press_card"] = upload(picture())
    client.post("/vi/accreditation/", pending, HTTP_HOST=SONGOAIVU)
    assert AccreditationRequest.objects.filter(events=event).count() == 5

    client.force_login(officer)
    listing = client.get("/admin/accreditation/events/").content.decode()
    assert event.title in listing
    response = client.get(f"/admin/accreditation/events/{event.pk}/badges.csv")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert sorted(row["name"] for row in rows) == sorted(n for n, _o in JOURNALISTS.values())
    assert "Người Chờ Duyệt" not in response.content.decode("utf-8-sig"), "only approved"

    response = client.get(f"/admin/accreditation/events/{event.pk}/badges.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join("".join(page.extract_text().split()) for page in reader.pages)
    for language in ("vi", "lo", "km"):
        name, _outlet = JOURNALISTS[language]
        assert "".join(name.split()) in text, name
    fonts, mapped = embedded_fonts(reader)
    for family in ("NotoSansSC", "NotoSansLao", "NotoSansKhmer"):
        assert any(family in font for font in fonts), (family, fonts)
    for name, outlet in JOURNALISTS.values():
        assert set(name + outlet) - {" "} <= mapped, name


def embedded_fonts(reader: PdfReader) -> tuple[set[str], set[str]]:
    """The names of the fonts embedded in the PDF (each must carry its font file), and every
    character their ToUnicode maps give a glyph for. (pypdf's text extraction confuses the
    Chinese font's slices with one another, so Chinese is checked through the maps.)"""
    fonts, mapped = set(), set()
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), "embedded"
            fonts.add(str(descriptor["/FontName"]).replace("-", ""))
            if "/ToUnicode" in font:
                cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
                for low, high, start in re.findall(f"^{HEX}{HEX}{HEX}$", cmap, re.M):
                    first = ord(bytes.fromhex(start).decode("utf-16-be")[-1])
                    mapped |= {chr(first + n) for n in range(int(high, 16) - int(low, 16) + 1)}
                for _glyph, target in re.findall(f"^{HEX}{HEX}$", cmap, re.M):
                    mapped.add(bytes.fromhex(target).decode("utf-16-be", "ignore"))
    return fonts, {char for chars in mapped for char in chars}


def test_badge_lists_belong_to_the_events_site(client, forum, other_officer, editor):
    event, _translations = forum
    client.force_login(other_officer)
    assert absent(client.get(f"/admin/accreditation/events/{event.pk}/badges.csv"))
    assert absent(client.get(f"/admin/accreditation/events/{event.pk}/badges.pdf"))
    client.force_login(editor)
    assert denied(client.get(f"/admin/accreditation/events/{event.pk}/badges.csv"))
    assert denied(client.get("/admin/accreditation/events/"))
