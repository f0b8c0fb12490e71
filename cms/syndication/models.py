"""Syndication: district and channel articles offered "for foreign information" appear on the
foreign-affairs site's "From the districts" page, in its feeds, and on that site with a
canonical link to the original.

Nothing is copied. The mark is kept once per article (on the Vietnamese original, and holds
for every edition: its ``translation_key``); the listing shows, in each edition, the
original's own translation into that language where one is live, else the Vietnamese original
marked with its language. So each article is translated once, by its own site's translation
jobs, and the search index holds each page once: there is no alias or copy to translate or to
find twice (Wagtail aliases would be separate pages in every tree, each with its own
translations and search entry).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import path
from wagtail.models import Page

from cms.core.chrome import build_chrome
from cms.core.pagination import paginate
from cms.news.listings import CARD_RENDITIONS, LEAD_RENDITIONS, SHARE_RENDITION, attach_renditions
from cms.news.models import (
    SECTION_PAGE_SIZE,
    ArticlePage,
    ArticleQuerySet,
    ListingPage,
    SectionPage,
)
from locales import registry
from sites.models import Channel


class Syndication(models.Model):
    """An article its site offers for foreign information (the mark is on the Vietnamese
    original and holds for all its translations)."""

    article = models.OneToOneField(
        ArticlePage,
        on_delete=models.CASCADE,
        related_name="syndication",
        verbose_name=_("article"),
    )
    channel = models.ForeignKey(
        Channel,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("site"),
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("offered by"),
    )
    marked_at = models.DateTimeField(_("offered"), auto_now_add=True)

    class Meta:
        ordering = ["-marked_at", "-pk"]
        verbose_name = _("article for foreign information")
        verbose_name_plural = _("articles for foreign information")

    def __str__(self) -> str:
        return self.article.title


def syndicated(language_code: str) -> ArticleQuerySet:
    """Live syndicated articles in ``language_code``: each article's own translation into it
    where one is live, else its Vietnamese original (one row per article)."""
    keys = Syndication.objects.values("article__translation_key")
    translated = ArticlePage.objects.live().filter(
        translation_key=OuterRef("translation_key"), locale__language_code=language_code
    )
    in_edition = Q(locale__language_code=language_code)
    original = Q(locale__language_code=registry.SOURCE_LANGUAGE) & ~Exists(translated)
    return ArticlePage.objects.filter(translation_key__in=keys).filter(in_edition | original)


class SyndicationPage(ListingPage):
    """The foreign-affairs site's "From the districts" page: articles the channels and
    district portals offered for foreign information, newest first, each in the edition's
    language where translated; feeds; and each article shown on this site (``<key>/``) with a
    canonical link to its original."""

    parent_page_types = ["news.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "syndication/syndication_page.html"

    class Meta:
        verbose_name = _("from the districts page")

    def feed_articles(self) -> ArticleQuerySet:
        return syndicated(self.locale.language_code).for_listing()

    @classmethod
    def listing_feeds(cls, page: Page) -> list[Page]:
        """The "From the districts" pages whose listing and feeds show ``page`` (for purging
        the caches when it changes): all of them, if it is a syndicated article."""
        if not Syndication.objects.filter(article__translation_key=page.translation_key).exists():
            return []
        return list(cls.objects.live())

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        language = context["chrome"].language.code
        articles = syndicated(language).for_cards(request).select_related("locale")
        listed = paginate(request, articles, SECTION_PAGE_SIZE)
        cards = list(listed.object_list)
        sites = _sites_of(cards)
        context.update(
            articles=listed,
            cards=[
                (article, sites.get(article.translation_key), _original(article, language))
                for article in cards
            ],
        )
        attach_renditions(cards, *CARD_RENDITIONS)
        return context

    @path("<uuid:key>/", name="item")
    def item_view(self, request: HttpRequest, key: uuid.UUID) -> TemplateResponse:
        """One syndicated article on this site, in the reader's language where translated,
        with a canonical link to the original's address."""
        language = registry.get(self.locale.language_code)
        versions = {
            article.locale.language_code: article
            for article in ArticlePage.objects.live()
            .public()
            .filter(syndication_key_exists(), translation_key=key)
            .select_related("locale", "lead_image")
        }
        article = versions.get(language.code) or versions.get(registry.SOURCE_LANGUAGE)
        if article is None:
            raise Http404
        own = {
            page.locale.language_code: page.get_url(request) + f"{key}/"
            for page in self.get_translations(inclusive=True).live().select_related("locale")
        }
        chrome = build_chrome(request, None, own)
        chrome.alternates = []
        chrome.breadcrumbs = [crumb for crumb in (chrome.home, self) if crumb is not None]
        context = article.get_context(request)
        context.update(
            page=article,
            self=article,
            chrome=chrome,
            listing=self,
            canonical_url=article.get_full_url(request),
            original_language=_original(article, language.code),
            source_site=_sites_of([article]).get(article.translation_key),
        )
        attach_renditions([article], *CARD_RENDITIONS, *LEAD_RENDITIONS, SHARE_RENDITION)
        return TemplateResponse(request, "syndication/syndicated_article.html", context)


def syndication_key_exists() -> Exists:
    """For a query on pages: the page is a version of a syndicated article."""
    return Exists(Syndication.objects.filter(article__translation_key=OuterRef("translation_key")))


def _original(article: ArticlePage, language: str):
    """The article's language when it is not the edition's (shown as an original)."""
    code = article.locale.language_code
    return registry.get(code) if code != language else None


def _sites_of(articles: list) -> dict:
    """The offering site of each article, by translation key (one query)."""
    keys = [article.translation_key for article in articles]
    if not keys:
        return {}
    rows = Syndication.objects.filter(article__translation_key__in=keys).select_related(
        "channel", "article"
    )
    return {row.article.translation_key: row.channel for row in rows}


def menu_with_syndication(home: Page) -> list[Page]:
    """The edition's sections, then its "From the districts" page where it has one."""
    extra = (
        SyndicationPage.objects.child_of(home)
        .type(SyndicationPage)  # read through the page type's index, not the whole tree
        .live()
        .public()
        .order_by("path")
    )
    return [*SectionPage.menu(home), *extra]
