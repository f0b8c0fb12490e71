"""Admin URLs and the menu item of the district reports."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.reports import views
from cms.reports.permissions import may_enter


@hooks.register("register_admin_urls")
def report_urls():
    return [
        path("district-reports/", views.report_list, name="reports_list"),
        path("district-reports/<int:pk>/", views.report_detail, name="reports_detail"),
        path("district-reports/<int:pk>/submit/", views.report_submit, name="reports_submit"),
        path("district-reports/<int:pk>/accept/", views.report_accept, name="reports_accept"),
        path("district-reports/<int:pk>/return/", views.report_return, name="reports_return"),
        path("district-reports/<int:pk>/pdf/", views.report_pdf, name="reports_pdf"),
        path(
            "district-reports/roll-up/<int:year>/<int:quarter>/",
            views.rollup,
            name="reports_rollup",
        ),
        path(
            "district-reports/roll-up/<int:year>/<int:quarter>/pdf/",
            views.rollup_pdf,
            name="reports_rollup_pdf",
        ),
        path(
            "district-reports/roll-up/<int:year>/<int:quarter>/xlsx/",
            views.rollup_xlsx,
            name="reports_rollup_xlsx",
        ),
    ]


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_enter(request.user)


@hooks.register("register_admin_menu_item")
def reports_menu_item():
    return ReportsMenuItem(
        _("District reports"), reverse("reports_list"), icon_name="doc-full", order=896
    )
