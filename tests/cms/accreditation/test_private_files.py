"""Press cards are personal data: stored outside the public media directory under a random
name, downloadable only by the press officers of the request's site (and superusers), as an
attachment that no cache keeps."""

from __future__ import annotations

from pathlib import Path

import pytest

from cms.accreditation.models import AccreditationRequest
from tests.cms.accreditation.conftest import SONGOAIVU, absent, denied, form_data, picture, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_with_card(client, private_root) -> AccreditationRequest:
    data = form_data()
    data["press_card"] = upload(picture(), name="Ly-Minh-Hoa-the-nha-bao.jpg")
    assert client.post("/en/accreditation/", data, HTTP_HOST=SONGOAIVU).status_code == 302
    return AccreditationRequest.objects.get()


def test_the_card_is_stored_outside_media_under_a_random_name(request_with_card, private_root):
    stored = Path(request_with_card.press_card.path)
    assert stored.is_relative_to(private_root) and stored.exists()
    assert "Ly-Minh-Hoa" not in stored.name and stored.suffix == ".jpg"
    assert oct(stored.stat().st_mode & 0o777) == "0o600"


def test_the_press_officer_downloads_the_card(client, request_with_card, officer):
    client.force_login(officer)
    response = client.get(f"/admin/accreditation/{request_with_card.pk}/press-card/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("attachment;")
    assert f"press-card-{request_with_card.reference}.jpg" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


def test_nobody_else_reaches_the_card(
    client, request_with_card, other_officer, editor, approver, oversight_user, media_root
):
    url = f"/admin/accreditation/{request_with_card.pk}/press-card/"
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"], "anonymous"
    client.force_login(other_officer)
    assert absent(client.get(url)), "another site's press officer"
    for user in (editor, approver, oversight_user):
        client.force_login(user)
        assert denied(client.get(url)), user.username
    client.logout()
    name = request_with_card.press_card.name
    for guess in (f"/media/{name}", f"/media/private/{name}", f"/{name}"):
        assert client.get(guess, HTTP_HOST=SONGOAIVU).status_code == 404, guess
    assert not list(Path(media_root).rglob(Path(name).name)), "never under MEDIA_ROOT"
