"""Fixtures for the press centre: the foreign-affairs site's press-release section, releases
and a press calendar with events."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale

from cms.demo.factories import ImageFactory, body_blocks
from cms.news.models import SectionPage
from cms.press.models import (
    PressCalendarPage,
    PressContact,
    PressEventPage,
    PressReleasePage,
)
from sites.models import Channel

HOST = "songoaivu.localhost:8000"


def add_page(parent, page, *, translated_to=(), publish=True):
    """Add ``page`` under ``parent``, publish it (Wagtail's revision route, so the embargo
    applies) and add published translations in ``translated_to``; returns the source page
    and a dict of translations by language code."""
    page.locale = parent.locale
    page.live = False
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    translations = {}
    for code in translated_to:
        locale = Locale.objects.get(language_code=code)
        parent_translation = parent.get_translation_or_none(locale)
        assert parent_translation is not None, f"{parent} has no {code} edition"
        translation = page.copy_for_translation(locale)
        translation.title = f"{page.title} [{code}]"
        revision = translation.save_revision()
        if publish:
            revision.publish()
        translations[code] = type(page).objects.get(pk=translation.pk)
    page.refresh_from_db()
    return page, translations


@pytest.fixture
def songoaivu(db):
    return Channel.objects.get(slug="songoaivu")


@pytest.fixture
def press_section(songoaivu):
    return SectionPage.objects.child_of(songoaivu.home_page).get(slug="thong-cao-bao-chi")


@pytest.fixture
def make_release(press_section):
    def make(title: str, *, embargo_until=None, translated_to=(), **fields):
        fields.setdefault("slug", slugify(title)[:40])
        fields.setdefault("standfirst", "Sở Ngoại vụ Hà Nội thông báo tới các cơ quan báo chí.")
        fields.setdefault(
            "body", body_blocks([{"paragraph": "Thông cáo báo chí của Sở Ngoại vụ Hà Nội."}])
        )
        fields.setdefault("lead_image", ImageFactory(scene="meeting"))
        fields.setdefault("lead_image_alt", "Phòng họp báo")
        page = PressReleasePage(title=title, embargo_until=embargo_until, **fields)
        page.contacts = [
            PressContact(
                name="Đặng Thị Hương",
                role="Trưởng phòng Thông tin đối ngoại",
                phone="+84 24 3825 3536",
                email="baochi@songoaivu.hanoi.gov.vn",
            )
        ]
        return add_page(press_section, page, translated_to=translated_to)

    return make


@pytest.fixture
def calendar(press_section):
    page, translations = add_page(
        press_section,
        PressCalendarPage(title="Lịch sự kiện báo chí", slug="lich-su-kien"),
        translated_to=("en", "zh-hans"),
    )
    return page, translations


def event_fields(title: str, starts_in: datetime.timedelta, **fields) -> dict:
    starts = timezone.now() + starts_in
    fields.setdefault("slug", slugify(title)[:40])
    return {
        "title": title,
        "summary": "Họp báo thông tin về hoạt động đối ngoại của thành phố.",
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=2),
        "place": "Trung tâm Báo chí Hà Nội, 47 Hàng Bài",
        "languages": "vi,en",
        **fields,
    }


@pytest.fixture
def make_event(calendar):
    source, _translations = calendar

    def make(
        title: str, starts_in: datetime.timedelta, *, translated_to=(), publish=True, **fields
    ):
        return add_page(
            source,
            PressEventPage(**event_fields(title, starts_in, **fields)),
            translated_to=translated_to,
            publish=publish,
        )

    return make
