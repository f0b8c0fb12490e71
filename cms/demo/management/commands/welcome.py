"""``manage.py welcome``: print every site's address and one demo login per role."""

from django.core.management.base import BaseCommand
from django.utils import translation

from cms.demo.loader import DEMO_PASSWORD, DEMO_USERS
from sites.models import Channel


class Command(BaseCommand):
    help = "Print the URL of every site and the demo logins."

    def handle(self, *args, **options) -> None:
        channels = list(Channel.objects.active().select_related("site"))
        self.stdout.write(
            self.style.SUCCESS("\nSites (every edition under /vi/ /en/ /zh-hans/ /lo/ /km/):")
        )
        # the English name where there is one, else modeltranslation's fallback (Vietnamese)
        with translation.override("en"):
            for channel in channels:
                if channel.site:
                    self.stdout.write(f"  {channel.site.root_url + '/':45} {channel.name}")
        directory = next((c for c in channels if c.kind == Channel.Kind.DIRECTORY and c.site), None)
        admin_root = (
            directory.site.root_url if directory and directory.site else "http://localhost:8000"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"\nAdmin: {admin_root}/admin/   (password for every demo login: {DEMO_PASSWORD})"
            )
        )
        for user in DEMO_USERS:
            self.stdout.write(f"  {user.username:22} {user.role}")
        self.stdout.write("")
