"""Procedure records and their directory as readers see them: every field in every edition,
in the edition's language; the filters; the print page; a fixed number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import html
from wagtail.documents import get_document_model

from cms.procedures.models import Agency
from tests.cms.procedures.conftest import TEXTS, build_procedure

pytestmark = pytest.mark.django_db
HOST = "portal.localhost:8000"


def _get(client, url: str):
    response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200, (url, response.status_code)
    return html.fromstring(response.content.decode())


@pytest.fixture
def form_document(db):
    document = get_document_model().objects.create(title="Mẫu số 11/PLI")
    document.file.save("mau-11-pli.docx", ContentFile(b"PK form"))
    return document


@pytest.fixture
def procedure(directory, agency, owner, form_document):
    return build_procedure(directory, agency, owner=owner, form=form_document)


@pytest.mark.parametrize("language", ["vi", "en", "zh-hans"])
def test_every_field_renders_in_each_edition_in_its_language(client, procedure, language):
    page = procedure if language == "vi" else procedure.get_translation(language_locale(language))
    doc = _get(client, page.url)
    texts = TEXTS[language]
    assert doc.get("lang") == language
    main = doc.get_element_by_id("main").text_content()
    for name in ("title", "summary", "eligibility", "step", "document", "processing_time"):
        assert texts[name] in main, name
    for name in ("fees", "submission", "citation"):
        assert texts[name] in main, name
    assert "1.000105" in main
    agency = Agency.objects.get()
    assert getattr(agency, f"name_{language.replace('-', '_')}") in main
    assert getattr(agency, f"address_{language.replace('-', '_')}") in main
    assert "tiepnhan@sonoivu.example" in main
    form_link = doc.xpath("//p[@class='procedure__form']/a")[0]
    assert form_link.get("href").endswith(".docx") and form_link.get("download") is not None
    assert doc.xpath('//a[@href="https://dichvucong.hanoi.gov.vn/"]')


def language_locale(code):
    from tests.cms.helpers import locale

    return locale(code)


def test_who_may_apply_and_field_are_named_in_the_edition_language(client, procedure):
    english = _get(client, procedure.get_translation(language_locale("en")).url)
    text = english.get_element_by_id("main").text_content()
    assert "Employers of foreign workers" in text and "Labour and employment" in text
    chinese = _get(client, procedure.get_translation(language_locale("zh-hans")).url)
    assert "雇用外国劳动者的用人单位" in chinese.get_element_by_id("main").text_content()


def test_print_page_has_the_record_without_the_site_navigation(client, procedure):
    page = procedure.get_translation(language_locale("zh-hans"))
    doc = _get(client, page.url + "print/")
    assert doc.get("lang") == "zh-hans"
    assert not doc.xpath("//header | //footer | //form")
    text = doc.text_content()
    assert TEXTS["zh-hans"]["title"] in text and TEXTS["zh-hans"]["step"] in text
    assert doc.xpath('//link[@rel="canonical"]')[0].get("href").endswith(page.url)
    assert doc.xpath('//link[contains(@href, "procedures/procedures.css")]')
    assert any("locales/css" in link.get("href") for link in doc.xpath('//link[@rel="stylesheet"]'))


def _titles(client, url: str) -> list[str]:
    doc = _get(client, url)
    return [a.text_content() for a in doc.xpath("//h2[@class='procedure-card__title']/a")]


@pytest.fixture
def three(directory, agency):
    police = Agency.objects.create(
        slug="cong-an",
        name_vi="Phòng Quản lý xuất nhập cảnh – Công an Thành phố Hà Nội",
        name_en="Immigration Office, Hanoi City Police",
        address_vi="44 Phạm Ngọc Thạch, Đống Đa, Hà Nội",
        address_en="44 Pham Ngoc Thach Street, Dong Da, Hanoi",
    )
    vi_only = {"vi": TEXTS["vi"]}
    build_procedure(directory, agency, texts=vi_only)
    residence = {
        "vi": {**TEXTS["vi"], "title": "Cấp thẻ tạm trú cho người nước ngoài"},
        "en": {**TEXTS["en"], "title": "Temporary residence card for foreigners"},
    }
    build_procedure(
        directory,
        police,
        texts=residence,
        slug="the-tam-tru",
        code="1.009876",
        field="immigration",
        applicants=("foreign-individuals",),
    )
    ngo = {"vi": {**TEXTS["vi"], "title": "Đăng ký văn phòng dự án của tổ chức phi chính phủ"}}
    build_procedure(
        directory,
        agency,
        texts=ngo,
        slug="van-phong-du-an",
        code="2.001234",
        field="foreign-ngos",
        applicants=("foreign-ngos",),
    )
    return directory


def test_filters_by_field_agency_and_applicant(client, three):
    url = three.url
    assert len(_titles(client, url)) == 3
    assert _titles(client, url + "?field=immigration") == ["Cấp thẻ tạm trú cho người nước ngoài"]
    assert len(_titles(client, url + "?agency=so-noi-vu")) == 2
    assert _titles(client, url + "?applicant=foreign-ngos") == [
        "Đăng ký văn phòng dự án của tổ chức phi chính phủ"
    ]
    assert _titles(client, url + "?field=labour&applicant=foreign-ngos") == []
    # An unknown value is no filter at all, never an error.
    assert len(_titles(client, url + "?field=nonsense&agency=%3Cx%3E")) == 3


def test_filter_options_are_in_the_edition_language_and_keep_the_choice(client, three):
    english = three.get_translation(language_locale("en"))
    doc = _get(client, english.url + "?applicant=foreign-ngos")
    assert doc.get("lang") == "en"
    chosen = doc.xpath('//select[@name="applicant"]/option[@selected]')
    assert [o.text_content() for o in chosen] == ["Foreign non-governmental organisations"]
    agencies = [o.text_content() for o in doc.xpath('//select[@name="agency"]/option')]
    assert "Immigration Office, Hanoi City Police" in agencies


def test_search_box_asks_the_reader_search_for_procedures_only(client, three):
    doc = _get(client, three.url)
    form = doc.xpath("//form[@class='procedures__search']")[0]
    assert form.get("action").endswith("/search/")
    assert form.xpath('.//input[@name="type"]')[0].get("value") == "procedurepage"


def _queries(client, url: str) -> int:
    """Queries of a render, the site frame and site-root caches warm (as every page of an
    edition shares them)."""
    client.get(url, HTTP_HOST=HOST)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, HTTP_HOST=HOST).status_code == 200
    return len(queries)


def test_directory_and_record_use_a_fixed_number_of_queries(client, directory, agency, owner):
    first = build_procedure(directory, agency, texts={"vi": TEXTS["vi"]}, owner=owner)
    few, record = _queries(client, directory.url), _queries(client, first.url)
    for number in range(6):
        build_procedure(
            directory,
            agency,
            texts={"vi": TEXTS["vi"]},
            slug=f"thu-tuc-{number}",
            review_date=datetime.date(2030, 1, 1),
        )
    assert _queries(client, directory.url) == few
    assert _queries(client, first.url) == record
    assert few <= 12 and record <= 12
