"""Reader views: a bulletin's archive, an issue's page and PDF in each language, subscribing
with double opt-in, one-click unsubscribing (RFC 8058) and the preference page."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from cms.bulletins import content, mail, pdf, tokens
from cms.bulletins.forms import PreferencesForm, SubscribeForm
from cms.bulletins.models import Bulletin, Issue, Subscriber
from cms.core.chrome import build_chrome
from locales import registry
from sites.models import Channel


def _bulletin(request: HttpRequest, slug: str) -> Bulletin:
    """The bulletin, when it belongs to the site asked for."""
    channel = Channel.objects.for_site(Site.find_for_request(request))
    return get_object_or_404(
        Bulletin.objects.select_related("channel__site"), slug=slug, channel=channel
    )


def _urls(name: str, *args) -> dict[str, str]:
    urls = {}
    for code in registry.CODES:
        with translation.override(code):
            urls[code] = reverse(name, args=args)
    return urls


def _render(request: HttpRequest, template: str, context: dict, view_urls: dict, status=200):
    context["chrome"] = build_chrome(request, None, view_urls)
    return TemplateResponse(request, f"bulletins/{template}", context, status=status)


def archive(request: HttpRequest, slug: str) -> HttpResponse:
    """The bulletin's issues, newest first, and the way to subscribe."""
    bulletin = _bulletin(request, slug)
    language = translation.get_language()
    issues = [
        (issue, content.issue_label(issue))
        for issue in bulletin.issues.exclude(status=Issue.Status.DRAFT).select_related("bulletin")
    ]
    context = {"bulletin": bulletin, "name": bulletin.name(language), "issues": issues}
    return _render(request, "archive.html", context, _urls("bulletin_archive", slug))


def _published_issue(request: HttpRequest, slug: str, number: int) -> Issue:
    bulletin = _bulletin(request, slug)
    issue = get_object_or_404(bulletin.issues.exclude(status=Issue.Status.DRAFT), number=number)
    issue.bulletin = bulletin
    return issue


def issue_page(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """An issue in the reader's language (both columns for a bilingual issue)."""
    issue = _published_issue(request, slug, number)
    edition = content.build(issue, content.languages_for(issue, translation.get_language()))
    context = {
        "edition": edition,
        "label": content.issue_label(issue),
        "name": edition.name(translation.get_language()),
    }
    return _render(request, "issue.html", context, _urls("bulletin_issue", slug, number))


def issue_pdf(request: HttpRequest, slug: str, number: int) -> FileResponse:
    """The issue's PDF in the reader's language."""
    issue = _published_issue(request, slug, number)
    language = translation.get_language()
    edition = content.build(issue, content.languages_for(issue, language))
    name = pdf.stored(edition)
    return FileResponse(
        default_storage.open(name),
        content_type="application/pdf",
        filename=f"{slug}-{number}-{language}.pdf",
    )


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest, slug: str) -> HttpResponse:
    """The subscription form. Whatever the address's state, the answer is the same (no one
    learns who subscribes); a new or lapsed address is sent a confirmation link."""
    bulletin = _bulletin(request, slug)
    language = translation.get_language()
    form = SubscribeForm(request.POST or None, initial={"languages": [language]})
    context = {"bulletin": bulletin, "name": bulletin.name(language), "form": form}
    if request.method == "POST" and form.is_valid():
        if not form.cleaned_data["website"]:
            _subscribe(bulletin, form)
        context["done"] = True
    return _render(request, "subscribe.html", context, _urls("bulletin_subscribe", slug))


def _subscribe(bulletin: Bulletin, form: SubscribeForm) -> None:
    with transaction.atomic():
        fields = {name: form.cleaned_data[name] for name in PreferencesForm.Meta.fields}
        subscriber, created = Subscriber.objects.select_for_update().get_or_create(
            bulletin=bulletin, email=form.cleaned_data["email"], defaults=fields
        )
        if subscriber.status == Subscriber.Status.ACTIVE:
            return
        if not created:
            for name, value in fields.items():
                setattr(subscriber, name, value)
            subscriber.status = Subscriber.Status.PENDING
            subscriber.save()
        subscriber.bulletin = bulletin
        mail.send_confirmation(subscriber, translation.get_language())


def _token_page(
    request: HttpRequest, template: str, name: str, token: str, context: dict, status: int = 200
):
    return _render(request, template, context, _urls(name, token), status=status)


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation e-mail: the address is subscribed."""
    subscriber = tokens.read(token, tokens.CONFIRM)
    if subscriber is None:
        return _token_page(request, "link_invalid.html", "bulletin_confirm", token, {}, status=404)
    if subscriber.status == Subscriber.Status.PENDING:
        subscriber.status = Subscriber.Status.ACTIVE
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["status", "confirmed_at"])
    context = {
        "subscriber": subscriber,
        "name": subscriber.bulletin.name(translation.get_language()),
        "preferences_token": tokens.make(subscriber, tokens.MANAGE),
    }
    return _token_page(request, "confirmed.html", "bulletin_confirm", token, context)


@csrf_exempt  # RFC 8058: mail clients post the one-click request without a form of ours
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks (a link scanner must not unsubscribe anyone); POST unsubscribes, from the page
    or from the mail client's one-click button."""
    subscriber = tokens.read(token, tokens.MANAGE)
    if subscriber is None:
        return _token_page(
            request, "link_invalid.html", "bulletin_unsubscribe", token, {}, status=404
        )
    if request.method == "POST" and subscriber.status != Subscriber.Status.UNSUBSCRIBED:
        subscriber.status = Subscriber.Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])
    context = {
        "subscriber": subscriber,
        "name": subscriber.bulletin.name(translation.get_language()),
        "token": token,
        "done": request.method == "POST",
    }
    return _token_page(request, "unsubscribe.html", "bulletin_unsubscribe", token, context)


@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    """The subscriber's languages, organisation and country; resubscribing after leaving."""
    subscriber = tokens.read(token, tokens.MANAGE)
    if subscriber is None:
        return _token_page(
            request, "link_invalid.html", "bulletin_preferences", token, {}, status=404
        )
    form = PreferencesForm(request.POST or None, instance=subscriber)
    saved = False
    if request.method == "POST" and form.is_valid():
        subscriber = form.save(commit=False)
        if request.POST.get("resubscribe") and subscriber.status == Subscriber.Status.UNSUBSCRIBED:
            subscriber.status = Subscriber.Status.ACTIVE
            subscriber.unsubscribed_at = None
        subscriber.save()
        saved = True
    context = {
        "subscriber": subscriber,
        "name": subscriber.bulletin.name(translation.get_language()),
        "form": form,
        "token": token,
        "saved": saved,
    }
    return _token_page(request, "preferences.html", "bulletin_preferences", token, context)
