"""A press officer composes an issue from published articles (an editorial per language,
articles in their order), previews it and sends it; bad input is refused and kept; another
site's press officer can do none of it."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.utils.translation import gettext

from cms.bulletins.models import Issue
from cms.news.models import SectionPage
from sites import roles
from tests.cms.bulletins.conftest import TITLES, translated_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user):
    client = Client()
    client.force_login(make_user("press-sov", f"songoaivu: {roles.PRESS_OFFICERS}"))
    return client


@pytest.fixture
def articles(other_channel, channel):
    """Two articles of the Department's site and one of Hà Nội Mới's."""
    made = []
    for site, suffix in ((other_channel, "một"), (other_channel, "hai"), (channel, "ba")):
        section = SectionPage.objects.child_of(site.home_page).first()
        made.append(translated_article(section, {k: f"{v} {suffix}" for k, v in TITLES.items()}))
    return made


def test_a_press_officer_composes_previews_and_sends_an_issue(
    officer, bulletin, articles, subscribe
):
    subscribe("lao@example.la", "lo")
    first, second, other_site = articles
    response = officer.post(
        f"/admin/bulletins/{bulletin.pk}/new/",
        {
            "number": "13",
            "date": "2026-12-05",
            "layout": "single",
            "editorial-vi": "Lời ngỏ số 13",
            "editorial-lo": "ບົດບັນນາທິການ ສະບັບທີ 13",
            f"position-{first.pk}": "2",
            f"position-{other_site.pk}": "1",
            f"position-{second.pk}": "",
        },
    )
    issue = Issue.objects.get(bulletin=bulletin, number=13)
    assert response.status_code == 302
    assert [item.article_id for item in issue.items.all()] == [other_site.pk, first.pk]

    preview = officer.get(f"/admin/bulletins/issues/{issue.pk}/preview/?language=lo")
    html = preview.content.decode()
    assert "ບົດບັນນາທິການ ສະບັບທີ 13" in html
    assert html.index(f"{TITLES['lo']} ba") < html.index(f"{TITLES['lo']} một")

    mail.outbox.clear()
    officer.post(f"/admin/bulletins/issues/{issue.pk}/send/")
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    report = officer.get(f"/admin/bulletins/issues/{issue.pk}/report/")
    assert report.status_code == 200 and report.context["total"] == 1


def test_bad_positions_are_refused_and_the_editorial_is_kept(officer, bulletin, articles):
    response = officer.post(
        f"/admin/bulletins/{bulletin.pk}/new/",
        {
            "number": "1",
            "date": "2026-12-05",
            "layout": "bilingual",
            "editorial-vi": "Bản nháp lời ngỏ",
            f"position-{articles[0].pk}": "đầu",
        },
    )
    assert response.status_code == 200
    assert gettext("Positions must be whole numbers.") in response.context["errors"]
    assert "Bản nháp lời ngỏ" in response.content.decode()
    assert not Issue.objects.exists()


def test_another_sites_press_officer_is_refused(make_user, bulletin, issue):
    client = Client()
    client.force_login(make_user("press-hnm", f"hanoimoi: {roles.PRESS_OFFICERS}"))
    for url in (
        f"/admin/bulletins/{bulletin.pk}/new/",
        f"/admin/bulletins/issues/{issue.pk}/preview/",
        f"/admin/bulletins/{bulletin.pk}/subscribers/",
    ):
        assert client.get(url).status_code in (302, 403), url
    assert client.post(f"/admin/bulletins/issues/{issue.pk}/send/").status_code in (302, 403)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT
