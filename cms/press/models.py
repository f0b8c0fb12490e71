"""Press releases and press events.

A press release is an article (``ArticlePage`` by multi-table inheritance), so every listing,
feed, sitemap and the search index that shows articles shows releases, through the same
``live`` filter. Its embargo is Wagtail's scheduled publishing: a release under embargo is
saved with ``go_live_at`` at the embargo's end and stays not live until the scheduler
(``publish_scheduled``) publishes it; translations are held until the source's embargo ends
(``cms.press.embargo``).

A press event (conference, visit, briefing) lives under a calendar page; it links the releases
issued for it and, afterwards, the articles that covered it. The accreditation app points its
requests at ``PressEventPage``.
"""

from __future__ import annotations

import datetime
import itertools

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.url_routing import RouteResult
from wagtail_localize.fields import SynchronizedField

from cms.blocks import ArticleStreamBlock
from cms.core.models import BasePage
from cms.news.listings import CARD_RENDITIONS, attach_renditions, restricted_paths
from cms.news.models import ArticlePage, RestrictionsReadOnce
from cms.press import embargo, ical, kit
from locales import registry

EVENT_TIME_ZONE = ical.EVENT_TIME_ZONE
PAST_EVENTS_SHOWN = 24

#: Languages an event can be held or interpreted in: the five editions and the languages of
#: the city's most frequent foreign delegations.
EVENT_LANGUAGES = ("vi", "en", "zh-hans", "lo", "km", "fr", "ja", "ko", "ru")


class PressReleasePage(RoutablePageMixin, ArticlePage):
    """A press release: an article with a reference number, an embargo, press contacts,
    attachments and a downloadable press kit."""

    reference = models.CharField(
        _("reference number"),
        max_length=60,
        blank=True,
        help_text=_("The release's number in the office's register, e.g. 12/TCBC-SNgV"),
    )
    embargo_until = models.DateTimeField(
        _("embargoed until"),
        null=True,
        blank=True,
        help_text=_(
            "Nobody outside the office sees the release, in any language, before this time "
            "(Hanoi time): it is published then, and its translations no earlier."
        ),
    )

    content_panels = [
        *ArticlePage.content_panels[:1],
        MultiFieldPanel(
            [FieldPanel("reference"), FieldPanel("embargo_until")],
            heading=_("Release"),
        ),
        *ArticlePage.content_panels[1:],
        InlinePanel("contacts", label=_("Press contacts")),
        InlinePanel("attachments", label=_("Attachments")),
    ]
    override_translatable_fields = [SynchronizedField("reference")]
    search_fields = [*ArticlePage.search_fields, index.SearchField("reference")]
    parent_page_types = ["news.SectionPage"]
    subpage_types: list[str] = []
    template = "press/press_release_page.html"

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")

    def under_embargo(self, now: datetime.datetime | None = None) -> bool:
        return self.embargo_until is not None and self.embargo_until > (now or timezone.now())

    def clean(self) -> None:
        super().clean()
        if not self.under_embargo():
            return
        if self.live and self.pk and self.locale.language_code == registry.SOURCE_LANGUAGE:
            raise ValidationError(
                {
                    "embargo_until": _(
                        "This release is already public: an embargo can no longer apply."
                    )
                }
            )
        go_live_at = getattr(self, "go_live_at", None)  # a Wagtail field, untyped
        if go_live_at is None or go_live_at < self.embargo_until:
            self.go_live_at = self.embargo_until

    def publish(self, revision, user=None, *args, **kwargs):
        """Publishing during the embargo (this release's, or its source's for a translation)
        schedules the revision for the embargo's end instead (``cms.press.embargo``)."""
        embargo.hold(self, revision)
        return super().publish(revision, user, *args, **kwargs)

    def get_admin_display_title(self) -> str:
        title = super().get_admin_display_title()
        if self.under_embargo():
            until = timezone.localtime(self.embargo_until).strftime("%d/%m/%Y %H:%M")
            return f"{title} · {_('embargo until %(time)s') % {'time': until}}"
        return title

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["contacts"] = list(self.contacts.all())
        restricted = kit.restricted_collections()
        context["attachments"] = [
            link
            for link in self.attachments.select_related("document__collection")
            if not kit.is_private(link.document, restricted)
        ]
        linked = PressEventRelease.objects.filter(
            page__translation_key=OuterRef("translation_key"),
            release__translation_key=self.translation_key,
        )
        context["events"] = list(
            PressEventPage.objects.live()
            .public()
            .filter(Exists(linked), locale_id=self.locale_id)
            .order_by("-starts_at")
        )
        return context

    @path("press-kit/", name="press_kit")
    def press_kit(self, request: HttpRequest) -> StreamingHttpResponse:
        """The release's text, images and documents in one zip (``cms.press.kit``)."""
        if not self.live or self.under_embargo():
            raise Http404
        response = StreamingHttpResponse(
            kit.stream_zip(kit.kit_files(self), self.last_published_at or timezone.now()),
            content_type="application/zip",
        )
        response["Content-Disposition"] = f'attachment; filename="{self.slug}-press-kit.zip"'
        return response


class PressContact(TranslatableMixin, Orderable):
    """Whom journalists call about a release; name and role are translated, phone and e-mail
    are the same in every edition."""

    page = ParentalKey(PressReleasePage, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=160, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
    ]
    override_translatable_fields = [SynchronizedField("phone")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("press contact")
        verbose_name_plural = _("press contacts")

    def __str__(self) -> str:
        return self.name


class PressAttachment(TranslatableMixin, Orderable):
    """A document issued with a release (full text, programme, fact sheet); the link text is
    translated."""

    page = ParentalKey(PressReleasePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )
    title = models.CharField(_("link text"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title or self.document.title


def by_month(events: list) -> list[tuple[datetime.date, list]]:
    """``events`` grouped by the month they start in (Hanoi time), keeping their order."""
    return [
        (month, list(group))
        for month, group in itertools.groupby(
            events,
            key=lambda event: (
                timezone.localtime(event.starts_at, EVENT_TIME_ZONE).date().replace(day=1)
            ),
        )
    ]


class PressCalendarPage(RestrictionsReadOnce, RoutablePageMixin, BasePage):
    """The press events of a site in one language: upcoming and past, by month, with an
    iCalendar feed of the same events."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["news.HomePage", "news.SectionPage"]
    subpage_types = ["press.PressEventPage"]
    template = "press/press_calendar_page.html"

    class Meta:
        verbose_name = _("press calendar")
        verbose_name_plural = _("press calendars")

    def events(self) -> models.QuerySet[PressEventPage]:
        """The live, public events of this calendar, soonest first."""
        return (
            PressEventPage.objects.child_of(self)
            .live()
            .public()
            .defer("body")
            .order_by("starts_at", "pk")
        )

    def get_cached_paths(self) -> list[str]:
        """The page and its feed, for purging from the HTTP caches."""
        return ["/", "ical/"]

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        events = list(self.events())
        upcoming = [event for event in events if not event.is_past(now)]
        past = [event for event in reversed(events) if event.is_past(now)][:PAST_EVENTS_SHOWN]
        context.update(upcoming=by_month(upcoming), past=by_month(past), now=now)
        return context

    def route(self, request: HttpRequest, path_components: list[str]) -> RouteResult:
        """An event in one query, knowing its calendar and the request's view restrictions;
        the feed and anything else the usual way."""
        if self.live and len(path_components) == 1 and path_components[0] != "ical":
            event = (
                PressEventPage.objects.child_of(self)
                .filter(slug=path_components[0], live=True)
                .first()
            )
            if event is not None:
                event.calendar = self
                event._restricted_paths = restricted_paths(request)
                return RouteResult(event)
        return super().route(request, path_components)

    @path("ical/", name="ical")
    def ical_feed(self, request: HttpRequest) -> HttpResponse:
        """Every event of this calendar as iCalendar, to subscribe to in a calendar app."""
        events = [
            (event, request.build_absolute_uri(event.relative_url(self.get_site(), request)))
            for event in self.events().select_related("locale")
        ]
        body = ical.calendar_bytes(
            self.title, self.locale.language_code, events, request.get_host().split(":")[0]
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = (
            f'inline; filename="{self.slug}-{self.locale.language_code}.ics"'
        )
        return response

    @path("")
    def index_route(self, request: HttpRequest, *args, **kwargs):
        return Page.serve(self, request, *args, **kwargs)


class PressEventPage(RestrictionsReadOnce, BasePage):
    """A press conference, visit or briefing: when and where, in which languages, until when
    journalists may ask for accreditation, the releases issued for it and its coverage."""

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Press conference")
        VISIT = "visit", _("Visit")
        BRIEFING = "briefing", _("Briefing")
        INTERVIEW = "interview", _("Interview opportunity")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CONFERENCE)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    summary = models.TextField(_("summary"), max_length=600)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    languages = models.CharField(
        _("languages of the event"),
        max_length=100,
        default="vi",
        help_text=_("Language codes, comma-separated: spoken or interpreted at the event"),
    )
    accreditation_deadline = models.DateTimeField(
        _("accreditation deadline"),
        null=True,
        blank=True,
        help_text=_("Leave empty when journalists need no accreditation"),
    )
    body = StreamField(ArticleStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("place"),
                FieldPanel("address"),
                FieldPanel("organiser"),
                FieldPanel("languages"),
                FieldPanel("accreditation_deadline"),
            ],
            heading=_("Event"),
        ),
        FieldPanel("body"),
        InlinePanel("release_links", label=_("Press releases")),
        InlinePanel(
            "coverage_links",
            label=_("Coverage"),
            help_text=_("Articles reporting on the event, once it has taken place"),
        ),
    ]
    override_translatable_fields = [SynchronizedField("languages")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("place"),
        index.SearchField("body"),
    ]
    parent_page_types = ["press.PressCalendarPage"]
    subpage_types: list[str] = []
    template = "press/press_event_page.html"

    class Meta:
        verbose_name = _("press event")
        verbose_name_plural = _("press events")
        indexes = [models.Index(fields=["starts_at"], name="press_event_starts_at")]

    #: The calendar the event was routed through, when it was (saves looking it up).
    calendar: PressCalendarPage | None = None

    def clean(self) -> None:
        super().clean()
        errors: dict[str, object] = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("The event cannot end before it starts.")
        if (
            self.accreditation_deadline
            and self.starts_at
            and self.accreditation_deadline > self.starts_at
        ):
            errors["accreditation_deadline"] = _(
                "Accreditation must close before the event starts."
            )
        codes = self.language_codes
        unknown = [code for code in codes if code not in EVENT_LANGUAGES]
        if unknown or not codes:
            errors["languages"] = _("Use these codes, comma-separated: %(codes)s") % {
                "codes": ", ".join(EVENT_LANGUAGES)
            }
        if errors:
            raise ValidationError(errors)
        self.languages = ",".join(codes)

    @property
    def language_codes(self) -> list[str]:
        return [code.strip().lower() for code in (self.languages or "").split(",") if code.strip()]

    def accreditation_open(self, now: datetime.datetime | None = None) -> bool:
        """Journalists may still ask to be accredited."""
        return (
            self.accreditation_deadline is not None
            and self.status != self.Status.CANCELLED
            and self.accreditation_deadline > (now or timezone.now())
        )

    def is_past(self, now: datetime.datetime | None = None) -> bool:
        return self.ends_at <= (now or timezone.now())

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        restricted = restricted_paths(request)
        context["releases"] = self._linked(
            PressReleasePage, PressEventRelease, "release", restricted
        )
        context["coverage"] = self._linked(ArticlePage, PressEventCoverage, "article", restricted)
        attach_renditions([*context["releases"], *context["coverage"]], *CARD_RENDITIONS)
        context["calendar"] = (
            self.calendar
            or PressCalendarPage.objects.filter(path=self.path[: -self.steplen]).first()
        )
        return context

    def _linked(
        self, model: type[Page], link: type[Orderable], field: str, restricted: tuple[str, ...]
    ) -> list:
        """The pages editors linked (rows of ``link``), in this page's language and in their
        order; those not translated, not live (under embargo) or under a view restriction
        (``restricted`` paths) are left out. One query."""
        order = (
            link.objects.filter(
                page__translation_key=self.translation_key,
                page__locale__language_code=registry.SOURCE_LANGUAGE,
                **{f"{field}__translation_key": OuterRef("translation_key")},
            )
            .order_by("sort_order")
            .values("sort_order")[:1]
        )
        pages = model.objects.live().filter(locale_id=self.locale_id)
        for path_prefix in restricted:
            pages = pages.exclude(path__startswith=path_prefix)
        return list(
            pages.annotate(pick=Subquery(order))
            .filter(pick__isnull=False)
            .select_related("lead_image")
            .defer("body")
            .order_by("pick", "pk")
        )


class PressEventRelease(Orderable):
    """A release issued for an event (chosen on the Vietnamese page; each edition shows the
    translations it has)."""

    page = ParentalKey(PressEventPage, on_delete=models.CASCADE, related_name="release_links")
    release = models.ForeignKey(
        PressReleasePage,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("press release"),
    )

    panels = [FieldPanel("release")]


class PressEventCoverage(Orderable):
    """An article that reported on an event."""

    page = ParentalKey(PressEventPage, on_delete=models.CASCADE, related_name="coverage_links")
    article = models.ForeignKey(
        ArticlePage,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("article"),
    )

    panels = [FieldPanel("article")]
