"""The public form against robots and bad files: a honeypot, rate limits per address and per
e-mail address, type sniffing from the bytes, a size limit, pictures re-encoded without their
metadata; every refusal is explained in the reader's language and keeps what was typed."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image, ImageFile

from cms.accreditation import throttling, uploads
from cms.accreditation.models import AccreditationRequest
from cms.outbox.models import OutgoingMail
from tests.cms.accreditation.conftest import SONGOAIVU, form_data, picture, upload

pytestmark = pytest.mark.django_db


def post(client, language="en", card=None, **changes):
    data = form_data(**changes)
    if card is not None:
        data["press_card"] = card
    return client.post(f"/{language}/accreditation/", data, HTTP_HOST=SONGOAIVU)


def test_a_robot_filling_the_honeypot_sees_success_and_nothing_is_kept(client):
    response = post(client, card=upload(picture()), website="http://spam.example")
    assert response.status_code == 302 and response["Location"].endswith("/sent/")
    assert not AccreditationRequest.objects.exists()
    assert not OutgoingMail.objects.exists()


def test_too_many_submissions_from_one_address_are_refused_keeping_the_text(client):
    for _ in range(throttling.LIMIT_PER_ADDRESS):
        post(client, email="")  # invalid submissions count too
    response = post(client, "vi", card=upload(picture()), name="Ngô Thanh Vân")
    page = response.content.decode()
    assert response.status_code == 429
    assert "Đã có quá nhiều yêu cầu được gửi từ đây" in page
    assert 'value="Ngô Thanh Vân"' in page, "what was typed is kept"
    assert not AccreditationRequest.objects.exists()


def test_one_address_cannot_be_flooded_with_requests(client):
    for index in range(throttling.LIMIT_PER_EMAIL):
        response = post(client, card=upload(picture()), outlet=f"Outlet {index}")
        assert response.status_code == 302
    response = post(client, card=upload(picture()), outlet="One more")
    assert response.status_code == 429
    assert AccreditationRequest.objects.count() == throttling.LIMIT_PER_EMAIL


def test_gps_and_camera_metadata_are_stripped_before_storage(client):
    original = picture(gps=True)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825), "the test photo has GPS"
    assert post(client, card=upload(original)).status_code == 302
    stored = AccreditationRequest.objects.get().press_card.read()
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG" and image.size == (640, 400)
    exif = image.getexif()
    assert not exif.get_ifd(0x8825) and 0x010F not in exif and 0x0110 not in exif
    assert b"Phone maker" not in stored and b"Exif" not in stored


def test_a_rotated_photo_is_stored_upright():
    image = Image.new("RGB", (300, 100), (200, 0, 0))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    clean = uploads.clean_press_card(upload(out.getvalue()))
    assert Image.open(io.BytesIO(clean.content)).size == (100, 300)


PNG = picture("PNG")
MALFORMED = {
    "a script named .jpg": (
        b"<?php echo 'hi'; ?>",
        "card.jpg",
        "image/jpeg",
        "Thẻ nhà báo phải là ảnh JPEG hoặc PNG, hoặc tài liệu PDF.",
    ),
    "a GIF": (
        b"GIF89a" + picture("GIF")[6:],
        "card.gif",
        "image/gif",
        "Thẻ nhà báo phải là ảnh JPEG hoặc PNG, hoặc tài liệu PDF.",
    ),
    "a truncated PNG": (
        PNG[: len(PNG) // 2],
        "card.png",
        "image/png",
        "Ảnh bị hỏng hoặc không đầy đủ.",
    ),
    "a truncated PDF": (
        b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n",
        "card.pdf",
        "application/pdf",
        "Tài liệu PDF bị hỏng hoặc không đầy đủ.",
    ),
    "an empty file": (b"", "card.pdf", "application/pdf", "Tệp trống."),
    "a file too large": (
        b"%PDF-1.4\n" + b"0" * uploads.MAX_UPLOAD_BYTES + b"\n%%EOF\n",
        "card.pdf",
        "application/pdf",
        "Tệp lớn hơn 5 MB.",
    ),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_uploads_are_refused_with_a_translated_reason(client, case):
    data, name, content_type, message = MALFORMED[case]
    response = post(client, "vi", card=upload(data, name, content_type), outlet="Nhật báo Á Châu")
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page, case
    assert 'value="Nhật báo Á Châu"' in page and 'value="Lý Minh Hoa"' in page
    assert "Họp báo về Lễ hội Văn hóa Hữu nghị</textarea>" in page
    assert not AccreditationRequest.objects.exists()


def test_a_truncated_picture_is_refused_even_where_weasyprint_is_lenient():
    ImageFile.LOAD_TRUNCATED_IMAGES = True  # what importing WeasyPrint does
    with pytest.raises(ValidationError) as refused:
        uploads.clean_press_card(upload(PNG[: len(PNG) // 2], "card.png", "image/png"))
    assert refused.value.code == "damaged"
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True, "left as it was"


def test_a_valid_pdf_is_kept_as_it_is(client):
    pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n"
    assert post(client, card=upload(pdf, "card.pdf", "application/pdf")).status_code == 302
    stored = AccreditationRequest.objects.get()
    assert stored.press_card_type == "application/pdf" and stored.press_card.read() == pdf


def test_errors_are_in_the_readers_language(client):
    response = post(client, "zh-hans", email="not-an-address", consent="")
    page = response.content.decode()
    assert "部分栏目需要修改" in page
    assert "请确认您同意数据的保存方式。" in page
    assert "记者证" in page and "申请采访注册须提供记者证。" in page
