"""The admin's batch import: a check that saves nothing and lists every bad row, then an import
into drafts; only those who may add documents to a database may use it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cms.legal.models import LegalDocumentPage
from tests.cms.legal.helpers import database, document
from tests.cms.legal.test_importer import GOOD, PDF

pytestmark = pytest.mark.django_db
URL = "/admin/legal/import/"


def post(client, index, text: str, action: str):
    return client.post(
        URL,
        {
            "index": index.pk,
            "source_file": SimpleUploadedFile("van-ban.csv", text.encode()),
            "pdfs": [SimpleUploadedFile("qd-04.pdf", PDF, content_type="application/pdf")],
            action: "1",
        },
    )


def test_a_check_lists_problems_and_an_import_makes_drafts(client, make_user):
    index = database()
    client.force_login(make_user("admin-legal", superuser=True))
    bad = GOOD.replace("2013-03-11", "2013-02-11")
    refused = post(client, index, bad, "import")
    assert [p.row for p in refused.context["report"].problems] == [1]
    assert "04/2013/QĐ-UBND" in refused.content.decode()
    assert not LegalDocumentPage.objects.exists()
    checked = post(client, index, GOOD, "check").context["report"]
    assert checked.ok and not checked.applied and len(checked.created) == 2
    assert not LegalDocumentPage.objects.exists()
    post(client, index, GOOD, "import")
    drafts = LegalDocumentPage.objects.all()
    assert drafts.count() == 2 and not any(page.live for page in drafts)


def test_editors_of_another_site_may_not_import(client, editor):
    database()
    client.force_login(editor)
    refused = client.get(URL)  # Wagtail answers a refusal with the dashboard and a message
    assert refused.status_code == 302 and refused["Location"] == "/admin/"


def test_the_page_editor_offers_the_record_files_and_relations(client, make_user):
    index = database()
    page = document(index, "04/2013/QĐ-UBND")
    client.force_login(make_user("admin-editor", superuser=True))
    add = client.get(f"/admin/pages/add/legal/legaldocumentpage/{index.pk}/")
    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert add.status_code == 200 and edit.status_code == 200
    html = edit.content.decode()
    assert 'name="number_symbol"' in html and 'name="relations-TOTAL_FORMS"' in html
    assert 'name="attachments-TOTAL_FORMS"' in html
