"""Roles and their least privileges, per site and per language.

- editor (``<site>: editors``): adds and edits pages in the site's Vietnamese tree, uploads to
  the site's collection, submits for approval (desk review by a colleague); never publishes.
- approver (``<site>: approvers``): approves the site's pages in every edition (workflow
  tasks), locks and unlocks; may force-publish with a written reason; cannot publish directly.
- translator (``translators: <lang>``): adds and edits pages in the <lang> tree of every site;
  never the Vietnamese source, never another language.
- language reviewer (``reviewers: <lang>``): edits, locks and approves (language review task)
  pages in the <lang> trees.
- oversight (``oversight``): read-only oversight report across every site; no edit rights.
- administrator (Django superuser): everything; kept to platform administrators.
"""

from __future__ import annotations

EDITORS = "editors"
APPROVERS = "approvers"
OVERSIGHT_GROUP = "oversight"

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "lock_page")
APPROVER_PAGE_PERMISSIONS = ("change_page", "lock_page", "unlock_page")
TRANSLATOR_PAGE_PERMISSIONS = ("add_page", "change_page")
REVIEWER_PAGE_PERMISSIONS = ("change_page", "lock_page", "unlock_page")

EDITOR_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)
READER_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "choose_document"),
)

ADMIN_ACCESS = ("wagtailadmin", "access_admin")
EDITOR_MODEL_PERMISSIONS = (
    ADMIN_ACCESS,
    ("news", "add_author"),
    ("news", "change_author"),
    ("wagtail_localize", "submit_translation"),
)
APPROVER_MODEL_PERMISSIONS = (ADMIN_ACCESS, ("editorial", "force_publish"))
TRANSLATOR_MODEL_PERMISSIONS = (ADMIN_ACCESS,)
REVIEWER_MODEL_PERMISSIONS = (ADMIN_ACCESS,)
OVERSIGHT_MODEL_PERMISSIONS = (ADMIN_ACCESS, ("editorial", "view_oversight"))


def translators_group(language: str) -> str:
    return f"translators: {language}"


def reviewers_group(language: str) -> str:
    return f"reviewers: {language}"
