"""``manage.py create_admin``: the first administrator, from the environment or interactively.

``CMS_ADMIN_EMAIL`` (and optionally ``CMS_ADMIN_USERNAME``, ``CMS_ADMIN_PASSWORD``) creates that
account unless it exists; without a password the command prints a one-time link to choose one.
Without the variables, at a terminal, Django's ``createsuperuser`` asks; otherwise the command
only says that no administrator exists. Never creates an account with a known password."""

import os
import sys

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from cms.accounts.admin_account import create_admin


class Command(BaseCommand):
    help = "Create the first administrator from CMS_ADMIN_EMAIL (+ password) or interactively."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--no-input",
            dest="interactive",
            action="store_false",
            help="Never prompt; without CMS_ADMIN_EMAIL only report.",
        )

    def handle(self, *args, interactive: bool = True, **options) -> None:
        User = get_user_model()
        email = os.environ.get("CMS_ADMIN_EMAIL", "").strip()
        if email:
            if User.objects.filter(email__iexact=email).exists():
                self.stdout.write(f"Administrator {email} exists; nothing changed.")
                return
            try:
                admin = create_admin(
                    email,
                    os.environ.get("CMS_ADMIN_USERNAME", "").strip(),
                    os.environ.get("CMS_ADMIN_PASSWORD", ""),
                )
            except ValidationError as error:
                raise CommandError("CMS_ADMIN_PASSWORD: " + " ".join(error.messages)) from None
            self.stdout.write(
                self.style.SUCCESS(f"Administrator {admin.user.get_username()} created.")
            )
            if admin.setup_link:
                self.stdout.write(f"Choose its password (link works once): {admin.setup_link}")
            return
        if User.objects.filter(is_superuser=True, is_active=True).exists():
            return
        if interactive and sys.stdin.isatty():
            call_command("createsuperuser")
            return
        self.stdout.write(
            self.style.WARNING(
                "No administrator yet: set CMS_ADMIN_EMAIL (and CMS_ADMIN_PASSWORD, or use the "
                "printed link) and run manage.py create_admin, or run it at a terminal."
            )
        )
