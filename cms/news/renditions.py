"""Renditions are made when an article is published, by the task worker, so that no reader's
request waits for an image to be resized and encoded: every width of the card, the lead image
and the body's images that the templates offer in ``srcset``, and the social-media picture."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.dispatch import receiver
from django_tasks import task
from wagtail.signals import page_published

from cms.news.listings import BLOCK_RENDITIONS, CARD_RENDITIONS, LEAD_RENDITIONS, SHARE_RENDITION
from cms.news.models import ArticlePage


def images_of(page: ArticlePage) -> list[tuple[Any, tuple[str, ...]]]:
    """Each image ``page`` shows readers with the renditions it is shown in."""
    found: list[tuple[Any, tuple[str, ...]]] = []
    if page.lead_image is not None:
        found.append((page.lead_image, (*CARD_RENDITIONS, *LEAD_RENDITIONS, SHARE_RENDITION)))
    for block in page.body:
        if block.block_type == "image" and block.value.get("image") is not None:
            found.append((block.value["image"], BLOCK_RENDITIONS))
    return found


@task()
def prepare_renditions(page_id: int) -> int:
    """Make the missing renditions of the article's images; returns how many images."""
    page = ArticlePage.objects.filter(pk=page_id).select_related("lead_image").first()
    if page is None:
        return 0
    images = images_of(page)
    for image, specs in images:
        image.get_renditions(*specs)
    return len(images)


@receiver(page_published, sender=ArticlePage)
def article_published(sender, instance: ArticlePage, **kwargs) -> None:
    transaction.on_commit(lambda: prepare_renditions.enqueue(instance.pk))
