"""The public request form (``/<language>/accreditation/``) on every site, and its
confirmation page. Never cached (the form carries a CSRF token); a robot that fills the
honeypot is shown the confirmation and nothing is stored; too many submissions from one
address or for one e-mail address are answered 429 with the form as it was typed."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.models import Site

from cms.accreditation import throttling, workflow
from cms.accreditation.forms import RequestForm
from cms.core.chrome import build_chrome
from locales import registry
from sites.models import Channel


def _channel(request: HttpRequest) -> Channel:
    channel = Channel.objects.for_site(Site.find_for_request(request))
    if channel is None:
        raise Http404
    return channel


def _urls(name: str) -> dict[str, str]:
    urls = {}
    for code in registry.CODES:
        with override(code):
            urls[code] = reverse(name)
    return urls


def _render(
    request: HttpRequest, template: str, name: str, context: dict, status: int = 200
) -> HttpResponse:
    context = {
        **context,
        "chrome": build_chrome(request, None, _urls(name)),
        "retention_days": settings.ACCREDITATION_RETENTION_DAYS,
    }
    return TemplateResponse(request, template, context, status=status)


@never_cache
def request_form(request: HttpRequest) -> HttpResponse:
    channel = _channel(request)
    if request.method != "POST":
        # an event page's "Apply for accreditation" link names the event, ticked in advance
        event = request.GET.get("event", "")
        initial = {"events": [int(event)]} if event.isdigit() else {}
        blank = {"form": RequestForm(channel=channel, language=get_language(), initial=initial)}
        return _render(request, "accreditation/form.html", "accreditation_form", blank)
    form = RequestForm(request.POST, request.FILES, channel=channel, language=get_language())
    limited = throttling.address_over_limit(request)
    if not limited and form.is_robot():
        return HttpResponseRedirect(reverse("accreditation_sent"))
    if not limited and form.is_valid():
        limited = throttling.email_over_limit(form.cleaned_data["email"])
        if not limited:
            saved = form.save(commit=False)
            saved.channel = channel
            saved.language = get_language()
            saved.save()
            form.save_events(saved)
            workflow.received(saved)
            return HttpResponseRedirect(reverse("accreditation_sent"))
    context: dict[str, object] = {"form": form}
    if limited:
        context["limited"] = _(
            "Too many requests have been sent from here. Nothing was sent this time: please "
            "try again in an hour."
        )
    return _render(
        request, "accreditation/form.html", "accreditation_form", context, 429 if limited else 200
    )


@never_cache
def request_sent(request: HttpRequest) -> HttpResponse:
    _channel(request)
    return _render(request, "accreditation/sent.html", "accreditation_sent", {})
