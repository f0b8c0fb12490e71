"""Reorganising portals: a plan validated against the catalogue, conflicts that stop a run
before anything changes, a run stopped half way and finished by the next, and the command.
What an applied plan leaves behind is in ``test_reorganisation_applied``."""

from __future__ import annotations

import io

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import Page

from cms.news.models import ArticleTopic, Topic
from sites import catalogue as catalogue_module
from sites import reorganisation
from sites.models import Channel, Reorganisation
from sites.reorganisation import PlanError, Reorganiser
from tests.cms.helpers import article, sections_of
from tests.conftest import raw_catalogue
from tests.sites.plans import festival, make_old_content, plan_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_messages():
    """Plan errors are checked in English (they are translated like every message)."""
    with translation.override("en"):
        yield


@pytest.fixture
def sites():
    return catalogue_module.parse(raw_catalogue())


@pytest.fixture
def old_section():
    return sections_of("badinh").get(slug="tin-tuc")


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


def test_a_page_claimed_twice_by_topic_stops_the_run_before_anything_changes(sites, old_section):
    other = Topic.objects.create(slug="giao-thong", name="Giao thông")
    page = article(old_section, title="Lễ hội và giao thông", slug="le-hoi-giao-thong")
    ArticleTopic.objects.create(page=page, topic=festival())
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
def old_content(db):
    return make_old_content()


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
