"""Roles and their least privileges, per site and per language.

| role | group | may |
|---|---|---|
| editor | ``<site>: editors`` | add and edit pages in the site's Vietnamese tree, upload to the site's collection, submit for approval, send to translation; never publish |
| approver | ``<site>: approvers`` | review and approve the site's pages in every edition (workflow tasks), lock/unlock; force-publish with a written reason; never edit freely elsewhere |
| translator | ``translators: <lang>`` | add and edit pages in the <lang> tree of every site; never the Vietnamese source, never another language |
| language reviewer | ``reviewers: <lang>`` | edit, lock and approve (language review task) pages in the <lang> trees |
| oversight | ``oversight`` | read-only: the admin's oversight report across every site, no edit rights |
| administrator | Django superuser | everything; kept to platform administrators |
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
