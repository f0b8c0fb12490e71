"""The reorganisation plan the tests apply (two new wards succeeding Ba Đình) and the old
portal's content it moves."""

from __future__ import annotations

import copy

from django.test import Client
from wagtail.models import Page

from cms.news.models import ArticleTopic, Topic
from tests.cms.helpers import article, sections_of
from tests.conftest import raw_catalogue

EDITIONS = ["vi", "en", "zh-hans", "lo", "km"]


def ward(slug: str, vi: str, en: str) -> dict:
    """A new ward portal entry, shaped like the district it succeeds."""
    entry = copy.deepcopy(raw_catalogue(("badinh",))["sites"][0])
    entry.update(
        slug=slug,
        kind="district",
        district_type="urban_district",
        names={"vi": f"Cổng thông tin điện tử phường {vi}", "en": f"{en} Ward Portal"},
        agency={"vi": f"Ủy ban nhân dân phường {vi}", "en": f"{en} Ward People's Committee"},
        hostname=f"{slug}.hanoi.gov.vn",
    )
    return entry


def plan_data(**changes) -> dict:
    data = {
        "version": 1,
        "slug": "test-wards",
        "title": {"vi": "Sắp xếp thử", "en": "Test reorganisation"},
        "effective": "2025-07-01",
        "sample": True,
        "new_sites": [ward("phuong-a", "A", "A"), ward("phuong-b", "B", "B")],
        "units": [
            {
                "from": "badinh",
                "successors": [
                    {"to": "phuong-a", "rest": True},
                    {"to": "phuong-b", "sections": ["dau-tu"], "topics": ["le-hoi"]},
                ],
            }
        ],
    }
    data.update(changes)
    return data


def festival() -> Topic:
    """The festival topic, which the plan gives to the second ward."""
    return Topic.objects.get_or_create(slug="le-hoi", defaults={"name": "Lễ hội"})[0]


def make_old_content() -> dict[str, Page]:
    """Three articles of the old portal, translated into every edition: one in News, one in
    Investment, one in News filed under the festival topic."""
    news_section = sections_of("badinh").get(slug="tin-tuc")
    investment = sections_of("badinh").get(slug="dau-tu")
    news = article(news_section, title="Tin phường", slug="tin-phuong", translated_to=EDITIONS[1:])
    invest = article(investment, title="Dự án mới", slug="du-an-moi", translated_to=EDITIONS[1:])
    fest = article(
        news_section, title="Lễ hội làng", slug="le-hoi-lang", translated_to=EDITIONS[1:]
    )
    ArticleTopic.objects.create(page=fest, topic=festival())
    return {"news": news, "invest": invest, "festival": fest}


def old_urls(home: Page) -> dict[str, int]:
    """Every live page under every edition of ``home`` (home excluded): full URL → page id."""
    urls = {}
    for edition in Page.objects.filter(translation_key=home.translation_key):
        for page in edition.get_descendants().live():
            urls[page.full_url] = page.pk
    return urls


def get(url: str):
    _scheme, rest = url.split("://", 1)
    host, _, path = rest.partition("/")
    return Client().get(f"/{path}", HTTP_HOST=host)
