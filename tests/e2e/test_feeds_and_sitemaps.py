"""Feeds and sitemaps of the live server, with the demo content in all five languages, parse
with real parsers (feedparser; lxml against the sitemaps.org XML Schema), and every address they
give answers."""

from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from lxml import etree

from locales import registry

SITES = ("portal", "hanoimoi", "songoaivu", "badinh")
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parents[1] / "fixtures" / "sitemap.xsd")))


def answers(server, url: str) -> int:
    parts = urlsplit(url)
    slug = "portal" if parts.hostname == "localhost" else parts.hostname.split(".")[0]
    assert parts.port == server.port, url
    return server.get(slug, parts.path)[0]


@pytest.mark.parametrize("site", SITES)
def test_sitemap_validates_and_every_address_answers(e2e_server, site):
    status, content_type, body = e2e_server.get(site, "/sitemap.xml")
    assert status == 200 and content_type.startswith("application/xml")
    document = etree.fromstring(body)
    SCHEMA.assertValid(document)
    addresses = {loc.text for loc in document.iterfind("s:url/s:loc", NS)}
    addresses |= {link.get("href") for link in document.iterfind("s:url/x:link", NS)}
    assert {f"/{code}/" for code in registry.CODES} <= {urlsplit(a).path for a in addresses}
    broken = {address for address in addresses if answers(e2e_server, address) != 200}
    assert broken == set()


@pytest.mark.parametrize("code", registry.CODES)
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_parse_in_every_language_and_their_links_answer(e2e_server, code, kind):
    for site in SITES:
        status, _, body = e2e_server.get(site, f"/{code}/feed/{kind}/")
        assert status == 200, (site, code, kind)
        feed = feedparser.parse(body)
        assert not feed.bozo, (site, code, kind, feed.get("bozo_exception"))
        assert feed.feed.get("language") == code
        assert feed.entries, f"{site} {code} {kind}: no entries"
        for entry in feed.entries:
            assert entry.title and answers(e2e_server, entry.link) == 200, entry.link
