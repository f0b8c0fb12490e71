"""The translator journey: an editor sends a published Vietnamese article to English
translation; the English translator claims the job at the desk, sees the memory matches and the
glossary term (at the desk and beside each segment in the translation editor, where one match is
used with a click), applies the remaining memory and submits; the English reviewer approves at
the desk, the site's approver approves the workflow step, and readers see the English edition."""

import re

from playwright.sync_api import expect

from tests.e2e.pages import open_menu
from tests.e2e.server import UNTRANSLATED, UNTRANSLATED_EN, UNTRANSLATED_SLUG

SOURCE = UNTRANSLATED["translations"]["vi"]
TITLE_VI = SOURCE["title"]
TITLE_EN = UNTRANSLATED_EN[TITLE_VI]
PARAGRAPH_VI = SOURCE["body"][0]["paragraph"]
PARAGRAPH_EN = UNTRANSLATED_EN[PARAGRAPH_VI]
ARTICLE_PATH = f"/{UNTRANSLATED['section']}/{UNTRANSLATED_SLUG}/"


def job_updated(page, status: str) -> None:
    expect(page.locator(".messages")).to_contain_text(f"Job updated: {status}")


def test_article_translated_into_english_reviewed_and_published(journey, e2e_server):
    server = e2e_server

    # 1. The editor sends the published article to English translation, with a deadline.
    editor = journey.switch_to("editor.hanoimoi")
    page_id = server.page_id(f"/hanoimoi{ARTICLE_PATH}")
    editor.goto(server.url("hanoimoi", f"/admin/pages/{page_id}/edit/"))
    editor.locator("header").get_by_role("button", name="Actions").click()
    editor.get_by_role("link", name="Send to translation").click()
    expect(editor.locator("main")).to_contain_text(TITLE_VI)
    editor.get_by_label("English").check()
    editor.locator("input[name=deadline]").fill("2099-01-15T17:00")
    journey.snap("send to translation")
    editor.get_by_role("button", name="Send to translation").click()
    expect(editor.locator(".messages")).to_contain_text("1 translation jobs created")
    journey.snap("job created")

    # 2. The English translator claims the job, sees memory and glossary, applies and submits.
    translator = journey.switch_to("translator.en")
    translator.goto(server.url("hanoimoi", "/admin/desk/"))
    translator.locator("a[href$='/admin/desk/queue/en/']").click()
    journey.snap("English queue")
    translator.get_by_role("link", name=TITLE_VI).click()
    translator.get_by_role("button", name="Claim", exact=True).click()
    job_updated(translator, "Assigned")
    translator.get_by_role("button", name="Start", exact=True).click()
    job_updated(translator, "In progress")
    job_url = translator.url
    segments = translator.locator("table.listing tbody")
    expect(segments.locator("td", has_text="Exact").filter(has_text=PARAGRAPH_EN)).to_have_count(1)
    expect(segments.locator(".desk-term")).to_contain_text(
        "Sở Ngoại vụ → Hanoi Department of Foreign Affairs"
    )
    journey.snap("memory match and glossary term")

    translator.get_by_role("link", name="Open in the translation editor").click()
    segment = translator.locator(
        ".js-translation-editor li", has=translator.locator("p", has_text=PARAGRAPH_VI)
    ).last
    expect(segment.locator("p mark.desk-term")).to_have_text("Sở Ngoại vụ")
    expect(segment.locator(".desk-match")).to_contain_text("Exact")
    expect(segment.locator(".desk-match [lang=en]")).to_have_text(PARAGRAPH_EN)
    journey.snap("matches and terms beside the segment in the editor")
    segment.locator(".desk-match").get_by_role("button", name="Use").click()
    translator.wait_for_load_state()
    segment = translator.locator(
        ".js-translation-editor li", has=translator.locator("p", has_text=PARAGRAPH_VI)
    ).last
    expect(segment).to_contain_text(PARAGRAPH_EN)
    expect(segment.locator(".desk-match")).to_have_count(0)
    journey.snap("match used in the editor")
    translator.goto(job_url)
    translator.get_by_role("button", name="Apply all exact memory matches").click()
    expect(translator.locator(".messages")).to_contain_text(
        re.compile(r"\d+ segments filled from the translation memory")
    )
    expect(translator.locator("dd", has_text="%")).to_have_text("100%")
    journey.snap("memory applied")
    translator.get_by_role("button", name="Submit for review").click()
    job_updated(translator, "In review")
    journey.snap("submitted for review")

    # 3. The English reviewer approves at the desk, the site's approver publishes.
    reviewer = journey.switch_to("reviewer.en")
    reviewer.goto(job_url)
    reviewer.get_by_role("button", name="Approve", exact=True).click()
    job_updated(reviewer, "Approved")
    journey.snap("reviewer approved")

    approver = journey.switch_to("approver.hanoimoi")
    row = approver.locator("tr", has_text=TITLE_EN)
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve", exact=True).click()
    approver.wait_for_load_state()
    expect(approver.locator("tr", has_text=TITLE_EN)).to_have_count(0)
    journey.snap("approver approved")

    reader = journey.page = journey.contexts[0].pages[0]
    reader.goto(server.url("hanoimoi", f"/vi{ARTICLE_PATH}"))
    open_menu(reader)
    switch = reader.locator(".languages a[hreflang=en]")
    expect(switch).to_have_attribute("href", re.compile(re.escape(f"/{UNTRANSLATED['key']}")))
    switch.click()
    expect(reader.locator("h1")).to_have_text(TITLE_EN)
    assert reader.url == server.url(
        "hanoimoi", f"/en/{UNTRANSLATED['section']}/{UNTRANSLATED['key']}/"
    )
    expect(reader.locator(".article__body")).to_contain_text(PARAGRAPH_EN)
    journey.snap("English edition, as a reader sees it")
    assert journey.failed_requests == []
