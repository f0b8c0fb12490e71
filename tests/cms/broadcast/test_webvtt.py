"""WebVTT: what the site writes is valid by an independent check written from the
specification; what editors upload is read strictly, and a malformed file is refused with a
message that says where and why, in the editor's language."""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from cms.broadcast import webvtt
from cms.broadcast.webvtt import Cue

# Written from https://www.w3.org/TR/webvtt1/ independently of cms.broadcast.webvtt.
STAMP = r"(\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}"
TIMING = re.compile(rf"^({STAMP}) --> ({STAMP})( .*)?$")


def seconds(stamp: str) -> float:
    parts = [float(p) for p in stamp.split(":")]
    return sum(value * 60**power for power, value in enumerate(reversed(parts)))


def assert_valid_webvtt(text: str) -> int:
    """Raise AssertionError unless ``text`` is a valid WebVTT file; return its cue count."""
    assert text.startswith("WEBVTT"), "signature"
    assert text[6:7] in ("", " ", "\t", "\n"), "signature must stand alone"
    blocks = re.split(r"\n{2,}", text.strip("\n"))
    count, previous = 0, -1.0
    for block in blocks[1:]:
        lines = block.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        if "-->" not in lines[0]:
            lines = lines[1:]  # identifier
        match = TIMING.match(lines[0])
        assert match, f"timing line: {lines[0]!r}"
        start, end = seconds(match.group(1)), seconds(match.group(3))
        assert end > start and start >= previous, lines[0]
        assert lines[1:] and all(line.strip() for line in lines[1:]), "cue payload"
        assert not any("-->" in line for line in lines[1:]), "payload may not hold -->"
        previous, count = start, count + 1
    return count


def test_rendered_subtitles_are_valid_webvtt():
    text = webvtt.render([Cue(0, 2500, "Xin chào"), Cue(2500, 3_725_125, "Hà Nội\nhôm nay")], "vi")
    assert assert_valid_webvtt(text) == 2
    assert "01:02:05.125" in text


@given(
    st.lists(
        st.tuples(
            st.integers(0, 10_000_000), st.integers(1, 60_000), st.text(min_size=1, max_size=40)
        ),
        max_size=8,
    )
)
def test_any_cue_text_renders_to_valid_webvtt_and_reads_back(items):
    cues, start = [], 0
    for gap, length, text in items:
        if not text.strip():
            continue
        start += gap
        cues.append(Cue(start, start + length, text))
    rendered = webvtt.render(cues)
    assert assert_valid_webvtt(rendered) == len(cues)
    read = webvtt.parse(rendered)
    assert [(c.start, c.end) for c in read] == [(c.start, c.end) for c in cues]


def test_an_uploaded_file_with_identifiers_notes_and_settings_is_read():
    cues = webvtt.parse(
        "\ufeffWEBVTT - Hà Nội\nKind: captions\n\nNOTE biên tập\n\n"
        "intro\n00:01.000 --> 00:04.000 align:start\nXin chào\n\n"
        "01:00:00.000 --> 01:00:02.500\n<i>Kết thúc</i>\n".encode()
    )
    assert cues == [Cue(1000, 4000, "Xin chào"), Cue(3_600_000, 3_602_500, "<i>Kết thúc</i>")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"1\n00:01.000 --> 00:02.000\nHi\n", "must begin with the line “WEBVTT”"),
        (b"WEBVTT\n\n00:01.000 -> 00:02.000\nHi\n", "Line 3: “00:01.000 -> 00:02.000” is not"),
        (b"WEBVTT\n\n00:03.000 --> 00:02.000\nHi\n", "Line 3: a cue must end after it starts"),
        (b"WEBVTT\n\n00:61.000 --> 00:62.000\nHi\n", "Line 3:"),
        (
            b"WEBVTT\n\n00:05.000 --> 00:06.000\nA\n\n00:01.000 --> 00:02.000\nB\n",
            "Line 6: cues must be in order",
        ),
        ("WEBVTT\n\n00:01.000 --> 00:02.000\nà\n".encode("utf-16"), "must be UTF-8"),
    ],
)
def test_malformed_files_are_refused_with_the_line_and_the_reason(content, message):
    with translation.override("en"), pytest.raises(webvtt.WebVTTError, match=re.escape(message)):
        webvtt.parse(content)


def test_the_reason_is_given_in_the_editors_language():
    with translation.override("vi"), pytest.raises(webvtt.WebVTTError) as error:
        webvtt.parse(b"no header")
    assert "WEBVTT" in str(error.value) and "phải" in str(error.value)
