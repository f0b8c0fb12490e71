"""Synchronising a changed source into its translations with a fixed number of queries for
string and template segments (wagtail-localize's ``refresh_segments`` makes several queries per
segment). Segment rows are replaced; strings, templates and contexts are shared rows, created
in bulk when new, under the keys wagtail-localize gives them (``localize_adapter``).
Related-object and overridable segments (few per page) still go through wagtail-localize."""

from __future__ import annotations

import json
import uuid

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from wagtail_localize.models import (
    String,
    StringSegment,
    Template,
    TemplateSegment,
    TranslationContext,
    TranslationSource,
)
from wagtail_localize.segments import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    StringSegmentValue,
    TemplateSegmentValue,
)
from wagtail_localize.segments.extract import extract_segments

from cms.translation import localize_adapter


def _contexts(
    source: TranslationSource, paths: set[str], instance
) -> dict[str, TranslationContext]:
    existing = TranslationContext.objects.filter(object_id=source.object_id, path__in=paths)
    found = {context.path: context for context in existing}
    missing = paths - found.keys()
    if missing:
        TranslationContext.objects.bulk_create(
            [
                TranslationContext(
                    object_id=source.object_id,
                    path=path,
                    path_id=localize_adapter.context_path_id(path),
                )
                for path in missing
            ],
            ignore_conflicts=True,
        )
        for context in TranslationContext.objects.filter(
            object_id=source.object_id, path__in=missing
        ):
            context.get_field_path(instance)  # one update per new block only
            found[context.path] = context
    return found


def _strings(
    source: TranslationSource, values: list[StringSegmentValue]
) -> dict[uuid.UUID, String]:
    by_hash = {localize_adapter.string_hash(v.string.data): v.string.data for v in values}
    String.objects.bulk_create(
        [String(locale_id=source.locale_id, data=data, data_hash=h) for h, data in by_hash.items()],
        ignore_conflicts=True,
    )
    return {
        s.data_hash: s
        for s in String.objects.filter(locale_id=source.locale_id, data_hash__in=list(by_hash))
    }


def _templates(values: list[TemplateSegmentValue]) -> dict[uuid.UUID, Template]:
    rows = {}
    for value in values:
        key = _template_key(value)
        rows[key] = Template(
            uuid=key,
            template=value.template,
            template_format=value.format,
            string_count=value.string_count,
        )
    Template.objects.bulk_create(list(rows.values()), ignore_conflicts=True)
    return {t.uuid: t for t in Template.objects.filter(uuid__in=list(rows))}


def _template_key(value: TemplateSegmentValue) -> uuid.UUID:
    return localize_adapter.template_uuid(value.format, value.template)


@transaction.atomic
def refresh_segments(source: TranslationSource) -> None:
    """Same result as ``source.refresh_segments()``, in a fixed number of queries."""
    instance = source.as_instance()
    values = list(extract_segments(instance))
    strings = [v for v in values if isinstance(v, StringSegmentValue)]
    templates = [v for v in values if isinstance(v, TemplateSegmentValue)]
    contexts = _contexts(source, {v.path for v in strings + templates}, instance)
    string_rows = _strings(source, strings)
    template_rows = _templates(templates)
    source.stringsegment_set.all().delete()
    source.templatesegment_set.all().delete()
    StringSegment.objects.bulk_create(
        StringSegment(
            source=source,
            context=contexts[v.path],
            order=v.order,
            string=string_rows[localize_adapter.string_hash(v.string.data)],
            attrs=json.dumps(v.attrs, cls=DjangoJSONEncoder),
        )
        for v in strings
    )
    TemplateSegment.objects.bulk_create(
        TemplateSegment(
            source=source,
            context=contexts[v.path],
            order=v.order,
            template=template_rows[_template_key(v)],
        )
        for v in templates
    )
    related, overridable = [], []
    for value in values:
        if isinstance(value, RelatedObjectSegmentValue):
            segment = localize_adapter.related_object_segment(source, value)
            segment.context.get_field_path(instance)
            related.append(segment.pk)
        elif isinstance(value, OverridableSegmentValue):
            segment = localize_adapter.overridable_segment(source, value)
            segment.context.get_field_path(instance)
            overridable.append(segment.pk)
    source.relatedobjectsegment_set.exclude(pk__in=related).delete()
    source.overridablesegment_set.exclude(pk__in=overridable).delete()


def update_source(source: TranslationSource) -> None:
    """wagtail-localize's ``update_from_db`` (new content from the live page), with the bulk
    segment refresh above."""
    localize_adapter.update_source_from_db(source, refresh_segments)
