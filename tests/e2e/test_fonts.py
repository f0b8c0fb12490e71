"""Chinese, Lao and Khmer pages render with the project's own web fonts in a browser that has no
font for those scripts (Debian's Chromium here has only DejaVu and Liberation), and Lao and
Khmer lines break between words.

Which font drew the text comes from Chromium itself (DevTools ``CSS.getPlatformFontsForNode``):
every run of the script's characters on the page, copied into one test element in the page's
language, must be drawn by the expected web font alone. A character that font lacks would be
drawn by another font or as a missing-glyph box, and show up as a second font in that answer.
"""

import pytest

from tests.e2e.pages import open_menu, reader_pages

SCRIPTS = {
    "zh-hans": ("Noto Sans SC", r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]+"),
    "lo": ("Noto Sans Lao", r"[\u0e80-\u0eff]+"),
    "km": ("Noto Sans Khmer", r"[\u1780-\u17ff\u19e0-\u19ff]+"),
}

# Every run of the script's characters on the page, one per line, in a test element.
COPY_RUNS = """([pattern, id]) => {
  const runs = document.body.innerText.match(new RegExp(pattern, "gu")) || [];
  const box = document.createElement("div");
  box.id = id;
  for (const run of new Set(runs)) {
    box.append(run, document.createElement("br"));
  }
  document.querySelector("main").append(box);
  box.getBoundingClientRect();
  return document.fonts.ready.then(() => runs.length);
}"""

# Character offsets at which the browser broke a paragraph's lines, and ICU's word boundaries.
LINE_BREAKS = """([index, lang]) => {
  const text = document.querySelectorAll(".article__body p")[index].firstChild;
  const range = document.createRange();
  const breaks = [];
  let top = null;
  for (let i = 0; i < text.length; i++) {
    if (/\\s/.test(text.data[i])) continue;
    range.setStart(text, i);
    range.setEnd(text, i + 1);
    const rect = range.getClientRects()[0];
    if (!rect) continue;
    if (top !== null && rect.top > top + 2) breaks.push(i);
    top = rect.top;
  }
  const words = [...new Intl.Segmenter(lang, {granularity: "word"}).segment(text.data)];
  const boundaries = words.map((s) => s.index);
  return {text: text.data, breaks, boundaries};
}"""


def platform_fonts(page, selector: str) -> list[dict]:
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return fonts


def is_web_font(font: dict, family: str) -> bool:
    """A downloaded font of ``family`` (Chromium names it after the file's own name table, for
    example "Noto Sans SC Thin" for fontsource's variable Chinese slices)."""
    return font["isCustomFont"] and font["familyName"].startswith(family)


@pytest.mark.parametrize("code", SCRIPTS)
def test_script_text_is_drawn_by_the_projects_web_font(journey, e2e_server, code):
    family, pattern = SCRIPTS[code]
    page = journey.page
    for name, url in reader_pages(e2e_server, page, code):
        page.goto(url)
        runs = page.evaluate(COPY_RUNS, [pattern, "script-runs"])
        assert runs > 0, f"{name}: no {code} text on {url}"
        journey.snap(name)
        fonts = platform_fonts(page, "#script-runs")
        assert fonts and all(is_web_font(font, family) for font in fonts), (
            f"{name} ({url}): {code} text drawn by {fonts}"
        )
        heading = platform_fonts(page, "h1")
        assert any(is_web_font(font, family) for font in heading), heading
        loaded = page.evaluate(
            """family => [...document.fonts]
                 .filter(f => f.family.replaceAll('"', "") === family && f.status === "loaded")
                 .length""",
            family,
        )
        assert loaded >= 1, f"{name}: document.fonts has no loaded {family} face"


@pytest.mark.parametrize("code", ["lo", "km"])
def test_lao_and_khmer_lines_break_between_words(journey, e2e_server, code):
    page = journey.page
    article = dict(reader_pages(e2e_server, page, code))["article"]
    page.goto(article)
    page.evaluate("document.fonts.ready")
    journey.snap("article")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    inside_words = []
    dictionary_breaks = 0
    paragraphs = page.locator(".article__body p")
    assert paragraphs.count() >= 2
    for index in range(paragraphs.count()):
        found = page.evaluate(LINE_BREAKS, [index, code])
        text, boundaries = found["text"], set(found["boundaries"])
        for offset in found["breaks"]:
            if offset not in boundaries:
                inside_words.append(text[max(0, offset - 8) : offset] + "|" + text[offset:][:8])
            elif not text[offset - 1].isspace():
                dictionary_breaks += 1
    assert inside_words == [], f"lines broken inside words: {inside_words}"
    assert dictionary_breaks > 0, "no line broke between words without a space"


@pytest.mark.parametrize("code", ["vi", "en", "lo"])
def test_language_switcher_names_are_drawn_by_their_fonts(journey, e2e_server, code):
    """Every page names the Chinese, Lao and Khmer editions in their own scripts."""
    page = journey.page
    page.goto(e2e_server.url("hanoimoi", f"/{code}/"))
    open_menu(page)  # on a phone the switcher is in the menu; its fonts load once it is shown
    page.evaluate("async () => { document.body.offsetHeight; await document.fonts.ready; }")
    journey.snap("home")
    for other, (family, _) in SCRIPTS.items():
        if other == code:
            continue
        fonts = platform_fonts(page, f".languages a[hreflang={other}]")
        assert fonts and all(is_web_font(font, family) for font in fonts), (other, fonts)
