"""E-mail to the journalist at each step, in the language they wrote the request in (never
the press officer's), through the outbox. Each e-mail carries a key, so a step that is saved
twice never mails twice."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import formats, translation
from django.utils.translation import gettext as _

from cms.accreditation.models import AccreditationRequest, RequestEvent
from cms.outbox.backend import KEY_HEADER

Status = AccreditationRequest.Status


def _status_sentence(status: str) -> str:
    sentences = {
        Status.RECEIVED: _(
            "We have received your request. The press office will look at it and write to you."
        ),
        Status.IN_REVIEW: _("The press office is now reviewing your request."),
        Status.INFORMATION_REQUESTED: _(
            "The press office needs more information before it can decide on your request."
        ),
        Status.APPROVED: _("Your request has been approved."),
        Status.REFUSED: _("We are sorry: your request could not be approved."),
    }
    return sentences[Status(status)]


def _subject(request: AccreditationRequest, event: RequestEvent) -> str:
    values = {"reference": request.reference, "site": request.channel.name}
    if event.status_to:
        values["status"] = str(Status(event.status_to).label)
        return _("%(site)s press office: your request %(reference)s — %(status)s") % values
    return _("%(site)s press office: a message about your request %(reference)s") % values


def _body(request: AccreditationRequest, event: RequestEvent) -> str:
    lines = [_("Dear %(name)s,") % {"name": request.name}, ""]
    if event.status_to:
        lines += [_status_sentence(event.status_to), ""]
    if event.message:
        lines += [event.message, ""]
    lines += [
        _("Your request: %(kind)s, received on %(date)s.")
        % {
            "kind": AccreditationRequest.Kind(request.kind).label,
            "date": formats.date_format(request.created_at, "DATE_FORMAT"),
        },
        _("Reference: %(reference)s (please quote it when you write to us).")
        % {"reference": request.reference},
        "",
        _("The press office of %(site)s") % {"site": request.channel.name},
    ]
    return "\n".join(lines)


def notify(event: RequestEvent) -> None:
    """Send the e-mail for ``event`` to the journalist, in the request's language."""
    request = event.request
    with translation.override(request.language):
        message = EmailMessage(
            subject=_subject(request, event),
            body=_body(request, event),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[request.email],
            headers={
                KEY_HEADER: f"accreditation-{request.pk}-{event.pk}",
                "Content-Language": request.language,
            },
        )
        message.send()
