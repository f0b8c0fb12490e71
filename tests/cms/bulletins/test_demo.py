"""The demo bulletin of the Department of Foreign Affairs: composed from its demo articles,
shown as sent in the public archive, with made-up subscribers; removed with the demo."""

from __future__ import annotations

import pytest
from django.test import Client

from cms.bulletins.models import Bulletin, Subscriber
from cms.demo.bulletins import DATA_FILE
from cms.demo.loader import CONTENT_DIR, DemoLoader
from cms.demo.removal import remove_demo

pytestmark = pytest.mark.django_db


def test_the_demo_bulletin_is_composed_from_demo_articles_and_removable(tmp_path):
    for name in ("topics.yaml", "songoaivu.yaml", str(DATA_FILE)):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text((CONTENT_DIR / name).read_text("utf-8"), encoding="utf-8")
    DemoLoader(tmp_path, logins=False).load()

    bulletin = Bulletin.objects.get(channel__slug="songoaivu")  # huunghi is not provisioned
    issue = bulletin.issues.get()
    assert issue.items.count() == 3  # the fourth article is the Friendship Union's
    assert bulletin.subscribers.filter(status=Subscriber.Status.ACTIVE).count() == 5
    page = Client(HTTP_HOST="songoaivu.localhost:8000").get(
        f"/vi/bulletins/{bulletin.slug}/{issue.number}/"
    )
    html = page.content.decode()
    assert page.status_code == 200 and "Bản tin Đối ngoại Hà Nội" in html
    assert 'lang="en"' in html  # bilingual: the English column

    remove_demo()
    assert not Bulletin.objects.exists()
