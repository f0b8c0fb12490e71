# English in the admin and in e-mails reads as British English, as it does on reader pages
# (locales/formatting.py): the day before the month and the 24-hour clock, so "06/12/2026
# 17:00" is 6 December in Hanoi as it is in London. Typed dates are read day first too.
from locales.formats.day_first import *  # noqa: F403

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
