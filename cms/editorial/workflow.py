"""What happens when a page's workflow is approved. Imported by Wagtail's models module, so it
must not import ``wagtail.models`` itself."""

from cms.core import publishing


def publish_approved(workflow_state, user=None) -> None:
    """Publish the approved revision. Approval is the authority here: approvers hold no
    general publish permission (so they cannot bypass the workflow from the editor), yet their
    final approval publishes, and says so to the publication gates."""
    with publishing.route(publishing.APPROVAL):
        workflow_state.content_object.get_latest_revision().publish(
            user=user, skip_permission_checks=True
        )
