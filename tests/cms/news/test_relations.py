"""An article's byline, topics and editors' choice of related articles are read in one query,
each in the editors' order, as the model instances the ORM would give; a preview shows them as
edited, before they are saved."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from cms.news.models import ArticleAuthor, ArticleRelatedPage, ArticleTopic, Author, Topic
from cms.news.relations import article_relations
from tests.cms.helpers import article

pytestmark = pytest.mark.django_db
HOST = "hanoimoi.localhost:8000"


def reader_request(page):
    return RequestFactory().get(page.url, HTTP_HOST=HOST)


@pytest.fixture
def credited(section):
    """An article with two authors, two topics and two chosen related articles, each saved
    in the reverse of the editors' order."""
    page = article(section, slug="chinh", title="Bài chính")
    first, second = article(section, slug="mot"), article(section, slug="hai")
    an = Author.objects.create(name="Nguyễn Văn An", role="Phóng viên", locale=page.locale)
    binh = Author.objects.create(name="Trần Thị Bình", locale=page.locale)
    culture = Topic.objects.create(slug="van-hoa", name_vi="Văn hoá", name_en="Culture")
    economy = Topic.objects.create(slug="kinh-te", name_vi="Kinh tế", name_en="Economy")
    ArticleAuthor.objects.create(page=page, author=binh, sort_order=1)
    ArticleAuthor.objects.create(page=page, author=an, sort_order=0)
    ArticleTopic.objects.create(page=page, topic=economy, sort_order=1)
    ArticleTopic.objects.create(page=page, topic=culture, sort_order=0)
    ArticleRelatedPage.objects.create(page=page, related=second, sort_order=1)
    ArticleRelatedPage.objects.create(page=page, related=first, sort_order=0)
    return page, (an, binh), (culture, economy), (first, second)


def test_the_byline_topics_and_choice_come_in_one_query_in_the_editors_order(credited):
    page, authors, topics, chosen = credited

    with CaptureQueriesContext(connection) as queries:
        found = article_relations(page, reader_request(page))

    assert len(queries) == 1
    assert found.authors == list(authors)
    assert found.topics == list(topics)
    assert found.picks == [related.translation_key for related in chosen]


def test_they_are_the_instances_the_orm_gives(credited):
    page, (an, _binh), (culture, _economy), _chosen = credited

    found = article_relations(page, reader_request(page))

    assert (found.authors[0].name, found.authors[0].role) == ("Nguyễn Văn An", "Phóng viên")
    assert found.authors[0].locale_id == page.locale_id
    assert found.authors[0].translation_key == an.translation_key
    assert found.topics[0].slug == "van-hoa"
    with translation.override("en"):
        assert found.topics[0].name == "Culture"
    with translation.override("vi"):
        assert found.topics[0].name == "Văn hoá"
    with translation.override("lo"):  # no Lao name: the fallback the ORM's instance gives
        assert found.topics[0].name == Topic.objects.get(pk=culture.pk).name


def test_an_article_without_any_has_none(section):
    page = article(section, slug="tran")

    found = article_relations(page, reader_request(page))

    assert found == ([], [], [])


def test_no_other_articles_relations_are_read(credited, section):
    page, *_ = credited
    other = article(section, slug="khac")
    ArticleAuthor.objects.create(
        page=other, author=Author.objects.create(name="Lê Văn Cường", locale=other.locale)
    )

    found = article_relations(page, reader_request(page))

    assert "Lê Văn Cường" not in [author.name for author in found.authors]
    assert article_relations(other, reader_request(other)).authors[0].name == "Lê Văn Cường"


def test_a_preview_shows_them_as_edited_before_they_are_saved(client, credited):
    page, (an, _binh), (culture, _economy), (first, _second) = credited
    page.authors = [ArticleAuthor(author=an)]
    page.topics = [ArticleTopic(topic=culture)]
    page.related_pages = [ArticleRelatedPage(related=first)]

    html = page.make_preview_request().render().content.decode()

    assert "Nguyễn Văn An" in html and "Trần Thị Bình" not in html
    assert "Văn hoá" in html and "Kinh tế" not in html


def test_the_article_page_shows_them(client, credited):
    page, *_ = credited

    html = client.get(page.url, HTTP_HOST=HOST).content.decode()

    assert html.index("Nguyễn Văn An") < html.index("Trần Thị Bình")
    assert html.index(">Văn hoá<") < html.index(">Kinh tế<")
