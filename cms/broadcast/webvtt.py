"""WebVTT (https://www.w3.org/TR/webvtt1/): reading uploaded subtitle files, strictly enough
that a browser will show every cue, and writing the cues an edition stores.

Times are whole milliseconds. Reading keeps the cue text as written (tags included); writing
escapes the characters WebVTT reserves, so an editor's "<" or "-->" cannot break the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from locales.text import nfc

#: Largest .vtt file accepted on upload.
MAX_BYTES = 512 * 1024

TIMESTAMP = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
TIMESTAMP_RE = re.compile(rf"^{TIMESTAMP}$")
TIMING_RE = re.compile(rf"^{TIMESTAMP}[ \t]+-->[ \t]+{TIMESTAMP}(?:[ \t]+(.*))?$")
HEADER_RE = re.compile(r"^\ufeff?WEBVTT(?:[ \t].*)?$")


class WebVTTError(ValueError):
    """A file that is not valid WebVTT; the message says where and why, in the reader's
    language."""


@dataclass(frozen=True)
class Cue:
    """One subtitle: shown from ``start`` to ``end`` (milliseconds)."""

    start: int
    end: int
    text: str


def parse_timestamp(value: str) -> int:
    """Milliseconds of a WebVTT timestamp (``mm:ss.ttt`` or ``hh:mm:ss.ttt``)."""
    match = TIMESTAMP_RE.match(value.strip())
    if match is None:
        raise WebVTTError(_("“%(value)s” is not a time such as 01:02.500.") % {"value": value})
    return _millis(*match.groups())


def _millis(hours: str | None, minutes: str, seconds: str, millis: str) -> int:
    return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(millis)


def format_timestamp(millis: int) -> str:
    """``hh:mm:ss.ttt``, as every WebVTT reader accepts."""
    seconds, ms = divmod(millis, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{ms:03d}"


def parse(data: bytes | str) -> list[Cue]:
    """The cues of a WebVTT file; raises :class:`WebVTTError` on the first fault."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise WebVTTError(_("A subtitle file must be UTF-8 text.")) from error
    lines = data.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or not HEADER_RE.match(lines[0]):
        raise WebVTTError(_("A subtitle file must begin with the line “WEBVTT”."))
    cues: list[Cue] = []
    index = 1
    while index < len(lines) and lines[index].strip():  # header block
        if "-->" in lines[index]:
            raise WebVTTError(
                _("Line %(line)d: a blank line must follow the header.") % {"line": index + 1}
            )
        index += 1
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        block_start = index
        while index < len(lines) and lines[index].strip():
            index += 1
        cue = _cue(lines[block_start:index], block_start + 1)
        if cue is None:
            continue
        if cues and cue.start < cues[-1].start:
            raise WebVTTError(
                _("Line %(line)d: cues must be in order of their start times.")
                % {"line": block_start + 1}
            )
        cues.append(cue)
    return cues


def _cue(block: list[str], line: int) -> Cue | None:
    """A cue from one block of lines, or None for a comment, style or region block."""
    first = block[0]
    if first.startswith(("NOTE", "STYLE", "REGION")) and "-->" not in first:
        return None
    if "-->" not in first and len(block) > 1 and "-->" in block[1]:  # a cue identifier
        block, line = block[1:], line + 1
    match = TIMING_RE.match(block[0].strip())
    if match is None:
        raise WebVTTError(
            _("Line %(line)d: “%(text)s” is not a cue timing such as 00:01.000 --> 00:04.000.")
            % {"line": line, "text": block[0][:80]}
        )
    groups = match.groups()
    start, end = _millis(*groups[0:4]), _millis(*groups[4:8])
    if end <= start:
        raise WebVTTError(_("Line %(line)d: a cue must end after it starts.") % {"line": line})
    text = "\n".join(block[1:])
    if "-->" in text:
        raise WebVTTError(_("Line %(line)d: cue text may not contain “-->”.") % {"line": line + 1})
    return Cue(start, end, nfc(text))


def escape(text: str) -> str:
    """Cue text with WebVTT's reserved characters escaped and no blank lines (which would end
    the cue)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "\n".join(line for line in text.replace("\r", "").split("\n") if line.strip())


def render(cues: Iterable[Cue], language: str = "") -> str:
    """A WebVTT file of ``cues``, numbered from 1."""
    out = ["WEBVTT"]
    if language:
        out[0] += f"\nLanguage: {language}"
    for number, cue in enumerate(cues, 1):
        out.append(
            f"{number}\n{format_timestamp(cue.start)} --> {format_timestamp(cue.end)}\n"
            f"{escape(cue.text)}"
        )
    return "\n\n".join(out) + "\n"
