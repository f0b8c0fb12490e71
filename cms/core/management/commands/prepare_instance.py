"""``manage.py prepare_instance``: what ``make setup`` does once the catalogues are compiled,
in one process (each separate command would pay Django's start-up again): migrate, provision
every site, seed the glossary and the demo content, check the search index."""

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

STEPS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("migrate", {"interactive": False, "verbosity": 0}),
    ("provision_sites", {}),
    ("seed_glossary", {}),
    ("seed_demo", {}),
    ("search_index", {"args": ("check",)}),
)


class Command(BaseCommand):
    help = "Migrate, provision sites, seed glossary and demo content, check the search index."

    def handle(self, *args, **options) -> None:
        for name, step in STEPS:
            self.stdout.write(f"· {name}")
            call_command(
                name, *step.get("args", ()), **{k: v for k, v in step.items() if k != "args"}
            )
