"""A document's legal status is derived from its dates and the documents acting on it, never
typed in; the listing's SQL and the Python rule agree."""

import datetime as dt

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from cms.legal import status
from cms.legal.models import LegalDocumentPage
from cms.legal.status import Status, derive
from tests.cms.legal.helpers import database, document

TODAY = dt.date(2025, 6, 1)


def test_a_document_in_effect_with_nothing_acting_on_it_is_in_force():
    assert (
        derive(today=TODAY, effective=dt.date(2024, 1, 1), expiry=None, ended=False, amended=False)
        == Status.IN_FORCE
    )


def test_a_document_not_yet_effective_is_not_yet_in_force():
    assert (
        derive(today=TODAY, effective=dt.date(2025, 7, 1), expiry=None, ended=False, amended=False)
        == Status.NOT_YET_IN_FORCE
    )


def test_a_document_whose_expiry_has_come_is_expired_from_that_day():
    expiry = dt.date(2025, 6, 1)
    assert (
        derive(
            today=expiry, effective=dt.date(2020, 1, 1), expiry=expiry, ended=False, amended=False
        )
        == Status.EXPIRED
    )
    assert (
        derive(
            today=expiry - dt.timedelta(days=1),
            effective=dt.date(2020, 1, 1),
            expiry=expiry,
            ended=False,
            amended=False,
        )
        == Status.IN_FORCE
    )


def test_an_amended_document_is_partly_in_force_and_a_replaced_one_repealed():
    common = {"today": TODAY, "effective": dt.date(2020, 1, 1), "expiry": None}
    assert derive(**common, ended=False, amended=True) == Status.PARTLY_IN_FORCE
    assert derive(**common, ended=True, amended=True) == Status.REPEALED


@given(
    effective=st.dates(dt.date(2000, 1, 1), dt.date(2030, 1, 1)),
    expiry_after=st.one_of(st.none(), st.integers(1, 4000)),
    ended=st.booleans(),
    amended=st.booleans(),
)
def test_repeal_outranks_expiry_which_outranks_everything_else(
    effective, expiry_after, ended, amended
):
    expiry = effective + dt.timedelta(days=expiry_after) if expiry_after else None
    result = derive(today=TODAY, effective=effective, expiry=expiry, ended=ended, amended=amended)
    if ended:
        assert result == Status.REPEALED
    elif expiry and expiry <= TODAY:
        assert result == Status.EXPIRED
    else:
        assert result != Status.REPEALED


@pytest.mark.django_db
def test_the_database_derives_the_same_status_from_relations_in_effect():
    today = timezone.localdate()
    index = database()
    old = document(index, "04/2013/QĐ-UBND", issued=dt.date(2013, 3, 1))
    amended = document(index, "12/2016/QĐ-UBND", issued=dt.date(2016, 4, 1))
    document(index, "30/2099/QĐ-UBND", issued=today, effective=today + dt.timedelta(days=30))
    expired = document(
        index,
        "88/2015/KH-UBND",
        issued=dt.date(2015, 1, 5),
        expiry=dt.date(2016, 1, 1),
        document_type="plan",
    )
    document(
        index,
        "20/2019/QĐ-UBND",
        issued=dt.date(2019, 5, 2),
        relations=(("replaces", old), ("amends", amended)),
    )
    # A replacement that has not taken effect yet does not end the document it replaces.
    document(
        index,
        "31/2099/QĐ-UBND",
        issued=today,
        effective=today + dt.timedelta(days=30),
        relations=(("repeals", expired),),
    )
    # Nor does a draft.
    document(
        index,
        "21/2019/QĐ-UBND",
        issued=dt.date(2019, 6, 2),
        publish=False,
        relations=(("repeals", amended),),
    )
    found = dict(
        status.annotate(LegalDocumentPage.objects.all(), today).values_list(
            "number_symbol", "status"
        )
    )
    assert found["04/2013/QĐ-UBND"] == Status.REPEALED
    assert found["12/2016/QĐ-UBND"] == Status.PARTLY_IN_FORCE
    assert found["30/2099/QĐ-UBND"] == Status.NOT_YET_IN_FORCE
    assert found["88/2015/KH-UBND"] == Status.EXPIRED
    assert found["20/2019/QĐ-UBND"] == Status.IN_FORCE
