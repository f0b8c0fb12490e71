"""The desk's panel above wagtail-localize's translation editor: the job, whether the viewer may
change the translation now (and why not), the way to the desk's segment editor and, for the
assignee, Submit for review (the editor's own footer has neither Save nor Submit for them), the
glossary terms in this page's source, how many
segments have an exact memory match, and the data the editor script uses to show matches and
terms beside each segment."""

from __future__ import annotations

from django import template

from cms.translation import editing, glossary, memory, side_doors
from cms.translation import permissions as perms
from cms.translation.models import TranslationJob

register = template.Library()


@register.simple_tag(takes_context=True)
def desk_editor_props(context) -> str:
    """The editor's props with the footer's actions limited to what the viewer may complete."""
    return side_doors.editor_props(context["request"].user, context["instance"], context["props"])


@register.inclusion_tag("desk/editor_panel.html", takes_context=True)
def desk_editor_panel(context, translation) -> dict:
    user = context["request"].user
    job = editing.open_job(translation)
    blocker = editing.blocker(user, translation, job)
    panel = {
        "translation": translation,
        "job": job,
        "blocker": blocker,
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
    }
    if job is None:
        return panel
    source_language = job.translation.source.locale.language_code
    terms = glossary.terms_for(source_language, job.language)
    segments = memory.job_segments(job)
    texts = [segment.string.data for segment, _ in segments]
    found = {term.pk: term for text in texts for term in glossary.terms_in(text, terms)}
    exact = memory.exact_match_count(
        [seg.string.data for seg, st in segments if st is None], source_language, job.language
    )
    can_apply = blocker is None and bool(exact) and perms.can_translate(user, job)
    translates = perms.can_translate(user, job)
    return {
        **panel,
        "terms": list(found.values()),
        "exact": exact,
        "can_apply": can_apply,
        "can_work": translates or perms.can_review(user, job),
        "can_submit": translates and job.status == TranslationJob.Status.IN_PROGRESS,
    }
