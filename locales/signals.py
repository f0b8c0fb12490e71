"""NFC-normalise text on every model save, whatever the entry point (admin form, import, API,
management command)."""

from __future__ import annotations

import json

from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.fields import StreamField

from locales.text import nfc


@receiver(pre_save, dispatch_uid="locales.nfc_on_save")
def normalise_text_fields(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    for field in instance._meta.concrete_fields:
        if isinstance(field, StreamField):
            value = getattr(instance, field.attname)
            if value is None:
                continue
            prepared = field.get_prep_value(value)
            data = json.loads(prepared) if isinstance(prepared, str) else prepared
            normalised = nfc(data)
            if normalised != data:
                setattr(instance, field.attname, field.to_python(json.dumps(normalised)))
        elif isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, nfc(value))
