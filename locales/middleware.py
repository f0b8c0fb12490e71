"""Request middleware: NFC-normalise every submitted form field and query parameter."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from django.http import HttpRequest, HttpResponse, QueryDict

from locales.text import nfc

if TYPE_CHECKING:
    from django.http.request import _ImmutableQueryDict


def _normalised(data: _ImmutableQueryDict) -> _ImmutableQueryDict:
    if all(nfc(v) == v for key, values in data.lists() for v in [key, *values]):
        return data
    copy = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        copy.setlist(nfc(key), nfc(values))
    copy._mutable = False
    # immutable from here on, as the request's own are (the stubs type those apart)
    return cast("_ImmutableQueryDict", copy)


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
