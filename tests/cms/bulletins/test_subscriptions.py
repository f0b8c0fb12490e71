"""Subscribing takes a confirmed address (double opt-in through a signed link); one click
unsubscribes (RFC 8058: a POST without a form of ours); the preference page changes
languages; bad links and bad input are refused with a clear message."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from cms.bulletins import tokens
from cms.bulletins.models import Subscriber

pytestmark = pytest.mark.django_db
HOST = "songoaivu.localhost:8000"


@pytest.fixture
def client():
    return Client(HTTP_HOST=HOST, enforce_csrf_checks=False)


def _subscribe(client, **fields):
    data = {
        "email": "Press@Embassy.example",
        "name": "Jean Dupont",
        "organisation": "Ambassade de France",
        "organisation_type": "embassy",
        "country": "fr",
        "languages": ["en", "vi"],
    }
    data.update(fields)
    return client.post("/en/bulletins/ban-tin-doi-ngoai/subscribe/", data)


def test_a_subscription_counts_only_once_the_address_is_confirmed(client, bulletin):
    response = _subscribe(client)
    assert response.status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "press@embassy.example"
    assert subscriber.country == "FR" and subscriber.languages == ["vi", "en"]
    assert subscriber.status == Subscriber.Status.PENDING

    (message,) = mail.outbox
    assert message.to == ["press@embassy.example"]
    link = re.search(r"http://\S+/bulletins/confirm/\S+/", message.body).group(0)
    assert link.startswith(f"http://{HOST}/en/")
    response = client.get(link.removeprefix(f"http://{HOST}"))
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE and subscriber.confirmed_at


def test_subscribing_again_does_not_reveal_the_address_nor_resubscribe_it(client, subscribe):
    subscribe("press@embassy.example", "en")
    response = _subscribe(client)
    assert response.status_code == 200 and response.context["done"]
    assert mail.outbox == []
    assert Subscriber.objects.get().status == Subscriber.Status.ACTIVE


def test_a_tampered_or_foreign_link_confirms_nothing(client, subscribe):
    subscriber = subscribe("x@example.org", "en", status=Subscriber.Status.PENDING)
    token = tokens.make(subscriber, tokens.CONFIRM)
    for bad in (token[:-2] + "xx", tokens.make(subscriber, tokens.MANAGE)):
        response = client.get(f"/en/bulletins/confirm/{bad}/")
        assert response.status_code == 404
        assert "This link is not valid" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


def test_bad_input_is_refused_field_by_field_and_kept(client, bulletin):
    response = _subscribe(client, email="not-an-address", country="France", languages=[])
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"email", "country", "languages"}
    assert 'value="Ambassade de France"' in response.content.decode()
    assert not Subscriber.objects.exists()


def test_one_click_unsubscribes_with_a_post_and_no_form_token(bulletin, subscribe):
    subscriber = subscribe("leave@example.org", "en")
    url = f"/en/bulletins/unsubscribe/{tokens.make(subscriber, tokens.MANAGE)}/"
    strict = Client(HTTP_HOST=HOST, enforce_csrf_checks=True)
    assert strict.get(url).status_code == 200  # a link scanner's GET changes nothing
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE
    response = strict.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED and subscriber.unsubscribed_at


def test_the_preference_page_changes_languages_and_resubscribes(client, subscribe):
    subscriber = subscribe("pref@example.org", "en", status=Subscriber.Status.UNSUBSCRIBED)
    url = f"/km/bulletins/preferences/{tokens.make(subscriber, tokens.MANAGE)}/"
    page = client.get(url)
    assert page.status_code == 200 and '<html lang="km"' in page.content.decode()
    response = client.post(
        url,
        {"organisation_type": "ngo", "country": "kh", "languages": ["km"], "resubscribe": "1"},
    )
    assert response.status_code == 200 and response.context["saved"]
    subscriber.refresh_from_db()
    assert subscriber.languages == ["km"] and subscriber.country == "KH"
    assert subscriber.status == Subscriber.Status.ACTIVE


def test_a_bulletin_is_not_served_on_another_site(bulletin):
    other = Client(HTTP_HOST="hanoimoi.localhost:8000")
    assert other.get("/en/bulletins/ban-tin-doi-ngoai/subscribe/").status_code == 404
