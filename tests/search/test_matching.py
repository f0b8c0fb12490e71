"""What readers type finds what they mean, the same in every engine: titles before passing
mentions, sub-words across the segmenter's word breaks, Traditional Chinese, one-character
Chinese words, Lao and Khmer spelling and typing-order variants, Vietnamese words typed joined,
English plurals."""

from __future__ import annotations

import pytest

from search.documents import SearchRequest
from tests.search.test_conformance import doc, ids

PASSING = (
    "Hội nghị tổng kết công tác năm của thành phố diễn ra tại trung tâm hội nghị quốc gia với "
    "sự tham dự của nhiều đại biểu, trong đó có phần nói về xe buýt điện và nhiều vấn đề khác "
    "như giáo dục, y tế, môi trường, văn hóa, thể thao, du lịch và phát triển kinh tế."
)


def test_a_title_outranks_passing_mentions_in_longer_texts(any_engine):
    any_engine.index(
        [
            doc(1, "Tổng kết năm", body=PASSING),
            doc(2, "Thêm tuyến xe buýt điện", body="Tuyến mới chạy từ tháng sau."),
            doc(3, "Hội nghị thành phố", body=PASSING + " Xe buýt điện được nhắc lại."),
        ]
    )
    assert ids(any_engine.search(SearchRequest("xe buýt điện", "vi")))[0] == "2"
    assert ids(any_engine.search(SearchRequest("xe buyt dien", "vi")))[0] == "2"


def test_a_standfirst_outranks_a_passing_mention_in_the_body(any_engine):
    any_engine.index(
        [
            doc(1, "Tổng kết năm", body=PASSING),
            doc(2, "Tin giao thông", summary="Thêm tuyến xe buýt điện", body="Tuyến mới."),
        ]
    )
    assert ids(any_engine.search(SearchRequest("xe buýt điện", "vi"))) == ["2", "1"]


def test_words_in_order_in_a_title_rank_first(any_engine):
    any_engine.index(
        [
            doc(1, "Lớn lên bên nhà hát", body="Một tuổi thơ."),
            doc(2, "Nhà hát Lớn mở cửa đón khách", body="Một công trình."),
        ]
    )
    assert ids(any_engine.search(SearchRequest("nhà hát lớn", "vi")))[0] == "2"


@pytest.mark.parametrize(
    ("language", "text", "query"),
    [
        ("lo", "ງານສະແດງຟ້ອນລຳວົງລາວ", "ລຳວົງ"),  # split ຟ້ອນລຳ|ວົງ by the dictionary
        ("km", "ចំណតរថយន្តក្រុងថ្មី", "រថយន្តក្រុង"),  # split ចំណតរថយន្ត|ក្រុង
        ("zh-hans", "参观一柱寺", "柱寺"),  # split 一|柱|寺
    ],
)
def test_sub_words_are_found_across_word_breaks(any_engine, language, text, query):
    any_engine.index([doc(1, text, language=language), doc(2, "ລາວ ខ្មែរ 中国", language=language)])
    assert ids(any_engine.search(SearchRequest(query, language))) == ["1"]


def test_short_lao_and_khmer_queries_do_not_match_inside_other_words(any_engine):
    any_engine.index([doc(1, "ການສຶກສາ", language="lo"), doc(2, "ការអប់រំ", language="km")])
    assert ids(any_engine.search(SearchRequest("ສຶ", "lo"))) == []
    assert ids(any_engine.search(SearchRequest("អប", "km"))) == []


def test_one_character_chinese_words(any_engine):
    any_engine.index(
        [
            doc(1, "参观一柱寺", language="zh-hans"),
            doc(2, "市委召开会议", language="zh-hans"),
            doc(3, "一座寺庙", language="zh-hans"),
        ]
    )
    assert ids(any_engine.search(SearchRequest("一柱寺", "zh-hans"))) == ["1"]
    assert sorted(ids(any_engine.search(SearchRequest("寺", "zh-hans")))) == ["1", "3"]
    assert ids(any_engine.search(SearchRequest("会", "zh-hans"))) == ["2"]


def test_traditional_chinese_finds_simplified_and_the_other_way_round(any_engine):
    any_engine.index(
        [doc(1, "河内欢迎国际游客", language="zh-hans"), doc(2, "還劍湖", language="zh-hans")]
    )
    assert ids(any_engine.search(SearchRequest("國際遊客", "zh-hans"))) == ["1"]
    assert ids(any_engine.search(SearchRequest("还剑湖", "zh-hans"))) == ["2"]


@pytest.mark.parametrize(
    ("indexed", "typed"),
    [
        ("ບຸນໄຫຼເຮືອໄຟ", "ໄຫລເຮືອໄຟ"),  # ຫລ, the older spelling of ຫຼ
        ("ຫລວງພະບາງ", "ຫຼວງພະບາງ"),
        ("ອາເມຣິກາ", "ອາເມລິກາ"),  # ຣ for ລ
        ("ເເມ່ນ້ຳຂອງ", "ແມ່ນ້ຳຂອງ"),  # ແ typed as ເເ
        ("ກັ່ນ", "ກ່ັນ"),  # tone mark typed before the vowel sign
    ],
)
def test_lao_spelling_variants_are_the_same_word(any_engine, indexed, typed):
    any_engine.index([doc(1, indexed, language="lo"), doc(2, "ລາວ", language="lo")])
    assert ids(any_engine.search(SearchRequest(typed, "lo"))) == ["1"]


@pytest.mark.parametrize(
    ("indexed", "typed"),
    [
        ("ភាសាខ្មែរ", "ខែ្មរ"),  # vowel typed before the coeng
        ("ការផ្លាស់ប្តូរឌីជីថល", "ផ្លាស់ប្ដូរ"),  # ្ដ for ្ត
        ("សៀវភៅថ្មី", "ថី្ម"),
        ("ប៉ុស្តិ៍", "ប៉ុស្ដិ៍"),
    ],
)
def test_khmer_typing_order_variants_are_the_same_word(any_engine, indexed, typed):
    any_engine.index([doc(1, indexed, language="km"), doc(2, "កម្ពុជា", language="km")])
    assert ids(any_engine.search(SearchRequest(typed, "km"))) == ["1"]


@pytest.mark.parametrize(
    ("typed", "expected"), [("hanoi", "1"), ("vietnam", "2"), ("danang", "3"), ("Hà Nội", "1")]
)
def test_vietnamese_words_typed_joined_find_their_spaced_forms(any_engine, typed, expected):
    any_engine.index(
        [
            doc(1, "Hà Nội đón khách quốc tế"),
            doc(2, "Việt Nam và Lào ký hiệp định"),
            doc(3, "Đà Nẵng mở đường bay mới"),
            doc(4, "Hạ tầng nối các vùng", body="Nội dung về hà nam, đà lạt, việt bắc."),
        ]
    )
    assert ids(any_engine.search(SearchRequest(typed, "vi")))[0] == expected


def test_english_plurals_in_us_find_the_singular(any_engine):
    any_engine.index([doc(1, "Hanoi adds an electric bus line", language="en")])
    assert ids(any_engine.search(SearchRequest("electric buses", "en"))) == ["1"]
