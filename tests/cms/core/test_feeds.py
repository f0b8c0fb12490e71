"""RSS and Atom feeds per site edition and per section parse with feedparser."""

import feedparser
import pytest

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
