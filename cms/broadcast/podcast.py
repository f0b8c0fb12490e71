"""The podcast feed of a programme in one edition: RSS 2.0 with the iTunes tags that podcast
apps read (author, image, category, explicit, type; per episode the duration, a GUID that
stays the same across edits and an enclosure with its length and type).

The GUID is built from the episode's translation key and the edition's language, both fixed
when the page is created: editing the title, the file or the address never makes apps
download an episode twice.
"""

from __future__ import annotations

from xml.sax.xmlreader import AttributesImpl

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from django.utils.xmlutils import SimplerXMLGenerator
from wagtail.models import Page

from sites.models import Channel

ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
FEED_LENGTH = 100
COVER_RENDITION = "fill-1400x1400|format-jpeg"


def episode_guid(episode: Page, language: str) -> str:
    """A GUID for ``episode`` in the edition of ``language`` that no edit changes."""
    return f"urn:uuid:{episode.translation_key}:{language}"


def itunes_duration(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"


class PodcastFeed(Rss201rev2Feed):
    """RSS 2.0 with the iTunes namespace."""

    content_type = "application/rss+xml; charset=utf-8"

    def rss_attributes(self) -> dict[str, str]:
        return {**super().rss_attributes(), "xmlns:itunes": ITUNES_NS}

    def add_root_elements(self, handler: SimplerXMLGenerator) -> None:
        super().add_root_elements(handler)
        feed = self.feed
        handler.addQuickElement("itunes:author", feed["itunes_author"])
        handler.addQuickElement("itunes:summary", feed["description"])
        handler.addQuickElement("itunes:type", "episodic")
        handler.addQuickElement("itunes:explicit", feed["itunes_explicit"])
        handler.addQuickElement("itunes:category", "", {"text": feed["itunes_category"]})
        if feed.get("itunes_image"):
            handler.addQuickElement("itunes:image", "", {"href": feed["itunes_image"]})
        handler.startElement("itunes:owner", AttributesImpl({}))
        handler.addQuickElement("itunes:name", feed["itunes_author"])
        handler.endElement("itunes:owner")

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict) -> None:
        super().add_item_elements(handler, item)
        handler.addQuickElement("itunes:duration", item["itunes_duration"])
        handler.addQuickElement("itunes:explicit", item["itunes_explicit"])
        handler.addQuickElement("itunes:episodeType", "full")
        if item.get("itunes_image"):
            handler.addQuickElement("itunes:image", "", {"href": item["itunes_image"]})


def _file_size(episode) -> int:
    """Bytes of the episode's file; 0 for a stream (RSS's value for "unknown")."""
    if not episode.media_id:
        return 0
    try:
        return episode.media.file.size
    except OSError:
        return 0


def build_feed(programme, request: HttpRequest) -> PodcastFeed:
    """The feed of ``programme``'s newest live episodes in its edition."""
    language = programme.locale.language_code
    with translation.override(language):
        channel = Channel.objects.for_page(programme)
        author = channel.name if channel else programme.get_site().site_name
    image = ""
    if programme.cover_image:
        image = request.build_absolute_uri(programme.cover_image.get_rendition(COVER_RENDITION).url)
    explicit = "true" if programme.explicit else "false"
    feed = PodcastFeed(
        title=programme.title,
        link=programme.get_full_url(request),
        description=programme.summary,
        language=language,
        feed_url=request.build_absolute_uri(),
        author_name=author,
        itunes_author=author,
        itunes_explicit=explicit,
        itunes_category=programme.podcast_category,
        itunes_image=image,
    )
    for episode in programme.episodes()[:FEED_LENGTH]:
        feed.add_item(
            title=episode.title,
            link=episode.get_full_url(request),
            description=episode.summary or episode.title,
            pubdate=episode.air_date,
            unique_id=episode_guid(episode, language),
            unique_id_is_permalink=False,
            enclosures=[
                Enclosure(
                    request.build_absolute_uri(episode.source_url),
                    str(_file_size(episode)),
                    episode.mime_type,
                )
            ],
            itunes_duration=itunes_duration(episode.seconds),
            itunes_explicit=explicit,
            itunes_image=image,
        )
    return feed


def podcast_response(programme, request: HttpRequest) -> HttpResponse:
    feed = build_feed(programme, request)
    response = HttpResponse(content_type=feed.content_type)
    feed.write(response, "utf-8")
    return response
