"""A bulletin of the Department of Foreign Affairs with one issue: an article translated into
every edition language (real Chinese, Lao and Khmer titles), and helpers for subscribers."""

from __future__ import annotations

import pytest
from wagtail.models import Locale

from cms.bulletins.models import Bulletin, Editorial, Issue, IssueItem, Subscriber
from cms.news.models import SectionPage
from tests.cms.helpers import article

TITLES = {
    "vi": "Hà Nội đón đoàn đại biểu hữu nghị quốc tế",
    "en": "Hanoi welcomes an international friendship delegation",
    "zh-hans": "河内欢迎国际友好代表团",
    "lo": "ຮ່າໂນ້ຍຕ້ອນຮັບຄະນະຜູ້ແທນມິດຕະພາບສາກົນ",
    "km": "ហាណូយស្វាគមន៍គណៈប្រតិភូមិត្តភាពអន្តរជាតិ",
}
EDITORIALS = {
    "vi": "Kính gửi quý độc giả: số này điểm lại các hoạt động đối ngoại nổi bật.",
    "en": "Dear readers: this issue looks back at the foreign affairs of the month.",
}


def translated_article(section, titles: dict[str, str]):
    """A live Vietnamese article with live translations titled ``titles``."""
    source = article(section, title=titles["vi"])
    for code, title in titles.items():
        if code == "vi":
            continue
        translation = source.copy_for_translation(Locale.objects.get(language_code=code))
        translation.title = title
        translation.standfirst = title
        translation.save_revision().publish()
    return source


@pytest.fixture
def bulletin(other_channel):
    return Bulletin.objects.create(
        channel=other_channel,
        slug="ban-tin-doi-ngoai",
        names={"vi": "Bản tin Đối ngoại Hà Nội", "en": "Hanoi Foreign Affairs Bulletin"},
        from_email="bantin@songoaivu.example",
    )


@pytest.fixture
def issue(bulletin, other_channel):
    section = SectionPage.objects.child_of(other_channel.home_page).first()
    source = translated_article(section, TITLES)
    issue = Issue.objects.create(bulletin=bulletin, number=7)
    IssueItem.objects.create(issue=issue, article=source, position=0)
    for code, text in EDITORIALS.items():
        Editorial.objects.create(issue=issue, language=code, text=text)
    return issue


@pytest.fixture
def subscribe(bulletin):
    def make(email: str, *languages: str, status=Subscriber.Status.ACTIVE) -> Subscriber:
        return Subscriber.objects.create(
            bulletin=bulletin,
            email=email,
            organisation_type=Subscriber.OrganisationType.EMBASSY,
            country="FR",
            languages=list(languages) or ["en"],
            status=status,
        )

    return make
