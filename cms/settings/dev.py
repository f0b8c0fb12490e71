"""Development settings: SQLite, local-memory cache, console e-mail, sites on *.localhost:8000."""

import contextlib
import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = ["localhost", ".localhost", "127.0.0.1", "[::1]"]
CMS_SITE_DOMAIN = os.environ.get("CMS_SITE_DOMAIN", "localhost:8000")
CMS_SITE_SCHEME = "http"
WAGTAILADMIN_BASE_URL = "http://localhost:8000"
OUTBOX_DELIVERY_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
CMS_LOAD_DEMO = True
CMS_DEMO_LOGINS = True
STATIC_ROOT = None
CACHES["pages"] = {  # noqa: F405
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "pages",
}

with contextlib.suppress(ImportError):
    from .local import *  # noqa: F403
