"""The audit log for oversight staff, read-only and per site: sign-ins, failed sign-ins and
lockouts, second factors added and removed, group and permission changes (``cms.accounts``),
and, on the site's pages in every edition, publications, unpublications, deletions, locks,
force publications and the desk's side doors and glossary overrides. All of it is Wagtail's
log (``PageLogEntry`` and ``ModelLogEntry``); a site's share is its pages, the users holding a
role on it and its groups."""

from __future__ import annotations

from itertools import chain

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry, Page, PageLogEntry

from cms.editorial.permissions import can_view_oversight
from sites.models import Channel

ENTRIES = 300
PAGE_ACTIONS = (
    "wagtail.publish",
    "wagtail.unpublish",
    "wagtail.delete",
    "wagtail.move",
    "wagtail.lock",
    "wagtail.unlock",
)
#: Wagtail's own entries for users and groups made or changed in the admin.
ACCOUNT_ACTIONS = ("wagtail.create", "wagtail.edit", "wagtail.delete")
#: Entries the CMS writes itself: accounts, force publication, the desk's side doors.
OWN_PREFIXES = ("accounts.", "editorial.", "desk.")


def _own_actions() -> Q:
    query = Q()
    for prefix in OWN_PREFIXES:
        query |= Q(action__startswith=prefix)
    return query


def page_entries(channel: Channel | None) -> QuerySet:
    entries = PageLogEntry.objects.filter(Q(action__in=PAGE_ACTIONS) | _own_actions())
    if channel is not None and channel.home_page is not None:
        homes = Page.objects.filter(translation_key=channel.home_page.translation_key)
        under = Q(pk__in=[])
        for path in homes.values_list("path", flat=True):
            under |= Q(page__path__startswith=path)
        entries = entries.filter(under)
    return entries.select_related("user", "page__locale")


def account_entries(channel: Channel | None) -> QuerySet:
    user_type = ContentType.objects.get_for_model(get_user_model())
    group_type = ContentType.objects.get_for_model(Group)
    entries = ModelLogEntry.objects.filter(
        Q(content_type__in=[user_type, group_type])
        & (Q(action__in=ACCOUNT_ACTIONS) | Q(action__startswith="accounts."))
    )
    if channel is not None:
        users = get_user_model().objects.filter(groups__role__channel=channel)
        groups = Group.objects.filter(role__channel=channel)
        entries = entries.filter(
            Q(
                content_type=user_type,
                object_id__in=[str(pk) for pk in users.values_list("pk", flat=True)],
            )
            | Q(
                content_type=group_type,
                object_id__in=[str(pk) for pk in groups.values_list("pk", flat=True)],
            )
        )
    return entries.select_related("user", "content_type")


def audit_log(request: HttpRequest) -> HttpResponse:
    """The newest entries, for every site or for the one chosen (``?site=<slug>``)."""
    if not can_view_oversight(request.user):
        raise PermissionDenied
    channels = list(Channel.objects.active())
    chosen = next((c for c in channels if c.slug == request.GET.get("site")), None)
    kind = request.GET.get("kind", "")
    sources = {
        "pages": [page_entries(chosen)],
        "accounts": [account_entries(chosen)],
    }.get(kind, [page_entries(chosen), account_entries(chosen)])
    entries = sorted(
        chain.from_iterable(source.order_by("-timestamp")[:ENTRIES] for source in sources),
        key=lambda entry: entry.timestamp,
        reverse=True,
    )[:ENTRIES]
    return TemplateResponse(
        request,
        "editorial/audit_log.html",
        {
            "channels": channels,
            "chosen": chosen,
            "kind": kind,
            "entries": entries,
            "limit": ENTRIES,
            "header_title": _("Audit log"),
        },
    )
