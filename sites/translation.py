"""django-modeltranslation registrations: channel names, agencies and addresses in every
language."""

from modeltranslation.translator import TranslationOptions, register

from sites.models import Channel


@register(Channel)
class ChannelTranslation(TranslationOptions):
    fields = ("name", "agency", "address")
