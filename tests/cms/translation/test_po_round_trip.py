"""wagtail-localize's PO download and upload for external translators: the exported file
passes gettext's ``msgfmt --check`` and reads with translate-toolkit; uploads for the wrong
translation, stale strings or changes to a published edition's approved text import nothing of
theirs."""

from __future__ import annotations

import os
import shutil
import subprocess

import polib
import pytest
from django.urls import resolve, reverse
from translate.storage import po as tt_po
from wagtail_localize.models import StringTranslation

from cms.translation import jobs
from cms.translation import po as po_views
from cms.translation.exchange import ExchangeError
from tests.cms.translation.conftest import job_rows
from tests.cms.translation.test_publication_gate import through_the_desk

MSGFMT = shutil.which("msgfmt")


def _claimed(job, user):
    jobs.claim(job, user)
    jobs.start(job, user)
    return job


@pytest.mark.skipif(
    MSGFMT is None and os.environ.get("CI") != "true",
    reason="GNU gettext (msgfmt) is not installed; apt-get install gettext",
)
def test_exported_po_passes_msgfmt_check(client, en_job, translator_en, tmp_path):
    _claimed(en_job, translator_en)
    client.force_login(translator_en)
    response = client.get(reverse("wagtail_localize:download_pofile", args=[en_job.translation.pk]))
    assert response.status_code == 200
    path = tmp_path / "job.po"
    path.write_bytes(response.content)
    result = subprocess.run(
        [MSGFMT or "msgfmt", "--check", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_po_round_trip_with_translate_toolkit(client, en_job, story, translator_en):
    _claimed(en_job, translator_en)
    client.force_login(translator_en)
    exported = client.get(
        reverse("wagtail_localize:download_pofile", args=[en_job.translation.pk])
    ).content
    store = tt_po.pofile(exported)
    units = [u for u in store.units if not u.isheader()]
    assert {u.source for u in units} >= {story.title, story.specific.standfirst}
    for unit in units:
        unit.target = f"EN: {unit.source}"
    upload = bytes(store)
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[en_job.translation.pk]),
        {"file": _file(upload)},
    )
    assert response.status_code == 302
    saved = StringTranslation.objects.filter(locale=en_job.target_locale)
    assert saved.get(translation_of__data=story.title).data == f"EN: {story.title}"
    en_job.refresh_from_db()
    assert en_job.progress == 100


def test_po_for_another_translation_imports_nothing(client, send, en_job, translator_en):
    view = resolve(reverse("wagtail_localize:upload_pofile", args=[en_job.translation.pk])).func
    assert view.__module__ == "cms.translation.po"  # the strict upload replaces wagtail-localize's
    _claimed(en_job, translator_en)
    (lao_job,) = send(["lo"])
    client.force_login(translator_en)
    exported = client.get(
        reverse("wagtail_localize:download_pofile", args=[en_job.translation.pk])
    ).content
    po = polib.pofile(exported.decode())
    for entry in po:
        entry.msgstr = "sai"
    po.metadata["X-WagtailLocalize-TranslationID"] = str(lao_job.translation.uuid)
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[en_job.translation.pk]),
        {"file": _file(str(po).encode())},
    )
    assert response.status_code == 302
    assert not StringTranslation.objects.filter(data="sai").exists()
    page = client.get(response.url)
    assert "một trang hoặc ngôn ngữ khác" in page.content.decode()  # the admin speaks vi


def test_stale_po_is_rejected_whole_naming_the_entry(en_job, story, translator_en):
    _claimed(en_job, translator_en)
    po = en_job.translation.export_po()
    po.metadata["X-WagtailLocalize-TranslationID"] = str(en_job.translation.uuid)
    for entry in po:
        entry.msgstr = f"EN: {entry.msgid}"
    stale = polib.POEntry(msgid="Câu đã bị xoá khỏi bản gốc", msgstr="Removed", msgctxt="body.x")
    po.append(stale)
    with pytest.raises(ExchangeError) as error:
        po_views.import_po(en_job.translation, str(po).encode(), translator_en)
    assert f"entry {len(po)}" in str(error.value)
    assert "Câu đã bị xoá" in str(error.value)
    assert not job_rows(en_job).exists()
    po.remove(stale)
    assert po_views.import_po(en_job.translation, str(po).encode(), translator_en) == len(po)


def _file(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("job.po", data, content_type="text/x-gettext-translation")


def test_po_that_would_change_a_published_translation_is_rejected_naming_the_entry(
    en_job, story, translator_en, reviewer_en, approver
):
    page = through_the_desk(en_job, translator_en, reviewer_en, approver)
    assert page.live
    po = en_job.translation.export_po()
    unchanged = str(po)
    first = po[0]
    approved = first.msgstr
    first.msgstr = "A rewrite nobody reviewed"
    with pytest.raises(ExchangeError) as error:
        po_views.import_po(en_job.translation, str(po).encode(), translator_en)
    assert "entry 1 " in str(error.value) and "approved translation" in str(error.value)
    assert (
        StringTranslation.objects.get(
            locale=en_job.target_locale,
            translation_of__data=first.msgid,
            context__path=first.msgctxt,
        ).data
        == approved
    )
    # the same file with the approved texts as they are imports
    assert po_views.import_po(en_job.translation, unchanged.encode(), translator_en) == len(po)
