"""Page types and reference data for the channels' and portals' news.

Pages and the Author snippet are translated with wagtail-localize (one tree per locale);
topics are small reference data translated with django-modeltranslation (see ADR 0001).
"""

from __future__ import annotations

from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, PageManager, PageQuerySet, TranslatableMixin
from wagtail.search import index

from cms.blocks import ArticleStreamBlock
from cms.core.feeds import ArticleFeed
from cms.core.models import BasePage
from sites.models import Channel

# The renditions the templates ask for (srcset: one per width), prepared when an article is
# published (cms.news.renditions) and prefetched with listings; the same spelling as the
# templates' srcset_image tags, which Wagtail expands to these.
CARD_RENDITIONS = ("format-webp|fill-480x270", "format-webp|fill-960x540")
LEAD_RENDITIONS = ("format-webp|fill-960x540", "format-webp|fill-1440x810")
SOCIAL_RENDITION = "fill-1200x630|format-jpeg"
BLOCK_RENDITIONS = ("format-webp|width-480", "format-webp|width-960", "format-webp|width-1440")
SECTION_PAGE_SIZE = 12
TOP_STORIES_PER_SECTION = 4


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


class ListingPage(FeedMixin, BasePage):
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


class HomePage(EditionHomePage):
    """The home of one edition of a channel or portal: top stories per section."""

    subpage_types = ["news.SectionPage", "news.StandardPage"]
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def feed_articles(self) -> ArticleQuerySet:
        return ArticlePage.objects.descendant_of(self).for_listing()

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        sections = context["chrome"].sections
        for section in sections:
            section.top_stories = list(
                ArticlePage.objects.child_of(section).for_listing()[:TOP_STORIES_PER_SECTION]
            )
        context["sections"] = sections
        channel = context["chrome"].channel
        context["successors"] = (
            successor_homes(channel, self) if channel is not None and channel.is_archived else []
        )
        return context


def successor_homes(channel: Channel, home: Page) -> list[Page]:
    """The homes, in ``home``'s language, of the portals that took over an archived channel."""
    keys = channel.successors.values("home_page__translation_key")
    return list(Page.objects.filter(translation_key__in=keys, locale_id=home.locale_id).live())


class DirectoryPage(EditionHomePage):
    """The home of the city portal: lists every channel and district portal; its feeds carry
    the newest articles of every site in the edition's language."""

    subpage_types = ["news.StandardPage"]
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
        return context


class SectionPage(ListingPage):
    """A section of a site (News, Economy, …): a paginated listing of its articles."""

    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order of the section in the site's menu")
    )

    settings_panels = [*Page.settings_panels, FieldPanel("position")]
    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.ArticlePage"]
    template = "pages/section_page.html"

    class Meta:
        verbose_name = _("section page")

    @classmethod
    def menu(cls, home: Page) -> PageQuerySet:
        """The sections of an edition home, in the site's menu order."""
        return cls.objects.child_of(home).live().public().order_by("position", "path")

    def feed_articles(self) -> ArticleQuerySet:
        return ArticlePage.objects.child_of(self).for_listing()

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(ArticlePage.objects.child_of(self).for_listing(), SECTION_PAGE_SIZE)
        try:
            articles = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            articles = paginator.page(1)
        except EmptyPage:
            articles = paginator.page(paginator.num_pages)
        context["articles"] = articles
        return context


class ArticlePage(BasePage):
    """A news article: standfirst, lead image, body, authors, topics and related articles."""

    standfirst = models.TextField(_("standfirst"), max_length=600)
    publication_date = models.DateTimeField(_("publication date"), default=timezone.now)
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
        InlinePanel("related_pages", label=_("Related articles"), max_num=6),
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
        context["article_authors"] = [
            link.author for link in self.authors.select_related("author").all() if link.author_id
        ]
        context["article_topics"] = [link.topic for link in self.topics.select_related("topic")]
        related_ids = [link.related_id for link in self.related_pages.all()]
        context["related_articles"] = list(
            ArticlePage.objects.filter(
                translation_key__in=ArticlePage.objects.filter(pk__in=related_ids).values(
                    "translation_key"
                ),
                locale_id=self.locale_id,
            ).for_listing()[:6]
        )
        return context


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


class StandardPage(BasePage):
    """A plain page: about the site, contacts, accessibility statement."""

    body = StreamField(ArticleStreamBlock(), verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("body")]
    parent_page_types = ["news.HomePage", "news.DirectoryPage"]
    subpage_types = ["news.StandardPage"]
    template = "pages/standard_page.html"

    class Meta:
        verbose_name = _("standard page")
