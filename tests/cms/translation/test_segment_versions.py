"""Two people on the same segment: an edit based on a version of the segment that is no longer
the stored one is refused (409) with the other person's text, in the wagtail-localize editor and
in the desk's memory matches; the editor learns the new version from every save."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail_localize.models import StringSegment, StringTranslation

from cms.translation import jobs
from cms.translation.models import MemoryEntry
from cms.translation.segment_versions import VERSION_HEADER, version_of
from tests.cms.translation.conftest import remember, translate_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_reviewer_en(make_user):
    user = make_user("reviewer-en-2", "reviewers: en")
    user.first_name, user.last_name = "Hoa", "Phạm"
    user.save()
    return user


@pytest.fixture
def in_review(en_job, translator_en):
    """Both reviewers of the language may edit the translation while it is in review."""
    jobs.claim(en_job, translator_en)
    jobs.start(en_job, translator_en)
    translate_all(en_job, translator_en)
    jobs.submit(en_job, translator_en)
    return en_job


def segment_of(job, text: str) -> StringSegment:
    return StringSegment.objects.get(source=job.translation.source, string__data=text)


def opened(client, user, job) -> dict[int, str]:
    """The segment versions the editor learns when ``user`` opens it."""
    client.force_login(user)
    response = client.get(reverse("desk:suggestions", args=[job.translation.pk]))
    return {row["id"]: row["version"] for row in response.json()["segments"]}


def put(client, user, job, segment, value: str, version: str | None):
    client.force_login(user)
    url = reverse("wagtail_localize:edit_string_translation", args=[job.translation.pk, segment.pk])
    headers = {VERSION_HEADER: version} if version is not None else {}
    return client.put(
        url, f"value={value}", content_type="application/x-www-form-urlencoded", headers=headers
    )


def stored(job, segment) -> StringTranslation:
    return StringTranslation.objects.get(
        translation_of_id=segment.string_id, locale=job.target_locale, context=segment.context
    )


def test_a_segment_saved_on_a_stale_version_is_refused_showing_the_other_text(
    client, in_review, story, reviewer_en, second_reviewer_en
):
    segment = segment_of(in_review, story.title)
    mine = opened(client, reviewer_en, in_review)
    theirs = opened(client, second_reviewer_en, in_review)
    saved = put(client, second_reviewer_en, in_review, segment, "Hoa's title", theirs[segment.pk])
    assert saved.status_code == 200

    response = put(client, reviewer_en, in_review, segment, "My title", mine[segment.pk])
    assert response.status_code == 409
    body = response.json()
    assert body["current"] == "Hoa's title"
    assert body["by"] == "Hoa Phạm"
    with translation.override(response.headers["Content-Language"]):
        expected = gettext(
            "%(user)s changed this segment after you opened it; nothing was saved. "
            "Their text is shown: keep it, or change it and save again."
        ) % {"user": "Hoa Phạm"}
    assert body["detail"] == expected
    assert stored(in_review, segment).data == "Hoa's title"
    assert stored(in_review, segment).last_translated_by == second_reviewer_en


def test_after_seeing_the_other_text_the_editor_may_save_again(
    client, in_review, story, reviewer_en, second_reviewer_en
):
    segment = segment_of(in_review, story.title)
    mine = opened(client, reviewer_en, in_review)
    put(client, second_reviewer_en, in_review, segment, "Hoa's title", mine[segment.pk])
    refusal = put(client, reviewer_en, in_review, segment, "My title", mine[segment.pk]).json()
    again = put(client, reviewer_en, in_review, segment, "Merged title", refusal["version"])
    assert again.status_code == 200
    assert stored(in_review, segment).data == "Merged title"


def test_each_save_tells_the_editor_the_new_version_so_its_next_save_goes_through(
    client, in_review, story, reviewer_en
):
    segment = segment_of(in_review, story.title)
    version = opened(client, reviewer_en, in_review)[segment.pk]
    first = put(client, reviewer_en, in_review, segment, "First", version)
    assert first[VERSION_HEADER] == version_of("First")
    second = put(client, reviewer_en, in_review, segment, "Second", first[VERSION_HEADER])
    assert second.status_code == 200
    assert stored(in_review, segment).data == "Second"


def test_clearing_a_segment_changed_meanwhile_is_refused(
    client, in_review, story, reviewer_en, second_reviewer_en
):
    segment = segment_of(in_review, story.title)
    mine = opened(client, reviewer_en, in_review)
    put(client, second_reviewer_en, in_review, segment, "Hoa's title", mine[segment.pk])
    client.force_login(reviewer_en)
    url = reverse(
        "wagtail_localize:edit_string_translation", args=[in_review.translation.pk, segment.pk]
    )
    response = client.delete(url, headers={VERSION_HEADER: mine[segment.pk]})
    assert response.status_code == 409
    assert stored(in_review, segment).data == "Hoa's title"


def test_a_memory_match_applied_on_a_stale_version_is_refused(
    client, in_review, story, reviewer_en, second_reviewer_en
):
    remember(story.title, "Hanoi welcomes visitors from memory")
    entry = MemoryEntry.objects.get(target_text="Hanoi welcomes visitors from memory")
    segment = segment_of(in_review, story.title)
    mine = opened(client, reviewer_en, in_review)
    theirs = opened(client, second_reviewer_en, in_review)
    put(client, second_reviewer_en, in_review, segment, "Hoa's title", theirs[segment.pk])
    client.force_login(reviewer_en)
    url = reverse("desk:use_match", args=[in_review.translation.pk, segment.pk])
    response = client.post(url, {"entry": entry.pk, "version": mine[segment.pk]})
    assert response.status_code == 409
    assert response.json()["current"] == "Hoa's title"
    assert stored(in_review, segment).data == "Hoa's title"
    fresh = client.post(url, {"entry": entry.pk, "version": response.json()["version"]})
    assert fresh.status_code == 200
    assert stored(in_review, segment).data == "Hanoi welcomes visitors from memory"


def test_a_save_without_a_version_is_let_through_as_wagtail_localize_makes_it(
    client, in_review, story, reviewer_en
):
    segment = segment_of(in_review, story.title)
    assert put(client, reviewer_en, in_review, segment, "No version", None).status_code == 200
    assert stored(in_review, segment).data == "No version"
