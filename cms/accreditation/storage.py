"""Where press cards are kept: a directory outside ``MEDIA_ROOT`` with no public URL. The
files are read only by the permission-checked download view in the admin."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage


def private_storage() -> Storage:
    """``CMS_PRIVATE_ROOT``, files readable by the application's user only."""
    return FileSystemStorage(
        location=settings.CMS_PRIVATE_ROOT, base_url=None, file_permissions_mode=0o600
    )
