"""Glossary checks: official terms per language pair, matched without regard to case,
diacritics or Unicode form. A translation that renders a source term without one of its
required renderings, or uses a forbidden rendering, is blocked at review and publish unless a
reviewer overrides with a logged reason."""

from __future__ import annotations

import html
import re
from dataclasses import asdict, dataclass

from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail_localize.models import StringSegment

from cms.translation import localize_adapter
from cms.translation.models import GlossaryOverride, GlossaryTerm
from locales.text import fold


def _pattern(needle: str) -> re.Pattern | None:
    """The folded ``needle`` as a pattern; Latin words must match whole."""
    needle = fold(needle)
    if not needle:
        return None
    start = r"(?<!\w)" if needle[0].isascii() and needle[0].isalnum() else ""
    end = r"(?!\w)" if needle[-1].isascii() and needle[-1].isalnum() else ""
    return re.compile(start + re.escape(needle) + end)


def contains(haystack_folded: str, needle: str) -> bool:
    """Whether folded ``needle`` occurs in ``haystack_folded``."""
    pattern = _pattern(needle)
    return pattern is not None and pattern.search(haystack_folded) is not None


def display_text(text: str) -> str:
    """A segment as the translation editor shows it: tags and entities removed."""
    return html.unescape(strip_tags(text))


def term_spans(text: str, terms: list[GlossaryTerm]) -> list[tuple[int, int, GlossaryTerm]]:
    """Where each term occurs in ``display_text(text)``, as (start, end, term) character
    offsets, matched like ``contains`` (folded character by character, so offsets map back)."""
    shown = display_text(text)
    folded_chars, origin = [], []
    for index, char in enumerate(shown):
        folded = " " if char.isspace() else fold(char)
        folded_chars.append(folded)
        origin += [index] * len(folded)
    folded = "".join(folded_chars)
    origin.append(len(shown))
    spans = []
    for term in terms:
        pattern = _pattern(term.source_term)
        if pattern is not None:
            spans += [
                (origin[m.start()], origin[m.end() - 1] + 1, term) for m in pattern.finditer(folded)
            ]
    return sorted(spans, key=lambda span: span[0])


@dataclass(frozen=True)
class Finding:
    """One glossary problem in one segment."""

    segment: int
    source: str
    translation: str
    term: str
    kind: str  # "missing" or "forbidden"
    renderings: tuple[str, ...]

    def describe(self) -> str:
        if self.kind == "forbidden":
            return _("segment %(segment)s: “%(term)s” must not be rendered as %(renderings)s") % {
                "segment": self.segment,
                "term": self.term,
                "renderings": ", ".join(f"“{r}”" for r in self.renderings),
            }
        return _("segment %(segment)s: “%(term)s” must be rendered as %(renderings)s") % {
            "segment": self.segment,
            "term": self.term,
            "renderings": " / ".join(f"“{r}”" for r in self.renderings),
        }


class GlossaryBlocked(Exception):
    """Approval or publication blocked by glossary findings."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        super().__init__("; ".join(f.describe() for f in findings))


def terms_for(source_language: str, target_language: str) -> list[GlossaryTerm]:
    return list(
        GlossaryTerm.objects.filter(
            source_language=source_language, target_language=target_language
        )
    )


def terms_in(text: str, terms: list[GlossaryTerm]) -> list[GlossaryTerm]:
    folded = fold(text)
    return [term for term in terms if contains(folded, term.source_term)]


def check_pairs(pairs, terms: list[GlossaryTerm]) -> list[Finding]:
    """``pairs``: (segment number, source text, translated text or None). A forbidden
    rendering is a finding wherever it appears, whether or not the segment's source names the
    term (it must never appear); a required rendering is missing only where the source names
    the term."""
    findings = []
    for number, source, target in pairs:
        if not target:
            continue
        folded_target = fold(target)
        named = terms_in(source, terms)
        for term in terms:
            bad = tuple(r for r in term.forbidden if contains(folded_target, r))
            if bad:
                findings.append(Finding(number, source, target, term.source_term, "forbidden", bad))
            if (
                term in named
                and term.required
                and not any(contains(folded_target, r) for r in term.required)
            ):
                findings.append(
                    Finding(
                        number, source, target, term.source_term, "missing", tuple(term.required)
                    )
                )
    return findings


def segment_pairs(job) -> list[tuple[int, str, str | None]]:
    """(number, source, translation) for each string segment of the job, in page order."""
    segments = localize_adapter.annotate_translation(
        StringSegment.objects.filter(source_id=job.translation.source_id).select_related("string"),
        job.target_locale,
    ).order_by("order")
    return [(n, s.string.data, s.translation) for n, s in enumerate(segments, start=1)]


def check_job(job) -> list[Finding]:
    terms = terms_for(job.translation.source.locale.language_code, job.language)
    if not terms:
        return []
    return check_pairs(segment_pairs(job), terms)


def log_override(job, user, reason: str, findings: list[Finding]) -> GlossaryOverride:
    return GlossaryOverride.objects.create(
        job=job, user=user, reason=reason, findings=[asdict(f) for f in findings]
    )
