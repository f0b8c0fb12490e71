"""django-modeltranslation registrations for the core app's reference data."""

from modeltranslation.translator import TranslationOptions, register

from cms.core.models import SiteSettings


@register(SiteSettings)
class SiteSettingsTranslation(TranslationOptions):
    fields = ("footer_text", "address")
