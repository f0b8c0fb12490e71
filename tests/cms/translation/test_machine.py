"""Machine translation through wagtail-localize's interface: memory first, then the engine
(a test engine here), with a pivot for Lao and Khmer, and provenance on every segment."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.models import StringTranslation
from wagtail_localize.strings import StringValue

from cms.translation import jobs, memory
from cms.translation.machine import DeskTranslator
from cms.translation.models import MemoryEntry
from tests.cms.translation.conftest import remember

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
