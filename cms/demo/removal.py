"""Remove exactly the demo content, whatever happened to it since it was loaded.

Demo pages go with everything that hangs on them: their force-publication records, their
wagtail-localize sources (translations, segments, desk jobs) and any page translated from them
later (a translation draft shares its source's translation key). Other demo objects (images,
authors, topics) go unless real content still protects them. Demo accounts go too, except the
only active superuser (an instance is never left without an administrator) and accounts whose
actions real records still point at (those are deactivated, their password made unusable).
Nothing that is not a demo object or derived from one is touched."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import ProtectedError
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from cms.demo.models import DemoObject
from cms.editorial.models import ForcePublication


@dataclass
class RemovalReport:
    removed: int = 0
    kept: list[str] = field(default_factory=list)
    deactivated: list[str] = field(default_factory=list)


def _delete(obj) -> bool:
    """Delete ``obj`` in a savepoint; ``False`` if other records protect it."""
    try:
        with transaction.atomic():
            obj.delete()
    except ProtectedError:
        return False
    return True


def _remove_pages(pages: list[Page], report: RemovalReport) -> None:
    keys = {page.translation_key for page in pages}
    registered = {page.pk for page in pages}
    derived = Page.objects.filter(translation_key__in=keys).exclude(pk__in=registered)
    everything = Page.objects.filter(translation_key__in=keys)
    ForcePublication.objects.filter(page__in=everything).delete()
    TranslationSource.objects.filter(object_id__in=keys).delete()
    source_locales = {
        page.translation_key: page.locale_id for page in pages if page.alias_of_id is None
    }
    # Translations before their sources (a source's deletion would not take them along).
    ordered = sorted(
        [*derived, *pages],
        key=lambda page: page.locale_id == source_locales.get(page.translation_key),
    )
    for page in ordered:
        if Page.objects.filter(pk=page.pk).exists() and _delete(page):
            report.removed += page.pk in registered


def remove_demo() -> RemovalReport:
    """Delete every registered demo object and what derives from it (see the module)."""
    User = get_user_model()
    report = RemovalReport()
    with transaction.atomic():
        entries = list(DemoObject.objects.select_related("content_type").order_by("-pk"))
        objects = []
        for entry in entries:
            model = entry.content_type.model_class()
            obj = model._default_manager.filter(pk=entry.object_id).first() if model else None
            if obj is not None:
                objects.append((entry, obj))
        pages = [obj for _entry, obj in objects if isinstance(obj, Page)]
        _remove_pages(pages, report)
        for entry, obj in objects:
            if isinstance(obj, Page):
                entry.delete()
            elif isinstance(obj, User):
                _remove_user(entry, obj, report)
            elif _delete(obj):
                report.removed += 1
                entry.delete()
            else:
                report.kept.append(entry.key)
    return report


def _remove_user(entry: DemoObject, user, report: RemovalReport) -> None:
    User = get_user_model()
    others = User.objects.filter(is_superuser=True, is_active=True).exclude(pk=user.pk)
    if user.is_superuser and user.is_active and not others.exists():
        report.kept.append(entry.key)
        return
    if _delete(user):
        report.removed += 1
        entry.delete()
        return
    user.is_active = False
    user.set_unusable_password()
    user.save(update_fields=["is_active", "password"])
    report.deactivated.append(entry.key)
