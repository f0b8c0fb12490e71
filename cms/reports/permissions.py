"""Who may do what with district reports.

- A district's editors prepare and submit their own district's report, and see its history.
- The Department of Foreign Affairs receives them: its approvers (``REPORTS_REVIEWING_SITE``,
  default ``songoaivu``) accept or return them, because the department's approvers are the
  staff who already sign off what the department publishes, and the decision makes the
  department the one that compiles the districts' reports for the city.
- Oversight staff and superusers read every report and the roll-up, and change nothing
  (superusers may also decide, as everywhere).
- Everyone else is refused."""

from __future__ import annotations

from django.conf import settings

from cms.editorial.permissions import can_view_oversight
from cms.reports.models import QuarterlyReport
from sites import roles
from sites.models import Channel

DEFAULT_REVIEWING_SITE = "songoaivu"


def reviewing_site() -> str:
    return getattr(settings, "REPORTS_REVIEWING_SITE", DEFAULT_REVIEWING_SITE)


def can_review(user: roles.AnyUser) -> bool:
    """Accept or return submitted reports."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or reviewing_site() in roles.channel_slugs(user, roles.APPROVERS)


def can_read_all(user: roles.AnyUser) -> bool:
    """See every district's reports and the roll-up."""
    return user.is_authenticated and (can_review(user) or can_view_oversight(user))


def district_slugs(user: roles.AnyUser) -> set[str]:
    """The districts whose editors ``user`` is among."""
    return roles.channel_slugs(user, roles.EDITORS)


def may_enter(user: roles.AnyUser) -> bool:
    """Whether the reports' pages are for ``user`` at all."""
    if not user.is_authenticated or not user.is_active:
        return False
    if can_read_all(user):
        return True
    slugs = district_slugs(user)
    return (
        bool(slugs) and Channel.objects.filter(slug__in=slugs, kind=Channel.Kind.DISTRICT).exists()
    )


def can_view(user: roles.AnyUser, report: QuarterlyReport) -> bool:
    return can_read_all(user) or report.channel.slug in district_slugs(user)


def can_prepare(user: roles.AnyUser, report: QuarterlyReport) -> bool:
    """Edit and submit: the district's own editors, while the report is a draft or returned."""
    return report.is_editable and report.channel.slug in district_slugs(user)
