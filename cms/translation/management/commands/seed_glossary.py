from django.core.management.base import BaseCommand

from cms.translation.seed import seed_glossary
from sites import catalogue


class Command(BaseCommand):
    help = "Seed the glossary with the official terms and every site's names (idempotent)."

    def handle(self, *args, **options) -> None:
        count = seed_glossary(catalogue.load())
        self.stdout.write(f"Glossary: {count} terms up to date")
