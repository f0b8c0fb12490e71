"""Django's own strings that reader pages show (month names in dates) and that Django ships no
Lao translation for. Listed here so ``makemessages`` keeps them in every catalogue."""

from django.utils.translation import gettext_noop

MONTH_NAMES = (
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
)

FORM_ERRORS = (
    gettext_noop("This field is required."),
    gettext_noop("Enter a valid email address."),
)
