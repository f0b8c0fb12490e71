"""The original files of legal documents: PDF only, and not larger than ``MAX_PDF_BYTES``."""

from __future__ import annotations

import os
from typing import IO

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_PDF_BYTES = 20 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


def size_of(file: IO[bytes]) -> int:
    """The size of ``file`` in bytes (an upload knows it; a plain file is measured)."""
    size = getattr(file, "size", None)
    if size is not None:
        return int(size)
    position = file.tell()
    file.seek(0, os.SEEK_END)
    size = file.tell()
    file.seek(position)
    return size


def check_pdf(file: IO[bytes], name: str) -> None:
    """Refuse a file that is not a PDF (by its name and its first bytes) or is too large."""
    if not name.lower().endswith(".pdf"):
        raise ValidationError(
            _("%(name)s is not a PDF file: original documents are attached as PDF.")
            % {"name": os.path.basename(name)}
        )
    if size_of(file) > MAX_PDF_BYTES:
        raise ValidationError(
            _("%(name)s is larger than %(limit)s.")
            % {"name": os.path.basename(name), "limit": filesizeformat(MAX_PDF_BYTES)}
        )
    file.seek(0)
    head = file.read(len(PDF_MAGIC))
    file.seek(0)
    if head != PDF_MAGIC:
        raise ValidationError(
            _("%(name)s does not contain a PDF document.") % {"name": os.path.basename(name)}
        )
