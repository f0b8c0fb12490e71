"""django-modeltranslation registrations: the competent agencies' texts in every language."""

from modeltranslation.translator import TranslationOptions, register

from cms.procedures.models import Agency


@register(Agency)
class AgencyTranslation(TranslationOptions):
    fields = ("name", "address", "opening_hours")
