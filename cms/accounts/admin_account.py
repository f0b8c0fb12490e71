"""The first administrator of an instance, never with a password anyone else knows: either the
operator's own (from a secret in the environment, checked by the password validators) or none
at all and a one-time link to choose it."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


@dataclass(frozen=True)
class NewAdmin:
    """An administrator just created; ``setup_link`` is set when it has no password yet."""

    user: AbstractBaseUser
    setup_link: str = ""


def setup_link(user) -> str:
    """A link to choose ``user``'s password; it works once (the token covers the password) and
    expires after ``PASSWORD_RESET_TIMEOUT``."""
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def create_admin(email: str, username: str = "", password: str = "") -> NewAdmin:
    """Create a superuser for ``email``. With ``password``, it must satisfy the validators
    (``ValidationError`` otherwise); without, the account has no usable password and the
    returned ``setup_link`` lets its owner choose one."""
    User = get_user_model()
    user = User(username=username or email.split("@")[0], email=email)
    user.is_staff = user.is_superuser = True
    if password:
        password_validation.validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return NewAdmin(user, "" if password else setup_link(user))
