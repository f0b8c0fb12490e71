"""Reorganising portals: a plan validated against the catalogue, a dry run that equals the
applied result, every old address redirected in every edition, content, translations, jobs,
staff and search entries following the pages, and runs that can be repeated or resumed."""

from __future__ import annotations

import copy
import io

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from cms.news.models import ArticleTopic, SectionPage, Topic
from search import indexing
from search.documents import SearchRequest
from sites import catalogue as catalogue_module
from sites import reorganisation
from sites.models import Channel, Reorganisation
from sites.provisioning import provision
from sites.reorganisation import PlanError, Reorganiser
from tests.cms.core import purge_recorder
from tests.cms.helpers import article, locale
from tests.conftest import raw_catalogue

pytestmark = pytest.mark.django_db

EDITIONS = ["vi", "en", "zh-hans", "lo", "km"]


def ward(slug: str, vi: str, en: str) -> dict:
    """A new ward portal entry, shaped like the district it succeeds."""
    entry = copy.deepcopy(raw_catalogue(("badinh",))["sites"][0])
    entry.update(
        slug=slug,
        kind="district",
        district_type="urban_district",
        names={"vi": f"Cổng thông tin điện tử phường {vi}", "en": f"{en} Ward Portal"},
        agency={"vi": f"Ủy ban nhân dân phường {vi}", "en": f"{en} Ward People's Committee"},
        hostname=f"{slug}.hanoi.gov.vn",
    )
    return entry


def plan_data(**changes) -> dict:
    data = {
        "version": 1,
        "slug": "test-wards",
        "title": {"vi": "Sắp xếp thử", "en": "Test reorganisation"},
        "effective": "2025-07-01",
        "sample": True,
        "new_sites": [ward("phuong-a", "A", "A"), ward("phuong-b", "B", "B")],
        "units": [
            {
                "from": "badinh",
                "successors": [
                    {"to": "phuong-a", "rest": True},
                    {"to": "phuong-b", "sections": ["dau-tu"], "topics": ["le-hoi"]},
                ],
            }
        ],
    }
    data.update(changes)
    return data


@pytest.fixture(autouse=True)
def english_messages():
    """Plan errors are checked in English (they are translated like every message)."""
    with translation.override("en"):
        yield


@pytest.fixture
def sites():
    return catalogue_module.parse(raw_catalogue())


@pytest.fixture
def old_home():
    return Channel.objects.get(slug="badinh").home_page


@pytest.fixture
def old_section(old_home):
    return SectionPage.objects.child_of(old_home).get(slug="tin-tuc")


@pytest.fixture
def festival():
    return Topic.objects.get_or_create(slug="le-hoi", defaults={"name": "Lễ hội"})[0]


def errors_of(data: dict, sites) -> list[str]:
    with pytest.raises(PlanError) as caught:
        reorganisation.parse(data, sites)
    return [f"{where}: {message}" for where, message in caught.value.errors]


# Plan validation -------------------------------------------------------------------------------


def test_a_valid_plan_parses(sites):
    plan = reorganisation.parse(plan_data(), sites)
    assert [unit.old for unit in plan.units] == ["badinh"]


def test_unknown_slugs_are_errors_naming_the_entry(sites):
    data = plan_data()
    data["units"][0]["from"] = "nowhere"
    data["units"].append({"from": "badinh", "successors": [{"to": "phuong-z", "whole": True}]})
    errors = errors_of(data, sites)
    assert "unit 'nowhere': is not a site of the catalogue" in errors
    assert any(
        e.startswith("unit 'badinh' → successor 'phuong-z': is neither in the catalogue")
        for e in errors
    )


def test_a_section_or_page_claimed_twice_is_an_error(sites):
    data = plan_data()
    successors = data["units"][0]["successors"]
    successors[0].update(sections=["dau-tu"], pages=["tin-tuc/le-hoi"])
    successors[1]["pages"] = ["/tin-tuc/le-hoi/"]
    errors = errors_of(data, sites)
    assert (
        "unit 'badinh' → successor 'phuong-b': section 'dau-tu' is claimed twice "
        "(also by 'phuong-a')" in errors
    )
    assert (
        "unit 'badinh' → successor 'phuong-b': page 'tin-tuc/le-hoi' is claimed twice "
        "(also by 'phuong-a')" in errors
    )


def test_a_unit_left_unmapped_is_an_error(sites):
    data = plan_data()
    data["units"][0]["successors"] = [{"to": "phuong-b", "sections": ["dau-tu"]}]
    assert (
        "unit 'badinh': left unmapped: sections tin-tuc, van-hoa-du-lich have no successor; "
        "add 'rest' to one successor" in errors_of(data, sites)
    )


def test_a_successor_lacking_editions_or_sections_is_an_error(sites):
    data = plan_data()
    data["new_sites"][0]["editions"] = ["vi", "en"]
    data["new_sites"][1]["sections"] = ["tin-tuc"]
    errors = errors_of(data, sites)
    assert "unit 'badinh' → successor 'phuong-a': lacks the editions zh-hans, lo, km" in " ".join(
        errors
    )
    assert "unit 'badinh' → successor 'phuong-b': has no section dau-tu" in " ".join(errors)


def test_a_new_site_may_not_take_a_catalogue_slug(sites):
    data = plan_data()
    data["new_sites"][0]["slug"] = "hanoimoi"
    assert "new site 'hanoimoi': slug is already in the catalogue" in errors_of(data, sites)


def test_a_page_claimed_twice_by_topic_stops_the_run_before_anything_changes(
    sites, old_section, festival
):
    other = Topic.objects.create(slug="giao-thong", name="Giao thông")
    page = article(old_section, title="Lễ hội và giao thông", slug="le-hoi-giao-thong")
    ArticleTopic.objects.create(page=page, topic=festival)
    ArticleTopic.objects.create(page=page, topic=other)
    data = plan_data()
    data["units"][0]["successors"][0]["topics"] = ["giao-thong"]
    plan = reorganisation.parse(data, sites)
    with pytest.raises(PlanError, match="le-hoi-giao-thong' is claimed twice by topic"):
        Reorganiser(plan, sites, dry_run=False).run()
    assert not Reorganisation.objects.exists()
    assert not Channel.objects.filter(slug="phuong-a").exists()


# Applying ----------------------------------------------------------------------------------


@pytest.fixture
def old_content(old_home, old_section, festival):
    """Three articles of the old portal, translated into every edition: one in News, one in
    Investment, one in News filed under the festival topic."""
    investment = SectionPage.objects.child_of(old_home).get(slug="dau-tu")
    news = article(old_section, title="Tin phường", slug="tin-phuong", translated_to=EDITIONS[1:])
    invest = article(investment, title="Dự án mới", slug="du-an-moi", translated_to=EDITIONS[1:])
    fest = article(old_section, title="Lễ hội làng", slug="le-hoi-lang", translated_to=EDITIONS[1:])
    ArticleTopic.objects.create(page=fest, topic=festival)
    return {"news": news, "invest": invest, "festival": fest}


def old_urls(home: Page) -> dict[str, int]:
    """Every live page under every edition of ``home`` (home excluded): full URL → page id."""
    urls = {}
    for edition in Page.objects.filter(translation_key=home.translation_key):
        for page in edition.get_descendants().live():
            urls[page.full_url] = page.pk
    return urls


def get(url: str):
    _scheme, rest = url.split("://", 1)
    host, _, path = rest.partition("/")
    return Client().get(f"/{path}", HTTP_HOST=host)


def test_the_dry_run_changes_nothing_and_counts_what_apply_does(sites, old_content):
    plan = reorganisation.parse(plan_data(), sites)
    before = old_urls(Channel.objects.get(slug="badinh").home_page)
    planned = Reorganiser(plan, sites, dry_run=True).run()
    assert old_urls(Channel.objects.get(slug="badinh").home_page) == before
    assert not Channel.objects.filter(slug__in=["phuong-a", "phuong-b"]).exists()
    applied = Reorganiser(plan, sites, dry_run=False).run()
    assert planned.actions == applied.actions
    totals = applied.totals()
    assert totals["pages moved in"] == 3 * 5
    assert totals["portal editions created"] == 2 * 5
    assert totals["redirects"] == len(before)


def test_applied_the_content_follows_its_rules_in_every_edition(sites, old_content):
    plan = reorganisation.parse(plan_data(), sites)
    Reorganiser(plan, sites, dry_run=False).run()
    homes = {slug: Channel.objects.get(slug=slug).home_page for slug in ("phuong-a", "phuong-b")}
    expected = {"news": ("phuong-a", "tin-tuc"), "invest": ("phuong-b", "dau-tu")}
    expected["festival"] = ("phuong-b", "tin-tuc")
    for name, (slug, section_slug) in expected.items():
        source = old_content[name]
        for page in Page.objects.filter(translation_key=source.translation_key):
            parent = page.get_parent()
            assert parent.slug == section_slug
            assert parent.get_parent().translation_key == homes[slug].translation_key
            assert page.live and page.locale_id == parent.locale_id


def test_every_old_address_answers_a_permanent_redirect_to_a_live_page(sites, old_content):
    before = old_urls(Channel.objects.get(slug="badinh").home_page)
    plan = reorganisation.parse(plan_data(), sites)
    Reorganiser(plan, sites, dry_run=False).run()
    # three sections, three articles and the four info pages, five editions
    assert len(before) == (3 + 3 + 4) * 5
    for url in before:
        response = get(url)
        assert response.status_code == 301, url
        assert get(response["Location"]).status_code == 200, response["Location"]
    moved = old_content["news"].get_translation(Page.objects.get(pk=old_content["news"].pk).locale)
    assert Redirect.objects.filter(redirect_page=moved, is_permanent=True).count() == 1


def test_the_old_home_becomes_an_archive_notice_naming_the_successors(sites, old_content):
    plan = reorganisation.parse(plan_data(), sites)
    Reorganiser(plan, sites, dry_run=False).run()
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


def test_translations_jobs_and_revisions_stay_linked_to_their_sources(sites, old_content):
    source = old_content["news"]
    revisions = source.revisions.count()
    plan = reorganisation.parse(plan_data(), sites)
    Reorganiser(plan, sites, dry_run=False).run()
    source.refresh_from_db()
    assert source.revisions.count() == revisions
    assert {p.locale.language_code for p in source.get_translations(inclusive=True)} == set(
        EDITIONS
    )
    for edition in source.get_translations():
        assert edition.get_parent().get_parent().translation_key == (
            source.get_parent().get_parent().translation_key
        )


def test_staff_move_to_the_successor_that_takes_the_rest(sites, old_content, make_user):
    editor = make_user("ba-dinh-editor", "badinh: editors")
    approver = make_user("ba-dinh-approver", "badinh: approvers")
    plan = reorganisation.parse(plan_data(), sites)
    Reorganiser(plan, sites, dry_run=False).run()
    assert list(editor.groups.values_list("name", flat=True)) == ["phuong-a: editors"]
    assert list(approver.groups.values_list("name", flat=True)) == ["phuong-a: approvers"]


def test_a_second_run_does_nothing_and_provisioning_keeps_the_new_portals(sites, old_content):
    plan = reorganisation.parse(plan_data(), sites)
    Reorganiser(plan, sites, dry_run=False).run()
    assert Reorganiser(plan, sites, dry_run=False).run().empty
    assert Reorganiser(plan, sites, dry_run=True).run().empty
    assert not provision(sites).changed
    assert Channel.objects.active().filter(slug="phuong-a").exists()
    old_home = Channel.objects.get(slug="badinh").home_page
    assert not SectionPage.objects.child_of(old_home).live().exists()
    record = Reorganisation.objects.get(slug="test-wards")
    assert record.state == Reorganisation.State.COMPLETED


def test_a_run_stopped_half_way_is_finished_by_the_next(sites, old_content, monkeypatch):
    plan = reorganisation.parse(plan_data(), sites)
    planned = Reorganiser(plan, sites, dry_run=True).run()
    real_move = Page.move
    calls = []

    def failing_move(self, *args, **kwargs):
        calls.append(self.pk)
        if len(calls) == 7:
            raise RuntimeError("the machine went down")
        return real_move(self, *args, **kwargs)

    monkeypatch.setattr(Page, "move", failing_move)
    with pytest.raises(RuntimeError):
        Reorganiser(plan, sites, dry_run=False).run()
    monkeypatch.setattr(Page, "move", real_move)
    assert Reorganisation.objects.get(slug="test-wards").state == Reorganisation.State.STARTED
    Reorganiser(plan, sites, dry_run=False).run()
    record = Reorganisation.objects.get(slug="test-wards")
    assert record.state == Reorganisation.State.COMPLETED
    assert record.counts == {"|".join(key): count for key, count in planned.actions.items()}
    old_home = Channel.objects.get(slug="badinh").home_page
    for source in old_content.values():
        editions = Page.objects.filter(translation_key=source.translation_key)
        assert editions.count() == 5
        assert not any(page.path.startswith(old_home.path) for page in editions)


def test_readers_caches_forget_the_old_portal_and_its_successors_once(
    sites, old_content, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "record": {"BACKEND": "tests.cms.core.purge_recorder.RecordingBackend"}
    }
    purge_recorder.purged.clear()
    plan = reorganisation.parse(plan_data(), sites)
    with django_capture_on_commit_callbacks(execute=True):
        Reorganiser(plan, sites, dry_run=False).run()
    assert sorted(purge_recorder.purged) == [
        f"http://{slug}.localhost:8000/*" for slug in ("badinh", "phuong-a", "phuong-b")
    ]


def test_search_finds_moved_content_under_its_new_site(
    sites, old_content, search_engine, django_capture_on_commit_callbacks
):
    plan = reorganisation.parse(plan_data(), sites)
    with django_capture_on_commit_callbacks(execute=True):
        Reorganiser(plan, sites, dry_run=False).run()
    indexing.apply_pending()
    hits = search_engine.search(SearchRequest("Dự án mới", "vi")).hits
    assert [hit["channel"] for hit in hits if hit["page_id"] == old_content["invest"].pk] == [
        "phuong-b"
    ]
    assert not search_engine.search(SearchRequest("Dự án mới", "vi", channel="badinh")).hits


def test_the_command_dry_runs_by_default_and_reports_errors(tmp_path, sites, old_content):
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(plan_data(), allow_unicode=True), "utf-8")
    # The test sites' catalogue: applying provisions the catalogue's sites, and the whole real
    # one would take minutes.
    catalogue_file = tmp_path / "sites.yaml"
    catalogue_file.write_text(yaml.safe_dump(raw_catalogue(), allow_unicode=True), "utf-8")

    def run(*options: str) -> str:
        out = io.StringIO()
        call_command(
            "reorganise_portals",
            str(path),
            "--catalogue",
            str(catalogue_file),
            *options,
            stdout=out,
        )
        return out.getvalue()

    assert "Dry run of plan 'test-wards' (nothing changed)" in run()
    assert not Channel.objects.filter(slug="phuong-a").exists()
    assert "Plan 'test-wards' applied in" in run("--apply")
    assert Channel.objects.filter(slug="phuong-a").exists()
    assert "Plan 'test-wards': nothing to do." in run("--apply")
    bad = plan_data()
    bad["units"][0]["from"] = "nowhere"
    path.write_text(yaml.safe_dump(bad, allow_unicode=True), "utf-8")
    with pytest.raises(CommandError, match="unit 'nowhere': is not a site of the catalogue"):
        run()


def test_the_sample_plan_is_valid_against_the_real_catalogue():
    plan = reorganisation.load(
        reorganisation.PLANS_DIRECTORY / "sample-2025-wards.yaml", catalogue_module.load()
    )
    assert plan.sample
    assert len(plan.new_sites) == 7
    assert [unit.old for unit in plan.units] == ["hoankiem", "badinh", "tayho"]


def test_feeds_and_sitemaps_of_the_new_portals_list_the_moved_content(sites, old_content):
    plan = reorganisation.parse(plan_data(), sites)
    Reorganiser(plan, sites, dry_run=False).run()
    moved = Page.objects.get(pk=old_content["invest"].pk)
    new_home = Channel.objects.get(slug="phuong-b").home_page
    english = moved.get_translation(locale("en"))
    sitemap = get(new_home.full_url.split("/vi/")[0] + "/sitemap.xml")
    assert sitemap.status_code == 200
    assert moved.full_url in sitemap.content.decode()
    feed = get(english.get_parent().get_parent().full_url + "feed/rss/")
    assert english.full_url in feed.content.decode()
