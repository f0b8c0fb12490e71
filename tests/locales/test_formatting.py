"""Locale-correct formatting from CLDR: Hanoi time with its zone in every language, British
English, the digit policy (Khmer digits on Khmer pages, Western digits on Lao pages) and each
language's colon after a label."""

import datetime as dt

import pytest

from locales import formatting

# 05:00 UTC is noon in Hanoi.
NOON_IN_HANOI = dt.datetime(2026, 12, 1, 5, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("vi", "12:00 GMT+7, 1 tháng 12, 2026"),
        ("en", "1 December 2026, 12:00 GMT+7"),
        ("zh-hans", "2026年12月1日 12:00 GMT+7"),
        ("lo", "1 ທັນວາ 2026, 12:00 GMT+7"),
        ("km", "១ ធ្នូ ២០២៦, ១២:០០ ម៉ោង\u200bសកល +៧"),
    ],
)
def test_dates_are_shown_in_hanoi_time_with_the_zone_in_every_language(code, expected):
    assert formatting.format_datetime(NOON_IN_HANOI, code) == expected


def test_english_is_british_day_month_year_on_the_24_hour_clock():
    text = formatting.format_datetime(dt.datetime(2026, 3, 4, 13, 30, tzinfo=dt.UTC), "en")
    assert text == "4 March 2026, 20:30 GMT+7"
    assert "p.m." not in text and "PM" not in text


def test_the_day_is_the_day_in_hanoi_not_in_utc():
    late_evening_utc = dt.datetime(2026, 12, 31, 20, 0, tzinfo=dt.UTC)
    assert formatting.format_date(late_evening_utc, "en") == "1 January 2027"


@pytest.mark.parametrize(
    ("code", "expected"),
    [("vi", "12.345"), ("en", "12,345"), ("zh-hans", "12,345"), ("lo", "12.345"), ("km", "១២,៣៤៥")],
)
def test_counts_use_the_language_grouping_and_digit_policy(code, expected):
    assert formatting.format_number(12345, code) == expected


def test_khmer_text_gets_khmer_digits_and_lao_text_western_digits():
    assert formatting.digits("Trang 3 / 12", "km") == "Trang ៣ / ១២"
    assert formatting.digits("໓ ແລະ 4", "lo") == "3 ແລະ 4"
    assert formatting.digits("3", "en") == "3"


@pytest.mark.parametrize(
    ("code", "colon"), [("vi", ": "), ("en", ": "), ("zh-hans", "："), ("lo", ": "), ("km", "៖ ")]
)
def test_a_label_ends_with_the_language_colon(code, colon):
    assert formatting.label_colon(code) == colon


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("vi", "Thứ Hai – Thứ Sáu, 8:00–17:00"),
        ("en", "Monday – Friday, 08:00–17:00"),
        ("zh-hans", "星期一至星期五，08:00–17:00"),
        ("lo", "ວັນຈັນ – ວັນສຸກ, 08:00–17:00"),
        ("km", "ច័ន្ទ – សុក្រ, ០៨:០០–១៧:០០"),
    ],
)
def test_opening_hours_use_the_language_day_names(code, expected):
    weekdays = ["mon", "tue", "wed", "thu", "fri"]
    assert formatting.format_hours(weekdays, dt.time(8), dt.time(17), code) == expected


def test_two_days_are_listed_rather_than_given_as_a_range():
    assert (
        formatting.format_hours(["sat", "sun"], dt.time(8), dt.time(11, 30), "en")
        == "Saturday and Sunday, 08:00–11:30"
    )
