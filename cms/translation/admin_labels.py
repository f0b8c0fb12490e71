"""Wagtail and wagtail-localize labels that are translated once, when their module is loaded
or their menu built, and then shown in that language to everyone (an English user's image
chooser tab read "Tìm kiếm" after a Vietnamese request came first). They are replaced here by
labels translated each time they are shown, in the language of the person looking."""

from __future__ import annotations

from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.utils.version import get_main_version


def make_chooser_labels_lazy() -> None:
    """The chooser modals' "Search" and "Create" tabs (class attributes of Wagtail's chooser
    viewset, translated on import)."""
    ChooserViewSet.search_tab_label = gettext_lazy("Search")
    ChooserViewSet.create_action_label = gettext_lazy("Create")


def _whats_new() -> str:
    return gettext("What's new in Wagtail %(version)s") % {
        "version": get_main_version(include_patch=False)
    }


whats_new_label = lazy(_whats_new, str)


def make_menu_labels_lazy(menu_items) -> None:
    """The admin menu's items built once per process with a translated label: wagtail-localize's
    "Translations" report and Wagtail's "What's new" help item. Walks submenus."""
    translations_report = reverse("wagtail_localize:translations_report")
    for item in menu_items:
        submenu = getattr(item, "menu", None)
        if submenu is not None:
            make_menu_labels_lazy(submenu.registered_menu_items)
        if getattr(item, "url", None) == translations_report:
            item.label = gettext_lazy("Translations")
        elif item.name.startswith("whats-new-in-wagtail-"):
            item.label = whats_new_label()
