"""A Wagtail frontend-cache backend that writes down what it was asked to purge, so tests can
read the URLs a publication purges through the real mechanism (signals, targets, task)."""

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

purged: list[str] = []


class RecordingBackend(BaseBackend):
    def purge(self, url: str) -> None:
        purged.append(url)
