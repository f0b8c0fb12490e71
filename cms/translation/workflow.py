"""The workflow finish action with the site's language-completeness policy and the desk's
publication gate. Imported by Wagtail's models module, so everything else is imported inside
the function.

On a site whose editions go out together (``Channel.editions_together``, from the catalogue's
``completeness: {together: [en]}``), a page's first
publication waits until the source and each listed edition are all approved; the approved
revisions are held (and the wait is written to the page's history with the missing editions),
then published at once when the last one is approved.

A translation whose glossary check finds something no reviewer overrode is not published: the
findings go to the page's history and the job returns to review. A translation that fails the
desk's other checks (``cms.translation.gate``: incomplete, out of date, broken markup or
placeholders, wrong script) is not published either: the problems go to the page's history and
the job goes back to its translator."""


def publish_approved(workflow_state, user=None) -> None:
    # Imported here: this module is loaded while Wagtail's models are (see the docstring).
    from cms.editorial.workflow import publish_approved as publish
    from cms.translation import completeness, jobs

    page = workflow_state.content_object
    if jobs.glossary_blocks_publication(page, user):
        return
    if jobs.gate_blocks_publication(page, user):
        return
    missing = completeness.missing_editions(page)
    if missing:
        completeness.hold(page, user, missing)
        return
    publish(workflow_state, user)
    completeness.release_group(page, user)
