"""What an issue says in one edition: its editorial and its articles' live translations.

An article counts in a language only through its live page in that locale, which a translation
reaches only by its workflow's final approval (the publication gate); drafts and pages awaiting
review are never shown."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import translation

from cms.bulletins.models import BILINGUAL_LANGUAGES, Issue
from cms.news.models import ArticlePage


@dataclass(frozen=True)
class Story:
    """An article as a bulletin shows it, in one language."""

    language: str
    title: str
    standfirst: str
    url: str


@dataclass
class Edition:
    """An issue in one language, or in the bilingual pair (one row per article, a column per
    language); ``editorials`` and the rows' stories are keyed by language."""

    issue: Issue
    languages: tuple[str, ...]
    editorials: dict[str, str] = field(default_factory=dict)
    rows: list[dict[str, Story]] = field(default_factory=list)

    @property
    def language(self) -> str:
        """The language of the edition's labels: its first."""
        return self.languages[0]

    def name(self, language: str | None = None) -> str:
        return self.issue.bulletin.name(language or self.language)

    def subject(self) -> str:
        with translation.override(self.language):
            return f"{self.name()} — {issue_label(self.issue)}"

    def archive_url(self, language: str | None = None) -> str:
        return absolute(self.issue, "bulletin_issue", language or self.language)

    def pdf_url(self, language: str | None = None) -> str:
        return absolute(self.issue, "bulletin_issue_pdf", language or self.language)

    def text(self) -> str:
        """Every word the edition shows (to choose the PDF's font slices)."""
        words = [self.name(code) for code in self.languages] + list(self.editorials.values())
        for row in self.rows:
            words += [part for story in row.values() for part in (story.title, story.standfirst)]
        return "\n".join(words)


def issue_label(issue: Issue) -> str:
    """ "No. 12, 05/12/2026" in the active language."""
    return translation.gettext("No. %(number)s, %(date)s") % {
        "number": issue.number,
        "date": issue.date.strftime("%d/%m/%Y"),
    }


def site_root(issue: Issue) -> str:
    site = issue.bulletin.channel.site
    return site.root_url if site else ""


def absolute(issue: Issue, name: str, language: str) -> str:
    with translation.override(language):
        path = reverse(name, args=[issue.bulletin.slug, issue.number])
    return site_root(issue) + path


def languages_for(issue: Issue, language: str) -> tuple[str, ...]:
    """The edition a reader of ``language`` gets: the pair for a bilingual issue."""
    if issue.layout == Issue.Layout.BILINGUAL:
        return BILINGUAL_LANGUAGES
    return (language,)


def build(issue: Issue, languages: tuple[str, ...]) -> Edition:
    """The edition of ``issue`` in ``languages``; the first language decides which articles
    appear (those live in it), the others fill their column where they are live too. Three
    queries whatever the number of articles."""
    edition = Edition(issue=issue, languages=languages)
    edition.editorials = {
        editorial.language: editorial.text
        for editorial in issue.editorials.filter(language__in=languages)
        if editorial.text.strip()
    }
    keys = list(issue.items.values_list("article__translation_key", flat=True))
    pages = (
        ArticlePage.objects.live()
        .public()
        .filter(translation_key__in=keys, locale__language_code__in=languages)
        .select_related("locale")
        .only("title", "standfirst", "url_path", "translation_key", "locale__language_code")
    )
    found: dict[tuple, ArticlePage] = {
        (page.translation_key, page.locale.language_code): page for page in pages
    }
    for key in keys:
        if (key, languages[0]) not in found:
            continue
        row = {}
        for language in languages:
            page = found.get((key, language))
            if page is not None:
                row[language] = Story(
                    language, page.title, page.standfirst, page.get_full_url() or ""
                )
        edition.rows.append(row)
    return edition
