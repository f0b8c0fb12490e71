"""Helpers for reader-page tests."""

from __future__ import annotations

from wagtail.models import Locale

from cms.demo.factories import ArticlePageFactory, ImageFactory


def article(section, *, translated_to=(), **kwargs):
    """A published article with a lead image in ``section``."""
    kwargs.setdefault("lead_image", ImageFactory(scene="river"))
    kwargs.setdefault("lead_image_alt", "Sông Hồng lúc hoàng hôn")
    return ArticlePageFactory(parent=section, translated_to=translated_to, **kwargs)


def locale(code: str) -> Locale:
    return Locale.objects.get(language_code=code)
