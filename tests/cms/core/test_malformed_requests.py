"""Reader URLs and the JSON search API answer malformed parameters with 200, a redirect,
400 or 404, never a 500: hypothesis sends arbitrary values for every parameter they read."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from tests.cms.helpers import article, sections_of
from tests.conftest import HOST
from tests.module_data import module_transaction, search_index, search_url

hypothesis = pytest.importorskip("hypothesis")
st = pytest.importorskip("hypothesis.strategies")

pytestmark = pytest.mark.django_db
EXAMPLES = 40  # per URL
PARAMETERS = (
    "p",
    "page",
    "q",
    "lang",
    "scope",
    "date_from",
    "date_to",
    "channel",
    "district",
    "topic",
    "type",
    "from",
)
ANSWERS = {200, 301, 302, 400, 404}

values = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["", "0", "-1", "1e3", "NaN", "2026-02-30", "9999-12-31", "../..", "%00"]),
    st.sampled_from(["vi", "en", "zh-hans", "lo", "km", "site", "all", "hanoimoi"]),
)
queries = st.lists(st.tuples(st.sampled_from(PARAMETERS), values), max_size=6)


@pytest.fixture(scope="module")
def site_with_an_article(django_db_setup, django_db_blocker, tmp_path_factory):
    """A site with an article in two editions, indexed in an embedded index of its own; made
    once for the module (``tests.module_data``). Yields the index's URL and the reader paths."""
    url = search_url(tmp_path_factory.mktemp("malformed") / "search.sqlite3")
    with module_transaction(django_db_blocker), search_index(url, reset=True):
        section = sections_of("hanoimoi").get(slug="tin-tuc")
        story = article(section, title="Hồ Hoàn Kiếm mùa thu", translated_to=["en"])
        call_command("search_index", "rebuild", verbosity=0)
        yield url, {"section": f"/vi/{section.slug}/", "article": story.get_url_parts()[2]}


@pytest.fixture
def reader_paths(site_with_an_article):
    """Reader URLs of that site: its section and its article."""
    url, paths = site_with_an_article
    with search_index(url):
        yield paths


@pytest.mark.parametrize(
    "path",
    [
        "/sitemap.xml",
        "/robots.txt",
        "/api/search/",
        "/vi/",
        "/en/",
        "/vi/search/",
        "/lo/search/",
        "section",
        "section/feed/rss/",
        "/en/feed/atom/",
        "article",
    ],
)
def test_reader_urls_never_answer_500(reader_paths, path):
    name, _slash, rest = path.partition("/")
    path = reader_paths[name] + rest if name in reader_paths else path
    client = Client(raise_request_exception=True)
    sent = []

    @hypothesis.settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(hypothesis.HealthCheck),
    )
    @hypothesis.given(query=queries)
    def request(query):
        data: dict[str, list[str]] = {}
        for name, value in query:
            data.setdefault(name, []).append(value)
        response = client.get(path, data, HTTP_HOST=HOST)
        sent.append(response.status_code)
        assert response.status_code in ANSWERS, (path, query, response.status_code)

    request()
    assert len(sent) >= EXAMPLES and 500 not in sent


@pytest.mark.parametrize("number", ["abc", "0", "-1", "99999", "1.5", ""])
def test_a_sitemap_number_that_is_not_a_page_is_not_found(client, section, number):
    response = client.get("/sitemap.xml", {"p": number}, HTTP_HOST=HOST)
    assert response.status_code == (200 if number == "" else 404)
