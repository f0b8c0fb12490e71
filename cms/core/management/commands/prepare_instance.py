"""``manage.py prepare_instance``: what ``make setup`` does once the catalogues are compiled,
in one process (each separate command would pay Django's start-up again): migrate, provision
every site, seed the glossary, load the demo content when asked, make sure an administrator
exists, check the search index.

Demo content loads only with ``--demo`` or where ``CMS_LOAD_DEMO`` is on (development); its
logins only where ``CMS_DEMO_LOGINS`` is on (never under production settings)."""

from argparse import BooleanOptionalAction

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Migrate, provision sites, seed the glossary (and demo content), ensure an administrator."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--demo",
            action=BooleanOptionalAction,
            default=None,
            help="Load the demo content (default: the CMS_LOAD_DEMO setting).",
        )
        parser.add_argument("--catalogue", help="Provision from this catalogue file instead.")
        parser.add_argument(
            "--no-input",
            dest="interactive",
            action="store_false",
            help="Never prompt for the first administrator.",
        )

    def handle(
        self,
        *args,
        demo: bool | None = None,
        interactive: bool = True,
        catalogue: str | None = None,
        **options,
    ) -> None:
        demo = settings.CMS_LOAD_DEMO if demo is None else demo
        steps: list[tuple[str, tuple[str, ...], dict[str, object]]] = [
            ("migrate", (), {"interactive": False, "verbosity": 0}),
            ("provision_sites", (), {"catalogue": catalogue} if catalogue else {}),
            ("seed_glossary", (), {}),
            *([("seed_demo", (), {})] if demo else []),
            ("create_admin", (), {"interactive": interactive}),
            ("search_index", ("check",), {}),
        ]
        for name, arguments, step in steps:
            self.stdout.write(f"· {name}")
            call_command(name, *arguments, **step)
