"""Demo legal documents: a dozen Hanoi documents on foreign affairs in the city portal's
database, each in Vietnamese and English (some in Chinese), with its original as a PDF, every
status represented, loaded once and removable."""

import pytest
from django.utils import timezone
from pypdf import PdfReader
from wagtail_localize.models import Translation

from cms.demo import legal
from cms.demo.loader import CONTENT_DIR, DemoLoader
from cms.demo.removal import remove_demo
from cms.legal import status
from cms.legal.models import LegalDocumentPage, LegalIndexPage

pytestmark = pytest.mark.django_db


def test_the_demo_database_loads_once_with_translations_pdfs_and_every_status(tmp_path):
    (tmp_path / "topics.yaml").write_text((CONTENT_DIR / "topics.yaml").read_text("utf-8"))
    (tmp_path / "legal").mkdir()
    (tmp_path / legal.CONTENT_PATH).write_text(legal.CONTENT.read_text("utf-8"))
    report = DemoLoader(tmp_path, logins=False).load()

    sources = LegalDocumentPage.objects.filter(locale__language_code="vi")
    assert sources.count() >= 12 and all(page.live for page in sources)
    english = LegalDocumentPage.objects.filter(locale__language_code="en")
    assert english.count() == sources.count()
    assert LegalDocumentPage.objects.filter(locale__language_code="zh-hans").count() >= 1
    assert LegalIndexPage.objects.count() == 5  # the database in every edition
    found = set(status.annotate(sources, timezone.localdate()).values_list("status", flat=True))
    assert found == set(status.Status.values)
    page = sources.get(number_symbol="09/2019/QĐ-UBND")
    pdf = page.attachments.get().document
    with pdf.file.open("rb") as handle:
        assert "15/2014/QĐ-UBND" in PdfReader(handle).pages[0].extract_text()
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale__language_code="en"
    )
    total, translated = translation.get_progress()
    assert total > 3 and translated == total, "demo translations open in the segment editor"

    assert DemoLoader(tmp_path, logins=False).load().created == []
    removal = remove_demo()
    assert removal.removed == len(report.created) and removal.kept == []
    assert not LegalDocumentPage.objects.exists()
