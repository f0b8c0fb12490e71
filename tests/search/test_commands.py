"""search_index check refuses an index built with other analysis; search_relevance reports
recall@10 and MRR per language."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from tests.cms.helpers import article

pytestmark = pytest.mark.django_db


def test_check_without_repair_reports_drift(search_engine, section, capsys):
    article(section, title="Nhà hát Lớn")  # published outside on_commit: never indexed
    with pytest.raises(CommandError, match="drifted"):
        call_command("search_index", "check", "--no-repair")
    assert "1 missing" in capsys.readouterr().out


def test_check_refuses_an_index_built_with_another_icu(search_engine):
    search_engine.connection.execute(
        "UPDATE meta SET value = ? WHERE key = 'icu_version'", [json.dumps("72.1")]
    )
    search_engine.connection.commit()
    with pytest.raises(CommandError, match="rebuild"):
        call_command("search_index", "check")


def test_relevance_command_reports_every_language(capsys):
    call_command("search_relevance")
    out = capsys.readouterr().out
    for language in ("vi", "en", "zh-hans", "lo", "km"):
        assert f"| embedded | {language} |" in out
    assert "recall@10" in out and "MRR" in out
