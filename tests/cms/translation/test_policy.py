"""Per-site policy from the catalogue: automatic jobs on publication; every edition due within
the site's time limit; lag recorded; the catalogue rejects rules for languages a site does not
publish."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from cms.demo.factories import ArticlePageFactory
from cms.news.models import SectionPage
from cms.translation import jobs, policy
from cms.translation.models import TranslationJob
from sites import catalogue
from tests.cms.helpers import article
from tests.cms.translation.conftest import translate_all
from tests.conftest import raw_catalogue


@pytest.fixture
def foreign_affairs_section(other_channel):
    return SectionPage.objects.child_of(other_channel.home_page).first()


def test_publishing_on_the_foreign_affairs_site_creates_jobs(
    foreign_affairs_section, django_capture_on_commit_callbacks
):
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        page = article(foreign_affairs_section, title="Thông cáo báo chí")
    created = {j.language: j for j in TranslationJob.objects.filter(source_page=page)}
    assert set(created) == {"en", "zh-hans", "lo", "km"}
    en = created["en"]
    assert en.priority == TranslationJob.Priority.HIGH
    assert before + datetime.timedelta(hours=4) <= en.deadline
    assert en.deadline <= timezone.now() + datetime.timedelta(hours=4)
    assert created["lo"].deadline > timezone.now() + datetime.timedelta(hours=47)
    # republishing creates no duplicates
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert TranslationJob.objects.filter(source_page=page).count() == 4


def test_already_translated_pages_get_no_automatic_job(
    foreign_affairs_section, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = article(foreign_affairs_section, translated_to=["en"])
    languages = set(
        TranslationJob.objects.filter(source_page=page).values_list(
            "target_locale__language_code", flat=True
        )
    )
    assert languages == {"zh-hans", "lo", "km"}


def test_other_sites_have_no_automatic_jobs(section, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = article(section)
    assert not TranslationJob.objects.filter(source_page=page).exists()


def test_lag_is_recorded_on_publication(en_job, translator_en, reviewer_en, approver):
    jobs.claim(en_job, translator_en)
    jobs.start(en_job, translator_en)
    translate_all(en_job, translator_en)
    jobs.submit(en_job, translator_en)
    jobs.approve(en_job, reviewer_en)
    target = en_job.translation.get_target_instance()
    task_state = target.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, approver, "approve")
    en_job.refresh_from_db()
    assert en_job.status == TranslationJob.Status.PUBLISHED
    assert en_job.published_lag is not None and en_job.published_lag.total_seconds() >= 0


def test_catalogue_rejects_rules_for_missing_editions():
    raw = raw_catalogue()
    site = next(s for s in raw["sites"] if s["slug"] == "badinh")
    site["editions"] = ["vi", "en"]
    site["auto_translation"] = [{"languages": ["lo"], "within_hours": 4}]
    with pytest.raises(catalogue.CatalogueError) as error:
        catalogue.parse(raw)
    assert "badinh" in str(error.value) and "lo" in str(error.value)
    site["auto_translation"] = [{"languages": ["en"], "within_hours": 0}]
    with pytest.raises(catalogue.CatalogueError):
        catalogue.parse(raw)


def test_oversight_sees_the_lag_report(client, en_job, oversight_user, translator_en):
    from django.urls import reverse

    TranslationJob.objects.filter(pk=en_job.pk).update(
        status=TranslationJob.Status.PUBLISHED, published_lag=datetime.timedelta(hours=5)
    )
    client.force_login(oversight_user)
    response = client.get(reverse("desk:lag"))
    assert response.status_code == 200
    assert [job.lag for job in response.context["object_list"]] == ["5:00:00"]
    client.force_login(translator_en)
    assert client.get(reverse("desk:lag")).status_code == 302  # no permission


def _deadline(page, language):
    return TranslationJob.objects.get(
        source_page=page, target_locale__language_code=language
    ).deadline


def test_a_time_limit_brings_later_deadlines_forward_at_publication(
    foreign_affairs_section, editor, django_capture_on_commit_callbacks
):
    """The foreign-affairs site publishes every edition within 48 hours of its source."""
    page = ArticlePageFactory(parent=foreign_affairs_section, published=False, title="Công hàm")
    jobs.send_to_translation(
        [page],
        ["km"],
        deadline=timezone.now() + datetime.timedelta(days=6),
        user=editor,
        check_permission=False,
    )
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    limit = timezone.now() + datetime.timedelta(hours=48)
    assert _deadline(page, "km") <= limit
    km = TranslationJob.objects.get(source_page=page, target_locale__language_code="km")
    assert km.events.filter(action="deadline").exists()
    entry = PageLogEntry.objects.get(page=page, action=policy.TIME_LIMIT_ACTION)
    assert entry.data["languages"] == ["km"]
    assert "km" in entry.message
    assert set(
        TranslationJob.objects.filter(source_page=page).values_list(
            "target_locale__language_code", flat=True
        )
    ) == {"en", "zh-hans", "lo", "km"}


def test_a_changed_source_reopens_translations_due_within_the_limit(
    foreign_affairs_section, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = article(foreign_affairs_section, title="Thông cáo về hội nghị")
    for job in TranslationJob.objects.filter(source_page=page):
        TranslationJob.objects.filter(pk=job.pk).update(
            status=TranslationJob.Status.PUBLISHED,
            deadline=timezone.now() - datetime.timedelta(days=3),
        )
    page.title = "Thông cáo về hội nghị (cập nhật)"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    for job in TranslationJob.objects.filter(source_page=page):
        assert job.status == TranslationJob.Status.SOURCE_CHANGED
        assert timezone.now() < job.deadline <= timezone.now() + datetime.timedelta(hours=48)


def test_sites_without_a_time_limit_keep_their_deadlines(
    section, editor, django_capture_on_commit_callbacks
):
    page = ArticlePageFactory(parent=section, published=False)
    later = timezone.now() + datetime.timedelta(days=6)
    jobs.send_to_translation([page], ["km"], deadline=later, user=editor, check_permission=False)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert _deadline(page, "km") == later
    assert not PageLogEntry.objects.filter(page=page, action=policy.TIME_LIMIT_ACTION).exists()


def test_the_send_form_refuses_a_deadline_past_the_sites_limit(
    client, foreign_affairs_section, make_user
):
    page = ArticlePageFactory(parent=foreign_affairs_section, published=False)
    client.force_login(make_user("dofa-sender", "songoaivu: editors"))
    url = reverse("desk:send") + f"?page={page.pk}"
    form = {"languages": ["en"], "priority": TranslationJob.Priority.NORMAL}
    late = timezone.localtime() + datetime.timedelta(days=3)
    response = client.post(url, {**form, "deadline": late.strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 200
    (error,) = response.context["form"].errors["deadline"]
    latest = timezone.localtime() + datetime.timedelta(hours=48)
    assert str(latest.year) in error  # names the latest allowed time
    assert not TranslationJob.objects.filter(source_page=page).exists()
    soon = timezone.localtime() + datetime.timedelta(hours=30)
    response = client.post(url, {**form, "deadline": soon.strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 302
    assert TranslationJob.objects.filter(source_page=page).count() == 1
