"""``manage.py welcome``: every site's address under its English name (the Vietnamese one where
it has none), the admin address and the demo logins."""

import io

import pytest
from django.core.management import call_command

from cms.demo.loader import DEMO_USERS
from sites.models import Channel

pytestmark = pytest.mark.django_db


def welcome() -> str:
    out = io.StringIO()
    call_command("welcome", stdout=out)
    return out.getvalue()


def test_each_site_is_listed_by_its_english_name_else_its_vietnamese_one(channel, other_channel):
    other_channel.name_en = ""
    other_channel.save()
    assert channel.name_en and channel.name_en != channel.name_vi
    lines = [line.split(maxsplit=1) for line in welcome().splitlines()]
    assert [channel.site.root_url + "/", channel.name_en] in lines
    assert [other_channel.site.root_url + "/", other_channel.name_vi] in lines


def test_the_admin_address_and_every_demo_login_are_shown():
    portal = Channel.objects.get(kind=Channel.Kind.DIRECTORY)
    text = welcome()
    assert f"{portal.site.root_url}/admin/" in text
    assert all(user.username in text for user in DEMO_USERS)
