"""Fixtures for the translation desk: people in each role, an article, a job."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from sites import roles
from tests.cms.helpers import article


@pytest.fixture(autouse=True)
def fresh_memory_index():
    """Each test's rolled-back database needs a fresh in-process memory index."""
    from cms.translation import memory

    memory.forget_indexes()


@pytest.fixture(autouse=True)
def english():
    """Messages read in English here; admin pages keep their own language (vi by default)."""
    with translation.override("en"):
        yield


@pytest.fixture
def translator_en(make_user):
    user = make_user("translator-en", roles.translators_group("en"))
    user.email = "translator-en@example.org"
    user.save()
    return user


@pytest.fixture
def other_translator_en(make_user):
    return make_user("translator-en-2", roles.translators_group("en"))


@pytest.fixture
def reviewer_en(make_user):
    user = make_user("reviewer-en", roles.reviewers_group("en"))
    user.email = "reviewer-en@example.org"
    user.save()
    return user


@pytest.fixture
def story(section):
    return article(
        section,
        title="Hà Nội đón đoàn khách quốc tế",
        standfirst="Sở Ngoại vụ chủ trì buổi đón tiếp.",
    )


@pytest.fixture
def deadline():
    return timezone.now() + datetime.timedelta(days=2)


@pytest.fixture
def send(story, editor, deadline):
    from cms.translation import jobs

    def send_(languages=("en",), page=None, **kwargs):
        kwargs.setdefault("deadline", deadline)
        return jobs.send_to_translation([page or story], languages, user=editor, **kwargs)

    return send_


@pytest.fixture
def en_job(send):
    (job,) = send(["en"])
    return job


def job_rows(job):
    """The job's own saved translations: other pages' rows in the target locale (e.g. the
    info pages' prefilled translations from provisioning) are not the job's business."""
    from wagtail_localize.models import StringTranslation

    return StringTranslation.objects.filter(
        locale=job.target_locale, context__object=job.translation.source.object
    )


def translate_all(job, user, text=lambda source: f"EN {source}") -> None:
    """Fill every segment of ``job`` as ``user`` would in the editor."""
    from wagtail_localize.models import StringTranslation

    from cms.translation.memory import job_segments

    for segment, existing in job_segments(job):
        if existing is None:
            StringTranslation.objects.create(
                translation_of=segment.string,
                locale=job.target_locale,
                context=segment.context,
                data=text(segment.string.data),
                translation_type="manual",
                last_translated_by=user,
            )


def assert_denied(response) -> None:
    """Wagtail's admin turns PermissionDenied into a redirect to the dashboard."""
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert response.url == "/admin/"


def remember(source: str, target: str, language: str = "en", **fields) -> None:
    """Store one human vi → ``language`` translation in the memory."""
    from cms.translation import memory
    from cms.translation.models import MemoryEntry

    memory.add_entries(
        [
            MemoryEntry(
                source_language="vi",
                target_language=language,
                source_text=source,
                target_text=target,
                provenance=MemoryEntry.Provenance.HUMAN,
                **fields,
            )
        ]
    )
