"""Text analysis: the same terms at index and query time, per language."""

from __future__ import annotations

import unicodedata

import pytest

from search import analysis


def words(text: str, language: str) -> list[str]:
    return analysis.terms(text, language).words.split()


def test_icu_version_is_the_bundled_one():
    assert analysis.ICU_VERSION == "78.3"


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("ສະບາຍດີປະເທດລາວ", "lo", ["ສະບາຍດີ", "ປະເທດ", "ລາວ"]),
        ("ព្រះរាជាណាចក្រកម្ពុជា", "km", ["ព្រះរាជាណាចក្រ", "កម្ពុជា"]),
        (
            "中华人民共和国的首都是北京",
            "zh-hans",
            ["中华", "人民", "共和国", "的", "首都", "是", "北京"],
        ),
        ("Hà Nội, Việt Nam!", "vi", ["hà", "nội", "việt", "nam"]),
        ("The cities were running", "en", ["the", "citi", "were", "run"]),
    ],
)
def test_word_segmentation(text, language, expected):
    assert words(text, language) == expected


def test_invisible_characters_do_not_split_words():
    assert words("ភ្នំ\u200bពេញ", "km") == words("ភ្នំពេញ", "km")
    assert words("北\u200b京", "zh-hans") == ["北京"]
    assert words("Hà\u00adNội", "vi") == words("HàNội", "vi")


def test_vietnamese_nfd_tone_placement_and_eth_give_the_same_terms():
    nfc = analysis.terms("Hòa bình Đà Nẵng", "vi")
    assert analysis.terms(unicodedata.normalize("NFD", "Hòa bình Đà Nẵng"), "vi") == nfc
    assert analysis.terms("Hoà bình Ðà Nẵng", "vi") == nfc
    assert nfc.folded == "hoa binh da nang"


def test_lao_compatibility_letters_are_unified():
    assert words("ໃໝ່", "lo") == words("ໃຫມ່", "lo")


def test_bigrams_only_for_lao_khmer_chinese():
    assert analysis.terms("ລາວ", "lo").grams == "ລາ າວ ວ"
    assert analysis.terms("北京", "zh-hans").grams == "北京 京"
    assert analysis.terms("Hà Nội", "vi").grams == ""


def test_tokens_point_into_the_cleaned_text():
    text = analysis.clean("ប្រទេស\u200bកម្ពុជា")
    tokens = analysis.analyse(text, "km")
    assert [text[t.start : t.end] for t in tokens] == ["ប្រទេស", "កម្ពុជា"]
