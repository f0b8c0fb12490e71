"""``EMAIL_BACKEND`` for the whole CMS: stores each message in the outbox (in the caller's
transaction) and asks the task worker to deliver it through ``OUTBOX_DELIVERY_BACKEND``."""

from __future__ import annotations

import base64
from email.utils import make_msgid

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.utils import DNS_NAME

from cms.outbox import delivery
from cms.outbox.models import OutgoingMail


def _attachments(message: EmailMessage) -> list[list[str]]:
    """``[filename, base64 content, mimetype]`` for each attachment."""
    stored = []
    for attachment in message.attachments:
        filename, content, mimetype = (
            attachment
            if isinstance(attachment, tuple)
            else (
                attachment.get_filename(),
                attachment.get_payload(),
                attachment.get_content_type(),
            )
        )
        data = content.encode() if isinstance(content, str) else content
        stored.append([filename, base64.b64encode(data).decode("ascii"), mimetype])
    return stored


# A sender's idempotency key for a message; read here and never sent.
KEY_HEADER = "X-Outbox-Key"


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            headers = {"Message-ID": make_msgid(domain=str(DNS_NAME)), **message.extra_headers}
            key = headers.pop(KEY_HEADER, None)
            if key and OutgoingMail.objects.filter(key=key).exists():
                continue
            OutgoingMail.objects.create(
                key=key,
                from_email=message.from_email,
                to=list(message.to),
                cc=list(message.cc),
                bcc=list(message.bcc),
                reply_to=list(message.reply_to),
                subject=str(message.subject),
                body=str(message.body),
                alternatives=[[str(c), m] for c, m in getattr(message, "alternatives", [])],
                attachments=_attachments(message),
                headers=headers,
            )
        if email_messages:
            delivery.request_delivery()
        return len(email_messages)
