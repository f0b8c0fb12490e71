"""Two people editing the same page: whoever saves second, from the version they opened before
the first saved, is refused with a clear message naming the other person, sees what the other
changed, and may re-apply their change to the latest version or save over it on purpose."""

from __future__ import annotations

import lxml.html
import pytest

from tests.cms.helpers import article

pytestmark = pytest.mark.django_db


def latest(page):
    page.refresh_from_db()
    return page.get_latest_revision()


def edit_url(page) -> str:
    return f"/admin/pages/{page.pk}/edit/"


def form_fields(html: str, form_id: str = "page-edit-form") -> list[tuple[str, str]]:
    """What the browser would send for the form, without pressing any button."""
    form = lxml.html.fromstring(html).get_element_by_id(form_id)
    return [(name, value) for name, value in form.form_values() if not name.startswith("action-")]


def opened(client, user, page) -> list[tuple[str, str]]:
    """The editor's form as ``user`` opened it. The body, a StreamField the browser's script
    draws, is sent empty (a draft may be saved without it)."""
    client.force_login(user)
    response = client.get(edit_url(page))
    assert response.status_code == 200
    return [*form_fields(response.content.decode()), ("body-count", "0")]


def save(client, user, page, fields, **changes):
    client.force_login(user)
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    for name, value in changes.items():
        data[name] = [value]
    return client.post(edit_url(page), data)


@pytest.fixture
def editor2(make_user):
    return make_user("editor2", "hanoimoi: editors")


@pytest.fixture
def page(section, editor):
    page = article(section, slug="hai-nguoi-sua", title="Hai người cùng sửa", published=False)
    page.save_revision(user=editor)
    return page


def test_wagtail_sends_the_revision_the_editor_opened(client, editor, page):
    fields = dict(opened(client, editor, page))
    assert fields["loaded_revision_id"] == str(latest(page).pk)


def test_the_second_save_from_an_old_version_is_refused_naming_the_first(
    client, editor, editor2, page
):
    editor2.first_name, editor2.last_name = "Minh", "Trần"
    editor2.save()
    mine, theirs = opened(client, editor, page), opened(client, editor2, page)
    assert save(client, editor2, page, theirs, title="Bản của Minh").status_code == 302

    response = save(client, editor, page, mine, title="Bản của tôi")
    assert response.status_code == 409
    html = response.content.decode()
    assert "Minh Trần" in html and "không được lưu" in html
    newest = latest(page)
    assert newest.as_object().title == "Bản của Minh"
    assert newest.user == editor2


def test_the_refusal_shows_the_other_persons_change(client, editor, editor2, page):
    mine, theirs = opened(client, editor, page), opened(client, editor2, page)
    loaded = dict(mine)["loaded_revision_id"]
    save(client, editor2, page, theirs, title="Bản của Minh")
    html = save(client, editor, page, mine, title="Bản của tôi").content.decode()
    newest = latest(page)
    compare = f"/admin/pages/{page.pk}/revisions/compare/{loaded}...{newest.pk}/"
    assert compare in html
    client.force_login(editor)
    comparison = client.get(compare)
    assert comparison.status_code == 200
    assert "Bản của Minh" in comparison.content.decode()


def test_saving_over_the_newer_version_is_possible_on_purpose(client, editor, editor2, page):
    mine, theirs = opened(client, editor, page), opened(client, editor2, page)
    save(client, editor2, page, theirs, title="Bản của Minh")
    refusal = save(client, editor, page, mine, title="Bản của tôi")
    resent = form_fields(refusal.content.decode(), "edit-conflict-form")
    assert ("title", "Bản của tôi") in [(n, v.strip("\r\n")) for n, v in resent]
    response = save(client, editor, page, [(n, v.lstrip("\r\n")) for n, v in resent])
    assert response.status_code == 302
    assert latest(page).as_object().title == "Bản của tôi"


def test_the_confirmation_covers_only_the_version_that_was_shown(client, editor, editor2, page):
    mine, theirs = opened(client, editor, page), opened(client, editor2, page)
    save(client, editor2, page, theirs, title="Bản của Minh")
    refusal = save(client, editor, page, mine, title="Bản của tôi")
    resent = [
        (n, v.lstrip("\r\n"))
        for n, v in form_fields(refusal.content.decode(), "edit-conflict-form")
    ]
    again = opened(client, editor2, page)
    save(client, editor2, page, again, title="Bản thứ ba của Minh")
    assert save(client, editor, page, resent).status_code == 409
    assert latest(page).as_object().title == "Bản thứ ba của Minh"


def test_saving_the_latest_version_is_never_refused(client, editor, editor2, page):
    theirs = opened(client, editor2, page)
    assert save(client, editor2, page, theirs, title="Bản của Minh").status_code == 302
    mine = opened(client, editor, page)
    assert save(client, editor, page, mine, title="Bản của tôi").status_code == 302
    assert latest(page).as_object().title == "Bản của tôi"
