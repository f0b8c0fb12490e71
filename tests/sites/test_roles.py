"""Roles come from data: provisioning records what each group stands for, and every permission
question is answered from those records, whatever the groups are called. A page's channel is
found the same way from any edition."""

import pytest
from django.contrib.auth.models import Group

from sites import roles
from sites.models import Channel, RoleGroup
from tests.cms.helpers import article, locale

pytestmark = pytest.mark.django_db


def test_provisioning_records_the_role_of_every_group(channel):
    editors = RoleGroup.objects.get(role=roles.Role.EDITORS, channel=channel)
    assert editors.group.name == "hanoimoi: editors"
    lao = RoleGroup.objects.get(role=roles.Role.TRANSLATORS, language="lo")
    assert lao.channel is None
    assert RoleGroup.objects.filter(role=roles.Role.OVERSIGHT).count() == 1


def test_permissions_follow_the_recorded_role_not_the_group_name(make_user, channel):
    user = make_user("renamed", "hanoimoi: approvers")
    Group.objects.filter(name="hanoimoi: approvers").update(name="Ban biên tập duyệt bài")
    assert roles.channel_slugs(user, roles.Role.APPROVERS) == {"hanoimoi"}
    assert roles.holds(user, roles.Role.APPROVERS, channel)
    assert not roles.holds(user, roles.Role.EDITORS, channel)


def test_a_group_named_like_a_role_grants_nothing_without_its_record(make_user):
    Group.objects.create(name="kinhtedothi: editors")
    user = make_user("pretender", "kinhtedothi: editors")
    assert roles.channel_slugs(user, roles.Role.EDITORS, roles.Role.APPROVERS) == set()


def test_members_of_a_language_role(lao_translator, make_user):
    make_user("translator-en", roles.translators_group("en"))
    assert list(roles.members(roles.Role.TRANSLATORS, language="lo")) == [lao_translator]
    assert roles.languages(lao_translator, roles.Role.TRANSLATORS) == {"lo"}


def test_inactive_users_hold_no_role(lao_translator):
    lao_translator.is_active = False
    lao_translator.save(update_fields=["is_active"])
    assert roles.languages(lao_translator, roles.Role.TRANSLATORS) == set()
    assert not roles.members(roles.Role.TRANSLATORS, language="lo").exists()


def test_a_pages_channel_is_found_from_every_edition(section, channel, other_channel):
    page = article(section, slug="kenh-cua-trang", translated_to=["en", "lo"])
    for edition in (page, page.get_translation(locale("en")), page.get_translation(locale("lo"))):
        assert Channel.objects.for_page(edition) == channel
    assert Channel.objects.for_page(other_channel.home_page) == other_channel
    assert Channel.objects.for_page(page.get_parent().get_parent().get_parent()) is None


def test_a_pages_channel_costs_one_query(section, django_assert_num_queries):
    page = article(section, slug="mot-truy-van", translated_to=["km"])
    translation = page.get_translation(locale("km"))
    with django_assert_num_queries(1):
        Channel.objects.for_page(translation)


def test_provisioning_writes_the_sites_translation_policy_onto_its_channel(other_channel):
    assert other_channel.translation_within_hours == 48
    assert other_channel.translation_time_limit.total_seconds() == 48 * 3600
    languages = {code for rule in other_channel.auto_translation for code in rule["languages"]}
    assert languages == {"en", "zh-hans", "lo", "km"}
    assert other_channel.editions_together == ["en"]
