"""``{% article_card article heading="h3" … %}``: an article's teaser, rendered once and then
taken from each worker's memory.

Listings, homes and related articles show the same few cards on many pages (the newest
articles of a section or a topic), and a card costs more to render than anything else on a
listing. A card's key names everything its HTML is made of: the card template's source, the
reader's language, the variant asked for, and the article's address, title, standfirst, date,
picture (file, size, focal point) and the card renditions' files; of a card row
(``CardRow``), the row as read, so that a card kept in memory makes neither page nor picture.
An edit to any of them makes another key, so an entry is never stale and needs no purging; the
store is each worker's own (a dictionary in memory, the key itself as the key: nothing to
serialise or unpickle), and the entries asked for least recently go beyond ``MAX_CARDS``."""

from __future__ import annotations

import threading
from collections import OrderedDict

from django import template
from django.template import Context, Engine
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from cms.core.templatetags.reader import reader_url
from cms.news.listings import CARD_RENDITIONS, CardRow, LoadedRenditions

register = template.Library()

TEMPLATE = "components/article_card.html"
MAX_CARDS = 5000
_cards: OrderedDict[tuple, str] = OrderedDict()
_cards_lock = threading.Lock()


def _kept(key: tuple) -> str | None:
    with _cards_lock:
        html = _cards.get(key)
        if html is not None:
            _cards.move_to_end(key)
        return html


def _keep(key: tuple, html: str) -> None:
    with _cards_lock:
        _cards[key] = html
        if len(_cards) > MAX_CARDS:
            _cards.popitem(last=False)


def _made_of(article) -> tuple | None:
    """What the card of ``article`` (a page, or a card row) shows besides its address, or
    None when its picture's renditions were not loaded with it (the card is then rendered,
    not kept). A card row is named by its row as read: its page is not made."""
    if isinstance(article, CardRow):
        if not article.lead_image_id:
            return (article.row, ())
        renditions = article.renditions
        return None if renditions is None else (article.row, renditions.files(CARD_RENDITIONS))
    own = (article.pk, article.title, article.standfirst, article.publication_date)
    if not article.lead_image_id:
        return (own, ())
    image = article.lead_image
    renditions = getattr(image, "prefetched_renditions", None)
    if not isinstance(renditions, LoadedRenditions):
        return None
    files = renditions.files(CARD_RENDITIONS)
    focal = (image.focal_point_x, image.focal_point_y)
    focal_size = (image.focal_point_width, image.focal_point_height)
    picture = (image.pk, image.file.name, image.width, image.height, focal, focal_size, files)
    return (own, picture)


@register.simple_tag(takes_context=True)
def article_card(
    context: Context,
    article,
    heading: str = "h3",
    eager: bool = False,
    prominent: bool = False,
    compact: bool = False,
    original=None,
) -> SafeString:
    """The card of ``article``. ``heading``: h2 or h3; ``eager``: the first picture on the
    screen; ``prominent``: the large variant; ``compact``: without the standfirst;
    ``original``: the language of an article from another edition (marked as such)."""
    url = reader_url(context, article)
    card = Engine.get_default().get_template(TEMPLATE)
    made_of = _made_of(article)
    key = made_of and (
        card.source,  # the template's own string: hashed once, compared by identity
        get_language(),
        (heading, bool(eager), bool(prominent), bool(compact)),
        (original.code, original.name_local) if original is not None else None,
        url,
        made_of,
    )
    html = _kept(key) if key else None
    if html is None:
        variant = {
            "article": article.page if isinstance(article, CardRow) else article,
            "url": url,
            "heading": heading,
            "eager": eager,
            "prominent": prominent,
            "compact": compact,
            "original": original,
        }
        html = str(card.render(context.new(variant)))
        if key:
            _keep(key, html)
    return mark_safe(html)
