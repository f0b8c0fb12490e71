"""The admin and e-mails in English write dates as British English does, as reader pages do:
the day before the month, on the 24-hour clock; a date typed that way is read that way."""

import datetime as dt

from django import forms
from django.utils import formats, translation

DEADLINE = dt.datetime(2026, 12, 6, 17, 5)


def test_english_dates_put_the_day_first_on_the_24_hour_clock():
    with translation.override("en"):
        assert formats.date_format(DEADLINE, "SHORT_DATETIME_FORMAT") == "06/12/2026 17:05"
        assert formats.date_format(DEADLINE, "DATETIME_FORMAT") == "6 Dec 2026, 17:05"
        assert formats.date_format(DEADLINE.date(), "SHORT_DATE_FORMAT") == "06/12/2026"


def test_an_english_date_typed_day_first_is_read_day_first():
    with translation.override("en"):
        field = forms.DateField(localize=True)
        assert field.clean("06/12/2026") == dt.date(2026, 12, 6)
        assert field.clean("2026-12-06") == dt.date(2026, 12, 6)
