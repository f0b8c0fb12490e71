"""Settings for application servers that tests and benchmarks start on loopback behind the
real proxy (``tests/serving.py``): production's serving path (DEBUG off, collected static
files, cache headers, the page cache when CMS_PAGE_CACHE_SECONDS is set, purging through
Wagtail's frontend cache to CMS_PROXY_PURGE_URL) on plain HTTP with a SQLite file."""

import os

from cms.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "serving-tests-only-key"
ALLOWED_HOSTS = [".localhost", "localhost", "127.0.0.1"]
CMS_SITE_DOMAIN = os.environ["CMS_SITE_DOMAIN"]
CMS_SITE_SCHEME = "http"
WAGTAILADMIN_BASE_URL = f"http://{CMS_SITE_DOMAIN}"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Publication purges in the publishing process itself, as the admin does.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STATIC_ROOT = os.environ["STATIC_ROOT"]
SEARCH_URL = os.environ.get("SEARCH_URL", "sqlite:///:memory:")
CMS_SERVE_MEDIA = True
# Each worker thread keeps its connection, as production does.
DATABASES["default"]["CONN_MAX_AGE"] = 60  # noqa: F405
TEMPLATES[0]["APP_DIRS"] = False  # noqa: F405
TEMPLATES[0]["OPTIONS"]["loaders"] = [  # noqa: F405
    (
        "django.template.loaders.cached.Loader",
        [
            "django.template.loaders.filesystem.Loader",
            "django.template.loaders.app_directories.Loader",
        ],
    )
]
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
