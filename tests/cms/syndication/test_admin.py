"""Offering articles for foreign information in the admin: a site's editors offer their own
site's articles (the mark goes on the Vietnamese original whichever edition is chosen) and
may withdraw them; nobody offers another site's; the foreign-affairs site's editors see
every offer."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext

from cms.news.models import ArticlePage
from cms.syndication.models import Syndication
from tests.cms.helpers import article
from tests.cms.syndication.conftest import offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def district_editor(make_user):
    return make_user("editor-badinh", "badinh: editors")


def test_district_editor_offers_an_article_by_its_translation(
    client, district_editor, district_section
):
    page = article(district_section, title="Lễ hội áo dài", slug="ao-dai", translated_to=["en"])
    english = ArticlePage.objects.get(
        translation_key=page.translation_key, locale__language_code="en"
    )
    client.force_login(district_editor)
    response = client.post(reverse("syndication:add"), {"article": english.pk})
    assert response.status_code == 302
    made = Syndication.objects.get()
    assert (made.article_id, made.channel.slug, made.marked_by) == (
        page.pk,
        "badinh",
        district_editor,
    )
    again = client.post(reverse("syndication:add"), {"article": page.pk})
    assert escape(gettext("This article is already offered.")) in again.content.decode()


def test_another_sites_editor_cannot_offer_it(client, editor, district_section):
    page = article(district_section, title="Tin Ba Đình", slug="tin-ba-dinh")
    client.force_login(editor)
    response = client.post(reverse("syndication:add"), {"article": page.pk})
    refusal = escape(gettext("You may offer only your own site's articles."))
    assert refusal in response.content.decode()
    assert not Syndication.objects.exists()


def test_offers_are_seen_and_withdrawn_by_their_site_and_the_foreign_affairs_site(
    client, make_user, editor, district_section
):
    made = offer(article(district_section, title="Đón đại sứ", slug="don-dai-su"))
    foreign_affairs = make_user("editor-songoaivu", "songoaivu: editors")
    client.force_login(editor)
    assert "Đón đại sứ" not in client.get(reverse("syndication:index")).content.decode()
    refused = client.post(reverse("syndication:delete", args=[made.pk]))
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert Syndication.objects.filter(pk=made.pk).exists()
    client.force_login(foreign_affairs)
    assert "Đón đại sứ" in client.get(reverse("syndication:index")).content.decode()
    withdrawn = client.post(reverse("syndication:delete", args=[made.pk]))
    assert (withdrawn.status_code, withdrawn["Location"]) == (302, reverse("syndication:index"))
    assert not Syndication.objects.exists()
