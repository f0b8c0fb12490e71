"""Every change readers could see purges exactly the affected URLs from the HTTP caches, once
the change is committed: the page in its edition and its feeds, the listings above it (home,
section, with all their pages), the portal's feeds, the sitemap, and the other editions of the
page (their language switchers link to it). A change to a page in every page's menu, or to what
every page of a site shows around its content (the site's settings, its channel), purges the
whole site. Inside a bulk change each site touched is purged once, whole, when it ends (also
when it stops half-way)."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page, PageViewRestriction

from cms.core import bulk
from cms.core.models import SiteSettings
from cms.news.models import SectionPage
from sites.models import Channel
from tests.cms.core import purge_recorder
from tests.cms.helpers import article

pytestmark = pytest.mark.django_db
SITE = "http://hanoimoi.localhost:8000"
PORTAL = "http://localhost:8000"
DISTRICT = "http://badinh.localhost:8000"


@pytest.fixture(autouse=True)
def recorder(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "record": {"BACKEND": "tests.cms.core.purge_recorder.RecordingBackend"}
    }
    purge_recorder.purged.clear()
    return purge_recorder.purged


def listing(path: str) -> set[str]:
    return {f"{path}", f"{path}feed/rss/", f"{path}feed/atom/"}


def test_publishing_an_article_purges_its_page_listings_feeds_sitemap_and_editions(
    section, django_capture_on_commit_callbacks, recorder
):
    page = article(section, slug="hop-tac", translated_to=["en"])
    recorder.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert set(recorder) == {
        f"{SITE}/vi/tin-tuc/hop-tac/",
        *listing(f"{SITE}/vi/"),
        *listing(f"{SITE}/vi/tin-tuc/"),
        *listing(f"{PORTAL}/vi/"),
        f"{SITE}/sitemap.xml",
        f"{SITE}/en/tin-tuc/hop-tac/",
    }


def test_publishing_a_translation_purges_that_edition_and_the_switchers_linking_to_it(
    section, django_capture_on_commit_callbacks, recorder
):
    page = article(section, slug="le-hoi", translated_to=["en", "km"])
    english = page.get_translation(Locale.objects.get(language_code="en"))
    recorder.clear()
    with django_capture_on_commit_callbacks(execute=True):
        english.save_revision().publish()
    assert set(recorder) == {
        f"{SITE}/en/tin-tuc/le-hoi/",
        *listing(f"{SITE}/en/"),
        *listing(f"{SITE}/en/tin-tuc/"),
        *listing(f"{PORTAL}/en/"),
        f"{SITE}/sitemap.xml",
        f"{SITE}/vi/tin-tuc/le-hoi/",
        f"{SITE}/km/tin-tuc/le-hoi/",
    }


def test_unpublishing_purges_the_same_urls(section, django_capture_on_commit_callbacks, recorder):
    page = article(section, slug="thoi-tiet")
    recorder.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert f"{SITE}/vi/tin-tuc/thoi-tiet/" in recorder
    assert set(listing(f"{SITE}/vi/tin-tuc/")) <= set(recorder)
    assert f"{SITE}/sitemap.xml" in recorder


def test_moving_an_article_purges_its_old_and_new_address_and_both_sections(
    section, django_capture_on_commit_callbacks, recorder
):
    page = article(section, slug="giao-thong")
    other = SectionPage.objects.sibling_of(section, inclusive=False).live().first()
    recorder.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.move(other, pos="last-child")
    assert f"{SITE}/vi/tin-tuc/giao-thong/" in recorder
    assert f"{other.full_url}giao-thong/" in recorder
    assert set(listing(f"{SITE}/vi/tin-tuc/")) | set(listing(f"{other.full_url}")) <= set(recorder)
    assert not any(url.endswith("*") for url in recorder)


def test_a_change_to_a_section_in_the_menu_purges_the_whole_site(
    section, django_capture_on_commit_callbacks, recorder
):
    with django_capture_on_commit_callbacks(execute=True):
        section.save_revision().publish()
    assert recorder == [f"{SITE}/*"]


def test_a_change_to_a_sites_settings_or_channel_purges_the_whole_site(
    channel, django_capture_on_commit_callbacks, recorder
):
    with django_capture_on_commit_callbacks(execute=True):
        settings = SiteSettings.for_site(channel.site)  # made with its defaults: nothing changes
    assert recorder == []
    with django_capture_on_commit_callbacks(execute=True):
        settings.footer_text = "Giấy phép số 1"
        settings.save()
    assert recorder == [f"{SITE}/*"]
    recorder.clear()
    with django_capture_on_commit_callbacks(execute=True):
        channel.primary_colour = "#004d40"
        channel.save()
    assert recorder == [f"{SITE}/*"]


def test_nothing_is_purged_before_the_transaction_commits(
    section, django_capture_on_commit_callbacks, recorder
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article(section, slug="chua-xong")
    assert recorder == []
    assert callbacks


def test_moves_and_unpublications_purge_each_site_once_when_the_change_ends(
    section, django_capture_on_commit_callbacks, recorder
):
    other = SectionPage.objects.sibling_of(section, inclusive=False).first()
    pages = [article(section, slug=f"tin-{n}") for n in range(3)]
    recorder.clear()
    with django_capture_on_commit_callbacks(execute=True), bulk.bulk_change():
        for page in pages[:2]:
            page.move(other, pos="last-child")
        Page.objects.get(pk=pages[2].pk).specific.unpublish()
        assert recorder == []
    assert recorder == [f"{SITE}/*"]


def test_a_change_that_stops_half_way_still_purges_what_it_did(
    section, django_capture_on_commit_callbacks, recorder
):
    district_section = SectionPage.objects.child_of(
        Channel.objects.get(slug="badinh").home_page
    ).first()
    page = article(section, slug="tin-chuyen")
    recorder.clear()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        bulk.bulk_change(),
    ):
        page.move(district_section, pos="last-child")
        raise RuntimeError("stopped")
    assert sorted(recorder) == [f"{DISTRICT}/*", f"{SITE}/*"]


def test_making_a_page_private_or_public_again_purges_its_whole_site(
    section, client, django_capture_on_commit_callbacks, recorder
):
    page = article(section, slug="noi-bo")
    menu = 'href="/vi/tin-tuc/"'
    assert menu in client.get("/vi/", HTTP_HOST="hanoimoi.localhost:8000").content.decode()
    recorder.clear()
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
        )
    assert recorder == [f"{SITE}/*"]
    home = client.get("/vi/", HTTP_HOST="hanoimoi.localhost:8000").content.decode()
    assert menu not in home, "the section is still in the (cached) menu"
    assert page.title not in home

    recorder.clear()
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert recorder == [f"{SITE}/*"]
    assert menu in client.get("/vi/", HTTP_HOST="hanoimoi.localhost:8000").content.decode()


def test_the_admins_privacy_setting_purges_the_site(
    section, client, make_user, django_capture_on_commit_callbacks, recorder
):
    client.force_login(make_user("admin", superuser=True))
    url = reverse("wagtailadmin_pages:set_privacy", args=[section.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {"restriction_type": "password", "password": "mat-khau"},
            HTTP_HOST="hanoimoi.localhost:8000",
        )
    assert response.status_code == 200
    assert PageViewRestriction.objects.filter(page=section).exists()
    assert recorder == [f"{SITE}/*"]
