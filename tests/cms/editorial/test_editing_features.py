"""Editing features the newsroom relies on: scheduled publishing and expiry, revisions and
compare, locking, comments and the audit log."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry

from tests.cms.helpers import article

pytestmark = pytest.mark.django_db


def test_scheduled_publishing_and_expiry_run_from_the_scheduler_command(section):
    page = article(section, slug="hen-gio", published=False)
    page.go_live_at = timezone.now() + dt.timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert not page.live and revision.approved_go_live_at

    past = timezone.now() - dt.timedelta(minutes=1)  # an hour passes
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])

    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert page.live

    page.expire_at = timezone.now() - dt.timedelta(minutes=1)
    page.save()
    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert not page.live and page.expired


def test_revisions_can_be_compared_by_an_editor(client, editor, section):
    page = article(section, slug="so-sanh")
    first = page.latest_revision
    page.title = "Tiêu đề mới"
    second = page.save_revision(user=editor)
    client.force_login(editor)
    response = client.get(f"/admin/pages/{page.pk}/revisions/compare/{first.pk}...{second.pk}/")
    assert response.status_code == 200
    assert "Tiêu đề mới" in response.content.decode()


def test_a_page_locked_by_one_editor_cannot_be_edited_by_another(make_user, editor, section):
    colleague = make_user("dong-nghiep", "hanoimoi: editors")
    page = article(section, slug="khoa")
    page.locked, page.locked_by, page.locked_at = True, editor, timezone.now()
    page.save()
    assert page.get_lock().for_user(colleague)
    assert not page.get_lock().for_user(editor)


def test_comments_are_enabled_in_the_editor(client, editor, section):
    page = article(section, slug="binh-luan")
    client.force_login(editor)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "w-comments:init" in html


def test_publishing_is_in_the_audit_log(section):
    page = article(section, slug="nhat-ky")
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()
