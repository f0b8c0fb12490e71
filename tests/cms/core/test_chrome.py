"""What every reader page shows around its content is rendered once per site and edition and
then shared by its pages: each page still marks its own place in the menu and the footer, a
change of the site's settings shows on the next page, and a reader's site is found without a
query, except for host names no site has. A process keeps the frames it has read while their
generation lasts, no longer than the cache would."""

import re
import time

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from cms.core import chrome
from cms.core.chrome import FRAME_SECONDS, build_chrome, find_site, invalidate_frames, site_frame
from cms.core.models import SiteSettings
from cms.news.models import SectionPage
from sites.models import Channel
from tests.cms.helpers import article

pytestmark = pytest.mark.django_db
HOST = "hanoimoi.localhost:8000"


def current(html: str, element: str, css_class: str) -> list[str]:
    """The names of the links marked as the current page inside ``element``."""
    part = re.search(rf'<{element} class="{css_class}".*?</{element}>', html, re.S).group(0)
    return re.findall(r'aria-current="page">([^<]+)<', part)


def test_each_page_marks_its_own_section_in_the_shared_menu(client, channel, section):
    other = SectionPage.objects.child_of(channel.home_page).exclude(pk=section.pk).first()
    story = article(section, slug="giao-thong")
    elsewhere = article(other, slug="o-muc-khac")
    pages = [(story, section), ("/vi/", None), (elsewhere, other), (section, section)]
    for page, marked in pages * 2:  # the second round is rendered from the shared fragments
        url = page if isinstance(page, str) else page.url
        html = client.get(url, HTTP_HOST=HOST).content.decode()
        assert current(html, "nav", "sections") == ([marked.title] if marked else []), url


def test_each_page_marks_its_own_info_page_in_the_shared_footer(client, channel):
    about = channel.home_page.get_children().get(slug="gioi-thieu")
    for url, marked in [(about.url, [about.title]), ("/vi/", []), (about.url, [about.title])]:
        html = client.get(url, HTTP_HOST=HOST).content.decode()
        assert current(html, "footer", "site-footer") == marked, url


def test_the_shared_parts_are_rendered_for_each_edition(client, section):
    article(section, slug="giao-thong", translated_to=["en"])
    client.get("/vi/", HTTP_HOST=HOST)
    english = client.get("/en/", HTTP_HOST=HOST).content.decode()
    assert "Follow this edition" in english and "Opening hours" in english
    assert 'action="/en/search/"' in english


def test_a_change_to_the_site_settings_shows_on_the_next_page(client, channel):
    client.get("/vi/", HTTP_HOST=HOST)
    settings = SiteSettings.for_site(channel.site)
    settings.footer_text_vi = "Giấy phép hoạt động báo chí số 1"
    settings.save()
    html = client.get("/vi/", HTTP_HOST=HOST).content.decode()
    assert "Giấy phép hoạt động báo chí số 1" in html


def test_a_readers_site_is_found_without_a_query_once_known(channel):
    find_site(RequestFactory().get("/vi/", HTTP_HOST=HOST))
    with CaptureQueriesContext(connection) as captured:
        site = find_site(RequestFactory().get("/vi/", HTTP_HOST=HOST))
    assert site == channel.site and len(captured) == 0


def test_a_host_name_no_site_has_is_looked_up_every_time(channel):
    for attempt in range(2):
        with CaptureQueriesContext(connection) as captured:
            site = find_site(RequestFactory().get("/vi/", HTTP_HOST="made-up.localhost:8000"))
        assert site is not None and site.hostname != "made-up.localhost"
        assert len(captured) == 1, attempt


def test_pages_are_linked_at_the_addresses_wagtail_gives_them(channel, other_channel, section):
    story = article(section, slug="dia-chi-the", translated_to=["en"])
    english = story.get_translations().get(locale__language_code="en")
    on_another_site = other_channel.home_page.get_children().live().first()
    request = RequestFactory().get(story.url, HTTP_HOST=HOST)
    chrome = build_chrome(request, story)

    for page in (story, english, section, channel.home_page, on_another_site):
        page = Page.objects.get(pk=page.pk)  # as listings read them: not specific
        assert chrome.url_of(page, request) == page.get_url(request), page.url_path
    assert chrome.url_of(story, request) == "/vi/tin-tuc/dia-chi-the/"
    assert chrome.url_of(on_another_site, request).startswith("http://")


def test_a_process_takes_the_frame_it_has_read_without_reading_it_from_the_cache_again(
    channel, monkeypatch
):
    first = site_frame(channel.site, "vi", RequestFactory().get("/vi/"))
    asked = []
    read = chrome.cache.get
    monkeypatch.setattr(chrome.cache, "get", lambda key, *a: asked.append(key) or read(key, *a))
    again = site_frame(channel.site, "vi", RequestFactory().get("/vi/"))
    assert again is first
    assert [key for key in asked if key.startswith("chrome:frame:")] == []


def test_a_frame_kept_by_the_process_is_retired_with_its_generation(channel):
    before = site_frame(channel.site, "vi")
    Channel.objects.filter(pk=channel.pk).update(name="Báo Hà Nội Mới điện tử")  # no signal
    assert site_frame(channel.site, "vi").channel.name == before.channel.name
    invalidate_frames()
    assert site_frame(channel.site, "vi").channel.name == "Báo Hà Nội Mới điện tử"


def test_a_frame_kept_by_the_process_expires_as_the_cached_one_does(channel, monkeypatch):
    before = site_frame(channel.site, "vi")
    Channel.objects.filter(pk=channel.pk).update(name="Báo Hà Nội Mới điện tử")  # no signal
    later = time.time() + FRAME_SECONDS
    monkeypatch.setattr(chrome.time, "time", lambda: later)
    chrome.cache.delete(before.key)  # what the cache does after FRAME_SECONDS
    assert site_frame(channel.site, "vi").channel.name == "Báo Hà Nội Mới điện tử"


def test_an_emptied_cache_never_gives_back_a_generation_a_kept_frame_was_read_under(channel):
    before = site_frame(channel.site, "vi")
    Channel.objects.filter(pk=channel.pk).update(name="Báo Hà Nội Mới điện tử")  # no signal
    chrome.cache.clear()  # a restarted or flushed Redis, an evicted generation
    after = site_frame(channel.site, "vi")
    assert after.key != before.key
    assert after.channel.name == "Báo Hà Nội Mới điện tử"


def test_the_search_box_holds_a_readers_terms_on_their_results_only(client, channel):
    client.get("/vi/", HTTP_HOST=HOST)  # the edition's empty box is rendered and kept
    results = client.get("/vi/search/?q=giao+thông", HTTP_HOST=HOST).content.decode()
    home = client.get("/vi/", HTTP_HOST=HOST).content.decode()
    assert 'name="q" value="giao thông"' in results
    assert 'name="q" value=""' in home
