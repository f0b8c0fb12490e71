"""A journalist's request from the public form to the decision: each step is recorded and
e-mailed to the journalist in the language they wrote in, through the outbox and a real SMTP
server; the press office works the queue in the admin."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.accreditation.models import AccreditationRequest, RequestEvent
from cms.outbox.models import OutgoingMail
from tests.cms.accreditation.conftest import SONGOAIVU, absent, denied, form_data, picture, upload

pytestmark = pytest.mark.django_db
Status = AccreditationRequest.Status


def send_form(client, language: str, **changes):
    data = form_data(**changes)
    data["press_card"] = upload(picture())
    return client.post(f"/{language}/accreditation/", data, HTTP_HOST=SONGOAIVU)


def test_the_form_is_offered_in_every_edition_with_its_privacy_notice(client):
    expected = {
        "vi": "Dữ liệu cá nhân của bạn",
        "en": "Your personal data",
        "zh-hans": "您的个人数据",
        "lo": "ຂໍ້ມູນສ່ວນຕົວຂອງທ່ານ",
        "km": "ទិន្នន័យផ្ទាល់ខ្លួនរបស់អ្នក",
    }
    for language, heading in expected.items():
        response = client.get(f"/{language}/accreditation/", HTTP_HOST=SONGOAIVU)
        page = response.content.decode()
        assert response.status_code == 200, language
        assert f'<html lang="{language}"' in page
        assert heading in page, language
        assert "180" in page, "the retention period is stated"
        assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"], "the page carries a CSRF token"


def test_the_whole_lifecycle_is_mailed_in_the_journalists_language(client, smtp, officer):
    response = send_form(client, "zh-hans")
    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/accreditation/sent/"
    request = AccreditationRequest.objects.get()
    assert (request.language, request.status, request.channel.slug) == (
        "zh-hans",
        Status.RECEIVED,
        "songoaivu",
    )
    assert OutgoingMail.objects.filter(status=OutgoingMail.Status.SENT).count() == 1
    (ack,) = smtp.to("ly.minhhoa@example.org")
    assert request.reference in smtp.subject(ack)
    assert "我们已收到您的申请" in smtp.body(ack)

    client.force_login(officer)  # the officer's admin is in Vietnamese
    queue = client.get("/admin/accreditation/").content.decode()
    assert request.reference in queue and "Lý Minh Hoa" in queue
    steps = [
        (Status.IN_REVIEW, "", "正在审核"),
        (Status.INFORMATION_REQUESTED, "Xin gửi thẻ nhà báo còn hạn.", "需要更多信息"),
        (Status.APPROVED, "Hẹn gặp anh tại họp báo.", "已获批准"),
    ]
    for status, message, chinese in steps:
        response = client.post(
            f"/admin/accreditation/{request.pk}/", {"status": status, "message": message}
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        request.refresh_from_db()
        assert request.status == status
        last = smtp.to("ly.minhhoa@example.org")[-1]
        assert chinese in smtp.subject(last) + smtp.body(last), status
        assert message in smtp.body(last)
    assert request.decided_at is not None
    assert len(smtp.to("ly.minhhoa@example.org")) == 4, "one e-mail per step, each once"
    history = list(RequestEvent.objects.filter(request=request).values_list("status_to", "author"))
    assert history == [
        (Status.RECEIVED, None),
        (Status.IN_REVIEW, officer.pk),
        (Status.INFORMATION_REQUESTED, officer.pk),
        (Status.APPROVED, officer.pk),
    ]


def test_a_reply_without_a_new_status_is_mailed_too(client, smtp, officer):
    send_form(client, "km")
    request = AccreditationRequest.objects.get()
    client.force_login(officer)
    client.post(f"/admin/accreditation/{request.pk}/", {"message": "Cảm ơn anh."})
    last = smtp.to("ly.minhhoa@example.org")[-1]
    assert "Cảm ơn anh." in smtp.body(last)
    assert "សារអំពីសំណើ" in smtp.subject(last), "subject in Khmer"
    request.refresh_from_db()
    assert request.status == Status.RECEIVED


def test_refusing_needs_a_reason_and_an_impossible_step_is_not_offered(client, smtp, officer):
    send_form(client, "en")
    request = AccreditationRequest.objects.get()
    client.force_login(officer)
    response = client.post(f"/admin/accreditation/{request.pk}/", {"status": Status.REFUSED})
    assert response.status_code == 200
    request.refresh_from_db()
    assert request.status == Status.RECEIVED
    assert len(smtp.to("ly.minhhoa@example.org")) == 1
    response = client.post(f"/admin/accreditation/{request.pk}/", {"status": Status.RECEIVED})
    assert response.status_code == 200 and request.status == Status.RECEIVED


def test_the_queue_shows_only_the_officers_own_site(client, officer, other_officer, editor):
    send_form(client, "vi")
    request = AccreditationRequest.objects.get()
    client.force_login(other_officer)
    assert "Lý Minh Hoa" not in client.get("/admin/accreditation/").content.decode()
    assert absent(client.get(f"/admin/accreditation/{request.pk}/"))
    assert absent(client.post(f"/admin/accreditation/{request.pk}/", {"status": Status.APPROVED}))
    client.force_login(editor)
    assert denied(client.get("/admin/accreditation/"))
    assert denied(client.get(f"/admin/accreditation/{request.pk}/"))
    request.refresh_from_db()
    assert request.status == Status.RECEIVED


def _queue_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/admin/accreditation/").status_code == 200
    return len(queries)


def test_the_queue_renders_with_a_fixed_number_of_queries(client, officer):
    client.force_login(officer)
    _queue_queries(client)
    for language in ("vi", "en"):
        send_form(client, language, email=f"{language}@example.org")
    few = _queue_queries(client)
    for language in ("zh-hans", "lo", "km"):
        send_form(client, language, email=f"{language}@example.org")
    assert _queue_queries(client) == few <= 30
