"""Where press cards are kept: a directory outside ``MEDIA_ROOT`` with no public URL. The
files are read only by the permission-checked download view in the admin."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import LazyObject


class PrivateStorage(LazyObject):
    """``CMS_PRIVATE_ROOT``, read when first used (tests point it elsewhere)."""

    def _setup(self) -> None:
        self._wrapped = FileSystemStorage(
            location=settings.CMS_PRIVATE_ROOT, base_url=None, file_permissions_mode=0o600
        )


private_storage = PrivateStorage()
