"""The site approver approves a translation from a screen that shows its progress, the desk's
checks and a preview, and is told afterwards what happened, naming the page and the language."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.users.models import UserProfile

from cms.translation import jobs
from cms.translation.models import TranslationJob
from tests.cms.translation.conftest import assert_denied, job_rows, translate_all


@pytest.fixture
def reviewed(en_job, translator_en, reviewer_en):
    """A translation the language reviewer approved: it waits for the site's approvers."""
    jobs.claim(en_job, translator_en)
    jobs.start(en_job, translator_en)
    translate_all(en_job, translator_en)
    jobs.submit(en_job, translator_en)
    jobs.approve(en_job, reviewer_en)
    return en_job


def test_the_approver_finds_it_waiting_and_sees_progress_checks_and_preview(
    client, reviewed, approver
):
    client.force_login(approver)
    home = client.get(reverse("desk:index"))
    url = reverse("desk:approval", args=[reviewed.pk])
    assert [job.pk for job in home.context["approval_jobs"]] == [reviewed.pk]
    assert url in home.content.decode()
    screen = client.get(url)
    assert screen.status_code == 200
    html = screen.content.decode()
    assert screen.context["done"] == screen.context["total"] > 0
    assert screen.context["problems"] == []
    assert f'<progress max="{screen.context["total"]}"' in html
    assert "Mọi kiểm tra đều đạt" in html  # "Every check passes"; the admin speaks vi
    preview = screen.context["preview_url"]
    assert f'src="{preview}"' in html
    assert client.get(preview).status_code == 200
    assert "EN " in html  # the translated segments beside the source


def test_approving_publishes_and_says_so_with_page_and_language(client, reviewed, approver):
    profile = UserProfile.get_for_user(approver)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(approver)
    response = client.post(reverse("desk:approval", args=[reviewed.pk]), {"comment": ""})
    assert response.status_code == 302
    reviewed.refresh_from_db()
    assert reviewed.status == TranslationJob.Status.PUBLISHED
    target = reviewed.translation.get_target_instance()
    (message,) = [str(m).strip() for m in get_messages(response.wsgi_request)]
    assert message == f"“{target.title}” (English) approved and published."


def test_a_check_that_fails_is_shown_and_blocks_the_button(client, reviewed, approver):
    job_rows(reviewed).first().delete()
    client.force_login(approver)
    screen = client.get(reverse("desk:approval", args=[reviewed.pk]))
    assert screen.status_code == 200
    (problem,) = screen.context["problems"]
    assert "4" in problem and "5" in problem  # 4 of 5 segments translated, in their language
    assert problem in screen.content.decode()
    assert "disabled" in screen.content.decode()


def test_only_the_sites_approvers_open_it(client, reviewed, editor, reviewer_en, make_user):
    other_approver = make_user("approver-songoaivu", "songoaivu: approvers")
    for user in (editor, reviewer_en, other_approver):
        client.force_login(user)
        assert_denied(client.get(reverse("desk:approval", args=[reviewed.pk])))


def test_nothing_to_approve_before_the_language_review(client, en_job, approver):
    client.force_login(approver)
    response = client.get(reverse("desk:approval", args=[en_job.pk]))
    assert response.status_code == 302
    assert response.url == reverse("desk:job", args=[en_job.pk])
