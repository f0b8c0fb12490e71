"""Accreditation and information requests from foreign journalists: a public form on every
site, a queue for the site's press officers in the admin, e-mail to the journalist in their
language at each step, private press-card uploads and erasure after a retention period."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccreditationConfig(AppConfig):
    name = "cms.accreditation"
    label = "accreditation"
    verbose_name = _("Accreditation requests")
