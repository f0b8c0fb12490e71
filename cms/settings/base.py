"""Settings shared by every environment. No secrets here; values come from the environment."""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Any

import dj_database_url

from locales import registry

registry.register_lao()

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "modeltranslation",
    "locales",
    "sites",
    "cms.core",
    "cms.accounts",
    "cms.outbox",
    "cms.bulletins",
    "cms.news",
    "cms.legal",
    "cms.press",
    "cms.editorial",
    "cms.broadcast",
    "cms.procedures",
    "cms.translation",
    "cms.accreditation",
    "cms.syndication",
    "cms.monitoring",
    "cms.oversight",
    "cms.reports",
    "cms.demo",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtailmedia",
    "cms.core.admin_search.AdminSearchConfig",  # wagtail.search, bulk-change aware
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "cms.core.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "cms.core.http_cache.ReaderCacheMiddleware",
    "cms.core.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "locales.middleware.ReaderLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "cms.accounts.mfa.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "locales.middleware.NFCInputMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
    "cms.core.errors.ErrorPagesMiddleware",
]

ROOT_URLCONF = "cms.urls"
# Readers get the project's 404 and 500 pages also with DEBUG on (cms.core.errors);
# CMS_DEBUG_ERROR_PAGES=1 shows Django's debug pages instead, for developers.
CMS_DEBUG_ERROR_PAGES = os.environ.get("CMS_DEBUG_ERROR_PAGES", "") == "1"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES: list[dict[str, Any]] = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Connection reuse is a per-database setting: DATABASE_CONN_MAX_AGE seconds (60 in production),
# checked before reuse (CONN_HEALTH_CHECKS), so a restarted database costs no failed request.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in (cms.accounts): django-axes locks an account, and separately an address, after
# AXES_FAILURE_LIMIT failures for AXES_COOLOFF_TIME (administrators unlock earlier in the admin,
# Settings → Failed sign-ins). Addresses are read behind CMS_PROXY_COUNT trusted proxies.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no banner on every manage.py start
AXES_LOCKOUT_CALLABLE = "cms.accounts.throttling.locked_out"
AXES_CLIENT_IP_CALLABLE = "cms.accounts.throttling.client_ip"
CMS_PROXY_COUNT = int(os.environ.get("CMS_PROXY_COUNT", "0"))
# Administrators and approvers give a second factor (TOTP or a recovery code) in the admin.
CMS_REQUIRE_MFA = True
OTP_TOTP_ISSUER = "Hanoi CMS"

# Languages: one registry (locales.registry) feeds Django, Wagtail and modeltranslation.
LANGUAGE_CODE = registry.SOURCE_LANGUAGE
LANGUAGES = registry.django_languages()
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The admin in every edition language, each named in itself. Wagtail and wagtail-localize ship
# no Lao or Khmer and little Vietnamese: the project's catalogues supply the strings of the
# screens translators and editors use (locales/admin_strings.py).
WAGTAILADMIN_PERMITTED_LANGUAGES = registry.admin_languages()
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locales" / "locale"]
FORMAT_MODULE_PATH = ["locales.formats"]
MODELTRANSLATION_DEFAULT_LANGUAGE = registry.SOURCE_LANGUAGE
MODELTRANSLATION_LANGUAGES = registry.CODES
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "vi")}
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT: Path | None = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "cms" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Serve MEDIA_ROOT from the application (one machine without a proxy in front); off where the
# proxy serves it (deploy/nginx.conf) and where media live in object storage.
CMS_SERVE_MEDIA = os.environ.get("CMS_SERVE_MEDIA", "false") == "true"
# Files that must never be public (journalists' press cards): outside MEDIA_ROOT, served only
# through permission-checked views.
CMS_PRIVATE_ROOT = Path(os.environ.get("CMS_PRIVATE_ROOT", BASE_DIR / "var" / "private"))
# Days after a decision before a journalist's personal data is erased (cms.accreditation).
ACCREDITATION_RETENTION_DAYS = int(os.environ.get("ACCREDITATION_RETENTION_DAYS", "180"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "cms.core.static.StaticStorage"},
}

# REDIS_URL (CACHE_URL=redis://… is read too): Django's Redis cache, shared by every process.
# The "pages" cache holds the application's page cache (cms.core.page_cache), which must be
# shared by the web workers and the task worker that purges it: Redis, or else a directory.
REDIS_URL = os.environ.get("REDIS_URL") or (
    os.environ.get("CACHE_URL", "") if os.environ.get("CACHE_URL", "").startswith("redis") else ""
)
if REDIS_URL:
    CACHES: dict[str, dict[str, Any]] = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pages",
        },
    }
else:
    CACHES = {
        # Each worker's own: site frames and chrome fragments of every site and edition.
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "cms",
            "OPTIONS": {"MAX_ENTRIES": 5_000},
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CMS_PAGE_CACHE_DIR", str(BASE_DIR / "var" / "page-cache")),
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        },
    }

# HTTP caching (cms.core.http_cache): anonymous readers' pages are shareable for this long in
# shared caches (proxy, page cache, CDN) and purged on publication (cms.core.purging, through
# Wagtail's frontend cache: the "pages" backend and, with CMS_PROXY_PURGE_URL, the proxy).
CMS_HTTP_CACHE_SECONDS = int(os.environ.get("CMS_HTTP_CACHE_SECONDS", "600"))
# The application's own page cache (cms.core.page_cache), for installs without a proxy; 0: off.
CMS_PAGE_CACHE_SECONDS = int(os.environ.get("CMS_PAGE_CACHE_SECONDS", "0"))
CMS_PAGE_CACHE_ALIAS = "pages"
# With the page cache on, its HTML pages are also written as files under this folder for nginx
# to send without the application (cms.core.page_files; deploy/nginx/cms.conf); empty: not.
CMS_PAGE_FILES_DIR = os.environ.get("CMS_PAGE_FILES_DIR", "")
WAGTAILFRONTENDCACHE: dict[str, dict[str, Any]] = {
    "pages": {"BACKEND": "cms.core.page_cache.PageCacheBackend"}
}
if os.environ.get("CMS_PROXY_PURGE_URL"):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["CMS_PROXY_PURGE_URL"],
    }
# Purge exactly the URLs computed, not a copy of each in every language.
WAGTAILFRONTENDCACHE_LANGUAGES: list[str] = []

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Readiness (cms.core.health) fails when a task has waited this long for a worker.
CMS_HEALTH_QUEUE_STALL_SECONDS = int(os.environ.get("CMS_HEALTH_QUEUE_STALL_SECONDS", "300"))
# A task RUNNING longer than this is taken for one whose worker died: it runs again, and fails
# visibly after TASK_MAX_RUNS starts (cms.core.stalled_tasks, run by the scheduler).
TASK_STALL_MINUTES = int(os.environ.get("TASK_STALL_MINUTES", "30"))
TASK_MAX_RUNS = 3

# Every e-mail is stored in the outbox (cms.outbox) and delivered by the task worker through
# OUTBOX_DELIVERY_BACKEND (the EMAIL_BACKEND variable), retried while the server is down.
EMAIL_BACKEND = "cms.outbox.backend.OutboxBackend"
OUTBOX_DELIVERY_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "cms@localhost")
# Bulletins go out through OUTBOX_DELIVERY_BACKEND at most this many messages a second
# (0: no limit), so a relay's rate limits are respected.
BULLETIN_SEND_RATE = float(os.environ.get("BULLETIN_SEND_RATE", "20"))

# Wagtail
WAGTAIL_SITE_NAME = "Hanoi foreign-information CMS"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
# Links in the desk's notification e-mails open the admin on the job's site's host; set this
# where the admin has a host of its own (cms.translation.notifications.admin_base_url).
CMS_ADMIN_BASE_URL = os.environ.get("CMS_ADMIN_BASE_URL", "")
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "csv", "txt"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Audio and video (broadcast episodes): the upload form sniffs each file's content and holds it
# to the size limit of its kind (cms.broadcast.uploads).
WAGTAILMEDIA = {
    "MEDIA_FORM_BASE": "cms.broadcast.uploads.CheckedMediaForm",
    "AUDIO_EXTENSIONS": ["mp3", "m4a", "aac", "ogg", "oga", "opus", "wav", "flac"],
    "VIDEO_EXTENSIONS": ["mp4", "m4v", "webm", "ogv", "mov"],
}
BROADCAST_MAX_UPLOAD_BYTES = {"audio": 200 * 1024 * 1024, "video": 2 * 1024 * 1024 * 1024}
# False: with True, "Approve" in the page editor saves a revision first and so restarts the
# workflow at desk review (Wagtail #13563, found by tests/e2e). The last step, approval, always
# publishes the latest revision, which the approver has in front of them.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = False
WAGTAIL_FINISH_WORKFLOW_ACTION = "cms.translation.workflow.publish_approved"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Reader search (search/): the embedded engine by default; opensearch+http://… or
# elasticsearch+http://… for a server. Admin search stays on Wagtail's database backend.
SEARCH_URL = os.environ.get("SEARCH_URL", f"sqlite:///{BASE_DIR / 'search.sqlite3'}")
SEARCH_INDEX = os.environ.get("SEARCH_INDEX", "cms-pages")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_MODERATION_ENABLED = True

# Translation desk (cms.translation): translations are created as drafts and published only through
# the site's translation workflow; machine translation is memory first, then an optional engine.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# A deleted translated page disables its translation instead of deleting it, so the desk's job
# survives, is cancelled with an event and its people are told (cms/translation/signals.py).
WAGTAILLOCALIZE_DISABLE_ON_DELETE = True
DESK_ENGINES = []
if os.environ.get("LIBRETRANSLATE_URL"):
    DESK_ENGINES.append(
        {
            "NAME": "libretranslate",
            "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
            "OPTIONS": {
                "LIBRETRANSLATE_URL": os.environ["LIBRETRANSLATE_URL"],
                "API_KEY": os.environ.get("LIBRETRANSLATE_API_KEY", ""),
            },
        }
    )
if os.environ.get("DEEPL_AUTH_KEY"):
    DESK_ENGINES.append(
        {
            "NAME": "deepl",
            "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
            "OPTIONS": {"AUTH_KEY": os.environ["DEEPL_AUTH_KEY"]},
            "PAIRS": [p for p in os.environ.get("DEEPL_PAIRS", "vi-en,en-zh-hans").split(",") if p],
        }
    )
# Memory suggestions beside each segment: fuzzy matches from this similarity (%), this many per
# segment (exact matches first). The candidate rule in cms/translation/memory.py was measured at 75.
DESK_FUZZY_THRESHOLD = int(os.environ.get("DESK_FUZZY_THRESHOLD", "75"))
DESK_SUGGESTIONS = int(os.environ.get("DESK_SUGGESTIONS", "3"))
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
    "CLASS": "cms.translation.machine.DeskTranslator",
    "OPTIONS": {"ENGINES": DESK_ENGINES, "PIVOT": {"lo": "en", "km": "en"}},
}

# Demo content (cms.demo): loaded by `prepare_instance` only where CMS_LOAD_DEMO is on or with
# --demo; its logins (with a published password) only where CMS_DEMO_LOGINS is on. Both are off
# here and in production, on in development.
CMS_LOAD_DEMO = False
CMS_DEMO_LOGINS = False

# Sites: in development every site answers on <slug>.<CMS_SITE_DOMAIN>; in production each site
# uses the hostname from the catalogue (CMS_SITE_DOMAIN empty).
CMS_SITE_DOMAIN = os.environ.get("CMS_SITE_DOMAIN", "")
CMS_SITE_SCHEME = os.environ.get("CMS_SITE_SCHEME", "https")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Content-Security-Policy (django-csp, cms.core.headers): nothing but this origin, no inline
# script on reader pages; video embeds from YouTube and Vimeo. CMS_MEDIA_ORIGIN adds the origin
# of S3-compatible media storage. The admin adds inline scripts (Wagtail's and
# wagtail-localize's own templates need them).
_media = [o for o in [os.environ.get("CMS_MEDIA_ORIGIN", "")] if o]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *_media],
        "media-src": ["'self'", *_media],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": [
            "'self'",
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}
CMS_ADMIN_CSP_ADDITIONS = {"script-src": ["'unsafe-inline'"]}
# No Gravatar: the admin would send every user's e-mail hash to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "wagtail": {"level": os.environ.get("WAGTAIL_LOG_LEVEL", "WARNING")},
        "django_tasks": {"level": "WARNING"},
        "opensearch": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
        # PDF making (WeasyPrint) logs each step and fontTools each web font it unpacks.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
