"""The desk's segment editor (the workbench): one screen per job, every segment with its source,
an edit box, its checks, memory suggestions, comments and history; Save and Submit in the header
with the progress in segments and words. Driven from the keyboard by ``desk/workbench.js``.

- Each save runs every check of the segment (``segment_checks``) and answers with the results,
  the job's progress and the new history line; a check without saving answers while typing.
- A memory suggestion fills the edit box as a draft (in the browser): nothing is saved, and the
  progress does not move, until the translator saves it. What differs between the suggestion's
  source and the current source is marked. A machine translation (wagtail-localize's "Translate
  with machine") is a draft too until someone saves it here.
- Who may change a segment: whoever ``editing.blocker`` lets through (the assignee, the
  reviewers once the job is in review, nobody while someone else holds the page's lock).
- Comments: the job's translator and its language's reviewers, both ways, per segment."""

from __future__ import annotations

import difflib
import re
import time
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_POST
from wagtail_localize.models import StringSegment, StringTranslation

from cms.translation import editing, glossary, jobs, memory, segment_checks, segment_versions
from cms.translation import permissions as perms
from cms.translation.forms import VersionForm
from cms.translation.models import MemoryEntry, SegmentEvent, TranslationJob
from locales.text import nfc

Status = TranslationJob.Status
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
MAX_TEXT = 20_000  # characters accepted for one segment or comment


def source_diff(suggested: str, current: str) -> list[tuple[str, str]]:
    """What differs between a suggestion's source and the current source, word by word, as
    (kind, text) chunks: "same", "added" (in the current source only), "removed" (in the
    suggestion's source only)."""
    old = _TOKEN.findall(glossary.display_text(suggested))
    new = _TOKEN.findall(glossary.display_text(current))
    chunks: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            chunks.append(("same", "".join(new[b1:b2])))
            continue
        if a2 > a1:
            chunks.append(("removed", "".join(old[a1:a2])))
        if b2 > b1:
            chunks.append(("added", "".join(new[b1:b2])))
    return chunks


def _words(text: str) -> int:
    return len(glossary.display_text(text).split())


def _confirmed(st: StringTranslation | None) -> bool:
    """A saved translation a person confirmed (a machine translation is still a draft)."""
    return st is not None and st.translation_type != StringTranslation.TRANSLATION_TYPE_MACHINE


@dataclass
class Row:
    """One segment as the workbench shows it."""

    number: int
    segment: StringSegment
    translation: StringTranslation | None
    results: list[segment_checks.Result]
    matches: list[memory.Match] = field(default_factory=list)
    comments: list[SegmentEvent] = field(default_factory=list)
    history: list[SegmentEvent] = field(default_factory=list)
    terms: list = field(default_factory=list)  # (start, end, term) in the shown source

    @property
    def source(self) -> str:
        return self.segment.string.data

    @property
    def state(self) -> str:
        """ "untranslated", "draft" (machine, not confirmed), "exact" (a 100 % memory match
        applied as it stands) or "translated"."""
        if self.translation is None:
            return "untranslated"
        if not _confirmed(self.translation):
            return "draft"
        if self.translation.tool_name == memory.MEMORY_TOOL:
            return "exact"
        return "translated"

    @property
    def source_chunks(self) -> list[tuple[str, object]]:
        """The source as shown, split around glossary terms: (text, term or None)."""
        shown = glossary.display_text(self.source)
        chunks: list[tuple[str, object]] = []
        at = 0
        for start, end, term in self.terms:
            if start < at:
                continue
            chunks += [(shown[at:start], None), (shown[start:end], term)]
            at = end
        return [*chunks, (shown[at:], None)]

    @property
    def version(self) -> str:
        """The stored translation's version, which a save from this screen is based on."""
        return segment_versions.version_of(self.translation.data if self.translation else "")

    @property
    def has_markup(self) -> bool:
        return "<" in self.source

    @property
    def suggestions(self) -> list[dict]:
        return [
            {
                "match": match,
                "diff": [] if match.exact else source_diff(match.entry.source_text, self.source),
            }
            for match in self.matches
        ]


def progress(rows: list[Row]) -> dict:
    """Segments and words translated (confirmed), of all."""
    done = [row for row in rows if _confirmed(row.translation)]
    total_words = sum(_words(row.source) for row in rows)
    done_words = sum(_words(row.source) for row in done)
    return {
        "segments_done": len(done),
        "segments_total": len(rows),
        "words_done": done_words,
        "words_total": total_words,
        "percent": 100 if not rows else int(len(done) * 100 / len(rows)),
        "failing": sum(1 for row in rows if row.results),
    }


def _rows(job: TranslationJob, *, suggestions: bool) -> list[Row]:
    source_language = job.translation.source.locale.language_code
    terms = glossary.terms_for(source_language, job.language)
    events: dict[int, list[SegmentEvent]] = {}
    for event in job.segment_events.select_related("actor"):
        events.setdefault(event.context_id, []).append(event)
    rows = []
    for number, (segment, st) in enumerate(memory.job_segments(job), start=1):
        text = segment.string.data
        mine = events.get(segment.context_id, [])
        row = Row(
            number=number,
            segment=segment,
            translation=st,
            results=segment_checks.check_segment(number, text, st and st.data, job.language, terms),
            comments=[e for e in mine if e.kind == SegmentEvent.Kind.COMMENT],
            history=[e for e in mine if e.kind == SegmentEvent.Kind.SAVED],
            terms=glossary.term_spans(text, terms),
        )
        if suggestions and not _confirmed(st):
            row.matches = memory.lookup(text, source_language, job.language)
        rows.append(row)
    return rows


def _may_change(user, job: TranslationJob) -> str | None:
    """Why ``user`` may not change the job's segments (translated), or None."""
    if not (perms.can_translate(user, job) or perms.can_review(user, job)):
        raise PermissionDenied
    return editing.blocker(user, job.translation, job)


def _may_comment(user, job: TranslationJob) -> bool:
    return job.is_open and (perms.can_translate(user, job) or perms.can_review(user, job))


def workbench(request: HttpRequest, job_id: int) -> HttpResponse:
    job = jobs.viewable(request.user, job_id)
    user = request.user
    may_edit = perms.can_translate(user, job) or perms.can_review(user, job)
    blocker = editing.blocker(user, job.translation, job) if may_edit else None
    rows = _rows(job, suggestions=may_edit and blocker is None)
    untranslated = [row.source for row in rows if row.translation is None]
    exact = memory.exact_match_count(
        untranslated, job.translation.source.locale.language_code, job.language
    )
    return TemplateResponse(
        request,
        "desk/workbench.html",
        {
            "header_title": job.source_page.title,
            "job": job,
            "rows": rows,
            "progress": progress(rows),
            "editable": may_edit and blocker is None,
            "blocker": blocker,
            "can_comment": _may_comment(user, job),
            "can_submit": perms.can_translate(user, job) and job.status == Status.IN_PROGRESS,
            "exact": exact if perms.can_translate(user, job) and blocker is None else 0,
            "version_form": VersionForm(initial={"version": job.version}),
        },
    )


def _segment(job: TranslationJob, segment_id: int) -> StringSegment:
    return get_object_or_404(
        StringSegment.objects.select_related("string"),
        pk=segment_id,
        source_id=job.translation.source_id,
    )


def _text(request: HttpRequest, name: str = "text") -> str:
    text = nfc(request.POST.get(name, ""))
    if len(text) > MAX_TEXT:
        raise Http404
    return text


def _number(job: TranslationJob, segment: StringSegment) -> int:
    return (
        StringSegment.objects.filter(
            source_id=job.translation.source_id, order__lt=segment.order
        ).count()
        + 1
    )


def _results_json(job: TranslationJob, segment: StringSegment, text: str) -> list[dict]:
    terms = glossary.terms_for(job.translation.source.locale.language_code, job.language)
    number = _number(job, segment)
    return [
        result.as_json()
        for result in segment_checks.check_segment(
            number, segment.string.data, text, job.language, terms
        )
    ]


def _event_json(event: SegmentEvent) -> dict:
    return {
        "kind": event.kind,
        "when": date_format(timezone.localtime(event.created_at), "SHORT_DATETIME_FORMAT"),
        "who": event.actor.get_username() if event.actor else "—",
        "text": event.text,
        "previous": event.previous,
        "origin": event.origin,
    }


@require_POST
def check(request: HttpRequest, job_id: int, segment_id: int) -> JsonResponse:
    """The checks of a text not yet saved (while the translator types)."""
    job = jobs.viewable(request.user, job_id)
    _may_change(request.user, job)
    segment = _segment(job, segment_id)
    return JsonResponse({"results": _results_json(job, segment, _text(request))})


def _fields(request: HttpRequest, job: TranslationJob, text: str) -> dict:
    """The ``StringTranslation`` fields of a save: a memory suggestion saved as it stands keeps
    provenance "memory", edited it is "post-edited"; anything else is the translator's own."""
    fields = {
        "data": text,
        "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
        "tool_name": "",
        "last_translated_by": request.user,
        "has_error": False,
        "field_error": "",
    }
    entry_id = request.POST.get("entry", "")
    if entry_id.isdigit():
        entry = MemoryEntry.objects.filter(
            pk=int(entry_id),
            source_language=job.translation.source.locale.language_code,
            target_language=job.language,
        ).first()
        if entry is not None:
            same = nfc(entry.target_text) == text
            fields["tool_name"] = (
                memory.MEMORY_TOOL if same else memory.POST_EDITED_PREFIX + (memory.MEMORY_TOOL)
            )
    return fields


@require_POST
def save(request: HttpRequest, job_id: int, segment_id: int) -> JsonResponse:
    """Save (and so confirm) one segment's translation; answer with its checks, the job's
    progress and the history line. An empty text removes the translation. One transaction:
    one commit, whatever the signals write. The time spent here, commit included, is in the
    ``Server-Timing`` header (the browser journey reports it)."""
    started = time.perf_counter()
    with transaction.atomic():
        response = _save(request, job_id, segment_id)
    response["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
    return response


def _save(request: HttpRequest, job_id: int, segment_id: int) -> JsonResponse:
    job = jobs.viewable(request.user, job_id)
    reason = _may_change(request.user, job)
    if reason is not None:
        return JsonResponse({"detail": reason}, status=409)
    segment = _segment(job, segment_id)
    refusal = segment_versions.conflict(
        job.translation, segment, request.POST.get("version"), request.user
    )
    if refusal is not None:
        return refusal
    text = _text(request).strip()
    key = {
        "translation_of_id": segment.string_id,
        "locale_id": job.target_locale_id,
        "context_id": segment.context_id,
    }
    previous = StringTranslation.objects.filter(**key).first()
    origin = ""
    with jobs.refresh_deferred():
        if text:
            st, _created = StringTranslation.objects.update_or_create(
                **key, defaults=_fields(request, job, text)
            )
            origin = str(MemoryEntry.Provenance(memory.provenance_of(st)).label)
        else:
            StringTranslation.objects.filter(**key).delete()
    event = None
    changed = previous.data != text or not _confirmed(previous) if previous else bool(text)
    if changed:
        event = SegmentEvent.objects.create(
            job=job,
            context_id=segment.context_id,
            actor_id=request.user.pk,
            kind=SegmentEvent.Kind.SAVED,
            text=text,
            previous=previous.data if previous else "",
            origin=origin,
        )
        event.actor = request.user  # type: ignore[assignment]
    rows = _rows(job, suggestions=False)
    row = next(row for row in rows if row.segment.pk == segment.pk)
    figures = progress(rows)
    jobs.store_figures(job, figures["percent"], figures["failing"])
    return JsonResponse(
        {
            "state": row.state,
            "results": [result.as_json() for result in row.results],
            "progress": figures,
            "event": _event_json(event) if event else None,
            "version": row.version,
        }
    )


@require_POST
def comment(request: HttpRequest, job_id: int, segment_id: int) -> JsonResponse:
    """A comment on one segment, from the translator to the reviewer or back."""
    job = jobs.viewable(request.user, job_id)
    if not _may_comment(request.user, job):
        raise PermissionDenied
    segment = _segment(job, segment_id)
    text = _text(request).strip()
    if not text:
        return JsonResponse({"detail": ""}, status=400)
    event = SegmentEvent.objects.create(
        job=job,
        context_id=segment.context_id,
        actor_id=request.user.pk,
        kind=SegmentEvent.Kind.COMMENT,
        text=text,
    )
    return JsonResponse({"event": _event_json(event)})
