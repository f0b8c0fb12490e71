"""Settings for the server that the browser tests start: production-like (DEBUG off, the
project's own 404/500 pages, WhiteNoise serving collected and compressed static files), but on
plain HTTP on loopback, with its own SQLite file, static and media folders from the environment."""

import os

from cms.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "browser-tests-only-key"
ALLOWED_HOSTS = [".localhost", "localhost", "127.0.0.1"]
CMS_SITE_DOMAIN = os.environ["CMS_SITE_DOMAIN"]
CMS_SITE_SCHEME = "http"
WAGTAILADMIN_BASE_URL = f"http://{CMS_SITE_DOMAIN}"
ROOT_URLCONF = "tests.e2e.urls"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CMS_DEMO_LOGINS = True
# Static files as in production: collected, hashed and compressed, served by WhiteNoise.
STATIC_ROOT = os.environ["STATIC_ROOT"]
