"""No dead ends: every link on each role's dashboard and desk home opens for that role, and the
editor who sent a page to translation finds its jobs there."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from cms.translation import jobs
from sites import roles

HOMES = ("wagtailadmin_home", "desk:index")


def _links(html: bytes) -> list[str]:
    """Admin links in the page's main content (the sidebar menu is Wagtail's own)."""
    main = BeautifulSoup(html, "html.parser").find("main")
    return sorted(
        {
            a["href"].split("#")[0]
            for a in main.find_all("a", href=True)
            if a["href"].startswith("/admin/") and not a.get("target")
        }
    )


def _dead_ends(client, user) -> dict[str, list[tuple[str, int]]]:
    client.force_login(user)
    dead = {}
    for home in HOMES:
        response = client.get(reverse(home))
        assert response.status_code == 200, (home, response.status_code)
        links = _links(response.content)
        assert links, f"no links on {home}"
        refused = []
        for href in links:
            opened = client.get(href)
            denied = opened.status_code == 403 or (
                opened.status_code == 302 and opened.url in ("/admin/", reverse("desk:index"))
            )
            if denied or opened.status_code >= 400:
                refused.append((href, opened.status_code))
        if refused:
            dead[home] = refused
    return dead


@pytest.fixture
def desk_world(send, editor, make_user, translator_en, reviewer_en):
    """Jobs in every state a home page lists: queued, assigned, in review."""
    lao_translator = make_user("translator-lo", roles.translators_group("lo"))
    lao_reviewer = make_user("reviewer-lo", roles.reviewers_group("lo"))
    en_job, lo_job, _km_job = send(["en", "lo", "km"])
    jobs.claim(lo_job, lao_translator)
    jobs.claim(en_job, translator_en)
    return {"lo_translator": lao_translator, "lo_reviewer": lao_reviewer, "jobs": (en_job, lo_job)}


@pytest.mark.parametrize("role", ["editor", "approver", "lo_translator", "lo_reviewer"])
def test_every_link_on_a_roles_home_opens(client, desk_world, role, request):
    user = request.getfixturevalue(role) if role in ("editor", "approver") else desk_world[role]
    assert _dead_ends(client, user) == {}


def test_the_editor_who_sent_a_page_sees_its_jobs(client, desk_world, editor):
    client.force_login(editor)
    response = client.get(reverse("desk:index"))
    sent = response.context["sent_jobs"]
    assert {job.language for job in sent} == {"en", "lo", "km"}
    en_job, _lo_job = desk_world["jobs"]
    assert reverse("desk:job", args=[en_job.pk]).encode() in response.content


def test_a_translator_sees_only_their_own_languages_queue_and_no_lag_report(client, desk_world):
    client.force_login(desk_world["lo_translator"])
    html = client.get(reverse("desk:index")).content.decode()
    assert reverse("desk:queue", args=["lo"]) in html
    assert reverse("desk:queue", args=["en"]) not in html
    assert reverse("desk:lag") not in html


def test_an_editor_sees_no_queue(client, desk_world, editor):
    client.force_login(editor)
    html = client.get(reverse("desk:index")).content.decode()
    assert "/admin/desk/queue/" not in html
