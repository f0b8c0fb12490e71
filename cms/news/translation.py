"""django-modeltranslation registrations: topic names in every language."""

from modeltranslation.translator import TranslationOptions, register

from cms.news.models import Topic


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name",)
