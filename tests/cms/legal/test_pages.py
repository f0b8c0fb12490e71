"""Reader pages of the legal documents database: the listing filters by type, body, field,
status and year in a fixed number of queries; a document shows its status and its relations
both ways as a timeline; every translation carries the legal notice with its date and the
version of the original, and says so when the original has changed since."""

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale
from wagtail_localize.models import Translation

from cms.legal import citations
from cms.legal.models import LegalDocumentPage, LegalField
from cms.translation.models import TranslationJob
from cms.translation.prefill import link_to_localize
from tests.cms.legal.helpers import database, document, translated_database

pytestmark = pytest.mark.django_db
QUERY_BUDGET = 18
#: A document page also lists the pages citing it: two queries for each registered citing
#: query (procedures for foreigners register one).
DOCUMENT_BUDGET = QUERY_BUDGET + 2


def english(page: LegalDocumentPage, title: str) -> LegalDocumentPage:
    """An English translation of ``page``, recorded with wagtail-localize, published."""
    translated_database(page.get_parent().specific, "en")
    translation = page.copy_for_translation(Locale.objects.get(language_code="en"))
    translation.title = title
    translation.summary = "Summary in English."
    translation.body = "<p>Article 1. Scope.</p>"
    translation.save_revision().publish()
    link_to_localize(page, translation)
    translation.refresh_from_db()
    return translation


def path(page) -> str:
    """The address of ``page`` as its own site's pages link to it."""
    return urlsplit(page.url).path


def get(client, url: str) -> str:
    """The page at ``url`` (as ``Page.url`` gives it, with the site's host)."""
    address = urlsplit(url)
    response = client.get(
        f"{address.path}?{address.query}", HTTP_HOST=address.netloc or "localhost:8000"
    )
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_document_shows_its_status_and_each_relation_both_ways(client):
    index = database()
    old = document(index, "04/2013/QĐ-UBND", issued=dt.date(2013, 3, 1), title="Quy chế cũ")
    new = document(
        index,
        "20/2019/QĐ-UBND",
        issued=dt.date(2019, 5, 2),
        relations=(("replaces", old),),
        title="Quy chế mới",
    )
    guide = document(
        index,
        "1520/UBND-NV",
        issued=dt.date(2019, 7, 1),
        document_type="official_letter",
        relations=(("guides", new),),
    )
    english(guide, "Official letter guiding the new regulation")  # its copy of the relation
    old_html, new_html, guide_html = (
        get(client, old.url),
        get(client, new.url),
        get(client, guide.url),
    )
    assert "legal-status--repealed" in old_html and "Bị bãi bỏ" in old_html
    assert "Bị thay thế bởi" in old_html and path(new) in old_html
    assert "Thay thế" in new_html and path(old) in new_html
    assert "Được hướng dẫn bởi" in new_html and new_html.count(f'href="{path(guide)}"') == 1
    assert "Hướng dẫn" in guide_html and path(new) in guide_html


def test_the_listing_filters_by_type_body_field_status_and_year(client):
    index = database()
    field = LegalField.objects.get(code="xuat-nhap-canh-cu-tru")
    residence = document(index, "12/2016/QĐ-UBND", issued=dt.date(2016, 4, 1))
    residence.fields.add(field)
    residence.save_revision().publish()
    document(
        index,
        "05/CT-UBND",
        issued=dt.date(2021, 2, 1),
        document_type="directive",
        issuer="so-ngoai-vu",
    )
    document(
        index,
        "88/2015/KH-UBND",
        issued=dt.date(2015, 1, 5),
        document_type="plan",
        expiry=dt.date(2016, 1, 1),
    )

    def numbers(query: str) -> str:
        return get(client, f"{index.url}?{query}")

    assert "05/CT-UBND" in numbers("type=directive") and "12/2016" not in numbers("type=directive")
    assert "05/CT-UBND" in numbers("body=so-ngoai-vu") and "88/2015" not in numbers(
        "body=so-ngoai-vu"
    )
    by_field = numbers("field=xuat-nhap-canh-cu-tru")
    assert "12/2016/QĐ-UBND" in by_field and "05/CT-UBND" not in by_field
    expired = numbers("status=expired")
    assert "88/2015/KH-UBND" in expired and "12/2016" not in expired
    assert "05/CT-UBND" in numbers("year=2021") and "12/2016" not in numbers("year=2021")
    # Values that name nothing are ignored rather than failing.
    assert "12/2016/QĐ-UBND" in numbers("type=nonsense&year=abc&status=x&page=zz")


def test_listing_and_document_pages_take_a_fixed_number_of_queries(client):
    index = database()
    base = document(index, "01/2009/QĐ-UBND", issued=dt.date(2009, 1, 4))
    first = document(
        index, "01/2010/QĐ-UBND", issued=dt.date(2010, 1, 4), relations=(("amends", base),)
    )

    def queries(url: str) -> int:
        get(client, url)  # warm the site frame
        with CaptureQueriesContext(connection) as captured:
            get(client, url)
        return len(captured)

    english(base, "Decision on the base")
    translation = english(first, "Decision amending the base")
    few_listing, few_document = queries(index.url), queries(first.url)
    few_translation = queries(translation.url)
    previous = first
    for n in range(2, 14):
        previous = document(
            index,
            f"{n:02d}/2011/QĐ-UBND",
            issued=dt.date(2011, 1, n),
            relations=(("amends", previous), ("guides", first)),
        )
    assert queries(index.url) == few_listing <= QUERY_BUDGET
    assert queries(first.url) == few_document <= DOCUMENT_BUDGET
    assert queries(translation.url) == few_translation <= DOCUMENT_BUDGET + 3  # the notice
    assert queries(f"{index.url}?status=partly_in_force&year=2011") == few_listing


def test_a_translation_carries_the_legal_notice_with_its_date_and_source_version(client):
    page = document(database(), "04/2013/QĐ-UBND", issued=dt.date(2013, 3, 1))
    translation = english(page, "Decision on the management of foreign delegations")
    html = get(client, translation.url)
    assert "unofficial translation for reference; the Vietnamese text prevails" in html
    assert "from version 1 of the Vietnamese original" in html
    assert translation.last_published_at.strftime("%Y") in html
    assert path(page) in html  # the link to the original
    assert "has changed since" not in html
    assert "Unofficial translation" not in get(client, page.url)


def test_when_the_original_is_amended_the_translation_says_it_is_out_of_date(client):
    page = document(database(), "04/2013/QĐ-UBND", issued=dt.date(2013, 3, 1))
    translation = english(page, "Decision on the management of foreign delegations")
    job = TranslationJob.objects.create(
        translation=Translation.objects.get(
            source__object_id=page.translation_key, target_locale=translation.locale
        ),
        source_page=page,
        target_locale=translation.locale,
        deadline=timezone.now(),
        status=TranslationJob.Status.PUBLISHED,
    )
    page = page.get_latest_revision_as_object()
    page.summary = "Tóm tắt đã được sửa đổi theo Quyết định số 20/2019/QĐ-UBND."
    page.save_revision().publish()
    job.refresh_from_db()
    assert job.status == TranslationJob.Status.SOURCE_CHANGED
    html = get(client, translation.url)
    assert "The Vietnamese original has changed since this translation was made" in html


def test_pages_citing_a_document_are_listed_on_it(client, monkeypatch):
    index = database()
    basis = document(index, "15/2014/QĐ-UBND", issued=dt.date(2014, 3, 20))
    citing = document(index, "22/2015/QĐ-UBND", issued=dt.date(2015, 8, 12), title="Thủ tục")

    def procedures_citing(page, locale):
        return [citing] if page.pk == basis.pk else []

    monkeypatch.setattr(citations, "_queries", [])
    citations.register(procedures_citing)
    citations.register(procedures_citing)
    html = get(client, basis.url)
    assert html.count(f'href="{path(citing)}"') == 1
    assert "Thủ tục và trang dựa trên văn bản này" in html
