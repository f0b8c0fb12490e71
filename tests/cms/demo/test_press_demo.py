"""The demo press room: releases and events of the foreign-affairs site in Vietnamese with
English and non-Latin translations, one release under embargo (scheduled, not live), a
calendar in every edition; removable with the rest of the demo."""

from __future__ import annotations

import shutil

import pytest
import yaml
from django.utils import timezone
from wagtail_localize.models import Translation

from cms.demo.loader import CONTENT_DIR, DemoLoader
from cms.demo.removal import remove_demo
from cms.press.models import PressCalendarPage, PressEventPage, PressReleasePage

pytestmark = pytest.mark.django_db
NON_LATIN = {"zh-hans", "lo", "km"}


def test_every_release_and_event_has_english_and_a_non_latin_translation():
    data = yaml.safe_load((CONTENT_DIR / "press" / "songoaivu.yaml").read_text("utf-8"))
    for item in [*data["releases"], *data["events"]]:
        languages = set(item["translations"])
        assert {"vi", "en"} <= languages and languages & NON_LATIN, item["key"]
    assert sum(1 for item in data["releases"] if item.get("embargo")) == 1


def test_the_press_demo_loads_scheduled_translated_and_removable(tmp_path):
    for name in ("topics.yaml", "songoaivu.yaml"):
        shutil.copy(CONTENT_DIR / name, tmp_path / name)
    shutil.copytree(CONTENT_DIR / "press", tmp_path / "press")
    DemoLoader(tmp_path, logins=False).load()

    releases = PressReleasePage.objects.filter(locale__language_code="vi")
    assert releases.count() == 3
    embargoed = releases.get(embargo_until__isnull=False)
    assert not embargoed.live and embargoed.embargo_until > timezone.now()
    held = PressReleasePage.objects.filter(translation_key=embargoed.translation_key)
    assert {page.locale.language_code for page in held} == {"vi", "en", "zh-hans", "lo"}
    assert not any(page.live for page in held)
    assert all(
        page.get_latest_revision().approved_go_live_at == embargoed.embargo_until for page in held
    )
    assert releases.filter(live=True).count() == 2
    english = PressReleasePage.objects.get(locale__language_code="en", reference="112/TCBC-SNgV")
    assert english.contacts.first().role.startswith("Head of Foreign Information")
    assert english.attachments.first().title.startswith("Programme")
    assert PressCalendarPage.objects.filter(live=True).count() == 5
    events = PressEventPage.objects.filter(live=True)
    assert set(events.values_list("locale__language_code", flat=True)) == {
        "vi",
        "en",
        "zh-hans",
        "lo",
    }
    assert events.filter(locale__language_code="vi").count() == 4
    assert Translation.objects.filter(source__object_id=embargoed.translation_key).count() == 3

    remove_demo()
    assert not PressReleasePage.objects.exists()
    assert not PressEventPage.objects.exists()
    assert not PressCalendarPage.objects.exists()
