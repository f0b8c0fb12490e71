"""Request middleware: NFC-normalise every submitted form field and query parameter."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, QueryDict

from locales.text import nfc


def _normalised(data: QueryDict) -> QueryDict:
    if all(nfc(v) == v for key, values in data.lists() for v in [key, *values]):
        return data
    copy = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        copy.setlist(nfc(key), nfc(values))
    copy._mutable = False
    return copy


class NFCInputMiddleware:
    """Text from keyboards arrives in NFC or NFD; store and compare one form only."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.GET = _normalised(request.GET)
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            request.POST = _normalised(request.POST)
        return self.get_response(request)
