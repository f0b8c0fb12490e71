"""Checking a press card before it is stored: the type is read from the bytes, never from the
name or the browser's word; pictures are decoded and re-encoded by Pillow, which drops every
piece of metadata (GPS position, camera, owner) and keeps only the pixels, turned upright as
the camera recorded; PDFs must start with the PDF signature and end with its end marker."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
#: Larger pictures are refused before decoding (a small file can unpack to gigabytes).
MAX_PIXELS = 40_000_000
#: Longest side kept: a press card is read, not printed on a wall.
MAX_SIDE = 2400
PICTURE_FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png")}
PDF_TYPE = "application/pdf"


@dataclass(frozen=True)
class CleanFile:
    """What is stored: new bytes, the extension and the type they were checked to be."""

    content: bytes
    extension: str
    content_type: str


def _read(upload: File) -> bytes:
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_too_large(), code="too_large")
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(_too_large(), code="too_large")
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    return data


def _too_large() -> str:
    return _("The file is larger than %(size)d MB.") % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)}


def _unsupported() -> ValidationError:
    return ValidationError(
        _("The press card must be a JPEG or PNG picture or a PDF document."), code="type"
    )


def _pdf(data: bytes) -> CleanFile:
    # The end marker must be near the end, so a truncated file is refused.
    if b"%%EOF" not in data[-2048:]:
        raise ValidationError(_("The PDF document is damaged or incomplete."), code="damaged")
    return CleanFile(data, "pdf", PDF_TYPE)


def _load_complete(image: Image.Image) -> None:
    """Decode every pixel, failing on a truncated file. (WeasyPrint, once imported, tells
    Pillow to fill truncated pictures with grey; a press card must be whole.)"""
    lenient = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        image.load()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient


def _picture(data: bytes) -> CleanFile:
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            if kind not in PICTURE_FORMATS:
                raise _unsupported()
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(_("The picture is too large."), code="too_many_pixels")
            _load_complete(probe)
            picture = ImageOps.exif_transpose(probe)
    except (UnidentifiedImageError, Image.DecompressionBombError):
        raise _unsupported() from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(_("The picture is damaged or incomplete."), code="damaged") from None
    picture.thumbnail((MAX_SIDE, MAX_SIDE))
    # A fresh image holds the pixels only: no EXIF, XMP, ICC comments or text chunks.
    mode = "RGB" if kind == "JPEG" or picture.mode not in ("RGBA", "LA", "L", "P") else picture.mode
    clean = Image.new(mode, picture.size)
    clean.paste(picture.convert(mode))
    out = io.BytesIO()
    if kind == "JPEG":
        clean.save(out, "JPEG", quality=88, optimize=True)
    else:
        clean.save(out, "PNG", optimize=True)
    extension, content_type = PICTURE_FORMATS[kind]
    return CleanFile(out.getvalue(), extension, content_type)


def clean_press_card(upload: File) -> CleanFile:
    """The file to store for ``upload``, or a ``ValidationError`` with a translated reason."""
    data = _read(upload)
    if data.startswith(b"%PDF-"):
        return _pdf(data)
    return _picture(data)
