"""A release under embargo is nowhere readers can reach, in any language, until its time:
not its page, not the section and home listings, not the RSS and Atom feeds, not the
sitemap, not reader search, not its press kit or attachments. When the scheduler runs after
the embargo, it appears everywhere at once."""

from __future__ import annotations

import datetime
import time

import feedparser
import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page

from cms.press.models import PressAttachment
from search.documents import SearchRequest
from tests.cms.press.conftest import HOST

pytestmark = pytest.mark.django_db

TITLE = "Thông cáo về chuyến thăm của Thị trưởng Viêng Chăn"


def visible_everywhere(client, engine, page, language: str) -> dict[str, bool]:
    """Where readers can find ``page`` (a release in ``language``)."""
    home = f"/{language}/"
    section = page.get_parent().get_url()
    rss = feedparser.parse(client.get(f"{section}feed/rss/", HTTP_HOST=HOST).content)
    atom = feedparser.parse(client.get(f"{home}feed/atom/", HTTP_HOST=HOST).content)
    sitemap = client.get("/sitemap.xml", HTTP_HOST=HOST).content.decode()
    hits = engine.search(SearchRequest("Viêng Chăn", language)).hits
    return {
        "page": client.get(page.get_url(), HTTP_HOST=HOST).status_code == 200,
        "section": page.title in client.get(section, HTTP_HOST=HOST).content.decode(),
        "home": page.title in client.get(home, HTTP_HOST=HOST).content.decode(),
        "rss": any(entry.title == page.title for entry in rss.entries),
        "atom": any(entry.title == page.title for entry in atom.entries),
        "sitemap": f"/{language}/{page.get_parent().slug}/{page.slug}/" in sitemap,
        "search": any(hit["page_id"] == page.pk for hit in hits),
        "press kit": client.get(f"{page.get_url()}press-kit/", HTTP_HOST=HOST).status_code == 200,
    }


def test_a_release_under_embargo_appears_only_when_the_scheduler_publishes_it(
    client, search_engine, make_release, django_capture_on_commit_callbacks
):
    ends = timezone.now() + datetime.timedelta(seconds=3)
    with django_capture_on_commit_callbacks(execute=True):
        source, translations = make_release(
            TITLE, embargo_until=ends, translated_to=("en", "zh-hans")
        )
    pages = {"vi": source, **translations}
    for language, page in pages.items():
        page = Page.objects.get(pk=page.pk).specific
        assert not page.live, language
        where = visible_everywhere(client, search_engine, page, language)
        assert not any(where.values()), (language, where)
    assert source.get_latest_revision().approved_go_live_at == ends
    # A translation is held until its source's embargo ends, not published before it.
    for translation in translations.values():
        assert translation.get_latest_revision().approved_go_live_at == ends

    time.sleep(max(0.0, (ends - timezone.now()).total_seconds()) + 0.1)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", verbosity=0)
    for language, page in pages.items():
        page = Page.objects.get(pk=page.pk).specific
        assert page.live, language
        where = visible_everywhere(client, search_engine, page, language)
        assert all(where.values()), (language, where)


def test_a_translation_published_during_the_source_embargo_is_scheduled_for_its_end(
    make_release,
):
    ends = timezone.now() + datetime.timedelta(hours=6)
    source, _ = make_release(TITLE, embargo_until=ends)
    english = source.copy_for_translation(Locale.objects.get(language_code="en"))
    english.embargo_until = None  # whatever the translation says, the source's embargo holds
    english.save_revision().publish()
    english.refresh_from_db()
    assert not english.live
    assert english.get_latest_revision().approved_go_live_at == ends


def test_the_embargo_sets_the_go_live_time_shown_to_editors(make_release, admin_client):
    ends = timezone.now() + datetime.timedelta(days=1)
    source, _ = make_release(TITLE, embargo_until=ends)
    source.full_clean()
    assert source.go_live_at == ends
    until = timezone.localtime(ends).strftime("%d/%m/%Y %H:%M")  # Hanoi time
    assert source.get_admin_display_title().endswith(f"cấm đăng đến {until}")
    response = admin_client.get(f"/admin/pages/{source.get_parent().pk}/")
    assert response.status_code == 200
    assert until in response.content.decode()  # the explorer lists it with its embargo


def test_a_public_release_cannot_be_put_under_embargo(make_release):
    source, _ = make_release(TITLE)
    assert source.live
    source.embargo_until = timezone.now() + datetime.timedelta(hours=1)
    with pytest.raises(ValidationError) as refused:
        source.full_clean()
    assert "embargo_until" in refused.value.message_dict


def test_an_embargoed_attachment_is_not_served_to_the_public(client, make_release):
    Document = get_document_model()
    document = Document.objects.create(title="Chương trình chuyến thăm")
    document.file.save("chuong-trinh.txt", ContentFile(b"Lich trinh"))
    ends = timezone.now() + datetime.timedelta(hours=1)
    source, _ = make_release(TITLE, embargo_until=ends)
    PressAttachment.objects.create(page=source, document=document, title="Chương trình")
    assert client.get(document.url, HTTP_HOST=HOST).status_code == 404
    source.embargo_until = timezone.now() - datetime.timedelta(minutes=1)
    source.save()
    assert client.get(document.url, HTTP_HOST=HOST).status_code == 200
