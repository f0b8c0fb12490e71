"""The press office's queue in the admin menu, shown to press officers and superusers only."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.accreditation.permissions import is_press_officer
from cms.accreditation.urls import admin_urls


@hooks.register("register_admin_urls")
def accreditation_urls():
    return [path("accreditation/", include(admin_urls))]


class PressOfficeMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return is_press_officer(request.user)


@hooks.register("register_admin_menu_item")
def accreditation_menu_item():
    return PressOfficeMenuItem(
        _("Journalists' requests"), reverse("accreditation_queue"), icon_name="mail", order=850
    )
