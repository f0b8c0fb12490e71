"""Static files in production: hashed names and compressed copies (whitenoise's manifest
storage), and a clear refusal to start before ``collectstatic`` has run.

``manifest_strict`` is off: a file missing from the manifest (added after the last
``collectstatic``) is linked under its plain name instead of failing the page with a 500.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages
from whitenoise.storage import CompressedManifestStaticFilesStorage  # type: ignore[import-untyped]


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files; an unknown name falls back to itself."""

    manifest_strict = False


def require_collected_static() -> None:
    """Raise ``ImproperlyConfigured`` with the remedy when the manifest storage has no
    manifest (``collectstatic`` has not run in ``STATIC_ROOT``)."""
    storage = storages["staticfiles"]
    if not isinstance(storage, ManifestFilesMixin):
        return
    if not storage.exists(storage.manifest_name):
        raise ImproperlyConfigured(
            f"Static files are not collected in {settings.STATIC_ROOT}: run "
            "`manage.py collectstatic --no-input` (`make production` does) before starting."
        )
