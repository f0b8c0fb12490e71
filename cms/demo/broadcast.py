"""Broadcast demo content and the builders the tests share: the city broadcaster's programmes
page, an English and a Chinese programme with a weekly schedule, and episodes whose audio is
a short tone made here (a WAV file, no downloads), with transcripts and subtitles in every
edition (``content/broadcast/hanoitv.yaml``)."""

from __future__ import annotations

import datetime as dt
import io
import math
import struct
import wave
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone
from wagtail.models import Collection, Locale, Page
from wagtailmedia.models import Media

from cms.broadcast.models import (
    BROADCAST_TIMEZONE,
    EpisodePage,
    ProgrammeIndexPage,
    ProgrammePage,
    ProgrammeSlot,
    cues_stream,
)
from cms.broadcast.webvtt import Cue, parse_timestamp
from cms.demo.factories import ImageFactory
from cms.translation.prefill import aligned_stream, link_to_localize
from locales.text import nfc
from sites.models import Channel

CONTENT_FILE = Path(__file__).with_name("content") / "broadcast" / "hanoitv.yaml"
SAMPLE_RATE = 8000


def tone_wav(seconds: float, frequency: float = 440.0, rate: int = SAMPLE_RATE) -> bytes:
    """A mono 8-bit WAV of a soft sine tone that fades in and out."""
    frames = int(seconds * rate)
    samples = bytearray()
    for n in range(frames):
        envelope = min(1.0, n / (rate * 0.2), (frames - n) / (rate * 0.2))
        samples.append(128 + int(40 * envelope * math.sin(2 * math.pi * frequency * n / rate)))
    out = io.BytesIO()
    with wave.open(out, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(1)
        file.setframerate(rate)
        file.writeframes(bytes(samples))
    return out.getvalue()


def add_audio(title: str, collection: Collection, seconds: float, frequency: float) -> Media:
    """An audio media item holding a generated tone."""
    media = Media(title=title, type="audio", duration=seconds, collection=collection)
    name = f"{struct.pack('>f', frequency).hex()}-{int(seconds)}s.wav"
    media.file.save(name, ContentFile(tone_wav(seconds, frequency)), save=False)
    media.save()
    return media


def _publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_index(
    home: Page, title: str, intro: str, slug: str = "chuong-trinh-phat-thanh"
) -> ProgrammeIndexPage:
    index = ProgrammeIndexPage(title=title, slug=slug, intro=intro, locale=home.locale, live=False)
    home.add_child(instance=index)
    return _publish(index)


def add_programme(
    index: ProgrammeIndexPage,
    *,
    slots: Sequence[tuple[int, str, int]] = (),
    **fields,
) -> ProgrammePage:
    """A published programme under ``index``; ``slots``: (weekday, "HH:MM", minutes)."""
    programme = ProgrammePage(locale=index.locale, live=False, **fields)
    for order, (weekday, starts_at, minutes) in enumerate(slots):
        programme.slots.add(
            ProgrammeSlot(
                weekday=weekday,
                starts_at=dt.time.fromisoformat(starts_at),
                minutes=minutes,
                sort_order=order,
            )
        )
    index.add_child(instance=programme)
    return _publish(programme)


def add_episode(
    programme: ProgrammePage,
    *,
    cues: Sequence[tuple[str, str, str]] = (),
    **fields,
) -> EpisodePage:
    """A published episode of ``programme``; ``cues``: (start, end, text)."""
    episode = EpisodePage(locale=programme.locale, live=False, **fields)
    episode.cues = cues_stream([Cue(parse_timestamp(a), parse_timestamp(b), t) for a, b, t in cues])
    programme.add_child(instance=episode)
    return _publish(episode)


def translate(page: Page, code: str, fields: dict) -> Page:
    """Publish ``page`` in the edition of ``code`` with translated ``fields``, recorded as the
    translation desk would have it (every segment translated). ``cue_texts`` replaces the
    subtitle texts in order, keeping the source's times."""
    fields = dict(fields)
    texts = fields.pop("cue_texts", None)
    translation = page.copy_for_translation(Locale.objects.get(language_code=code))
    for name, value in fields.items():
        setattr(translation, name, value)
    if texts is not None:
        source_cues = page.subtitle_cues()
        translated = cues_stream(
            [Cue(cue.start, cue.end, text) for cue, text in zip(source_cues, texts, strict=True)]
        )
        translation.cues = aligned_stream(page.cues, translated)
    translation.save()
    _publish(translation)
    link_to_localize(page, translation)
    return translation


def load(register: Callable[[str, models.Model], None], existing: Callable[[str], object]) -> None:
    """Load the broadcaster's programmes once (``register``/``existing``: the demo loader's
    registry of what it created)."""
    data = nfc(yaml.safe_load(CONTENT_FILE.read_text("utf-8")))
    channel = Channel.objects.filter(slug=data["site"]).select_related("home_page").first()
    if channel is None or channel.home_page is None or existing("broadcast:index") is not None:
        return
    home = channel.home_page
    collection = Collection.get_first_root_node().get_children().filter(name=channel.slug).first()
    collection = collection or Collection.get_first_root_node()
    index = add_index(home, **data["index"]["vi"])
    register("broadcast:index", index)
    for code, fields in data["index"].items():
        if code != "vi" and code in channel.editions:
            home_translation = home.get_translation_or_none(Locale.objects.get(language_code=code))
            if home_translation is not None:
                register(f"broadcast:index:{code}", translate(index, code, fields))
    today = timezone.localdate()
    for number, item in enumerate(data["programmes"]):
        cover = ImageFactory.create(
            scene=item["cover"], seed=number, collection=collection, title=item["vi"]["title"]
        )
        register(f"broadcast:cover:{item['slug']}", cover)
        programme = add_programme(
            index,
            slug=item["slug"],
            spoken_language=item["language"],
            podcast_category=item.get("category", "News"),
            cover_image=cover,
            slots=[tuple(slot) for slot in item["slots"]],
            **item["vi"],
        )
        register(f"broadcast:programme:{item['slug']}", programme)
        _translate_all(programme, item, channel, register, f"broadcast:programme:{item['slug']}")
        for age, episode_item in enumerate(item["episodes"]):
            media = add_audio(
                episode_item["vi"]["title"], collection, episode_item["seconds"], 330 + 55 * age
            )
            register(f"broadcast:media:{episode_item['slug']}", media)
            aired = dt.datetime.combine(
                today - dt.timedelta(days=7 * (age + 1)),
                dt.time.fromisoformat(item["slots"][0][1]),
                tzinfo=BROADCAST_TIMEZONE,
            )
            vi = dict(episode_item["vi"])
            episode = add_episode(
                programme,
                slug=episode_item["slug"],
                air_date=aired,
                media=media,
                duration=episode_item["seconds"],
                cues=[tuple(cue) for cue in episode_item["cues"]],
                title=vi["title"],
                summary=vi["summary"],
                transcript=vi["transcript"],
            )
            key = f"broadcast:episode:{episode_item['slug']}"
            register(key, episode)
            _translate_all(episode, episode_item, channel, register, key)


def _translate_all(page: Page, item: dict, channel: Channel, register, key: str) -> None:
    for code in channel.editions:
        if code != "vi" and code in item:
            fields = dict(item[code])
            if "cues" in fields:
                fields["cue_texts"] = fields.pop("cues")
            register(f"{key}:{code}", translate(page, code, fields))
