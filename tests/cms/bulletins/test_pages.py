"""The public archive: an issue's page in each language (both columns for a bilingual issue)
with the right ``lang`` on every part, drafts unpublished, and a fixed number of queries
whatever the number of articles."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cms.bulletins.models import Issue, IssueItem
from cms.news.models import SectionPage
from tests.cms.bulletins.conftest import EDITORIALS, TITLES, translated_article

pytestmark = pytest.mark.django_db
HOST = "songoaivu.localhost:8000"


@pytest.fixture
def client():
    return Client(HTTP_HOST=HOST)


def _published(issue: Issue) -> Issue:
    issue.status = Issue.Status.SENT
    issue.save()
    return issue


def test_a_draft_issue_is_not_published(client, issue):
    assert client.get("/en/bulletins/ban-tin-doi-ngoai/7/").status_code == 404
    assert (
        "No issue has been published yet."
        in client.get("/en/bulletins/ban-tin-doi-ngoai/").content.decode()
    )


def test_an_issue_page_in_khmer_shows_the_khmer_edition(client, issue):
    _published(issue)
    html = client.get("/km/bulletins/ban-tin-doi-ngoai/7/").content.decode()
    assert '<html lang="km"' in html
    assert f'<div lang="km"><h2><a href="http://{HOST}/km/' in html
    assert TITLES["km"] in html and TITLES["vi"] not in html
    assert EDITORIALS["en"] not in html  # no Khmer editorial was written


def test_a_bilingual_issue_page_has_both_columns(client, issue):
    issue.layout = Issue.Layout.BILINGUAL
    _published(issue)
    html = client.get("/lo/bulletins/ban-tin-doi-ngoai/7/").content.decode()
    assert f'<div lang="vi"><h2><a href="http://{HOST}/vi/' in html
    assert f'<div lang="en"><h2><a href="http://{HOST}/en/' in html
    assert EDITORIALS["vi"] in html and EDITORIALS["en"] in html


def test_the_page_costs_the_same_queries_for_one_article_or_four(client, issue, other_channel):
    _published(issue)
    url = "/en/bulletins/ban-tin-doi-ngoai/7/"
    client.get(url)  # warm the site and chrome caches
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    section = SectionPage.objects.child_of(other_channel.home_page).first()
    for position in range(1, 4):
        titles = {code: f"{title} {position}" for code, title in TITLES.items()}
        IssueItem.objects.create(
            issue=issue, article=translated_article(section, titles), position=position
        )
    client.get(url)
    with CaptureQueriesContext(connection) as four:
        response = client.get(url)
    assert response.content.decode().count('<div class="bulletin__story') == 4
    assert len(four) == len(one)
