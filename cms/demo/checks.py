"""A system check: where demo logins are not allowed (production settings), no demo account
may exist. ``manage.py`` commands and the WSGI application (``cms/wsgi.py``) refuse to start."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.db import DatabaseError

from cms.demo.accounts import demo_accounts


@register(Tags.security)
def no_demo_accounts(app_configs=None, **kwargs) -> list[Error]:
    if settings.CMS_DEMO_LOGINS:
        return []
    try:
        accounts = demo_accounts()
    except DatabaseError:  # not migrated yet: there is no account at all
        return []
    if not accounts:
        return []
    return [
        Error(
            "Demo accounts exist: " + ", ".join(user.username for user in accounts) + ".",
            hint=(
                "Create the administrator (manage.py create_admin), then remove the demo "
                "content and logins (manage.py seed_demo --remove)."
            ),
            id="demo.E001",
        )
    ]
