"""Admin views: queues (filters, sorting, overdue, CSV export, permissions, constant query
count), send to translation (single, selection, subtree), job actions, status view, story
timeline. The other listings are specified in test_listings.py."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, reverse_lazy
from django.utils import timezone

from cms.translation import jobs
from cms.translation.models import TranslationJob
from tests.cms.helpers import article
from tests.cms.translation.conftest import assert_denied, translate_all

Status = TranslationJob.Status


def _clone_jobs(job, count, **values):
    """Many closed jobs on the same translation (closed jobs are not unique per page)."""
    TranslationJob.objects.bulk_create(
        TranslationJob(
            translation=job.translation,
            source_page=job.source_page,
            target_locale=job.target_locale,
            channel=job.channel,
            deadline=job.deadline - datetime.timedelta(hours=n),
            status=Status.PUBLISHED,
            **values,
        )
        for n in range(count)
    )


def _listing_queries(client, url, params="status=all"):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url + "?" + params)
    assert response.status_code == 200
    return len(queries), response


def _queue_queries(client, params="status=all"):
    return _listing_queries(client, reverse("desk:queue", args=["en"]), params)


def _rows(response) -> list[int]:
    return [job.pk for job in response.context["object_list"]]


@pytest.mark.parametrize("url", [reverse_lazy("desk:queue", args=["en"]), "/admin/desk/jobs/"])
def test_job_listings_use_a_fixed_number_of_queries(client, en_job, translator_en, url):
    """The queue and the jobs list: as many queries for 64 jobs (two pages) as for 4."""
    client.force_login(translator_en)
    _clone_jobs(en_job, 3, assignee=translator_en)
    few, _ = _listing_queries(client, str(url))
    _clone_jobs(en_job, 60, assignee=translator_en)
    many, response = _listing_queries(client, str(url))
    assert few == many
    assert many <= 20
    assert response.context["paginator"].count == 64
    assert len(response.context["object_list"]) == 50


def test_queue_filters_sort_and_overdue(client, send, story, section, translator_en, editor):
    late = article(section, title="Tin muộn")
    (overdue_job,) = jobs.send_to_translation(
        [late], ["en"], deadline=timezone.now() + datetime.timedelta(seconds=1), user=editor
    )
    TranslationJob.objects.filter(pk=overdue_job.pk).update(
        deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    (urgent,) = send(["en"], priority=TranslationJob.Priority.URGENT)
    client.force_login(translator_en)
    _, response = _queue_queries(client, "due=overdue")
    assert _rows(response) == [overdue_job.pk]
    assert b"desk-overdue" in response.content
    _, response = _queue_queries(client, "ordering=-priority")
    assert _rows(response)[0] == urgent.pk
    _, response = _queue_queries(client, "ordering=deadline")
    assert _rows(response) == [overdue_job.pk, urgent.pk]
    _, response = _queue_queries(client, "ordering=-deadline")
    assert _rows(response) == [urgent.pk, overdue_job.pk]
    jobs.claim(urgent, translator_en)
    _, response = _queue_queries(client, "assignee=me")
    assert _rows(response) == [urgent.pk]
    _, response = _queue_queries(client, f"assignee={translator_en.pk}")
    assert _rows(response) == [urgent.pk]
    _, response = _queue_queries(client, "assignee=none&site=hanoimoi")
    assert _rows(response) == [overdue_job.pk]
    _, response = _queue_queries(client, "site=songoaivu")
    assert _rows(response) == []
    _, response = _queue_queries(client, f"priority={TranslationJob.Priority.URGENT}")
    assert _rows(response) == [urgent.pk]


def test_queue_shows_open_jobs_unless_asked_and_exports_csv(client, en_job, translator_en):
    _clone_jobs(en_job, 2)  # published
    client.force_login(translator_en)
    _, response = _listing_queries(client, reverse("desk:queue", args=["en"]), "")
    assert _rows(response) == [en_job.pk]
    _, response = _queue_queries(client, "status=published")
    assert len(_rows(response)) == 2
    _, response = _queue_queries(client, "status=all&export=csv")
    assert response["Content-Type"] == "text/csv"
    assert 'filename="translation-queue-en.csv"' in response["Content-Disposition"]
    lines = b"".join(response.streaming_content).decode().splitlines()
    # the admin speaks vi: Page, Site, Status, Priority, Deadline, Overdue, Assignee, Progress,
    # Failing checks
    assert lines[0] == (
        "Trang,Trang web,Trạng thái,Mức ưu tiên,Hạn chót,Quá hạn,Người được giao,Tiến độ (%),"
        "Kiểm tra chưa đạt"
    )
    assert len(lines) == 4
    assert all(en_job.source_page.title in line for line in lines[1:])


def test_translators_only_see_their_own_language(client, en_job, lao_translator):
    client.force_login(lao_translator)
    assert_denied(client.get(reverse("desk:queue", args=["en"])))
    assert_denied(client.get(reverse("desk:job", args=[en_job.pk])))
    assert client.get(reverse("desk:queue", args=["lo"])).status_code == 200
    assert_denied(
        client.post(
            reverse("desk:job_action", args=[en_job.pk, "claim"]), {"version": en_job.version}
        )
    )


def test_send_view_single_and_subtree(client, editor, section, story):
    child_parent = article(section, title="Bài cha")
    client.force_login(editor)
    url = reverse("desk:send") + f"?page={story.pk}&page={child_parent.pk}"
    assert client.get(url).status_code == 200
    deadline = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        url,
        {"languages": ["en", "zh-hans"], "deadline": deadline, "priority": 3, "note": "Gấp"},
    )
    assert response.status_code == 302
    assert TranslationJob.objects.filter(source_page__in=[story, child_parent]).count() == 4
    # subtree: the section and everything under it
    response = client.post(
        reverse("desk:send") + f"?page={section.pk}",
        {"languages": ["lo"], "deadline": deadline, "priority": 2, "include_subtree": "on"},
    )
    assert response.status_code == 302
    lao = TranslationJob.objects.filter(target_locale__language_code="lo")
    assert {story.pk, child_parent.pk, section.pk} <= set(lao.values_list("source_page", flat=True))


def test_send_view_rejects_past_deadline_and_other_sites(client, editor, story, make_user):
    client.force_login(editor)
    url = reverse("desk:send") + f"?page={story.pk}"
    past = (timezone.localtime() - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url, {"languages": ["en"], "deadline": past, "priority": 2})
    assert response.status_code == 200
    assert response.context["form"].errors["deadline"]
    assert not TranslationJob.objects.exists()
    client.force_login(make_user("other-editor", "songoaivu: editors"))
    assert_denied(client.get(url))


def test_job_actions_through_the_admin(client, en_job, translator_en, reviewer_en):
    client.force_login(translator_en)
    page = client.get(reverse("desk:job", args=[en_job.pk]))
    assert page.status_code == 200
    client.post(reverse("desk:job_action", args=[en_job.pk, "claim"]), {"version": 1})
    en_job.refresh_from_db()
    assert en_job.assignee == translator_en
    # a second, stale submission of the same form changes nothing
    response = client.post(
        reverse("desk:job_action", args=[en_job.pk, "claim"]), {"version": 1}, follow=True
    )
    assert "không thể thực hiện thao tác đó" in response.content.decode()  # admin in vi
    client.post(reverse("desk:job_action", args=[en_job.pk, "start"]), {"version": 2})
    translate_all(en_job, translator_en)
    client.post(reverse("desk:job_action", args=[en_job.pk, "submit"]), {"version": 3})
    en_job.refresh_from_db()
    assert en_job.status == Status.IN_REVIEW
    client.force_login(reviewer_en)
    client.post(
        reverse("desk:job_action", args=[en_job.pk, "return"]),
        {"version": 4, "comment": "Thiếu đoạn cuối"},
    )
    en_job.refresh_from_db()
    assert en_job.status == Status.IN_PROGRESS
    assert en_job.events.filter(action="returned", comment="Thiếu đoạn cuối").exists()


def test_index_dashboard_panel_and_menu(client, en_job, translator_en):
    jobs.claim(en_job, translator_en)
    client.force_login(translator_en)
    response = client.get(reverse("desk:index"))
    assert response.status_code == 200
    assert en_job in list(response.context["my_jobs"])
    home = client.get(reverse("wagtailadmin_home"))
    assert "desk-panel-heading" in home.content.decode()


def test_oversight_has_no_desk(client, oversight_user):
    client.force_login(oversight_user)
    assert_denied(client.get(reverse("desk:index")))


@pytest.mark.parametrize("user_fixture", ["editor", "translator_en"])
def test_status_view_and_story_timeline(client, request, en_job, story, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    response = client.get(reverse("desk:status", args=["hanoimoi"]))
    assert response.status_code == 200
    cells = {row.page.pk: dict(row.cells) for row in response.context["matrix"]}
    assert cells[story.pk]["en"] == "in_progress"
    # a translator follows their own languages only
    assert cells[story.pk].get("lo") == ("missing" if user_fixture == "editor" else None)
    timeline = client.get(reverse("desk:story", args=[story.pk]))
    assert timeline.status_code == 200
    assert any(e.what.startswith("created") for e in timeline.context["entries"])


def test_bulk_action_sends_the_selection(client, editor, section, story):
    second = article(section, title="Bài thứ hai")
    client.force_login(editor)
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "send_to_translation"])
        + f"?id={story.pk}&id={second.pk}&id={section.get_parent().get_parent().pk}"
    )
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("desk:send"))
    assert f"page={story.pk}" in response.url and f"page={second.pk}" in response.url


def test_translation_editor_shows_the_job_and_glossary_terms(client, en_job, translator_en):
    from cms.translation import exchange

    exchange.save_term("en", "Sở Ngoại vụ", ["Hanoi Department of Foreign Affairs"])
    jobs.claim(en_job, translator_en)
    jobs.start(en_job, translator_en)
    client.force_login(translator_en)
    response = client.get(en_job.translation.get_target_instance_edit_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "js-translation-editor" in content  # wagtail-localize's editor is still there
    assert 'id="desk-editor-panel"' in content
    assert "Hanoi Department of Foreign Affairs" in content
