"""Importing subscribers from CSV: every row is checked; one bad row and nothing is imported,
the report naming each bad row and why."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import translation

from cms.bulletins import importing
from cms.bulletins.models import Subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """The report is read in English here (it follows the admin's language)."""
    with translation.override("en"):
        yield


HEADER = "email,name,organisation,organisation_type,country,languages\n"


def test_a_valid_list_is_imported_whole(bulletin):
    data = (
        HEADER
        + "a@embassy.example,Ana,Embajada de España,embassy,es,en vi\n"
        + "b@ngo.example,Bình,Oxfam,ngo,VN,vi\n"
    ).encode()
    report = importing.run(bulletin, data, ask_confirmation=False)
    assert report.ok and report.imported == 2
    ana = Subscriber.objects.get(email="a@embassy.example")
    assert ana.status == Subscriber.Status.ACTIVE and ana.country == "ES"
    assert ana.languages == ["vi", "en"]


def test_one_bad_row_and_nothing_is_imported_with_each_reason(bulletin, subscribe):
    subscribe("known@example.org", "en")
    data = (
        HEADER
        + "ok@example.org,Ok,Org,company,JP,en\n"
        + "broken,X,Org,company,JP,en\n"
        + "c@example.org,C,Org,spaceship,Japan,tlh\n"
        + "known@example.org,K,Org,press,FR,en\n"
        + "OK@example.org,Again,Org,company,JP,en\n"
    ).encode("utf-8-sig")
    report = importing.run(bulletin, data, ask_confirmation=False)
    assert not report.ok and report.imported == 0
    assert [row.line for row in report.bad] == [3, 4, 5, 6]
    reasons = {row.line: " ".join(row.reasons) for row in report.bad}
    assert "e-mail" in reasons[3].lower()
    assert "organisation" in reasons[4].lower() and "country" in reasons[4].lower()
    assert "already on the list" in reasons[5]
    assert "also on line 2" in reasons[6]
    assert Subscriber.objects.count() == 1


def test_a_file_without_the_columns_is_refused(bulletin):
    report = importing.run(bulletin, b"mail;name\nx@example.org;X\n", ask_confirmation=False)
    assert "Missing columns" in report.problem and not Subscriber.objects.exists()


def test_imported_addresses_can_be_asked_to_confirm(bulletin):
    data = (HEADER + "d@example.org,D,Org,press,DE,en\n").encode()
    importing.run(bulletin, data, ask_confirmation=True)
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    assert len(mail.outbox) == 1
