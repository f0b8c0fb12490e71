"""Page weight as a phone downloads it: every response while the page loads and the reader
scrolls to the end (so lazy images count), with an empty cache, over the wire (compressed body
plus headers, as Chromium reports them)."""

from __future__ import annotations

from collections import Counter

BUDGETS = {"vi": 300_000, "en": 300_000, "lo": 500_000, "km": 500_000}  # bytes; Latin / Lao, Khmer


def kind(response) -> str:
    resource = response.request.resource_type
    return {"stylesheet": "css", "document": "html"}.get(resource, resource)


def page_weight(browser, url: str, viewport: dict) -> dict[str, int]:
    """Bytes by kind (html, css, font, image, …) and ``total`` for ``url`` in a fresh context."""
    context = browser.new_context(viewport=viewport, is_mobile=True)
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    weights: Counter[str] = Counter()
    for response in responses:
        sizes = response.request.sizes()
        weights[kind(response)] += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    context.close()
    return {**dict(sorted(weights.items())), "total": sum(weights.values())}
