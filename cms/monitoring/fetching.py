"""Fetching the monitored feeds: one feed's failure (unreachable, slow, huge, malformed) is
recorded on that feed and never stops the others.

Each request is conditional (``If-None-Match`` / ``If-Modified-Since`` with what the outlet
answered last time), bounded in time (connect and read timeouts, and a deadline for the whole
body, so a server trickling bytes cannot hold the worker) and in size (the body is read in
chunks and abandoned past ``MAX_BYTES``). Limits can be changed in settings
(``MONITORING_TIMEOUT_SECONDS``, ``MONITORING_MAX_BYTES``).
"""

from __future__ import annotations

import datetime
import logging
import time
from dataclasses import dataclass

import feedparser
import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.monitoring import intake
from cms.monitoring.matching import Matcher
from cms.monitoring.models import FetchAttempt, KeywordRule, Source

logger = logging.getLogger(__name__)

USER_AGENT = "HanoiForeignPressMonitor/1.0 (Hanoi Department of Foreign Affairs)"
CHUNK = 64 * 1024


def timeout_seconds() -> float:
    return float(getattr(settings, "MONITORING_TIMEOUT_SECONDS", 10))


def max_bytes() -> int:
    return int(getattr(settings, "MONITORING_MAX_BYTES", 5 * 1024 * 1024))


class FeedError(Exception):
    """A feed could not be fetched or read; the message says why, in the staff's language."""

    def __init__(self, message: str, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code


@dataclass
class Download:
    status_code: int
    body: bytes
    etag: str
    last_modified: str


def download(source: Source) -> Download:
    """The feed's body, or a 304 with an empty one; raises ``FeedError``."""
    headers = {"User-Agent": USER_AGENT, "Accept": "application/rss+xml, application/atom+xml, */*"}
    if source.etag:
        headers["If-None-Match"] = source.etag
    if source.last_modified:
        headers["If-Modified-Since"] = source.last_modified
    limit, seconds = max_bytes(), timeout_seconds()
    try:
        response = requests.get(source.url, headers=headers, timeout=seconds, stream=True)
    except requests.Timeout:
        raise FeedError(_("No answer within %(seconds)s seconds.") % {"seconds": seconds}) from None
    except requests.RequestException as error:
        raise FeedError(_("Unreachable: %(error)s") % {"error": error}) from None
    with response:
        if response.status_code == 304:
            return Download(304, b"", source.etag, source.last_modified)
        if response.status_code >= 400:
            raise FeedError(
                _("The server answered %(status)s.") % {"status": response.status_code},
                response.status_code,
            )
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FeedError(_too_large(limit), response.status_code)
        body = bytearray()
        deadline = time.monotonic() + seconds
        try:
            for chunk in response.iter_content(CHUNK):
                body += chunk
                if len(body) > limit:
                    raise FeedError(_too_large(limit), response.status_code)
                if time.monotonic() > deadline:
                    raise FeedError(
                        _("The feed took longer than %(seconds)s seconds to arrive.")
                        % {"seconds": seconds},
                        response.status_code,
                    )
        except requests.RequestException as error:
            raise FeedError(
                _("The connection failed while reading: %(error)s") % {"error": error},
                response.status_code,
            ) from None
        return Download(
            response.status_code,
            bytes(body),
            response.headers.get("ETag", ""),
            response.headers.get("Last-Modified", ""),
        )


def _too_large(limit: int) -> str:
    return _("The feed is larger than %(size)s KB.") % {"size": limit // 1024}


def parse(body: bytes) -> tuple[list, str]:
    """The usable entries of a feed (with a title and a link) and a note when the feed was not
    well-formed but some could be read; raises ``FeedError`` for what is not a feed at all or
    yields nothing readable."""
    parsed = feedparser.parse(body)
    usable = [entry for entry in parsed.entries if entry.get("title") and entry.get("link")]
    problem = str(parsed.get("bozo_exception", "")) if parsed.bozo else ""
    if not parsed.get("version") or (problem and not usable):
        raise FeedError(_("Not a readable RSS or Atom feed: %(error)s") % {"error": problem or "-"})
    note = (
        _("The feed is not well-formed (%(error)s); %(count)s entries could be read.")
        % {"error": problem, "count": len(usable)}
        if problem
        else ""
    )
    return usable, note


def fetch(source: Source, matcher: Matcher | None = None) -> FetchAttempt:
    """Fetch ``source`` once and record the outcome on it; never raises for a bad feed."""
    matcher = matcher or active_matcher()
    now = timezone.now()
    attempt = FetchAttempt(source=source)
    try:
        result = download(source)
        attempt.status_code = result.status_code
        if result.status_code == 304:
            attempt.outcome = Source.Outcome.NOT_MODIFIED
        else:
            entries, attempt.detail = parse(result.body)
            with transaction.atomic():
                attempt.new_clippings = intake.store(source, entries, matcher)
            attempt.entries = len(entries)
            attempt.outcome = Source.Outcome.OK
            source.etag, source.last_modified = result.etag[:500], result.last_modified[:100]
        source.consecutive_errors = 0
        source.last_error = ""
    except FeedError as error:
        attempt.outcome = Source.Outcome.ERROR
        attempt.status_code = error.status_code
        attempt.detail = str(error)
        source.consecutive_errors += 1
        source.last_error = str(error)
        logger.warning("Monitored feed %s failed: %s", source.url, error)
    except Exception as error:  # whatever one outlet sends must not stop the others
        attempt.outcome = Source.Outcome.ERROR
        attempt.detail = _("Unexpected error: %(error)s") % {"error": error}
        source.consecutive_errors += 1
        source.last_error = attempt.detail
        logger.exception("Monitored feed %s failed", source.url)
    source.last_outcome = attempt.outcome
    source.last_fetched_at = now
    source.next_fetch_at = now + datetime.timedelta(minutes=max(source.interval_minutes, 1))
    source.save(
        update_fields=[
            "etag",
            "last_modified",
            "last_outcome",
            "last_error",
            "consecutive_errors",
            "last_fetched_at",
            "next_fetch_at",
        ]
    )
    attempt.save()
    return attempt


def active_matcher() -> Matcher:
    return Matcher(KeywordRule.objects.filter(active=True).values_list("phrase", flat=True))


def claim(source: Source, now: datetime.datetime) -> bool:
    """Take ``source`` for this run: moves its next fetch on, unless another worker did
    first (two runs started a minute apart never fetch the same feed twice)."""
    later = now + datetime.timedelta(minutes=max(source.interval_minutes, 1))
    taken = Source.objects.filter(pk=source.pk, next_fetch_at=source.next_fetch_at).update(
        next_fetch_at=later
    )
    return taken == 1


def fetch_due(now: datetime.datetime | None = None) -> list[FetchAttempt]:
    """Fetch every active feed that is due, one after the other, each on its own."""
    now = now or timezone.now()
    matcher = active_matcher()
    return [fetch(source, matcher) for source in Source.objects.due(now) if claim(source, now)]
