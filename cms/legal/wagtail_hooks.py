"""Wagtail hooks: the batch import's admin URL and its menu item (for those who may use it)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.legal import views


@hooks.register("register_admin_urls")
def legal_urls():
    return [path("legal/import/", views.import_documents, name="legal_import")]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or views.importable_indexes(request.user).exists()


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return ImportMenuItem(
        _("Import legal documents"), reverse("legal_import"), icon_name="doc-full", order=850
    )
