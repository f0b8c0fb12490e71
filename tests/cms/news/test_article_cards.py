"""Article cards are rendered once and then taken from each worker's memory, and never shown
stale: a card's key names everything it shows (address, title, standfirst, date, picture and
its renditions, the variant, the reader's language and the card template)."""

import uuid
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db.models.signals import post_init
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.images.rect import Rect

from cms.core.chrome import build_chrome
from cms.demo.factories import ImageFactory
from cms.news.listings import CARD_RENDITIONS, CardRow, attach_renditions
from cms.news.models import ArticlePage, ArticleTopic, Topic
from cms.news.reads import section_cards
from cms.news.templatetags import article_cards
from tests.cms.helpers import article
from tests.serving import ROOT

pytestmark = pytest.mark.django_db
HOST = "hanoimoi.localhost:8000"
CARD_TEMPLATE = "components/article_card.html"


def cards_rendered(response) -> int:
    return sum(template.name == CARD_TEMPLATE for template in response.templates)


def fresh_title() -> str:
    return f"Hợp tác Hà Nội {uuid.uuid4().hex[:8]}"


def reader_request():
    return RequestFactory().get("/", HTTP_HOST=HOST)


def as_listed(page) -> ArticlePage:
    """``page`` read again as a listing reads it: its picture joined, its renditions loaded."""
    page = ArticlePage.objects.select_related("lead_image").get(pk=page.pk)
    attach_renditions([page], *CARD_RENDITIONS)
    return page


def card(page, **variant) -> str:
    """The card of ``page`` as a listing would render it."""
    page = as_listed(page)
    arguments = " ".join(f"{name}={name}" for name in variant)
    template = Template(f"{{% load article_cards %}}{{% article_card page {arguments} %}}")
    return template.render(Context({"page": page, "request": reader_request(), **variant}))


def as_row(page) -> CardRow:
    """``page`` read as a home reads its sections' newest: a card row, renditions loaded."""
    section = page.get_parent()
    rows = section_cards(ArticlePage, reader_request(), [section], (), per_section=50)
    found = [row for row in rows if row.pk == page.pk]
    attach_renditions(found, *CARD_RENDITIONS)
    return found[0]


def render_card(article, section) -> str:
    """The card of ``article`` on the page of ``section``, whose chrome gives addresses."""
    request = reader_request()
    chrome = build_chrome(request, section)
    template = Template("{% load article_cards %}{% article_card article %}")
    return template.render(Context({"article": article, "request": request, "chrome": chrome}))


@contextmanager
def instances_made(*models) -> Iterator[list]:
    """Collects the instances of ``models`` made while it is open."""
    made: list = []

    def making(sender, instance, **kwargs):
        made.append(instance)

    for model in models:
        post_init.connect(making, sender=model, weak=False)
    try:
        yield made
    finally:
        for model in models:
            post_init.disconnect(making, sender=model)


def fresh_card(page) -> str:
    """The card template rendered for ``page`` directly, as a worker just started would."""
    page = as_listed(page)
    url = page.get_url(reader_request())
    return render_to_string(CARD_TEMPLATE, {"article": page, "url": url, "heading": "h3"})


def test_a_listing_renders_each_card_once_then_takes_it_from_memory(
    client, section, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the renditions, made on publishing
        for _ in range(2):
            article(section, title=fresh_title())
    first = client.get(section.url, HTTP_HOST=HOST)
    assert cards_rendered(first) >= 2
    again = client.get(section.url, HTTP_HOST=HOST)
    assert cards_rendered(again) == 0
    assert again.content == first.content


def test_an_edited_article_shows_on_its_card_at_once(
    client, section, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = article(section, title=fresh_title())
    for _ in range(2):
        assert page.title in client.get(section.url, HTTP_HOST=HOST).content.decode()
    page.title, page.standfirst = fresh_title(), "Một đoạn mở đầu đã được biên tập lại."
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    response = client.get(section.url, HTTP_HOST=HOST)
    assert cards_rendered(response) == 1
    html = response.content.decode()
    assert page.title in html and "Một đoạn mở đầu đã được biên tập lại." in html


def test_a_card_is_as_a_fresh_render_after_its_picture_is_refocused_or_replaced(section):
    page = article(section, title=fresh_title())
    assert card(page) == fresh_card(page)
    image = get_image_model().objects.get(pk=page.lead_image_id)
    image.set_focal_point(Rect(30, 20, 50, 40))
    image.save()
    assert card(page) == fresh_card(page)
    # A new file, as Wagtail's image form replaces one: the renditions go with the old file.
    image.file = ImageFactory(scene="lake").file
    image.save()
    image.renditions.all().delete()
    assert card(page) == fresh_card(page)


def test_each_variant_and_language_of_a_card_is_kept_apart(section):
    page = article(section, title=fresh_title())
    listed = card(page, heading="h2", eager=True)
    lead = card(page, heading="h3", prominent=True)
    assert "<h2" in listed and "card--lead" not in listed
    assert "<h3" in lead and "card--lead" in lead
    assert card(page, heading="h2", eager=True) == listed
    with translation.override("vi"):
        in_vietnamese = card(page, heading="h3")
    with translation.override("en"):
        in_english = card(page, heading="h3")
    assert in_vietnamese != in_english


def test_a_card_kept_in_memory_makes_none_of_its_pictures_renditions(
    section, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the renditions, made on publishing
        page = article(section, title=fresh_title())
    first = card(page)  # rendered from the renditions, and kept
    listed = as_listed(page)
    with instances_made(get_image_model().get_rendition_model()) as made:
        again = render_card(listed, section)
    assert again == first
    assert made == []


def test_a_card_read_as_a_row_is_the_pages_card_and_once_kept_makes_nothing(
    section, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = article(section, title=fresh_title(), standfirst="Tin về hợp tác quốc tế.")
    first = render_card(as_row(page), section)
    assert first == fresh_card(page)
    row = as_row(page)
    image = get_image_model()
    with instances_made(ArticlePage, image, image.get_rendition_model()) as made:
        again = render_card(row, section)
    assert again == first
    assert made == []


def test_an_articles_related_cards_kept_in_memory_make_no_page_or_picture(
    client, section, django_capture_on_commit_callbacks
):
    topic = Topic.objects.create(name="Hợp tác", slug="hop-tac")
    with django_capture_on_commit_callbacks(execute=True):
        related = [article(section, title=fresh_title()) for _ in range(3)]
        page = article(section, title=fresh_title())
    for each in [*related, page]:
        ArticleTopic.objects.create(page=each, topic=topic)
    first = client.get(page.url, HTTP_HOST=HOST)
    assert all(each.title in first.content.decode() for each in related)
    image = get_image_model()
    with instances_made(ArticlePage, image) as made:
        again = client.get(page.url, HTTP_HOST=HOST)
    assert again.content == first.content
    assert [type(each) for each in made] == [ArticlePage, image]  # the article and its picture


def test_the_cards_asked_for_least_recently_make_room_for_new_ones(monkeypatch, section):
    monkeypatch.setattr(article_cards, "MAX_CARDS", 2)
    monkeypatch.setattr(article_cards, "_cards", OrderedDict())
    first, second, third = (article(section, title=fresh_title()) for _ in range(3))
    card(first), card(second), card(first), card(third)  # the second is asked for least
    kept = list(article_cards._cards.values())
    assert len(kept) == 2
    assert [first.title in html for html in kept] == [True, False]
    assert [third.title in html for html in kept] == [False, True]


def test_every_card_is_rendered_through_the_article_card_tag():
    """The card template takes its address from the tag: included on its own, its link is
    empty. Every application's templates are looked through."""
    including = [
        str(path.relative_to(ROOT))
        for app in ("cms", "search", "sites", "locales")
        for path in (ROOT / app).rglob("*.html")
        if CARD_TEMPLATE in path.read_text(encoding="utf-8")
    ]
    assert including == []


def test_a_homes_and_a_sections_cards_kept_in_memory_make_no_article_or_picture(
    client, section, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        titles = [article(section, title=fresh_title()).title for _ in range(3)]
    image = get_image_model()
    for page in (section.get_parent(), section):
        first = client.get(page.url, HTTP_HOST=HOST)
        assert all(title in first.content.decode() for title in titles)
        with instances_made(ArticlePage, image) as made:
            again = client.get(page.url, HTTP_HOST=HOST)
        assert again.content == first.content
        assert made == []
