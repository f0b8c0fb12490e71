"""The press kit: a release's text, images and documents in one zip, streamed as it is built.

Only what readers may already see goes in: the live release (never under embargo), the
original files of its lead image and of the images in its body, its attachments and the
documents in its body, except documents in a collection with a view restriction (private).
"""

from __future__ import annotations

import datetime
import io
import posixpath
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import CollectionViewRestriction

CHUNK = 64 * 1024


@dataclass(frozen=True)
class KitFile:
    """One entry of the zip: its name inside the archive and where its bytes come from."""

    name: str
    field_file: object | None = None
    text: str = ""

    def chunks(self) -> Iterator[bytes]:
        if self.field_file is None:
            yield self.text.encode("utf-8")
            return
        with self.field_file.open("rb") as handle:  # type: ignore[attr-defined]
            while chunk := handle.read(CHUNK):
                yield chunk


def _body_items(page, block_type: str) -> Iterator:
    for block in page.body:
        if block.block_type == block_type:
            yield block.value
        elif block.block_type == "gallery" and block_type == "image":
            yield from block.value["images"]


def images_of(page) -> list:
    """The lead image and the body's images (galleries included), each once, in order."""
    found = [page.lead_image] if page.lead_image_id else []
    found += [item["image"] for item in _body_items(page, "image") if item["image"]]
    return list({image.pk: image for image in found}.values())


def restricted_collections() -> tuple[str, ...]:
    """Tree paths of the collections with a view restriction (one query); a document in one
    of them, or below one, is private."""
    return tuple(CollectionViewRestriction.objects.values_list("collection__path", flat=True))


def is_private(document, restricted: tuple[str, ...]) -> bool:
    return bool(restricted) and document.collection.path.startswith(restricted)


def documents_of(page) -> list:
    """The attachments and the body's documents, each once, leaving out private ones."""
    found = [link.document for link in page.attachments.select_related("document__collection")]
    found += [item["document"] for item in _body_items(page, "document") if item["document"]]
    unique = {document.pk: document for document in found}.values()
    restricted = restricted_collections()
    return [document for document in unique if not is_private(document, restricted)]


def release_text(page) -> str:
    """The release as plain text: title, reference, date, standfirst, body and contacts."""
    lines = [page.title]
    if page.reference:
        lines.append(page.reference)
    lines += ["", page.standfirst, ""]
    for block in page.body:
        if block.block_type == "paragraph":
            lines += [strip_tags(block.value.source), ""]
        elif block.block_type == "heading":
            lines += [block.value["text"], ""]
        elif block.block_type == "facts":
            lines += [block.value["title"], *(f"- {item}" for item in block.value["items"]), ""]
    contacts = list(page.contacts.all())
    if contacts:
        lines.append(_("Press contacts"))
        for contact in contacts:
            details = [contact.name, contact.role, contact.phone, contact.email]
            lines.append(" · ".join(part for part in details if part))
    return "\n".join(lines).strip() + "\n"


def _unique_name(folder: str, filename: str, taken: set[str]) -> str:
    stem, extension = posixpath.splitext(posixpath.basename(filename))
    name, number = f"{folder}/{stem}{extension}", 1
    while name in taken:
        number += 1
        name = f"{folder}/{stem}-{number}{extension}"
    taken.add(name)
    return name


def kit_files(page) -> list[KitFile]:
    """What the press kit of ``page`` holds, in archive order."""
    taken: set[str] = set()
    files = [KitFile(name=f"{slugify(page.slug) or 'release'}.txt", text=release_text(page))]
    files += [
        KitFile(name=_unique_name("images", image.file.name, taken), field_file=image.file)
        for image in images_of(page)
    ]
    files += [
        KitFile(
            name=_unique_name("documents", document.file.name, taken),
            field_file=document.file,
        )
        for document in documents_of(page)
    ]
    return files


class _Sink(io.RawIOBase):
    """A write-only stream that hands out what was written since the last call."""

    def __init__(self) -> None:
        super().__init__()
        self._chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


def stream_zip(files: Iterable[KitFile], when: datetime.datetime) -> Iterator[bytes]:
    """The zip of ``files``, dated ``when``, in chunks as it is written: the whole archive is
    never held in memory, and the first bytes leave before the last file is read. Every entry
    is deflated (entries written to a stream carry their sizes after the data, which some
    readers accept only for compressed entries)."""
    sink = _Sink()
    stamp = timezone.localtime(when).timetuple()[:6]
    with zipfile.ZipFile(sink, mode="w") as archive:
        for entry in files:
            info = zipfile.ZipInfo(entry.name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, mode="w") as member:
                for chunk in entry.chunks():
                    member.write(chunk)
                    if data := sink.take():
                        yield data
            if data := sink.take():
                yield data
    yield sink.take()
