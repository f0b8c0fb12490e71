"""A listing of live pages counts its articles once and keeps the count until something that
can change it happens: a publication, an unpublication, a move or deletion of a page, or a
change of view restrictions. Readers never see a stale number of pages."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cms.news.models import ArticleTopic, Topic
from tests.cms.helpers import article

pytestmark = pytest.mark.django_db
HOST = "hanoimoi.localhost:8000"


def counted(client, url: str) -> tuple[int, bool]:
    """The number of articles ``url`` lists, and whether it asked the database for it."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200
    asked = any("COUNT(" in query["sql"] for query in captured)
    return response.context["articles"].paginator.count, asked


def test_a_sections_count_is_asked_for_once_until_a_publication(client, section):
    for n in range(3):
        article(section, slug=f"bai-{n}")
    assert counted(client, section.url) == (3, True)
    assert counted(client, section.url) == (3, False)
    assert counted(client, section.url + "?page=2") == (3, False)
    article(section, slug="bai-moi")
    assert counted(client, section.url) == (4, True)


def test_an_unpublished_deleted_or_restricted_article_leaves_the_count_at_once(client, section):
    pages = [article(section, slug=f"bai-{n}") for n in range(4)]
    assert counted(client, section.url)[0] == 4
    pages[0].unpublish()
    assert counted(client, section.url)[0] == 3
    pages[1].delete()
    assert counted(client, section.url)[0] == 2
    restriction = PageViewRestriction.objects.create(
        page=pages[2], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name="Editors")])
    assert counted(client, section.url)[0] == 1
    restriction.delete()
    assert counted(client, section.url)[0] == 2


def test_a_topics_count_follows_the_publication_of_an_article_on_it(client, section):
    topic = Topic.objects.create(slug="hop-tac", name="Hợp tác", name_vi="Hợp tác")
    tagged = article(section, slug="bai-0")
    ArticleTopic.objects.create(page=tagged, topic=topic)
    url = "/vi/topics/hop-tac/"
    assert counted(client, url) == (1, True)
    assert counted(client, url) == (1, False)
    another = article(section, slug="bai-1")
    another.topics.add(ArticleTopic(topic=topic))
    another.save_revision().publish()
    assert counted(client, url) == (2, True)
