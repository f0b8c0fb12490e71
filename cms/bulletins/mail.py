"""The e-mails of a bulletin: an issue for one subscriber (HTML and plain text, with the
one-click unsubscribe headers of RFC 8058) and the confirmation request of a subscription."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives, send_mail
from django.core.mail.utils import DNS_NAME
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import translation

from cms.bulletins import content, tokens
from cms.bulletins.models import Issue, Subscriber


def subscriber_url(subscriber: Subscriber, name: str, purpose: str, language: str) -> str:
    site = subscriber.bulletin.channel.site
    with translation.override(language):
        path = reverse(name, args=[tokens.make(subscriber, purpose)])
    return (site.root_url if site else "") + path


class IssueMailer:
    """Renders an issue for each recipient; the edition of each language is built once."""

    def __init__(self, issue: Issue) -> None:
        self.issue = issue
        self.editions: dict[tuple[str, ...], content.Edition] = {}
        self.html = get_template("bulletins/mail/issue.html")
        self.text = get_template("bulletins/mail/issue.txt")

    def edition(self, language: str) -> content.Edition:
        languages = content.languages_for(self.issue, language)
        if languages not in self.editions:
            self.editions[languages] = content.build(self.issue, languages)
        return self.editions[languages]

    def message(self, subscriber: Subscriber) -> EmailMultiAlternatives:
        edition = self.edition(subscriber.language)
        language = edition.language
        unsubscribe = subscriber_url(subscriber, "bulletin_unsubscribe", tokens.MANAGE, language)
        context = {
            "edition": edition,
            "subscriber": subscriber,
            "label": "",
            "unsubscribe_url": unsubscribe,
            "preferences_url": subscriber_url(
                subscriber, "bulletin_preferences", tokens.MANAGE, language
            ),
        }
        with translation.override(language):
            context["label"] = content.issue_label(self.issue)
            subject = edition.subject()
            html = self.html.render(context)
            text = self.text.render(context)
        bulletin = self.issue.bulletin
        message = EmailMultiAlternatives(
            subject=subject,
            body=text,
            from_email=f'"{bulletin.name(language)}" <{bulletin.from_email}>',
            to=[subscriber.email],
            headers={
                "Message-ID": f"<bulletin-{self.issue.pk}-{subscriber.pk}@{DNS_NAME}>",
                "List-Id": f"<{bulletin.slug}.{DNS_NAME}>",
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Content-Language": ", ".join(edition.languages),
            },
        )
        message.attach_alternative(html, "text/html")
        return message


def send_confirmation(subscriber: Subscriber, language: str | None = None) -> None:
    """Ask the address to confirm the subscription (through the outbox), in ``language`` (the
    form's) or else the subscriber's."""
    language = language or subscriber.language
    bulletin = subscriber.bulletin
    with translation.override(language):
        context = {
            "subscriber": subscriber,
            "name": bulletin.name(language),
            "confirm_url": subscriber_url(subscriber, "bulletin_confirm", tokens.CONFIRM, language),
        }
        subject = translation.gettext("Confirm your subscription to %(name)s") % {
            "name": context["name"]
        }
        body = render_to_string("bulletins/mail/confirm.txt", context)
    send_mail(subject, body, bulletin.from_email, [subscriber.email])
