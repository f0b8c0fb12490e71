"""Translations written outside the segment editor (demo content, the starter pages that
provisioning creates): record them as wagtail-localize translations so that translators open
them in the segment editor with every string already translated, and later changes to the
source go through the normal translation workflow."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from wagtail.blocks import StreamValue
from wagtail.models import Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


def _copy_block_ids(source, target) -> None:
    if isinstance(source, list) and isinstance(target, list):
        for source_item, target_item in zip(source, target, strict=False):
            _copy_block_ids(source_item, target_item)
    elif isinstance(source, dict) and isinstance(target, dict):
        if "id" in source and "id" in target:
            target["id"] = source["id"]
        for name, value in target.items():
            if name in source:
                _copy_block_ids(source[name], value)


def aligned_stream(source: StreamValue, translated: StreamValue) -> str:
    """``translated`` with the block ids of ``source`` (same structure), so that each block of
    the translation is the translation of the matching source block."""
    target = translated.stream_block.get_prep_value(translated)
    _copy_block_ids(source.stream_block.get_prep_value(source), target)
    return json.dumps(target, cls=DjangoJSONEncoder, ensure_ascii=False)


def link_to_localize(source_page: Page, translated_page: Page) -> None:
    """Record ``translated_page`` as the localize translation of ``source_page``, every
    string segment already translated."""
    source, _created = TranslationSource.get_or_create_from_instance(source_page)
    Translation.objects.get_or_create(source=source, target_locale=translated_page.locale)
    target = {
        segment.path: segment.string.data
        for segment in extract_segments(translated_page)
        if isinstance(segment, StringSegmentValue)
    }
    segments = [
        segment
        for segment in StringSegment.objects.filter(source=source).select_related("context")
        if segment.context.path in target
    ]
    existing = {
        (row.translation_of_id, row.context_id): row
        for row in StringTranslation.objects.filter(
            locale=translated_page.locale, context__in=[s.context_id for s in segments]
        )
    }
    missing, changed = [], []
    for segment in segments:
        data = target[segment.context.path]
        row = existing.get((segment.string_id, segment.context_id))
        if row is None:
            missing.append(
                StringTranslation(
                    translation_of_id=segment.string_id,
                    locale=translated_page.locale,
                    context=segment.context,
                    data=data,
                    translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                )
            )
        elif row.data != data:
            row.data = data
            row.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
            changed.append(row)
    StringTranslation.objects.bulk_create(missing)
    StringTranslation.objects.bulk_update(changed, ["data", "translation_type"])
