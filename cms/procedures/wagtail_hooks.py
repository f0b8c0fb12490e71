"""Admin wiring: the procedure reviews listing and its menu item."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.procedures import views
from sites import roles


@hooks.register("register_admin_urls")
def register_urls():
    return [path("procedures/reviews/", views.review_listing, name="procedure_reviews")]


class ReviewsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        user = request.user
        return user.is_superuser or bool(
            roles.channel_slugs(user, roles.EDITORS, roles.APPROVERS)
            or roles.holds(user, roles.OVERSIGHT_GROUP)
        )


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return ReviewsMenuItem(
        _("Procedure reviews"), reverse("procedure_reviews"), icon_name="date", order=900
    )
