"""Machine translation against a real LibreTranslate server on loopback: its HTTP API,
wagtail-localize's LibreTranslator, the desk's routing and provenance. The server's models are
tiny ones built offline (libretranslate_model.py) that answer every sentence with a fixed
phrase. An engine that is down leaves its segments untranslated and says so."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Locale
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation
from wagtail_localize.strings import StringValue

from cms.translation import jobs
from cms.translation.machine import DeskTranslator
from tests.cms.translation.conftest import job_rows, remember
from tests.cms.translation.libretranslate_model import PACKAGES
from tests.cms.translation.libretranslate_server import LibreTranslateServer, Unavailable, free_port
from tests.search.conftest import skip_unless_ci

VI_EN, EN_LO = PACKAGES["vi", "en"], PACKAGES["en", "lo"]


@pytest.fixture(scope="session")
def libretranslate_url(tmp_path_factory):
    server = LibreTranslateServer(tmp_path_factory.mktemp("libretranslate"))
    try:
        url = server.start()
    except Unavailable as reason:
        skip_unless_ci(f"LibreTranslate could not be started: {reason}")
    yield url
    server.stop()


def _desk(url: str, pairs: list[str], **options) -> dict:
    """The desk translator's options with LibreTranslate at ``url`` for ``pairs``."""
    engine = {
        "NAME": "libretranslate",
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {"LIBRETRANSLATE_URL": url, "API_KEY": "", "TIMEOUT": 30},
        "PAIRS": pairs,
    }
    return {"ENGINES": [engine], **options}


def _nobody_listening() -> str:
    return f"http://127.0.0.1:{free_port()}"


def _locale(code):
    return Locale(language_code=code)


def _machine_translate(client, user, job, desk_options):
    config = {"CLASS": "cms.translation.machine.DeskTranslator", "OPTIONS": desk_options}
    with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=config):
        client.force_login(user)
        return client.post(
            reverse("wagtail_localize:machine_translate", args=[job.translation.pk])
            + "?next=/admin/"
        )


def _saved(job) -> dict[str, StringTranslation]:
    return {row.translation_of.data: row for row in job_rows(job)}


def test_memory_first_then_libretranslate(db, libretranslate_url):
    remember("Xin chào", "Hello")
    translator = DeskTranslator(_desk(libretranslate_url, ["vi-en"]))
    strings = [StringValue("Xin chào"), StringValue("Tạm biệt"), StringValue("Hẹn gặp lại")]
    results = translator.translate_with_provenance(_locale("vi"), _locale("en"), strings)
    assert results == {
        strings[0]: (StringValue("Hello"), "memory"),
        strings[1]: (StringValue(VI_EN), "libretranslate vi→en"),
        strings[2]: (StringValue(VI_EN), "libretranslate vi→en"),
    }


def test_lao_pivots_through_english_on_the_server(db, libretranslate_url):
    translator = DeskTranslator(_desk(libretranslate_url, ["vi-en", "en-lo"], PIVOT={"lo": "en"}))
    results = translator.translate_with_provenance(
        _locale("vi"), _locale("lo"), [StringValue("Tạm biệt")]
    )
    assert list(results.values()) == [(StringValue(EN_LO), "libretranslate vi→en→lo")]


def test_the_editor_button_saves_each_segment_with_its_provenance(
    client, libretranslate_url, en_job, story, translator_en
):
    remember(story.specific.standfirst, "The Department of Foreign Affairs hosted.")
    jobs.claim(en_job, translator_en)
    jobs.start(en_job, translator_en)
    response = _machine_translate(
        client, translator_en, en_job, _desk(libretranslate_url, ["vi-en"])
    )
    assert response.status_code == 302
    saved = _saved(en_job)
    standfirst, title = saved[story.specific.standfirst], saved[story.title]
    assert (standfirst.data, standfirst.tool_name) == (
        "The Department of Foreign Affairs hosted.",
        "memory",
    )
    assert (title.data, title.translation_type, title.tool_name) == (
        VI_EN,
        "machine",
        "libretranslate vi→en",
    )


def test_an_engine_that_is_down_leaves_its_segments_untranslated(db):
    remember("Xin chào", "Hello")
    translator = DeskTranslator(_desk(_nobody_listening(), ["vi-en"]))
    strings = [StringValue("Xin chào"), StringValue("Tạm biệt")]
    results = translator.translate_with_provenance(_locale("vi"), _locale("en"), strings)
    assert results == {strings[0]: (StringValue("Hello"), "memory")}
    assert translator.unavailable == "libretranslate"


def test_the_editor_button_with_the_engine_down_explains_instead_of_failing(
    client, en_job, story, translator_en
):
    """In the translator's admin language (English here: the five catalogues are checked in
    tests/locales/test_languages.py)."""
    profile = UserProfile.get_for_user(translator_en)
    profile.preferred_language = "en"
    profile.save()
    remember(story.specific.standfirst, "The Department of Foreign Affairs hosted.")
    jobs.claim(en_job, translator_en)
    jobs.start(en_job, translator_en)
    response = _machine_translate(client, translator_en, en_job, _desk(_nobody_listening(), []))
    assert response.status_code == 302
    (message,) = get_messages(response.wsgi_request)
    assert message.level_tag == "warning"
    total, _translated = en_job.translation.get_progress()
    assert str(message).strip() == (
        f"1 of {total} segments translated; {total - 1} left for you. The machine engine "
        "“libretranslate” is unavailable: only translation memory was used."
    )
    assert {text: row.tool_name for text, row in _saved(en_job).items()} == {
        story.specific.standfirst: "memory"
    }
