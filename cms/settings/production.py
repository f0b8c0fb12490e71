"""Production settings: refuse to start with development defaults."""

import os

from django.core.exceptions import ImproperlyConfigured

from cms.core.logs import json_logging

from .base import *  # noqa: F403

if not SECRET_KEY or SECRET_KEY.startswith("dev-") or len(SECRET_KEY) < 50:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set to a long random value in production.")
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the production hostnames.")
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured("DATABASE_URL must point at the production database.")
# Wagtail's own e-mails (workflow, password reset) link to the admin at this address; readers'
# links and the desk's e-mails use each site's own hostname.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "")
if not WAGTAILADMIN_BASE_URL.startswith(("https://", "http://")) or "localhost" in (
    WAGTAILADMIN_BASE_URL
):
    raise ImproperlyConfigured(
        "WAGTAILADMIN_BASE_URL must be the admin's public address, e.g. https://cms.example.vn."
    )

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true") == "true"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CMS_PROXY_COUNT = int(os.environ.get("CMS_PROXY_COUNT", "1"))
CSRF_COOKIE_SECURE = True
DATABASES["default"]["CONN_MAX_AGE"] = int(  # noqa: F405
    os.environ.get("DATABASE_CONN_MAX_AGE", "60")
)
CMS_SITE_SCHEME = os.environ.get("CMS_SITE_SCHEME", "https")
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
CMS_PAGE_CACHE_SECONDS = int(os.environ.get("CMS_PAGE_CACHE_SECONDS", "600"))
# Static files are collected with hashed names and compressed (whitenoise's manifest storage,
# from base): a missing manifest is a start-up error (cms.core.checks), not a 500 on every page.
LOGGING = json_logging(LOGGING)  # noqa: F405

# Wagtail's live preview shows the page in a same-origin iframe, so frames stay SAMEORIGIN
# (the default in base settings) and Django's suggestion to use DENY is silenced on purpose.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
