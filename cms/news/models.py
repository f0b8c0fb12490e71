"""Page types and reference data for the channels' and portals' news.

Pages and the Author snippet are translated with wagtail-localize (one tree per locale);
topics are small reference data translated with django-modeltranslation (see ADR 0001).
"""

from __future__ import annotations

import functools
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce, Concat, Substr
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, PageManager, PageQuerySet, Site, TranslatableMixin
from wagtail.search import index
from wagtail.url_routing import RouteResult
from wagtail_localize.fields import SynchronizedField

from cms.blocks import ArticleStreamBlock
from cms.core.chrome import build_chrome, current_language, menu_entry, site_frame
from cms.core.feeds import ArticleFeed
from cms.core.models import BasePage
from cms.core.pagination import paginate
from cms.news.listings import (
    CARD_FIELDS,
    CARD_RENDITIONS,
    LEAD_RENDITIONS,
    SHARE_RENDITION,
    CardRow,
    attach_renditions,
    restricted_paths,
)
from cms.news.reads import CardRowIterable, article_at, related_cards, section_cards
from cms.news.relations import article_relations
from locales import registry
from sites.models import Channel

SECTION_PAGE_SIZE = 12
TOP_STORIES_PER_SECTION = 4
SECONDARY_STORIES = 4
LATEST_STORIES = 6
RELATED_ARTICLES = 6
ORIGINALS_SHOWN = 6
FEATURED_HELP = _(
    "The first is the lead story; when none are chosen, the newest articles are shown. Chosen "
    "on the Vietnamese page, they apply to every edition that has them translated."
)
# Where an edition has no articles of its own, readers are offered these editions' originals,
# in this order of preference.
ORIGINAL_LANGUAGES = ("en", registry.SOURCE_LANGUAGE)


class Topic(models.Model):
    """A subject articles are filed under (reference data, names via modeltranslation)."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=120)

    # Annotated because modeltranslation swaps in a subclass made at run time, which the type
    # checker cannot resolve.
    objects: ClassVar[models.Manager[Topic]] = models.Manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name


class Author(TranslatableMixin, models.Model):
    """A journalist or official credited on articles; the role is translated per locale."""

    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=120, blank=True)

    panels = [FieldPanel("name"), FieldPanel("role")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self) -> str:
        return self.name


def _order_of(choices: models.QuerySet) -> models.QuerySet:
    """The position of an editor's choice among ``choices`` (orderable rows), for a subquery;
    0 for rows saved without one."""
    return choices.annotate(order=Coalesce("sort_order", Value(0))).values("order")[:1]


class ArticleQuerySet(PageQuerySet):
    def for_listing(self) -> ArticleQuerySet:
        """Live articles, newest first, with lead images and their card renditions."""
        images = get_image_model().objects.prefetch_renditions(*CARD_RENDITIONS)
        return (
            self.live()
            .public()
            .order_by("-publication_date", "-pk")
            .prefetch_related(Prefetch("lead_image", queryset=images))
        )

    def for_cards(self, request: HttpRequest) -> ArticleQuerySet:
        """Live, public articles newest first, with their lead images joined and only the
        columns a card needs (``CARD_FIELDS``) read: one query; ``attach_renditions`` then
        loads every card's picture in one more."""
        queryset = self.live().select_related("lead_image").only(*CARD_FIELDS)
        for restricted in restricted_paths(request):
            queryset = queryset.exclude(path__startswith=restricted)
        return queryset.order_by("-publication_date", "-pk")

    def card_rows(self) -> ArticleQuerySet:
        """These articles (read as ``for_cards`` reads them) as card rows (``CardRow``): a
        page is made of one only when its card is not already in memory."""
        clone = self._chain()
        clone._iterable_class = CardRowIterable
        return clone

    def picked_on(self, model: type[models.Model], page: Page) -> ArticleQuerySet:
        """The articles editors chose on ``page`` (rows of ``model``), in their order. The
        choices are made on the source-language page and hold for every edition: each edition
        shows the translations of the chosen articles that it has. The chosen articles are
        found first (a semi-join on their translation keys), so their positions are looked up
        for those few rows only, never once per article of the section."""
        choices = model.objects.filter(  # type: ignore[attr-defined]
            page__translation_key=page.translation_key,
            page__locale__language_code=registry.SOURCE_LANGUAGE,
        )
        position = choices.filter(article__translation_key=OuterRef("translation_key"))
        return (
            self.filter(translation_key__in=choices.values("article__translation_key"))
            .annotate(pick=Subquery(_order_of(position)))
            .order_by("pick", "-publication_date")
        )


ArticleManager = PageManager.from_queryset(ArticleQuerySet)


class FeedMixin(RoutablePageMixin):
    """RSS and Atom feeds of the articles under a page, in the page's language."""

    def feed_articles(self) -> ArticleQuerySet:
        raise NotImplementedError

    def get_cached_paths(self) -> list[str]:
        """The page and its feeds, for purging from the HTTP caches (``cms.core.purging``)."""
        return ["/", "feed/rss/", "feed/atom/"]

    @path("feed/rss/", name="rss")
    def rss_feed(self, request: HttpRequest):
        return ArticleFeed(self, atom=False)(request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request: HttpRequest):
        return ArticleFeed(self, atom=True)(request)

    @path("")
    def index_route(self, request: HttpRequest, *args, **kwargs):
        return Page.serve(self, request, *args, **kwargs)


class RestrictionsReadOnce:
    """Pages routed by an edition home know the request's view restrictions (read once with
    ``restricted_paths``); where there are none at all, Wagtail's check before serving needs
    no query of its own."""

    _restricted_paths: tuple[str, ...] | None = None

    def get_view_restrictions(self):
        if self._restricted_paths == ():
            return []
        return super().get_view_restrictions()  # type: ignore[misc]


class ListingPage(RestrictionsReadOnce, FeedMixin, BasePage):
    """A page that lists articles, with an introduction and feeds."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        abstract = True


class EditionHomePage(ListingPage):
    """The root of one edition of a site. Readers sent here by the language switcher from a page
    that is not translated yet (``?from=untranslated``) see a note saying so."""

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        abstract = True

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["untranslated_notice"] = request.GET.get("from") == "untranslated"
        return context


def section_articles(section: Page, request: HttpRequest) -> ArticleQuerySet:
    """The live, public articles of ``section`` newest first, for cards. Articles only ever
    sit directly under a section (``parent_page_types``), so they are asked for as its
    descendants: with no test of the depth, SQLite's planner reads them newest first through
    the publication date's index and stops after a page of them, instead of reading every
    page of the tree and sorting the section."""
    return ArticlePage.objects.descendant_of(section).for_cards(request).card_rows()


def _bounded_by_tree_path(articles: ArticleQuerySet, page: Page) -> ArticleQuerySet:
    """``articles``, all below ``page``, also asked for as a range of tree paths: the same
    rows, which SQLite then counts through the index on the path, reading the rows below
    ``page`` only (with the prefix match alone it read every article of the archive). Not
    for listings: the range would also lead SQLite to read and sort them all."""
    if page.path.endswith(page.alphabet[-1] * page.steplen):
        return articles  # the last possible child of its parent: no next path to bound by
    return articles.filter(path__gt=page.path, path__lt=page._inc_path())


def _lead_and_secondary(picks: list, newest: list) -> tuple:
    """The lead story and the secondary stories: the editors' choices, completed with the
    newest articles when they chose fewer (or none)."""
    chosen = {article.pk for article in picks}
    stories = [*picks, *(a for a in newest if a.pk not in chosen)][: 1 + SECONDARY_STORIES]
    return (stories[0] if stories else None), stories[1:]


class HomePage(EditionHomePage):
    """The home of one edition of a channel or portal: a lead story and secondary stories
    (editors' choice, else the newest), the latest articles, and the newest per section. Also
    answers the edition's topic and author pages, and routes articles in one query."""

    subpage_types = [
        "news.SectionPage",
        "news.StandardPage",
        "syndication.SyndicationPage",
        "press.PressCalendarPage",
        "broadcast.ProgrammeIndexPage",
    ]
    template = "pages/home_page.html"

    content_panels = [
        *ListingPage.content_panels,
        InlinePanel(
            "featured_articles",
            label=_("Lead and secondary stories"),
            help_text=FEATURED_HELP,
            max_num=1 + SECONDARY_STORIES,
        ),
    ]
    override_translatable_fields = [SynchronizedField("featured_articles")]

    class Meta:
        verbose_name = _("home page")

    def feed_articles(self) -> ArticleQuerySet:
        return ArticlePage.objects.descendant_of(self).for_listing()

    def route(self, request: HttpRequest, path_components: list[str]) -> RouteResult:
        result = self._route(request, path_components)
        result.page._restricted_paths = restricted_paths(request)
        return result

    def _route(self, request: HttpRequest, path_components: list[str]) -> RouteResult:
        """Articles (section/article/) in one query, sections from the edition's menu (one
        query for a section the menu does not list); everything else (feeds, topics,
        authors, standard pages) the usual way."""
        if not (self.live and path_components):
            return super().route(request, path_components)
        try:
            self.resolve_subpage("/" + "/".join(path_components) + "/")
        except Http404:
            if len(path_components) == 2:
                url_path = self.url_path + "/".join(path_components) + "/"
                article = article_at(ArticlePage, self, url_path)
                if article is not None:
                    # Page types built on articles (press releases) serve as themselves.
                    if article.specific_class is not ArticlePage:
                        article = article.specific
                    return RouteResult(article)
            section = menu_entry(request, self, path_components[0])
            if not isinstance(section, SectionPage):
                section = SectionPage.objects.child_of(self).filter(slug=path_components[0]).first()
            if section is not None:
                return section.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        chrome = context["chrome"]
        channel = chrome.channel
        context["successors"] = (
            successor_homes(channel, self) if channel is not None and channel.is_archived else []
        )
        edition = ArticlePage.objects.descendant_of(self).for_cards(request).card_rows()
        newest = list(edition[: 1 + SECONDARY_STORIES + LATEST_STORIES])
        picks = list(edition.picked_on(HomeFeaturedArticle, self)[: 1 + SECONDARY_STORIES])
        lead, secondary = _lead_and_secondary(picks, newest)
        shown = {a.pk for a in [lead, *secondary] if a is not None}
        blocks = self._section_blocks(request, chrome.sections, shown) if newest else []
        originals = [] if newest else _originals(request, chrome, ArticlePage.objects.all())
        context.update(
            lead=lead,
            secondary=secondary,
            latest=[a for a in newest if a.pk not in shown][:LATEST_STORIES],
            section_blocks=blocks,
            originals=originals,
        )
        cards = [lead, *secondary, *(a for _s, stories in blocks for a in stories)]
        attach_renditions(
            [*cards, *(o for _lang, o in originals)], *CARD_RENDITIONS, *LEAD_RENDITIONS
        )
        return context

    def _section_blocks(self, request: HttpRequest, sections: list[Page], shown: set[int]):
        """The newest articles of each section, leaving out those already shown as lead or
        secondary stories: one query, made of one "newest few" subquery per section. Each
        reads its section newest first through the publication date's index and stops after
        a few, so the home costs the same whatever the size of the archive (a window over
        the whole edition grew with it; ``cms.news.reads``)."""
        by_section: dict[str, list] = {}
        for article in section_cards(
            ArticlePage, request, sections, shown, TOP_STORIES_PER_SECTION
        ):
            by_section.setdefault(article.path[: -ArticlePage.steplen], []).append(article)
        return [
            (section, by_section[section.path])
            for section in sections
            if by_section.get(section.path)
        ]

    def _listing(self, request: HttpRequest, template: str, articles, route: str, arg, **extra):
        """A routed listing of this edition (topic, author): paginated cards, and a switcher
        leading to the same listing in the other editions."""
        site = Site.find_for_request(request)
        subpath = self.reverse_subpage(route, args=[arg])
        home_urls = site_frame(site, current_language().code, request).home_urls if site else {}
        view_urls = {code: url + subpath for code, (url, _full_url) in home_urls.items()}
        chrome = build_chrome(request, None, view_urls)
        chrome.breadcrumbs = [self]
        listed = paginate(request, articles, SECTION_PAGE_SIZE, live_pages=articles)
        attach_renditions(listed.object_list, *CARD_RENDITIONS)
        context = {"page": self, "self": self, "request": request, "chrome": chrome}
        return TemplateResponse(request, template, {**context, "articles": listed, **extra})

    @path("topics/<slug:slug>/", name="topic")
    def topic_view(self, request: HttpRequest, slug: str):
        topic = get_object_or_404(Topic, slug=slug)
        tagged = ArticleTopic.objects.filter(topic=topic).values("page_id")
        articles = (
            ArticlePage.objects.descendant_of(self)
            .for_cards(request)
            .filter(pk__in=tagged)
            .card_rows()
        )
        return self._listing(request, "pages/topic_page.html", articles, "topic", slug, topic=topic)

    @path("authors/<int:pk>/", name="author")
    def author_view(self, request: HttpRequest, pk: int):
        """Articles by one author in this edition; the address is the same in every edition
        (any locale's author record leads to the author's articles in the reader's one)."""
        author = get_object_or_404(Author, pk=pk)
        local = (
            Author.objects.filter(
                translation_key=author.translation_key, locale_id=self.locale_id
            ).first()
            or author
        )
        credited = ArticleAuthor.objects.filter(
            author__translation_key=author.translation_key
        ).values("page_id")
        articles = (
            ArticlePage.objects.descendant_of(self)
            .for_cards(request)
            .filter(pk__in=credited)
            .card_rows()
        )
        return self._listing(
            request, "pages/author_page.html", articles, "author", pk, author=local
        )


def _originals(request: HttpRequest, chrome, candidates, size: int = ORIGINALS_SHOWN) -> list:
    """For an edition with nothing of its own: the newest of ``candidates`` in the first of
    ``ORIGINAL_LANGUAGES`` that has any, as (language, article) pairs (one query per language
    tried, usually one)."""
    if chrome.site is None:
        return []
    homes = site_frame(chrome.site, chrome.language.code, request).homes
    for code in ORIGINAL_LANGUAGES:
        home = homes.get(code)
        if home is None or code == chrome.language.code:
            continue
        found = list(candidates.descendant_of(home).for_cards(request).card_rows()[:size])
        if found:
            return [(registry.get(code), article) for article in found]
    return []


def successor_homes(channel: Channel, home: Page) -> list[Page]:
    """The homes, in ``home``'s language, of the portals that took over an archived channel."""
    keys = channel.successors.values("home_page__translation_key")
    return list(Page.objects.filter(translation_key__in=keys, locale_id=home.locale_id).live())


class DirectoryPage(EditionHomePage):
    """The home of the city portal: lists every channel and district portal; its feeds carry
    the newest articles of every site in the edition's language."""

    subpage_types = ["news.StandardPage", "legal.LegalIndexPage", "procedures.ProcedureIndexPage"]
    template = "pages/directory_page.html"

    class Meta:
        verbose_name = _("directory page")

    def feed_articles(self) -> ArticleQuerySet:
        return ArticlePage.objects.filter(locale_id=self.locale_id).for_listing()

    @classmethod
    def listing_feeds(cls, page: Page) -> PageQuerySet:
        """The portal homes whose feeds carry ``page``: the one in its edition, if an article."""
        if not issubclass(page.specific_class or Page, ArticlePage):
            return cls.objects.none()
        return cls.objects.live().filter(locale_id=page.locale_id)

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        channels = list(Channel.objects.active().exclude(kind=Channel.Kind.DIRECTORY))
        context["channels"] = [c for c in channels if c.kind == Channel.Kind.CHANNEL]
        context["districts"] = [c for c in channels if c.kind == Channel.Kind.DISTRICT]
        # The portal's own databases (legal documents, procedures), shown in menus by editors.
        context["databases"] = list(self.get_children().live().public().in_menu())
        return context


class SectionPage(ListingPage):
    """A section of a site (News, Economy, …): a lead story and secondary stories (editors'
    choice, else the newest), then a paginated listing of its articles. A link to an article
    that exists in other editions but not this one answers with a page saying so (404)."""

    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order of the section in the site's menu")
    )

    content_panels = [
        *ListingPage.content_panels,
        InlinePanel(
            "featured_articles",
            label=_("Lead and secondary stories"),
            help_text=FEATURED_HELP,
            max_num=1 + SECONDARY_STORIES,
        ),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("position")]
    override_translatable_fields = [SynchronizedField("featured_articles")]
    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.ArticlePage", "press.PressReleasePage", "press.PressCalendarPage"]
    template = "pages/section_page.html"

    class Meta:
        verbose_name = _("section page")

    @classmethod
    def menu(cls, home: Page) -> list[Page]:
        """The sections of an edition home that have articles in its language, in the site's
        menu order. Built when a site's frame is (after every publication), so read through
        indexes whatever the archive's size: the sections by their page type, and a section's
        articles, which sit directly under it, as the range of its children's tree paths
        (SQLite cannot use the path's index for a prefix match: it read the archive)."""
        articles = (
            ArticlePage.objects.live()
            .public()
            .filter(
                path__range=(
                    Concat(OuterRef("path"), Value(cls.alphabet[0] * cls.steplen)),
                    Concat(OuterRef("path"), Value(cls.alphabet[-1] * cls.steplen)),
                )
            )
        )
        sections = (
            cls.objects.child_of(home)
            .type(cls)
            .live()
            .public()
            .annotate(has_articles=Exists(articles))
            .order_by("position", "path")
        )
        return [section for section in sections if section.has_articles]

    def feed_articles(self) -> ArticleQuerySet:
        return ArticlePage.objects.child_of(self).for_listing()

    def route(self, request: HttpRequest, path_components: list[str]) -> RouteResult:
        try:
            return super().route(request, path_components)
        except Http404:
            source = self._untranslated_article(path_components)
            if source is None:
                raise
            return RouteResult(self, args=(self.missing_translation, (), {"source": source}))

    def _untranslated_article(self, path_components: list[str]) -> ArticlePage | None:
        """A live article at this address in another edition of the section."""
        if not self.live or len(path_components) != 1:
            return None
        return (
            ArticlePage.objects.live()
            .filter(slug=path_components[0], depth=self.depth + 1)
            .exclude(locale_id=self.locale_id)
            .filter(self._in_any_edition())
            .select_related("locale")
            .defer("body")
            .first()
        )

    def missing_translation(self, request: HttpRequest, source: ArticlePage) -> TemplateResponse:
        """The article is not available in this language: say so in this language, and lead
        to the editions that have it and to this section. Answered with 404 Not Found: the
        address names a resource that does not exist (docs/editorial.md)."""
        chrome = build_chrome(request, source)
        chrome.alternates = []
        chrome.breadcrumbs = [chrome.home] if chrome.home else []
        context = {
            "page": self,
            "self": self,
            "request": request,
            "chrome": chrome,
            "source": source,
            "versions": [edition for edition in chrome.editions if edition.translated],
        }
        return TemplateResponse(request, "pages/missing_translation.html", context, status=404)

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        articles = section_articles(self, request)
        picks = list(articles.picked_on(SectionFeaturedArticle, self)[: 1 + SECONDARY_STORIES])
        listing = articles.exclude(pk__in=[a.pk for a in picks])
        listed = paginate(
            request, listing, SECTION_PAGE_SIZE, live_pages=_bounded_by_tree_path(listing, self)
        )
        rest = list(listed.object_list) if listed.paginator.count else []
        lead = secondary = None
        if listed.number == 1:
            lead, secondary = _lead_and_secondary(picks, rest)
            shown = {a.pk for a in [lead, *secondary] if a is not None}
            rest = [a for a in rest if a.pk not in shown]
        originals = [] if listed.paginator.count or picks else self._originals(request, context)
        context.update(
            articles=listed, lead=lead, secondary=secondary, rest=rest, originals=originals
        )
        cards = [lead, *(secondary or []), *rest, *(o for _lang, o in originals)]
        attach_renditions(cards, *CARD_RENDITIONS, *LEAD_RENDITIONS)
        return context

    def _originals(self, request: HttpRequest, context: dict) -> list:
        candidates = ArticlePage.objects.filter(self._in_any_edition(), depth=self.depth + 1)
        return _originals(request, context["chrome"], candidates)

    def _in_any_edition(self) -> Exists:
        """For a query on pages: the page lies under this section in some edition."""
        parent = Page.objects.filter(
            translation_key=self.translation_key, path=Substr(OuterRef("path"), 1, len(self.path))
        )
        return Exists(parent)


class ArticlePage(RestrictionsReadOnce, BasePage):
    """A news article: standfirst, lead image, body, authors, topics and related articles."""

    # The language switcher links to this page's address in editions that lack it, where the
    # section answers with a page saying the article is not available in that language.
    missing_translation_page = True

    standfirst = models.TextField(_("standfirst"), max_length=600)
    publication_date = models.DateTimeField(
        _("publication date"), default=timezone.now, db_index=True
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lead image"),
    )
    lead_image_alt = models.CharField(
        _("lead image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for screen readers (required with an image)"),
    )
    lead_image_caption = models.CharField(_("lead image caption"), max_length=300, blank=True)
    lead_image_credit = models.CharField(_("lead image credit"), max_length=120, blank=True)
    body = StreamField(ArticleStreamBlock(), verbose_name=_("body"))

    objects = ArticleManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldPanel("lead_image_alt"),
                FieldPanel("lead_image_caption"),
                FieldPanel("lead_image_credit"),
            ],
            heading=_("Lead image"),
        ),
        FieldPanel("body"),
        InlinePanel("authors", label=_("Authors")),
        InlinePanel("topics", label=_("Topics")),
        InlinePanel(
            "related_pages",
            label=_("Related articles"),
            help_text=_(
                "When none are chosen, the newest articles on the same topics in the same "
                "language are shown."
            ),
            max_num=RELATED_ARTICLES,
        ),
    ]
    settings_panels = [FieldPanel("publication_date"), *Page.settings_panels]
    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("body"),
    ]
    parent_page_types = ["news.SectionPage"]
    subpage_types: list[str] = []
    template = "pages/article_page.html"

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def clean(self) -> None:
        super().clean()
        if self.lead_image_id and not self.lead_image_alt.strip():
            raise ValidationError(
                {"lead_image_alt": _("Describe the lead image for readers who cannot see it.")}
            )

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        relations = article_relations(self, request)
        context["article_authors"] = relations.authors
        context["article_topics"] = relations.topics
        context["related_articles"] = related = self.related_articles(
            request, relations.topics, context["chrome"].home, relations.picks
        )
        attach_renditions([self, *related], *CARD_RENDITIONS, *LEAD_RENDITIONS, SHARE_RENDITION)
        return context

    def related_articles(
        self, request: HttpRequest, topics: list[models.Model], home: Page | None, picks: list
    ) -> list[CardRow]:
        """The cards of the editors' choice (``picks``: translation keys), in their order,
        resolved into this article's language; when they chose none (or none is translated),
        the newest articles of the same edition sharing a topic with this one. The queries: the
        chosen articles or those of the topics (both when none of the chosen is translated). The
        edition's articles are asked for as those below its home, with no test of their
        language (its index would lead SQLite to read the whole edition and sort it): the
        topics' articles are read newest first through the publication date's index, stopping
        at the few shown, so an article costs the same whatever the size of the archive
        (``cms.news.reads``)."""
        if not (picks or topics):
            return []
        cards = functools.partial(related_cards, ArticlePage, request, self, home)
        if picks:
            keys = list(dict.fromkeys(picks))
            found = {a.translation_key: a for a in cards(translation_keys=keys)}
            chosen = [found[key] for key in keys if key in found]
            if chosen or not topics:
                return chosen[:RELATED_ARTICLES]
        return cards(topics=topics, limit=RELATED_ARTICLES)


class FeaturedArticle(Orderable):
    """An article editors put at the top of a home or section page (the first leads)."""

    article = models.ForeignKey(
        "news.ArticlePage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("article"),
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        abstract = True


class HomeFeaturedArticle(FeaturedArticle):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_articles")


class SectionFeaturedArticle(FeaturedArticle):
    page = ParentalKey(SectionPage, on_delete=models.CASCADE, related_name="featured_articles")


class ArticleAuthor(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="authors")
    author = models.ForeignKey(
        Author, on_delete=models.CASCADE, related_name="+", verbose_name=_("author")
    )

    panels = [FieldPanel("author")]


class ArticleTopic(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="topics")
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="+", verbose_name=_("topic")
    )

    panels = [FieldPanel("topic")]


class ArticleRelatedPage(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_pages")
    related = models.ForeignKey(
        "news.ArticlePage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("related article"),
    )

    panels = [FieldPanel("related")]


class StandardPage(RestrictionsReadOnce, BasePage):
    """A plain page: about the site, contacts, accessibility statement."""

    body = StreamField(ArticleStreamBlock(), verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("body")]
    parent_page_types = ["news.HomePage", "news.DirectoryPage"]
    subpage_types = ["news.StandardPage"]
    template = "pages/standard_page.html"

    class Meta:
        verbose_name = _("standard page")
