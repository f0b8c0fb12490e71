"""The side doors to a translated page, by role.

- Converting a translation to an alias, stopping or restarting its sync, moving and deleting
  it: the site's approvers only (and superusers), never across sites; convert, stop and delete
  ask for confirmation and a reason, written to the page's history.
- Sending to translation through wagtail-localize's own views (submit, update/sync): the page's
  site's editors and approvers, as on the desk; "publish immediately" is not offered (a
  translation goes live only through its workflow, ``cms.translation.gate``).
- Nothing is offered that the user may not complete: wagtail-localize's editor footer loses
  Stop sync, Convert to alias and Delete; the page editor's action menu loses them too; the page
  permission tester says who may publish, move and delete a translation, which every admin
  view, bulk action and the admin API consult.

wagtail-localize's views that have no hook are replaced at the same URLs (registered before
its own in ``wagtail_hooks``), calling the original once the desk's rules allow it."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from wagtail.admin.api.actions.convert_alias import ConvertAliasPageAPIAction
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from cms.core import publishing
from cms.editorial.forms import MIN_REASON_LENGTH
from cms.translation import gate, localize_adapter, notifications
from cms.translation import permissions as perms
from cms.translation.models import JobEvent, TranslationJob
from locales import registry
from sites.models import Channel

CONVERT_ACTION = "desk.converted_to_alias"
STOP_ACTION = "desk.sync_stopped"
RESTART_ACTION = "desk.sync_restarted"
DELETE_ACTION = "desk.translation_deleted"
ALIAS_CONVERTED_ACTION = "desk.alias_converted"


def approves(user, page: Page) -> bool:
    """Whether ``user`` is an approver of ``page``'s site (or a superuser)."""
    channel = Channel.objects.for_page(page)
    return perms.approves_site(user, channel.slug if channel else None)


def may_send(user, page: Page) -> bool:
    channel = Channel.objects.for_page(page)
    return perms.can_send(user, channel.slug if channel else None)


class DeskPagePermissionTester(localize_adapter.PagePermissionTester):
    """Wagtail's page permissions, with the desk's rules for translations: nobody publishes
    one directly (its workflow's approval does); only the site's approvers move or delete one."""

    @cached_property
    def translation(self) -> Translation | None:
        return None if self.page_is_root else gate.translation_of(self.page)

    def _approver_of_leaf(self) -> bool:
        return self.user.is_active and self.page.is_leaf() and approves(self.user, self.page)

    def can_publish(self):
        return self.translation is None and super().can_publish()

    def can_delete(self, ignore_bulk=False):
        if self.translation is None:
            return super().can_delete(ignore_bulk)
        return self._approver_of_leaf()

    def can_move(self):
        if self.translation is None:
            return super().can_move()
        return self._approver_of_leaf()


publishing.register_permission_tester(DeskPagePermissionTester)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=MIN_REASON_LENGTH,
        max_length=2000,
        help_text=gettext_lazy("Recorded in the page history and shown to oversight staff."),
        error_messages={
            "required": gettext_lazy("Give the reason."),
            "min_length": gettext_lazy(
                "Explain the reason in at least %(limit_value)d characters."
            ),
        },
    )


def _confirm(request: HttpRequest, page: Page, form: ReasonForm, title: str, text: str):
    return TemplateResponse(
        request,
        "desk/confirm_side_door.html",
        {
            "page": page,
            "form": form,
            "header_title": title,
            "text": text,
            "next": localize_adapter.next_url(request),
        },
    )


def _reason(request: HttpRequest) -> tuple[ReasonForm, str | None]:
    form = ReasonForm(request.POST if "reason" in request.POST else None)
    if request.method == "POST" and form.is_valid():
        return form, form.cleaned_data["reason"]
    return form, None


def _require_approver(user, page: Page) -> None:
    if not approves(user, page):
        raise PermissionDenied


def end_jobs(page: Page, user, action: str, comment: str) -> list[TranslationJob]:
    """Cancel the open jobs whose target is ``page``, with an event saying why, and tell their
    translators and the language's reviewers."""
    ended = []
    for job in (
        TranslationJob.objects.open()
        .filter(
            translation__source__object_id=page.translation_key, target_locale_id=page.locale_id
        )
        .select_related("assignee", "target_locale", "source_page")
    ):
        TranslationJob.objects.filter(pk=job.pk).update(
            status=TranslationJob.Status.CANCELLED, version=job.version + 1
        )
        job.status = TranslationJob.Status.CANCELLED
        JobEvent.objects.create(
            job=job, actor=user, action=action, status=job.status, comment=comment
        )
        notifications.notify(
            [job.assignee, job.requested_by], notifications.JOB_ENDED, job, comment
        )
        ended.append(job)
    return ended


def _record(page: Page, user, action: str, reason: str) -> None:
    log(instance=page, action=action, user=user, data={"reason": reason})


def convert_to_alias(request: HttpRequest, page_id: int) -> HttpResponse:
    """wagtail-localize's "Convert to alias page", for the site's approvers, with a reason."""
    page = get_object_or_404(Page, id=page_id, alias_of_id__isnull=True)
    _require_approver(request.user, page)
    if not gate.is_translation(page):
        raise Http404  # a source page has nothing to become an alias of
    return _with_reason(
        request,
        page,
        _("Convert to alias page"),
        _(
            "The page will show the source page's content and follow it from now on; its "
            "translation and any open translation job end."
        ),
        event="converted_to_alias",
        action=CONVERT_ACTION,
        then=lambda: localize_adapter.convert_to_alias(request, page_id),
    )


def stop_translation(request: HttpRequest, translation_id: int) -> HttpResponse:
    """wagtail-localize's "Stop Synced translation", for the site's approvers, with a reason."""
    translation = get_object_or_404(Translation, id=translation_id)
    page = translation.get_target_instance()
    if not isinstance(page, Page):
        raise PermissionDenied
    _require_approver(request.user, page)
    return _with_reason(
        request,
        page,
        _("Stop Synced translation"),
        _(
            "The page will no longer follow its source; it is edited in the page editor "
            "and still goes live only through its workflow. Any open translation job ends."
        ),
        event="sync_stopped",
        action=STOP_ACTION,
        then=lambda: localize_adapter.stop_translation(request, translation_id),
    )


def _with_reason(
    request: HttpRequest,
    page: Page,
    title: str,
    explanation: str,
    *,
    event: str,
    action: str,
    then: Callable[[], HttpResponse],
) -> HttpResponse:
    """Ask for the reason first; given one, end the page's open jobs, record the action with
    the reason, and run wagtail-localize's own view (``then``), all in one transaction."""
    form, reason = _reason(request)
    if reason is None:
        return _confirm(request, page, form, title, explanation)
    with transaction.atomic():
        ended = end_jobs(page, request.user, event, reason)
        _record(page, request.user, action, reason)
        response = then()
    if ended:
        messages.warning(request, _("Its translation job was cancelled."))
    return response


class DeskUpdateTranslationsView(localize_adapter.UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages": the page's own site's editors and approvers
    only, without "publish immediately"."""

    def dispatch(self, request, *args, **kwargs):
        source = get_object_or_404(TranslationSource, id=kwargs["translation_source_id"])
        instance = source.get_source_instance()
        if isinstance(instance, Page) and not may_send(request.user, instance):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form(self):
        form = super().get_form()
        form.fields.pop(localize_adapter.PUBLISH_TRANSLATIONS_FIELD, None)
        return form

    def form_valid(self, form):
        form.cleaned_data[localize_adapter.PUBLISH_TRANSLATIONS_FIELD] = False
        return super().form_valid(form)


class DeskSubmitPageTranslationView(localize_adapter.SubmitPageTranslationView):
    """wagtail-localize's "Translate this page": the page's own site's editors and approvers."""

    def dispatch(self, request, *args, **kwargs):
        page = get_object_or_404(Page, id=kwargs["page_id"])
        if not may_send(request.user, page.alias_of or page):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# wagtail-localize's admin URL route → the desk's view answering there
URLS = {
    localize_adapter.ROUTES["convert_to_alias"]: convert_to_alias,
    localize_adapter.ROUTES["stop_translation"]: stop_translation,
    localize_adapter.ROUTES["update_translations"]: DeskUpdateTranslationsView.as_view(),
    localize_adapter.ROUTES["submit_page_translation"]: DeskSubmitPageTranslationView.as_view(),
}

LOCALIZE_MENU_ITEMS = (localize_adapter.CONVERT_TO_ALIAS_ITEM, localize_adapter.RESTART_SYNC_ITEM)
FORCE_PUBLISH_ITEM = "action-force-publish"


def prune_action_menu(menu_items: list, request: HttpRequest, context: dict) -> None:
    """The page editor's action menu: convert, restart sync for approvers only; no force
    publication of a translation (only its workflow publishes it)."""
    page = context.get("page")
    if page is None or page.pk is None:
        return
    translation = gate.translation_of(page)
    if translation is None and page.alias_of_id is None:
        return
    approver = approves(request.user, page)
    menu_items[:] = [
        item
        for item in menu_items
        if not (item.name in LOCALIZE_MENU_ITEMS and not approver)
        and not (item.name == FORCE_PUBLISH_ITEM and translation is not None)
    ]


def guard_edit_post(request: HttpRequest, page: Page) -> None:
    """The page editor's "Start Synced translation" and "Convert to alias page" buttons post to
    the edit view; only approvers get through (restart is logged)."""
    if request.method != "POST":
        return
    if any(name in request.POST for name in LOCALIZE_MENU_ITEMS):
        _require_approver(request.user, page)
    if localize_adapter.RESTART_SYNC_ITEM in request.POST:
        _record(page, request.user, RESTART_ACTION, "")


def editor_props(user, instance, props: str) -> str:
    """wagtail-localize's segment-editor props (JSON) for ``user``: Stop sync and Convert to
    alias only for the site's approvers, Delete only when they may delete."""
    if not isinstance(instance, Page):
        return props
    return localize_adapter.restrict_editor_props(props, sync_links=approves(user, instance))


def confirm_delete(request: HttpRequest, page: Page) -> HttpResponse | None:
    """Wagtail's delete view, for a translation: a reason is required and written to the
    history of the page and its source."""
    if gate.translation_of(page) is None:
        return None
    _require_approver(request.user, page)
    form, reason = _reason(request)
    if reason is None:
        return _confirm(
            request,
            page,
            form,
            _("Delete translation"),
            _("The translated page is deleted; any open translation job ends."),
        )
    _record(page, request.user, DELETE_ACTION, reason)
    source = page.get_translations().filter(locale__language_code=registry.SOURCE_LANGUAGE).first()
    if source is not None:
        log(
            instance=source,
            action=DELETE_ACTION,
            user=request.user,
            data={"reason": reason, "language": page.locale.language_code},
        )
    return None


def guard_bulk_action(
    request: HttpRequest, action_type: str, objects, action
) -> HttpResponse | None:
    """Bulk delete and move skip the reason a translation's deletion needs: refused for
    translations (superusers aside)."""
    if action_type not in ("delete", "move") or request.user.is_superuser:
        return None
    if any(isinstance(obj, Page) and gate.is_translation(obj) for obj in objects):
        messages.error(
            request,
            _("Translations are moved or deleted one at a time, by the site's approvers."),
        )
        return redirect(localize_adapter.next_url(request) or "wagtailadmin_home")
    return None


def _edition_alias(page: Page) -> bool:
    """Whether ``page`` is an alias of a page in another language (an edition that shows its
    source): converting it puts a copy of the source live in the edition."""
    return bool(page.alias_of_id and page.alias_of.locale_id != page.locale_id)


def guard_convert_alias(request: HttpRequest, page: Page) -> HttpResponse | None:
    """Wagtail's "convert alias to ordinary page", for an edition's alias: the site's approvers
    only, with confirmation and a reason in the page's history."""
    if not _edition_alias(page):
        return None
    _require_approver(request.user, page)
    form, reason = _reason(request)
    if reason is None:
        return _confirm(
            request,
            page,
            form,
            _("Convert alias into ordinary page"),
            _(
                "The page keeps the source page's content as its own and stops following it; "
                "it is then edited in the page editor and goes live only through its workflow."
            ),
        )
    _record(page, request.user, ALIAS_CONVERTED_ACTION, reason)
    return None


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class DeskConvertAliasAPIAction(ConvertAliasPageAPIAction):
    """The admin API's "convert_alias" action under the same rule as the admin view: for an
    edition's alias, the site's approvers only, with a ``reason`` written to the history."""

    serializer = ReasonSerializer

    def execute(self, instance, data):
        if _edition_alias(instance):
            _require_approver(self.request.user, instance)
            form = ReasonForm({"reason": data.get("reason", "")})
            if not form.is_valid():
                raise ValidationError(form.errors)
            _record(
                instance, self.request.user, ALIAS_CONVERTED_ACTION, form.cleaned_data["reason"]
            )
        return super().execute(instance, data)


class DeskPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    """Wagtail's admin API for pages, with the desk's "convert_alias" action."""

    actions = {**PagesAdminAPIViewSet.actions, "convert_alias": DeskConvertAliasAPIAction}
