"""Reviews of procedure records: who must check which record by when, the reminders sent to
the owner before and after the review date, and the public read-out other apps use.

Public interface (read by the oversight dashboard; nothing else here is public):

- :func:`overdue` — ``overdue(today=None, channel=None) -> list[Review]``: every live
  procedure (its Vietnamese source record) whose review date has passed, most overdue first.
- :class:`Review` — one record's review: page id, title, code, channel slug, owner
  (id, username, e-mail), review date, ``days_overdue`` (positive when overdue, 0 on the day,
  negative before) and ``edit_path`` (the admin editor, a path on any site's host).

Reminders (:func:`send_reminders`, run by the scheduled task :func:`send_review_reminders`):
the owner is reminded once per threshold, in their admin language, through the outbox:
``BEFORE_DAYS`` days before the review date, on the day (or at the first run after it), then
every ``OVERDUE_EVERY`` days while the review is overdue. A reminder is recorded before its
e-mail is stored, both in one transaction, and keyed, so a run that is repeated or
overlaps another sends nothing twice.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.models import Page

from cms.outbox.backend import KEY_HEADER
from cms.procedures.models import ProcedurePage, ReviewReminder
from locales import registry
from sites.models import HOME_PATH_LENGTH, Channel

BEFORE_DAYS = 14
OVERDUE_EVERY = 7


@dataclass(frozen=True)
class Review:
    """A procedure record's review, as the oversight views read it."""

    page_id: int
    title: str
    code: str
    channel: str
    owner_id: int | None
    owner_username: str
    owner_email: str
    review_date: datetime.date
    days_overdue: int
    edit_path: str

    @property
    def is_overdue(self) -> bool:
        return self.days_overdue > 0

    @property
    def days_left(self) -> int:
        return -self.days_overdue


def _today() -> datetime.date:
    return timezone.localdate()


def reviews(today: datetime.date | None = None, channel: str | None = None) -> list[Review]:
    """Every live procedure record (Vietnamese source) with its review, soonest first (two
    queries)."""
    today = today or _today()
    homes = {
        c.home_page.path: c.slug
        for c in Channel.objects.filter(home_page__isnull=False).select_related("home_page")
        if c.home_page is not None
    }
    pages = (
        ProcedurePage.objects.live()
        .filter(locale__language_code=registry.SOURCE_LANGUAGE)
        .select_related("review_owner")
        .only("title", "code", "path", "review_date", "review_owner")
        .order_by("review_date", "pk")
    )
    found = []
    for page in pages:
        slug = homes.get(page.path[:HOME_PATH_LENGTH], "")
        if channel is not None and slug != channel:
            continue
        owner = page.review_owner
        found.append(
            Review(
                page_id=page.pk,
                title=page.title,
                code=page.code,
                channel=slug,
                owner_id=owner.pk if owner else None,
                owner_username=owner.get_username() if owner else "",
                owner_email=owner.email if owner else "",
                review_date=page.review_date,
                days_overdue=(today - page.review_date).days,
                edit_path=reverse("wagtailadmin_pages:edit", args=[page.pk]),
            )
        )
    return found


def overdue(today: datetime.date | None = None, channel: str | None = None) -> list[Review]:
    """Procedure records whose review date has passed, most overdue first."""
    late = [review for review in reviews(today, channel) if review.is_overdue]
    return sorted(late, key=lambda review: (-review.days_overdue, review.page_id))


def threshold(review_date: datetime.date, today: datetime.date) -> str | None:
    """The reminder due for ``review_date`` on ``today``, or None: ``before-14`` in the two
    weeks before, ``due`` from the day itself, ``overdue-N`` from N weeks after."""
    days_left = (review_date - today).days
    if days_left > BEFORE_DAYS:
        return None
    if days_left > 0:
        return f"before-{BEFORE_DAYS}"
    weeks = -days_left // OVERDUE_EVERY
    return "due" if weeks == 0 else f"overdue-{weeks}"


def user_language(user) -> str:
    """The admin language ``user`` chose, else the site's default language."""
    profile = getattr(user, "wagtail_userprofile", None)
    language = profile.preferred_language if profile else ""
    permitted = {code for code, _name in settings.WAGTAILADMIN_PERMITTED_LANGUAGES}
    return language if language in permitted else settings.LANGUAGE_CODE


def _admin_base_url(site_root: str) -> str:
    configured = getattr(settings, "CMS_ADMIN_BASE_URL", "")
    return (configured or site_root or settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def _message(review: Review, title: str, language: str) -> tuple[str, str]:
    values = {
        "title": title,
        "code": review.code,
        "date": formats.date_format(review.review_date, "DATE_FORMAT"),
        "days": abs(review.days_overdue),
    }
    if review.days_overdue < 0:
        subject = _("Procedure review in %(days)s days: %(title)s") % values
    elif review.days_overdue == 0:
        subject = _("Procedure review due today: %(title)s") % values
    else:
        subject = _("Procedure review overdue by %(days)s days: %(title)s") % values
    body = (
        _(
            "You own the record of the procedure “%(title)s” (code %(code)s), to be reviewed by "
            "%(date)s. Check it against the rules in force, update what changed and set the next "
            "review date:"
        )
        % values
    )
    return subject, body


def send_reminders(today: datetime.date | None = None) -> int:
    """Remind owners whose records reach a threshold; each threshold once. Returns how many
    reminders were sent."""
    today = today or _today()
    due = []
    for review in reviews(today):
        key = threshold(review.review_date, today)
        if key is not None and review.owner_id is not None and review.owner_email:
            due.append((review, key))
    if not due:
        return 0
    ids = [r.page_id for r, _key in due]
    sent = set(
        ReviewReminder.objects.filter(procedure_id__in=ids).values_list(
            "procedure_id", "review_date", "threshold"
        )
    )
    due = [(r, key) for r, key in due if (r.page_id, r.review_date, key) not in sent]
    if not due:
        return 0
    owners = {
        user.pk: user
        for user in get_user_model()
        .objects.filter(pk__in={r.owner_id for r, _key in due}, is_active=True)
        .select_related("wagtail_userprofile")
    }
    sources = Page.objects.filter(pk__in=ids).values_list("pk", "translation_key")
    keys = dict(sources)
    titles = {
        (key, code): title
        for key, code, title in Page.objects.filter(translation_key__in=keys.values()).values_list(
            "translation_key", "locale__language_code", "title"
        )
    }
    sites = {
        c.slug: c.site.root_url if c.site else ""
        for c in Channel.objects.filter(slug__in={r.channel for r, _k in due}).select_related(
            "site"
        )
    }
    count = 0
    for review, key in due:
        owner = owners.get(review.owner_id or 0)
        if owner is None:
            continue
        language = user_language(owner)
        title = titles.get((keys[review.page_id], language), review.title)
        with translation.override(language):
            subject, text = _message(review, title, language)
        link = _admin_base_url(sites.get(review.channel, "")) + review.edit_path
        try:
            with transaction.atomic():
                ReviewReminder.objects.create(
                    procedure_id=review.page_id,
                    review_date=review.review_date,
                    threshold=key,
                    recipient=owner,
                )
                EmailMessage(
                    subject,
                    f"{text}\n\n{link}\n",
                    settings.DEFAULT_FROM_EMAIL,
                    [owner.email],
                    headers={
                        KEY_HEADER: f"procedure-review:{review.page_id}:{review.review_date}:{key}"
                    },
                ).send()
        except IntegrityError:
            continue  # another run sent this one
        count += 1
    return count


@task()
def send_review_reminders() -> int:
    """The scheduled task: remind the owners of records due for review."""
    return send_reminders()
