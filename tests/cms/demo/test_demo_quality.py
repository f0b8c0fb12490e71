"""The demo content reads like the product: every translation passes the glossary check (so a
translation can be re-approved as it stands), names are spelled as the catalogue spells them,
credits name their source once, no article promises a form, download or subscription the
sites do not offer, Khmer text uses Khmer digits and Lao text Western digits, and Vietnamese
pages have Vietnamese slugs. Every channel fills its home in every edition and every district
portal has Vietnamese and English news."""

import re

import pytest
import yaml

from cms.demo.districts import BRIEFS_FILE, district_content, load_briefs
from cms.demo.loader import CONTENT_DIR
from cms.news.models import SECONDARY_STORIES
from cms.translation.glossary import check_pairs, terms_for
from cms.translation.seed import seed_glossary
from locales import registry
from locales.text import vietnamese_slug
from sites import catalogue


def articles():
    """Every demo article: those of the content files and the district briefs."""
    covered = set()
    for path in sorted(CONTENT_DIR.glob("*.yaml")):
        if path.name not in ("topics.yaml", BRIEFS_FILE):
            data = yaml.safe_load(path.read_text("utf-8"))
            covered.add(data["site"])
            for item in data["articles"]:
                yield data["site"], item
    briefs = load_briefs(CONTENT_DIR)
    for position, entry in enumerate(catalogue.load().sites):
        if entry.kind == "district" and entry.slug not in covered:
            for item in district_content(entry, position, briefs)["articles"]:
                yield entry.slug, item


def segments(fields: dict) -> list[str]:
    """The translatable strings of an article, in page order, as the segment editor shows
    them (one per paragraph, heading, quote part, facts title and item, image text)."""
    texts = [fields["title"], fields["standfirst"]]
    for block in fields["body"]:
        ((kind, value),) = block.items()
        if kind in ("paragraph", "heading"):
            texts.append(value)
        elif kind == "quote":
            texts += [value["text"], value.get("attribution", "")]
        else:
            texts += [value["title"], *value["items"]]
    texts += [fields.get(name, "") for name in ("image_alt", "image_caption", "image_credit")]
    return texts


@pytest.mark.django_db
def test_every_demo_translation_passes_the_glossary_check():
    seed_glossary(catalogue.load())
    terms = {code: terms_for(registry.SOURCE_LANGUAGE, code) for code in registry.TARGET_CODES}
    findings = []
    for site, item in articles():
        source = segments(item["translations"][registry.SOURCE_LANGUAGE])
        for code, fields in item["translations"].items():
            if code != registry.SOURCE_LANGUAGE:
                pairs = list(zip(range(1, len(source) + 1), source, segments(fields), strict=True))
                findings += [
                    (site, item["key"], code, f.describe()) for f in check_pairs(pairs, terms[code])
                ]
    assert findings == []


def test_photo_credits_name_the_site_once_as_the_catalogue_spells_it():
    names = {site.slug: site.names for site in catalogue.load().sites}
    for site, item in articles():
        for code, fields in item["translations"].items():
            assert fields["image_credit"] == names[site].get(code), (site, item["key"], code)


def test_no_article_promises_a_form_download_or_subscription():
    promises = re.compile(
        r"online form|registration form|PDF|subscribe|podcast|mẫu đơn trực tuyến|"
        r"đăng ký nhận bản tin|在线表格|在线注册|订阅|播客|ແບບຟອມອອນລາຍ|ພອດແຄສ|ទម្រង់អនឡាញ|ផតខាស",
        re.IGNORECASE,
    )
    for site, item in articles():
        for code, fields in item["translations"].items():
            for text in segments(fields):
                assert not promises.search(text), (site, item["key"], code, text)


def test_khmer_text_uses_khmer_digits_and_lao_text_western_digits():
    western_number = re.compile(r"(?<![A-Za-z0-9])[0-9]")
    for site, item in articles():
        for code, fields in item["translations"].items():
            for text in segments(fields):
                if code == "km":
                    assert not western_number.search(text), (site, item["key"], text)
                if code == "lo":
                    assert not re.search("[\u0ed0-\u0ed9]", text), (site, item["key"], text)


def test_vietnamese_pages_get_ascii_folded_vietnamese_slugs():
    assert vietnamese_slug("Hà Nội đón đoàn khách quốc tế") == "ha-noi-don-doan-khach-quoc-te"
    long_title = "Đường " * 40
    slug = vietnamese_slug(long_title)
    assert len(slug) <= 80 and not slug.endswith("-") and set(slug.split("-")) == {"duong"}
    seen = set()
    for site, item in articles():
        slug = vietnamese_slug(item["translations"]["vi"]["title"])
        assert slug.isascii() and slug != item["key"]
        assert (site, item["section"], slug) not in seen
        seen.add((site, item["section"], slug))


def test_every_district_portal_has_vietnamese_and_english_news_in_each_section():
    sites = {site.slug: site for site in catalogue.load().sites}
    found: dict[str, set] = {slug: set() for slug, s in sites.items() if s.kind == "district"}
    for site, item in articles():
        if site in found and {"vi", "en"} <= set(item["translations"]):
            found[site].add(item["section"])
    assert {slug: sections for slug, sections in found.items() if not sections} == {}


def test_every_channel_fills_its_home_in_every_edition():
    """A channel's home shows a lead story, four secondary stories and a latest list: each
    edition of every channel has the lead and secondary stories of its own, the Vietnamese and
    English ones a latest list too, and no section of the Vietnamese edition is empty."""
    channels = {site.slug: site for site in catalogue.load().sites if site.kind == "channel"}
    counts: dict[tuple[str, str], int] = {}
    sections: dict[str, set] = {slug: set() for slug in channels}
    for site, item in articles():
        if site in channels:
            sections[site].add(item["section"])
            for code in item["translations"]:
                counts[site, code] = counts.get((site, code), 0) + 1
    home = 1 + SECONDARY_STORIES
    short = {
        (site, code): counts.get((site, code), 0)
        for site in channels
        for code in registry.CODES
        if counts.get((site, code), 0) < (home + 2 if code in ("vi", "en") else home)
    }
    assert short == {}
    assert {
        slug: set(site.sections) - found
        for slug, site in channels.items()
        if set(site.sections) - (found := sections[slug])
    } == {}
