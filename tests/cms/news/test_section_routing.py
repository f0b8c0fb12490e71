"""A section's address is found in the edition's menu, which routing has already read: no
query asks for the section. A section the menu does not list (no articles yet, private, or
unpublished) is asked for as before, and answers as before."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cms.core.chrome import menu_entry, site_frame
from cms.news.models import SectionPage
from tests.cms.helpers import article

pytestmark = pytest.mark.django_db
HOST = "hanoimoi.localhost:8000"


def section_queries(client, url: str) -> tuple[int, list[str]]:
    client.get(url, HTTP_HOST=HOST)  # the frame and the chrome's shared parts, once
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url, HTTP_HOST=HOST).status_code
    return status, [
        q["sql"] for q in queries.captured_queries if '"news_sectionpage"."page_ptr_id"' in q["sql"]
    ]


def test_a_section_in_the_menu_is_routed_without_asking_for_it(client, section):
    article(section, slug="co-bai")

    status, asked = section_queries(client, section.url)

    assert status == 200
    assert not [sql for sql in asked if "LIMIT 1" in sql and '"slug"' in sql], asked


def test_a_section_without_articles_still_answers(client, channel, section):
    empty = SectionPage.objects.child_of(channel.home_page).exclude(pk=section.pk).first()
    assert not empty.get_children().exists()

    assert client.get(empty.url, HTTP_HOST=HOST).status_code == 200


def test_a_private_or_unpublished_section_answers_as_before(client, channel, section):
    private, withdrawn = SectionPage.objects.child_of(channel.home_page).exclude(pk=section.pk)[:2]
    article(private, slug="rieng")
    article(withdrawn, slug="rut")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    url = withdrawn.url
    withdrawn.unpublish()

    assert client.get(private.url, HTTP_HOST=HOST).status_code == 302  # to the login page
    assert client.get(url, HTTP_HOST=HOST).status_code == 404


def test_the_menu_entry_comes_only_from_the_editions_frame_the_request_has_read(channel, section):
    article(section, slug="co-bai")
    request = RequestFactory().get(section.url, HTTP_HOST=HOST)
    home = channel.home_page

    assert menu_entry(request, home, section.slug) is None
    site_frame(channel.site, "en", request)  # another edition's frame: not this home's menu
    assert menu_entry(request, home, section.slug) is None
    site_frame(channel.site, "vi", request)
    assert menu_entry(request, home, section.slug).pk == section.pk
    assert menu_entry(request, home, "khong-co") is None
