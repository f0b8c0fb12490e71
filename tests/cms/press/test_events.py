"""Press events: the calendar page lists upcoming and past events by month, the iCalendar feed
of each edition parses and carries exactly that edition's live events in Hanoi time, and an
event page shows its releases (never one under embargo) and its coverage."""

from __future__ import annotations

import datetime
import re
import zoneinfo

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.news.models import ArticlePage
from cms.press.models import PressEventCoverage, PressEventPage, PressEventRelease
from tests.cms.helpers import article
from tests.cms.press.conftest import HOST, event_fields

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def ical_events(client, calendar) -> dict[str, icalendar.Event]:
    response = client.get(f"{calendar.get_url()}ical/", HTTP_HOST=HOST)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    parsed = icalendar.Calendar.from_ical(response.content)
    assert parsed["VERSION"] == "2.0"
    return {str(event["SUMMARY"]): event for event in parsed.walk("VEVENT")}


def test_each_editions_ical_feed_carries_its_own_live_events(client, calendar, make_event):
    source, translations = calendar
    briefing, _ = make_event("Họp báo thường kỳ quý IV", 3 * DAY, translated_to=("en", "zh-hans"))
    make_event("Đoàn báo chí Lào thăm Hà Nội", 10 * DAY, translated_to=("en",), kind="visit")
    make_event("Bản nháp chưa đăng", 5 * DAY, publish=False)

    vietnamese = ical_events(client, source)
    assert set(vietnamese) == {"Họp báo thường kỳ quý IV", "Đoàn báo chí Lào thăm Hà Nội"}
    assert set(ical_events(client, translations["en"])) == {
        "Họp báo thường kỳ quý IV [en]",
        "Đoàn báo chí Lào thăm Hà Nội [en]",
    }
    chinese = ical_events(client, translations["zh-hans"])
    assert set(chinese) == {"Họp báo thường kỳ quý IV [zh-hans]"}

    event = vietnamese["Họp báo thường kỳ quý IV"]
    start = event.decoded("DTSTART")
    assert start.tzinfo is not None and start.utcoffset() == datetime.timedelta(hours=7)
    assert start == briefing.starts_at.replace(microsecond=0)  # iCalendar counts in seconds
    assert event.decoded("DTEND") == briefing.ends_at.replace(microsecond=0)
    assert "47 Hàng Bài" in str(event["LOCATION"])
    assert str(event["URL"]).startswith(f"http://{HOST}/vi/thong-cao-bao-chi/lich-su-kien/")
    assert str(event["STATUS"]) == "CONFIRMED"
    uids = {str(e["UID"]) for e in (event, chinese["Họp báo thường kỳ quý IV [zh-hans]"])}
    assert len(uids) == 2  # one event per language: two subscriptions never collide


def test_the_calendar_page_splits_upcoming_and_past_events_by_month(client, calendar, make_event):
    source, _ = calendar
    make_event("Họp báo sắp tới", 2 * DAY)
    make_event("Họp báo đã qua", -40 * DAY)
    make_event("Họp báo bị hủy", 4 * DAY, status=PressEventPage.Status.CANCELLED)
    html = client.get(source.get_url(), HTTP_HOST=HOST).content.decode()
    upcoming, past = html.split('id="past-heading"')
    assert "Họp báo sắp tới" in upcoming and "Họp báo bị hủy" in upcoming
    assert "Đã huỷ" in upcoming  # the status of the cancelled event
    assert "Họp báo đã qua" in past and "Họp báo sắp tới" not in past
    month = timezone.localtime(timezone.now() - 40 * DAY, HANOI)
    assert f"tháng {month.month} năm {month.year}" in past


def test_an_event_shows_its_live_releases_and_coverage_in_the_readers_language(
    client, calendar, make_event, make_release, press_section
):
    event, translations = make_event("Họp báo Diễn đàn", -DAY, translated_to=("en",))
    public, _ = make_release("Thông cáo công khai", translated_to=("en",))
    embargoed, _ = make_release(
        "Thông cáo đang cấm đăng", embargo_until=timezone.now() + DAY, translated_to=("en",)
    )
    report = article(press_section, title="Toàn cảnh Diễn đàn", translated_to=["en"])
    PressEventRelease.objects.create(page=event, release=public, sort_order=0)
    PressEventRelease.objects.create(page=event, release=embargoed, sort_order=1)
    PressEventCoverage.objects.create(page=event, article=report, sort_order=0)

    html = client.get(event.get_url(), HTTP_HOST=HOST).content.decode()
    assert "Thông cáo công khai" in html and "Toàn cảnh Diễn đàn" in html
    assert "Thông cáo đang cấm đăng" not in html
    for card in (public, report):  # each card leads to its page
        url = card.get_url(current_site=card.get_site())
        assert f'<a href="{url}">{card.title}</a>' in html
    english = client.get(translations["en"].get_url(), HTTP_HOST=HOST).content.decode()
    assert "Thông cáo công khai [en]" in english and "Toàn cảnh Diễn đàn [en]" in english
    assert "cấm đăng" not in english
    release_page = client.get(public.get_url(), HTTP_HOST=HOST).content.decode()
    assert "Họp báo Diễn đàn" in release_page  # the release links back to its event
    assert isinstance(report, ArticlePage)


def test_bad_event_times_and_languages_are_refused_with_the_field_named(calendar):
    source, _ = calendar
    starts = timezone.now() + DAY
    event = PressEventPage(
        **event_fields(
            "Sai giờ",
            DAY,
            ends_at=starts - datetime.timedelta(hours=1),
            accreditation_deadline=starts + DAY,
            languages="vi, xx",
        )
    )
    event.locale = source.locale
    with pytest.raises(ValidationError) as refused:
        event.full_clean(exclude=["path", "depth", "translation_key"])
    assert set(refused.value.message_dict) >= {"ends_at", "accreditation_deadline", "languages"}


def queries_for(client, url: str) -> int:
    client.get(url, HTTP_HOST=HOST)  # warm the site frame and the site-root cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200, url
    return len(captured)


def test_calendar_and_event_pages_take_a_fixed_number_of_queries(
    client, calendar, make_event, make_release
):
    source, _ = calendar
    first, _ = make_event("Sự kiện 0", DAY)
    release, _ = make_release("Thông cáo kèm sự kiện")
    PressEventRelease.objects.create(page=first, release=release, sort_order=0)
    few = (queries_for(client, source.get_url()), queries_for(client, first.get_url()))
    for n in range(1, 8):
        make_event(f"Sự kiện {n}", (n - 4) * DAY * 10)
        other, _ = make_release(f"Thông cáo số {n}")
        PressEventRelease.objects.create(page=first, release=other, sort_order=n)
        PressEventCoverage.objects.create(page=first, article=other, sort_order=n)
    many = (queries_for(client, source.get_url()), queries_for(client, first.get_url()))
    assert many == few
    assert max(many) <= 13


def test_an_event_open_for_accreditation_leads_to_the_form_with_the_event_ticked(
    client, calendar, make_event
):
    _source, translations = calendar
    _event, editions = make_event(
        "Họp báo về Diễn đàn hợp tác", 10 * DAY, translated_to=("en",), accreditation_deadline=None
    )
    english = editions["en"]
    english.accreditation_deadline = english.starts_at - 2 * DAY
    english.save_revision().publish()
    page = client.get(english.get_url(), HTTP_HOST=HOST).content.decode()
    link = f"/en/accreditation/?event={english.pk}"
    assert f'href="{link}"' in page and "Apply for accreditation" in page

    form = client.get(link, HTTP_HOST=HOST).content.decode()
    assert re.search(rf'value="{english.pk}"[^>]*checked', form), "the event is ticked"
    calendar_page = client.get(translations["en"].get_url(), HTTP_HOST=HOST).content.decode()
    assert 'href="/en/accreditation/"' in calendar_page
