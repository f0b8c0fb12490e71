""" "Did you mean" gives the same suggestions from every engine: the closest query made of words
of the reader's language and scope that finds results, spelled as the documents spell it, and
nothing rather than nonsense."""

from __future__ import annotations

import pytest

from search import spelling
from search.documents import SearchRequest
from search.spelling import Suggestion, suggest
from tests.search.test_conformance import doc

DOCUMENTS = [
    doc(1, "Hà Nội mùa thu", body="Phố cổ Hà Nội đón khách."),
    doc(2, "Hà Nội đón khách du lịch"),
    doc(3, "Người dân nói chuyện ở nơi làm việc"),
    doc(4, "Phở bò", channel="badinh"),
    doc(5, "Đến ngày hội"),
    doc(11, "The government of Hanoi", language="en", body="Governments meet in the city."),
    doc(12, "Governing a city of eight million", language="en"),
    doc(13, "Hanoi welcomes visitors", language="en"),
    doc(21, "河内市政府", language="zh-hans", body="还剑湖的秋天"),
    doc(31, "ການທ່ອງທ່ຽວ ວຽງຈັນ", language="lo"),
    doc(41, "ទេសចរណ៍ នៅ ភ្នំពេញ", language="km"),
]


@pytest.fixture
def engine(any_engine):
    any_engine.index(DOCUMENTS)
    return any_engine


def did_you_mean(engine, query: str, language: str = "vi", **scope) -> Suggestion | None:
    request = SearchRequest(query, language, **scope)
    return suggest(engine, request, engine.search(request).total)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ha nọi", Suggestion("hà nội", 2)),  # wrong tone mark, found only through folding
        ("hà nộj", Suggestion("hà nội", 2)),  # a letter wrong
        ("hà nộii", Suggestion("hà nội", 2)),
        ("ha noi mua thuu", Suggestion("hà nội mùa thu", 1)),  # no marks and a typo
        ("den ngayy", Suggestion("đến ngày", 1)),  # d typed for đ, and a mark missing
    ],
)
def test_vietnamese_typos_get_the_accented_words_of_the_index(engine, query, expected):
    assert did_you_mean(engine, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("goverment", Suggestion("government", 2)),  # the index holds stems: "govern"
        ("hanoy goverment", Suggestion("hanoi government", 1)),
        ("vistors", Suggestion("visitors", 1)),
    ],
)
def test_english_misspellings_get_words_as_written_in_the_documents(engine, query, expected):
    assert did_you_mean(engine, query, "en") == expected


@pytest.mark.parametrize(
    ("query", "language", "expected"),
    [
        ("市正府", "zh-hans", "市政府"),  # one character wrong in a three-character word
        ("ທອງທ່ຽວ", "lo", "ທ່ອງທ່ຽວ"),  # a tone mark missing: the dictionary splits the typo
        ("ភ្នំពញ", "km", "ភ្នំពេញ"),  # a vowel sign missing
        ("ການທອງທ່ຽວ", "lo", "ການທ່ອງທ່ຽວ"),  # the misspelt word inside a longer run
        ("ទេសចរណ៍នៅភ្នំពញ", "km", "ទេសចរណ៍នៅភ្នំពេញ"),
        ("河内市正府", "zh-hans", "河内市政府"),
        ("还剑糊", "zh-hans", "还剑湖"),  # three dictionary words: a bigram of the index
        ("还剑糊的秋天", "zh-hans", "还剑湖的秋天"),
        ("坏剑湖", "zh-hans", "还剑湖"),  # the first character wrong: no near index term
        ("何内市政府", "zh-hans", "河内市政府"),
    ],
)
def test_unspaced_languages_replace_the_misspelt_part_of_a_run_by_one_indexed_word(
    engine, query, language, expected
):
    assert did_you_mean(engine, query, language) == Suggestion(expected, 1)


@pytest.mark.parametrize(
    ("query", "language"),
    [
        ("政俯", "zh-hans"),  # two characters: any change is half the word
        ("湖糊", "zh-hans"),
        ("ຈນ", "lo"),
        ("xqzv", "en"),
        ("qqqqqqqq", "vi"),
    ],
)
def test_no_suggestion_rather_than_nonsense(engine, query, language):
    assert did_you_mean(engine, query, language) is None


def test_queries_that_find_enough_or_only_known_words_get_no_suggestion(engine):
    assert did_you_mean(engine, "hà nội") is None  # found
    assert did_you_mean(engine, "phở thu") is None  # every word occurs, not together


def test_suggestions_come_from_the_readers_language_and_scope(engine):
    assert did_you_mean(engine, "hanoy", "vi") is None  # "hanoi" is an English word here
    assert did_you_mean(engine, "phở bòo") == Suggestion("phở bò", 1)
    assert did_you_mean(engine, "phở bòo", channel="hanoimoi") is None  # only on badinh


def test_count_is_what_search_finds(engine):
    for query, language in [("hà nội", "vi"), ("govern", "en"), ("nothing", "en"), ("", "vi")]:
        request = SearchRequest(query, language)
        assert engine.count(request) == engine.search(request).total


@pytest.mark.parametrize("query", ['" OR 1=1 --', "title_words:* NEAR(a b)", "\x00", "a" * 300])
def test_hostile_queries_never_raise(engine, query):
    assert did_you_mean(engine, query) is None


def test_vietnamese_suggestions_are_phrases_of_the_index(any_engine):
    any_engine.index([doc(1, "Hạ tầng nối các vùng"), doc(2, "Hà Nội đón khách", channel="badinh")])
    assert did_you_mean(any_engine, "ha noi", channel="hanoimoi") is None  # never "hạ nối"
    assert did_you_mean(any_engine, "ha nọi", channel="badinh") == Suggestion("hà nội", 1)


def test_vietnamese_typed_without_marks_that_finds_its_words_gets_no_suggestion(any_engine):
    any_engine.index([doc(1, "Hạ tầng nối các vùng"), doc(2, "Hà Nội đón khách")])
    assert did_you_mean(any_engine, "ha noi") is None  # finds both, as typed, folded
    assert did_you_mean(any_engine, "ha noi don") is None
    assert did_you_mean(any_engine, "hà nộii") == Suggestion("hà nội", 1)  # a typo still is


@pytest.mark.parametrize(
    ("query", "language", "corrected", "found"),
    [
        ("市正府", "zh-hans", "市政府", ["21"]),  # one character of a word: nothing found
        ("还剑糊的秋天", "zh-hans", "还剑湖的秋天", ["21"]),
        ("ភ្នំពញ", "km", "ភ្នំពេញ", ["41"]),
        ("phở bòo", "vi", "phở bò", ["4"]),
    ],
)
def test_a_misspelt_query_that_finds_little_shows_the_suggestions_results(
    engine, query, language, corrected, found
):
    answer = spelling.search(engine, SearchRequest(query, language))
    assert answer.corrected_from == query and answer.request.text == corrected
    assert [hit["id"] for hit in answer.results.hits] == found
    assert answer.suggestion is None
    as_typed = spelling.search(engine, SearchRequest(query, language), as_typed=True)
    assert as_typed.results.total == 0
    assert as_typed.suggestion is not None and as_typed.suggestion.query == corrected


def test_a_word_of_another_channel_is_not_corrected_into_a_word_of_this_one(any_engine):
    any_engine.index([doc(1, "Tám cây cầu"), doc(2, "Cầu Nhật Tân", channel="badinh")])
    answer = spelling.search(any_engine, SearchRequest("tân", "vi", channel="hanoimoi"))
    assert answer.corrected_from == "" and answer.results.total == 0
    assert answer.suggestion == Suggestion("tám", 1)  # offered, not imposed: Tân is on badinh
    elsewhere = spelling.search(any_engine, SearchRequest("tân", "vi", channel="badinh"))
    assert elsewhere.results.total == 1 and elsewhere.suggestion is None


def test_results_are_kept_when_the_suggestion_finds_no_more(engine):
    answer = spelling.search(engine, SearchRequest("hà nộii mùa thu", "vi"))
    assert answer.corrected_from == "hà nộii mùa thu"  # nothing found: the correction's 1
    kept = spelling.search(engine, SearchRequest("ha nọi", "vi"))  # 2 found through folding
    assert kept.corrected_from == "" and kept.results.total == 2
    assert kept.suggestion == Suggestion("hà nội", 2)


def test_english_suggestions_compare_words_as_written_not_stems(any_engine):
    any_engine.index(
        [
            doc(1, "A startup incubator opens in Cau Giay", language="en"),
            doc(2, "Electric buses join the fleet", language="en"),
        ]
    )
    assert did_you_mean(any_engine, "incubaton", "en") == Suggestion("incubator", 1)
    assert did_you_mean(any_engine, "electrik buses", "en") == Suggestion("electric buses", 1)
