"""The publication gate for translations.

A translated page (the target of a wagtail-localize translation) goes live only by the final
approval of its translation workflow (or, once approved, at its scheduled go-live time), and
only when the desk's checks pass on the content being published:

- every segment translated (wagtail-localize's progress for a synced translation; for any
  translation, no segment left in the source text);
- no glossary finding that no reviewer or approver overrode with a logged reason;
- not out of date with its source (its latest job is not "source changed");
- markup, placeholders and script of each segment as the source requires.

``publication_gate`` is registered with ``cms.core.publishing``, which ``BasePage.publish``
calls on every route, so the editor's Publish button, bulk actions, the admin API and
wagtail-localize's "publish translations" are refused whatever view they come through."""

from __future__ import annotations

from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page, Revision
from wagtail_localize.models import StringSegment, Translation
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from cms.core import publishing
from cms.translation import checks, glossary
from cms.translation.models import TranslationJob
from locales import registry

Status = TranslationJob.Status
REFUSED_ACTION = "desk.publication_refused"


def translation_of(page: Page) -> Translation | None:
    """The wagtail-localize translation whose target is ``page`` (synced or stopped), if any."""
    if page.locale.language_code == registry.SOURCE_LANGUAGE:
        return None
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id
        )
        .exclude(source__locale_id=page.locale_id)
        .select_related("source__locale", "target_locale")
        .first()
    )


def is_translation(page: Page) -> bool:
    return translation_of(page) is not None


def latest_job(page: Page) -> TranslationJob | None:
    return (
        TranslationJob.objects.filter(
            translation__source__object_id=page.translation_key, target_locale_id=page.locale_id
        )
        .exclude(status=Status.CANCELLED)
        .order_by("-created_at")
        .first()
    )


def _content_pairs(translation: Translation, content: Page) -> list[tuple[int, str, str | None]]:
    """(number, source, text in ``content``) per string segment of the source, in page order;
    the number is the one the job page and the glossary use. Then (number, "", text) for each
    text ``content`` has and its source does not (written in the page editor after sync was
    stopped), numbered on from the source's."""
    target = {
        segment.path: segment.string.data
        for segment in extract_segments(content)
        if isinstance(segment, StringSegmentValue)
    }
    segments = (
        StringSegment.objects.filter(source=translation.source)
        .select_related("string", "context")
        .order_by("order")
    )
    pairs: list[tuple[int, str, str | None]] = [
        (number, segment.string.data, target.pop(segment.context.path, None))
        for number, segment in enumerate(segments, start=1)
    ]
    return pairs + [(len(pairs) + n, "", text) for n, text in enumerate(target.values(), start=1)]


def _overridden(page: Page) -> set[tuple]:
    """Glossary findings a reviewer or approver let through with a logged reason."""
    return {
        (finding["segment"], finding["term"], finding["kind"])
        for job in TranslationJob.objects.filter(
            translation__source__object_id=page.translation_key, target_locale_id=page.locale_id
        ).prefetch_related("overrides")
        for override in job.overrides.all()
        for finding in override.findings
    }


def problems(
    page: Page, revision: Revision | None = None, *, with_glossary: bool = True
) -> list[str]:
    """Why ``revision`` (default: the latest) of the translated ``page`` may not go live, each
    naming its segment; [] when it may, or when ``page`` is not a translation.
    ``with_glossary=False`` leaves out the glossary, which the reviewer's approval checks with
    its own override."""
    translation = translation_of(page)
    if translation is None:
        return []
    revision = revision or page.get_latest_revision()
    content = revision.as_object() if revision is not None else page.specific
    language = page.locale.language_code
    found: list[str] = []
    job = latest_job(page)
    if job is not None and job.status == Status.SOURCE_CHANGED:
        found.append(_("the source changed since it was translated; bring it up to date first"))
    pairs = _content_pairs(translation, content)
    if translation.enabled:
        total, done = translation.get_progress()
        if done < total:
            found.append(
                _("%(done)s of %(total)s segments translated; every segment must be")
                % {"done": done, "total": total}
            )
    for number, source, target in pairs:
        if target is None or not source:
            continue
        found += [
            problem.describe()
            for problem in checks.segment_problems(number, source, target, language)
        ]
    terms = glossary.terms_for(translation.source.locale.language_code, language)
    if terms and with_glossary:
        overridden = _overridden(page)
        found += [
            finding.describe()
            for finding in glossary.check_pairs(pairs, terms)
            if (finding.segment, finding.term, finding.kind) not in overridden
        ]
    return found


def refusal_message(found: list[str]) -> str:
    return _("Not published: %(problems)s.") % {"problems": "; ".join(found)}


def log_refusal(page: Page, user, found: list[str], revision: Revision | None = None) -> None:
    log(
        instance=page, action=REFUSED_ACTION, user=user, revision=revision, data={"problems": found}
    )


@publishing.register_gate
def publication_gate(page: Page, revision: Revision | None, user, route: str) -> None:
    """Refuse any publication of a translation that is not its workflow's approval (or the
    scheduled go-live of an approved revision), or that fails the desk's checks."""
    if translation_of(page) is None:
        return
    if route not in (publishing.APPROVAL, publishing.SCHEDULED):
        raise publishing.PublicationRefused(
            _(
                "A translation goes live only through its translation workflow's approval; "
                "nothing was published."
            )
        )
    found = problems(page, revision)
    if found:
        log_refusal(page, user, found, revision)
        if route == publishing.SCHEDULED and revision is not None:
            # the scheduler would otherwise retry it every minute
            Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=None)
        raise publishing.PublicationRefused(refusal_message(found))
