"""PDFs are handed only the font files their text needs, and still carry every script."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from locales import pdf

LAO = "ນະຄອນຫຼວງວຽງຈັນ"
KHMER = "រាជធានីភ្នំពេញ"
CHINESE = "河内市外事办公室"


def _files(rules: str) -> list[str]:
    return re.findall(r'url\("file://[^"]*/([^/"]+)"\)', rules)


def test_a_vietnamese_document_is_given_no_lao_khmer_or_chinese_ideograph_font():
    files = _files(pdf.font_rules("<h1>Báo cáo quý của quận Ba Đình</h1>"))
    assert not any("lao" in name or "khmer" in name for name in files)
    # the few Chinese slices that also hold Latin and Vietnamese letters or punctuation, in two
    # weights, out of some two hundred files
    assert len(files) <= 12 < len(pdf.faces())


def test_each_script_brings_only_the_files_holding_its_characters():
    rules = pdf.font_rules(f"<p>{LAO}</p><p>{KHMER}</p><p>{CHINESE}</p>")
    files = _files(rules)
    assert len(files) == len(set(files))
    assert {"noto-sans-lao-lao-400-normal.woff2", "noto-sans-khmer-khmer-700-normal.woff2"} <= set(
        files
    )
    chinese = [name for name in files if name.startswith("noto-sans-sc-")]
    assert 0 < len(chinese) < 20 < len([f for f in pdf.faces() if f.family == "Noto Sans SC"])
    for character in CHINESE:
        assert any(
            face.path.name in files and face.covers([ord(character)]) for face in pdf.faces()
        )
    stack = re.search(r"body \{ font-family: (.*), sans-serif; \}", rules)
    assert stack and stack[1].startswith('"Noto Sans Lao", "Noto Sans Khmer", "DejaVu Sans"')
    assert '"Noto Sans SC ' in stack[1]


def test_the_pdf_carries_every_script_in_embedded_fonts():
    html = f'<p lang="lo">{LAO}</p><p lang="km">{KHMER}</p><p lang="zh-Hans">{CHINESE}</p>'
    reader = PdfReader(io.BytesIO(pdf.render(f"<html><body>{html}</body></html>")))
    text = "".join(page.extract_text() for page in reader.pages).replace(" ", "")
    assert CHINESE in text and LAO[:4] in text and KHMER[:3] in text
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("Lao" in font for font in fonts) and any("Khmer" in font for font in fonts)
    assert any("SC" in font for font in fonts), fonts
