"""``manage.py reorganise_portals PLAN``: report what a reorganisation plan would do (dry run,
the default) or apply it (``--apply``). Safe to run again; a second run finishes an interrupted
one."""

import getpass
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from sites import catalogue
from sites.reorganisation import PlanError, Reorganiser, load


class Command(BaseCommand):
    help = "Merge, split or retire portals as a reorganisation plan says (dry run unless --apply)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("plan", help="the plan file, e.g. sites/reorganisations/….yaml")
        parser.add_argument("--apply", action="store_true", help="apply the plan")
        parser.add_argument("--catalogue", default=str(catalogue.DEFAULT_PATH))
        parser.add_argument(
            "--by",
            metavar="USERNAME",
            help="the account applying the plan (recorded for oversight and on each page's "
            "history); by default the operating-system user is recorded",
        )

    def handle(self, *args, **options) -> None:
        try:
            sites = catalogue.load(options["catalogue"])
            plan = load(options["plan"], sites)
            user = None
            if options["by"]:
                user = get_user_model().objects.filter(username=options["by"]).first()
                if user is None:
                    raise CommandError(f"No account named '{options['by']}'.")
            started = time.monotonic()
            counts = Reorganiser(
                plan,
                sites,
                dry_run=not options["apply"],
                user=user,
                applied_by=getpass.getuser(),
            ).run()
        except PlanError as exc:  # before CatalogueError, which it is a kind of
            raise CommandError(_errors("The plan cannot be applied", exc.errors)) from None
        except catalogue.CatalogueError as exc:
            raise CommandError(_errors("The catalogue is invalid", exc.errors)) from None
        if options["verbosity"] >= 2:
            for line in counts.lines():
                self.stdout.write(f"  {line}")
        totals = ", ".join(f"{action}: {count}" for action, count in counts.totals().items())
        if counts.empty:
            self.stdout.write(self.style.SUCCESS(f"Plan '{plan.slug}': nothing to do."))
        elif options["apply"]:
            seconds = time.monotonic() - started
            self.stdout.write(
                self.style.SUCCESS(f"Plan '{plan.slug}' applied in {seconds:.1f} s: {totals}.")
            )
        else:
            self.stdout.write(
                f"Dry run of plan '{plan.slug}' (nothing changed): {totals}.\n"
                "Run again with --apply to apply it."
            )


def _errors(heading: str, errors: list[tuple[str, str]]) -> str:
    return f"{heading}; nothing was changed.\n" + "\n".join(
        f"  {where}: {message}" for where, message in errors
    )
