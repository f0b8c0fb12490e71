"""A reorganisation applied: content, translations, jobs, staff and search entries follow the
pages, every old address is redirected in every edition, the old home becomes an archive
notice, readers' caches are purged once, and a second run changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase, override_settings
from django.utils import translation
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from cms.news.models import SectionPage
from search import indexing
from search.documents import SearchRequest
from sites import catalogue as catalogue_module
from sites import reorganisation
from sites.models import Channel, Reorganisation
from sites.provisioning import provision
from sites.reorganisation import Reorganiser
from tests.cms.core import purge_recorder
from tests.cms.helpers import locale
from tests.conftest import raw_catalogue
from tests.module_data import module_transaction, search_index, search_url
from tests.sites.plans import EDITIONS, get, make_old_content, old_urls, plan_data

pytestmark = pytest.mark.django_db


@dataclass
class Applied:
    """The test plan dry-run, then applied, to the old portal's content and staff, with the
    purges it asked of readers' caches and what search found afterwards."""

    sites: list
    plan: reorganisation.Plan
    content: dict[str, Page]
    staff: dict[str, object]  # role → a user of the old portal in that role
    before: dict[str, int]  # the old portal's addresses before (``old_urls``)
    revisions: int  # the News article's revisions before
    dry_run_changed_nothing: bool
    planned: reorganisation.Counts
    applied: reorganisation.Counts
    purged: list[str]
    found: dict[str | None, list]  # channel searched (None: all) → hits for "Dự án mới"


@pytest.fixture(scope="module")
def applied(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[Applied]:
    """The plan applied once for the tests that only look at its outcome (applying takes
    seconds; ``tests.module_data``). Its commit callbacks run (purges, search updates), into a
    purge recorder and an index of its own."""
    index = search_url(tmp_path_factory.mktemp("reorganisation") / "search.sqlite3")
    recorder = {"record": {"BACKEND": "tests.cms.core.purge_recorder.RecordingBackend"}}
    with module_transaction(django_db_blocker):
        with (
            translation.override("en"),
            override_settings(WAGTAILFRONTENDCACHE=recorder),
            search_index(index) as engine,
        ):
            sites = catalogue_module.parse(raw_catalogue())
            content = make_old_content()
            staff = {}
            for role in ("editors", "approvers"):
                staff[role] = get_user_model().objects.create_user(f"ba-dinh-{role}")
                staff[role].groups.add(Group.objects.get(name=f"badinh: {role}"))
            old_home = Channel.objects.get(slug="badinh").home_page
            before = old_urls(old_home)
            revisions = content["news"].revisions.count()
            plan = reorganisation.parse(plan_data(), sites)
            planned = Reorganiser(plan, sites, dry_run=True).run()
            unchanged = (
                old_urls(old_home) == before
                and not Channel.objects.filter(slug__in=["phuong-a", "phuong-b"]).exists()
            )
            engine.reset()
            purge_recorder.purged.clear()
            with TestCase.captureOnCommitCallbacks(execute=True):
                counts = Reorganiser(plan, sites, dry_run=False).run()
            indexing.apply_pending()
            found = {
                channel: engine.search(SearchRequest("Dự án mới", "vi", channel=channel)).hits
                for channel in (None, "badinh")
            }
            purged = sorted(purge_recorder.purged)
        yield Applied(
            sites=sites,
            plan=plan,
            content=content,
            staff=staff,
            before=before,
            revisions=revisions,
            dry_run_changed_nothing=unchanged,
            planned=planned,
            applied=counts,
            purged=purged,
            found=found,
        )


def test_the_dry_run_changes_nothing_and_counts_what_apply_does(applied):
    assert applied.dry_run_changed_nothing
    assert applied.planned.actions == applied.applied.actions
    totals = applied.applied.totals()
    assert totals["pages moved in"] == 3 * 5
    assert totals["portal editions created"] == 2 * 5
    assert totals["redirects"] == len(applied.before)


def test_applied_the_content_follows_its_rules_in_every_edition(applied):
    homes = {slug: Channel.objects.get(slug=slug).home_page for slug in ("phuong-a", "phuong-b")}
    expected = {"news": ("phuong-a", "tin-tuc"), "invest": ("phuong-b", "dau-tu")}
    expected["festival"] = ("phuong-b", "tin-tuc")
    for name, (slug, section_slug) in expected.items():
        source = applied.content[name]
        for page in Page.objects.filter(translation_key=source.translation_key):
            parent = page.get_parent()
            assert parent.slug == section_slug
            assert parent.get_parent().translation_key == homes[slug].translation_key
            assert page.live and page.locale_id == parent.locale_id


def test_every_old_address_answers_a_permanent_redirect_to_a_live_page(applied):
    # three sections, three articles and the four info pages, five editions
    assert len(applied.before) == (3 + 3 + 4) * 5
    for url in applied.before:
        response = get(url)
        assert response.status_code == 301, url
        assert get(response["Location"]).status_code == 200, response["Location"]
    news = Page.objects.get(pk=applied.content["news"].pk)
    moved = news.get_translation(news.locale)
    assert Redirect.objects.filter(redirect_page=moved, is_permanent=True).count() == 1


def test_the_old_home_becomes_an_archive_notice_naming_the_successors(applied):
    old = Channel.objects.get(slug="badinh")
    assert old.is_archived
    assert set(old.successors.values_list("slug", flat=True)) == {"phuong-a", "phuong-b"}
    for edition in Page.objects.filter(translation_key=old.home_page.translation_key):
        response = get(edition.full_url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "archive-notice" in html
        assert "phuong-a.localhost" in html and "phuong-b.localhost" in html
    directory = get(Channel.objects.get(slug="portal").home_page.full_url).content.decode()
    assert "badinh.localhost" not in directory
    assert "phuong-a.localhost" in directory


def test_translations_jobs_and_revisions_stay_linked_to_their_sources(applied):
    source = Page.objects.get(pk=applied.content["news"].pk)
    assert source.revisions.count() == applied.revisions
    assert {p.locale.language_code for p in source.get_translations(inclusive=True)} == set(
        EDITIONS
    )
    for edition in source.get_translations():
        assert edition.get_parent().get_parent().translation_key == (
            source.get_parent().get_parent().translation_key
        )


def test_staff_move_to_the_successor_that_takes_the_rest(applied):
    for role, user in applied.staff.items():
        assert list(user.groups.values_list("name", flat=True)) == [f"phuong-a: {role}"]


def test_a_second_run_does_nothing_and_provisioning_keeps_the_new_portals(applied):
    plan, sites = applied.plan, applied.sites
    assert Reorganiser(plan, sites, dry_run=False).run().empty
    assert Reorganiser(plan, sites, dry_run=True).run().empty
    assert not provision(sites).changed
    assert Channel.objects.active().filter(slug="phuong-a").exists()
    old_home = Channel.objects.get(slug="badinh").home_page
    assert not SectionPage.objects.child_of(old_home).live().exists()
    record = Reorganisation.objects.get(slug="test-wards")
    assert record.state == Reorganisation.State.COMPLETED


def test_feeds_and_sitemaps_of_the_new_portals_list_the_moved_content(applied):
    moved = Page.objects.get(pk=applied.content["invest"].pk)
    new_home = Channel.objects.get(slug="phuong-b").home_page
    english = moved.get_translation(locale("en"))
    sitemap = get(new_home.full_url.split("/vi/")[0] + "/sitemap.xml")
    assert sitemap.status_code == 200
    assert moved.full_url in sitemap.content.decode()
    feed = get(english.get_parent().get_parent().full_url + "feed/rss/")
    assert english.full_url in feed.content.decode()


def test_readers_caches_forget_the_old_portal_and_its_successors_once(applied):
    assert applied.purged == [
        f"http://{slug}.localhost:8000/*" for slug in ("badinh", "phuong-a", "phuong-b")
    ]


def test_search_finds_moved_content_under_its_new_site(applied):
    invest = applied.content["invest"].pk
    assert [hit["channel"] for hit in applied.found[None] if hit["page_id"] == invest] == [
        "phuong-b"
    ]
    assert not applied.found["badinh"]
