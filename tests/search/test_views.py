"""The reader search page and the JSON endpoint: results, highlights, facets, scope,
pagination, suggestions, other editions, and bad input that never becomes a 500."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from tests.cms.helpers import article, sections_of
from tests.conftest import HOST
from tests.module_data import module_transaction, search_index, search_url

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Articles on two channels, with translations, indexed in an embedded index of their own:
    made once for the module (``tests.module_data``). Yields the index's URL and the articles."""
    url = search_url(tmp_path_factory.mktemp("search-views") / "search.sqlite3")
    with module_transaction(django_db_blocker), search_index(url, reset=True):
        section = sections_of("hanoimoi").get(slug="tin-tuc")
        pages = {
            "lake": article(section, title="Hồ Hoàn Kiếm mùa thu", translated_to=["en", "lo"]),
            "bridge": article(section, title="Cầu Long Biên trăm tuổi"),
            "visit": article(sections_of("songoaivu").first(), title="Đoàn khách Lào thăm Hồ Tây"),
        }
        for n in range(12):
            article(section, title=f"Tin đối ngoại số {n}")
        call_command("search_index", "rebuild", verbosity=0)
        yield url, pages


@pytest.fixture
def indexed(world):
    """The module's articles, searched through its index."""
    url, pages = world
    with search_index(url):
        yield pages


def get(client, path, **params):
    return client.get(path, params, HTTP_HOST=HOST)


def test_header_has_a_search_box_on_every_page(client, indexed):
    response = get(client, "/en/")
    assert b'role="search"' in response.content
    assert b'action="/en/search/"' in response.content


def test_results_highlight_without_diacritics_and_show_other_editions(client, indexed):
    response = get(client, "/vi/search/", q="ho hoan kiem")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>Hồ</mark> <mark>Hoàn</mark> <mark>Kiếm</mark>" in html
    assert 'hreflang="en"' in html and 'hreflang="lo"' in html
    assert indexed["lake"].translation_key and "Cầu Long Biên" not in html


def test_scope_this_site_or_all_channels(client, indexed):
    here = get(client, "/vi/search/", q="hồ").content.decode()
    everywhere = get(client, "/vi/search/", q="hồ", scope="all").content.decode()
    assert "Đoàn khách Lào" not in here
    assert "Đoàn khách Lào" in everywhere


def test_facet_filter_and_pagination(client, indexed):
    # Articles only: the site's contact page ("số điện thoại") matches "số" too.
    first = get(client, "/vi/search/", q="số", type="articlepage").content.decode()
    assert "page=2" in first
    second = get(client, "/vi/search/", q="số", type="articlepage", page=2).content.decode()
    assert second.count('class="search-result"') == 2
    filtered = get(client, "/vi/search/", q="hồ", scope="all", channel="songoaivu")
    assert "Hồ Hoàn Kiếm" not in filtered.content.decode()


def test_nothing_found_suggests_all_channels_and_other_languages(client, indexed):
    html = get(client, "/vi/search/", q="thăm").content.decode()
    assert "scope=all" in html
    html = get(client, "/en/search/", q="Long Biên").content.decode()
    assert "/vi/search/?q=" in html


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ""},
        {"q": "x" * 5000},
        {"q": '" OR 1=1 --'},
        {"q": "<script>alert(1)</script>"},
        {"q": "hồ", "page": "-3"},
        {"q": "hồ", "page": "abc"},
        {"q": "hồ", "page": "99999"},
        {"q": "hồ", "date_from": "not-a-date"},
        {"q": "hồ", "channel": "../etc", "topic": "' OR 1=1"},
        {"q": "hồ", "scope": "galaxy"},
    ],
)
def test_bad_input_never_fails(client, indexed, params):
    response = get(client, "/vi/search/", **params)
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_bad_date_is_reported_in_the_readers_language(client, indexed):
    html = get(client, "/en/search/", q="lake", date_from="31/02/2026").content.decode()
    assert "Enter a date as YYYY-MM-DD." in html


def test_engine_down_gives_a_clear_page_not_a_500(client, indexed, settings):
    from search.engines import get_engine

    settings.SEARCH_URL = "opensearch+http://127.0.0.1:9"
    get_engine.cache_clear()
    response = get(client, "/en/search/", q="lake")
    assert response.status_code == 503
    assert b"temporarily unavailable" in response.content
    api = get(client, "/api/search/", q="lake", lang="en")
    assert api.status_code == 503 and "error" in api.json()


def test_json_endpoint(client, indexed):
    data = get(client, "/api/search/", q="Hoan Kiem", lang="vi", scope="all").json()
    assert data["total"] == 1
    (result,) = data["results"]
    assert result["title"] == "Hồ Hoàn Kiếm mùa thu"
    assert {e["language"] for e in result["editions"]} == {"en", "lo"}
    assert "channel" in data["facets"]
    assert get(client, "/api/search/", q="x", lang="xx").status_code == 400
    assert get(client, "/api/search/", q="x", lang="").status_code == 400  # given, not an edition


def test_a_misspelt_query_shows_the_suggestions_results_and_offers_the_query_as_typed(
    client, indexed
):
    """English words are compared as written, without marks: the English edition's
    translations keep the Vietnamese name "Hoàn Kiếm"."""
    html = get(client, "/en/search/", q="hoan kiemm", scope="all").content.decode()
    assert "Showing results for “hoan kiem”." in html
    assert 'class="search-result"' in html and 'class="did-you-mean"' not in html
    back = '<a href="/en/search/?q=hoan+kiemm&amp;scope=all&amp;as_typed=1">'
    assert f"{back}Search instead for “hoan kiemm”</a>" in html
    as_typed = get(client, "/en/search/", q="hoan kiemm", scope="all", as_typed="1", page="2")
    html = as_typed.content.decode()
    assert "No results for “hoan kiemm”." in html and "Showing results" not in html
    link = '<a href="/en/search/?q=hoan+kiem&amp;scope=all">hoan kiem</a>'
    assert f'<p class="did-you-mean">Did you mean: {link}? (1 result)</p>' in html


def test_corrected_results_are_in_the_readers_language(client, indexed):
    html = get(client, "/vi/search/", q="cầu long bienn").content.decode()
    assert "Đang hiển thị kết quả cho “cầu long biên”." in html
    assert "<mark>Cầu</mark> <mark>Long</mark> <mark>Biên</mark>" in html
    assert "Tìm chính xác “cầu long bienn”" in html


def test_a_query_that_finds_a_few_documents_keeps_them_and_gets_a_suggestion(client, indexed):
    """Corrected results replace the query's own only when the correction finds more."""
    data = get(client, "/api/search/", q="hồ hoàn kiém", lang="vi").json()
    assert data["total"] == 1 and data["corrected_from"] is None
    assert data["did_you_mean"]["query"] == "hồ hoàn kiếm"


def test_a_joined_vietnamese_word_finds_the_spaced_name(client, indexed):
    html = get(client, "/vi/search/", q="hoankiem").content.decode()
    assert "1 kết quả cho" in html and "Hồ <mark>Hoàn Kiếm</mark> mùa thu" in html
    assert 'class="did-you-mean"' not in html and "Đang hiển thị" not in html


def test_a_long_query_is_shortened_and_echoed_shortened(client, indexed):
    query = "hồ hoàn kiếm " * 160  # 2,080 characters
    html = get(client, "/en/search/", q=query).content.decode()
    shortened = query.strip()[:200]
    assert "Your search was shortened to 200 characters." in html
    assert f'value="{shortened}"' in html
    assert query.strip()[:201] not in html
    data = get(client, "/api/search/", q=query, lang="en").json()
    assert data["query"] == shortened and data["truncated"] is True
    assert get(client, "/api/search/", q="hồ", lang="en").json()["truncated"] is False


@pytest.mark.parametrize(
    ("params", "accept", "language"),
    [
        ({"lang": "lo"}, "vi", "lo"),  # the parameter first
        ({"language": "km"}, "", "km"),
        ({}, "zh-CN,zh;q=0.9,en;q=0.8", "zh-hans"),  # then the header
        ({}, "fr-FR, vi;q=0.5", "vi"),
        ({}, "fr, ja;q=0.8", "en"),  # no edition in the header: English
        ({}, "", "en"),
    ],
)
def test_json_endpoint_negotiates_its_language(client, indexed, params, accept, language):
    response = client.get(
        "/api/search/", {"q": "kiem", **params}, HTTP_HOST=HOST, HTTP_ACCEPT_LANGUAGE=accept
    )
    assert response.status_code == 200
    assert response.json()["language"] == language
    assert response["Content-Language"] == language
    assert "Accept-Language" in response["Vary"]


def test_json_endpoint_refuses_an_unknown_language_in_the_header_language(client, indexed):
    response = client.get(
        "/api/search/", {"q": "x", "lang": "xx"}, HTTP_HOST=HOST, HTTP_ACCEPT_LANGUAGE="vi"
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": "Ngôn ngữ không xác định.",
        "languages": ["vi", "en", "zh-hans", "lo", "km"],
    }


def test_did_you_mean_restores_vietnamese_marks_in_the_readers_language(client, indexed):
    html = get(client, "/vi/search/", q="cầu long bienn", as_typed="1").content.decode()
    assert ">cầu long biên</a>" in html
    assert "Có phải bạn muốn tìm" in html


def test_json_endpoint_returns_the_suggestion(client, indexed):
    data = get(client, "/api/search/", q="hồ hoàn kiém", lang="vi").json()
    assert data["total"] == 1  # found through the folded field, ranked below exact words
    assert data["did_you_mean"] == {
        "query": "hồ hoàn kiếm",
        "count": 1,
        "url": f"http://{HOST}/vi/search/?q=h%E1%BB%93+ho%C3%A0n+ki%E1%BA%BFm",
    }
    assert get(client, "/api/search/", q="hồ hoàn kiếm", lang="vi").json()["did_you_mean"] is None


def switcher_and_alternates(html: str) -> tuple[dict[str, str], dict[str, str]]:
    nav = re.search(r'<nav class="languages".*?</nav>', html, re.S).group(0)
    links = {lang: href for href, lang in re.findall(r'<a href="([^"]+)" lang="([^"]+)"', nav)}
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))
    return links, alternates


def test_language_switcher_keeps_the_search_in_the_other_editions(client, indexed):
    params = {"q": "Hoàn Kiếm", "scope": "all", "topic": "culture", "page": "2"}
    links, alternates = switcher_and_alternates(
        get(client, "/vi/search/", **params).content.decode()
    )
    kept = "?q=Ho%C3%A0n+Ki%E1%BA%BFm&amp;scope=all&amp;topic=culture"
    assert links["en"] == f"/en/search/{kept}"
    assert links["zh-hans"] == f"/zh-hans/search/{kept}"
    assert links["vi"] == f"/vi/search/{kept}"
    assert alternates["lo"] == f"http://{HOST}/lo/search/{kept}"
    assert alternates["x-default"] == alternates["en"]
    html = get(client, "/en/search/").content.decode()
    assert switcher_and_alternates(html)[0]["km"] == "/km/search/"
