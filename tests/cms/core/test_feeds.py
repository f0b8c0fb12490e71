"""RSS and Atom feeds per site edition and per section parse with feedparser; items carry
author, categories and image; article metadata points at the site's own host."""

import json
import re

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.news.models import ArticleAuthor, ArticleTopic, Author, Topic
from tests.cms.helpers import article

pytestmark = pytest.mark.django_db
HOST = "hanoimoi.localhost:8000"


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_edition_and_section_feeds_parse_and_list_articles(client, section, kind):
    article(section, title="Tin đối ngoại", slug="tin-doi-ngoai", translated_to=["en"])
    for path, language in [
        (f"/vi/feed/{kind}/", "vi"),
        (f"/vi/tin-tuc/feed/{kind}/", "vi"),
        (f"/en/tin-tuc/feed/{kind}/", "en"),
    ]:
        response = client.get(path, HTTP_HOST=HOST)
        assert response.status_code == 200, path
        feed = feedparser.parse(response.content)
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        assert feed.feed.get("language") == language
        assert [entry.link for entry in feed.entries] == [
            f"http://{HOST}/{language}/tin-tuc/tin-doi-ngoai/"
        ]


def test_the_portal_feed_carries_every_sites_articles(client, section):
    article(section, title="Tin chung", slug="tin-chung")
    feed = feedparser.parse(client.get("/vi/feed/rss/", HTTP_HOST="localhost:8000").content)
    assert [entry.title for entry in feed.entries] == ["Tin chung"]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_items_carry_author_categories_and_image_on_the_sites_host(client, section, kind):
    page = article(section, title="Tin có tác giả", slug="tin-co-tac-gia")
    author = Author.objects.create(name="Trần Minh Châu", locale=page.locale)
    ArticleAuthor.objects.create(page=page, author=author)
    ArticleTopic.objects.create(page=page, topic=Topic.objects.create(slug="dl", name="Du lịch"))

    feed = feedparser.parse(client.get(f"/vi/feed/{kind}/", HTTP_HOST=HOST).content)

    assert not feed.bozo, feed.get("bozo_exception")
    [entry] = feed.entries
    assert entry.author == "Trần Minh Châu"
    assert [tag.term for tag in entry.tags] == [section.title, "Du lịch"]
    [image] = entry.enclosures
    assert image.href.startswith(f"http://{HOST}/media/")
    assert image.type == "image/webp" and int(image.length) > 0


def test_a_feed_takes_a_fixed_number_of_queries(client, section):
    for n in range(3):
        article(section, title=f"Tin {n}", slug=f"tin-{n}")
    client.get("/vi/feed/rss/", HTTP_HOST=HOST)
    with CaptureQueriesContext(connection) as few:
        client.get("/vi/feed/rss/", HTTP_HOST=HOST)
    for n in range(3, 9):
        article(section, title=f"Tin {n}", slug=f"tin-{n}")
    client.get("/vi/feed/rss/", HTTP_HOST=HOST)
    with CaptureQueriesContext(connection) as more:
        client.get("/vi/feed/rss/", HTTP_HOST=HOST)
    assert len(more) == len(few)


def test_article_json_ld_image_uses_the_sites_own_host(client, section, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://admin.example.org"
    page = article(section, title="Tin có ảnh", slug="tin-co-anh")
    html = client.get(page.url, HTTP_HOST=HOST).content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    )
    [image] = data["image"]
    assert image.startswith(f"http://{HOST}/media/")
