"""Relations between documents are checked wherever they are entered: a document cannot act on
itself or on a later one, and no chain of relations may lead back to where it started. Files
attached to a document are PDFs of a reasonable size."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from cms.legal import files, graph
from cms.legal.models import LegalRelation
from tests.cms.legal.helpers import database, document

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def edge(source, kind, target):
    return graph.Edge(source, kind, target)


def test_a_chain_of_relations_back_to_its_start_is_a_circle():
    existing = [edge("A", "amends", "B"), edge("B", "amends", "C")]
    found = graph.problems([edge("C", "replaces", "A")], existing, {}, {})
    assert any("vòng tròn" in message for message in found)
    assert graph.problems([edge("D", "replaces", "A")], existing, {}, {}) == []


def test_a_document_that_repeals_itself_is_refused():
    found = graph.problems([edge("A", "repeals", "A")], [], {}, {"A": "04/2013/QĐ-UBND"})
    assert found == ["Văn bản 04/2013/QĐ-UBND không thể liên hệ với chính nó."]


def test_the_page_form_refuses_a_self_repeal_a_circle_and_acting_on_a_later_document():
    index = database()
    older = document(index, "04/2013/QĐ-UBND", issued=dt.date(2013, 3, 1))
    newer = document(
        index, "20/2019/QĐ-UBND", issued=dt.date(2019, 5, 2), relations=(("amends", older),)
    )
    older = older.get_latest_revision_as_object()
    older.relations = [LegalRelation(kind="repeals", target=older)]
    with pytest.raises(ValidationError, match="không thể liên hệ với chính nó"):
        older.full_clean()
    older.relations = [LegalRelation(kind="guides", target=newer)]
    with pytest.raises(ValidationError, match="vòng tròn"):
        older.full_clean()
    older.relations = [LegalRelation(kind="amends", target=newer)]
    with pytest.raises(ValidationError, match="ban hành sau"):
        older.full_clean()


def test_effective_before_issued_is_refused_with_a_translated_message():
    page = document(database(), "04/2013/QĐ-UBND", issued=dt.date(2013, 3, 1))
    page.date_effective = dt.date(2013, 2, 1)
    with pytest.raises(ValidationError) as raised:
        page.full_clean()
    assert "date_effective" in raised.value.message_dict


def test_only_pdf_files_of_a_reasonable_size_are_attached(settings):
    files.check_pdf(SimpleUploadedFile("qd.pdf", PDF), "qd.pdf")
    with pytest.raises(ValidationError, match="không phải là tệp PDF"):
        files.check_pdf(SimpleUploadedFile("qd.docx", PDF), "qd.docx")
    with pytest.raises(ValidationError, match="không chứa tài liệu PDF"):
        files.check_pdf(SimpleUploadedFile("qd.pdf", b"<html>"), "qd.pdf")
    oversized = io.BytesIO(PDF + b" " * files.MAX_PDF_BYTES)
    with pytest.raises(ValidationError, match="lớn hơn"):
        files.check_pdf(oversized, "qd.pdf")
