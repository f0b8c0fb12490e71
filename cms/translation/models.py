"""Translation desk records: jobs and their history, translation memory, glossary terms,
glossary overrides, minor edits and admin notifications."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask

from locales.text import fold


class JobQuerySet(models.QuerySet):
    def open(self) -> JobQuerySet:
        return self.exclude(status__in=TranslationJob.CLOSED)

    def for_language(self, code: str) -> JobQuerySet:
        return self.filter(target_locale__language_code=code)

    def overdue(self, now=None) -> JobQuerySet:
        return (
            self.open()
            .exclude(status=TranslationJob.Status.APPROVED)
            .filter(deadline__lt=now or timezone.now())
        )


class TranslationJob(models.Model):
    """One page to be translated into one language, with an assignee, a deadline and a
    status. Backed by wagtail-localize's ``Translation`` (segments and the target page)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        ASSIGNED = "assigned", _("Assigned")
        IN_PROGRESS = "in_progress", _("In progress")
        IN_REVIEW = "in_review", _("In review")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")
        SOURCE_CHANGED = "source_changed", _("Source changed")

    class Priority(models.IntegerChoices):
        LOW = 1, _("Low")
        NORMAL = 2, _("Normal")
        HIGH = 3, _("High")
        URGENT = 4, _("Urgent")

    CLOSED = (Status.PUBLISHED, Status.CANCELLED)

    translation = models.ForeignKey(
        "wagtail_localize.Translation", on_delete=models.CASCADE, related_name="desk_jobs"
    )
    source_page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    target_locale = models.ForeignKey(
        "wagtailcore.Locale", on_delete=models.PROTECT, related_name="+"
    )
    channel = models.ForeignKey(
        "channels.Channel", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    deadline = models.DateTimeField(_("deadline"))
    note = models.TextField(_("note"), blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translation_jobs",
        verbose_name=_("assignee"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    check_failures = models.PositiveSmallIntegerField(_("segments failing a check"), default=0)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    overdue_notified_at = models.DateTimeField(null=True, blank=True)
    published_lag = models.DurationField(_("lag behind the source"), null=True, blank=True)
    together = models.BooleanField(
        _("published together with the source"),
        default=False,
        help_text=_("Bilingual authoring: the source's first publication waits for this edition."),
    )

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "-priority"]
        verbose_name = _("translation job")
        verbose_name_plural = _("translation jobs")
        constraints = [
            models.UniqueConstraint(
                fields=["source_page", "target_locale"],
                condition=~Q(status__in=["published", "cancelled"]),
                name="desk_one_open_job_per_page_language",
            )
        ]
        indexes = [
            models.Index(fields=["target_locale", "status", "deadline"]),
            models.Index(fields=["assignee", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.source_page_id} → {self.target_locale_id} ({self.status})"

    @property
    def language(self) -> str:
        return self.target_locale.language_code

    @property
    def is_open(self) -> bool:
        return self.status not in self.CLOSED

    @property
    def is_overdue(self) -> bool:
        return (
            self.is_open and self.status != self.Status.APPROVED and self.deadline < timezone.now()
        )


class JobEvent(models.Model):
    """Something that happened to a job: the job's history and the story's timeline."""

    job = models.ForeignKey(TranslationJob, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=40)
    status = models.CharField(max_length=20, blank=True)
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.job_id}: {self.action}"


class SegmentEvent(models.Model):
    """A segment's history in a job: a translation saved (with the text it replaced and where it
    came from) or a comment between translator and reviewer. Filed under the segment's context
    (its place in the page), which survives a sync of the source."""

    class Kind(models.TextChoices):
        SAVED = "saved", _("Saved")
        COMMENT = "comment", _("Comment")

    job = models.ForeignKey(TranslationJob, on_delete=models.CASCADE, related_name="segment_events")
    context = models.ForeignKey(
        "wagtail_localize.TranslationContext", on_delete=models.CASCADE, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.TextField()
    previous = models.TextField(blank=True)
    origin = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["job", "context"])]

    def __str__(self) -> str:
        return f"{self.job_id}/{self.context_id}: {self.kind}"


class MemoryEntry(models.Model):
    """An approved translation of one segment, with its provenance."""

    class Provenance(models.TextChoices):
        HUMAN = "human", _("Human")
        POST_EDITED = "post_edited", _("Post-edited machine translation")
        MACHINE = "machine", _("Machine")
        MEMORY = "memory", _("Translation memory")
        IMPORTED = "imported", _("Imported")

    source_language = models.CharField(max_length=10)
    target_language = models.CharField(max_length=10)
    source_text = models.TextField()
    target_text = models.TextField()
    source_hash = models.CharField(max_length=64)
    target_hash = models.CharField(max_length=64)
    channel = models.ForeignKey(
        "channels.Channel", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    provenance = models.CharField(max_length=20, choices=Provenance.choices)
    tool_name = models.CharField(max_length=255, blank=True)
    job = models.ForeignKey(
        TranslationJob, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source_language", "target_language", "source_hash", "target_hash"],
                name="desk_memory_unique_pair",
            )
        ]
        indexes = [
            models.Index(fields=["source_language", "target_language", "source_hash"]),
            # new entries of a pair (the fuzzy index's tail, cms/translation/memory.py)
            models.Index(fields=["source_language", "target_language", "id"]),
        ]
        verbose_name = _("memory entry")
        verbose_name_plural = _("memory entries")

    def __str__(self) -> str:
        return f"{self.source_language}→{self.target_language}: {self.source_text[:40]}"


class MemoryIndexPair(models.Model):
    """One row per language pair: writers of the memory lock it (cms/translation/memory.py)."""

    source_language = models.CharField(max_length=10)
    target_language = models.CharField(max_length=10)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source_language", "target_language"], name="desk_memory_index_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_language}→{self.target_language}"


class MemoryIndexRun(models.Model):
    """The fuzzy-match postings of one language pair's memory entries with
    ``first_id < id <= last_id`` (cms/translation/memory.py)."""

    source_language = models.CharField(max_length=10)
    target_language = models.CharField(max_length=10)
    first_id = models.BigIntegerField()
    last_id = models.BigIntegerField()
    level = models.PositiveSmallIntegerField(default=0)
    entries = models.PositiveIntegerField(default=0)
    lengths = models.JSONField(default=dict)  # entries per length bucket

    class Meta:
        indexes = [models.Index(fields=["source_language", "target_language", "first_id"])]

    def __str__(self) -> str:
        return f"{self.source_language}→{self.target_language}: ({self.first_id}, {self.last_id}]"


class MemoryIndexPosting(models.Model):
    """The entries of one run that contain one word key (little-endian offsets from
    ``run.first_id``)."""

    run = models.ForeignKey(MemoryIndexRun, on_delete=models.CASCADE, db_index=False)
    key = models.BigIntegerField()
    ids = models.BinaryField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["run", "key"], name="desk_memory_posting_run_key")
        ]

    def __str__(self) -> str:
        return f"{self.run}: {self.key}"


class GlossaryTerm(models.Model):
    """An official term for one language pair: required and forbidden renderings."""

    source_language = models.CharField(_("source language"), max_length=10, default="vi")
    target_language = models.CharField(_("target language"), max_length=10)
    source_term = models.CharField(_("source term"), max_length=255)
    source_key = models.CharField(max_length=255, editable=False)
    required = models.JSONField(_("required renderings"), default=list)
    forbidden = models.JSONField(_("forbidden renderings"), default=list, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["target_language", "source_term"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_language", "target_language", "source_key"],
                name="desk_glossary_unique_term",
            )
        ]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")

    def __str__(self) -> str:
        return f"{self.source_term} → {', '.join(self.required)} ({self.target_language})"

    def save(self, *args, **kwargs) -> None:
        self.source_key = fold(self.source_term)
        super().save(*args, **kwargs)


class GlossaryOverride(models.Model):
    """A reviewer let a translation through despite glossary findings, with a reason."""

    job = models.ForeignKey(TranslationJob, on_delete=models.CASCADE, related_name="overrides")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"))
    findings = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"override on job {self.job_id} by {self.user_id}"


class MinorEdit(models.Model):
    """A source revision its editor marked as minor: translations stay current."""

    revision = models.OneToOneField(
        "wagtailcore.Revision", on_delete=models.CASCADE, related_name="desk_minor_edit"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"minor edit {self.revision_id}"


class HeldPublication(models.Model):
    """An approved revision waiting for the editions its site publishes together with it."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="desk_held_publication"
    )
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"held {self.page_id}"


class Notification(models.Model):
    """An admin notification about a job. ``message`` is the text as sent (e-mailed in the
    recipient's language then); the desk shows it again from ``kind``, the job and ``comment``
    in whatever language the recipient reads the admin in now."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="desk_notifications"
    )
    job = models.ForeignKey(
        TranslationJob, null=True, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=30)
    message = models.TextField()
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.message


class LanguageReviewTask(AbstractGroupApprovalTask):
    """Language review, the first step of a site's translation workflow. While the page has an
    open translation job, only the desk's approval (after its glossary check) moves it on;
    reviewers may still return it from the Wagtail editor."""

    @staticmethod
    def pending_job(obj) -> TranslationJob | None:
        return (
            TranslationJob.objects.open()
            .exclude(status=TranslationJob.Status.APPROVED)
            .filter(
                translation__source__object_id=obj.translation_key,
                target_locale_id=obj.locale_id,
            )
            .first()
        )

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if self.pending_job(obj) is not None:
            actions = [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve" and self.pending_job(task_state.workflow_state.content_object):
            raise PermissionDenied
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Language reviewers approve the translation at the translation desk")

    class Meta:
        verbose_name = _("language review task")
        verbose_name_plural = _("language review tasks")
