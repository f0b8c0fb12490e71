"""Admin URLs and the menu item of the oversight dashboard."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.editorial.permissions import can_view_oversight
from cms.oversight import views


@hooks.register("register_admin_urls")
def oversight_urls():
    return [
        path("oversight/dashboard/", views.dashboard, name="oversight_dashboard"),
        path("oversight/dashboard/refresh/", views.refresh, name="oversight_refresh"),
        path(
            "oversight/dashboard/<slug:site>/<str:language>/",
            views.edition,
            name="oversight_edition",
        ),
    ]


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_oversight(request.user)


@hooks.register("register_admin_menu_item")
def dashboard_menu_item():
    return DashboardMenuItem(
        _("Oversight dashboard"), reverse("oversight_dashboard"), icon_name="table", order=895
    )
