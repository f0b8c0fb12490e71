"""Machine translation through wagtail-localize's interface: memory first, then the engine
(a test engine here), with a pivot for Lao and Khmer, and provenance on every segment."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Locale
from wagtail.users.models import UserProfile
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.models import StringTranslation
from wagtail_localize.strings import StringValue

from cms.translation import jobs, memory
from cms.translation.machine import DeskTranslator
from cms.translation.models import MemoryEntry
from tests.cms.translation.conftest import job_rows, remember

TEST_ENGINE = {"NAME": "test", "CLASS": "tests.cms.translation.machine_engine.TestEngine"}


def _engine(pairs=()):
    return {**TEST_ENGINE, "PAIRS": list(pairs)}


class RefusingEngine(BaseMachineTranslator):
    """Answers like wagtail-localize's DeepL adapter when DeepL refuses the key: its response
    has no "translations"."""

    def translate(self, source_locale, target_locale, strings):
        refusal = {"message": "Authorization failure, check auth_key"}
        return dict(zip(strings, refusal["translations"], strict=True))


def _locale(code):
    return Locale(language_code=code)


def test_memory_first_then_engine(db):
    remember("Xin chào", "Hello")
    translator = DeskTranslator({"ENGINES": [_engine()]})
    strings = [StringValue("Xin chào"), StringValue("Tạm biệt")]
    results = translator.translate_with_provenance(_locale("vi"), _locale("en"), strings)
    assert results[strings[0]] == (StringValue("Hello"), "memory")
    assert results[strings[1]] == (StringValue("[en] Tạm biệt"), "test vi→en")


def test_pivot_through_english_for_lao(db):
    translator = DeskTranslator({"ENGINES": [_engine(["vi-en", "en-lo"])], "PIVOT": {"lo": "en"}})
    ((value, tool),) = translator.translate_with_provenance(
        _locale("vi"), _locale("lo"), [StringValue("Tạm biệt")]
    ).values()
    assert value.data == "[lo] [en] Tạm biệt"
    assert tool == "test vi→en→lo"
    assert translator.route("vi", "km") == []  # no pivot configured for km


def test_offline_without_engine_uses_memory_only(db):
    remember("Xin chào", "Hello")
    translator = DeskTranslator({})
    result = translator.translate(
        _locale("vi"), _locale("en"), [StringValue("Xin chào"), StringValue("Khác")]
    )
    assert result == {StringValue("Xin chào"): StringValue("Hello")}


@pytest.mark.parametrize("engines", [[_engine()]])
def test_wagtail_localize_button_records_provenance_per_segment(
    client, engines, en_job, story, translator_en
):
    remember(story.specific.standfirst, "The Department of Foreign Affairs hosted.")
    jobs.claim(en_job, translator_en)
    jobs.start(en_job, translator_en)
    config = {"CLASS": "cms.translation.machine.DeskTranslator", "OPTIONS": {"ENGINES": engines}}
    with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=config):
        client.force_login(translator_en)
        response = client.post(
            reverse("wagtail_localize:machine_translate", args=[en_job.translation.pk])
            + "?next=/admin/"
        )
    assert response.status_code == 302
    rows = {
        st.translation_of.data: st
        for st in StringTranslation.objects.filter(locale=en_job.target_locale)
    }
    standfirst = rows[story.specific.standfirst]
    assert standfirst.tool_name == "memory"
    assert standfirst.translation_type == "manual"
    title = rows[story.title]
    assert title.translation_type == "machine" and title.tool_name == "test vi→en"
    # a person edits the machine translation: post-edited, engine remembered
    title.data = "Hanoi welcomes international visitors"
    title.translation_type = "manual"
    title.tool_name = ""
    title.save()
    title.refresh_from_db()
    assert title.tool_name == "post-edited: test vi→en"
    assert memory.provenance_of(title) == MemoryEntry.Provenance.POST_EDITED


def test_an_engine_that_refuses_leaves_its_segments_untranslated(db):
    remember("Xin chào", "Hello")
    refusing = {"NAME": "deepl", "CLASS": f"{__name__}.RefusingEngine"}
    translator = DeskTranslator({"ENGINES": [refusing]})
    strings = [StringValue("Xin chào"), StringValue("Tạm biệt")]
    results = translator.translate_with_provenance(_locale("vi"), _locale("en"), strings)
    assert results == {strings[0]: (StringValue("Hello"), "memory")}
    assert translator.unavailable == "deepl"


class TitleOnlyEngine(BaseMachineTranslator):
    """Translates only the strings it knows (here: one), like an engine missing a term."""

    display_name = "title only"

    def translate(self, source_locale, target_locale, strings):
        return {
            s: StringValue("Hanoi welcomes visitors") if "Hà Nội" in s.data else None
            for s in strings
        }

    def can_translate(self, source_locale, target_locale):
        return True


def _press_machine_button(client, user, job, engines):
    config = {"CLASS": "cms.translation.machine.DeskTranslator", "OPTIONS": {"ENGINES": engines}}
    with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=config):
        client.force_login(user)
        editor = client.get(
            reverse("wagtailadmin_pages:edit", args=[job.translation.get_target_instance().pk])
        )
        response = client.post(
            reverse("wagtail_localize:machine_translate", args=[job.translation.pk])
            + "?next=/admin/"
        )
    (message,) = get_messages(response.wsgi_request)
    return editor, message


def _started(job, user):
    jobs.claim(job, user)
    jobs.start(job, user)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()


def test_without_an_engine_there_is_no_machine_button_and_no_false_success(
    client, en_job, story, translator_en
):
    remember(story.title, "Hanoi welcomes international visitors")
    _started(en_job, translator_en)
    editor, message = _press_machine_button(client, translator_en, en_job, [])
    assert editor.status_code == 200
    assert "machine_translate" not in editor.content.decode()
    assert message.level_tag == "error"
    assert str(message) == (
        "No machine-translation engine serves Vietnamese → English; nothing was translated. "
        "Exact memory matches are applied from the translation desk."
    )
    assert not job_rows(en_job).exists()


def test_the_machine_button_counts_what_it_filled_and_what_is_left(
    client, en_job, story, translator_en
):
    _started(en_job, translator_en)
    engine = {"NAME": "partial", "CLASS": f"{__name__}.TitleOnlyEngine"}
    editor, message = _press_machine_button(client, translator_en, en_job, [engine])
    assert "machine_translate" in editor.content.decode()
    total, translated = en_job.translation.get_progress()
    left = total - translated
    assert 0 < translated < total
    assert message.level_tag == "success"
    assert str(message) == f"{translated} of {total} segments translated; {left} left for you."
    _editor, message = _press_machine_button(client, translator_en, en_job, [engine])
    assert message.level_tag == "warning"
    assert str(message) == f"0 of {left} segments translated; {left} left for you."
