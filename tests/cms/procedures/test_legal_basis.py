"""The legal basis links to the legal documents database: each chosen document in the
reader's edition where it is translated, else in the language it exists in (marked with its
language); citations the database does not hold are shown as written; a block with neither
is refused with a message."""

from __future__ import annotations

import datetime
import json
from urllib.parse import urlsplit

import pytest
from wagtail.blocks.struct_block import StructBlockValidationError

from cms.legal import citations
from cms.legal.models import DocumentType, IssuingBody, LegalDocumentPage, LegalIndexPage
from cms.procedures.blocks import LegalBasisBlock
from sites.models import Channel
from tests.cms.helpers import locale
from tests.cms.procedures.conftest import build_procedure

pytestmark = pytest.mark.django_db
HOST = "portal.localhost:8000"


@pytest.fixture
def decree(db) -> LegalDocumentPage:
    home = Channel.objects.get(slug="portal").home_page.specific
    index = LegalIndexPage(title="Văn bản pháp luật", slug="van-ban-phap-luat")
    home.add_child(instance=index)
    index.save_revision().publish()
    english_index = index.copy_for_translation(locale("en"))
    english_index.save_revision().publish()
    decree = LegalDocumentPage(
        title="Quy định về người lao động nước ngoài làm việc tại Hà Nội",
        slug="quyet-dinh-15-2021",
        number_symbol="15/2021/QĐ-UBND",
        document_type=DocumentType.DECISION,
        issuing_body=IssuingBody.objects.first(),
        signer="Chủ tịch UBND Thành phố",
        date_issued=datetime.date(2020, 12, 30),
        date_effective=datetime.date(2021, 2, 15),
        summary="Quy định về người lao động nước ngoài.",
    )
    index.add_child(instance=decree)
    decree.save_revision().publish()
    return decree


def _path(page) -> str:
    return urlsplit(page.url).path


def _cites(decree) -> str:
    return json.dumps(
        [
            {"type": "document", "value": {"document": decree.pk, "citation": "", "url": ""}},
            {
                "type": "document",
                "value": {"document": None, "citation": "Bộ luật Lao động 2019", "url": ""},
            },
        ]
    )


def test_chosen_document_links_to_the_reader_edition(client, directory, agency, decree):
    procedure = build_procedure(directory, agency, legal_basis=_cites(decree))
    english = procedure.get_translation(locale("en"))
    text = client.get(procedure.url, HTTP_HOST=HOST).content.decode()
    assert f'href="{_path(decree)}"' in text and "15/2021/QĐ-UBND – Quy định" in text
    assert "Bộ luật Lao động 2019" in text
    # Not yet translated: the English record links to the Vietnamese document, marked as such.
    text = client.get(english.url, HTTP_HOST=HOST).content.decode()
    assert f'href="{_path(decree)}" lang="vi"' in text
    translated = decree.copy_for_translation(locale("en"))
    translated.title = "Foreign workers in Hanoi"
    translated.save_revision().publish()
    text = client.get(english.url, HTTP_HOST=HOST).content.decode()
    assert f'href="{_path(translated)}"' in text and "15/2021/QĐ-UBND – Foreign workers" in text
    # The document's page lists the procedures that cite it, in the reader's edition.
    assert citations.citing(decree, locale("en")) == [english]
    assert citations.citing(decree, locale("vi")) == [procedure]


def test_a_legal_basis_needs_a_document_or_a_citation():
    block = LegalBasisBlock()
    with pytest.raises(StructBlockValidationError) as refused:
        block.clean(block.to_python({"document": None, "citation": " ", "url": ""}))
    assert "citation" in refused.value.block_errors
    assert block.clean(block.to_python({"document": None, "citation": "Luật 47", "url": ""}))
