"""Bulletin sending benchmark (run on demand, not part of ``make test``)::

    .venv/bin/python -m pytest tests/benchmarks/bench_bulletin_send.py -p no:randomly -s

Sends one issue (four articles, every language) to 5,000 subscribers in five languages
through a real SMTP server on loopback (aiosmtpd, in the same process), rendering each
message for its recipient (HTML, plain text, personal unsubscribe links), unthrottled.
Figures go to docs/bulletins.md."""

from __future__ import annotations

import time

import pytest

from cms.bulletins import sending
from cms.bulletins.models import Bulletin, Issue, IssueItem, Subscriber
from cms.news.models import SectionPage
from locales import registry
from tests.cms.bulletins.conftest import TITLES, translated_article
from tests.cms.bulletins.mailserver import MailServer

SUBSCRIBERS = 5_000

pytestmark = pytest.mark.django_db


def test_send_an_issue_to_5000_subscribers(other_channel, settings):
    bulletin = Bulletin.objects.create(
        channel=other_channel,
        slug="ban-tin-doi-ngoai",
        names={"vi": "Bản tin Đối ngoại Hà Nội", "en": "Hanoi Foreign Affairs Bulletin"},
        from_email="bantin@songoaivu.example",
    )
    section = SectionPage.objects.child_of(other_channel.home_page).first()
    issue = Issue.objects.create(bulletin=bulletin, number=1)
    for position in range(4):
        titles = {code: f"{title} ({position + 1})" for code, title in TITLES.items()}
        IssueItem.objects.create(
            issue=issue, article=translated_article(section, titles), position=position
        )
    Subscriber.objects.bulk_create(
        Subscriber(
            bulletin=bulletin,
            email=f"reader{n}@example.org",
            organisation_type=Subscriber.OrganisationType.EMBASSY,
            country="FR",
            languages=[registry.CODES[n % len(registry.CODES)]],
            status=Subscriber.Status.ACTIVE,
        )
        for n in range(SUBSCRIBERS)
    )
    with MailServer() as server:
        server.configure(settings)
        started = time.perf_counter()
        sending.start(issue)  # the task runs at once under the test settings
        elapsed = time.perf_counter() - started
        received = len(server.inbox.messages)
    issue.refresh_from_db()
    assert received == SUBSCRIBERS and issue.status == Issue.Status.SENT
    print(f"\n{SUBSCRIBERS} messages in {elapsed:.1f} s: {SUBSCRIBERS / elapsed:.0f} messages/s")
