"""A "From the districts" page on the foreign-affairs site (Vietnamese and English) and
articles of the Ba Đình portal, some offered for foreign information."""

from __future__ import annotations

import pytest
from wagtail.models import Locale

from cms.news.models import SectionPage
from cms.syndication.models import Syndication, SyndicationPage
from sites.models import Channel
from tests.cms.helpers import article

FOREIGN_HOST = "songoaivu.localhost:8000"
DISTRICT_HOST = "badinh.localhost:8000"


@pytest.fixture
def listing(db) -> SyndicationPage:
    home = Channel.objects.get(slug="songoaivu").home_page.specific
    page = SyndicationPage(
        title="Từ các quận, huyện", slug="tu-cac-quan-huyen", intro="Tin từ các địa phương."
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "From the districts"
    english.save_revision().publish()
    return page


@pytest.fixture
def district_section(db) -> SectionPage:
    home = Channel.objects.get(slug="badinh").home_page
    return SectionPage.objects.child_of(home).get(slug="tin-tuc")


def offer(page) -> Syndication:
    return Syndication.objects.create(article=page, channel=Channel.objects.get(slug="badinh"))


@pytest.fixture
def offered(district_section):
    """Two offered articles (one translated into English) and one not offered."""
    translated = article(
        district_section, title="Ba Đình đón đoàn đại sứ", slug="don-dai-su", translated_to=["en"]
    )
    untranslated = article(district_section, title="Phố đi bộ Trịnh Công Sơn", slug="pho-di-bo")
    article(district_section, title="Tin nội bộ phường", slug="tin-noi-bo")
    offer(translated)
    offer(untranslated)
    return {"translated": translated, "untranslated": untranslated}
