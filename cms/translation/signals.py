"""Keeps jobs in step with pages and segments: a republished source marks jobs "source
changed" (unless the edit was marked minor), a published translation closes its approved job,
a deleted translated page ends its job, saved segments update progress and record their
provenance.

A minor edit is declared in the page editor (the "Minor edit" checkbox, by the site's editors
and approvers): every revision saved in that request is marked, and so is a publication it
causes (an approval from the editor saves a new revision, then publishes it). A publication is
minor when it was declared so, or when its text is that of a revision marked minor since the
page was last published (an edit marked minor, then submitted, reviewed and approved
unchanged)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.signals import page_published
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from cms.translation import jobs, machine, memory, policy, side_doors
from cms.translation.models import MemoryEntry, MinorEdit, TranslationJob
from locales import registry

_minor_by: ContextVar[int | None] = ContextVar("desk_minor_edit_by", default=None)


@contextlib.contextmanager
def minor_edit(user) -> Iterator[None]:
    """Revisions saved and publications made inside the block are minor edits by ``user``."""
    token = _minor_by.set(user.pk)
    try:
        yield
    finally:
        _minor_by.reset(token)


@receiver(post_save, sender=Revision)
def mark_minor_revision(sender, instance: Revision, created: bool, **kwargs) -> None:
    if created and _minor_by.get() is not None:
        MinorEdit.objects.get_or_create(revision=instance, defaults={"user_id": _minor_by.get()})


def _text(page) -> set[tuple[str, str]]:
    return {
        (segment.path, segment.string.data)
        for segment in extract_segments(page.specific)
        if isinstance(segment, StringSegmentValue)
    }


def _strings(page) -> list[str]:
    """The page's translatable strings in order, whatever ids its blocks were given."""
    return sorted(text for _path, text in _text(page))


def is_minor(page, revision) -> bool:
    """Whether publishing ``revision`` of the source ``page`` leaves translations current."""
    if revision is None:
        return False
    if _minor_by.get() is not None or MinorEdit.objects.filter(revision=revision).exists():
        return True
    previous = (
        PageLogEntry.objects.filter(page=page, action="wagtail.publish", revision__isnull=False)
        .exclude(revision=revision)
        .order_by("-timestamp", "-pk")
        .values_list("revision_id", flat=True)
        .first()
    )
    marked = MinorEdit.objects.filter(
        revision__object_id=str(page.pk),
        revision__base_content_type_id=revision.base_content_type_id,
        revision_id__gt=previous or 0,
    ).select_related("revision")
    published = _strings(revision.as_object())
    return any(_strings(minor.revision.as_object()) == published for minor in marked)


def source_text_changed(page) -> bool:
    """Whether the page's translatable text differs from what was sent to translation."""
    source = TranslationSource.objects.filter(
        object_id=page.translation_key, locale_id=page.locale_id
    ).first()
    if source is None:
        return False
    current = _text(page)
    sent = set(
        StringSegment.objects.filter(source=source).values_list("context__path", "string__data")
    )
    return current != sent


@receiver(page_published)
def on_page_published(sender, instance, revision=None, **kwargs) -> None:
    if instance.locale.language_code != registry.SOURCE_LANGUAGE:
        jobs.mark_published(instance, getattr(revision, "user", None))
        return
    minor = is_minor(instance, revision)
    if (
        not minor
        and TranslationJob.objects.filter(source_page=instance).exists()
        and source_text_changed(instance)
    ):
        jobs.mark_source_changed(instance, revision)
    user_id = getattr(revision, "user_id", None)
    transaction.on_commit(partial(policy.create_auto_jobs_after_commit, instance.pk, user_id))


@receiver(post_delete)
def end_jobs_of_deleted_page(sender, instance, **kwargs) -> None:
    """A deleted translated page ends its open job visibly: cancelled, with an event (by the
    approver who confirmed the deletion, with their reason, when there was one), and its
    translator and requester told."""
    if isinstance(instance, Page) and instance.locale.language_code != registry.SOURCE_LANGUAGE:
        confirmed = (
            PageLogEntry.objects.filter(page_id=instance.pk, action=side_doors.DELETE_ACTION)
            .order_by("-timestamp", "-pk")
            .first()
        )
        if confirmed is None:
            side_doors.end_jobs(instance, None, "target_deleted", str(_("the page was deleted")))
        else:
            side_doors.end_jobs(
                instance, confirmed.user, "target_deleted", confirmed.data.get("reason", "")
            )


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
    if instance.context_id is None or jobs.refresh_is_deferred():
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
