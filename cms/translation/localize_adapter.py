"""The members of wagtail-localize (and of Wagtail's admin) that the desk uses although they
are not public API: private (leading underscore), left out of the published reference, or
replaced at run time. The rest of the project reaches them through this module only, and
``tests/cms/translation/test_localize_adapter.py`` checks each one against the installed
versions, so an upgrade that removes or changes one fails there, naming it.

What the desk relies on, and why:

- Segment sync in bulk (``cms.translation.sync``) writes the rows wagtail-localize's own
  ``refresh_segments`` would, so it must file strings, contexts and templates under the same
  keys: ``String._get_data_hash``, ``TranslationContext._get_path_id`` and the template key
  derived from ``Template.BASE_UUID_NAMESPACE``. Related-object and overridable segments (few
  per page) still go through their ``from_value``. ``TranslationSource.update_from_db`` ends by
  calling ``self.refresh_segments()``; :func:`update_source_from_db` swaps that call for the
  bulk one on the one instance, for the duration of the call.
- Saving a translation: ``TranslationSource.create_or_update_translation`` (behind sending to
  translation, the editor's save and submit, sync) writes the draft into the translated page's
  row before it saves the revision, so a live translation shows the draft to readers with no
  publication at all. :func:`keep_live_translations` wraps that method once, at start-up: the
  row of a page that was live is put back to its live revision afterwards, and the draft stays
  the latest revision, live only if something publishes it (through the publication gate).
- Sending to translation uses ``TranslationCreator`` (what wagtail-localize's "Translate this
  page" runs), and reads ``TranslationSource.objects.get_for_instance`` and
  ``StringSegment.objects.annotate_translation``.
- The translation editor: the desk re-registers wagtail-localize's editing endpoints (same
  URLs, wrapped with its rule) and checks edit rights the way those views do
  (``user_can_edit_instance``). Its machine button is answered by the desk
  (``editing.machine_translate``), which reads the configured translator
  (``machine_translators.get_machine_translator``) and fills the segments with
  ``apply_machine_translation``, counting before and after. The side doors to a translated
  page (``side_doors``) do the same with its convert-to-alias, stop-sync, update and submit
  views, and hide the editor's links to them (keys of the editor's props) and its two page
  action menu items. Two uses cannot live in Python: the desk's template extends the editor's
  (``wagtail_localize/admin/edit_translation.html``, block ``content``, its ``props``) and
  ``desk/editor.js`` reads the editor's markup (``.js-translation-editor``); the tests check
  both too.
- Wagtail: ``RevisionsCompareView`` (the generic revision comparison, subclassed for "What
  changed in the source" on the job's revisions), ``PagePermissionTester`` (subclassed for the
  desk's rules on translations),
  ``get_valid_next_url_from_request`` (the admin's safe "next" redirect),
  ``PageMenuItem`` (what Wagtail's own page header buttons are made of) and ``HeaderButton``
  (a button beside a listing's title, as the generic index views return from
  ``header_buttons``).
"""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Callable, Iterable
from importlib import metadata

import wagtail
from django.http import HttpRequest
from django.utils.functional import Promise
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    String,
    StringSegmentQuerySet,
    Template,
    TranslationContext,
    TranslationSource,
)
from wagtail_localize.segments import OverridableSegmentValue, RelatedObjectSegmentValue

LOCALIZE_VERSION = metadata.version("wagtail-localize")
WAGTAIL_VERSION = wagtail.__version__

# Names outside the published APIs: an upgrade that moves one fails here, at start-up, saying
# which versions are installed.
try:
    from wagtail import models as wagtail_models
    from wagtail.admin.ui.menus.pages import PageMenuItem
    from wagtail.admin.utils import get_valid_next_url_from_request
    from wagtail.admin.views.generic import models as generic_views
    from wagtail.admin.widgets.button import HeaderButton
    from wagtail_localize import machine_translators
    from wagtail_localize.operations import TranslationCreator
    from wagtail_localize.views import (
        convert,
        edit_translation,
        submit_translations,
        update_translations,
    )

    # the editing views the desk wraps with its rule
    edit_string_translation = edit_translation.edit_string_translation
    edit_override = edit_translation.edit_override
    machine_translate = edit_translation.machine_translate
    # what the desk's machine button runs instead of that view, to count what it filled
    apply_machine_translation = edit_translation.apply_machine_translation
    get_machine_translator = machine_translators.get_machine_translator
    user_can_edit_instance = edit_translation.user_can_edit_instance
    # the side doors the desk guards, and the permission tester it extends
    stop_translation = edit_translation.stop_translation
    convert_to_alias = convert.convert_to_alias
    SubmitPageTranslationView = submit_translations.SubmitPageTranslationView
    UpdateTranslationsView = update_translations.UpdateTranslationsView
    PagePermissionTester = wagtail_models.PagePermissionTester
    # the revision comparison "What changed in the source" subclasses
    RevisionsCompareView = generic_views.RevisionsCompareView
except (ImportError, AttributeError) as error:
    raise ImportError(
        f"{error} (wagtail-localize {LOCALIZE_VERSION}, Wagtail {WAGTAIL_VERSION}): "
        "cms/translation/localize_adapter.py needs adapting to this upgrade"
    ) from error

# Segment identities: the keys wagtail-localize files shared rows under.


def string_hash(data: str) -> uuid.UUID:
    """The ``String.data_hash`` wagtail-localize gives the text ``data``."""
    return String._get_data_hash(data)


def context_path_id(path: str) -> uuid.UUID:
    """The ``TranslationContext.path_id`` wagtail-localize gives the content path ``path``."""
    return TranslationContext._get_path_id(path)


def template_uuid(template_format: str, template: str) -> uuid.UUID:
    """The ``Template.uuid`` wagtail-localize's ``Template.from_value`` gives a template."""
    namespace = uuid.uuid5(Template.BASE_UUID_NAMESPACE, template_format)
    return uuid.uuid5(namespace, template)


def related_object_segment(
    source: TranslationSource, value: RelatedObjectSegmentValue
) -> RelatedObjectSegment:
    """The source's segment row for ``value``, created when missing."""
    return RelatedObjectSegment.from_value(source, value)


def overridable_segment(
    source: TranslationSource, value: OverridableSegmentValue
) -> OverridableSegment:
    """The source's segment row for ``value``, created when missing."""
    return OverridableSegment.from_value(source, value)


def update_source_from_db(
    source: TranslationSource, refresh_segments: Callable[[TranslationSource], None]
) -> None:
    """wagtail-localize's ``update_from_db`` (the source's content read again from its live
    object), ending with ``refresh_segments(source)`` instead of the source's own method."""
    source.refresh_segments = functools.partial(refresh_segments, source)
    try:
        source.update_from_db()
    finally:
        del source.refresh_segments


# Translations and their segments.


def _restore_live_content(page_id: int, live_revision_id: int) -> None:
    """Put a live page's row back to its live revision, keeping its latest (draft) revision."""
    page = Page.objects.get(pk=page_id).specific
    if page.live_revision_id != live_revision_id:
        return  # published meanwhile: the row is what readers should see
    restored = page.live_revision.as_object()
    # what the revision cannot know: when and as which revision it went live
    restored.live_revision_id = live_revision_id
    restored.last_published_at = page.last_published_at
    restored.has_unpublished_changes = page.latest_revision_id != live_revision_id
    restored.save(clean=False)


def keep_live_translations() -> None:
    """Wrap ``TranslationSource.create_or_update_translation`` (once) so that a translated page
    that was live keeps serving its live revision; see the module docstring."""
    original = TranslationSource.create_or_update_translation
    if getattr(original, "keeps_live_content", False):
        return

    @functools.wraps(original)
    def create_or_update_translation(self, locale, *args, **kwargs):
        live = None
        if issubclass(self.specific_content_type.model_class(), Page):
            live = (
                Page.objects.filter(translation_key=self.object_id, locale=locale, live=True)
                .exclude(live_revision=None)
                .values_list("pk", "live_revision_id")
                .first()
            )
        result = original(self, locale, *args, **kwargs)
        if live is not None:
            _restore_live_content(*live)
        return result

    create_or_update_translation.keeps_live_content = True  # type: ignore[attr-defined]
    TranslationSource.create_or_update_translation = create_or_update_translation


def create_translations(user, locales: Iterable[Locale], instance: Page) -> None:
    """Submit ``instance`` (and the objects it needs) for translation into ``locales``, as
    wagtail-localize's own "Translate this page" does."""
    TranslationCreator(user, list(locales)).create_translations(instance)


def source_for(instance: Page) -> TranslationSource:
    """The translation source recorded for ``instance``."""
    return TranslationSource.objects.get_for_instance(instance)


def annotate_translation(segments: StringSegmentQuerySet, locale: Locale) -> StringSegmentQuerySet:
    """``segments`` with ``translation``: each one's text in ``locale`` (None when missing or
    in error)."""
    return segments.annotate_translation(locale)


# The translation editor.

# wagtail-localize's URL name → where it registers that view, under the admin's URLs
ROUTES = {
    "edit_string_translation": (
        "localize/translate/<int:translation_id>/strings/<int:string_segment_id>/edit/"
    ),
    "edit_override": (
        "localize/translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/"
    ),
    "machine_translate": "localize/translate/<int:translation_id>/machine_translate/",
    "upload_pofile": "localize/translate/<int:translation_id>/pofile/upload/",
    "stop_translation": "localize/translate/<int:translation_id>/disable/",
    "convert_to_alias": "localize/page/<int:page_id>/convert_to_alias/",
    "update_translations": "localize/update/<int:translation_source_id>/",
    "submit_page_translation": "localize/submit/page/<int:page_id>/",
}

# UpdateTranslationsView's form field for "publish immediately"
PUBLISH_TRANSLATIONS_FIELD = "publish_translations"
# the names of wagtail-localize's items in the page editor's action menu (also the POST keys)
CONVERT_TO_ALIAS_ITEM = "localize-convert-to-alias"
RESTART_SYNC_ITEM = "localize-restart-translation"


def restrict_editor_props(props: str, *, sync_links: bool) -> str:
    """The translation editor's props (JSON) without the Stop sync and Convert to alias links
    unless ``sync_links``, and without Delete unless the props say the user may delete."""
    data = json.loads(props)
    if not sync_links:
        data["links"]["stopTranslationUrl"] = None
        data["links"]["convertToAliasUrl"] = None
    if not data["perms"]["canDelete"]:
        data["links"]["deleteUrl"] = None
    return json.dumps(data)


def user_can_edit(user, instance: Page) -> bool:
    """Whether wagtail-localize's editing views let ``user`` change ``instance``."""
    return user_can_edit_instance(user, instance)


# Wagtail's admin.


def next_url(request: HttpRequest) -> str:
    """The request's ``next`` URL when it is safe to redirect to, else an empty string."""
    return get_valid_next_url_from_request(request)


def page_menu_item(
    label: str | Promise, url: str, *, icon_name: str, priority: int, page: Page
) -> PageMenuItem:
    """A page header / listing "more" menu item, as Wagtail's own are built."""
    return PageMenuItem(label, url, icon_name=icon_name, priority=priority, page=page)


def header_button(label: str | Promise, url: str, *, icon_name: str) -> HeaderButton:
    """A button beside a generic index view's title (its ``header_buttons``)."""
    return HeaderButton(label, url=url, icon_name=icon_name)
