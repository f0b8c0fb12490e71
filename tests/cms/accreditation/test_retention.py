"""Personal data is erased after the retention period, counted from the decision (or from
the last activity of a request left waiting for the journalist); what is left feeds anonymous
statistics; requests still in the press office's hands, and recent ones, are left alone."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.accreditation import retention, workflow
from cms.accreditation.models import AccreditationRequest, RequestEvent
from tests.cms.accreditation.conftest import SONGOAIVU, absent, form_data, picture, upload

pytestmark = pytest.mark.django_db
Status = AccreditationRequest.Status
PERSONAL = ("name", "outlet", "email", "phone", "topics", "message", "press_card")


def _request(client, email: str) -> AccreditationRequest:
    data = form_data(email=email)
    data["press_card"] = upload(picture())
    assert client.post("/lo/accreditation/", data, HTTP_HOST=SONGOAIVU).status_code == 302
    return AccreditationRequest.objects.get(email=email)


def _age(request: AccreditationRequest, days: int) -> None:
    past = timezone.now() - datetime.timedelta(days=days)
    AccreditationRequest.objects.filter(pk=request.pk).update(
        created_at=past, updated_at=past, decided_at=past if request.decided_at else None
    )


def test_retention_erases_what_it_should_and_only_that(
    client, officer, django_capture_on_commit_callbacks
):
    old_approved = _request(client, "a@example.org")
    workflow.step(old_approved, officer, status=Status.APPROVED, message="Chào mừng anh.")
    old_refused = _request(client, "b@example.org")
    workflow.step(old_refused, officer, status=Status.REFUSED, message="Hết chỗ.")
    recent_approved = _request(client, "c@example.org")
    workflow.step(recent_approved, officer, status=Status.APPROVED)
    stale_waiting = _request(client, "d@example.org")
    workflow.step(stale_waiting, officer, status=Status.INFORMATION_REQUESTED, message="Thẻ?")
    old_in_review = _request(client, "e@example.org")
    workflow.step(old_in_review, officer, status=Status.IN_REVIEW)
    for item in (old_approved, old_refused, stale_waiting, old_in_review):
        item.refresh_from_db()
        _age(item, 181)
    _age(recent_approved, 179)
    cards = {r.email: Path(r.press_card.path) for r in AccreditationRequest.objects.all()}

    with django_capture_on_commit_callbacks(execute=True):
        call_command("accreditation_retention")

    for email, erased in (
        ("a@example.org", True),
        ("b@example.org", True),
        ("d@example.org", True),
        ("c@example.org", False),
        ("e@example.org", False),
    ):
        assert cards[email].exists() is not erased, email
    erased = AccreditationRequest.objects.filter(erased_at__isnull=False)
    assert erased.count() == 3
    for item in erased:
        assert all(not getattr(item, field) for field in PERSONAL), item.pk
        assert (item.date_from, item.date_to) == (None, None)
        assert item.country == "Singapore" and item.language == "lo"
        assert item.channel.slug == "songoaivu" and item.kind == "accreditation"
        assert item.status in (Status.APPROVED, Status.REFUSED, Status.INFORMATION_REQUESTED)
        assert not RequestEvent.objects.filter(request=item).exclude(message="").exists()
        assert RequestEvent.objects.filter(request=item).count() >= 2, "the steps stay"
    kept = AccreditationRequest.objects.filter(erased_at__isnull=True)
    assert set(kept.values_list("email", flat=True)) == {"c@example.org", "e@example.org"}
    assert all(item.name == "Lý Minh Hoa" and item.press_card for item in kept)

    call_command("accreditation_retention")  # again: nothing more
    assert AccreditationRequest.objects.filter(erased_at__isnull=False).count() == 3
    assert retention.due().count() == 0


def test_an_erased_request_can_no_longer_be_worked(client, officer):
    item = _request(client, "f@example.org")
    workflow.step(item, officer, status=Status.REFUSED, message="Không đủ điều kiện.")
    retention.erase(item)
    client.force_login(officer)
    page = client.get(f"/admin/accreditation/{item.pk}/").content.decode()
    assert "Lý Minh Hoa" not in page and "f@example.org" not in page
    response = client.post(f"/admin/accreditation/{item.pk}/", {"status": Status.IN_REVIEW})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.REFUSED
    assert absent(client.get(f"/admin/accreditation/{item.pk}/press-card/"))
