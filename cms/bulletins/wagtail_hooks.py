"""The bulletins' admin screens and their menu item (press officers and administrators)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.bulletins import admin_views


@hooks.register("register_admin_urls")
def bulletin_urls():
    return [
        path("bulletins/", admin_views.index, name="bulletins_index"),
        path("bulletins/<int:bulletin_pk>/new/", admin_views.compose, name="bulletins_compose"),
        path(
            "bulletins/<int:bulletin_pk>/issues/<int:pk>/edit/",
            admin_views.compose,
            name="bulletins_edit",
        ),
        path("bulletins/issues/<int:pk>/preview/", admin_views.preview, name="bulletins_preview"),
        path("bulletins/issues/<int:pk>/send/", admin_views.send, name="bulletins_send"),
        path("bulletins/issues/<int:pk>/report/", admin_views.report, name="bulletins_report"),
        path(
            "bulletins/<int:bulletin_pk>/subscribers/",
            admin_views.subscribers,
            name="bulletins_subscribers",
        ),
        path(
            "bulletins/<int:bulletin_pk>/subscribers/import/",
            admin_views.import_subscribers,
            name="bulletins_import",
        ),
    ]


class BulletinsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return admin_views.can_manage(request.user)


@hooks.register("register_admin_menu_item")
def bulletins_menu_item():
    return BulletinsMenuItem(
        _("Bulletins"), reverse("bulletins_index"), icon_name="mail", order=850
    )
