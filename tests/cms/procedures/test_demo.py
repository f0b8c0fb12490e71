"""The demo procedures: every record in Vietnamese with English and Chinese translations
(two also in Lao and Khmer) recorded as wagtail-localize translations, forms as Word files,
loaded once (a second load changes nothing)."""

from __future__ import annotations

import pytest
from docx import Document as WordDocument
from wagtail_localize.models import Translation

from cms.demo import procedures
from cms.demo.loader import DemoLoader
from cms.procedures.models import Agency, ProcedureIndexPage, ProcedurePage

pytestmark = pytest.mark.django_db


def test_demo_procedures_load_once_with_their_translations(client):
    loader = DemoLoader(logins=False)
    procedures.load(loader, loader.locales)
    by_language = {
        code: ProcedurePage.objects.filter(locale__language_code=code).count()
        for code in ("vi", "en", "zh-hans", "lo", "km")
    }
    assert by_language == {"vi": 9, "en": 9, "zh-hans": 9, "lo": 2, "km": 2}
    assert ProcedureIndexPage.objects.count() == 5
    assert Agency.objects.count() == 4
    assert (
        Translation.objects.filter(
            source__object_id__in=ProcedurePage.objects.filter(locale__language_code="vi").values(
                "translation_key"
            )
        ).count()
        == 22
    )
    created = len(loader.report.created)
    procedures.load(loader, loader.locales)
    assert len(loader.report.created) == created
    page = ProcedurePage.objects.get(slug="cap-giay-phep-lao-dong", locale__language_code="km")
    form = page.dossier[0].value["form"]
    with form.file.open("rb") as handle:
        assert "11/PLI" in WordDocument(handle).paragraphs[0].text
    response = client.get(page.url, HTTP_HOST="portal.localhost:8000")
    assert response.status_code == 200
    assert '<html lang="km"' in response.content.decode()
