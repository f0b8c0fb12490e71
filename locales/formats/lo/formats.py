# Lao date and number formats (Django has none for Lao). Month names come from the
# Lao UI catalogue in locales/locale/lo.
from locales.formats.day_first import *  # noqa: F403

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
