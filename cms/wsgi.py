"""WSGI entry point. Refuses to serve when a security check fails (a demo account under
production settings among them): Django runs its checks for ``manage.py`` commands only."""

import os

from django.core import checks
from django.core.management.base import SystemCheckError
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")
application = get_wsgi_application()
_errors = [error for error in checks.run_checks(tags=[checks.Tags.security]) if error.is_serious()]
if _errors:
    raise SystemCheckError("\n".join(str(error) for error in _errors))
