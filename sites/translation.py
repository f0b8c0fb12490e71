"""django-modeltranslation registrations: channel names and agencies in every language."""

from modeltranslation.translator import TranslationOptions, register

from sites.models import Channel


@register(Channel)
class ChannelTranslation(TranslationOptions):
    fields = ("name", "agency")
