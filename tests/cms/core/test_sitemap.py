"""sitemap.xml lists every edition's pages with hreflang alternates and validates against
the sitemap schema; robots.txt points at it."""

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree

from tests.cms.helpers import article

pytestmark = pytest.mark.django_db
HOST = "hanoimoi.localhost:8000"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parents[2] / "fixtures" / "sitemap.xsd")))


def sitemap_entries(client) -> dict[str, dict[str, str]]:
    """Each sitemap location with its hreflang alternates, the sitemap validated first."""
    response = client.get("/sitemap.xml", HTTP_HOST=HOST)
    assert response["Content-Type"].startswith("application/xml")
    document = etree.fromstring(response.content)
    SCHEMA.assertValid(document)
    return {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in document.findall("s:url", NS)
    }


def test_sitemap_validates_and_lists_alternates(client, section):
    page = article(section, slug="ban-tin", translated_to=["en", "lo"])
    entries = sitemap_entries(client)
    article_url = page.full_url
    english = f"http://{HOST}/en/tin-tuc/ban-tin/"
    assert entries[article_url] == {
        "vi": article_url,
        "en": english,
        "lo": f"http://{HOST}/lo/tin-tuc/ban-tin/",
        "x-default": english,
    }
    assert f"http://{HOST}/km/" in entries
    assert not any("songoaivu" in loc for loc in entries)


def test_the_default_alternate_is_the_original_where_there_is_no_english_edition(client, section):
    page = article(section, slug="chi-tieng-lao", translated_to=["lo"])
    assert sitemap_entries(client)[page.full_url]["x-default"] == page.full_url


def test_robots_txt_points_to_the_sitemap(client):
    body = client.get("/robots.txt", HTTP_HOST=HOST).content.decode()
    assert f"Sitemap: http://{HOST}/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_robots_txt_lets_published_documents_be_indexed_and_keeps_private_paths_out(client):
    rules = client.get("/robots.txt", HTTP_HOST=HOST).content.decode().splitlines()
    disallowed = [line.removeprefix("Disallow: ") for line in rules if line.startswith("Disallow")]
    assert disallowed == ["/admin/", "/api/"]
    assert not any("/documents/".startswith(path) for path in disallowed)


def test_the_sitemap_takes_the_same_few_queries_whatever_the_site_s_size(client, section):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/sitemap.xml", HTTP_HOST=HOST).status_code == 200
        return len(captured)

    article(section, slug="mot", translated_to=["en"])
    queries()  # the site root paths are cached after the first
    small = queries()
    for n in range(30):
        article(section, slug=f"bai-{n}", translated_to=["en", "km"])
    assert queries() == small
    assert small <= 8
