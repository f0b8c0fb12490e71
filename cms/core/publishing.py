"""The one point every publication of a page passes: ``BasePage.publish``.

Whatever route publishes a page (a workflow's final approval, the editor's Publish button,
a bulk action, the admin API, wagtail-localize's "publish translations", the scheduler), it ends
in ``Page.publish``, which ``BasePage`` routes through the gates registered here. Higher layers
register gates (the translation desk refuses translations that did not come through their
workflow or fail its checks) and a permission tester (what the admin offers and allows); this
module knows nothing about them.

The route is declared by whoever publishes, for the duration of the call:
``with publishing.route(publishing.APPROVAL): revision.publish(...)``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar

from django.core.exceptions import PermissionDenied

APPROVAL = "approval"
"""The final approval of the page's workflow (or the release of an approved, held revision)."""
FORCED = "forced"
"""An approver's force publication with a logged reason."""
SCHEDULED = "scheduled"
"""The scheduler publishing a revision whose go-live time has come."""
DIRECT = "direct"
"""Anything else: the editor's Publish button, bulk actions, the API, third-party views."""

_route: ContextVar[str] = ContextVar("publication_route", default=DIRECT)

Gate = Callable[..., None]
_gates: list[Gate] = []
_testers: list[type] = []


class PublicationRefused(PermissionDenied):
    """A gate refused the publication; the message says why (translated)."""


def current_route() -> str:
    return _route.get()


@contextlib.contextmanager
def route(name: str) -> Iterator[None]:
    """Publications inside the block come by ``name`` (``APPROVAL``, ``FORCED``, …)."""
    token = _route.set(name)
    try:
        yield
    finally:
        _route.reset(token)


def register_gate(gate: Gate) -> Gate:
    """``gate(page, revision, user, route)`` raises ``PublicationRefused`` to stop a
    publication. Usable as a decorator; registering twice has no effect."""
    if gate not in _gates:
        _gates.append(gate)
    return gate


def check(page, revision, user=None) -> None:
    """Run every gate for publishing ``revision`` of ``page`` by the current route."""
    if revision is not None and revision.approved_go_live_at is not None:
        name = SCHEDULED if current_route() == DIRECT else current_route()
    else:
        name = current_route()
    for gate in _gates:
        gate(page, revision, user, name)


def register_permission_tester(tester: type) -> type:
    """A ``PagePermissionTester`` subclass that ``BasePage.permissions_for_user`` returns (the
    last one registered wins), so the admin offers only what a user may complete."""
    if tester not in _testers:
        _testers.append(tester)
    return tester


def permission_tester() -> type | None:
    return _testers[-1] if _testers else None
