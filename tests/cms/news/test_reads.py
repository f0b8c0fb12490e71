"""The article at an address, its related articles' cards and a home's newest cards of each
section, read with SQL written once, are what the ORM gives for the same questions: the
article's instance with every field the page uses and its lead image attached; each card's
fields as the ORM reads them, and its page, when made, the ORM's instance with the lead image
attached and the columns a card does not need deferred; and they hold to the same rules (live
articles only, in the edition, none from a private section, never the article itself)."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cms.news.listings import CARD_FIELDS, CardRow
from cms.news.models import ArticlePage, ArticleTopic, SectionPage, Topic
from cms.news.reads import article_at, related_cards, section_cards
from tests.cms.helpers import article

pytestmark = pytest.mark.django_db
HOST = "hanoimoi.localhost:8000"


def reader_request(page):
    return RequestFactory().get(page.url, HTTP_HOST=HOST)


def field_values(page, names) -> dict:
    return {name: getattr(page, name) for name in names}


CARD_ATTNAMES = [
    ArticlePage._meta.get_field(name).attname for name in CARD_FIELDS if "__" not in name
]


def card_values(page) -> dict:
    own = CARD_ATTNAMES
    image = [name.split("__", 1)[1] for name in CARD_FIELDS if "__" in name]
    return {
        **field_values(page, [*own, "pk", "lead_image_id"]),
        **{f"image.{name}": getattr(page.lead_image, name) for name in image},
    }


@pytest.fixture
def home(channel):
    return channel.home_page


def test_the_article_at_an_address_is_the_orms_with_its_lead_image(home, section):
    page = article(section, slug="dia-chi", title="Bài ở địa chỉ")
    expected = ArticlePage.objects.select_related("lead_image").get(pk=page.pk)

    found = article_at(ArticlePage, home, page.url_path)
    with CaptureQueriesContext(connection) as queries:
        names = [field.attname for field in ArticlePage._meta.concrete_fields]
        assert field_values(found, names) == field_values(expected, names)
        assert found.lead_image == expected.lead_image
        assert found.lead_image.file.name == expected.lead_image.file.name

    assert len(queries) == 0
    assert type(found) is ArticlePage


def test_an_unpublished_article_or_another_homes_is_not_found(home, other_channel, section):
    page = article(section, slug="rut-lai")
    other_section = SectionPage.objects.child_of(other_channel.home_page).first()
    elsewhere = article(other_section, slug="noi-khac")
    page.unpublish()

    assert article_at(ArticlePage, home, page.url_path) is None
    assert article_at(ArticlePage, home, elsewhere.url_path) is None
    assert article_at(ArticlePage, other_channel.home_page, elsewhere.url_path) == elsewhere


def test_an_article_without_a_lead_image_comes_with_none_attached(home, section):
    page = article(section, slug="khong-anh", lead_image=None, lead_image_alt="")

    found = article_at(ArticlePage, home, page.url_path)

    with CaptureQueriesContext(connection) as queries:
        assert found.lead_image is None
    assert len(queries) == 0


@pytest.fixture
def topical(section):
    """An article and five others on its topic, one of them unpublished, one in a private
    section, one on another topic."""
    topic = Topic.objects.create(slug="ngoai-giao", name_vi="Ngoại giao")
    other = Topic.objects.create(slug="the-thao", name_vi="Thể thao")
    private = SectionPage.objects.exclude(pk=section.pk).child_of(section.get_parent()).first()
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    main = article(section, slug="chinh")
    shown = [article(section, slug=f"cung-{n}") for n in range(3)]
    withdrawn = article(section, slug="rut")
    hidden = article(private, slug="rieng")
    off_topic = article(section, slug="khac")
    for page in (main, *shown, withdrawn, hidden):
        ArticleTopic.objects.create(page=page, topic=topic)
    ArticleTopic.objects.create(page=off_topic, topic=other)
    withdrawn.unpublish()
    return main, topic, shown


def test_related_cards_are_the_orms_cards_newest_first(home, topical):
    main, topic, shown = topical
    request = reader_request(main)
    expected = list(
        ArticlePage.objects.filter(pk__in=[page.pk for page in shown])
        .for_cards(request)
        .order_by("-publication_date", "-pk")
    )

    found = related_cards(ArticlePage, request, main, home, topics=[topic], limit=6)

    assert [card.pk for card in found] == [page.pk for page in expected]
    with CaptureQueriesContext(connection) as queries:
        names = [*CARD_ATTNAMES, "lead_image_id"]
        fields = [field_values(card, names) for card in found]
        assert fields == [field_values(page, names) for page in expected]
        made = [card.page for card in found]
        assert [card_values(page) for page in made] == [card_values(page) for page in expected]
    assert len(queries) == 0
    assert made[0].get_deferred_fields() == expected[0].get_deferred_fields()
    assert "body" in made[0].get_deferred_fields()
    assert all(type(page) is ArticlePage for page in made)


def test_related_cards_stop_at_the_limit(home, topical):
    main, topic, _shown = topical

    found = related_cards(ArticlePage, reader_request(main), main, home, topics=[topic], limit=2)

    assert len(found) == 2


def test_related_cards_by_translation_key_keep_to_the_same_rules(home, topical):
    main, _topic, shown = topical
    hidden = ArticlePage.objects.get(slug="rieng")
    withdrawn = ArticlePage.objects.get(slug="rut")
    keys = [page.translation_key for page in (main, hidden, withdrawn, *shown)]

    found = related_cards(ArticlePage, reader_request(main), main, home, translation_keys=keys)

    assert {page.pk for page in found} == {page.pk for page in shown}


def test_without_a_home_the_cards_come_from_the_articles_language(topical):
    main, topic, shown = topical
    request = reader_request(main)

    found = related_cards(ArticlePage, request, main, None, topics=[topic], limit=6)

    assert {page.pk for page in found} == {page.pk for page in shown}


def test_a_homes_section_cards_are_each_sections_newest_less_those_left_out(home, section):
    other = SectionPage.objects.exclude(pk=section.pk).child_of(section.get_parent()).first()
    here = [article(section, slug=f"day-{n}") for n in range(4)]
    there = [article(other, slug=f"kia-{n}") for n in range(3)]
    request = reader_request(here[0])

    found = section_cards(ArticlePage, request, [section, other], {here[-1].pk}, per_section=2)

    newest_here = [page.pk for page in here[::-1] if page.pk != here[-1].pk][:2]
    newest_there = [page.pk for page in there[::-1]][:2]
    assert sorted(page.pk for page in found) == sorted(newest_here + newest_there)
    expected = list(
        ArticlePage.objects.filter(pk__in=[page.pk for page in found]).for_cards(request)
    )
    assert [card_values(card.page) for card in found] == [card_values(page) for page in expected]


def test_a_private_sections_articles_never_come_among_a_homes_cards(home, section):
    private = SectionPage.objects.exclude(pk=section.pk).child_of(section.get_parent()).first()
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    article(private, slug="rieng")
    shown = article(section, slug="cong-khai")
    request = reader_request(shown)

    found = section_cards(ArticlePage, request, [section, private], (), per_section=4)

    assert [page.pk for page in found] == [shown.pk]


def test_no_sections_ask_for_nothing(home):
    request = reader_request(home)

    with CaptureQueriesContext(connection) as queries:
        assert section_cards(ArticlePage, request, [], (), per_section=4) == []
    assert len(queries) == 0


def test_a_listings_card_rows_are_the_orms_cards_in_its_order(home, section):
    made = [article(section, slug=f"hang-{n}") for n in range(3)]
    request = reader_request(made[0])
    listing = ArticlePage.objects.descendant_of(section).for_cards(request)

    found = list(listing.card_rows()[:3])

    expected = list(listing[:3])
    assert all(isinstance(card, CardRow) for card in found)
    assert [card.pk for card in found] == [page.pk for page in expected]
    names = [*CARD_ATTNAMES, "lead_image_id"]
    assert [field_values(card, names) for card in found] == [
        field_values(page, names) for page in expected
    ]
    assert [card_values(card.page) for card in found] == [card_values(page) for page in expected]
    assert found[0].page.get_deferred_fields() == expected[0].get_deferred_fields()


def test_an_empty_listing_has_no_card_rows(home):
    request = reader_request(home)
    with CaptureQueriesContext(connection) as queries:
        assert list(ArticlePage.objects.filter(pk__in=[]).for_cards(request).card_rows()) == []
    assert len(queries) == 1  # the view restrictions only
