"""Every reader page's footer shows the site's contact details from the catalogue and links to
its about, contact, privacy and accessibility pages in the edition being read; the contact page
shows the details in full; dates and labels follow the language's conventions."""

import re

import pytest
from wagtail.models import Page

from cms.core.info_pages import KINDS
from cms.news.models import ArticleTopic, Topic
from sites import catalogue
from sites.provisioning import provision
from tests.cms.helpers import article, locale
from tests.conftest import raw_catalogue

pytestmark = pytest.mark.django_db
HOST = "hanoimoi.localhost:8000"


def footer(html: str) -> str:
    return re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)


def test_each_site_has_its_info_pages_in_every_edition():
    source = Page.objects.get(slug="hanoimoi", locale__language_code="vi")
    for code in ("vi", "en", "zh-hans", "lo", "km"):
        home = source.get_translation(locale(code))
        slugs = set(home.get_children().live().values_list("slug", flat=True))
        assert {kind.slug for kind in KINDS} <= slugs, code


def test_provisioning_again_keeps_the_editors_changes_to_info_pages():
    home = Page.objects.get(slug="hanoimoi", locale__language_code="vi")
    about = home.get_children().get(slug="gioi-thieu").specific
    about.title = "Về Báo Hà Nội Mới"
    about.save_revision().publish()
    report = provision(catalogue.parse(raw_catalogue()))
    about.refresh_from_db()
    assert about.title == "Về Báo Hà Nội Mới"
    assert not any("gioi-thieu" in change for change in report.changes)


@pytest.mark.parametrize(
    ("code", "labels", "links"),
    [
        (
            "en",
            ["Address", "Phone", "E-mail", "Opening hours"],
            ["About us", "Contact", "Privacy", "Accessibility statement"],
        ),
        (
            "zh-hans",
            ["地址", "电话", "电子邮件", "办公时间"],
            ["关于我们", "联系我们", "隐私政策", "无障碍声明"],
        ),
        (
            "km",
            ["អាសយដ្ឋាន", "ទូរស័ព្ទ", "អ៊ីមែល", "ម៉ោងធ្វើការ"],
            ["អំពីយើង", "ទំនាក់ទំនង", "ឯកជនភាព", "សេចក្តីថ្លែងការណ៍អំពីលទ្ធភាពប្រើប្រាស់"],
        ),
    ],
)
def test_the_footer_shows_contact_details_and_the_info_pages(client, code, labels, links):
    html = footer(client.get(f"/{code}/", HTTP_HOST=HOST).content.decode())
    assert re.findall(r"<dt>(.*?)</dt>", html) == labels
    assert "lienhe@hanoimoi.example" in html
    assert re.findall(r'<li><a href="/[^"]+/">(.*?)</a></li>', html) == links


def test_the_english_footer_gives_the_confirmed_address_and_office_hours(client):
    html = footer(client.get("/en/", HTTP_HOST=HOST).content.decode())
    assert "44 Le Thai To Street, Hoan Kiem, Hanoi" in html
    assert "Monday – Friday, 08:00–17:00 (Hanoi time)" in html
    assert 'href="tel:+842400000000"' in html


def test_khmer_footer_numbers_are_in_khmer_digits(client):
    html = footer(client.get("/km/", HTTP_HOST=HOST).content.decode())
    assert "+៨៤ ២៤ ០០០០ ០០០០" in html and "០៨:០០–១៧:០០" in html
    assert 'href="tel:+842400000000"' in html


def test_the_contact_page_shows_the_details_and_says_which_are_placeholders(client):
    html = client.get("/en/lien-he/", HTTP_HOST=HOST).content.decode()
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    assert 'class="contact-card"' in main
    assert "44 Le Thai To Street" in main and "lienhe@hanoimoi.example" in main
    assert "placeholders until the agency confirms them" in main
    assert 'aria-current="page">Contact<' in footer(html)


def test_other_standard_pages_have_no_contact_card(client):
    html = client.get("/en/gioi-thieu/", HTTP_HOST=HOST).content.decode()
    assert "contact-card" not in html and "Hanoi Moi Newspaper" in html


@pytest.mark.parametrize(
    ("code", "date_pattern", "topics_heading", "feeds_label"),
    [
        (
            "en",
            r"\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} GMT\+7",
            "Topics",
            "Follow this edition: ",
        ),
        ("zh-hans", r"\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} GMT\+7", "主题", "订阅本版："),
        (
            "km",
            r"[០-៩]+ \S+ [០-៩]{4}, [០-៩]{2}:[០-៩]{2} ម៉ោង\u200bសកល \+៧",
            "ប្រធានបទ",
            "តាមដានកំណែនេះ៖ ",
        ),
    ],
)
def test_article_dates_and_labels_follow_the_language(
    client, section, code, date_pattern, topics_heading, feeds_label
):
    page = article(section, slug="ngay-thang", translated_to=[code])
    translation = page.get_translation(locale(code)).specific
    ArticleTopic.objects.create(page=translation, topic=Topic.objects.create(slug="t", name="T"))
    html = client.get(translation.url, HTTP_HOST=HOST).content.decode()
    meta = re.search(r'<time datetime="[^"]+">(.*?)</time>', html).group(1)
    assert re.fullmatch(date_pattern, meta), meta
    # The topics are a titled navigation block: a translated heading, no label colon.
    topics = re.search(r'<nav class="article__topics".*?</nav>', html, re.S).group(0)
    assert re.search(rf"<h2 [^>]*>{topics_heading}</h2>", topics), topics
    assert '<a class="tag"' in topics and ">T</a>" in topics
    # Inline labels still take the language's colon (： in Chinese, ៖ in Khmer).
    assert f'<p class="feeds">{feeds_label}<a ' in html
