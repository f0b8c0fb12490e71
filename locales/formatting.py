"""Locale-correct formatting for reader pages, from CLDR (babel): dates and times in Hanoi's
time zone with the zone shown, numbers, opening hours, and the punctuation after a label.

One policy for every edition language, applied by the reader template filters and tags
(``cms/core/templatetags/reader_format.py``):

- Every date and time is shown in ``Asia/Ho_Chi_Minh`` with its offset ("GMT+7", in the
  language's own GMT format), whatever the server's or the reader's time zone.
- English is British English (``en_GB``, as ``og:locale``): "1 December 2026, 12:00 GMT+7".
- Times use the 24-hour clock in every language (as Vietnamese, British and Chinese news sites
  do; Khmer's CLDR default would put a Latin "AM/PM" in Khmer text).
- Digits: Khmer pages use Khmer digits (០–៩) everywhere, as Khmer news sites and the Khmer
  demo text do; Lao pages use Western digits (0–9) everywhere, as Lao news sites and the
  CLDR default for Lao do. Lao digits (໐–໙) and Western digits in Khmer text are converted.
- A label ends with the language's colon: "：" (full width, no space) in Chinese, "៖ " in
  Khmer, ": " otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton, get_day_names
from babel.lists import format_list
from babel.numbers import format_decimal

READER_TIME_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")

#: The CLDR locale of each edition language.
BABEL_LOCALES = {"vi": "vi", "en": "en_GB", "zh-hans": "zh_Hans_CN", "lo": "lo", "km": "km"}

_WESTERN = "0123456789"
#: Per language, the digits its pages show (the digit policy above).
DIGITS = {"km": "០១២៣៤៥៦៧៨៩"}
_LAO = "໐໑໒໓໔໕໖໗໘໙"

LABEL_COLONS = {"zh-hans": "：", "km": "៖ "}
DEFAULT_LABEL_COLON = ": "

#: Between a day range and its hours, and between the first and last day of a range.
_HOURS_SEPARATORS = {"zh-hans": ("，", "至")}
_DEFAULT_HOURS_SEPARATORS = (", ", " – ")

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def babel_locale(code: str) -> Locale:
    """The CLDR locale for an edition language (Vietnamese for an unknown code)."""
    return Locale.parse(BABEL_LOCALES.get(code, "vi"))


def digits(text: str, code: str) -> str:
    """``text`` with its digits in the language's digit policy."""
    native = DIGITS.get(code)
    if native is None:
        return text.translate(str.maketrans(_LAO, _WESTERN))
    return text.translate(str.maketrans(_WESTERN + _LAO, native + native))


def _local(value: dt.datetime | dt.date) -> dt.datetime | dt.date:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(READER_TIME_ZONE)
    return value


def zone_label(value: dt.datetime, code: str) -> str:
    """The reader time zone's offset at ``value`` in the language's GMT format ("GMT+7")."""
    offset = READER_TIME_ZONE.utcoffset(value.replace(tzinfo=None)) or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    amount = f"{sign}{hours}" + (f":{rest:02d}" if rest else "")
    pattern = babel_locale(code).zone_formats.get("gmt", "GMT%s")
    return digits(pattern % amount, code)


def format_date(value: dt.datetime | dt.date, code: str) -> str:
    """The day of ``value`` in Hanoi, in the language's long date format."""
    local = _local(value)
    return digits(babel_format_date(local, "long", locale=babel_locale(code)), code)


def format_time(value: dt.datetime, code: str) -> str:
    """The time of ``value`` in Hanoi, 24-hour clock, with the zone."""
    local = (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).astimezone(READER_TIME_ZONE)
    time = format_skeleton("Hm", local, locale=babel_locale(code))
    return f"{digits(time, code)} {zone_label(local, code)}"


def format_datetime(value: dt.datetime, code: str) -> str:
    """Date, time and zone of ``value`` in Hanoi, joined as the language joins them; where
    the language puts the time first, a comma keeps the zone's digits from the day's."""
    pattern = babel_locale(code).datetime_formats["long"]
    if not isinstance(pattern, str):
        pattern = "{1}, {0}"
    if pattern.startswith("{0}") and "," not in pattern:
        pattern = "{0}, {1}"
    return pattern.format(format_time(value, code), format_date(value, code))


def format_number(value: int | float, code: str) -> str:
    """A count or amount with the language's grouping and digits."""
    return digits(format_decimal(value, locale=babel_locale(code)), code)


def label_colon(code: str) -> str:
    """What follows a label in the language: its colon, and a space where it uses one."""
    return LABEL_COLONS.get(code, DEFAULT_LABEL_COLON)


def format_hours(days: Sequence[str], opens: dt.time, closes: dt.time, code: str) -> str:
    """Opening hours: "Monday – Friday, 08:00–17:00"; consecutive days (three or more) as a
    range, others as a list, with the language's day names and time interval."""
    locale = babel_locale(code)
    names = get_day_names("wide", locale=locale)
    comma, through = _HOURS_SEPARATORS.get(code, _DEFAULT_HOURS_SEPARATORS)
    indexes = [WEEKDAYS.index(day) for day in days]
    consecutive = indexes == list(range(indexes[0], indexes[0] + len(indexes)))
    if consecutive and len(indexes) >= 3:
        day_text = f"{names[indexes[0]]}{through}{names[indexes[-1]]}"
    else:
        day_text = format_list([names[i] for i in indexes], locale=locale)
    today = dt.date(2026, 1, 5)  # any day: only the time of day is formatted
    start = format_skeleton("Hm", dt.datetime.combine(today, opens), locale=locale)
    end = format_skeleton("Hm", dt.datetime.combine(today, closes), locale=locale)
    return digits(f"{day_text}{comma}{start}–{end}", code)
