"""The project's URLs plus media files, which a web server serves in production."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from cms.urls import handler404 as handler404  # the project's error pages
from cms.urls import handler500 as handler500
from cms.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *project_urlpatterns,
]
