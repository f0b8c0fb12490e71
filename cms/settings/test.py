"""Test settings: fast hashing, immediate tasks, local-memory cache, locmem e-mail."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
CMS_SITE_DOMAIN = "localhost:8000"
CMS_SITE_SCHEME = "http"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = BASE_DIR / "tests" / "artifacts" / "media"  # noqa: F405
CMS_PRIVATE_ROOT = BASE_DIR / "tests" / "artifacts" / "private"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://localhost:8000"
# Tests serve static files through the finders; there is no collected static root. The finders
# are asked at each static request rather than listed when the middleware starts: every test
# client starts it again, and listing every application's files took about 90 ms each time.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT = None
SEARCH_URL = f"sqlite:///{BASE_DIR / 'tests' / 'artifacts' / 'search.sqlite3'}"  # noqa: F405
SEARCH_INDEX = "cms-pages-test"
CMS_DEMO_LOGINS = True
# The second factor is asked for only in the tests about it (tests/cms/accounts), which turn it
# on; the others sign in administrators and approvers with force_login.
CMS_REQUIRE_MFA = False
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "cms"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
CMS_PAGE_CACHE_SECONDS = 600
CMS_HTTP_CACHE_SECONDS = 600
