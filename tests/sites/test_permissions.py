"""Least privilege per site and per language, and the approval every site requires."""

import pytest
from wagtail.models import Page

from tests.cms.helpers import article, locale

pytestmark = pytest.mark.django_db


def assert_refused(response) -> None:
    """Wagtail's admin answers a refused request with 403 or a redirect to the dashboard."""
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == "/admin/"


def perms(user, page):
    return page.permissions_for_user(user)


def test_an_editor_edits_their_own_sites_source_pages_only(editor, section, other_channel):
    own = article(section, slug="cua-minh")
    other_section = other_channel.home_page.get_children().first()
    other = article(other_section, slug="cua-nguoi-khac")
    assert perms(editor, own).can_edit()
    assert not perms(editor, other).can_edit()
    assert not perms(editor, other_channel.home_page).can_add_subpage()


def test_an_editor_cannot_edit_translations(editor, section):
    page = article(section, slug="ban-dich", translated_to=["en"])
    assert not perms(editor, page.get_translation(locale("en"))).can_edit()


def test_a_lao_translator_edits_lao_only(lao_translator, section):
    page = article(section, slug="dich-lao", translated_to=["lo", "km"])
    assert perms(lao_translator, page.get_translation(locale("lo"))).can_edit()
    assert not perms(lao_translator, page).can_edit()
    assert not perms(lao_translator, page.get_translation(locale("km"))).can_edit()


def test_a_lao_translator_is_refused_the_vietnamese_edit_view(client, lao_translator, section):
    page = article(section, slug="khong-duoc-sua")
    client.force_login(lao_translator)
    assert_refused(client.get(f"/admin/pages/{page.pk}/edit/"))


@pytest.mark.parametrize("role", ["editor", "approver", "lao_translator", "oversight_user"])
def test_nobody_but_the_workflow_publishes(request, section, role):
    user = request.getfixturevalue(role)
    page = article(section, slug="xuat-ban", translated_to=["lo"])
    for target in (page, page.get_translation(locale("lo")), section):
        assert not perms(user, target).can_publish()


def test_a_source_page_is_published_after_desk_review_and_approval(
    make_user, editor, approver, section
):
    colleague = make_user("colleague", "hanoimoi: editors")
    page = article(section, slug="quy-trinh", published=False)
    workflow = page.get_workflow()
    assert [task.name for task in workflow.tasks] == ["hanoimoi: desk review", "hanoimoi: approval"]

    state = workflow.start(page, editor)
    desk = state.current_task_state
    assert [a[0] for a in desk.task.specific.get_actions(page, approver)] == []
    assert [a[0] for a in desk.task.specific.get_actions(page, editor)] == [], "own submission"
    assert "approve" in [a[0] for a in desk.task.specific.get_actions(page, colleague)]
    desk.task.specific.on_action(desk, colleague, "approve")
    page.refresh_from_db()
    assert not page.live

    approval = page.current_workflow_state.current_task_state
    assert approval.task.name == "hanoimoi: approval"
    assert [a[0] for a in approval.task.specific.get_actions(page, editor)] == []
    approval.task.specific.on_action(approval, approver, "approve")
    page.refresh_from_db()
    assert page.live


def test_a_translation_goes_through_language_review_then_the_sites_approval(
    make_user, section, approver
):
    reviewer = make_user("reviewer-lo", "reviewers: lo")
    translator = make_user("translator-lo-2", "translators: lo")
    source = article(section, slug="ban-dich-lao")
    translation = source.copy_for_translation(locale("lo"))
    translation.save_revision()
    workflow = translation.get_workflow()
    assert [task.name for task in workflow.tasks] == ["language review: lo", "hanoimoi: approval"]
    state = workflow.start(translation, translator)
    review = state.current_task_state
    assert [a[0] for a in review.task.specific.get_actions(translation, translator)] == []
    review.task.specific.on_action(review, reviewer, "approve")
    approval = translation.current_workflow_state.current_task_state
    approval.task.specific.on_action(approval, approver, "approve")
    translation.refresh_from_db()
    assert translation.live


def test_oversight_sees_the_report_but_edits_nothing(client, oversight_user, section):
    page = article(section, slug="giam-sat")
    client.force_login(oversight_user)
    assert client.get("/admin/oversight/").status_code == 200
    assert not perms(oversight_user, page).can_edit()
    assert_refused(client.get(f"/admin/pages/{page.pk}/edit/"))
    assert all(not perms(oversight_user, p).can_edit() for p in Page.objects.all()[:50])


def test_the_oversight_report_is_refused_to_editors(client, editor):
    client.force_login(editor)
    assert_refused(client.get("/admin/oversight/"))
