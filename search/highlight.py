"""Highlighted titles and excerpts, computed in Python with the same word segmentation as the
index, so marks fall on whole words in Chinese, Lao and Khmer (which have no spaces) and on
the written form with diacritics in Vietnamese whatever the reader typed."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search import analysis

EXCERPT_LENGTH = 220
CONTEXT_BEFORE = 60


def _spans(text: str, language: str, query: list[analysis.Token], query_text: str) -> list:
    words = {t.word for t in query}
    folded = {t.folded for t in query}
    tokens = analysis.analyse(text, language)
    spans = [(t.start, t.end) for t in tokens if t.word in words or t.folded in folded]
    # Vietnamese words typed joined ("hanoi"): the syllables they stand for, one after another.
    for form in {form for t in query for form in t.joined}:
        syllables = form.split()
        for i in range(len(tokens) - len(syllables) + 1):
            window = tokens[i : i + len(syllables)]
            if [t.folded for t in window] == syllables:
                spans.append((window[0].start, window[-1].end))
    # Sub-words (Chinese, Lao, Khmer): the query word anywhere in a run, across the
    # segmenter's words, compared in canonical form (offsets are the same in both).
    searched = analysis.canonical(text, language).casefold()
    if len(searched) == len(text):
        for t in query:
            if t.grams:
                part = analysis.canonical(query_text[t.start : t.end], language).casefold()
                spans.extend((m.start(), m.end()) for m in re.finditer(re.escape(part), searched))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):  # overlapping or adjacent words share one mark
        if merged and merged[-1][1] >= start:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    out: list[str] = []
    position = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        out.append(escape(text[position:span_start]))
        out.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    out.append(escape(text[position:end]))
    return "".join(out)


def highlight(text: str, language: str, query_text: str) -> SafeString:
    """All of ``text`` (a title) with the query's words marked."""
    text = analysis.clean(text, language)
    query_text = analysis.clean(query_text, language)
    query = analysis.query_tokens(query_text, language)
    return mark_safe(_render(text, _spans(text, language, query, query_text), 0, len(text)))


def excerpt(text: str, language: str, query_text: str, length: int = EXCERPT_LENGTH) -> SafeString:
    """About ``length`` characters of ``text`` around the first match, words marked; cut on
    word boundaries, with ellipses where text was left out."""
    text = analysis.clean(" ".join(text.split()), language)
    query_text = analysis.clean(query_text, language)
    query = analysis.query_tokens(query_text, language)
    spans = _spans(text, language, query, query_text)
    boundaries = [0, *(t.start for t in analysis.analyse(text, language)), len(text)]
    first = spans[0][0] if spans else 0
    start = max((b for b in boundaries if b <= max(0, first - CONTEXT_BEFORE)), default=0)
    end = min((b for b in boundaries if b >= start + length), default=len(text))
    body = _render(text, spans, start, end)
    return mark_safe(("… " if start else "") + body + (" …" if end < len(text) else ""))
