"""Every change readers could notice queues an index update: publish (translations included),
unpublish and expiry, move (with the subtree) and delete."""

from __future__ import annotations

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from search.tasks import request_update


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance: Page, **kwargs) -> None:
    request_update([instance.pk])


@receiver(post_page_move)
def page_moved(sender, instance: Page, **kwargs) -> None:
    request_update(
        list(Page.objects.descendant_of(instance, inclusive=True).values_list("pk", flat=True))
    )


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        request_update([instance.pk])
