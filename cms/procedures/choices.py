"""The fixed vocabularies of a procedure record: its field and who may apply. Labels come
from the UI catalogues, so every edition names them in its own language."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Field(models.TextChoices):
    """The field (lĩnh vực) a procedure belongs to."""

    LABOUR = "labour", _("Labour and employment")
    IMMIGRATION = "immigration", _("Entry, exit and residence")
    CIVIL_STATUS = "civil-status", _("Civil status")
    JUDICIAL_RECORDS = "judicial-records", _("Judicial records")
    FOREIGN_NGOS = "foreign-ngos", _("Foreign non-governmental organisations")
    PRESS = "press", _("Press and media")
    FOREIGN_AFFAIRS = "foreign-affairs", _("International conferences and cooperation")


class Applicant(models.TextChoices):
    """Who may apply for a procedure."""

    FOREIGN_INDIVIDUALS = "foreign-individuals", _("Foreign individuals")
    FOREIGN_ORGANISATIONS = "foreign-organisations", _("Foreign organisations and businesses")
    FOREIGN_NGOS = "foreign-ngos", _("Foreign non-governmental organisations")
    FOREIGN_PRESS = "foreign-press", _("Foreign journalists and press agencies")
    EMPLOYERS = "employers", _("Employers of foreign workers")
    OVERSEAS_VIETNAMESE = "overseas-vietnamese", _("Overseas Vietnamese")
    VIETNAMESE_CITIZENS = "vietnamese-citizens", _("Vietnamese citizens")
