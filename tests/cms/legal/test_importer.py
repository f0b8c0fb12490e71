"""Batch import of legal documents: every bad row reported with why, nothing half-imported, a
dry run that saves nothing, and a re-import that updates instead of duplicating."""

import io
import json
import unicodedata

import pytest
from django.core.management import CommandError, call_command

from cms.legal import importer
from cms.legal.models import LegalDocumentPage
from tests.cms.legal.helpers import database

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
HEADER = (
    "number_symbol,type,issuing_body,signer,signer_title,date_issued,date_effective,"
    "date_expiry,title,summary,body,fields,topics,relations,files\n"
)
GOOD = (
    HEADER + "04/2013/QĐ-UBND,decision,ubnd-thanh-pho,Nguyễn Văn An,Phó Chủ tịch,2013-03-01,"
    "2013-03-11,,Quy chế quản lý đoàn ra đoàn vào,Quy định việc quản lý đoàn.,"
    "Điều 1. Phạm vi.,doi-ngoai,,,qd-04.pdf\n"
    + "20/2019/QĐ-UBND,decision,ubnd-thanh-pho,Trần Thị Bình,Phó Chủ tịch,02/05/2019,"
    "15/05/2019,,Quy chế mới,Thay thế quy chế cũ.,,doi-ngoai;dau-tu,,"
    "replaces:04/2013/QĐ-UBND,\n"
)


def run(text: str, name: str = "van-ban.csv", *, dry_run: bool, attachments=None):
    rows = importer.read_rows(text.encode(), name)
    files = attachments if attachments is not None else {"qd-04.pdf": io.BytesIO(PDF)}
    return importer.Importer(database(), files).run(rows, dry_run=dry_run, publish=True)


def test_a_dry_run_reports_what_would_happen_and_saves_nothing():
    report = run(GOOD, dry_run=True)
    assert report.ok and not report.applied
    assert report.created == ["04/2013/QĐ-UBND", "20/2019/QĐ-UBND"]
    assert not LegalDocumentPage.objects.exists()


def test_an_import_creates_documents_with_relations_and_files_and_a_second_changes_nothing():
    first = run(GOOD, dry_run=False)
    assert first.applied and len(first.created) == 2
    new = LegalDocumentPage.objects.get(number_symbol="20/2019/QĐ-UBND")
    assert new.live and [r.target.number_symbol for r in new.relations.all()] == ["04/2013/QĐ-UBND"]
    old = LegalDocumentPage.objects.get(number_symbol="04/2013/QĐ-UBND")
    assert old.attachments.count() == 1 and old.body == "<p>Điều 1. Phạm vi.</p>"
    second = run(GOOD, dry_run=False)
    assert second.created == [] and second.updated == []
    assert len(second.unchanged) == 2
    assert LegalDocumentPage.objects.count() == 2
    assert old.attachments.count() == 1


def test_a_re_import_updates_the_document_with_the_same_number():
    run(GOOD, dry_run=False)
    # The same number with stray spaces, and a summary in decomposed Unicode (NFD).
    changed = GOOD.replace(
        "Thay thế quy chế cũ.", unicodedata.normalize("NFD", "Thay thế toàn bộ quy chế năm 2013.")
    )
    changed = changed.replace("\n20/2019/QĐ-UBND,", "\n 20/2019/QĐ-UBND ,")
    report = run(changed, dry_run=False)
    assert report.updated == ["20/2019/QĐ-UBND"]
    assert LegalDocumentPage.objects.count() == 2
    page = LegalDocumentPage.objects.get(number_symbol="20/2019/QĐ-UBND")
    assert page.summary == "Thay thế toàn bộ quy chế năm 2013."


def test_every_bad_row_is_reported_and_nothing_is_imported():
    bad = (
        GOOD
        + "30/2020/QĐ-UBND,decree,ubnd-thanh-pho,A,,2020-05-10,2020-05-01,,T,S,,,,,\n"
        + "31/2020/QĐ-UBND,decision,nobody,A,,not-a-date,2020-05-01,,T,S,,galaxy,,,\n"
        + "32/2020/QĐ-UBND,decision,ubnd-thanh-pho,A,,2020-05-10,2020-05-20,,T,S,,,,"
        "repeals:32/2020/QĐ-UBND,\n"
        + "33/2020/QĐ-UBND,decision,ubnd-thanh-pho,A,,2020-05-10,2020-05-20,,T,S,,,,"
        "amends:99/2099/QĐ-UBND,missing.pdf\n"
        + "34/2020/QĐ-UBND,decision,ubnd-thanh-pho,,,2020-05-10,2020-05-20,,,S,,,,,\n"
    )
    report = run(bad, dry_run=False)
    assert not report.ok and not LegalDocumentPage.objects.exists()
    by_row: dict[int, list[str]] = {}
    for problem in report.problems:
        by_row.setdefault(problem.row, []).append(problem.message)
    assert set(by_row) == {3, 4, 5, 6, 7}
    assert any("decree" in message for message in by_row[3])
    assert any("trước ngày ban hành" in message for message in by_row[3])
    assert any("nobody" in m for m in by_row[4]) and any("galaxy" in m for m in by_row[4])
    assert any("not-a-date" in message for message in by_row[4])
    assert any("chính nó" in message for message in by_row[5])
    assert any("99/2099" in m for m in by_row[6]) and any("missing.pdf" in m for m in by_row[6])
    assert any("signer" in m for m in by_row[7]) and any("title" in m for m in by_row[7])


def test_circular_relations_across_rows_are_refused():
    circle = (
        HEADER + "01/2020/QĐ-UBND,decision,ubnd-thanh-pho,A,,2020-01-01,2020-01-02,,T,S,,,,"
        "guides:02/2020/QĐ-UBND,\n"
        + "02/2020/QĐ-UBND,decision,ubnd-thanh-pho,A,,2020-01-01,2020-01-02,,T,S,,,,"
        "guides:01/2020/QĐ-UBND,\n"
    )
    report = run(circle, dry_run=True)
    assert [problem.row for problem in report.problems] == [2]
    assert "vòng tròn" in report.problems[0].message


def test_a_wrong_type_file_is_refused_and_the_row_named():
    report = run(GOOD, dry_run=True, attachments={"qd-04.pdf": io.BytesIO(b"GIF89a")})
    assert [(p.row, p.number) for p in report.problems] == [(1, "04/2013/QĐ-UBND")]


def test_json_imports_like_csv_and_malformed_files_are_refused_whole():
    rows = importer.read_rows(GOOD.encode(), "a.csv")
    as_json = json.dumps({"documents": rows}, ensure_ascii=False)
    report = run(as_json, "a.json", dry_run=True)
    assert report.ok and len(report.created) == 2
    for text, name in (
        ("{not json", "a.json"),
        ('{"a": 1}', "a.json"),
        ("number_symbol,type\n1,decision\n", "a.csv"),
        (GOOD, "a.xlsx"),
        (HEADER, "a.csv"),
    ):
        with pytest.raises(importer.ImportFileError):
            importer.read_rows(text.encode(), name)
    with pytest.raises(importer.ImportFileError):
        importer.read_rows(b"\xff\xfe\x00bad", "a.csv")


def test_the_command_is_a_dry_run_unless_told_to_apply(tmp_path):
    database()
    source = tmp_path / "van-ban.csv"
    source.write_text(GOOD, "utf-8")
    (tmp_path / "pdf").mkdir()
    (tmp_path / "pdf" / "qd-04.pdf").write_bytes(PDF)
    out = io.StringIO()
    call_command("import_legal_documents", source, files=tmp_path / "pdf", stdout=out)
    assert not LegalDocumentPage.objects.exists()
    call_command("import_legal_documents", source, files=tmp_path / "pdf", apply=True, stdout=out)
    assert LegalDocumentPage.objects.count() == 2
    source.write_text(GOOD.replace("2013-03-11", "2013-02-11"), "utf-8")
    with pytest.raises(CommandError):
        call_command(
            "import_legal_documents",
            source,
            files=tmp_path / "pdf",
            apply=True,
            stdout=out,
            stderr=io.StringIO(),
        )
