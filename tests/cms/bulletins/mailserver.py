"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives and refuses the
addresses it is told to (550), for the bulletin tests and the sending benchmark."""

from __future__ import annotations

import email
import email.policy
import socket
from collections import Counter

from aiosmtpd.controller import Controller


class Inbox:
    def __init__(self, refused: tuple[str, ...] = ()) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.refused = set(refused)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 Message accepted for delivery"

    def count_by_recipient(self) -> Counter:
        return Counter(str(message["To"]) for message in self.messages)


class MailServer:
    """Started on a free loopback port; ``settings`` points Django's SMTP backend at it."""

    def __init__(self, refused: tuple[str, ...] = ()) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.inbox = Inbox(refused)
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> MailServer:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()

    def configure(self, settings) -> None:
        settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = self.port
        settings.BULLETIN_SEND_RATE = 0
