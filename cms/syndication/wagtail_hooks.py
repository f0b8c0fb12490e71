"""The admin list of articles offered for foreign information ("For foreign information"):
a site's staff offer and withdraw their own site's articles; the foreign-affairs site's staff
see every offer (``cms.syndication.permissions``). Every change purges the "From the
districts" pages from the caches."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList, PageChooserPanel
from wagtail.admin.views.generic import CreateView, DeleteView, HistoryView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.permissions import register_permission_policy

from cms.core import purging
from cms.syndication.forms import OfferForm
from cms.syndication.models import Syndication, SyndicationPage
from cms.syndication.permissions import SyndicationPolicy, visible_to


def purge_listings() -> None:
    batch = PurgeBatch()
    batch.add_pages(SyndicationPage.objects.live())
    purging.purge_on_commit(batch.urls)


class OfferIndexView(IndexView):
    def get_base_queryset(self):
        return visible_to(self.request.user, super().get_base_queryset()).select_related(
            "article", "channel", "marked_by"
        )


class OfferCreateView(CreateView):
    def save_instance(self):
        self.form.instance.marked_by = self.request.user
        offer = super().save_instance()
        purge_listings()
        return offer


class OwnOffersOnly:
    """Views of one offer answer only those who may see it: its site's staff, the
    foreign-affairs site's, administrators."""

    def get_object(self, *args):
        offer = super().get_object(*args)  # type: ignore[misc]
        if not self.permission_policy.user_has_permission_for_instance(  # type: ignore[attr-defined]
            self.request.user,  # type: ignore[attr-defined]
            "view",
            offer,
        ):
            raise PermissionDenied
        return offer


class WithdrawView(OwnOffersOnly, DeleteView):
    def delete_action(self):
        super().delete_action()
        purge_listings()


class OfferHistoryView(OwnOffersOnly, HistoryView):
    pass


class SyndicationViewSet(ModelViewSet):
    model = Syndication
    icon = "globe"
    menu_label = _("For foreign information")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["article", "channel", "marked_by", "marked_at"]
    list_filter = ["channel"]
    edit_handler = ObjectList(
        [PageChooserPanel("article", page_type="news.ArticlePage")], base_form_class=OfferForm
    )
    index_view_class = OfferIndexView
    add_view_class = OfferCreateView
    delete_view_class = WithdrawView
    history_view_class = OfferHistoryView
    copy_view_enabled = False


register_permission_policy(Syndication, SyndicationPolicy(Syndication))


@hooks.register("register_admin_viewset")
def register_syndication():
    return SyndicationViewSet("syndication")
