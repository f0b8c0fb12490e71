"""The printed issue: the text of every script is in the PDF (extracted with pypdf), set in
the project's own fonts, embedded."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from cms.bulletins import content, pdf
from tests.cms.bulletins.conftest import TITLES

pytestmark = pytest.mark.django_db


def _embedded_fonts(reader: PdfReader) -> dict[str, bool]:
    """Each font's name and whether its file is in the PDF."""
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described["/FontDescriptor"]
            fonts[str(font["/BaseFont"]).split("+")[-1]] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    return fonts


def _squeezed(text: str) -> str:
    """Without white space (pypdf puts spaces inside some Lao and Khmer clusters)."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize(
    ("language", "font"),
    [("zh-hans", "Noto-Sans-SC"), ("lo", "Noto-Sans-Lao"), ("km", "Noto-Sans-Khmer")],
)
def test_the_pdf_carries_the_text_of_each_script_in_its_embedded_font(issue, language, font):
    issue.status = issue.Status.SENT
    edition = content.build(issue, (language,))
    reader = PdfReader(io.BytesIO(pdf.render(edition)))
    text = _squeezed("".join(page.extract_text() for page in reader.pages))
    title = _squeezed(TITLES[language])
    assert title[:6] in text and title[-4:] in text
    fonts = _embedded_fonts(reader)
    assert fonts.get(font) is True, fonts


def test_the_chinese_slices_an_issue_needs_are_merged_into_one_font_per_weight():
    faces = pdf.font_faces(TITLES["zh-hans"], ("zh-hans",))
    assert faces.count("@font-face") == 2  # regular and bold
    assert faces.count(".ttf") == 2 and "Noto Sans Lao" not in faces
    assert pdf.font_faces(TITLES["vi"] + TITLES["en"], ("vi", "en")) == ""
