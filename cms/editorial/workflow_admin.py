"""Wagtail's workflow task chooser (used when a workflow is edited) checks no permission of its
own: any admin user could list every task and create new ones. Served here first, at the same
addresses, for workflow administrators only."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path
from wagtail.admin.views import workflows

#: Whoever may add or change a workflow or a task may choose and create tasks.
WORKFLOW_ADMIN_PERMISSIONS = (
    "wagtailcore.add_workflow",
    "wagtailcore.change_workflow",
    "wagtailcore.add_task",
    "wagtailcore.change_task",
)


def may_administer_workflows(user) -> bool:
    return user.is_active and any(user.has_perm(p) for p in WORKFLOW_ADMIN_PERMISSIONS)


def workflow_administrators_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @functools.wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not may_administer_workflows(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


def task_chooser_urls() -> list[URLPattern]:
    """The chooser's listing, results and creation form, guarded; picking a task
    (``task_chooser/<id>/``) only echoes the task's name and stays Wagtail's."""
    views = {
        "task_chooser/": workflows.TaskChooserView.as_view(),
        "task_chooser/results/": workflows.TaskChooserResultsView.as_view(),
        "task_chooser/create/": workflows.TaskChooserCreateView.as_view(),
    }
    return [path(route, workflow_administrators_only(view)) for route, view in views.items()]
