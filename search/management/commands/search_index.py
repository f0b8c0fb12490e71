"""``manage.py search_index rebuild|check|sync``: rebuild the reader search index from the
database into a new index that replaces the live one when complete (with a progress bar; readers
keep searching the old index meanwhile), find and repair drift between database and index (an
index built with other analysis is rebuilt), or send the queued updates now."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from search import indexing
from search.documents import index_metadata
from search.engines import EngineUnavailable, get_engine
from search.models import PendingUpdate

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Rebuild the reader search index, check it against the database, or sync the queue."

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["rebuild", "check", "sync"])
        parser.add_argument(
            "--no-repair", action="store_true", help="check: report drift without repairing it"
        )

    def handle(self, *args, action: str, no_repair: bool = False, **options) -> None:
        self.verbosity = options["verbosity"]
        try:
            getattr(self, f"_{action}")(repair=not no_repair)
        except EngineUnavailable as error:
            raise CommandError(f"Search engine unavailable: {error}") from error

    def _progress(self, done: int, total: int) -> None:
        if self.verbosity < 1 or not total:
            return
        filled = BAR_WIDTH * done // total
        self.stdout.write(
            f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total}",
            ending="\n" if done == total else "",
        )
        self.stdout.flush()

    def _rebuild(self, **_options) -> None:
        engine = get_engine()
        queued = list(PendingUpdate.objects.values_list("page_id", "version"))
        ids = list(Page.objects.live().filter(depth__gte=3).values_list("pk", flat=True))
        indexed = 0
        syndications = indexing.Syndications()
        with engine.replacement() as new:
            for start in range(0, len(ids), indexing.BATCH):
                chunk = Page.objects.filter(pk__in=ids[start : start + indexing.BATCH]).specific()
                built = (indexing.document_for(page, syndications) for page in chunk)
                documents = [document for document in built if document is not None]
                new.index(documents, wait=False)
                indexed += len(documents)
                self._progress(min(start + indexing.BATCH, len(ids)), len(ids))
        for page_id, version in queued:  # updates queued meanwhile stay queued
            PendingUpdate.objects.filter(page_id=page_id, version=version).delete()
        if self.verbosity:
            self.stdout.write(f"Indexed {indexed} pages in {engine.name}.")
        # Updates the worker sent to the old index during the build are missing from the new one.
        drift = self._drift(engine)[0]
        if drift:
            PendingUpdate.request(int(page_id) for page_id in drift)
            done = indexing.apply_pending()
            self.stdout.write(f"Caught up: {done} pages changed during the rebuild.")

    def _drift(self, engine) -> tuple[set[str], str]:
        """Ids of pages whose document is missing, stale or orphaned, and a summary."""
        indexed = engine.fingerprints()
        expected = {}
        syndications = indexing.Syndications()
        for page in Page.objects.live().filter(depth__gte=3).specific().iterator():
            if indexing.is_indexable(page):
                expected[str(page.pk)] = indexing.fingerprint(page, syndications.also_on(page))
        missing = expected.keys() - indexed.keys()
        orphans = indexed.keys() - expected.keys()
        stale = {k for k in expected.keys() & indexed.keys() if expected[k] != indexed[k]}
        summary = (
            f"{len(expected)} searchable pages, {len(indexed)} documents: "
            f"{len(missing)} missing, {len(stale)} stale, {len(orphans)} orphaned."
        )
        return missing | orphans | stale, summary

    def _check(self, repair: bool = True) -> None:
        engine = get_engine()
        engine.ensure_index()
        if engine.metadata() != index_metadata():
            message = (
                f"The index was built with {engine.metadata()}, the code analyses with "
                f"{index_metadata()}"
            )
            if not repair:
                raise CommandError(f"{message}: run `manage.py search_index rebuild`.")
            self.stdout.write(f"{message}: rebuilding it.")
            self._rebuild()
            return
        drift, summary = self._drift(engine)
        self.stdout.write(summary)
        if drift and repair:
            PendingUpdate.request(int(page_id) for page_id in drift)
            done = indexing.apply_pending()
            self.stdout.write(f"Repaired: {done} updates sent.")
        elif drift:
            raise CommandError("The index has drifted from the database.")

    def _sync(self, **_options) -> None:
        done = indexing.apply_pending()
        self.stdout.write(f"{done} queued updates sent.")
