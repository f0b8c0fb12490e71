"""Reader pages: home, section, article; metadata for sharing and search engines."""

import json
import re

import pytest

from tests.cms.helpers import article

pytestmark = pytest.mark.django_db
HOST = "hanoimoi.localhost:8000"


def test_home_shows_top_stories_per_section(client, section):
    article(section, title="Hà Nội đón đoàn đại biểu quốc tế", slug="don-doan")
    html = client.get("/vi/", HTTP_HOST=HOST).content.decode()
    assert "Hà Nội đón đoàn đại biểu quốc tế" in html
    assert '<a href="/vi/tin-tuc/">Tin tức</a>' in html


def test_section_lists_its_articles_newest_first_and_paginates(client, section):
    import datetime as dt

    from django.utils import timezone

    for day in range(14):
        article(
            section,
            title=f"Tin số {day}",
            slug=f"tin-{day}",
            publication_date=timezone.now() - dt.timedelta(days=day),
            lead_image=None,
        )
    first = client.get("/vi/tin-tuc/", HTTP_HOST=HOST).content.decode()
    assert first.index("Tin số 0") < first.index("Tin số 1")
    assert "Tin số 13" not in first
    assert 'rel="next" href="?page=2"' in first
    second = client.get("/vi/tin-tuc/?page=2", HTTP_HOST=HOST).content.decode()
    assert "Tin số 13" in second
    assert client.get("/vi/tin-tuc/?page=abc", HTTP_HOST=HOST).status_code == 200
    assert client.get("/vi/tin-tuc/?page=999", HTTP_HOST=HOST).status_code == 200


def test_article_has_breadcrumb_open_graph_and_news_article_json_ld(client, section):
    page = article(section, title="Hợp tác hữu nghị Việt – Lào", slug="viet-lao")
    html = client.get(page.url, HTTP_HOST=HOST).content.decode()
    breadcrumb = re.search(r'<nav class="wrap breadcrumb".*?</nav>', html, re.S).group(0)
    assert '<a href="/vi/">' in breadcrumb and '<a href="/vi/tin-tuc/">' in breadcrumb
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:locale" content="vi_VN">' in html
    assert re.search(r'<meta property="og:image" content="http://[^"]+\.jpg">', html)
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Hợp tác hữu nghị Việt – Lào"
    assert data["inLanguage"] == "vi"
    assert data["publisher"]["name"] == "Báo Hà Nội Mới"


def test_the_articles_full_url_is_what_it_is_shared_and_described_under(client, section):
    from urllib.parse import quote

    page = article(section, title="Địa chỉ của bài", slug="dia-chi", translated_to=["en"])
    full_url = page.get_full_url()
    assert full_url.startswith("http://") and full_url.endswith("/vi/tin-tuc/dia-chi/")
    html = client.get(page.url, HTTP_HOST=HOST).content.decode()
    assert f'<meta property="og:url" content="{full_url}">' in html
    assert f'data-copy-link="{full_url}"' in html
    assert f"sharer.php?u={quote(full_url, safe='')}" in html
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    assert data["mainEntityOfPage"] == full_url


def test_a_preview_of_an_unpublished_article_carries_its_future_full_url(section):
    page = article(section, title="Bản nháp", slug="ban-nhap")
    page.unpublish()
    page.refresh_from_db()
    html = page.make_preview_request().render().content.decode()
    assert f'<meta property="og:url" content="{page.get_full_url()}">' in html


def test_json_ld_cannot_be_broken_out_of(client, section):
    page = article(section, title="</script><script>alert(1)</script>", slug="xss")
    html = client.get(page.url, HTTP_HOST=HOST).content.decode()
    assert "<script>alert(1)" not in html


def test_lead_image_alt_text_is_required_with_an_image(section):
    from django.core.exceptions import ValidationError

    page = article(section, slug="anh")
    page.lead_image_alt = " "
    with pytest.raises(ValidationError):
        page.full_clean()


def test_article_body_blocks_render(client, section):
    from cms.demo.factories import body_blocks

    body = body_blocks(
        [
            {"paragraph": "Đoạn văn mở đầu."},
            {"heading": "Tiêu đề phụ"},
            {"quote": {"text": "Trích dẫn", "attribution": "Sở Ngoại vụ"}},
            {"facts": {"title": "Số liệu", "items": ["36 trang", "5 ngôn ngữ"]}},
        ]
    )
    page = article(section, slug="khoi", body=body)
    html = client.get(page.url, HTTP_HOST=HOST).content.decode()
    assert "<p>Đoạn văn mở đầu.</p>" in html
    assert "<h2>Tiêu đề phụ</h2>" in html
    assert "<figcaption>Sở Ngoại vụ</figcaption>" in html
    assert "<li>5 ngôn ngữ</li>" in html


def test_site_settings_and_topics_appear_in_the_readers_language(client, channel, section):
    from cms.core.models import SiteSettings
    from cms.news.models import Topic

    settings = SiteSettings.for_site(channel.site)
    settings.footer_text_vi = "Cơ quan của Thành ủy Hà Nội"
    settings.footer_text_en = "Published by the Hanoi Party Committee"
    settings.contact_email = "toasoan@example.org"
    settings.save()
    topic = Topic.objects.create(
        slug="dau-tu", name="Đầu tư", name_vi="Đầu tư", name_en="Investment"
    )
    page = article(section, slug="chu-de", translated_to=["en"])
    page.topics.create(topic=topic)
    page.save_revision().publish()
    translation = page.get_translation(page.locale.__class__.objects.get(language_code="en"))
    translation.topics.create(topic=topic)
    translation.save_revision().publish()

    english = client.get(translation.url, HTTP_HOST=HOST).content.decode()
    vietnamese = client.get(page.url, HTTP_HOST=HOST).content.decode()
    assert "Published by the Hanoi Party Committee" in english
    assert '<a class="tag" href="/en/topics/dau-tu/">Investment</a>' in english
    assert "Cơ quan của Thành ủy Hà Nội" in vietnamese
    assert '<a class="tag" href="/vi/topics/dau-tu/">Đầu tư</a>' in vietnamese
    assert "mailto:toasoan@example.org" in english
