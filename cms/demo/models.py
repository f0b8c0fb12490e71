"""A register of what the demo loader created, so that ``seed_demo --remove`` deletes exactly
that and nothing an editor made."""

from django.contrib.contenttypes.models import ContentType
from django.db import models


class DemoObject(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    key = models.CharField(max_length=200, unique=True)

    class Meta:
        verbose_name = "demo object"

    def __str__(self) -> str:
        return self.key
