"""The monitoring desk in the admin: the foreign-affairs site's press officers work the
clipping queue (topic, tone, Vietnamese summary), make digests and download them; other
sites' press officers and the sites' editors are refused."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.messages import get_messages
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from cms.monitoring.models import Clipping, Digest, Source
from cms.news.models import Topic
from sites import roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_user):
    return make_user("press-songoaivu", f"songoaivu: {roles.PRESS_OFFICERS}")


@pytest.fixture
def clipping(db):
    outlet = Source.objects.create(
        name="World Wire", url="https://worldwire.example/rss", language="en"
    )
    return Clipping.objects.create(
        source=outlet,
        url="https://worldwire.example/asia/hanoi-night-tours",
        title="Hanoi opens its old quarter to night-time walking tours",
        title_key="hanoi opens its old quarter to night time walking tours",
        language="en",
        published_at=timezone.make_aware(datetime.datetime(2026, 11, 30, 8)),
    )


def test_press_officer_tags_a_clipping_and_writes_its_summary(client, officer, clipping):
    client.force_login(officer)
    queue = client.get(reverse("monitoring_clippings:index"))
    assert queue.status_code == 200
    assert clipping.title in queue.content.decode()
    topic = Topic.objects.create(slug="du-lich-admin", name="Du lịch", name_vi="Du lịch")
    response = client.post(
        reverse("monitoring_clippings:edit", args=[clipping.pk]),
        {
            "status": Clipping.Status.READY,
            "topic": topic.pk,
            "tone": Clipping.Tone.POSITIVE,
            "summary_vi": "Hà Nội mở phố cổ cho du khách đi bộ ban đêm.",
        },
    )
    assert response.status_code == 302
    clipping.refresh_from_db()
    assert (clipping.status, clipping.topic, clipping.tone) == ("ready", topic, "positive")
    assert clipping.summary_provenance == "press-songoaivu"
    assert clipping.updated_by == officer


def test_machine_draft_without_an_engine_says_a_person_writes_it(client, officer, clipping):
    client.force_login(officer)
    with override_settings(
        WAGTAILLOCALIZE_MACHINE_TRANSLATOR={
            "CLASS": "cms.translation.machine.DeskTranslator",
            "OPTIONS": {"ENGINES": []},
        }
    ):
        response = client.post(reverse("monitoring_clippings:machine_draft", args=[clipping.pk]))
    assert response.status_code == 302
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert message == gettext(
        "No machine translation engine is configured for this language; a staff member "
        "writes the Vietnamese summary."
    )
    clipping.refresh_from_db()
    assert clipping.summary_vi == ""


def test_machine_draft_with_an_engine_fills_the_summary(client, officer, clipping):
    client.force_login(officer)
    config = {
        "CLASS": "cms.translation.machine.DeskTranslator",
        "OPTIONS": {
            "ENGINES": [
                {
                    "NAME": "test",
                    "CLASS": "tests.cms.translation.machine_engine.TestEngine",
                    "PAIRS": ["en-vi"],
                }
            ]
        },
    }
    with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=config):
        client.post(reverse("monitoring_clippings:machine_draft", args=[clipping.pk]))
    clipping.refresh_from_db()
    assert clipping.summary_vi
    assert clipping.summary_provenance


def test_digest_made_in_the_admin_and_downloaded(client, officer, clipping):
    clipping.status = Clipping.Status.READY
    clipping.summary_vi = "Hà Nội mở phố cổ ban đêm."
    clipping.save()
    client.force_login(officer)
    response = client.post(
        reverse("monitoring_digests:add"),
        {"period_start": "2026-11-30", "period_end": "2026-12-06"},
    )
    assert response.status_code == 302
    made = Digest.objects.get()
    assert made.clippings == 1
    pdf = client.get(reverse("monitoring_digests:download", args=[made.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert "private" in pdf["Cache-Control"] and "no-store" in pdf["Cache-Control"]
    docx = client.get(reverse("monitoring_digests:download", args=[made.pk, "docx"]))
    assert docx.content.startswith(b"PK")


def test_a_period_ending_before_it_starts_is_refused(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("monitoring_digests:add"),
        {"period_start": "2026-12-06", "period_end": "2026-11-30"},
    )
    assert response.status_code == 200
    assert gettext("The period must end on or after its first day.") in response.content.decode()
    assert not Digest.objects.exists()


@pytest.mark.parametrize(
    "groups", [(f"hanoimoi: {roles.PRESS_OFFICERS}",), ("songoaivu: editors",)]
)
def test_other_staff_are_refused(client, make_user, clipping, groups):
    """Refused: the admin answers with a redirect to the dashboard and an error message."""
    client.force_login(make_user("someone", *groups))
    queue = client.get(reverse("monitoring_clippings:index"))
    assert (queue.status_code, queue["Location"]) == (302, "/admin/")
    draft = client.post(reverse("monitoring_clippings:machine_draft", args=[clipping.pk]))
    assert (draft.status_code, draft["Location"]) == (302, "/admin/")
    digest = client.get(reverse("monitoring_digests:index"))
    assert (digest.status_code, digest["Location"]) == (302, "/admin/")
