"""WSGI entry point, wrapped in the application's page cache (``cms.core.page_cache``: readers'
pages answered without entering Django when ``CMS_PAGE_CACHE_SECONDS`` is set).

Refuses to serve when a security check fails (a demo account under production settings among
them: Django runs its checks for ``manage.py`` commands only), and when the static files have
not been collected (every page would fail to find its stylesheet in the manifest). The
connection the checks opened is closed: requests are served in other threads, so it would stay
open, unused, for the worker's life, and a process forked after loading would share it.

What loading made (modules, models, URL patterns: about 340,000 objects) lives as long as the
worker, so it is moved out of the garbage collector's way (``gc.freeze``): a full collection,
which the interpreter runs every few hundred requests under load, walked all of it each time
(137 ms, every request of the worker waiting), and takes under a millisecond once it is frozen."""

import gc
import os
from importlib import import_module

from django.conf import settings
from django.core import checks
from django.core.management.base import SystemCheckError
from django.core.wsgi import get_wsgi_application
from django.db import connections

from cms.core.page_cache import PageCache
from cms.core.static import require_collected_static

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")
django_application = get_wsgi_application()
_errors = [error for error in checks.run_checks(tags=[checks.Tags.security]) if error.is_serious()]
if _errors:
    raise SystemCheckError("\n".join(str(error) for error in _errors))
require_collected_static()
connections.close_all()
application = PageCache(django_application)
import_module(settings.ROOT_URLCONF)  # the URLs and their views imported now, to be frozen too
gc.freeze()
