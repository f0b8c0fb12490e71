"""provision_sites: creates every site and edition, changes nothing on a second run, retires
instead of deleting, applies nothing when it fails."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import GroupPagePermission, Page, Revision, Site, Workflow, WorkflowPage

from cms.news.models import HomePage, SectionPage
from sites import catalogue
from sites.models import Channel
from sites.provisioning import provision
from tests.conftest import TEST_SITES, raw_catalogue

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    return {
        "pages": Page.objects.count(),
        "live": Page.objects.live().count(),
        "revisions": Revision.objects.count(),
        "sites": Site.objects.count(),
        "groups": Group.objects.count(),
        "page_permissions": GroupPagePermission.objects.count(),
        "workflows": Workflow.objects.count(),
    }


def test_every_site_has_a_wagtail_site_and_a_live_home_in_each_edition():
    for channel in Channel.objects.filter(slug__in=TEST_SITES):
        assert channel.site.hostname == (
            "localhost" if channel.kind == "directory" else f"{channel.slug}.localhost"
        )
        assert channel.site.port == 8000
        homes = Page.objects.filter(translation_key=channel.home_page.translation_key).live()
        assert sorted(h.locale.language_code for h in homes) == sorted(channel.editions)


def test_sections_exist_in_every_edition_with_their_translated_names(channel):
    sections = SectionPage.objects.filter(slug="tin-tuc", depth=3).filter(
        translation_key=SectionPage.objects.child_of(channel.home_page)
        .get(slug="tin-tuc")
        .translation_key
    )
    titles = {s.locale.language_code: s.title for s in sections}
    assert titles["vi"] == "Tin tức"
    assert titles["en"] == "News"
    assert titles["zh-hans"] == "新闻"
    assert len(titles) == 5


def test_each_edition_home_gets_its_sites_workflow(channel):
    source = WorkflowPage.objects.get(page=channel.home_page).workflow
    assert [t.name for t in source.tasks] == ["hanoimoi: desk review", "hanoimoi: approval"]
    lao_home = channel.home_page.get_translation(
        channel.home_page.locale.__class__.objects.get(language_code="lo")
    )
    lao = WorkflowPage.objects.get(page=lao_home).workflow
    assert [t.name for t in lao.tasks] == ["language review: lo", "hanoimoi: approval"]


def test_a_second_run_changes_nothing():
    before = snapshot()
    report = provision(catalogue.parse(raw_catalogue()))
    assert report.changes == []
    assert snapshot() == before


def test_the_command_reports_an_up_to_date_catalogue(capsys, tmp_path):
    import yaml

    path = tmp_path / "catalogue.yaml"
    path.write_text(yaml.safe_dump(raw_catalogue(), allow_unicode=True), encoding="utf-8")
    call_command("provision_sites", catalogue=str(path))
    assert "nothing changed" in capsys.readouterr().out


def test_a_site_removed_from_the_catalogue_is_retired_not_deleted():
    badinh = Channel.objects.get(slug="badinh")
    tree = Page.objects.filter(translation_key=badinh.home_page.translation_key)
    pages_before = sum(home.get_descendants(inclusive=True).count() for home in tree)

    provision(catalogue.parse(raw_catalogue(("portal", "hanoimoi", "songoaivu"))))

    badinh.refresh_from_db()
    assert badinh.retired_at is not None
    assert sum(home.get_descendants(inclusive=True).count() for home in tree) == pages_before
    assert not any(home.get_descendants(inclusive=True).live().exists() for home in tree)
    assert badinh not in Channel.objects.active()

    provision(catalogue.parse(raw_catalogue()))
    badinh.refresh_from_db()
    assert badinh.retired_at is None
    assert HomePage.objects.get(pk=badinh.home_page_id).live


def test_an_edition_dropped_from_a_site_is_unpublished_and_kept(channel):
    raw = raw_catalogue()
    raw["sites"][1]["editions"] = ["vi", "en"]
    provision(catalogue.parse(raw))
    homes = {
        h.locale.language_code: h
        for h in Page.objects.filter(translation_key=channel.home_page.translation_key)
    }
    assert set(homes) == {"vi", "en", "zh-hans", "lo", "km"}
    assert homes["km"].live is False
    assert homes["en"].live is True


def test_a_failure_half_way_applies_nothing(monkeypatch):
    from sites.provisioning import Provisioner

    raw = raw_catalogue()
    raw["sites"][1]["names"]["vi"] = "Báo Hà Nội Mới (đổi tên)"
    original = Provisioner._ensure_sections

    def fail_on_second_site(self, entry, home):
        if entry.slug == "songoaivu":
            raise RuntimeError("disk full")
        return original(self, entry, home)

    monkeypatch.setattr(Provisioner, "_ensure_sections", fail_on_second_site)
    with pytest.raises(RuntimeError):
        provision(catalogue.parse(raw))
    assert Channel.objects.get(slug="hanoimoi").name_vi == "Báo Hà Nội Mới"


def test_an_invalid_catalogue_is_refused_with_the_entry_named(tmp_path):
    import yaml

    raw = raw_catalogue()
    raw["sites"][1]["colours"]["primary"] = "#fafafa"
    path = tmp_path / "catalogue.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CommandError) as excinfo:
        call_command("provision_sites", catalogue=str(path))
    assert "hanoimoi" in str(excinfo.value)
    assert "nothing was changed" in str(excinfo.value)
