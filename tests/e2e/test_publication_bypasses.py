"""The publication bypasses testers found around the translation desk, each tried again in the
browser as the role that found it: the button is looked for where it was, the request the old
button sent is sent from the page itself (with its CSRF token), and the journey ends on the
translated edition's public URL, which must read exactly as before the attempt.

1. A translator converts a live English article to an alias of the Vietnamese one.
2. An editor of one site syncs and publishes, or submits, another site's translations.
3. A translator stops the sync, then types forbidden glossary renderings in the page editor.
4. A translator submits an incomplete Lao translation.
5. A draft translation is deleted: its job ends visibly on the desk.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing

from playwright.sync_api import expect

from tests.e2e.test_editorial_journeys import approve

REASON = "Bản dịch cần biên tập lại trực tiếp, không theo bản tiếng Việt nữa"
DEADLINE = "2099-01-15T17:00"
# A live English article for the alias attempt, and the Vietnamese source and live Lao edition
# of another one for the incomplete translation (the reader journeys visit neither first).
VIENTIANE = "/doi-ngoai/ha-noi-va-vieng-chan-thong-nhat-ke-hoach-hop-tac-nam-toi/"
VIENTIANE_VI = "Hà Nội và Viêng Chăn thống nhất kế hoạch hợp tác năm tới"
# A live English article whose source names the Department of Foreign Affairs, for stop sync.
REVIEW = "/tin-tuc/ha-noi-day-manh-thong-tin-doi-ngoai-da-ngon-ngu/"
REVIEW_EN = "Hanoi steps up multilingual foreign information"
FORBIDDEN = "The Foreign Service Department and the Justice Service asked Viet Kieu readers"
# Another site's article: live in English, unreviewed drafts in Lao, Khmer and Chinese.
BULLETIN = "/ban-tin/ban-tin-doi-ngoai-ha-noi-so-moi-tieu-diem-hop-tac-giua-cac-thu-do-va-ket-noi/"
# A Vietnamese article with an English edition only, sent to Lao and deleted as a draft.
INVESTMENT = "/kinh-te/von-dau-tu-nuoc-ngoai-vao-ha-noi-tiep-tuc-tang/"
INVESTMENT_VI = "Vốn đầu tư nước ngoài vào Hà Nội tiếp tục tăng"

# Sends a form POST from the current admin page, with its CSRF token, as the old button did.
POST_FROM_PAGE = """async ([url, fields]) => {
  const body = new FormData();
  body.append("csrfmiddlewaretoken",
    document.querySelector("input[name=csrfmiddlewaretoken]").value);
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  const response = await fetch(url, {method: "POST", body, credentials: "same-origin"});
  return {status: response.status, url: response.url, text: await response.text()};
}"""


def query(server, sql: str, *params):
    """One row from the live server's database (ids for admin URLs)."""
    with closing(sqlite3.connect(server.folder / "db.sqlite3")) as db:
        return db.execute(sql, params).fetchone()


def translation_ids(server, source_path: str, language: str) -> tuple[int, int]:
    """(wagtail-localize translation source id, translation id) of the page at Wagtail
    ``source_path`` into ``language``."""
    return query(
        server,
        "SELECT s.id, t.id FROM wagtail_localize_translation t"
        " JOIN wagtail_localize_translationsource s ON s.id = t.source_id"
        " JOIN wagtailcore_page p ON p.translation_key = s.object_id AND p.locale_id = s.locale_id"
        " JOIN wagtailcore_locale l ON l.id = t.target_locale_id"
        " WHERE p.url_path = ? AND l.language_code = ?",
        source_path,
        language,
    )


def post_from_page(page, url: str, fields: dict[str, str] | None = None) -> dict:
    return page.evaluate(POST_FROM_PAGE, [url, fields or {}])


def assert_refused(page, url: str, fields: dict[str, str] | None = None) -> None:
    """The POST is refused: Wagtail's admin answers "no permission" (403, or the dashboard with
    its message)."""
    answer = post_from_page(page, url, fields)
    assert answer["status"] == 403 or (
        answer["url"].endswith("/admin/") and "do not have permission" in answer["text"]
    ), f"{url} was not refused: {answer['status']} {answer['url']}"


def edition(journey, site: str, path: str) -> dict[str, object]:
    """What a reader sees at ``path``: status, language, title, standfirst and body text."""
    reader = journey.contexts[0].pages[0]
    response = reader.goto(journey.server.url(site, path))
    texts = {
        name: reader.locator(selector).all_inner_texts()
        for name, selector in (
            ("title", "h1"),
            ("standfirst", ".article__standfirst"),
            ("body", ".article__body"),
        )
    }
    return {
        "status": response.status,
        "lang": reader.locator("html").get_attribute("lang"),
        **texts,
    }


def footer_actions(page) -> list[str]:
    """The labels of the editor footer's actions a person can see, its menu opened."""
    footer = page.locator("footer").first
    toggle = footer.locator(".w-dropdown__toggle")
    if toggle.count() and toggle.first.is_visible():
        toggle.first.click()
    return [
        " ".join(action.inner_text().split())
        for action in footer.locator("button, a").all()
        if action.is_visible() and action.inner_text().strip()
    ]


def send_to_lao(journey, editor, page_id: int, title: str) -> None:
    """The site's editor sends a Vietnamese page to Lao translation from its editor."""
    editor.goto(journey.server.url("hanoimoi", f"/admin/pages/{page_id}/edit/"))
    editor.locator("header").get_by_role("button", name="Actions").click()
    editor.get_by_role("link", name="Send to translation").click()
    expect(editor.locator("main")).to_contain_text(title)
    editor.get_by_label("Lao").check()
    editor.locator("input[name=deadline]").fill(DEADLINE)
    editor.get_by_role("button", name="Send to translation").click()
    expect(editor.locator(".messages")).to_contain_text("1 translation jobs created")
    journey.snap("sent to Lao translation")


def claim_lao_job(journey, title: str):
    """The Lao translator claims and starts the job for ``title``; returns their page, on it."""
    translator = journey.switch_to("translator.lo")
    translator.goto(journey.server.url("hanoimoi", "/admin/desk/queue/lo/"))
    translator.get_by_role("link", name=title).first.click()
    translator.get_by_role("button", name="Claim", exact=True).click()
    translator.get_by_role("button", name="Start", exact=True).click()
    expect(translator.locator(".messages")).to_contain_text("In progress")
    journey.snap("Lao job started")
    return translator


def test_translator_cannot_convert_a_live_english_article_to_an_alias(journey, e2e_server):
    before = edition(journey, "hanoimoi", f"/en{VIENTIANE}")
    assert before["status"] == 200 and before["lang"] == "en"
    page_id = e2e_server.page_id(f"/hanoimoi-en{VIENTIANE}")

    translator = journey.switch_to("translator.en")
    translator.goto(e2e_server.url("hanoimoi", f"/admin/pages/{page_id}/edit/"))
    offered = footer_actions(translator)
    journey.snap("translation editor, footer menu open")
    assert "Convert to alias page" not in offered, offered
    expect(translator.get_by_text("Convert to alias page")).to_have_count(0)

    convert = f"/admin/localize/page/{page_id}/convert_to_alias/"
    assert_refused(translator, convert)
    assert_refused(translator, convert, {"reason": REASON})
    assert_refused(
        translator, f"/admin/pages/{page_id}/edit/", {"localize-convert-to-alias": "Convert"}
    )

    assert edition(journey, "hanoimoi", f"/en{VIENTIANE}") == before
    journey.snap("the English URL still serves English")


def test_editor_cannot_publish_or_submit_another_sites_translations(journey, e2e_server):
    languages = ("en", "lo", "km", "zh-hans")
    before = {code: edition(journey, "songoaivu", f"/{code}{BULLETIN}") for code in languages}
    assert before["en"]["status"] == 200
    assert {before[code]["status"] for code in ("lo", "km", "zh-hans")} == {404}, before
    source_id, _ = translation_ids(e2e_server, f"/songoaivu{BULLETIN}", "en")
    page_id = e2e_server.page_id(f"/songoaivu{BULLETIN}")

    editor = journey.switch_to("editor.hanoimoi")
    update = f"/admin/localize/update/{source_id}/"
    submit = f"/admin/localize/submit/page/{page_id}/"
    editor.goto(e2e_server.url("hanoimoi", update))
    expect(editor.locator(".messages")).to_contain_text("do not have permission")
    editor.goto(e2e_server.url("hanoimoi", submit))
    expect(editor.locator(".messages")).to_contain_text("do not have permission")
    journey.snap("another site's sync and submit views refused")
    assert_refused(editor, update, {"publish_translations": "on"})
    locale_ids = [
        str(query(e2e_server, "SELECT id FROM wagtailcore_locale WHERE language_code = ?", code)[0])
        for code in languages
    ]
    assert_refused(editor, submit, {"locales": locale_ids[0]})

    after = {code: edition(journey, "songoaivu", f"/{code}{BULLETIN}") for code in languages}
    assert after == before
    journey.snap("the other site's English edition, unchanged")


def test_translator_cannot_stop_sync_nor_publish_forbidden_terms(journey, e2e_server):
    before = edition(journey, "hanoimoi", f"/en{REVIEW}")
    assert before["title"] == [REVIEW_EN]
    page_id = e2e_server.page_id(f"/hanoimoi-en{REVIEW}")
    _, translation_id = translation_ids(e2e_server, f"/hanoimoi{REVIEW}", "en")
    edit = e2e_server.url("hanoimoi", f"/admin/pages/{page_id}/edit/")
    stop = f"/admin/localize/translate/{translation_id}/disable/"

    # 1. Neither the translator nor the reviewer is offered Stop sync, nor can they post it.
    for who in ("translator.en", "reviewer.en"):
        user = journey.switch_to(who)
        user.goto(edit)
        offered = footer_actions(user)
        journey.snap(f"{who}: translation editor, footer menu open")
        assert "Stop Synced translation" not in offered, offered
        assert_refused(user, stop)
        assert_refused(user, stop, {"reason": REASON})

    # 2. The site's approver stops it, with a reason; the page is now edited in the page editor.
    approver = journey.switch_to("approver.hanoimoi")
    approver.goto(edit)
    approver.locator("footer .w-dropdown__toggle").first.click()
    approver.locator("footer").get_by_role("button", name="Stop Synced translation").click()
    approver.fill("textarea[name=reason]", REASON)
    journey.snap("approver gives the reason")
    approver.locator("main").get_by_role("button", name="Stop Synced translation").click()
    expect(approver.locator(".messages")).to_contain_text("Translation has been stopped")

    # 3. The translator types forbidden renderings and uses every button offered to them.
    translator = journey.switch_to("translator.en")
    translator.goto(edit)
    translator.fill("textarea[name=standfirst]", f"{FORBIDDEN}.")
    offered = footer_actions(translator)
    journey.snap("forbidden terms typed, footer menu open")
    assert not any(label.startswith("Publish") for label in offered), offered
    translator.get_by_role("button", name="Submit to hanoimoi: translation en").click()
    expect(translator.locator(".messages")).to_contain_text("submitted")
    journey.snap("submitted to the translation workflow")

    # 4. The language reviewer and the site's approver approve in the workflow.
    approve(journey, "reviewer.en", REVIEW_EN)
    approve(journey, "approver.hanoimoi", REVIEW_EN)

    journey.switch_to("approver.hanoimoi").goto(
        e2e_server.url("hanoimoi", f"/admin/pages/{page_id}/history/")
    )
    refusal = journey.page.locator("main tr", has_text="Not published")
    expect(refusal).to_contain_text("must not be rendered as “Foreign Service Department”")
    expect(refusal).to_contain_text("“Justice Service”")
    expect(refusal).to_contain_text("“Viet Kieu”")
    journey.snap("publication refused, in the page history")
    after = edition(journey, "hanoimoi", f"/en{REVIEW}")
    assert after == before
    assert "Foreign Service Department" not in str(after)


def test_incomplete_lao_translation_is_refused_naming_its_segments(journey, e2e_server):
    before = edition(journey, "hanoimoi", f"/lo{VIENTIANE}")
    assert before["status"] == 200 and before["lang"] == "lo"
    page_id = e2e_server.page_id(f"/hanoimoi{VIENTIANE}")
    standfirst = "Hai thủ đô bổ sung chương trình trao đổi sinh viên và nghệ sĩ từ năm tới."

    # The source gains a sentence, through its own workflow, then goes to Lao translation.
    editor = journey.switch_to("editor.hanoimoi")
    editor.goto(e2e_server.url("hanoimoi", f"/admin/pages/{page_id}/edit/"))
    editor.fill("textarea[name=standfirst]", standfirst)
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Submit to hanoimoi: source").click()
    expect(editor.locator(".messages")).to_contain_text("submitted for moderation")
    approve(journey, "desk.hanoimoi", VIENTIANE_VI)
    approve(journey, "approver.hanoimoi", VIENTIANE_VI)
    journey.page = editor
    send_to_lao(journey, editor, page_id, VIENTIANE_VI)

    # The Lao translator submits without translating the new sentence.
    translator = claim_lao_job(journey, VIENTIANE_VI)
    translator.get_by_role("button", name="Submit for review").click()
    refusal = translator.locator(".messages")
    expect(refusal).to_contain_text("Not ready for review")
    expect(refusal).to_contain_text("segments translated; every segment must be")
    expect(refusal).to_contain_text("segment 3: not translated")  # the new standfirst
    journey.snap("submission refused, naming the segment")
    expect(translator.locator("dd").filter(has_text="In progress")).to_have_count(1)

    after = edition(journey, "hanoimoi", f"/lo{VIENTIANE}")
    assert after == before
    assert standfirst not in str(after)


def test_deleted_draft_translation_ends_its_job_visibly(journey, e2e_server):
    lao_url = f"/lo{INVESTMENT}"
    before = edition(journey, "hanoimoi", lao_url)
    assert before["status"] == 404
    editor = journey.switch_to("editor.hanoimoi")
    send_to_lao(journey, editor, e2e_server.page_id(f"/hanoimoi{INVESTMENT}"), INVESTMENT_VI)
    translator = claim_lao_job(journey, INVESTMENT_VI)
    job_url = translator.url
    draft_id = e2e_server.page_id(f"/hanoimoi-lo{INVESTMENT}")

    # The translator is offered no Delete, and the delete view refuses them.
    translator.goto(e2e_server.url("hanoimoi", f"/admin/pages/{draft_id}/edit/"))
    offered = footer_actions(translator)
    journey.snap("Lao draft in the translation editor, footer menu open")
    assert "Delete" not in offered, offered
    assert_refused(translator, f"/admin/pages/{draft_id}/delete/", {"reason": REASON})

    # The site's approver deletes the draft, giving the reason.
    approver = journey.switch_to("approver.hanoimoi")
    approver.goto(e2e_server.url("hanoimoi", f"/admin/pages/{draft_id}/edit/"))
    approver.locator("footer .w-dropdown__toggle").first.click()
    approver.locator("footer").get_by_role("link", name="Delete").click()
    approver.fill("textarea[name=reason]", REASON)
    journey.snap("approver gives the reason")
    approver.locator("main").get_by_role("button", name="Delete").click()
    expect(approver.locator(".messages")).to_contain_text("deleted")

    # The translator finds the job cancelled on the desk, with the reason.
    journey.page = translator
    translator.goto(job_url)
    status = translator.locator("dt", has_text="Status").locator("xpath=following-sibling::dd[1]")
    expect(status).to_have_text("Cancelled")
    expect(translator.locator("main")).to_contain_text(REASON)
    journey.snap("the job, cancelled with the reason")
    assert edition(journey, "hanoimoi", lao_url) == before
