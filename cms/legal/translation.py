"""django-modeltranslation registrations: names of issuing bodies and fields in every language."""

from modeltranslation.translator import TranslationOptions, register

from cms.legal.models import IssuingBody, LegalField


@register(IssuingBody)
class IssuingBodyTranslation(TranslationOptions):
    fields = ("name",)


@register(LegalField)
class LegalFieldTranslation(TranslationOptions):
    fields = ("name",)
