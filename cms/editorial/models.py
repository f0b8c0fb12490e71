"""Records of editorial decisions that bypass the normal workflow."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ForcePublication(models.Model):
    """An approver published a page without its workflow's approval, giving a reason."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="force_publications"
    )
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("force publication")
        permissions = [
            ("force_publish", "Can force-publish pages of sites they approve, with a reason"),
            ("view_oversight", "Can view every site's editions read-only"),
        ]

    def __str__(self) -> str:
        return f"{self.page} by {self.user} at {self.created_at:%Y-%m-%d %H:%M}"
