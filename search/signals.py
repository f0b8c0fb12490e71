"""Every change readers could notice queues an index update: publish (translations included),
unpublish and expiry, move (with the subtree) and delete; an article offered to or withdrawn
from other sites (syndication), and a site's "From the districts" page going live or away."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.syndication.models import Syndication, SyndicationPage
from search.tasks import request_update


def _versions(keys) -> list[int]:
    """Every page (each edition) of the articles with these translation keys."""
    return list(Page.objects.filter(translation_key__in=keys).values_list("pk", flat=True))


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance: Page, **kwargs) -> None:
    request_update([instance.pk])
    if isinstance(instance, SyndicationPage):  # the site now shows syndicated articles, or not
        request_update(_versions(Syndication.objects.values("article__translation_key")))


@receiver(post_save, sender=Syndication)
@receiver(post_delete, sender=Syndication)
def syndication_changed(sender, instance: Syndication, **kwargs) -> None:
    # By id: when the article itself is being deleted, the mark goes first.
    request_update(_versions(Page.objects.filter(pk=instance.article_id).values("translation_key")))


@receiver(post_page_move)
def page_moved(sender, instance: Page, **kwargs) -> None:
    request_update(
        list(Page.objects.descendant_of(instance, inclusive=True).values_list("pk", flat=True))
    )


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        request_update([instance.pk])
