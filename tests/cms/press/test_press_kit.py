"""The press kit: one zip with the release's text, its images and its documents; never a
private document, never before the embargo; a release page takes a fixed number of
queries however many contacts, attachments and events it has."""

from __future__ import annotations

import datetime
import io
import json
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from cms.demo.factories import ImageFactory
from cms.press.models import PressAttachment, PressContact, PressEventRelease
from tests.cms.press.conftest import HOST

pytestmark = pytest.mark.django_db


def document(title: str, name: str, content: bytes, collection=None):
    Document = get_document_model()
    doc = Document(title=title, collection=collection or Collection.get_first_root_node())
    doc.file.save(name, ContentFile(content), save=False)
    doc.save()
    return doc


def private_collection():
    root = Collection.get_first_root_node()
    collection = root.add_child(name="Nội bộ")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def kit(client, page) -> zipfile.ZipFile:
    response = client.get(f"{page.get_url()}press-kit/", HTTP_HOST=HOST)
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/zip"
    assert f'filename="{page.slug}-press-kit.zip"' in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.testzip() is None
    return archive


def test_the_press_kit_holds_text_images_and_public_documents_only(client, make_release):
    body_image = ImageFactory(scene="river")
    programme = document("Chương trình", "chuong-trinh.pdf", b"%PDF-1.4 programme")
    speech = document("Phát biểu", "phat-bieu.txt", "Phát biểu khai mạc".encode())
    secret = document("Ghi chú nội bộ", "ghi-chu.txt", b"internal", private_collection())
    body = [
        {"type": "paragraph", "value": "<p>Đoạn mở đầu của thông cáo.</p>"},
        {
            "type": "image",
            "value": {"image": body_image.pk, "alt_text": "Sông", "caption": "", "credit": ""},
        },
        {"type": "document", "value": {"document": speech.pk, "title": ""}},
    ]
    release, _ = make_release(
        "Thông cáo có bộ tài liệu", slug="bo-tai-lieu", body=json.dumps(body), reference="7/TCBC"
    )
    PressAttachment.objects.create(page=release, document=programme, title="Chương trình")
    PressAttachment.objects.create(page=release, document=secret, title="Nội bộ")

    archive = kit(client, release)
    names = archive.namelist()
    assert names[0] == "bo-tai-lieu.txt"
    text = archive.read("bo-tai-lieu.txt").decode()
    assert "Thông cáo có bộ tài liệu" in text and "7/TCBC" in text
    assert "Đoạn mở đầu của thông cáo." in text and "Đặng Thị Hương" in text
    images = [name for name in names if name.startswith("images/")]
    assert len(images) == 2
    assert archive.read(images[0]) == release.lead_image.file.open("rb").read()
    documents = sorted(name for name in names if name.startswith("documents/"))
    assert documents == sorted(f"documents/{doc.filename}" for doc in (programme, speech))
    assert archive.read(f"documents/{programme.filename}") == b"%PDF-1.4 programme"
    assert not any(secret.filename in name for name in names)
    assert b"internal" not in b"".join(archive.read(name) for name in names)
    # The private attachment is not offered on the page either.
    html = client.get(release.get_url(), HTTP_HOST=HOST).content.decode()
    assert "Chương trình" in html and "Nội bộ" not in html


def test_no_press_kit_before_the_embargo_ends(client, make_release):
    release, _ = make_release(
        "Thông cáo cấm đăng", embargo_until=timezone.now() + datetime.timedelta(hours=2)
    )
    url = f"/vi/{release.get_parent().slug}/{release.slug}/press-kit/"
    assert client.get(url, HTTP_HOST=HOST).status_code == 404


def queries_for(client, url: str) -> int:
    client.get(url, HTTP_HOST=HOST)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200, url
    return len(captured)


def test_a_release_page_takes_a_fixed_number_of_queries(client, make_release, make_event):
    release, _ = make_release("Thông cáo đo truy vấn", slug="do-truy-van")
    few = queries_for(client, release.get_url())
    for n in range(5):
        PressContact.objects.create(page=release, name=f"Cán bộ {n}", phone="024 3825 3536")
        PressAttachment.objects.create(
            page=release, document=document(f"Tài liệu {n}", f"tai-lieu-{n}.txt", b"x")
        )
        event, _ = make_event(f"Họp báo {n}", datetime.timedelta(days=n + 1))
        PressEventRelease.objects.create(page=event, release=release)
    assert queries_for(client, release.get_url()) == few
    assert few <= 16
