"""Records of editorial decisions that bypass the normal workflow."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask

from cms.editorial.reasons import Category


class DeskReviewTask(AbstractGroupApprovalTask):
    """Desk review: a second pair of eyes. Any member of the task's groups may approve or
    return the page, except the person who submitted it."""

    @staticmethod
    def _submitted_by(obj, user) -> bool:
        state = obj.current_workflow_state
        return state is not None and state.requested_by_id == user.pk

    def get_actions(self, obj, user):
        if self._submitted_by(obj, user):
            return []
        return super().get_actions(obj, user)

    def user_can_access_editor(self, obj, user):
        return super().user_can_access_editor(obj, user) and not self._submitted_by(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return (
            super()
            .get_task_states_user_can_moderate(user, **kwargs)
            .exclude(workflow_state__requested_by=user)
        )

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups review the page, except whoever submitted it")

    class Meta:
        verbose_name = _("desk review task")
        verbose_name_plural = _("desk review tasks")


class ForcePublication(models.Model):
    """An approver published a page without its workflow's approval, giving a reason."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="force_publications"
    )
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    category = models.CharField(_("category"), max_length=30, choices=Category.choices, blank=True)
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


class OversightNotice(models.Model):
    """An oversight user's in-admin notice of a force publication; read once they open the
    oversight report."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="oversight_notices"
    )
    force_publication = models.ForeignKey(
        ForcePublication, on_delete=models.CASCADE, related_name="notices"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.force_publication} → {self.recipient}"
