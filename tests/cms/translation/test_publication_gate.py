"""Every road to a published translation goes through the desk: each route the testers found,
tried as the role that found it, leaves the reader page (the live translated URL) as it was."""

from __future__ import annotations

import datetime
import html

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page, PageLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.models import StringTranslation, Translation

from cms.core.publishing import PublicationRefused
from cms.translation import checks, gate, jobs, side_doors
from cms.translation.models import JobEvent, Notification, TranslationJob
from cms.translation.templatetags.desk_labels import language_name
from sites import roles
from tests.cms.translation.conftest import assert_denied, translate_all
from tests.conftest import HOST

Status = TranslationJob.Status
REASON = "Bản dịch cũ sai tên cơ quan, cần làm lại"


def approve_final(page, approver) -> None:
    """The site's approver approves the last step of the page's workflow."""
    page = Page.objects.get(pk=page.pk).specific
    task_state = page.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, approver, "approve")


def through_the_desk(job, translator, reviewer, approver, **translate) -> Page:
    jobs.claim(job, translator)
    jobs.start(job, translator)
    translate_all(job, translator, **translate)
    jobs.submit(job, translator)
    jobs.approve(job, reviewer)
    target = job.translation.get_target_instance()
    approve_final(target, approver)
    return Page.objects.get(pk=target.pk).specific


@pytest.fixture
def live_en(en_job, translator_en, reviewer_en, approver):
    """A live English translation published the only way there is."""
    page = through_the_desk(en_job, translator_en, reviewer_en, approver)
    assert page.live
    return page


def reader(client, page) -> tuple[int, str]:
    """What a reader gets at the translated page's live URL."""
    url = Page.objects.get(pk=page.pk).get_url()
    client.logout()
    response = client.get(url, HTTP_HOST=HOST)
    return response.status_code, response.content.decode()


def edit_data(page, **fields) -> dict:
    data = {
        "title": page.title,
        "slug": page.slug,
        "standfirst": page.standfirst,
        "lead_image": page.lead_image_id,
        "lead_image_alt": page.lead_image_alt,
        "lead_image_caption": "",
        "lead_image_credit": "",
        "body": streamfield([("paragraph", rich_text(block.value.source)) for block in page.body]),
        "authors": inline_formset([]),
        "topics": inline_formset([]),
        "related_pages": inline_formset([]),
        "comments": inline_formset([]),
        "publication_date": "2026-11-20 10:00",
    }
    data.update(fields)
    return nested_form_data(data)


# --- convert to alias -------------------------------------------------------------------------


def test_translator_cannot_convert_a_live_translation_to_an_alias(client, live_en, translator_en):
    before = reader(client, live_en)
    client.force_login(translator_en)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[live_en.pk]))
    props = html.unescape(editor.content.decode())
    assert '"convertToAliasUrl": null' in props and '"stopTranslationUrl": null' in props
    assert '"canDelete": false' in props and '"canPublish": false' in props
    url = reverse("wagtail_localize:convert_to_alias", args=[live_en.pk])
    assert_denied(client.post(url))
    assert_denied(
        client.post(
            reverse("wagtailadmin_pages:edit", args=[live_en.pk]),
            {"localize-convert-to-alias": "1"},
        )
    )
    assert Page.objects.get(pk=live_en.pk).alias_of_id is None
    assert reader(client, live_en) == before


def test_approver_converts_to_alias_only_with_a_reason(client, live_en, approver, other_channel):
    url = reverse("wagtail_localize:convert_to_alias", args=[live_en.pk])
    client.force_login(approver)
    assert "reason" in client.get(url).content.decode()
    client.post(url, {"reason": "short"})
    assert Page.objects.get(pk=live_en.pk).alias_of_id is None
    client.post(url, {"reason": REASON})
    assert Page.objects.get(pk=live_en.pk).alias_of_id is not None
    entry = PageLogEntry.objects.get(page=live_en, action=side_doors.CONVERT_ACTION)
    assert REASON in entry.message


def test_approver_of_another_site_cannot_convert(client, live_en, make_user):
    outsider = make_user("approver-sov", "songoaivu: approvers")
    client.force_login(outsider)
    url = reverse("wagtail_localize:convert_to_alias", args=[live_en.pk])
    assert_denied(client.post(url, {"reason": REASON}))
    assert Page.objects.get(pk=live_en.pk).alias_of_id is None


@pytest.fixture
def english_alias(story):
    """The English edition of the story as an alias: it shows the Vietnamese page."""
    from wagtail.models import Locale

    return story.copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True, alias=True
    )


def test_alias_conversion_in_the_admin_asks_the_approver_for_a_reason(
    client, english_alias, approver, translator_en
):
    url = reverse("wagtailadmin_pages:convert_alias", args=[english_alias.pk])
    client.force_login(translator_en)
    assert_denied(client.post(url, {"reason": REASON}))
    client.force_login(approver)
    confirm = client.post(url)
    assert confirm.status_code == 200 and 'name="reason"' in confirm.content.decode()
    assert Page.objects.get(pk=english_alias.pk).alias_of_id is not None
    client.post(url, {"reason": REASON})
    assert Page.objects.get(pk=english_alias.pk).alias_of_id is None
    entry = PageLogEntry.objects.get(page=english_alias, action=side_doors.ALIAS_CONVERTED_ACTION)
    assert REASON in entry.message


def test_alias_conversion_through_the_admin_api_follows_the_same_rule(
    client, english_alias, approver, editor
):
    """The admin API's convert_alias action checked only edit permission."""
    url = reverse("wagtailadmin_api:pages:action", args=[english_alias.pk, "convert_alias"])
    client.force_login(editor)
    assert client.post(url, {"reason": REASON}).status_code in (302, 403, 404)
    assert Page.objects.get(pk=english_alias.pk).alias_of_id is not None
    client.force_login(approver)
    assert client.post(url).status_code == 400  # no reason
    assert Page.objects.get(pk=english_alias.pk).alias_of_id is not None
    assert client.post(url, {"reason": REASON}).status_code == 200
    assert Page.objects.get(pk=english_alias.pk).alias_of_id is None
    entry = PageLogEntry.objects.get(page=english_alias, action=side_doors.ALIAS_CONVERTED_ACTION)
    assert entry.user == approver and REASON in entry.message


# --- update and publish translations, submit ------------------------------------------------


def test_editor_of_another_site_cannot_sync_or_publish_translations(client, live_en, make_user):
    before = reader(client, live_en)
    translation = gate.translation_of(live_en)
    outsider = make_user("editor-sov", "songoaivu: editors")
    client.force_login(outsider)
    url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    assert_denied(client.post(url, {"publish_translations": "on"}))
    source = translation.source.get_source_instance()
    assert_denied(client.get(reverse("wagtail_localize:submit_page_translation", args=[source.pk])))
    assert reader(client, live_en) == before


def test_own_editor_syncs_but_never_publishes(client, live_en, editor, story):
    page = story.specific
    page.standfirst = "Đoạn mở đầu mới hoàn toàn chưa dịch sang tiếng Anh."
    page.save_revision().publish()
    before = reader(client, live_en)
    translation = gate.translation_of(live_en)
    client.force_login(editor)
    url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    form = client.get(url).content.decode()
    assert 'name="publish_translations"' not in form
    client.post(url, {"publish_translations": "on"})
    assert reader(client, live_en) == before
    assert "chưa dịch" not in before


def test_saving_a_draft_of_a_live_translation_leaves_the_reader_page_as_it_was(
    client, live_en, translator_en
):
    """wagtail-localize writes a draft into the page's row; the reader page must not follow."""
    before = reader(client, live_en)
    translation = gate.translation_of(live_en)
    changed = StringTranslation.objects.filter(
        locale=live_en.locale,
        translation_of__in=translation.source.stringsegment_set.values("string"),
    ).first()
    changed.data = "An unreviewed draft sentence"
    changed.save()
    translation.save_target(user=translator_en, publish=False)
    assert reader(client, live_en) == before
    page = Page.objects.get(pk=live_en.pk).specific
    assert page.has_unpublished_changes
    assert page.latest_revision_id != page.live_revision_id
    assert "An unreviewed draft sentence" in str(page.get_latest_revision().content)


# --- stop sync ------------------------------------------------------------------------------


def test_translators_and_reviewers_cannot_stop_sync(client, live_en, translator_en, reviewer_en):
    translation = gate.translation_of(live_en)
    url = reverse("wagtail_localize:stop_translation", args=[translation.pk])
    for user in (translator_en, reviewer_en):
        client.force_login(user)
        assert_denied(client.post(url, {"reason": REASON}))
    assert Translation.objects.get(pk=translation.pk).enabled


def test_stopping_sync_asks_for_confirmation_and_a_reason(client, en_job, approver):
    translation = en_job.translation
    url = reverse("wagtail_localize:stop_translation", args=[translation.pk])
    client.force_login(approver)
    confirm = client.post(url)  # the editor footer's button posts without a reason
    assert confirm.status_code == 200 and 'name="reason"' in confirm.content.decode()
    assert Translation.objects.get(pk=translation.pk).enabled
    client.post(url, {"reason": REASON})
    assert not Translation.objects.get(pk=translation.pk).enabled
    en_job.refresh_from_db()
    assert en_job.status == Status.CANCELLED
    assert en_job.events.filter(action="sync_stopped", comment=REASON).exists()


def test_edits_after_stopped_sync_still_pass_the_glossary_at_approval(
    client, live_en, en_job, approver, translator_en, reviewer_en
):
    from cms.translation import exchange

    exchange.save_term(
        "en", "Sở Ngoại vụ", ["Hanoi Department of Foreign Affairs"], ["Foreign Service Department"]
    )
    client.force_login(approver)
    client.post(
        reverse("wagtail_localize:stop_translation", args=[en_job.translation_id]),
        {"reason": REASON},
    )
    before = reader(client, live_en)
    page = Page.objects.get(pk=live_en.pk).specific
    page.standfirst = "EN The Foreign Service Department hosted the visit."
    page.save_revision(user=translator_en)
    page.get_workflow().start(page, translator_en)
    approve_final(page, reviewer_en)  # language review: no open job any more
    approve_final(page, approver)
    assert reader(client, live_en) == before
    entry = PageLogEntry.objects.filter(page=live_en, action=gate.REFUSED_ACTION).get()
    assert "Sở Ngoại vụ" in entry.message and "segment 3" in entry.message


@pytest.mark.parametrize("where", ["title", "new paragraph"])
def test_forbidden_renderings_are_refused_wherever_they_are_typed(
    client, live_en, en_job, approver, translator_en, reviewer_en, where
):
    """After sync was stopped, a forbidden rendering typed where the source does not name the
    term (the title), or in a block the source does not have, still keeps the page offline."""
    from wagtail.rich_text import RichText

    from cms.translation import exchange

    exchange.save_term(
        "en", "Sở Ngoại vụ", ["Hanoi Department of Foreign Affairs"], ["Foreign Service Department"]
    )
    client.force_login(approver)
    client.post(
        reverse("wagtail_localize:stop_translation", args=[en_job.translation_id]),
        {"reason": REASON},
    )
    before = reader(client, live_en)
    page = Page.objects.get(pk=live_en.pk).specific
    page.standfirst = "EN The Hanoi Department of Foreign Affairs hosted the visit."
    typed = "The Foreign Service Department welcomes guests"
    if where == "title":
        page.title = typed
    else:
        page.body.append(("paragraph", RichText(f"<p>{typed}.</p>")))
    page.save_revision(user=translator_en)
    page.get_workflow().start(page, translator_en)
    approve_final(page, reviewer_en)
    approve_final(page, approver)
    assert reader(client, live_en) == before
    entry = PageLogEntry.objects.get(page=live_en, action=gate.REFUSED_ACTION)
    assert "must not be rendered as “Foreign Service Department”" in entry.message


# --- incomplete and bad translations --------------------------------------------------------


@pytest.fixture
def lao_job(send):
    (job,) = send(["lo"])
    return job


def test_incomplete_translation_cannot_be_submitted(lao_job, lao_translator):
    jobs.claim(lao_job, lao_translator)
    jobs.start(lao_job, lao_translator)
    first = lao_job.translation.source.stringsegment_set.order_by("order").first()
    StringTranslation.objects.create(
        translation_of=first.string,
        locale=lao_job.target_locale,
        context=first.context,
        data="ຮ່າໂນ້ຍຕ້ອນຮັບແຂກສາກົນ",
        translation_type="manual",
    )
    with pytest.raises(jobs.JobError) as refused:
        jobs.submit(lao_job, lao_translator)
    assert "1 of 5 segments translated" in str(refused.value)
    lao_job.refresh_from_db()
    assert lao_job.status == Status.IN_PROGRESS


def test_incomplete_translation_is_refused_at_the_final_approval(
    client, lao_job, lao_translator, approver, make_user
):
    """Even when it reaches its workflow another way, an incomplete translation stays offline."""
    reviewer_lo = make_user("reviewer-lo", roles.reviewers_group("lo"))
    lao_job.translation.save_target(user=lao_translator, publish=False)
    target = lao_job.translation.get_target_instance()
    TranslationJob.objects.filter(pk=lao_job.pk).update(status=Status.CANCELLED)
    target.get_workflow().start(target, lao_translator)
    approve_final(target, reviewer_lo)
    approve_final(target, approver)
    assert not Page.objects.get(pk=target.pk).live
    entry = PageLogEntry.objects.get(page=target, action=gate.REFUSED_ACTION)
    assert "0 of 5 segments translated" in entry.message


@pytest.mark.parametrize(
    ("language", "text", "problem"),
    [
        ("en", lambda s: f"EN <b>{s}", "markup"),
        ("lo", lambda s: "Hanoi welcomes its guests today", "script"),
    ],
)
def test_bad_segments_are_refused_naming_the_segment(send, make_user, language, text, problem):
    (job,) = send([language])
    translator = make_user(f"t-{language}", roles.translators_group(language))
    jobs.claim(job, translator)
    jobs.start(job, translator)
    translate_all(job, translator, text=text)
    with pytest.raises(jobs.JobError) as refused:
        jobs.submit(job, translator)
    assert "segment " in str(refused.value) and problem in str(refused.value)


def test_segment_checks():
    assert checks.segment_problems(1, "Xin chào <b>bạn</b>", "Hello <b>friend</b>", "en") == []
    (missing,) = checks.segment_problems(2, "Còn %(count)s ngày", "days left", "en")
    assert "%(count)s" in missing.describe() and "segment 2" in missing.describe()
    (link,) = checks.segment_problems(3, 'Xem <a id="a1">đây</a>', "See here", "en")
    assert "markup" in link.message
    assert checks.segment_problems(4, "ASEAN", "ASEAN", "lo") == []  # kept as written
    wrong = checks.segment_problems(5, "Hà Nội đón khách", "Hanoi welcomes guests", "km")
    assert [p.segment for p in wrong] == [5]
    same = checks.segment_problems(
        6, "Hà Nội đón đoàn khách quốc tế", "Hà Nội đón đoàn khách quốc tế", "en"
    )
    assert "not translated" in same[0].message


# --- direct publication routes --------------------------------------------------------------


def test_no_direct_route_publishes_a_translation(client, en_job, translator_en, make_user):
    """Publish button, wagtail-localize's editor, bulk publish and the admin API: a
    translation that was never approved stays offline."""
    admin = make_user("root", superuser=True)
    jobs.claim(en_job, translator_en)
    jobs.start(en_job, translator_en)
    translate_all(en_job, translator_en)
    en_job.translation.save_target(user=translator_en, publish=False)
    target = en_job.translation.get_target_instance()
    client.force_login(admin)
    edit = reverse("wagtailadmin_pages:edit", args=[target.pk])
    client.post(edit, {"action": "publish"})
    client.post(
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        + f"?id={target.pk}",
        {"include_descendants": "false"},
    )
    client.post(f"/admin/api/main/pages/{target.pk}/action/publish/")
    assert not Page.objects.get(pk=target.pk).live
    assert not Page.objects.filter(pk=target.pk, last_published_at__isnull=False).exists()


def test_scheduled_go_live_is_refused_when_the_source_changed_meanwhile(
    client, en_job, translator_en, reviewer_en, approver, story
):
    jobs.claim(en_job, translator_en)
    jobs.start(en_job, translator_en)
    translate_all(en_job, translator_en)
    en_job.translation.save_target(user=translator_en, publish=False)
    jobs.submit(en_job, translator_en)
    jobs.approve(en_job, reviewer_en)
    target = Page.objects.get(pk=en_job.translation.get_target_instance().pk).specific
    target.go_live_at = timezone.now() + datetime.timedelta(minutes=5)
    target.save_revision(user=approver)
    approve_final(target, approver)
    revision = Page.objects.get(pk=target.pk).get_latest_revision()
    assert revision.approved_go_live_at is not None
    source = story.specific
    source.standfirst = "Sở Ngoại vụ và Sở Tư pháp cùng chủ trì buổi đón tiếp."
    source.save_revision().publish()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save(update_fields=["approved_go_live_at"])
    with pytest.raises(PublicationRefused):  # the scheduler stops at the refusal
        call_command("publish_scheduled")
    assert not Page.objects.get(pk=target.pk).live
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None  # not retried every minute
    assert (
        "source changed"
        in PageLogEntry.objects.get(page=target, action=gate.REFUSED_ACTION).message
    )


def test_force_publish_is_not_offered_for_a_translation(client, en_job, approver):
    target = en_job.translation.get_target_instance()
    client.force_login(approver)
    response = client.post(
        reverse("editorial_force_publish", args=[target.pk]),
        {"category": "urgent_correction", "reason": REASON},
    )
    assert_denied(response)
    assert not Page.objects.get(pk=target.pk).live


# --- delete ---------------------------------------------------------------------------------


def test_translator_is_not_offered_delete_and_cannot_delete(client, en_job, translator_en):
    jobs.claim(en_job, translator_en)
    target = en_job.translation.get_target_instance()
    Page.objects.filter(pk=target.pk).update(owner=translator_en)
    client.force_login(translator_en)
    assert not Page.objects.get(pk=target.pk).permissions_for_user(translator_en).can_delete()
    assert_denied(client.post(reverse("wagtailadmin_pages:delete", args=[target.pk])))
    assert Page.objects.filter(pk=target.pk).exists()


def test_deleting_a_translation_ends_its_job_visibly(client, en_job, approver, translator_en):
    jobs.claim(en_job, translator_en)
    target = en_job.translation.get_target_instance()
    url = reverse("wagtailadmin_pages:delete", args=[target.pk])
    client.force_login(approver)
    assert 'name="reason"' in client.get(url).content.decode()
    client.post(url)
    assert Page.objects.filter(pk=target.pk).exists()
    client.post(url, {"reason": REASON})
    assert not Page.objects.filter(pk=target.pk).exists()
    job = TranslationJob.objects.get(pk=en_job.pk)
    assert job.status == Status.CANCELLED
    event = JobEvent.objects.get(job=job, action="target_deleted")
    assert (event.actor, event.comment) == (approver, REASON)
    client.force_login(translator_en)
    desk = client.get(reverse("desk:job", args=[job.pk]))
    assert desk.status_code == 200 and REASON in desk.content.decode()
    assert Notification.objects.filter(recipient=translator_en, job=job).exists()


# --- minor edits through the real approval path ---------------------------------------------


@pytest.fixture
def published_job(send, translator_en, reviewer_en, approver):
    (job,) = send(["en"])
    through_the_desk(job, translator_en, reviewer_en, approver)
    job.refresh_from_db()
    assert job.status == Status.PUBLISHED
    return job


@pytest.mark.parametrize("minor", [True, False])
def test_minor_edit_survives_review_and_approval_in_the_editor(
    client, story, published_job, editor, approver, make_user, minor
):
    colleague = make_user("editor-2", "hanoimoi: editors")
    page = story.specific
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    typo_fix = edit_data(page, standfirst="Sở Ngoại vụ chủ trì buổi đón tiếp")
    client.force_login(editor)
    marked = {"desk_minor_edit": "1"} if minor else {}
    response = client.post(edit, {**typo_fix, "action-submit": "1", **marked})
    assert response.status_code == 302
    for user in (colleague, approver):  # desk review, then approval, in the page editor
        client.force_login(user)
        page = Page.objects.get(pk=page.pk).specific
        state = page.current_workflow_task_state
        response = client.post(
            edit,
            {
                **edit_data(page.get_latest_revision_as_object()),
                "action-workflow-action": "1",
                "workflow-action-name": "approve",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        assert state.__class__.objects.get(pk=state.pk).status == "approved"
    page = Page.objects.get(pk=page.pk).specific
    assert page.standfirst == "Sở Ngoại vụ chủ trì buổi đón tiếp"
    published_job.refresh_from_db()
    expected = Status.PUBLISHED if minor else Status.SOURCE_CHANGED
    assert published_job.status == expected


# --- reads ----------------------------------------------------------------------------------


def test_a_translator_follows_only_their_languages(client, send, lao_translator, story):
    send(["en", "lo"])
    client.force_login(lao_translator)
    matrix = client.get(reverse("desk:status", args=["hanoimoi"])).content.decode()
    with translation.override("vi"):  # the admin speaks vi; columns are named in words
        lao, english = language_name("lo"), language_name("en")
    assert f"<th>{lao}</th>" in matrix and f"<th>{english}</th>" not in matrix
    timeline = client.get(reverse("desk:story", args=[story.pk])).context["entries"]
    assert {entry.language for entry in timeline} <= {"vi", "lo"}
    assert any(entry.language == "lo" for entry in timeline)
