"""Demo press rooms (``content/press/<site>.yaml``): a press calendar in every edition, press
releases with contacts and attachments (one under embargo, scheduled to appear when it
ends) and press events linked to their releases and coverage, with their translations
recorded as wagtail-localize translations.

Times in the files count from today in Hanoi time, so the calendar always has upcoming and
past events and the embargoed release always lies ahead.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import weasyprint
import yaml
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

from cms.demo.factories import ImageFactory, body_blocks
from cms.news.models import ArticlePage, SectionPage
from cms.press.ical import EVENT_TIME_ZONE
from cms.press.models import (
    PressAttachment,
    PressCalendarPage,
    PressContact,
    PressEventCoverage,
    PressEventPage,
    PressEventRelease,
    PressReleasePage,
)
from cms.translation.prefill import aligned_stream, link_to_localize
from locales import registry
from locales.text import nfc, vietnamese_slug
from sites.models import Channel

SOURCE = registry.SOURCE_LANGUAGE


def _when(spec: dict[str, Any]) -> dt.datetime:
    """``{days: 3, time: "09:00"}``: that day from today, at that Hanoi time."""
    today = timezone.localtime(timezone.now(), EVENT_TIME_ZONE).date()
    hour, minute = (int(part) for part in spec["time"].split(":"))
    day = today + dt.timedelta(days=spec["days"])
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=EVENT_TIME_ZONE)


def _pdf(title: str, lines: list[str]) -> bytes:
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    html = f'<html lang="vi"><body><h1>{escape(title)}</h1><ul>{items}</ul></body></html>'
    return weasyprint.HTML(string=html).write_pdf()


class PressDemo:
    """Loads one site's press room through the demo loader (its registry of demo objects)."""

    def __init__(self, loader, data: dict) -> None:
        self.loader = loader
        self.data = data
        self.channel = Channel.objects.get(slug=data["site"])
        self.section = SectionPage.objects.child_of(self.channel.home_page).get(
            slug=data["section"]
        )
        self.collection = (
            Collection.get_first_root_node().get_children().filter(name=self.channel.slug).first()
            or Collection.get_first_root_node()
        )
        self.releases: dict[str, PressReleasePage] = {}

    def key(self, *parts: str) -> str:
        return ":".join(("press", self.data["site"], *parts))

    def load(self) -> None:
        calendar = self._calendar()
        for item in self.data.get("releases", []):
            self.loader.current_key = item["key"]
            self.releases[item["key"]] = self._release(item)
        for item in self.data.get("events", []):
            self.loader.current_key = item["key"]
            self._event(calendar, item)

    # Calendar ----------------------------------------------------------------------------------

    def _calendar(self) -> PressCalendarPage:
        spec = self.data["calendar"]
        key = self.key("calendar")
        existing = self.loader._existing(key)
        if existing is not None:
            return existing
        calendar = PressCalendarPage(
            title=spec["title"][SOURCE], slug=spec["slug"], intro=spec["intro"][SOURCE]
        )
        self._add(self.section, calendar, key)
        for code in spec["title"]:
            if code != SOURCE:
                translation = calendar.copy_for_translation(self.loader.locales[code])
                translation.title = spec["title"][code]
                translation.intro = spec["intro"].get(code, "")
                self._publish_translation(calendar, translation, f"{key}:{code}")
        return calendar

    # Releases ----------------------------------------------------------------------------------

    def _release(self, item: dict) -> PressReleasePage:
        key = self.key("release", item["key"])
        existing = self.loader._existing(key)
        if existing is not None:
            return existing
        source = item["translations"][SOURCE]
        image = ImageFactory.create(
            title=source["title"][:250],
            scene=item["image"]["scene"],
            seed=item["image"]["seed"],
            collection=self.collection,
        )
        self.loader._register(self.key("image", item["key"]), image)
        published = timezone.now().replace(minute=0, second=0, microsecond=0) + dt.timedelta(
            days=item["days"]
        )
        embargo = _when(item["embargo"]) if item.get("embargo") else None
        release = PressReleasePage(
            slug=vietnamese_slug(source["title"]),
            publication_date=embargo or published,
            reference=item.get("reference", ""),
            embargo_until=embargo,
            go_live_at=embargo,
            lead_image=image,
            **self._article_fields(source),
        )
        release.contacts = [
            PressContact(
                name=contact["name"],
                role=contact["role"][SOURCE],
                phone=contact["phone"],
                email=contact["email"],
                sort_order=position,
            )
            for position, contact in enumerate(
                self.data["contacts"][name] for name in item.get("contacts", [])
            )
        ]
        release.attachments = [
            PressAttachment(
                document=self._document(item["key"], spec),
                title=spec["title"][SOURCE],
                sort_order=position,
            )
            for position, spec in enumerate(item.get("attachments", []))
        ]
        self._add(self.section, release, key)
        for code, fields in item["translations"].items():
            if code != SOURCE:
                self._translate_release(release, item, code, fields, key)
        return release

    def _document(self, release_key: str, spec: dict):
        document = get_document_model()(title=spec["document"], collection=self.collection)
        document.file.save(
            spec["file"], ContentFile(_pdf(spec["document"], spec["lines"])), save=False
        )
        document.save()
        self.loader._register(self.key("document", release_key, spec["file"]), document)
        return document

    def _translate_release(
        self, release: PressReleasePage, item: dict, code: str, fields: dict, key: str
    ) -> None:
        translation = release.copy_for_translation(self.loader.locales[code])
        for name, value in self._article_fields(fields).items():
            setattr(translation, name, value)
        translation.body = aligned_stream(release.body, translation.body)
        contacts = [self.data["contacts"][name] for name in item.get("contacts", [])]
        for contact, spec in zip(translation.contacts.all(), contacts, strict=True):
            contact.role = spec["role"].get(code, spec["role"]["en"])
            contact.save()
        for attachment, spec in zip(
            translation.attachments.all(), item.get("attachments", []), strict=True
        ):
            attachment.title = spec["title"].get(code, spec["title"]["en"])
            attachment.save()
        self._publish_translation(release, translation, f"{key}:{code}")

    @staticmethod
    def _article_fields(fields: dict) -> dict:
        return {
            "title": fields["title"],
            "standfirst": fields["standfirst"],
            "body": body_blocks(fields["body"]),
            "lead_image_alt": fields.get("image_alt", ""),
            "lead_image_caption": fields.get("image_caption", ""),
            "lead_image_credit": fields.get("image_credit", ""),
        }

    # Events ------------------------------------------------------------------------------------

    def _event(self, calendar: PressCalendarPage, item: dict) -> None:
        key = self.key("event", item["key"])
        if self.loader._existing(key) is not None:
            return
        source = item["translations"][SOURCE]
        event = PressEventPage(
            slug=vietnamese_slug(source["title"]),
            kind=item["kind"],
            starts_at=_when(item["starts"]),
            ends_at=_when(item["ends"]),
            accreditation_deadline=_when(item["accreditation"]),
            languages=item["languages"],
            **self._event_fields(source),
        )
        event.release_links = [
            PressEventRelease(release=self.releases[name], sort_order=position)
            for position, name in enumerate(item.get("releases", []))
        ]
        event.coverage_links = [
            PressEventCoverage(article=self._article(name), sort_order=position)
            for position, name in enumerate(item.get("coverage", []))
        ]
        self._add(calendar, event, key)
        for code, fields in item["translations"].items():
            if code != SOURCE:
                translation = event.copy_for_translation(self.loader.locales[code])
                for name, value in self._event_fields(fields).items():
                    setattr(translation, name, value)
                translation.body = aligned_stream(event.body, translation.body)
                self._publish_translation(event, translation, f"{key}:{code}")

    def _article(self, key: str) -> ArticlePage:
        article = self.loader._existing(key)
        if not isinstance(article, ArticlePage):
            raise ValueError(f"no demo article {key}")
        return article

    @staticmethod
    def _event_fields(fields: dict) -> dict:
        return {
            "title": fields["title"],
            "summary": fields["summary"],
            "place": fields["place"],
            "address": fields.get("address", ""),
            "organiser": fields.get("organiser", ""),
            "body": body_blocks(fields.get("body", [])),
        }

    # Pages -------------------------------------------------------------------------------------

    def _add(self, parent: Page, page: Page, key: str) -> None:
        """Add and publish ``page`` (an embargoed release is scheduled instead)."""
        page.locale = parent.locale
        page.live = False
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.loader._register(key, page)

    def _publish_translation(self, source: Page, translation: Page, key: str) -> None:
        translation.save()
        translation.save_revision().publish()
        link_to_localize(source, translation)
        self.loader._register(key, translation)


def load(loader) -> None:
    """Every site's press room in the loader's ``press`` folder (none: nothing to do)."""
    for path in sorted((loader.content_dir / "press").glob("*.yaml")):
        PressDemo(loader, nfc(yaml.safe_load(path.read_text("utf-8")))).load()
