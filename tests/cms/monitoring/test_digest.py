"""The digest for the city's leaders: the clippings marked ready in the period, grouped by
topic, with tone, Vietnamese summary, outlet and address, as a PDF (fonts embedded for every
script the titles use) and a DOCX, both read back."""

from __future__ import annotations

import datetime
import io

import docx
import pypdf
import pytest
from django.utils import timezone

from cms.monitoring import digest
from cms.monitoring.models import Clipping, Source
from cms.news.models import Topic

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 11, 30)


def clipping(source, title: str, **fields) -> Clipping:
    fields.setdefault("status", Clipping.Status.READY)
    published = timezone.make_aware(datetime.datetime(2026, 11, 30, 9))
    return Clipping.objects.create(
        source=source,
        url=f"https://press.example/{abs(hash(title))}",
        title=title,
        title_key=title,
        published_at=published,
        **fields,
    )


@pytest.fixture
def clippings(db):
    outlet = Source.objects.create(name="Mekong Press Review", url="https://mekong.example/rss")
    tourism = Topic.objects.create(slug="du-lich-digest", name="Du lịch", name_vi="Du lịch")
    return [
        clipping(
            outlet,
            "Hanoi opens its old quarter to night tours",
            topic=tourism,
            tone=Clipping.Tone.POSITIVE,
            summary_vi="Hà Nội mở phố cổ cho du khách tham quan ban đêm.",
        ),
        clipping(outlet, "河内举办国际旅游博览会", summary_vi="Hội chợ du lịch quốc tế."),
        clipping(outlet, "ນະຄອນຫຼວງຮ່າໂນ້ຍ ເປັນເຈົ້າພາບ", summary_vi="Hội nghị hữu nghị Lào–Việt."),
        clipping(outlet, "ទីក្រុងហាណូយរៀបចំពិធីបុណ្យ", summary_vi="Lễ hội văn hóa Campuchia."),
        clipping(outlet, "Not yet worked", status=Clipping.Status.NEW),
    ]


def test_pdf_digest_lists_ready_clippings_with_embedded_fonts(clippings):
    made = digest.make(DAY, DAY)
    assert made.clippings == 4
    reader = pypdf.PdfReader(io.BytesIO(bytes(made.pdf)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Báo chí nước ngoài viết về Hà Nội" in text
    assert "Hà Nội mở phố cổ cho du khách tham quan ban đêm." in text
    assert "Du lịch" in text and "tích cực" in text
    assert "Not yet worked" not in text
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("Noto-Sans-Lao" in name for name in fonts), fonts
    assert any("Noto-Sans-Khmer" in name for name in fonts), fonts
    assert any("Noto-Sans-SC" in name for name in fonts), fonts


def test_docx_digest_reads_back(clippings):
    made = digest.make(DAY, DAY)
    document = docx.Document(io.BytesIO(bytes(made.docx)))
    text = [paragraph.text for paragraph in document.paragraphs]
    assert "Báo chí nước ngoài viết về Hà Nội" in text
    assert "河内举办国际旅游博览会" in text
    assert "ទីក្រុងហាណូយរៀបចំពិធីបុណ្យ" in text
    assert "Hội nghị hữu nghị Lào–Việt." in text
    assert "Not yet worked" not in text


def test_weekly_digest_is_made_once(clippings):
    monday = DAY + datetime.timedelta(days=7)
    made = digest.weekly_if_due(monday)
    assert made is not None and (made.period_start, made.period_end) == (
        datetime.date(2026, 11, 30),
        datetime.date(2026, 12, 6),
    )
    assert made.clippings == 4
    assert digest.weekly_if_due(monday) is None
