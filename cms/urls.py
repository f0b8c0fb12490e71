"""URL configuration: admin and documents without a language prefix; every reader page under
/<language>/ (vi, en, zh-hans, lo, km)."""

import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.accounts.throttling import ThrottledPasswordResetView
from cms.accreditation.urls import reader_urls as accreditation_urls
from cms.core import errors, health, views
from cms.editorial.workflow_admin import task_chooser_urls
from cms.news import views as news_views
from search import views as search_views

urlpatterns = [
    # before Wagtail's own, which answer the same addresses without a permission check
    path("admin/workflows/", include(task_chooser_urls())),
    path(
        "admin/password_reset/",
        ThrottledPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.svg", views.favicon_svg, name="favicon_svg"),
    path("favicon.ico", views.favicon_ico, name="favicon_ico"),
    path("apple-touch-icon.png", views.icon_png, {"size": 180}, name="apple_touch_icon"),
    path("icon-<int:size>.png", views.icon_png, name="icon_png"),
    path("api/search/", search_views.search_api, name="search_api"),
    path("health/live", health.live, name="health_live"),
    path("health/ready", health.ready, name="health_ready"),
]

# Uploaded media: the proxy serves them in a full deployment (deploy/nginx.conf); a one-machine
# install without one (and development) serves them from here.
if settings.DEBUG or settings.CMS_SERVE_MEDIA:
    urlpatterns += [
        re_path(
            r"^{}(?P<path>.*)$".format(re.escape(settings.MEDIA_URL.lstrip("/"))),
            views.media,
            name="media",
        )
    ]

urlpatterns += i18n_patterns(
    path("search/", search_views.search_page, name="search"),
    path("", include("cms.bulletins.urls")),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    *accreditation_urls,
    # Wagtail's own views (private pages' sign-in), then its page address pattern served from
    # the cached edition home (cms/news/views.py) instead of Wagtail's.
    path(
        "",
        include([url for url in wagtail_urls.urlpatterns if url.name != "wagtail_serve"]),
    ),
    path("", include([re_path(r"^((?:[\w\-]+/)*)$", news_views.serve, name="wagtail_serve")])),
    prefix_default_language=True,
)

handler404 = errors.not_found
handler500 = errors.server_error
