"""Keeps jobs in step with pages and segments: a republished source marks jobs "source
changed" (unless the edit was marked minor), a published translation closes its approved job,
saved segments update progress and record their provenance."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.signals import page_published
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from cms.translation import jobs, machine, memory, policy
from cms.translation.models import MemoryEntry, MinorEdit, TranslationJob
from locales import registry


def source_text_changed(page) -> bool:
    """Whether the page's translatable text differs from what was sent to translation."""
    source = TranslationSource.objects.filter(
        object_id=page.translation_key, locale_id=page.locale_id
    ).first()
    if source is None:
        return False
    current = {
        (segment.path, segment.string.data)
        for segment in extract_segments(page.specific)
        if isinstance(segment, StringSegmentValue)
    }
    sent = set(
        StringSegment.objects.filter(source=source).values_list("context__path", "string__data")
    )
    return current != sent


@receiver(page_published)
def on_page_published(sender, instance, revision=None, **kwargs) -> None:
    if instance.locale.language_code != registry.SOURCE_LANGUAGE:
        jobs.mark_published(instance, getattr(revision, "user", None))
        return
    minor = revision is not None and MinorEdit.objects.filter(revision=revision).exists()
    if (
        not minor
        and TranslationJob.objects.filter(source_page=instance).exists()
        and source_text_changed(instance)
    ):
        jobs.mark_source_changed(instance, revision)
    user_id = getattr(revision, "user_id", None)
    transaction.on_commit(partial(policy.create_auto_jobs_after_commit, instance.pk, user_id))


post_delete.connect(memory.forget_indexes, sender=MemoryEntry, dispatch_uid="desk_memory_forget")


@receiver(pre_save, sender=StringTranslation)
def record_provenance(sender, instance: StringTranslation, **kwargs) -> None:
    """Engine or memory provenance from the desk translator; "post-edited" when a person
    changes a machine or memory translation."""
    provenance = machine.PROVENANCE.get() or {}
    if instance.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE and (
        instance.data in provenance
    ):
        instance.tool_name = provenance[instance.data]
        if instance.tool_name == memory.MEMORY_TOOL:
            instance.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
        return
    if (
        instance.pk is None
        or instance.translation_type != StringTranslation.TRANSLATION_TYPE_MANUAL
    ):
        return
    previous = (
        StringTranslation.objects.filter(pk=instance.pk)
        .values("data", "translation_type", "tool_name")
        .first()
    )
    if previous is None or previous["data"] == instance.data:
        return
    earlier_tool = previous["tool_name"]
    automatic = previous["translation_type"] == StringTranslation.TRANSLATION_TYPE_MACHINE or (
        earlier_tool == memory.MEMORY_TOOL
    )
    if automatic and not earlier_tool.startswith(memory.POST_EDITED_PREFIX):
        instance.tool_name = (memory.POST_EDITED_PREFIX + earlier_tool)[:255]


@receiver(post_save, sender=StringTranslation)
def update_progress(sender, instance: StringTranslation, **kwargs) -> None:
    if instance.context_id is None:
        return
    for job in (
        TranslationJob.objects.open()
        .filter(
            translation__source__object_id=instance.context.object_id,
            target_locale_id=instance.locale_id,
        )
        .select_related("translation")
    ):
        jobs.refresh_progress(job)
