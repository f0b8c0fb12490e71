"""The desk's listings on Wagtail's generic views: the jobs list, the lag report, translation
memory and glossary management — who sees which rows, filters, sorting, CSV/XLSX export,
and the writes (memory deletion, glossary add/edit/delete) through the desk's own rules."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.news.models import SectionPage
from cms.translation import exchange, jobs, memory
from cms.translation.models import GlossaryTerm, MemoryEntry, TranslationJob
from sites import roles
from tests.cms.helpers import article
from tests.cms.translation.conftest import assert_denied, remember

Status = TranslationJob.Status
JOBS = "/admin/desk/jobs/"
MEMORY = "/admin/desk/memory/"
GLOSSARY = "/admin/desk/glossary/"


def _rows(response) -> list:
    return list(response.context["object_list"])


def _csv(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    return b"".join(response.streaming_content).decode().splitlines()


@pytest.fixture
def reviewer_lo(make_user):
    return make_user("reviewer-lo", roles.reviewers_group("lo"))


@pytest.fixture
def superuser(make_user):
    return make_user("admin", superuser=True)


# Jobs list ------------------------------------------------------------------------------------


@pytest.fixture
def spread(send, section, other_channel, editor, make_user):
    """Jobs in en and lo on hanoimoi, and one in en on songoaivu."""
    here = send(["en", "lo"])
    there_section = SectionPage.objects.child_of(other_channel.home_page).first()
    there_page = article(there_section, title="Thông cáo")
    there = jobs.send_to_translation(
        [there_page],
        ["en"],
        deadline=here[0].deadline + datetime.timedelta(days=1),
        user=make_user("editor-svn", "songoaivu: editors"),
        priority=TranslationJob.Priority.URGENT,
    )
    return {"en": here[0], "lo": here[1], "there": there[0]}


def test_jobs_list_shows_translators_their_languages_and_editors_their_sites(
    client, spread, translator_en, lao_translator, editor
):
    client.force_login(translator_en)
    assert {j.pk for j in _rows(client.get(JOBS))} == {spread["en"].pk, spread["there"].pk}
    client.force_login(lao_translator)
    assert [j.pk for j in _rows(client.get(JOBS))] == [spread["lo"].pk]
    client.force_login(editor)  # hanoimoi's editor: both languages of hanoimoi, not songoaivu
    assert {j.pk for j in _rows(client.get(JOBS))} == {spread["en"].pk, spread["lo"].pk}
    # a filter never reaches rows outside the user's scope
    assert _rows(client.get(JOBS + "?site=songoaivu")) == []


def test_jobs_list_is_refused_without_a_desk_role(client, spread, oversight_user):
    client.force_login(oversight_user)
    assert_denied(client.get(JOBS))
    assert_denied(client.get(JOBS + "?export=csv"))


def test_jobs_list_filters_and_sorting(client, spread, editor, superuser):
    client.force_login(superuser)
    assert [j.pk for j in _rows(client.get(JOBS + "?language=lo"))] == [spread["lo"].pk]
    assert [j.pk for j in _rows(client.get(JOBS + "?site=songoaivu"))] == [spread["there"].pk]
    urgent = _rows(client.get(JOBS + f"?priority={TranslationJob.Priority.URGENT}"))
    assert [j.pk for j in urgent] == [spread["there"].pk]
    TranslationJob.objects.filter(pk=spread["lo"].pk).update(
        deadline=spread["lo"].deadline - datetime.timedelta(days=5)
    )
    assert [j.pk for j in _rows(client.get(JOBS + "?due=overdue"))] == [spread["lo"].pk]
    by_deadline = [j.pk for j in _rows(client.get(JOBS + "?ordering=-deadline"))]
    assert by_deadline[0] == spread["there"].pk and by_deadline[-1] == spread["lo"].pk
    by_site = [j.channel.slug for j in _rows(client.get(JOBS + "?ordering=-channel__name"))]
    assert by_site == sorted(by_site, reverse=True)
    TranslationJob.objects.filter(pk=spread["en"].pk).update(status=Status.CANCELLED)
    assert spread["en"].pk not in {j.pk for j in _rows(client.get(JOBS))}  # open by default
    cancelled = _rows(client.get(JOBS + "?status=cancelled"))
    assert [j.pk for j in cancelled] == [spread["en"].pk]
    assert {j.pk for j in _rows(client.get(JOBS + "?status=all"))} == {
        job.pk for job in spread.values()
    }


def test_jobs_list_exports_csv_and_xlsx_of_the_visible_rows(client, spread, lao_translator):
    client.force_login(lao_translator)
    lines = _csv(client.get(JOBS + "?export=csv"))
    assert len(lines) == 2 and ",lo," in lines[1]
    xlsx = client.get(JOBS + "?export=xlsx")
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


# Lag report -----------------------------------------------------------------------------------


def _published(job, hours: float) -> None:
    TranslationJob.objects.filter(pk=job.pk).update(
        status=Status.PUBLISHED, published_lag=datetime.timedelta(hours=hours)
    )


def test_lag_report_flags_late_translations_for_oversight(
    client, spread, oversight_user, editor, translator_en
):
    _published(spread["en"], 5)
    _published(spread["there"], 72)  # songoaivu: every edition within 48 hours
    client.force_login(oversight_user)
    response = client.get(reverse("desk:lag") + "?ordering=-published_lag")
    rows = _rows(response)
    assert [(r.pk, r.lag, r.late) for r in rows] == [
        (spread["there"].pk, "3 days, 0:00:00", True),
        (spread["en"].pk, "5:00:00", False),
    ]
    assert b"desk-overdue" in response.content
    assert [r.pk for r in _rows(client.get(reverse("desk:lag") + "?site=hanoimoi"))] == [
        spread["en"].pk
    ]
    assert _rows(client.get(reverse("desk:lag") + "?language=lo")) == []
    lines = _csv(client.get(reverse("desk:lag") + "?export=csv&ordering=published_lag"))
    assert len(lines) == 3 and lines[1].endswith(tuple("0123456789"))
    assert "True" in lines[2] and "False" in lines[1]
    client.force_login(editor)  # a site's editor: that site's translations only
    assert [r.pk for r in _rows(client.get(reverse("desk:lag")))] == [spread["en"].pk]
    client.force_login(translator_en)
    assert_denied(client.get(reverse("desk:lag")))
    assert_denied(client.get(reverse("desk:lag_results")))


def test_lag_report_uses_a_fixed_number_of_queries(client, spread, oversight_user):
    client.force_login(oversight_user)
    _published(spread["en"], 1)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("desk:lag"))
    for job in spread.values():
        _published(job, 2)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("desk:lag"))
    assert len(_rows(response)) == 3
    assert len(few) == len(many)


# Translation memory ---------------------------------------------------------------------------


@pytest.fixture
def stored(db):
    remember("Hà Nội", "Hanoi")
    remember("Sở Ngoại vụ", "Department of Foreign Affairs")
    remember("Hà Nội", "ຮ່າໂນ້ຍ", language="lo")
    memory.add_entries(
        [
            MemoryEntry(
                source_language="vi",
                target_language="en",
                source_text="Bản dịch máy",
                target_text="Machine text",
                provenance=MemoryEntry.Provenance.MACHINE,
            )
        ]
    )


def test_memory_listing_shows_reviewers_their_languages_only(
    client, stored, reviewer_en, reviewer_lo, translator_en
):
    client.force_login(reviewer_en)
    response = client.get(MEMORY)
    assert response.status_code == 200
    assert {e.target_language for e in _rows(response)} == {"en"}
    assert len(_rows(response)) == 3
    assert "ຮ່າໂນ້ຍ" not in response.content.decode()
    asked_for_lao = _rows(client.get(MEMORY + "?target_language=lo"))  # not a choice
    assert {e.target_language for e in asked_for_lao} == {"en"}
    lines = _csv(client.get(MEMORY + "?export=csv"))
    assert len(lines) == 4 and not any("ຮ່າໂນ້ຍ" in line for line in lines)
    client.force_login(reviewer_lo)
    assert [e.target_text for e in _rows(client.get(MEMORY))] == ["ຮ່າໂນ້ຍ"]
    client.force_login(translator_en)  # translators use the memory, reviewers manage it
    assert_denied(client.get(MEMORY))


def test_memory_listing_filters_searches_and_sorts(client, stored, superuser):
    client.force_login(superuser)
    machine = _rows(client.get(MEMORY + "?provenance=machine"))
    assert [e.target_text for e in machine] == ["Machine text"]
    pair = _rows(client.get(MEMORY + "?source_language=vi&target_language=lo"))
    assert [e.target_text for e in pair] == ["ຮ່າໂນ້ຍ"]
    found = _rows(client.get(MEMORY + "?q=ngoại"))
    assert [e.target_text for e in found] == ["Department of Foreign Affairs"]
    ordered = [e.target_text for e in _rows(client.get(MEMORY + "?ordering=target_text"))]
    assert ordered == sorted(ordered)
    assert b"translation-memory.tmx" not in client.get(MEMORY).content  # linked by URL name
    assert reverse("desk:memory_export").encode() in client.get(MEMORY).content
    assert reverse("desk:import", args=["tmx"]).encode() in client.get(MEMORY).content


def test_reviewers_delete_memory_entries_of_their_language_only(
    client, stored, reviewer_en, reviewer_lo
):
    english = MemoryEntry.objects.get(target_text="Hanoi")
    lao = MemoryEntry.objects.get(target_language="lo")
    assert memory.lookup("Hà Nội", "vi", "en")
    client.force_login(reviewer_lo)
    assert_denied(client.get(reverse("desk_memory:delete", args=[english.pk])))
    assert_denied(client.post(reverse("desk_memory:delete", args=[english.pk])))
    assert MemoryEntry.objects.filter(pk=english.pk).exists()
    client.force_login(reviewer_en)
    assert client.get(reverse("desk_memory:delete", args=[english.pk])).status_code == 200
    response = client.post(reverse("desk_memory:delete", args=[english.pk]))
    assert response.status_code == 302
    assert not MemoryEntry.objects.filter(pk=english.pk).exists()
    assert memory.lookup("Hà Nội", "vi", "en") == []  # no longer offered
    assert MemoryEntry.objects.filter(pk=lao.pk).exists()


# Glossary -------------------------------------------------------------------------------------


@pytest.fixture
def terms(db):
    return {
        "en": exchange.save_term("en", "Sở Ngoại vụ", ["Department of Foreign Affairs"]),
        "lo": exchange.save_term("lo", "Hà Nội", ["ຮ່າໂນ້ຍ"]),
    }


def test_glossary_listing_shows_reviewers_their_languages_and_superusers_all(
    client, terms, reviewer_en, superuser, translator_en
):
    client.force_login(reviewer_en)
    response = client.get(GLOSSARY)
    assert [t.pk for t in _rows(response)] == [terms["en"].pk]
    assert reverse("desk_glossary:edit", args=[terms["en"].pk]) in response.content.decode()
    assert reverse("desk:glossary_export") in response.content.decode()
    assert reverse("desk:import", args=["tbx"]) in response.content.decode()
    lines = _csv(client.get(GLOSSARY + "?export=csv"))
    assert len(lines) == 2 and "Department of Foreign Affairs" in lines[1]
    client.force_login(superuser)
    assert {t.pk for t in _rows(client.get(GLOSSARY))} == {terms["en"].pk, terms["lo"].pk}
    assert [t.pk for t in _rows(client.get(GLOSSARY + "?target_language=lo"))] == [terms["lo"].pk]
    assert [t.pk for t in _rows(client.get(GLOSSARY + "?q=ngoại"))] == [terms["en"].pk]
    descending = [t.source_term for t in _rows(client.get(GLOSSARY + "?ordering=-source_term"))]
    assert descending == ["Sở Ngoại vụ", "Hà Nội"]
    client.force_login(translator_en)
    assert_denied(client.get(GLOSSARY))
    assert_denied(client.get(reverse("desk_glossary:add")))


def test_reviewers_add_terms_folded_and_without_duplicates(client, terms, reviewer_en):
    client.force_login(reviewer_en)
    add_form = client.get(reverse("desk_glossary:add"))
    assert add_form.status_code == 200
    choices = add_form.context["form"].fields["target_language"].choices
    assert [code for code, _name in choices] == ["en"]
    form = {
        "target_language": "en",
        "source_term": "Ủy ban nhân dân",
        "required": "People's Committee\n\n  City People's Committee ",
        "forbidden": "Popular Committee",
        "note": "",
    }
    response = client.post(reverse("desk_glossary:add"), form)
    assert response.status_code == 302
    term = GlossaryTerm.objects.get(source_term="Ủy ban nhân dân")
    assert term.source_key == "uy ban nhan dan"
    assert term.required == ["People's Committee", "City People's Committee"]
    assert term.forbidden == ["Popular Committee"]
    again = client.post(reverse("desk_glossary:add"), {**form, "source_term": "UỶ BAN NHÂN DÂN"})
    assert again.status_code == 200 and again.context["form"].errors["source_term"]
    other = client.post(reverse("desk_glossary:add"), {**form, "target_language": "lo"})
    assert other.status_code == 200 and other.context["form"].errors["target_language"]
    empty = client.post(reverse("desk_glossary:add"), {**form, "source_term": "X", "required": ""})
    assert empty.status_code == 200 and empty.context["form"].errors["required"]
    assert GlossaryTerm.objects.filter(target_language="en").count() == 2


def test_reviewers_edit_and_delete_terms_of_their_language_only(client, terms, reviewer_en):
    client.force_login(reviewer_en)
    edit = reverse("desk_glossary:edit", args=[terms["en"].pk])
    assert "Department of Foreign Affairs" in client.get(edit).content.decode()
    response = client.post(
        edit,
        {
            "target_language": "en",
            "source_term": "Sở Ngoại vụ Hà Nội",
            "required": "Hanoi Department of Foreign Affairs",
            "forbidden": "",
            "note": "official",
        },
    )
    assert response.status_code == 302
    terms["en"].refresh_from_db()
    assert terms["en"].source_key == "so ngoai vu ha noi"
    assert terms["en"].required == ["Hanoi Department of Foreign Affairs"]
    lao_edit = reverse("desk_glossary:edit", args=[terms["lo"].pk])
    assert_denied(client.get(lao_edit))
    assert_denied(client.post(lao_edit, {"target_language": "en", "source_term": "x"}))
    assert_denied(client.post(reverse("desk_glossary:delete", args=[terms["lo"].pk])))
    assert GlossaryTerm.objects.get(pk=terms["lo"].pk).source_term == "Hà Nội"
    client.post(reverse("desk_glossary:delete", args=[terms["en"].pk]))
    assert not GlossaryTerm.objects.filter(pk=terms["en"].pk).exists()
