"""Homes and sections of a news portal: lead and secondary stories (editors' choice, else the
newest), the latest list, a block per section that has articles in the language, topic and
author pages, related articles, and what an edition with nothing of its own offers."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from cms.news.models import (
    ArticleAuthor,
    ArticlePage,
    ArticleRelatedPage,
    ArticleTopic,
    Author,
    HomeFeaturedArticle,
    SectionFeaturedArticle,
    SectionPage,
    Topic,
)
from tests.cms.helpers import article, locale

pytestmark = pytest.mark.django_db
HOST = "hanoimoi.localhost:8000"


def dated(section, slug: str, days_ago: int, **kwargs):
    return article(
        section,
        slug=slug,
        title=kwargs.pop("title", f"Bài {slug}"),
        publication_date=timezone.now() - dt.timedelta(days=days_ago),
        **kwargs,
    )


def get(client, url: str) -> str:
    response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200, url
    return response.content.decode()


def block(html: str, css_class: str) -> str:
    found = re.search(rf'<(section|div) class="{css_class}".*?</\1>', html, re.S)
    return found.group(0) if found else ""


def lead_title(html: str) -> str:
    lead = block(html, "news-top__lead")
    return re.search(r'class="card__title"><a [^>]*>([^<]+)</a>', lead).group(1)


def test_without_a_choice_the_newest_article_leads_and_the_next_ones_follow(client, section):
    for days in range(8):
        dated(section, f"tin-{days}", days)
    html = get(client, "/vi/")
    assert lead_title(html) == "Bài tin-0"
    secondary = block(html, "news-top__secondary")
    assert [f"Bài tin-{n}" in secondary for n in range(1, 6)] == [True] * 4 + [False]


def test_the_editors_choice_leads_in_their_order(client, channel, section):
    chosen = dated(section, "chon", 30, title="Bài được chọn")
    second = dated(section, "chon-2", 40, title="Bài chọn thứ hai")
    for days in range(3):
        dated(section, f"moi-{days}", days)
    home = channel.home_page.specific
    HomeFeaturedArticle.objects.create(page=home, article=chosen, sort_order=0)
    HomeFeaturedArticle.objects.create(page=home, article=second, sort_order=1)
    html = get(client, "/vi/")
    assert lead_title(html) == "Bài được chọn"
    secondary = block(html, "news-top__secondary")
    assert secondary.index("Bài chọn thứ hai") < secondary.index("Bài moi-0")


def test_the_choice_made_on_the_vietnamese_home_holds_where_it_is_translated(
    client, channel, section
):
    chosen = dated(section, "chon", 30, title="Bài được chọn", translated_to=["en"])
    untranslated = dated(section, "chi-tieng-viet", 20)
    dated(section, "moi", 1, translated_to=["en"])
    home = channel.home_page.specific
    HomeFeaturedArticle.objects.create(page=home, article=untranslated, sort_order=0)
    HomeFeaturedArticle.objects.create(page=home, article=chosen, sort_order=1)
    assert lead_title(get(client, "/vi/")) == "Bài chi-tieng-viet"
    assert lead_title(get(client, "/en/")) == "Bài được chọn [en]"


def test_the_latest_list_holds_the_newest_articles_not_already_shown(client, section):
    for days in range(12):
        dated(section, f"tin-{days}", days)
    latest = block(get(client, "/vi/"), "news-latest")
    titles = re.findall(r"<li><a [^>]+>([^<]+)</a>", latest)
    assert titles == [f"Bài tin-{n}" for n in range(5, 11)]


def test_only_sections_with_articles_in_the_language_have_a_block_and_a_menu_entry(
    client, channel, section
):
    economy = SectionPage.objects.child_of(channel.home_page).get(slug="kinh-te")
    for days in range(6):
        dated(section, f"tin-{days}", days, translated_to=["en"])
    dated(economy, "kinh-te-1", 10, title="Kinh tế Thủ đô tăng trưởng")
    vietnamese = get(client, "/vi/")
    english = get(client, "/en/")
    blocks = block(vietnamese, "news-blocks")
    assert "Kinh tế Thủ đô tăng trưởng" in blocks
    assert 'href="/vi/kinh-te/"' in vietnamese and 'href="/vi/van-hoa-du-lich/"' not in vietnamese
    assert 'href="/en/tin-tuc/"' in english and 'href="/en/kinh-te/"' not in english


def test_topic_links_lead_to_the_editions_articles_on_that_topic(client, section):
    topic = Topic.objects.create(slug="du-lich", name="Du lịch", name_vi="Du lịch")
    tagged = dated(section, "ho-guom", 2, title="Mùa thu Hồ Gươm")
    ArticleTopic.objects.create(page=tagged, topic=topic)
    dated(section, "khac", 1, title="Tin khác")
    html = get(client, tagged.url)
    assert '<a class="tag" href="/vi/topics/du-lich/">Du lịch</a>' in html
    listing = get(client, "/vi/topics/du-lich/")
    assert "Mùa thu Hồ Gươm" in listing and "Tin khác" not in listing
    assert client.get("/vi/topics/khong-co/", HTTP_HOST=HOST).status_code == 404


def test_author_links_lead_to_their_articles_in_every_edition(client, section):
    author = Author.objects.create(name="Nguyễn Văn An", role="Phóng viên", locale=locale("vi"))
    written = dated(section, "phong-su", 1, title="Phóng sự Hà Nội", translated_to=["en"])
    ArticleAuthor.objects.create(page=written, author=author)
    english = written.get_translation(locale("en"))
    ArticleAuthor.objects.create(page=english, author=author)
    html = get(client, written.url)
    assert f'href="/vi/authors/{author.pk}/">Nguyễn Văn An</a>' in html
    assert f'href="/en/authors/{author.pk}/">Nguyễn Văn An</a>' in get(client, english.url)
    assert "Phóng sự Hà Nội" in get(client, f"/vi/authors/{author.pk}/")
    assert "Phóng sự Hà Nội [en]" in get(client, f"/en/authors/{author.pk}/")


def test_related_articles_default_to_the_newest_on_the_same_topic_and_language(client, section):
    topic = Topic.objects.create(slug="ngoai-giao", name="Ngoại giao", name_vi="Ngoại giao")
    main = dated(section, "chinh", 0, title="Bài chính")
    older = dated(section, "cu", 5, title="Bài cũ cùng chủ đề")
    newer = dated(section, "moi", 1, title="Bài mới cùng chủ đề")
    dated(section, "khac", 1, title="Bài khác chủ đề")
    for page in (main, older, newer):
        ArticleTopic.objects.create(page=page, topic=topic)
    related = block(get(client, main.url), "related")
    assert related.index("Bài mới cùng chủ đề") < related.index("Bài cũ cùng chủ đề")
    assert "Bài khác chủ đề" not in related and "Bài chính" not in related


def test_related_articles_chosen_by_editors_replace_the_automatic_ones(client, section):
    topic = Topic.objects.create(slug="van-hoa", name="Văn hoá", name_vi="Văn hoá")
    main = dated(section, "chinh", 0)
    same_topic = dated(section, "cung-chu-de", 1, title="Cùng chủ đề")
    chosen = dated(section, "duoc-chon", 9, title="Bài biên tập chọn")
    for page in (main, same_topic):
        ArticleTopic.objects.create(page=page, topic=topic)
    ArticleRelatedPage.objects.create(page=main, related=chosen)
    related = block(get(client, main.url), "related")
    assert "Bài biên tập chọn" in related and "Cùng chủ đề" not in related


def test_related_articles_chosen_by_editors_keep_their_order_and_fall_back_when_untranslated(
    client, section
):
    topic = Topic.objects.create(slug="van-hoa", name="Văn hoá", name_vi="Văn hoá")
    main = dated(section, "chinh", 0, translated_to=["en"])
    first = dated(section, "chon-truoc", 9, title="Chọn trước", translated_to=["en"])
    second = dated(section, "chon-sau", 1, title="Chọn sau")
    same_topic = dated(section, "cung-chu-de", 2, title="Cùng chủ đề", translated_to=["en"])
    ArticleRelatedPage.objects.create(page=main, related=second, sort_order=1)
    ArticleRelatedPage.objects.create(page=main, related=first, sort_order=0)
    related = block(get(client, main.url), "related")
    assert related.index("Chọn trước") < related.index("Chọn sau")
    english = main.get_translation(locale("en"))
    ArticleRelatedPage.objects.create(page=english, related=second)  # no English edition
    for page in (english, same_topic.get_translation(locale("en"))):
        ArticleTopic.objects.create(page=page, topic=topic)
    related = block(get(client, english.url), "related")
    assert "Cùng chủ đề [en]" in related


def test_an_edition_without_articles_offers_the_english_originals_marked_as_such(client, section):
    dated(section, "hoi-nghi", 1, title="Hội nghị", translated_to=["en"])
    html = get(client, "/lo/")
    originals = block(html, "news-originals")
    assert '<article class="card" lang="en">' in originals
    assert 'hreflang="en">Hội nghị [en]</a>' in originals
    assert '<p class="card__language">English</p>' in originals
    assert "news-top" not in html


def test_without_english_the_vietnamese_originals_are_offered(client, section):
    dated(section, "chi-tieng-viet", 1, title="Chỉ có tiếng Việt")
    section_html = get(client, "/km/tin-tuc/")
    originals = block(section_html, "news-originals")
    assert '<article class="card" lang="vi">' in originals
    assert "Chỉ có tiếng Việt" in originals


def test_the_section_page_leads_with_its_own_choice(client, section):
    chosen = dated(section, "noi-bat", 20, title="Tin nổi bật của chuyên mục")
    for days in range(3):
        dated(section, f"tin-{days}", days)
    SectionFeaturedArticle.objects.create(page=section, article=chosen, sort_order=0)
    html = get(client, "/vi/tin-tuc/")
    assert lead_title(html) == "Tin nổi bật của chuyên mục"
    assert html.count("Tin nổi bật của chuyên mục") == 1
    assert ArticlePage.objects.child_of(section).count() == 4


def test_a_publication_shows_at_once_in_the_cached_menu_and_home(client, section):
    assert 'href="/lo/tin-tuc/"' not in get(client, "/lo/")
    dated(section, "vua-dang", 0, title="Vừa đăng", translated_to=["lo"])
    html = get(client, "/lo/")
    assert 'href="/lo/tin-tuc/"' in html and "Vừa đăng [lo]" in html
    ArticlePage.objects.get(slug="vua-dang", locale__language_code="lo").unpublish()
    assert 'href="/lo/tin-tuc/"' not in get(client, "/lo/")
