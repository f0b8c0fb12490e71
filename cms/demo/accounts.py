"""Which accounts are demo accounts that can log in: active accounts the loader created
(registered in ``DemoObject``) and any account under a demo login name that still has the
published demo password."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

from cms.demo.loader import DEMO_PASSWORD, DEMO_USERS
from cms.demo.models import DemoObject


def registered_user_ids() -> set[int]:
    User = get_user_model()
    return set(
        DemoObject.objects.filter(content_type=ContentType.objects.get_for_model(User)).values_list(
            "object_id", flat=True
        )
    )


def demo_accounts() -> list:
    """Every demo account that can log in (see the module)."""
    User = get_user_model()
    registered = registered_user_ids()
    named = User.objects.filter(username__in=[demo.username for demo in DEMO_USERS])
    found = {user.pk: user for user in User.objects.filter(pk__in=registered, is_active=True)}
    for user in named:
        if user.pk not in found and user.check_password(DEMO_PASSWORD):
            found[user.pk] = user
    return sorted(found.values(), key=lambda user: user.username)
