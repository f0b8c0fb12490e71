"""Structured logs: one JSON object a line, each carrying the request id of the request that
wrote it.

The request id is the ``X-Request-ID`` the proxy sent (kept when it is a sane token) or a new
one; it is returned in the response's ``X-Request-ID`` and written in every log line of the
request (``request_id``), so a reader's complaint, the proxy's log and the application's log
meet on one value. Production settings switch the console handler to ``JsonFormatter``
(``json_logging``); development keeps plain lines.

This module is imported by the settings: it uses nothing from Django that needs them loaded.
"""

from __future__ import annotations

import copy
import datetime
import json
import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponseBase

HEADER = "X-Request-ID"
_current: ContextVar[str] = ContextVar("request_id", default="")
_ACCEPTED = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")
_RECORD_FIELDS = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


def request_id_for(given: str | None) -> str:
    """``given`` (a proxy's ``X-Request-ID``) when it is a sane token, else a new id."""
    return given if given and _ACCEPTED.match(given) else uuid.uuid4().hex


def current_request_id() -> str:
    """The id of the request being served in this thread or task, or ``""``."""
    return _current.get()


class RequestIdMiddleware:
    """Takes the proxy's ``X-Request-ID`` (or makes one) for the request's logs and response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        request_id = request_id_for(request.headers.get(HEADER))
        request.request_id = request_id  # type: ignore[attr-defined]
        token = _current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record (empty outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = _current.get()
        return True


class JsonFormatter(logging.Formatter):
    """A record as one JSON object: time (UTC, ISO 8601), level, logger, message, request id,
    the exception if any, and any ``extra`` fields given to the logging call."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "") or _current.get(),
        }
        for key, value in vars(record).items():
            if key not in _RECORD_FIELDS and key not in data and not key.startswith("_"):
                data[key] = value if isinstance(value, str | int | float | bool) else str(value)
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False)


def json_logging(config: dict) -> dict:
    """``config`` (a ``LOGGING`` dictionary) with its console handler writing JSON lines."""
    config = copy.deepcopy(config)
    config.setdefault("formatters", {})["json"] = {"()": "cms.core.logs.JsonFormatter"}
    config.setdefault("filters", {})["request_id"] = {"()": "cms.core.logs.RequestIdFilter"}
    console = config["handlers"]["console"]
    console["formatter"] = "json"
    console.setdefault("filters", []).append("request_id")
    return config
