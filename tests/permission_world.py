"""The objects and people the permission matrix is checked against, built once per module.

Two variants of every object: ``own`` belongs to the roles' own site and language (site A
``hanoimoi``, English) and ``other`` to another site and language (``songoaivu``, Lao). The
people: a superuser, an editor and an approver of site A, an English translator and an English
reviewer, an oversight user, and anonymous.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone
from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupPagePermission,
    Locale,
    PageLogEntry,
    Revision,
    Task,
    TaskState,
    Workflow,
    WorkflowState,
)
from wagtail.models import Page as WagtailPage
from wagtail_localize.models import (
    OverridableSegment,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtailmedia.models import Media

from cms.accreditation.models import AccreditationRequest
from cms.bulletins import tokens
from cms.bulletins.models import Bulletin, Issue, Subscriber
from cms.demo.broadcast import tone_wav
from cms.monitoring.models import Clipping, Digest, KeywordRule, Source
from cms.news.models import Author, SectionPage
from cms.reports.models import QuarterlyReport
from cms.syndication.models import Syndication
from cms.translation import jobs, memory
from cms.translation.models import GlossaryTerm, MemoryEntry, Notification, TranslationJob
from sites import roles
from sites.models import Channel
from tests.cms.accreditation.helpers import accreditation_request
from tests.cms.helpers import article

ROLES = (
    "superuser",
    "editor",
    "approver",
    "translator",
    "reviewer",
    "press",
    "oversight",
    "anonymous",
)
VARIANTS = {"own": ("hanoimoi", "en"), "other": ("songoaivu", "lo")}
HOST = "hanoimoi.localhost:8000"


class Ref:
    """An object in a URL template: ``{article}`` is its primary key, ``{article.slug}`` an
    attribute."""

    def __init__(self, obj) -> None:
        self.obj = obj

    def __format__(self, spec: str) -> str:
        value = self.obj.pk if isinstance(self.obj, models.Model) else self.obj
        return format(value, spec)

    def __getattr__(self, name: str):
        return Ref(getattr(self.obj, name))


@dataclass
class World:
    users: dict[str, object]
    objects: dict[str, dict[str, object]]  # variant → name → object

    def refs(self, variant: str) -> dict[str, Ref]:
        return {name: Ref(obj) for name, obj in self.objects[variant].items()}


def _user(username: str, *groups: str, superuser: bool = False):
    user = get_user_model().objects.create_user(
        username=username, password="pw", is_superuser=superuser, is_staff=superuser
    )
    user.groups.add(*Group.objects.filter(name__in=groups))
    assert user.groups.count() == len(groups), groups
    return user


def _variant(slug: str, language: str, translator, admin) -> dict[str, object]:
    channel = Channel.objects.get(slug=slug)
    section = SectionPage.objects.child_of(channel.home_page).get(slug="tin-tuc")
    story = article(section, title=f"Tin {slug}", standfirst=f"Bản tin của {slug}.")
    submitted = article(section, title=f"Chờ duyệt {slug}", standfirst="Bài chờ duyệt.")
    submitted.save_revision(user=admin)
    workflow_state = submitted.get_workflow().start(submitted, admin)
    (job,) = jobs.send_to_translation(
        [story],
        [language],
        deadline=timezone.now() + datetime.timedelta(days=2),
        user=admin,
    )
    jobs.claim(job, translator)
    jobs.start(job, translator)
    job.refresh_from_db()
    story.standfirst = f"Bản tin đã sửa của {slug}."
    story.save_revision(user=admin).publish()  # the job's source changed
    job.refresh_from_db()
    translation = job.translation
    target = translation.get_target_instance()
    collection = Collection.get_first_root_node().get_children().get(name=slug)
    image = story.lead_image
    image.collection = collection
    image.save()
    document = get_document_model().objects.create(title=f"Văn bản {slug}", collection=collection)
    document.file.save(f"{slug}.txt", ContentFile(f"Văn bản của {slug}".encode()))
    media = Media(title=f"Bản tin {slug}", type="audio", collection=collection)
    media.file.save(f"{slug}.wav", ContentFile(tone_wav(0.1)))
    workflow = submitted.get_workflow()
    memory.add_entries(
        [
            MemoryEntry(
                source_language="vi",
                target_language=language,
                source_text=f"Câu mẫu của {slug}",
                target_text=f"[{language}] {slug}",
                provenance=MemoryEntry.Provenance.HUMAN,
            )
        ]
    )
    return {
        "site": slug,
        "language": language,
        "channel": channel,
        "wagtail_site": channel.site,
        "home": channel.home_page,
        "section": section,
        "article": story,
        "submitted": submitted,
        "workflow_state": workflow_state,
        "task_state": workflow_state.current_task_state,
        "workflow": workflow,
        "task": workflow.workflow_tasks.first().task,
        "job": job,
        "notification": Notification.objects.filter(recipient=translator).first(),
        "translation": translation,
        "source": translation.source,
        "segment": StringSegment.objects.filter(source=translation.source).first(),
        "override": OverridableSegment.objects.filter(source=translation.source).first(),
        "translated": target,
        "locale": Locale.objects.get(language_code=language),
        "collection": collection,
        "image": image,
        "document": document,
        "media": media,
        "redirect": Redirect.objects.create(
            old_path=f"/cu-{slug}", site=channel.site, redirect_page=story
        ),
        "group": Group.objects.get(name=channel.group_name(roles.EDITORS)),
        "colleague": _user(f"colleague-{slug}", channel.group_name(roles.EDITORS)),
        "session": EditingSession.objects.create(
            user=admin,
            content_type=story.content_type,
            object_id=str(story.pk),
            last_seen_at=timezone.now(),
        ),
        "author": Author.objects.create(name=f"Tác giả {slug}", role="Phóng viên"),
        "memory_entry": MemoryEntry.objects.get(source_text=f"Câu mẫu của {slug}"),
        "term": GlossaryTerm.objects.create(
            target_language=language, source_term=f"Thuật ngữ {slug}", required=[slug]
        ),
        "accreditation": accreditation_request(channel, language),
        **_bulletin(channel, story),
        **_press_monitoring(slug, channel, story),
    }


def _press_monitoring(slug: str, channel: Channel, story) -> dict[str, object]:
    """An offer for foreign information of the site's article, and the monitoring desk's
    objects (the desk belongs to the foreign-affairs site; each variant has its own)."""
    feed = Source.objects.create(name=f"Feed {slug}", url=f"https://{slug}.example/rss")
    return {
        "offer": Syndication.objects.create(article=story, channel=channel),
        "feed": feed,
        "rule": KeywordRule.objects.create(phrase=f"Hanoi {slug}"),
        "clipping": Clipping.objects.create(
            source=feed, url=f"https://{slug}.example/1", title=f"Hanoi {slug}", title_key=slug
        ),
        "digest": Digest.objects.create(
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 1, 7),
            pdf=b"%PDF-1.7",
            docx=b"PK",
        ),
    }


def _bulletin(channel: Channel, story) -> dict[str, object]:
    """The site's bulletin with a draft issue, a sent one and a subscriber's links."""
    bulletin = Bulletin.objects.create(
        channel=channel,
        slug=f"ban-tin-{channel.slug}",
        names={"vi": f"Bản tin {channel.slug}"},
        from_email=f"bantin@{channel.slug}.example",
    )
    sent = Issue.objects.create(bulletin=bulletin, number=1, status=Issue.Status.SENT)
    sent.items.create(article=story, position=0)
    subscriber = Subscriber.objects.create(
        bulletin=bulletin,
        email=f"doc-gia@{channel.slug}.example",
        organisation_type="ngo",
        country="FR",
        languages=["en"],
        status=Subscriber.Status.PENDING,
    )
    return {
        "bulletin": bulletin,
        "issue": Issue.objects.create(bulletin=bulletin, number=2),
        "sent_issue": sent,
        "confirm_token": tokens.make(subscriber, tokens.CONFIRM),
        "manage_token": tokens.make(subscriber, tokens.MANAGE),
    }


def build() -> World:
    admin = _user("matrix-admin", superuser=True)
    users = {
        "superuser": admin,
        "editor": _user("matrix-editor", "hanoimoi: editors"),
        "approver": _user("matrix-approver", "hanoimoi: approvers"),
        "translator": _user("matrix-translator", roles.translators_group("en")),
        "reviewer": _user("matrix-reviewer", roles.reviewers_group("en")),
        "press": _user("matrix-press", f"hanoimoi: {roles.PRESS_OFFICERS}"),
        "oversight": _user("matrix-oversight", roles.OVERSIGHT_GROUP),
        "anonymous": None,
    }
    lao = _user("matrix-translator-lo", roles.translators_group("lo"))
    objects = {
        "own": _variant("hanoimoi", "en", users["translator"], admin),
        "other": _variant("songoaivu", "lo", lao, admin),
    }
    # District reports: no matrix role edits a district, so both variants are a district's drafts.
    district = Channel.objects.get(slug="badinh")
    for quarter, variant in enumerate(objects, start=1):
        objects[variant]["report"] = QuarterlyReport.objects.create(
            channel=district, year=2026, quarter=quarter
        )
    return World(users=users, objects=objects)


#: What a refused request must leave as it was: rows that views change.
WATCHED = (
    (WagtailPage, ("id", "live", "locked", "title", "latest_revision_id", "alias_of_id", "path")),
    (Revision, ("id",)),
    (TranslationJob, ("id", "status", "assignee_id", "version", "deadline")),
    (Translation, ("id", "enabled")),
    (TranslationSource, ("id", "last_updated_at")),
    (StringTranslation, ("id", "data")),
    (get_document_model(), ("id", "title", "collection_id")),
    (Media, ("id", "title", "collection_id")),
    (Collection, ("id", "name", "path")),
    (get_user_model(), ("id", "username", "is_active", "is_superuser")),
    (Group, ("id", "name")),
    (GroupPagePermission, ("id",)),
    (Workflow, ("id", "active", "name")),
    (Task, ("id", "active", "name")),
    (WorkflowState, ("id", "status")),
    (TaskState, ("id", "status")),
    (Redirect, ("id", "old_path")),
    (Locale, ("id", "language_code")),
    (PageLogEntry, ("id",)),
    (Author, ("id", "name")),
    (MemoryEntry, ("id", "target_text")),
    (GlossaryTerm, ("id", "source_term", "required")),
    (AccreditationRequest, ("id", "status", "updated_at")),
    (Syndication, ("id", "article_id")),
    (Source, ("id", "url", "active")),
    (KeywordRule, ("id", "phrase")),
    (Clipping, ("id", "status", "tone", "summary_vi")),
    (Digest, ("id",)),
    (QuarterlyReport, ("id", "status", "foreign_events", "return_reason")),
)


def fingerprint() -> list:
    rows = [list(model.objects.order_by("pk").values_list(*fields)) for model, fields in WATCHED]
    rows.append(list(get_image_model().objects.order_by("pk").values_list("id", "title")))
    rows.append(list(Channel.objects.order_by("pk").values_list("id", "site_id")))
    return rows
