"""Keyword rules match in every language: Vietnamese with or without diacritics and in either
Unicode form, English as whole words, Chinese, Lao and Khmer anywhere in a run of text
(including the zero-width spaces Khmer carries)."""

from __future__ import annotations

import unicodedata

import pytest

from cms.monitoring.matching import Matcher, title_key

MATCHER = Matcher(["Hà Nội", "Hanoi", "河内", "ຮ່າໂນ້ຍ", "ហាណូយ"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hà Nội đón khách quốc tế", ["Hà Nội"]),
        (unicodedata.normalize("NFD", "HÀ NỘI ĐÓN KHÁCH"), ["Hà Nội"]),
        ("Ha Noi welcomes investors", ["Hà Nội"]),
        ("HANOI hosts the summit", ["Hanoi"]),
        ("Talks in Hanoi, then Bangkok", ["Hanoi"]),
        ("越南首都河内举办国际旅游博览会", ["河内"]),
        ("ນະຄອນຫຼວງຮ່າໂນ້ຍເປັນເຈົ້າພາບ", ["ຮ່າໂນ້ຍ"]),
        ("ទីក្រុង\u200bហា\u200bណូយ\u200bរៀបចំ", ["ហាណូយ"]),
    ],
)
def test_each_language_matches(text, expected):
    assert MATCHER.matches(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hanoians flock to the river",  # another word, not the city's name
        "Vientiane opens a new bus line",
        "河南省举办活动",  # Henan, one character apart
        "ນະຄອນຫຼວງວຽງຈັນ",
        "ទីក្រុងភ្នំពេញ",
    ],
)
def test_other_text_does_not_match(text):
    assert MATCHER.matches(text) == []


def test_titles_differing_only_in_case_accents_and_punctuation_share_a_key():
    assert title_key("Hà Nội: “Phố cổ” mở cửa!") == title_key("HA NOI - PHO CO MO CUA")
    assert title_key("Hà Nội mở cửa") != title_key("Hà Nội đóng cửa")
