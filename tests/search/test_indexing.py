"""The index follows publishing: publish, translation publish, unpublish, expiry, move and
delete go through the durable queue; an unreachable engine loses nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.core import bulk
from cms.news.models import SectionPage
from search.documents import SearchRequest
from search.engines import get_engine
from search.models import PendingUpdate
from search.tasks import apply_pending_updates
from tests.cms.helpers import article

pytestmark = pytest.mark.django_db


def found(engine, text: str, language: str = "vi") -> list[int]:
    return [hit["page_id"] for hit in engine.search(SearchRequest(text, language)).hits]


def found_articles(engine, text: str, language: str = "vi") -> list[int]:
    """The article hits only: the provisioned info pages (about, contact, ...) match too."""
    hits = engine.search(SearchRequest(text, language)).hits
    return [hit["page_id"] for hit in hits if hit["content_type"] == "articlepage"]


def test_publish_indexes_the_article_with_its_fields(
    search_engine, section, channel, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = article(section, title="Hội nghị hữu nghị Việt – Lào", translated_to=["lo"])
    hits = search_engine.search(SearchRequest("huu nghi", "vi")).hits
    assert [hit["page_id"] for hit in hits] == [page.pk]
    hit = hits[0]
    assert hit["channel"] == channel.slug
    assert hit["section"] == "tin-tuc"
    assert hit["content_type"] == "articlepage"
    assert hit["url"].startswith("http://hanoimoi.localhost:8000/vi/")
    assert hit["translation_key"] == str(page.translation_key)
    assert hit["image"].endswith(".png") or hit["image"].endswith(".jpg")
    lao = page.get_translations().get(locale__language_code="lo")
    assert found(search_engine, "hữu nghị", "lo") == [lao.pk]
    assert PendingUpdate.objects.count() == 0


def test_translation_publish_indexes_the_edition(
    search_engine, section, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = article(section, title="Hồ Tây", translated_to=["en"])
    english = page.get_translations().get(locale__language_code="en")
    assert found(search_engine, "Hồ Tây [en]", "en") == [english.pk]
    assert found(search_engine, "Hồ Tây", "vi") == [page.pk]


def test_unpublish_and_delete_remove_the_document(
    search_engine, section, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = article(section, title="Cầu Long Biên")
        second = article(section, title="Cầu Nhật Tân")
    assert sorted(found_articles(search_engine, "cầu")) == sorted([first.pk, second.pk])
    with django_capture_on_commit_callbacks(execute=True):
        first.unpublish()
    assert found_articles(search_engine, "cầu") == [second.pk]
    with django_capture_on_commit_callbacks(execute=True):
        second.delete()
    assert found_articles(search_engine, "cầu") == []


def test_expiry_removes_the_document(search_engine, section, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = article(section, title="Triển lãm mùa xuân")
    page.expire_at = timezone.now() - timedelta(minutes=1)
    page.save()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", verbosity=0)
    assert found(search_engine, "triển lãm") == []


def test_move_updates_the_url(search_engine, section, django_capture_on_commit_callbacks):
    other = SectionPage.objects.sibling_of(section, inclusive=False).first()
    with django_capture_on_commit_callbacks(execute=True):
        page = article(section, title="Phố đi bộ")
    with django_capture_on_commit_callbacks(execute=True):
        page.move(other, pos="last-child")
    (hit,) = search_engine.search(SearchRequest("phố đi bộ", "vi")).hits
    assert f"/{other.slug}/" in hit["url"]
    assert hit["section"] == other.slug


def test_engine_down_publish_succeeds_and_the_update_lands_later(
    settings, tmp_path, section, django_capture_on_commit_callbacks
):
    settings.SEARCH_URL = "opensearch+http://127.0.0.1:9"  # nothing listens on the discard port
    get_engine.cache_clear()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            page = article(section, title="Làng gốm Bát Tràng")
        assert page.live
        pending = PendingUpdate.objects.get(page_id=page.pk)
        assert pending.attempts == 1 and "opensearch" in pending.last_error

        settings.SEARCH_URL = f"sqlite:///{tmp_path / 'search.sqlite3'}"
        get_engine.cache_clear()
        call_command("search_index", "sync", verbosity=0)
        assert found(get_engine(), "bat trang") == [page.pk]
        assert not PendingUpdate.objects.exists()
    finally:
        get_engine.cache_clear()


def test_rebuild_and_check_repair_drift(search_engine, section, capsys):
    kept = article(section, title="Chợ Đồng Xuân")
    lost = article(section, title="Chợ Hôm")
    call_command("search_index", "rebuild")
    assert "Indexed" in capsys.readouterr().out
    assert sorted(found_articles(search_engine, "chợ")) == sorted([kept.pk, lost.pk])

    search_engine.delete([str(lost.pk)])
    call_command("search_index", "check")
    out = capsys.readouterr().out
    assert "1 missing" in out and "Repaired" in out
    assert sorted(found_articles(search_engine, "chợ")) == sorted([kept.pk, lost.pk])


def test_in_a_bulk_change_updates_are_queued_at_once_and_applied_once_at_its_end(
    search_engine, section, django_capture_on_commit_callbacks
):
    other = SectionPage.objects.sibling_of(section, inclusive=False).first()
    with django_capture_on_commit_callbacks(execute=True):
        pages = [article(section, title=f"Lễ hội làng {n}") for n in ("Đông", "Tây")]
    with django_capture_on_commit_callbacks(execute=True) as callbacks, bulk.bulk_change():
        for page in pages:
            page.move(other, pos="last-child")
        assert {page.pk for page in pages} <= set(
            PendingUpdate.objects.values_list("page_id", flat=True)
        )
    assert len([c for c in callbacks if c == apply_pending_updates.enqueue]) == 1
    assert not PendingUpdate.objects.exists()
    hits = search_engine.search(SearchRequest("lễ hội làng", "vi")).hits
    assert {hit["section"] for hit in hits} == {other.slug}


def test_the_embedded_index_is_made_in_a_folder_that_does_not_exist_yet(tmp_path):
    from search.engines.embedded import EmbeddedEngine

    engine = EmbeddedEngine(str(tmp_path / "not-yet" / "search.sqlite3"))
    engine.ensure_index()
    assert engine.search(SearchRequest("hồ gươm", "vi")).hits == []
