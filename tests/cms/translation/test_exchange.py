"""TMX 1.4b and TBX round trips; malformed or wrong-language files are rejected whole, with
the entry named."""

from __future__ import annotations

import pytest
from django.urls import reverse
from lxml import etree
from translate.storage import tmx as tt_tmx

from cms.translation import exchange, memory
from cms.translation.models import GlossaryTerm, MemoryEntry
from tests.cms.translation.conftest import assert_denied


@pytest.fixture
def stored(db, reviewer_en):
    memory.add_entries(
        [
            MemoryEntry(
                source_language="vi",
                target_language="en",
                source_text=f"Câu số {n}",
                target_text=f"Sentence {n}",
                provenance=MemoryEntry.Provenance.HUMAN,
                translator=reviewer_en,
            )
            for n in range(3)
        ]
        + [
            MemoryEntry(
                source_language="vi",
                target_language="lo",
                source_text="Câu số 1",
                target_text="ປະໂຫຍກ 1",
                provenance=MemoryEntry.Provenance.HUMAN,
            )
        ]
    )


def test_tmx_round_trip(stored, reviewer_en):
    data = exchange.export_tmx({"en"})
    root = etree.fromstring(data)
    assert root.get("version") == "1.4" and root.find("header").get("srclang") == "vi"
    assert len(root.findall("body/tu")) == 3  # only the reviewer's languages
    # a CAT-tool library reads it
    units = tt_tmx.tmxfile(data, sourcelanguage="vi", targetlanguage="en").units
    assert {u.source for u in units} == {"Câu số 0", "Câu số 1", "Câu số 2"}
    MemoryEntry.objects.all().delete()
    assert exchange.import_tmx(data, {"en"}, reviewer_en) == 3
    assert memory.lookup("Câu số 2", "vi", "en")[0].entry.target_text == "Sentence 2"


TMX_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="vi" '
    b'segtype="block" adminlang="en" datatype="plaintext" o-tmf="x" creationtool="t" '
    b'creationtoolversion="1"/><body>'
)


def _tu(vi, other, lang="en"):
    return (
        f'<tu><tuv xml:lang="vi"><seg>{vi}</seg></tuv>'
        f'<tuv xml:lang="{lang}"><seg>{other}</seg></tuv></tu>'
    ).encode()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            _tu("Một", "One") + b"<tu><tuv xml:lang='vi'><seg>Hai</seg>",
            "not well-formed XML at line",
        ),
        (
            _tu("Một", "One") + _tu("Hai", "ສອງ", "lo"),
            "entry 2 (line 1): language “lo” is not one you review",
        ),
        (_tu("Một", "One") + _tu("", "Two"), "entry 2 (line 1): no vi source text"),
        (_tu("Một", "One") + _tu("Ba", ""), "entry 2 (line 1): empty en text"),
    ],
)
def test_bad_tmx_is_rejected_whole(db, body, message):
    with pytest.raises(exchange.ExchangeError) as error:
        exchange.import_tmx(TMX_HEAD + body + b"</body></tmx>", {"en"})
    assert message in str(error.value)
    assert "Nothing was imported" in str(error.value)
    assert not MemoryEntry.objects.exists()


def test_tbx_round_trip_and_bad_entry(db, reviewer_en):
    exchange.save_term(
        "en", "Sở Tư pháp", ["Hanoi Department of Justice"], ["Justice Service"], "official"
    )
    exchange.save_term("lo", "Sở Tư pháp", ["ພະແນກຍຸຕິທຳ ນະຄອນຮ່າໂນ້ຍ"])
    data = exchange.export_tbx({"en", "lo"})
    GlossaryTerm.objects.all().delete()
    assert exchange.import_tbx(data, {"en", "lo"}) == 2
    term = GlossaryTerm.objects.get(target_language="en")
    assert term.required == ["Hanoi Department of Justice"]
    assert term.forbidden == ["Justice Service"] and term.note == "official"
    broken = data.replace(b"Hanoi Department of Justice", b"").replace(
        b"preferredTerm", b"deprecatedTerm"
    )
    with pytest.raises(exchange.ExchangeError) as error:
        exchange.import_tbx(broken, {"en", "lo"})
    assert "entry 1" in str(error.value) and "no required en rendering" in str(error.value)
    with pytest.raises(exchange.ExchangeError) as error:
        exchange.import_tbx(data, {"en"})
    assert "“lo” is not one you review" in str(error.value)


def test_exchange_views_for_reviewers_only(client, stored, reviewer_en, translator_en):
    client.force_login(translator_en)
    assert_denied(client.get(reverse("desk:memory_export")))
    client.force_login(reviewer_en)
    response = client.get(reverse("desk:memory_export"))
    assert response.status_code == 200 and b"<tmx" in response.content
    upload = client.post(
        reverse("desk:import", args=["tmx"]),
        {"file": _upload(TMX_HEAD + _tu("Bốn", "Four") + b"</body></tmx>")},
        follow=True,
    )
    assert upload.status_code == 200
    assert MemoryEntry.objects.filter(source_text="Bốn").exists()
    bad = client.post(
        reverse("desk:import", args=["tmx"]), {"file": _upload(b"<tmx version='1.4'><body>")}
    )
    assert "XML sai cấu trúc ở dòng 1" in bad.content.decode()  # the admin speaks vi


def _upload(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("memory.tmx", data, content_type="application/xml")
