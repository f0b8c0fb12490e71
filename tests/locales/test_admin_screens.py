"""One language per screen: the admin screens a translator and an editor use read wholly in the
admin language they chose. Each screen is rendered with the test client and its visible text
scanned (``tests/locales/screens.py``); any word left in another language fails, named with
the screen and the text around it."""

from __future__ import annotations

import datetime

import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Collection, Page, Task, Workflow
from wagtail.users.models import UserProfile
from wagtailmedia.models import Media

from cms.demo.broadcast import tone_wav
from cms.demo.factories import ImageFactory
from cms.translation import jobs
from cms.translation.models import Notification
from locales import registry
from locales.catalogues import catalogue_paths, gaps
from sites import roles
from sites.models import Channel
from tests.cms.helpers import article
from tests.locales.screens import foreign_words, visible_texts

ADMIN_LANGUAGES = [code for code, _name in settings.WAGTAILADMIN_PERMITTED_LANGUAGES]


def test_every_edition_language_is_an_admin_language():
    assert list(registry.CODES) == ADMIN_LANGUAGES
    assert dict(settings.WAGTAILADMIN_PERMITTED_LANGUAGES)["lo"] == "ພາສາລາວ"
    assert dict(settings.WAGTAILADMIN_PERMITTED_LANGUAGES)["km"] == "ភាសាខ្មែរ"


def _speaks(user, language: str):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def _names() -> set[str]:
    """Proper names the screens show: content and account data, not the interface."""
    user_model = get_user_model()
    return (
        set(Page.objects.values_list("title", flat=True))
        | set(Channel.objects.values_list("name", flat=True))
        | set(user_model.objects.values_list("username", flat=True))
        | set(Collection.objects.values_list("name", flat=True))
        | set(Workflow.objects.values_list("name", flat=True))
        | set(Task.objects.values_list("name", flat=True))
        | {image.title for image in ImageFactory._meta.model.objects.all()}
        | set(Media.objects.values_list("title", flat=True))
        | {media.filename for media in Media.objects.all()}
        | {language.name_local for language in registry.LANGUAGES}
        | {settings.WAGTAIL_SITE_NAME}
    )


@pytest.fixture
def lao_job(section, make_user):
    """A Vietnamese article sent to Lao, claimed by a Lao translator."""
    story = article(section, title="Hà Nội đón đoàn khách quốc tế")
    editor = make_user("editor-screens", "hanoimoi: editors")
    translator = make_user("translator-screens", roles.translators_group("lo"))
    (job,) = jobs.send_to_translation(
        [story], ["lo"], deadline=timezone.now() + datetime.timedelta(days=2), user=editor
    )
    jobs.claim(job, translator)
    jobs.start(job, translator)
    return job, story, editor, translator


def _render(client, url: str) -> str:
    if "/chooser/" in url:
        return client.get(url, headers={"x-requested-with": "XMLHttpRequest"}).json()["html"]
    response = client.get(url, follow=True)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def _translator_screens(job) -> list[str]:
    target = job.translation.get_target_instance()
    return [
        reverse("wagtailadmin_home"),
        reverse("desk:index"),
        reverse("desk:queue", args=[job.language]),
        reverse("desk:job", args=[job.pk]),
        reverse("wagtailadmin_pages:edit", args=[target.pk]),
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtaildocs_chooser:choose"),
    ]


def _editor_screens(job, story) -> list[str]:
    return [
        reverse("wagtailadmin_home"),
        reverse("desk:index"),
        reverse("wagtailadmin_explore", args=[story.get_parent().pk]),
        reverse("wagtailadmin_pages:edit", args=[story.pk]),
        reverse("wagtailadmin_pages:history", args=[story.pk]),
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtaildocs_chooser:choose"),
        reverse("desk:send") + f"?page={story.pk}",
        reverse("desk:status", args=["hanoimoi"]),
        reverse("desk:job", args=[job.pk]),
    ]


def _scan(client, user, urls, language) -> list[str]:
    _speaks(user, language)
    # a notification keeps the language it was written in (the default one, before the user
    # chose): those are read first, so the scan sees the screens' own words
    Notification.objects.filter(recipient=user).update(read_at=timezone.now())
    client.force_login(user)
    names = _names()
    findings = []
    for url in urls:
        for finding in foreign_words(
            visible_texts(_render(client, url), language), language, names
        ):
            findings.append(f"{url}: {finding}")
    return findings


@pytest.mark.parametrize("language", ADMIN_LANGUAGES)
def test_a_translators_screens_read_in_their_admin_language(client, lao_job, language):
    job, _story, _editor, translator = lao_job
    ImageFactory(scene="river")
    findings = _scan(client, translator, _translator_screens(job), language)
    assert not findings, "\n".join(findings)


@pytest.mark.parametrize("language", ADMIN_LANGUAGES)
def test_an_editors_screens_read_in_their_admin_language(client, lao_job, language):
    job, story, editor, _translator = lao_job
    findings = _scan(client, editor, _editor_screens(job, story), language)
    assert not findings, "\n".join(findings)


def _media_screens(media) -> list[str]:
    return [
        reverse("wagtailmedia:index"),
        reverse("wagtailmedia:add", args=["audio"]),
        reverse("wagtailmedia:add", args=["video"]),
        reverse("wagtailmedia:edit", args=[media.pk]),
        reverse("wagtailmedia:delete", args=[media.pk]),
        reverse("wagtailmedia:media_usage", args=[media.pk]),
        reverse("wagtailmedia:chooser"),
    ]


@pytest.mark.parametrize("language", ADMIN_LANGUAGES)
def test_the_media_librarys_screens_read_in_their_admin_language(client, lao_job, language):
    _job, _story, editor, _translator = lao_job
    media = Media(
        title="Bản tin thời sự sáng",
        type="audio",
        collection=Collection.get_first_root_node().get_children().get(name="hanoimoi"),
    )
    media.file.save("ban-tin.wav", ContentFile(tone_wav(0.1)))
    findings = _scan(client, editor, _media_screens(media), language)
    assert not findings, "\n".join(findings)


def test_the_scan_finds_english_left_on_a_lao_screen():
    html = '<html lang="lo"><body><button>Save draft</button><p>ບັນທຶກ</p></body></html>'
    assert foreign_words(visible_texts(html, "lo"), "lo", set()) == [
        "'Save' in 'Save draft'",
        "'draft' in 'Save draft'",
    ]


def test_the_scan_finds_vietnamese_on_an_english_screen_and_english_on_a_vietnamese_one():
    english = '<html lang="en"><body><a role="tab">Tìm kiếm</a></body></html>'
    assert foreign_words(visible_texts(english, "en"), "en", set()) == [
        "'Tìm' in 'Tìm kiếm'",
        "'kiếm' in 'Tìm kiếm'",
    ]
    vietnamese = '<html lang="vi"><body><span title="Save draft">Lưu</span></body></html>'
    assert foreign_words(visible_texts(vietnamese, "vi"), "vi", set()) == [
        "'Save' in 'Save draft'",
        "'draft' in 'Save draft'",
    ]


def test_content_marked_in_its_own_language_and_proper_names_are_not_the_interface():
    html = (
        '<html lang="lo"><body><td lang="vi">Sở Ngoại vụ chủ trì</td>'
        "<td>Báo Hà Nội Mới</td><td>ຄິວ</td></body></html>"
    )
    assert foreign_words(visible_texts(html, "lo"), "lo", {"Báo Hà Nội Mới"}) == []


def test_wrong_entries_are_overridden():
    with translation.override("vi"):
        assert translation.gettext("Pages") == "Trang"  # was "Phân trang", pagination
        assert translation.gettext("Settings") == "Cài đặt"
        assert translation.gettext("Simplified Chinese") == "Tiếng Trung giản thể"
    for language, pages in (("lo", "ໜ້າ"), ("km", "ទំព័រ"), ("zh-hans", "页面")):
        with translation.override(language):
            assert translation.gettext("Pages") == pages  # the menu's pages, not pagination


def test_the_image_choosers_search_tab_follows_the_viewers_language(client, admin_user):
    client.force_login(admin_user)
    for language, label in (("vi", "Tìm kiếm"), ("en", "Search"), ("lo", "ຄົ້ນຫາ")):
        _speaks(admin_user, language)
        html = _render(client, reverse("wagtailimages_chooser:choose"))
        tabs = [
            tab.get_text(strip=True)
            for tab in BeautifulSoup(html, "html.parser").select("[role=tab]")
        ]
        assert tabs[0].startswith(label), (language, tabs)


def test_the_javascript_catalogues_are_complete_and_alike():
    paths = catalogue_paths("djangojs")
    assert {path.parts[-3] for path in paths} == {"vi", "en", "zh_Hans", "lo", "km"}
    assert all(gaps(path) == [] for path in paths)
    msgids = {frozenset(e.msgid for e in polib.pofile(str(path))) for path in paths}
    assert len(msgids) == 1
