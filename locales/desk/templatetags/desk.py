"""The desk's panel above wagtail-localize's translation editor: the job, the glossary terms
in this page's source, and how many segments have an exact memory match."""

from __future__ import annotations

from django import template

from locales.desk import glossary, memory
from locales.desk.models import TranslationJob

register = template.Library()


@register.inclusion_tag("desk/editor_panel.html")
def desk_editor_panel(translation) -> dict:
    job = (
        TranslationJob.objects.open()
        .filter(translation=translation)
        .select_related("assignee", "target_locale", "translation__source__locale")
        .first()
    )
    if job is None:
        return {"job": None}
    source_language = job.translation.source.locale.language_code
    terms = glossary.terms_for(source_language, job.language)
    segments = memory.job_segments(job)
    texts = [segment.string.data for segment, _ in segments]
    found = {term.pk: term for text in texts for term in glossary.terms_in(text, terms)}
    exact = memory.exact_match_count(
        [seg.string.data for seg, st in segments if st is None], source_language, job.language
    )
    return {"job": job, "terms": list(found.values()), "exact": exact}
