"""The form that offers an article for foreign information."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cms.news.models import ArticlePage
from cms.syndication.models import Syndication
from cms.syndication.permissions import foreign_affairs_site, may_offer_from
from locales import registry
from sites.models import Channel


class OfferForm(WagtailAdminModelForm):
    """Whichever edition is chosen, the mark goes on the Vietnamese original (and holds for
    all its translations); only the article's own site may offer it."""

    class Meta:
        model = Syndication
        fields = ["article"]

    def clean_article(self) -> ArticlePage:
        article = self.cleaned_data["article"]
        if article.locale.language_code != registry.SOURCE_LANGUAGE:
            article = (
                ArticlePage.objects.filter(
                    translation_key=article.translation_key,
                    locale__language_code=registry.SOURCE_LANGUAGE,
                ).first()
                or article
            )
        channel = Channel.objects.for_page(article)
        if channel is None or channel.kind == Channel.Kind.DIRECTORY:
            raise forms.ValidationError(_("Only articles of a channel or district portal."))
        if channel.slug == foreign_affairs_site():
            raise forms.ValidationError(_("This article is already on the foreign-affairs site."))
        if not may_offer_from(self.for_user, channel.slug):
            raise forms.ValidationError(_("You may offer only your own site's articles."))
        if Syndication.objects.filter(article=article).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This article is already offered."))
        self.instance.channel = channel
        return article
