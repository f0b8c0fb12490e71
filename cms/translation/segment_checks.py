"""Every check of one translated segment, as the translator sees it beside the segment after each
save (and while typing) and the reviewer sees it on the job: the glossary (``glossary.check_pairs``,
the same code the approval gate runs), the publication checks (``checks.segment_problems``) and
the warnings (``checks.segment_warnings``). A glossary finding carries its fix: the text with the
forbidden rendering replaced by the official term, or the official term to insert."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cms.translation import checks, glossary, memory
from cms.translation.models import GlossaryTerm, TranslationJob


@dataclass(frozen=True)
class Result:
    """One check that failed on one segment. ``blocking``: submit and approval refuse it (the
    glossary's unless a reviewer overrides). ``fix``: the whole corrected text; ``insert``: text
    to insert where the translator's cursor is."""

    kind: str
    message: str
    blocking: bool
    fix: str | None = None
    insert: str | None = None
    term: str = ""

    def as_json(self) -> dict:
        return {
            "kind": self.kind,
            "message": self.message,
            "blocking": self.blocking,
            "fix": self.fix,
            "insert": self.insert,
            "term": self.term,
        }


def _replace_forbidden(target: str, forbidden: tuple[str, ...], official: str) -> str | None:
    """``target`` with each forbidden rendering (any case) replaced by ``official``; None when
    none is found as written (it matched only once folded)."""
    fixed = target
    for rendering in forbidden:
        fixed = re.sub(re.escape(rendering), official.replace("\\", r"\\"), fixed, flags=re.I)
    return fixed if fixed != target else None


def _glossary_results(
    number: int, source: str, target: str, terms: list[GlossaryTerm]
) -> list[Result]:
    by_term = {term.source_term: term for term in terms}
    results = []
    for finding in glossary.check_pairs([(number, source, target)], terms):
        term = by_term[finding.term]
        official = term.required[0] if term.required else ""
        if finding.kind == "forbidden":
            fix = _replace_forbidden(target, finding.renderings, official) if official else None
            results.append(Result("glossary", finding.describe(), True, fix=fix, term=official))
        else:
            results.append(
                Result("glossary", finding.describe(), True, insert=official, term=official)
            )
    return results


def check_segment(
    number: int, source: str, target: str | None, language: str, terms: list[GlossaryTerm]
) -> list[Result]:
    """What is wrong with ``target`` (the ``language`` translation of segment ``number``);
    nothing for an untranslated segment."""
    if not target:
        return []
    results = _glossary_results(number, source, target, terms)
    results += [
        Result(problem.kind, problem.describe(), True)
        for problem in checks.segment_problems(number, source, target, language)
    ]
    results += [
        Result(problem.kind, problem.describe(), False)
        for problem in checks.segment_warnings(number, source, target, language)
    ]
    return results


def job_results(job: TranslationJob) -> list[tuple[int, list[Result]]]:
    """(segment number, its failed checks) for each segment of the job that fails one."""
    terms = glossary.terms_for(job.translation.source.locale.language_code, job.language)
    found = []
    for number, (segment, st) in enumerate(memory.job_segments(job), start=1):
        results = check_segment(number, segment.string.data, st and st.data, job.language, terms)
        if results:
            found.append((number, results))
    return found


def refresh_failures(job: TranslationJob) -> int:
    """Store on the job how many of its segments fail a check (the queue shows it)."""
    job.check_failures = len(job_results(job))
    TranslationJob.objects.filter(pk=job.pk).update(check_failures=job.check_failures)
    return job.check_failures
