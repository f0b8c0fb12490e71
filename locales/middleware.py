"""Request middleware: the reader's language (Django's negotiation, with English rather than
the source language for readers whose browser asks for no edition language), and NFC
normalisation of every submitted form field and query parameter."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.http import HttpRequest, HttpResponse, QueryDict
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header

from locales import registry
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


def reader_language(request: HttpRequest, check_path: bool = True) -> str:
    """The language of ``request``: the path's prefix, the language cookie, the first
    Accept-Language entry we publish (``de-CH, fr`` → none; ``fr, vi;q=0.5`` → vi), else
    ``registry.FOREIGN_READER_LANGUAGE``. Django's own negotiation ends in ``LANGUAGE_CODE``,
    the source language, which foreign readers mostly cannot read."""
    if check_path:
        prefixed = translation.get_language_from_path(request.path_info)
        if prefixed is not None:
            return prefixed
    asked = [request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or ""]
    asked += [
        code
        for code, _quality in parse_accept_lang_header(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
    ]
    for code in asked:
        if code in ("", "*"):
            continue
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return registry.FOREIGN_READER_LANGUAGE


NEWSROOM_PREFIX = "/admin/"


class ReaderLocaleMiddleware(LocaleMiddleware):
    """Django's ``LocaleMiddleware`` (which also redirects ``/`` and unprefixed addresses to
    ``/<language>/…``) choosing the language with ``reader_language``. Every language is
    prefixed (``prefix_default_language=True``), so the source language gets no special case."""

    def process_request(self, request: HttpRequest) -> None:
        if request.path_info.startswith(NEWSROOM_PREFIX):
            # The newsroom's screens keep Django's negotiation, which ends in the source
            # language; Wagtail then applies each user's chosen admin language.
            translation.activate(translation.get_language_from_request(request))
            request.LANGUAGE_CODE = translation.get_language()
            return
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        i18n_patterns_used, _prefixed_default = is_language_prefix_patterns_used(urlconf)
        translation.activate(reader_language(request, check_path=i18n_patterns_used))
        request.LANGUAGE_CODE = translation.get_language()
