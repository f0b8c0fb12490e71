"""The reader search page (``/<language>/search/``) and the JSON endpoint for apps
(``/api/search/?lang=…&q=…``)."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html
from django.utils.translation import get_language, get_supported_language_variant, override
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site, get_page_models

from cms.core.chrome import build_chrome
from cms.news.models import Topic
from locales import registry
from search import spelling
from search.documents import MAX_QUERY_LENGTH, SearchRequest
from search.engines import EngineUnavailable, SearchResults, get_engine
from search.forms import SearchForm
from search.highlight import excerpt, highlight
from search.spelling import Suggestion
from sites.models import Channel

logger = logging.getLogger(__name__)
PAGE_SIZE = 10


@dataclass
class Outcome:
    """Everything a results page or the JSON endpoint shows."""

    form: SearchForm
    language: str
    query: str
    scope: str
    results: SearchResults | None = None
    unavailable: bool = False
    hits: list[dict] | None = None
    facets: dict | None = None
    suggestions: list[dict] | None = None
    scope_choice: bool = False
    did_you_mean: Suggestion | None = None
    did_you_mean_url: str = ""
    #: The query had more than MAX_QUERY_LENGTH characters; ``query`` is what was searched.
    truncated: bool = False
    #: What the reader typed when the results are those of the suggestion, and the link that
    #: searches for it as typed.
    corrected_from: str = ""
    as_typed_url: str = ""

    @property
    def pages(self) -> int:
        return math.ceil(self.results.total / PAGE_SIZE) if self.results else 0


def _channel(request: HttpRequest) -> Channel | None:
    return Channel.objects.for_site(Site.find_for_request(request))


def _request(form: SearchForm, language: str, channel_slug: str | None, **changes) -> SearchRequest:
    values = {
        "text": form.query,
        "language": language,
        "channel": channel_slug,
        "filters": form.filters(),
        "date_from": form.value("date_from"),
        "date_to": form.value("date_to"),
        "page": form.value("page", 1),
        "page_size": PAGE_SIZE,
    }
    values.update(changes)
    return SearchRequest(**values)


def run(request: HttpRequest, language: str) -> Outcome:
    """Search for ``request``'s parameters in ``language``; engine trouble is reported, never
    raised."""
    form = SearchForm(request.GET)
    channel = _channel(request)
    on_channel = channel is not None and channel.kind != "directory"
    scope = form.value("scope", "site" if on_channel else "all")
    scope = scope if on_channel else "all"
    outcome = Outcome(
        form=form,
        language=language,
        query=form.query[:MAX_QUERY_LENGTH],
        scope=scope,
        scope_choice=on_channel,
        truncated=form.truncated,
    )
    if not outcome.query:
        return outcome
    channel_slug = channel.slug if channel is not None and on_channel and scope == "site" else None
    search_request = _request(form, language, channel_slug)
    engine = get_engine()
    try:
        answer = spelling.search(engine, search_request, as_typed=form.value("as_typed", False))
        search_request, outcome.results = answer.request, answer.results
        if not outcome.results.total:
            outcome.suggestions = _suggestions(engine, form, language, channel_slug)
        outcome.did_you_mean = answer.suggestion
    except EngineUnavailable as error:
        logger.warning("search: engine unavailable: %s", error)
        outcome.unavailable = True
        return outcome
    if outcome.did_you_mean:
        outcome.did_you_mean_url = search_url(request, language, q=outcome.did_you_mean.query)
    if answer.corrected_from:
        outcome.corrected_from = outcome.query
        outcome.query = search_request.text
        outcome.as_typed_url = search_url(request, language, as_typed="1")
    outcome.hits = _hits(request, outcome.results.hits, search_request)
    outcome.facets = _facets(outcome.results.facets)
    return outcome


def search_url(request: HttpRequest, language: str, **changes: str) -> str:
    """The results page in ``language`` with ``request``'s query, scope and filters (not its
    page number), and ``changes``."""
    params = request.GET.copy()
    for name in ("page", "lang", "language", "as_typed"):
        params.pop(name, None)
    for name, value in changes.items():
        params[name] = value
    with override(language):
        path = reverse("search")
    return f"{path}?{params.urlencode()}" if params else path


def _suggestions(engine, form: SearchForm, language: str, channel_slug: str | None) -> list[dict]:
    """When nothing is found: the same query on all channels, then in the other languages."""
    suggestions = []
    if channel_slug:
        total = engine.search(_request(form, language, None, page=1)).total
        if total:
            suggestions.append({"kind": "all", "count": total})
    for code in registry.CODES:
        if code != language:
            total = engine.search(_request(form, code, None, page=1, filters={})).total
            if total:
                with override(code):
                    url = reverse("search")
                suggestions.append(
                    {"kind": "language", "language": registry.get(code), "count": total, "url": url}
                )
    return suggestions


def _hits(request: HttpRequest, hits: list[dict], search_request: SearchRequest) -> list[dict]:
    """Hits with highlights, channel names and the other editions of each (two queries)."""
    channels = {c.slug: c for c in Channel.objects.filter(slug__in={h["channel"] for h in hits})}
    editions: dict[str, list[dict]] = {}
    translations = (
        Page.objects.live()
        .filter(translation_key__in={h["translation_key"] for h in hits})
        .exclude(locale__language_code=search_request.language)
        .select_related("locale")
        .order_by("locale__language_code")
    )
    for page in translations:
        editions.setdefault(str(page.translation_key), []).append(
            {"language": registry.get(page.locale.language_code), "url": page.get_url(request)}
        )
    order = {code: i for i, code in enumerate(registry.CODES)}
    for links in editions.values():
        links.sort(key=lambda link: order[link["language"].code])
    out = []
    for hit in hits:
        language, query = search_request.language, search_request.text
        out.append(
            {
                **hit,
                "date": parse_datetime(hit["date"]) if hit.get("date") else None,
                "channel_name": str(channels[hit["channel"]]) if hit["channel"] in channels else "",
                "title_html": highlight(hit["title"], language, query),
                "excerpt_html": excerpt(f"{hit['summary']} {hit['body']}", language, query),
                "editions": editions.get(hit["translation_key"], []),
            }
        )
    return out


def _facets(facets: dict[str, list[tuple[str, int]]]) -> dict[str, list[dict]]:
    """Facet values with names in the reader's language (two queries)."""
    slugs = {value for name in ("channel", "district") for value, _ in facets.get(name, [])}
    channels = {c.slug: str(c) for c in Channel.objects.filter(slug__in=slugs)}
    topics = {
        t.slug: str(t)
        for t in Topic.objects.filter(slug__in=[v for v, _ in facets.get("topics", [])])
    }
    types = {m._meta.model_name: str(m._meta.verbose_name).capitalize() for m in get_page_models()}
    names = {"channel": channels, "district": channels, "topics": topics, "content_type": types}
    return {
        name: [
            {"value": value, "label": names.get(name, {}).get(value, value), "count": count}
            for value, count in values
        ]
        for name, values in facets.items()
    }


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    """The results page in the reader's language (503 while the engine is unreachable)."""
    outcome = run(request, get_language())
    view_urls = {code: search_url(request, code) for code in registry.CODES}
    context = {
        "chrome": build_chrome(request, None, view_urls),
        "search": outcome,
        "max_query_length": MAX_QUERY_LENGTH,
        "page_numbers": _page_numbers(outcome),
        "current_page": outcome.form.value("page", 1),
        "query_string": _query_string_without_page(request),
        "did_you_mean_link": format_html(
            '<a href="{}">{}</a>', outcome.did_you_mean_url, outcome.did_you_mean.query
        )
        if outcome.did_you_mean
        else "",
        "as_typed_link": format_html(
            '<a href="{}">{}</a>',
            outcome.as_typed_url,
            _("Search instead for “%(query)s”") % {"query": outcome.corrected_from},
        )
        if outcome.corrected_from
        else "",
    }
    return TemplateResponse(
        request, "search/results.html", context, status=503 if outcome.unavailable else 200
    )


def _page_numbers(outcome: Outcome) -> list[int]:
    if not outcome.results:
        return []
    current = outcome.form.value("page", 1)
    return [
        n for n in range(1, outcome.pages + 1) if abs(n - current) <= 3 or n in (1, outcome.pages)
    ]


def _query_string_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def api_language(request: HttpRequest) -> str | None:
    """The language an app asks for: the ``lang`` (or ``language``) parameter when given (None
    if it is not one of the editions, an empty value included), otherwise negotiated from
    Accept-Language."""
    asked = request.GET.get("lang", request.GET.get("language"))
    if asked is not None:
        return asked if asked in registry.CODES else None
    return header_language(request)


def header_language(request: HttpRequest) -> str:
    """The edition that best matches the Accept-Language header, or English: the language of
    foreign readers who read none of the editions."""
    ranked = []
    for position, item in enumerate(request.headers.get("Accept-Language", "").split(",")):
        tag, _, quality = item.strip().partition(";q=")
        try:
            weight = float(quality) if quality else 1.0
        except ValueError:
            continue
        if tag and tag != "*" and weight > 0:
            ranked.append((-weight, position, tag))
    for _weight, _position, tag in sorted(ranked):
        try:
            return get_supported_language_variant(tag.lower())
        except LookupError:
            continue
    return "en"


@require_GET
def search_api(request: HttpRequest) -> JsonResponse:
    """JSON for apps: ``lang`` (vi, en, zh-hans, lo, km; or ``language``, or else negotiated
    from Accept-Language, English by default), ``q`` and the page's other parameters. The
    edition searched and the language of the messages are the same."""
    language = api_language(request)
    if language is None:
        with override(header_language(request)):
            message = _("Unknown language.")
        response = JsonResponse({"error": message, "languages": registry.CODES}, status=400)
        return _negotiated(response, None)
    with override(language):
        outcome = run(request, language)
        if outcome.unavailable:
            message = _("Search is temporarily unavailable. Please try again in a few minutes.")
            return _negotiated(JsonResponse({"error": message}, status=503), language)
        response = JsonResponse(
            {
                "query": outcome.query,
                "truncated": outcome.truncated,
                "language": language,
                "scope": outcome.scope,
                "total": outcome.results.total if outcome.results else 0,
                "page": outcome.form.value("page", 1),
                "pages": outcome.pages,
                "errors": {f: [str(e) for e in errs] for f, errs in outcome.form.errors.items()},
                "results": [
                    {
                        "title": hit["title"],
                        "title_html": hit["title_html"],
                        "excerpt_html": hit["excerpt_html"],
                        "url": hit["url"],
                        "image": hit["image"] or None,
                        "date": hit["date"].isoformat() if hit["date"] else None,
                        "channel": hit["channel"],
                        "content_type": hit["content_type"],
                        "editions": [
                            {"language": e["language"].code, "url": e["url"]}
                            for e in hit["editions"]
                        ],
                    }
                    for hit in outcome.hits or []
                ],
                "facets": outcome.facets or {},
                "did_you_mean": {
                    "query": outcome.did_you_mean.query,
                    "count": outcome.did_you_mean.count,
                    "url": request.build_absolute_uri(outcome.did_you_mean_url),
                }
                if outcome.did_you_mean
                else None,
                "corrected_from": {
                    "query": outcome.corrected_from,
                    "url": request.build_absolute_uri(outcome.as_typed_url),
                }
                if outcome.corrected_from
                else None,
            },
            json_dumps_params={"ensure_ascii": False},
        )
        return _negotiated(response, language)


def _negotiated(response: JsonResponse, language: str | None) -> JsonResponse:
    """The answer's language in Content-Language; it depends on Accept-Language when the
    request names no language."""
    if language:
        response["Content-Language"] = language
    patch_vary_headers(response, ["Accept-Language"])
    return response
