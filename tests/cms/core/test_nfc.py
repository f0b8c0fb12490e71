"""Text arrives in NFC or NFD; it is stored in NFC whatever the entry point."""

import json
import unicodedata

import pytest

from tests.cms.helpers import article

pytestmark = pytest.mark.django_db
NFD = unicodedata.normalize("NFD", "Hà Nội mở rộng hợp tác")
NFC = unicodedata.normalize("NFC", NFD)


def test_model_saves_store_nfc_in_text_and_stream_fields(section):
    from cms.demo.factories import body_blocks

    page = article(
        section, slug="nfc", title=NFD, standfirst=NFD, body=body_blocks([{"paragraph": NFD}])
    )
    page.refresh_from_db()
    assert page.title == NFC
    assert page.standfirst == NFC
    stored = json.dumps(list(page.body.raw_data), ensure_ascii=False)
    assert NFC in stored
    assert NFD not in stored


def test_submitted_forms_and_queries_are_normalised(rf):
    from locales.middleware import NFCInputMiddleware

    seen = {}

    def view(request):
        seen["post"] = request.POST["title"]
        seen["get"] = request.GET["q"]
        from django.http import HttpResponse

        return HttpResponse()

    request = rf.post(f"/?q={NFD}", {"title": NFD})
    NFCInputMiddleware(view)(request)
    assert seen == {"post": NFC, "get": NFC}


def test_admin_edit_form_stores_nfc(client, section, editor):
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        rich_text,
        streamfield,
    )

    page = article(section, slug="sua-bai")
    client.force_login(editor)
    data = nested_form_data(
        {
            "title": NFD,
            "slug": "sua-bai",
            "standfirst": NFD,
            "lead_image": page.lead_image_id,
            "lead_image_alt": "Ảnh",
            "lead_image_caption": "",
            "lead_image_credit": "",
            "body": streamfield([("paragraph", rich_text(f"<p>{NFD}</p>"))]),
            "authors": inline_formset([]),
            "topics": inline_formset([]),
            "related_pages": inline_formset([]),
            "comments": inline_formset([]),
            "publication_date": "2026-11-20 10:00",
        }
    )
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page.refresh_from_db()
    latest = page.get_latest_revision_as_object()
    assert latest.title == NFC and latest.standfirst == NFC
