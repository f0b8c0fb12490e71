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


def test_bigrams_run_across_word_breaks_and_stop_at_spaces_and_punctuation():
    assert words("ຟ້ອນລຳວົງ", "lo") == ["ຟ້ອນລຳ", "ວົງ"]  # the dictionary splits the dance name
    assert "ຳວ" in analysis.terms("ຟ້ອນລຳວົງ", "lo").grams.split()
    assert analysis.terms("一柱寺，北京", "zh-hans").grams == "一柱 柱寺 寺 北京 京"


@pytest.mark.parametrize(
    ("language", "variant", "canonical"),
    [
        ("zh-hans", "國際遊客還劍湖", "国际游客还剑湖"),
        ("lo", "ຫລວງພະບາງ", "ຫຼວງພະບາງ"),  # ຫລ, the older spelling of ຫຼ
        ("lo", "ອາເມຣິກາ", "ອາເມລິກາ"),
        ("lo", "ກ່ັນ", "ກັ່ນ"),  # tone mark typed before the vowel sign
        ("km", "ខែ្មរ", "ខ្មែរ"),  # vowel typed before the coeng
        ("km", "ប្ដូរ", "ប្តូរ"),  # subscript ដ and subscript ត look alike
        ("km", "ប៉ុ", "ប៉ុ"),
        ("km", "កុ៉", "ក៉ុ"),  # register shifter before the vowel sign
    ],
)
def test_canonical_forms_keep_the_length_and_are_the_same_at_index_and_query_time(
    language, variant, canonical
):
    assert analysis.canonical(variant, language) == canonical
    assert len(analysis.canonical(variant, language)) == len(variant)
    assert analysis.terms(variant, language) == analysis.terms(canonical, language)


def test_visually_identical_spellings_are_composed_in_the_display_text():
    assert analysis.clean("ເເມ່ນ້ຳ", "lo") == "ແມ່ນ້ຳ"
    assert analysis.clean("\u1780\u17c1\u17b8\u178f", "km") == "\u1780\u17be\u178f"  # កើត


def test_offsets_point_into_the_text_as_written():
    text = "參觀還劍湖"
    tokens = analysis.analyse(text, "zh-hans")
    assert "".join(text[t.start : t.end] for t in tokens) == text
    assert [t.word for t in tokens][-1].endswith("湖")


@pytest.mark.parametrize(
    ("typed", "forms"),
    [
        ("hanoi", ("ha noi", "han oi")),
        ("vietnam", ("viet nam", "vi et nam")),
        ("danang", ("da nang", "dan ang")),
        ("nguyen", ()),  # a syllable itself
        ("hà", ()),
    ],
)
def test_vietnamese_words_typed_joined_split_into_syllables(typed, forms):
    assert analysis.joined_syllables(typed) == forms


def test_english_plurals_in_us_stem_like_the_singular():
    assert words("buses campuses viruses", "en") == words("bus campus virus", "en")
    assert words("houses causes", "en") == words("house cause", "en")
    assert analysis.terms("Electric buses", "en").folded == "electric buses"  # as written
