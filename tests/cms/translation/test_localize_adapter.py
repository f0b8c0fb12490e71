"""Every private, undocumented or run-time-replaced member of wagtail-localize (and of Wagtail's
admin) that the desk uses, through ``cms/translation/localize_adapter.py``, checked against the
installed versions: it still exists, takes the same arguments, and behaves as the desk relies on
with a small real example. A failure names the member and the installed version, so an upgrade
that changes one of them fails here rather than somewhere in the desk."""

from __future__ import annotations

import inspect
import json
import uuid
from pathlib import Path

import pytest
import wagtail_localize
from django.template import Engine
from django.template.loader_tags import BlockNode
from django.test import RequestFactory, override_settings
from django.urls import URLResolver, resolve, reverse
from django.utils import translation
from django.utils.http import urlencode
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.widgets.button import HeaderButton
from wagtail.models import PagePermissionTester
from wagtail_localize import wagtail_hooks as localize_hooks
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    SegmentOverride,
    String,
    StringSegment,
    StringTranslation,
    Template,
    TranslationContext,
    TranslationSource,
)
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.segments import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    TemplateSegmentValue,
)
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.views import convert, edit_translation, submit_translations
from wagtail_localize.views import update_translations as update_view

from cms.news.models import Author
from cms.translation import editing, jobs, localize_adapter, side_doors
from cms.translation.machine import DeskTranslator
from tests.cms.helpers import locale

LOCALIZE = f"wagtail-localize {localize_adapter.LOCALIZE_VERSION}"
WAGTAIL = f"Wagtail {localize_adapter.WAGTAIL_VERSION}"


def changed(package: str, member: str, what: str) -> str:
    return (
        f"{package}: {member} {what}. The desk uses it through "
        "cms/translation/localize_adapter.py: adapt that module (and docs/adr/0005) to the upgrade."
    )


def member(owner, name: str, package: str = LOCALIZE):
    """``owner.name``, or a failure naming it when the installed version has no such member."""
    if not hasattr(owner, name):
        pytest.fail(changed(package, f"{owner.__name__}.{name}", "no longer exists"))
    return getattr(owner, name)


def assert_parameters(func, expected: list[str], label: str, package: str = LOCALIZE) -> None:
    found = list(inspect.signature(func).parameters)
    assert found == expected, changed(
        package, label, f"now takes ({', '.join(found)}) instead of ({', '.join(expected)})"
    )


def refreshed(job) -> TranslationSource:
    """The job's source with its segment rows written by wagtail-localize's own refresh."""
    source = job.translation.source
    source.refresh_segments()
    return source


@pytest.fixture
def started(en_job, translator_en):
    jobs.claim(en_job, translator_en)
    jobs.start(en_job, translator_en)
    return en_job


# Segment identities (cms.translation.sync writes rows under these keys).


def test_string_get_data_hash_is_the_key_of_every_source_string(en_job):
    label = "String._get_data_hash"
    assert_parameters(member(String, "_get_data_hash"), ["data"], label)
    source = refreshed(en_job)
    strings = String.objects.filter(segments__source=source).distinct()
    assert strings.exists()
    for string in strings:
        assert localize_adapter.string_hash(string.data) == string.data_hash, changed(
            LOCALIZE, label, f"no longer gives the key wagtail-localize stored for {string.data!r}"
        )
    new = String.objects.create(locale=source.locale, data="Một câu chưa có trong trang.")
    assert localize_adapter.string_hash(new.data) == new.data_hash, changed(
        LOCALIZE, label, "is no longer how String.save fills data_hash"
    )


def test_translation_context_get_path_id_is_the_key_of_every_context(en_job):
    label = "TranslationContext._get_path_id"
    assert_parameters(member(TranslationContext, "_get_path_id"), ["path"], label)
    source = refreshed(en_job)
    contexts = TranslationContext.objects.filter(object_id=source.object_id)
    assert contexts.count() >= 5
    for context in contexts:
        assert localize_adapter.context_path_id(context.path) == context.path_id, changed(
            LOCALIZE, label, f"no longer gives the path_id stored for {context.path!r}"
        )


def test_template_uuid_follows_base_uuid_namespace(en_job):
    label = "Template.BASE_UUID_NAMESPACE"
    assert isinstance(member(Template, "BASE_UUID_NAMESPACE"), uuid.UUID), changed(
        LOCALIZE, label, "is no longer a UUID"
    )
    source = refreshed(en_job)
    templates = Template.objects.filter(segments__source=source)
    assert templates.exists()
    for template in templates:
        key = localize_adapter.template_uuid(template.template_format, template.template)
        assert key == template.uuid, changed(
            LOCALIZE, label, "no longer derives the uuid refresh_segments stores for a template"
        )
    value = TemplateSegmentValue("body.x", "html", '<p><text position="0"></text></p>', 1)
    made = Template.from_value(value)
    assert made.uuid == localize_adapter.template_uuid("html", value.template), changed(
        LOCALIZE, "Template.from_value", "files templates under another uuid"
    )


def test_related_object_segment_from_value_gets_or_creates_the_row(en_job):
    label = "RelatedObjectSegment.from_value"
    assert_parameters(member(RelatedObjectSegment, "from_value"), ["source", "value"], label)
    source = en_job.translation.source
    author = Author.objects.create(name="Phóng viên", locale=source.locale)
    value = RelatedObjectSegmentValue.from_instance("authors.x.author", author)
    value.order = 7
    first = localize_adapter.related_object_segment(source, value)
    again = localize_adapter.related_object_segment(source, value)
    assert (first.pk, first.source_id, first.order) == (again.pk, source.pk, 7), changed(
        LOCALIZE, label, "no longer returns the one saved row for the source and value"
    )
    assert first.context.path == "authors.x.author"
    assert first.object.translation_key == author.translation_key


def test_overridable_segment_from_value_gets_or_creates_the_row(en_job):
    label = "OverridableSegment.from_value"
    assert_parameters(member(OverridableSegment, "from_value"), ["source", "value"], label)
    source = en_job.translation.source
    (value,) = [
        v for v in extract_segments(source.as_instance()) if isinstance(v, OverridableSegmentValue)
    ]
    first = localize_adapter.overridable_segment(source, value)
    again = localize_adapter.overridable_segment(source, value)
    assert (first.pk, first.source_id, first.order) == (again.pk, source.pk, value.order), changed(
        LOCALIZE, label, "no longer returns the one saved row for the source and value"
    )
    assert (first.context.path, first.data) == ("lead_image", value.data)


def test_update_from_db_ends_with_the_sources_refresh_segments(en_job, story):
    label = "TranslationSource.update_from_db"
    assert_parameters(member(TranslationSource, "update_from_db"), ["self"], label)
    assert_parameters(
        member(TranslationSource, "refresh_segments"),
        ["self"],
        "TranslationSource.refresh_segments",
    )
    page = story.specific
    page.standfirst = "Sở Ngoại vụ và Sở Tư pháp chủ trì."
    page.save_revision().publish()
    source = en_job.translation.source
    calls = []
    localize_adapter.update_source_from_db(
        source, lambda s: calls.append((s, json.loads(s.content_json)["standfirst"]))
    )
    assert calls == [(source, page.standfirst)], changed(
        LOCALIZE, label, "no longer saves the new content, then calls self.refresh_segments() once"
    )
    assert not StringSegment.objects.filter(
        source=source, string__data__contains="Sở Tư pháp"
    ).exists(), changed(LOCALIZE, label, "refreshed segments itself, not through the method")
    assert "refresh_segments" not in vars(source)  # the source's own method is back


# Translations and their segments.


def test_translation_creator_submits_a_page_into_a_locale(en_job, story, editor):
    assert_parameters(
        member(TranslationCreator, "__init__"),
        ["self", "user", "target_locales"],
        "wagtail_localize.operations.TranslationCreator",
    )
    assert_parameters(
        member(TranslationCreator, "create_translations"),
        ["self", "instance", "include_related_objects"],
        "TranslationCreator.create_translations",
    )
    zh = locale("zh-hans")
    localize_adapter.create_translations(editor, [zh], story)
    source = en_job.translation.source
    assert source.translations.filter(target_locale=zh).exists(), changed(
        LOCALIZE, "TranslationCreator.create_translations", "no longer records a Translation"
    )
    assert story.get_translation_or_none(zh) is not None, changed(
        LOCALIZE, "TranslationCreator.create_translations", "no longer creates the target page"
    )


def test_get_for_instance_finds_the_pages_source(en_job, story):
    label = "TranslationSource.objects.get_for_instance"
    assert_parameters(member(TranslationSource.objects, "get_for_instance"), ["instance"], label)
    assert localize_adapter.source_for(story) == en_job.translation.source, changed(
        LOCALIZE, label, "no longer returns the page's source"
    )


def test_annotate_translation_gives_each_segments_translation(en_job, story, translator_en):
    label = "StringSegment.objects.annotate_translation"
    assert_parameters(
        member(StringSegment.objects, "annotate_translation"), ["locale", "include_errors"], label
    )
    source = en_job.translation.source
    title = StringSegment.objects.get(source=source, string__data=story.title)
    StringTranslation.objects.create(
        translation_of=title.string,
        locale=en_job.target_locale,
        context=title.context,
        data="Hanoi welcomes international visitors",
        translation_type="manual",
        last_translated_by=translator_en,
    )
    rows = dict(
        localize_adapter.annotate_translation(
            StringSegment.objects.filter(source=source), en_job.target_locale
        ).values_list("pk", "translation")
    )
    assert rows.pop(title.pk) == "Hanoi welcomes international visitors", changed(
        LOCALIZE, label, "no longer annotates a segment with its translation"
    )
    assert rows and set(rows.values()) == {None}


# The translation editor.


def _localize_url_patterns() -> dict[str, tuple[str, object]]:
    """wagtail-localize's own admin URLs, by name, with their full route."""
    (resolver,) = localize_hooks.register_admin_urls()
    assert isinstance(resolver, URLResolver)
    prefix = str(resolver.pattern)
    return {p.name: (prefix + str(p.pattern), p.callback) for p in resolver.url_patterns}


def _wrapping(view) -> list:
    """``view`` and every view it wraps."""
    chain = [view]
    while hasattr(chain[-1], "__wrapped__"):
        chain.append(chain[-1].__wrapped__)
    return chain


def test_editing_routes_are_where_wagtail_localize_registers_its_views():
    registered = _localize_url_patterns()
    views = {
        "edit_string_translation": localize_adapter.edit_string_translation,
        "edit_override": localize_adapter.edit_override,
        "machine_translate": localize_adapter.machine_translate,
        "upload_pofile": edit_translation.upload_pofile,
        "stop_translation": localize_adapter.stop_translation,
        "convert_to_alias": localize_adapter.convert_to_alias,
        "update_translations": localize_adapter.UpdateTranslationsView,
        "submit_page_translation": localize_adapter.SubmitPageTranslationView,
    }
    desk_views = editing.GUARDED_VIEWS | side_doors.URLS
    for name, route in localize_adapter.ROUTES.items():
        label = f"URL wagtail_localize:{name}"
        assert name in registered, changed(LOCALIZE, label, "no longer exists")
        found_route, found_view = registered[name]
        assert found_route == route, changed(LOCALIZE, label, f"moved to {found_route!r}")
        served = {found_view, getattr(found_view, "view_class", None)}
        assert views[name] in served, changed(LOCALIZE, label, "is served by another view")
        # the desk's view answers there, in front of wagtail-localize's (Wagtail wraps it)
        url = reverse(f"wagtail_localize:{name}", args=[1, 2][: route.count("<int:")])
        assert desk_views[route] in _wrapping(resolve(url).func)


def test_the_editing_views_take_the_routes_arguments():
    assert_parameters(
        member(edit_translation, "machine_translate"),
        ["request", "translation_id"],
        "wagtail_localize.views.edit_translation.machine_translate",
    )
    assert_parameters(
        member(edit_translation, "upload_pofile"),
        ["request", "translation_id"],
        "wagtail_localize.views.edit_translation.upload_pofile",
    )
    assert_parameters(
        member(edit_translation, "stop_translation"),
        ["request", "translation_id"],
        "wagtail_localize.views.edit_translation.stop_translation",
    )
    assert_parameters(
        member(convert, "convert_to_alias"),
        ["request", "page_id"],
        "wagtail_localize.views.convert.convert_to_alias",
    )


def test_the_side_door_views_are_the_classes_the_desk_extends(started):
    for module, name in (
        (submit_translations, "SubmitPageTranslationView"),
        (update_view, "UpdateTranslationsView"),
    ):
        view = member(module, name)
        for method in ("dispatch", "get_form", "form_valid"):
            assert callable(getattr(view, method, None)), changed(
                LOCALIZE, f"{name}.{method}", "no longer exists"
            )
    label = "UpdateTranslationsForm.publish_translations"
    form = member(update_view, "UpdateTranslationsForm")
    assert localize_adapter.PUBLISH_TRANSLATIONS_FIELD in form.base_fields, changed(
        LOCALIZE, label, "no longer exists: the desk removes it so nobody publishes a sync"
    )


def test_the_page_action_menu_items_keep_their_names():
    names = {
        hook().name
        for hook in hooks.get_hooks("register_page_action_menu_item")
        if hook.__module__ == localize_hooks.__name__
    }
    for name in (localize_adapter.CONVERT_TO_ALIAS_ITEM, localize_adapter.RESTART_SYNC_ITEM):
        assert name in names, changed(LOCALIZE, f"page action menu item {name!r}", "is gone")


def test_the_editor_props_hold_the_links_the_desk_hides(client, started, translator_en):
    label = "the translation editor's props"
    client.force_login(translator_en)
    response = client.get(started.translation.get_target_instance_edit_url())
    props = json.loads(response.context["props"])
    for key in ("stopTranslationUrl", "convertToAliasUrl", "deleteUrl"):
        assert key in props.get("links", {}), changed(LOCALIZE, label, f"have no links.{key}")
    assert "canDelete" in props.get("perms", {}), changed(
        LOCALIZE, label, "have no perms.canDelete"
    )
    hidden = json.loads(
        localize_adapter.restrict_editor_props(response.context["props"], sync_links=False)
    )
    assert hidden["links"]["stopTranslationUrl"] is None
    assert hidden["links"]["convertToAliasUrl"] is None


def test_edit_string_translation_saves_the_assignees_text(client, started, story, translator_en):
    label = "wagtail_localize.views.edit_translation.edit_string_translation"
    member(edit_translation, "edit_string_translation")
    segment = StringSegment.objects.get(source=started.translation.source, string__data=story.title)
    client.force_login(translator_en)
    response = client.put(
        reverse(
            "wagtail_localize:edit_string_translation", args=[started.translation.pk, segment.pk]
        ),
        "value=Hanoi welcomes visitors",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201), changed(LOCALIZE, label, "refuses a PUT")
    assert (
        StringTranslation.objects.get(
            translation_of=segment.string, context=segment.context, locale=started.target_locale
        ).data
        == "Hanoi welcomes visitors"
    ), changed(LOCALIZE, label, "no longer saves the value")


def test_edit_override_saves_the_assignees_override(client, started, translator_en):
    label = "wagtail_localize.views.edit_translation.edit_override"
    member(edit_translation, "edit_override")
    segment = OverridableSegment.objects.get(source=started.translation.source)
    client.force_login(translator_en)
    response = client.put(
        reverse("wagtail_localize:edit_override", args=[started.translation.pk, segment.pk]),
        f"value={segment.data}",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201), changed(LOCALIZE, label, "refuses a PUT")
    assert SegmentOverride.objects.filter(
        context=segment.context, locale=started.target_locale
    ).exists(), changed(LOCALIZE, label, "no longer saves the override")


def test_apply_machine_translation_fills_what_the_configured_translator_returns(
    started, story, translator_en
):
    label = "wagtail_localize.views.edit_translation.apply_machine_translation"
    assert_parameters(
        member(edit_translation, "apply_machine_translation"),
        ["translation_id", "user", "machine_translator"],
        label,
    )
    engine = {"NAME": "test", "CLASS": "tests.cms.translation.machine_engine.TestEngine"}
    config = {"CLASS": "cms.translation.machine.DeskTranslator", "OPTIONS": {"ENGINES": [engine]}}
    with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=config):
        translator = localize_adapter.get_machine_translator()
    assert isinstance(translator, DeskTranslator), changed(
        LOCALIZE,
        "wagtail_localize.machine_translators.get_machine_translator",
        "no longer builds WAGTAILLOCALIZE_MACHINE_TRANSLATOR's class with its options",
    )
    assert localize_adapter.apply_machine_translation(
        started.translation.pk, translator_en, translator
    ), changed(LOCALIZE, label, "no longer says whether anything was left to translate")
    row = StringTranslation.objects.get(
        locale=started.target_locale, translation_of__data=story.title
    )
    assert (row.data, row.tool_name) == (f"[en] {story.title}", "test vi→en"), changed(
        LOCALIZE, label, "no longer saves what the translator returns"
    )


def test_user_can_edit_instance_follows_page_permissions(started, translator_en, make_user):
    label = "wagtail_localize.views.edit_translation.user_can_edit_instance"
    assert_parameters(
        member(edit_translation, "user_can_edit_instance"), ["user", "instance"], label
    )
    target = started.translation.get_target_instance()
    nobody = make_user("nobody")
    assert localize_adapter.user_can_edit(translator_en, target) is True, changed(
        LOCALIZE, label, "refuses the language's translator"
    )
    assert localize_adapter.user_can_edit(nobody, target) is False, changed(
        LOCALIZE, label, "lets a user without page permissions edit"
    )


def test_the_editor_template_has_the_block_and_element_the_desk_uses(
    client, started, translator_en
):
    name = "wagtail_localize/admin/edit_translation.html"
    label = f"template {name}"
    original = Path(wagtail_localize.__file__).parent / "templates" / name
    assert original.exists(), changed(LOCALIZE, label, "no longer exists")
    text = original.read_text("utf-8")
    blocks = {
        node.name: node
        for node in Engine.get_default().from_string(text).nodelist.get_nodes_by_type(BlockNode)
    }
    assert "content" in blocks, changed(LOCALIZE, label, "has no {% block content %}")
    content = text[
        text.index("{% block content %}") : text.index(
            "{% endblock", text.index("{% block content %}")
        )
    ]
    assert '<div class="js-translation-editor" data-props="{{ props }}">' in content, changed(
        LOCALIZE,
        label,
        "no longer holds the .js-translation-editor element (fed with props) the desk relies on",
    )
    client.force_login(translator_en)
    page = client.get(started.translation.get_target_instance_edit_url()).content.decode()
    assert 'id="desk-editor-panel"' in page
    assert page.index('id="desk-editor-panel"') < page.index('<div class="js-translation-editor"')


# Wagtail's admin.


def test_get_valid_next_url_from_request_keeps_only_safe_urls():
    label = "wagtail.admin.utils.get_valid_next_url_from_request"
    assert_parameters(get_valid_next_url_from_request, ["request"], label, WAGTAIL)
    factory = RequestFactory()
    assert localize_adapter.next_url(factory.get("/", {"next": "/admin/pages/"})) == (
        "/admin/pages/"
    ), changed(WAGTAIL, label, "no longer returns a local next URL")
    assert localize_adapter.next_url(factory.get("/", {"next": "https://elsewhere.example/"})) == (
        ""
    ), changed(WAGTAIL, label, "no longer refuses a next URL on another host")
    assert localize_adapter.next_url(factory.get("/")) == ""


def test_page_menu_item_puts_send_to_translation_in_the_page_header(client, story, editor):
    label = "wagtail.admin.ui.menus.pages.PageMenuItem"
    parameters = inspect.signature(PageMenuItem).parameters
    for name in ("label", "url", "icon_name", "priority", "page"):
        assert name in parameters, changed(WAGTAIL, label, f"no longer takes {name}")
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk]))
    content = response.content.decode()
    with translation.override(response.headers["Content-Language"]):
        text = str(translation.gettext("Send to translation"))
    url = reverse("desk:send") + "?" + urlencode({"page": story.pk})
    assert text in content and url in content, changed(
        WAGTAIL, label, "items yielded for register_page_header_buttons are no longer shown"
    )


def test_header_button_shows_beside_a_listings_title(client, reviewer_en):
    label = "wagtail.admin.widgets.button.HeaderButton"
    parameters = inspect.signature(HeaderButton).parameters
    for name in ("label", "url", "icon_name"):
        assert name in parameters, changed(WAGTAIL, label, f"no longer takes {name}")
    client.force_login(reviewer_en)
    content = client.get("/admin/desk/memory/").content.decode()
    for url in (reverse("desk:memory_export"), reverse("desk:import", args=["tmx"])):
        assert f'href="{url}"' in content, changed(
            WAGTAIL, label, "buttons a generic index view returns from header_buttons are not shown"
        )


def test_page_permission_tester_methods_the_desk_overrides(story, editor):
    label = "wagtail.models.PagePermissionTester"
    assert_parameters(
        member(PagePermissionTester, "__init__", WAGTAIL), ["self", "user", "page"], label, WAGTAIL
    )
    assert_parameters(
        member(PagePermissionTester, "can_publish", WAGTAIL),
        ["self"],
        f"{label}.can_publish",
        WAGTAIL,
    )
    assert_parameters(
        member(PagePermissionTester, "can_move", WAGTAIL), ["self"], f"{label}.can_move", WAGTAIL
    )
    assert_parameters(
        member(PagePermissionTester, "can_delete", WAGTAIL),
        ["self", "ignore_bulk"],
        f"{label}.can_delete",
        WAGTAIL,
    )
    tester = story.permissions_for_user(editor)
    assert isinstance(tester, side_doors.DeskPagePermissionTester), changed(
        WAGTAIL, "Page.permissions_for_user", "no longer returns the desk's tester"
    )
    assert tester.can_publish() is False  # an editor submits for approval, never publishes


def test_revisions_compare_view_has_the_members_the_source_comparison_overrides():
    label = "wagtail.admin.views.generic.models.RevisionsCompareView"
    view = localize_adapter.RevisionsCompareView
    assert_parameters(
        member(view, "setup", WAGTAIL),
        ["self", "request", "pk", "revision_id_a", "revision_id_b", "args", "kwargs"],
        label + ".setup",
        WAGTAIL,
    )
    for name in ("get_object", "get_edit_handler", "get_page_subtitle", "get_breadcrumbs_items"):
        assert callable(member(view, name, WAGTAIL))
    assert view.template_name == "wagtailadmin/generic/revisions/compare.html", changed(
        WAGTAIL, label, "renders another template"
    )


def test_create_or_update_translation_is_wrapped_to_keep_live_translations_live():
    """``keep_live_translations`` wraps the method (once, at start-up) and keeps its signature;
    the behaviour is specified in test_publication_gate.py."""
    method = TranslationSource.create_or_update_translation
    assert getattr(method, "keeps_live_content", False), localize_adapter.LOCALIZE_VERSION
    assert list(inspect.signature(inspect.unwrap(method)).parameters)[:3] == [
        "self",
        "locale",
        "user",
    ], f"its signature changed in wagtail-localize {localize_adapter.LOCALIZE_VERSION}"
    localize_adapter.keep_live_translations()
    assert TranslationSource.create_or_update_translation is method
