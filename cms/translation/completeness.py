"""Language-completeness policy: editions that go out together with the source on its first
publication — those the site's catalogue entry lists, and those written bilingually."""

from __future__ import annotations

from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from cms.core import publishing
from cms.translation import policy
from cms.translation.models import HeldPublication, TranslationJob
from locales import registry
from sites.models import Channel

HOLD_ACTION = "desk.held_for_editions"


def _group(page: Page) -> tuple[Page | None, list[str]]:
    """The source page of ``page``'s story and the editions that must go out with it."""
    channel = Channel.objects.for_page(page)
    if page.locale.language_code == registry.SOURCE_LANGUAGE:
        source = page
    else:
        source = (
            page.get_translations().filter(locale__language_code=registry.SOURCE_LANGUAGE).first()
        )
    if source is None or policy.structural(source):
        return None, []
    codes = list(channel.editions_together) if channel else []
    codes += [
        code
        for code in TranslationJob.objects.filter(source_page=source, together=True)
        .exclude(status=TranslationJob.Status.CANCELLED)
        .values_list("target_locale__language_code", flat=True)
        if code not in codes
    ]
    return (source, codes) if codes else (None, [])


def _editions(source: Page, codes: list[str]) -> dict[str, Page | None]:
    found = {
        p.locale.language_code: p
        for p in source.get_translations(inclusive=True).select_related("locale")
    }
    return {code: found.get(code) for code in [registry.SOURCE_LANGUAGE, *codes]}


def missing_editions(page: Page) -> list[str]:
    """Editions that still stop ``page`` (being approved now) from going out; [] when it may
    be published, including every later publication after the first."""
    source, codes = _group(page)
    if source is None or source.first_published_at is not None:
        return []
    held = set(
        HeldPublication.objects.values_list("page_id", flat=True).filter(
            page__in=[p for p in _editions(source, codes).values() if p is not None]
        )
    )
    return [
        code
        for code, edition in _editions(source, codes).items()
        if edition is None or (edition.pk != page.pk and edition.pk not in held)
    ]


def hold(page: Page, user, missing: list[str]) -> HeldPublication:
    revision = page.get_latest_revision()
    held, _created = HeldPublication.objects.update_or_create(
        page=page, defaults={"revision": revision, "user": user}
    )
    log(
        instance=page,
        action=HOLD_ACTION,
        user=user,
        revision=revision,
        data={"missing": missing},
    )
    if page.locale.language_code == registry.SOURCE_LANGUAGE:
        policy.create_auto_jobs(page, user)
    return held


def hold_message(missing: list[str]) -> str:
    return _(
        "Approved; waiting for the %(editions)s edition(s), which this site publishes "
        "together with it."
    ) % {"editions": ", ".join(missing)}


def release_group(page: Page, user) -> None:
    """Publish every held edition of ``page``'s story once nothing is missing."""
    source, codes = _group(page)
    if source is None:
        return
    for held in HeldPublication.objects.filter(
        page__in=[p for p in _editions(source, codes).values() if p is not None]
    ).select_related("revision"):
        with publishing.route(publishing.APPROVAL):
            held.revision.publish(user=user, skip_permission_checks=True)
        held.delete()
