"""Wagtail's own search index (the admin's page search): saved pages are found at once; inside a
bulk change they are indexed together when the change ends, as they are then."""

import pytest
from wagtail.models import Page

from cms.core import bulk
from tests.cms.helpers import article

pytestmark = pytest.mark.django_db


def found(words: str) -> set[int]:
    return {page.pk for page in Page.objects.search(words)}


def test_a_saved_page_is_found_at_once(section):
    page = article(section)
    page.title = "Phố đi bộ Trịnh Công Sơn mở rộng"
    page.save()
    assert page.pk in found("Trịnh Công Sơn")


def test_in_a_bulk_change_pages_are_indexed_together_at_its_end_as_they_are_then(section):
    first, second = article(section), article(section)
    with bulk.bulk_change():
        first.title = "Chợ hoa Quảng An đón xuân"
        first.save()
        second.title = "Chợ hoa Hàng Lược đón xuân"
        second.save()
        first.title = "Chợ hoa Quảng An mở cửa đêm"
        first.save()
        assert found("Chợ hoa") == set()
    assert found("Chợ hoa") == {first.pk, second.pk}
    assert found("mở cửa đêm") == {first.pk}
    assert found("đón xuân") == {second.pk}
