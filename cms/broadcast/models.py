"""Programme and episode pages of the city broadcaster.

A programmes page (one per edition home) lists the programmes and their weekly schedule; a
programme lists its episodes and offers a podcast feed; an episode plays an uploaded audio or
video file (wagtailmedia) or a stream, with its transcript and its subtitles. Pages are
translated like every page (wagtail-localize, through the translation desk): titles, summaries,
transcripts and subtitle texts are translated; the media, times and schedule follow the source.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import zoneinfo
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail_localize.fields import SynchronizedField

from cms.broadcast import webvtt
from cms.broadcast.blocks import CueStreamBlock
from cms.broadcast.podcast import podcast_response
from cms.core.models import BasePage
from cms.core.pagination import paginate
from locales import registry

#: Schedules are kept in the city's time (Viet Nam has no daylight saving time).
BROADCAST_TIMEZONE = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
EPISODES_PER_PAGE = 10
SUBTITLES_FILE = "subtitles/"
PODCAST_FEED = "feed/podcast/"


class Weekday(models.IntegerChoices):
    """Days of the week, numbered as Python's ``date.weekday()``."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class MediaKind(models.TextChoices):
    """What a stream carries."""

    AUDIO = "audio", _("Audio")
    VIDEO = "video", _("Video")


class PodcastCategory(models.TextChoices):
    """Apple Podcasts top-level categories the broadcaster's programmes fall under."""

    NEWS = "News", _("News")
    SOCIETY = "Society & Culture", _("Society & Culture")
    BUSINESS = "Business", _("Business")
    EDUCATION = "Education", _("Education")
    ARTS = "Arts", _("Arts")
    GOVERNMENT = "Government", _("Government")


class ProgrammeIndexPage(RoutablePageMixin, BasePage):
    """The broadcaster's programmes and, at ``schedule/``, their weekly schedule."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["news.HomePage"]
    subpage_types = ["broadcast.ProgrammePage"]
    max_count_per_parent = 1
    template = "broadcast/programme_index_page.html"

    class Meta:
        verbose_name = _("programmes page")
        verbose_name_plural = _("programmes pages")

    def get_cached_paths(self) -> list[str]:
        return ["/", "schedule/"]

    def programmes(self):
        return (
            ProgrammePage.objects.child_of(self)
            .live()
            .select_related("cover_image")
            .order_by("path")
        )

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = self.programmes()
        return context

    @path("")
    def index_route(self, request: HttpRequest, *args, **kwargs):
        return Page.serve(self, request, *args, **kwargs)

    @path("schedule/", name="schedule")
    def schedule(self, request: HttpRequest):
        context = self.get_context(request)
        context["week"] = week_schedule(self)
        context["timezone_name"] = _("Hanoi time (UTC+7)")
        return self.render(
            request,
            context_overrides=context,
            template="broadcast/schedule_page.html",
        )


@dataclass(frozen=True)
class ScheduleDay:
    """One day of the weekly schedule and its broadcasts, in start order."""

    weekday: Weekday
    slots: list[ProgrammeSlot]


def week_schedule(index: ProgrammeIndexPage) -> list[ScheduleDay]:
    """Every live programme's slots under ``index``, by day (one query)."""
    slots = (
        ProgrammeSlot.objects.filter(
            programme__path__startswith=index.path,
            programme__depth=index.depth + 1,
            programme__live=True,
        )
        .select_related("programme")
        .order_by("weekday", "starts_at", "programme__title")
    )
    by_day: dict[int, list[ProgrammeSlot]] = {day.value: [] for day in Weekday}
    for slot in slots:
        by_day[slot.weekday].append(slot)
    return [ScheduleDay(Weekday(day), by_day[day]) for day in Weekday.values]


class ProgrammePage(RoutablePageMixin, BasePage):
    """A radio or television programme: what it is, when it airs, its episodes and its podcast
    feed in this edition."""

    summary = models.TextField(
        _("summary"), help_text=_("Shown on the programme page and in podcast apps.")
    )
    presenters = models.CharField(_("presenters"), max_length=255, blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Square, at least 1400 × 1400 pixels, as podcast apps require."),
    )
    spoken_language = models.CharField(
        _("spoken language"),
        max_length=10,
        choices=registry.admin_languages(),
        default=registry.SOURCE_LANGUAGE,
        help_text=_("The language the programme is broadcast in."),
    )
    podcast_category = models.CharField(
        _("podcast category"),
        max_length=40,
        choices=PodcastCategory.choices,
        default=PodcastCategory.NEWS,
    )
    explicit = models.BooleanField(
        _("explicit content"), default=False, help_text=_("Marked as explicit in podcast apps.")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("presenters"),
        FieldPanel("cover_image"),
        FieldRowPanel(
            [FieldPanel("spoken_language"), FieldPanel("podcast_category"), FieldPanel("explicit")]
        ),
        InlinePanel("slots", label=_("Weekly schedule (Hanoi time)")),
    ]
    override_translatable_fields = [
        SynchronizedField("spoken_language"),
        SynchronizedField("podcast_category"),
    ]
    parent_page_types = ["broadcast.ProgrammeIndexPage"]
    subpage_types = ["broadcast.EpisodePage"]
    template = "broadcast/programme_page.html"

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def get_cached_paths(self) -> list[str]:
        return ["/", PODCAST_FEED]

    @property
    def spoken_language_name(self) -> str:
        """The programme's language, named in the reader's language."""
        return gettext(registry.get(self.spoken_language).name)

    def episodes(self):
        """Live episodes, newest first."""
        return (
            EpisodePage.objects.child_of(self)
            .live()
            .select_related("media")
            .order_by("-air_date", "-pk")
        )

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["episodes"] = paginate(request, self.episodes(), EPISODES_PER_PAGE)
        context["slots"] = list(self.slots.all())
        context["feed_url"] = self.url + PODCAST_FEED
        return context

    @path("")
    def index_route(self, request: HttpRequest, *args, **kwargs):
        return Page.serve(self, request, *args, **kwargs)

    @path(PODCAST_FEED, name="podcast")
    def podcast(self, request: HttpRequest) -> HttpResponse:
        return podcast_response(self, request)


class ProgrammeSlot(Orderable):
    """A weekly broadcast of a programme: the day, the start time in Hanoi and the length."""

    programme = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="slots")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    starts_at = models.TimeField(_("starts at"), help_text=_("Hanoi time (UTC+7)."))
    minutes = models.PositiveSmallIntegerField(_("length in minutes"), default=30)

    panels = [
        FieldRowPanel([FieldPanel("weekday"), FieldPanel("starts_at"), FieldPanel("minutes")])
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("broadcast time")
        verbose_name_plural = _("broadcast times")

    @property
    def ends_at(self) -> dt.time:
        start = dt.datetime.combine(dt.date(2000, 1, 3), self.starts_at)
        return (start + dt.timedelta(minutes=self.minutes)).time()


class EpisodeForm(WagtailAdminPageForm):
    """The episode editor, with an optional WebVTT upload that replaces the subtitles of the
    edition being edited once it is read without error."""

    subtitles_file = forms.FileField(
        label=_("Import subtitles (.vtt)"),
        required=False,
        help_text=_("A WebVTT file; its cues replace the subtitles below when you save."),
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("subtitles_file")
        if upload:
            if upload.size > webvtt.MAX_BYTES:
                self.add_error("subtitles_file", _("A subtitle file may be at most 512 KB."))
                return cleaned
            try:
                cues = webvtt.parse(upload.read())
            except webvtt.WebVTTError as error:
                self.add_error("subtitles_file", str(error))
                return cleaned
            cleaned["cues"] = cues_stream(cues)
        return cleaned


def cues_stream(cues: list[webvtt.Cue]):
    """The stream value of ``cues`` for an episode's ``cues`` field."""
    raw = [
        {
            "type": "cue",
            "value": {
                "start": webvtt.format_timestamp(cue.start),
                "end": webvtt.format_timestamp(cue.end),
                "text": cue.text,
            },
        }
        for cue in cues
    ]
    return CueStreamBlock().to_python(raw)


class EpisodePage(RoutablePageMixin, BasePage):
    """One broadcast of a programme: an uploaded audio or video file or a stream, with the
    transcript and subtitles of this edition."""

    air_date = models.DateTimeField(_("air date"))
    summary = models.TextField(_("summary"), blank=True)
    media = models.ForeignKey(
        "wagtailmedia.Media",
        verbose_name=_("audio or video file"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    stream_url = models.URLField(
        _("stream address"),
        blank=True,
        help_text=_("Instead of a file: the address of a live or on-demand stream."),
    )
    stream_kind = models.CharField(
        _("stream carries"), max_length=5, choices=MediaKind.choices, default=MediaKind.AUDIO
    )
    duration = models.PositiveIntegerField(
        _("duration in seconds"),
        null=True,
        blank=True,
        help_text=_("Taken from the file when left empty."),
    )
    transcript = RichTextField(
        _("transcript"), blank=True, features=["h2", "h3", "bold", "italic", "ol", "ul", "link"]
    )
    cues = StreamField(
        CueStreamBlock(), verbose_name=_("subtitles"), blank=True, use_json_field=True
    )

    base_form_class = EpisodeForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("air_date"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("media"),
                FieldPanel("stream_url"),
                FieldPanel("stream_kind"),
                FieldPanel("duration"),
            ],
            heading=_("Audio or video"),
        ),
        FieldPanel("transcript"),
        MultiFieldPanel([FieldPanel("subtitles_file"), FieldPanel("cues")], heading=_("Subtitles")),
    ]
    override_translatable_fields = [
        SynchronizedField("stream_url"),
        SynchronizedField("stream_kind"),
    ]
    parent_page_types = ["broadcast.ProgrammePage"]
    subpage_types: list[str] = []
    template = "broadcast/episode_page.html"

    class Meta:
        verbose_name = _("episode")
        verbose_name_plural = _("episodes")

    def clean(self) -> None:
        super().clean()
        if not self.media_id and not self.stream_url:
            raise ValidationError(
                {"media": _("Choose an audio or video file, or give a stream address.")}
            )
        if self.media_id and self.stream_url:
            raise ValidationError(
                {"stream_url": _("Give either a file or a stream address, not both.")}
            )

    def get_cached_paths(self) -> list[str]:
        return ["/", SUBTITLES_FILE]

    @property
    def kind(self) -> str:
        """audio or video."""
        return self.media.type if self.media is not None else self.stream_kind

    @property
    def kind_label(self) -> str:
        return str(MediaKind(self.kind).label)

    @property
    def source_url(self) -> str:
        return self.media.url if self.media is not None else self.stream_url

    @property
    def mime_type(self) -> str:
        url = self.media.filename if self.media is not None else self.stream_url
        guessed = mimetypes.guess_type(url)[0]
        if guessed == "audio/x-wav":  # the registered type, which every browser knows
            return "audio/wav"
        return guessed or ("video/mp4" if self.kind == MediaKind.VIDEO else "audio/mpeg")

    @property
    def seconds(self) -> int:
        """The length of the episode: as entered, else as the media file records it."""
        if self.duration:
            return self.duration
        return round(self.media.duration) if self.media is not None and self.media.duration else 0

    def subtitle_cues(self) -> list[webvtt.Cue]:
        return [
            webvtt.Cue(
                webvtt.parse_timestamp(block.value["start"]),
                webvtt.parse_timestamp(block.value["end"]),
                block.value["text"],
            )
            for block in self.cues
            if block.block_type == "cue"
        ]

    def subtitle_tracks(self, request: HttpRequest | None = None) -> list[SubtitleTrack]:
        """The live editions of this episode that have subtitles (one query), this edition's
        first and marked default."""
        editions = (
            EpisodePage.objects.filter(translation_key=self.translation_key)
            .live()
            .select_related("locale")
        )
        tracks = []
        for edition in editions:
            code = edition.locale.language_code
            if not edition.cues or code not in registry.BY_CODE:
                continue
            tracks.append(
                SubtitleTrack(
                    registry.get(code),
                    edition.get_url(request) + SUBTITLES_FILE,
                    default=edition.pk == self.pk,
                )
            )
        tracks.sort(
            key=lambda track: (not track.default, registry.CODES.index(track.language.code))
        )
        return tracks

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["tracks"] = self.subtitle_tracks(request)
        context["programme"] = self.get_parent()
        return context

    @path("")
    def index_route(self, request: HttpRequest, *args, **kwargs):
        return Page.serve(self, request, *args, **kwargs)

    @path(SUBTITLES_FILE, name="subtitles")
    def subtitles(self, request: HttpRequest) -> HttpResponse:
        body = webvtt.render(self.subtitle_cues(), self.locale.language_code)
        response = HttpResponse(body, content_type="text/vtt; charset=utf-8")
        response["Content-Language"] = self.locale.language_code
        return response


@dataclass(frozen=True)
class SubtitleTrack:
    """A ``<track>`` of an episode: the language, the WebVTT address, whether it is shown by
    default."""

    language: registry.Language
    url: str
    default: bool = False
