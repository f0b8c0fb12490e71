"""An article missing in one language: the switcher marks that language, and its address in
that edition answers 404 with a page in that language leading to the versions that exist (by
their own names) and to the section."""

import re

import pytest

from tests.cms.helpers import article, locale

pytestmark = pytest.mark.django_db
HOST = "hanoimoi.localhost:8000"


def switcher(html: str) -> str:
    return re.search(r'<nav class="languages".*?</nav>', html, re.S).group(0)


def test_the_switcher_marks_languages_without_a_translation(client, section):
    page = article(section, slug="hop-tac", translated_to=["en"])
    nav = switcher(client.get(page.url, HTTP_HOST=HOST).content.decode())
    english = re.search(r'<a href="/en/tin-tuc/hop-tac/"[^>]*>.*?</a>', nav).group(0)
    lao = re.search(r'<a href="/lo/tin-tuc/hop-tac/"[^>]*>.*?</a>', nav).group(0)
    assert "languages__missing" not in english and "visually-hidden" not in english
    assert 'class="languages__missing"' in lao and 'rel="nofollow"' in lao
    assert '<span class="visually-hidden" lang="vi"> (chưa được dịch)</span>' in lao


def test_a_link_to_a_missing_translation_answers_404_in_that_language(client, section):
    page = article(section, slug="le-hoi-mua-thu", translated_to=["en", "zh-hans"])
    response = client.get("/lo/tin-tuc/le-hoi-mua-thu/", HTTP_HOST=HOST)
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="lo"' in html
    assert "ບົດຄວາມນີ້ຍັງບໍ່ມີເປັນພາສານີ້" in html
    assert f'<cite lang="vi">{page.title}</cite>' in html
    versions = re.search(r'<ul class="news-missing__versions">.*?</ul>', html, re.S).group(0)
    assert re.findall(r'lang="([^"]+)" hreflang="\1">([^<]+)<', versions) == [
        ("vi", "Tiếng Việt"),
        ("en", "English"),
        ("zh-hans", "简体中文"),
    ]
    assert 'href="/vi/tin-tuc/le-hoi-mua-thu/"' in versions
    assert '<a href="/lo/tin-tuc/">' in html
    assert '<meta name="robots" content="noindex">' in html
    assert 'rel="alternate" hreflang' not in html


def test_an_address_that_exists_in_no_edition_is_a_plain_404(client, section):
    assert client.get("/lo/tin-tuc/khong-ton-tai/", HTTP_HOST=HOST).status_code == 404
    assert client.get("/lo/khong-co/bai/", HTTP_HOST=HOST).status_code == 404


def test_an_unpublished_article_is_not_offered_anywhere(client, section):
    page = article(section, slug="ban-nhap", translated_to=["en"])
    page.get_translation(locale("en")).unpublish()
    page.unpublish()
    response = client.get("/lo/tin-tuc/ban-nhap/", HTTP_HOST=HOST)
    assert response.status_code == 404
    assert "news-missing" not in response.content.decode()
