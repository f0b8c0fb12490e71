"""Editors in the admin: an editor writes an article and submits it; a colleague reviews it at
the desk; the site's approver approves; the article is live for readers."""

import re

from playwright.sync_api import expect

SECTION = "/hanoimoi/doi-ngoai/"  # not the first section, which the reader checks visit
STANDFIRST = "Thành phố đưa vào khai thác tuyến xe buýt điện mới qua khu vực ngoại giao đoàn."
PARAGRAPH = "Tuyến xe buýt điện mới chạy 15 phút một chuyến, từ 5 giờ đến 22 giờ hằng ngày."


def write_and_submit(journey, title: str) -> None:
    """The site's editor writes an article in the section and submits it for review."""
    editor = journey.switch_to("editor.hanoimoi")
    editor.goto(journey.server.url("hanoimoi", f"/admin/pages/{journey.server.page_id(SECTION)}/"))
    journey.snap("section in the explorer")
    editor.get_by_role("link", name="Add child page").first.click()
    # a section takes articles, press releases and press calendars: the editor picks an article
    editor.locator("a[href*='/add/news/articlepage/']").click()
    editor.fill("input[name=title]", title)
    editor.fill("textarea[name=standfirst]", STANDFIRST)
    editor.locator("button[title='Insert a block']").first.click()
    editor.get_by_role("option", name="Paragraph").click()
    body = editor.locator(".public-DraftEditor-content").first
    body.click()
    body.type(PARAGRAPH)
    body.blur()  # Draftail writes its hidden input after a pause in typing or on blur
    expect(editor.locator("input[name='body-0-value']")).to_have_value(
        re.compile(re.escape(PARAGRAPH))
    )
    journey.snap("article written")
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Submit to hanoimoi: source").click()
    expect(editor.locator(".messages")).to_contain_text("submitted for moderation")
    journey.snap("submitted")


def approve(journey, who: str, title: str) -> None:
    """``who`` finds the article under "Awaiting your review" on the dashboard and approves."""
    page = journey.switch_to(who)
    row = page.locator("tr", has_text=title)
    row.get_by_role("button", name="Actions").click()
    journey.snap(f"{who} reviews")
    row.get_by_role("button", name="Approve", exact=True).click()
    page.wait_for_load_state()
    expect(page.locator("tr", has_text=title)).to_have_count(0)
    journey.snap(f"{who} approved")


def test_article_written_reviewed_approved_and_published(journey, e2e_server):
    title = "Hà Nội mở thêm tuyến xe buýt điện tới các đại sứ quán"
    reader = journey.page
    reader.goto(e2e_server.url("hanoimoi", "/vi/doi-ngoai/"))

    write_and_submit(journey, title)
    reader.reload()
    assert reader.get_by_role("link", name=title).count() == 0, "published before approval"

    approve(journey, "desk.hanoimoi", title)
    reader.reload()
    assert reader.get_by_role("link", name=title).count() == 0, "published after desk review"

    approve(journey, "approver.hanoimoi", title)

    journey.page = reader
    reader.reload()
    reader.get_by_role("link", name=title).click()
    assert reader.locator("h1").inner_text() == title
    assert PARAGRAPH in reader.locator(".article__body").inner_text()
    journey.snap("published, as a reader sees it")
    assert journey.failed_requests == []


def test_desk_reviewer_approves_in_the_page_editor(journey, e2e_server):
    title = "Hà Nội thí điểm biển báo song ngữ tại phố cổ"
    write_and_submit(journey, title)
    reviewer = journey.switch_to("desk.hanoimoi")
    reviewer.get_by_role("link", name=title).first.click()
    reviewer.get_by_role("button", name="More actions").click()
    reviewer.get_by_role("button", name="Approve", exact=True).click()
    expect(reviewer.locator(".messages")).to_contain_text("has been updated")
    journey.snap("desk reviewer approved in the editor")
    approver = journey.switch_to("approver.hanoimoi")
    expect(approver.locator("tr", has_text=title)).to_have_count(1, timeout=2000)
