"""Backup and restore: an instance with demo content (articles in five languages, pictures, an
embedded search index) is backed up, restored into a new instance elsewhere, and every table's
count and checksum, the media and the index match; a restore refuses a non-empty instance and
a damaged backup."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import uuid
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql

from cms.core.backup import DATABASE_PG
from tests.migrated import migrated_database
from tests.test_project import manage

SERVER_URL = os.environ.get("DATABASE_URL", "")
POSTGRES = SERVER_URL.startswith(("postgres://", "postgresql://"))

PREPARE = """
import shutil, tempfile
from pathlib import Path
from django.core.management import call_command
from cms.demo.loader import CONTENT_DIR, DemoLoader
from sites import catalogue
from sites.provisioning import provision
from tests.conftest import raw_catalogue
call_command("migrate", verbosity=0, interactive=False)
provision(catalogue.parse(raw_catalogue()))
content = Path(tempfile.mkdtemp())
for name in ("topics.yaml", "hanoimoi.yaml", "songoaivu.yaml"):
    shutil.copyfile(CONTENT_DIR / name, content / name)
DemoLoader(content).load()
call_command("search_index", "rebuild", verbosity=0)
"""


def instance(folder, database: str = "") -> dict:
    folder.mkdir()
    return {
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": database or f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "SEARCH_URL": f"sqlite:///{folder / 'search.sqlite3'}",
    }


def documents(env: dict) -> int:
    path = env["SEARCH_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(path) as index:
        tables = [r[0] for r in index.execute("select name from sqlite_master where type='table'")]
        return sum(index.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables)


@pytest.mark.own_database
def test_backup_restored_elsewhere_has_the_same_counts_and_checksums(tmp_path):
    original = instance(tmp_path / "original")
    migrated_database(tmp_path / "original" / "db.sqlite3")
    prepared = manage("shell", "-c", PREPARE, env=original)
    assert prepared.returncode == 0, prepared.stderr

    saved = manage("backup", str(tmp_path / "backup"), env=original)
    assert saved.returncode == 0, saved.stderr
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text("utf-8"))
    assert manifest["models"]["news.ArticlePage"]["count"] > 10
    assert manifest["media"]["files"] > 10 and manifest["search"] == "embedded"

    elsewhere = instance(tmp_path / "elsewhere")
    restored = manage("restore", str(tmp_path / "backup"), env=elsewhere)
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "verified" in restored.stdout
    assert documents(elsewhere) == documents(original) > 0

    again = manage("backup", str(tmp_path / "backup-of-restored"), env=elsewhere)
    assert again.returncode == 0, again.stderr
    second = json.loads((tmp_path / "backup-of-restored" / "manifest.json").read_text("utf-8"))
    assert second["models"] == manifest["models"] and second["media"] == manifest["media"]

    refused = manage("restore", str(tmp_path / "backup"), env=original)
    assert refused.returncode != 0 and "not empty" in refused.stderr

    (tmp_path / "backup" / "media.tar").write_bytes(b"damaged")
    damaged = manage("restore", str(tmp_path / "backup"), env=instance(tmp_path / "third"))
    assert damaged.returncode != 0 and "media.tar" in damaged.stderr


def _on_server(database: str) -> str:
    parts = urlsplit(SERVER_URL)
    return urlunsplit(parts._replace(scheme="postgresql", path=f"/{database}"))


@contextlib.contextmanager
def empty_databases(count: int) -> Iterator[list[str]]:
    """``count`` new, empty databases on the PostgreSQL server of ``DATABASE_URL``, dropped
    afterwards."""
    names = [f"cms_backup_{uuid.uuid4().hex[:10]}" for _n in range(count)]
    with psycopg.connect(_on_server("postgres"), autocommit=True) as server:
        for name in names:
            server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            yield [_on_server(name) for name in names]
        finally:
            for name in names:
                server.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )


@pytest.mark.skipif(
    not POSTGRES, reason="needs DATABASE_URL on a PostgreSQL server (CI's second pass)"
)
def test_a_postgresql_backup_by_pg_dump_restores_into_an_empty_database(tmp_path):
    with empty_databases(2) as (first, second):
        original = instance(tmp_path / "original", first)
        prepared = manage("shell", "-c", PREPARE, env=original, timeout=900)
        assert prepared.returncode == 0, prepared.stderr

        saved = manage("backup", str(tmp_path / "backup"), env=original, timeout=600)
        assert saved.returncode == 0, saved.stderr
        manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text("utf-8"))
        assert manifest["database"] == "postgresql" and DATABASE_PG in manifest["files"]
        assert manifest["models"]["news.ArticlePage"]["count"] > 10

        elsewhere = instance(tmp_path / "elsewhere", second)
        restored = manage("restore", str(tmp_path / "backup"), env=elsewhere, timeout=600)
        assert restored.returncode == 0, restored.stdout + restored.stderr
        assert "verified" in restored.stdout

        again = manage("backup", str(tmp_path / "backup-of-restored"), env=elsewhere, timeout=600)
        assert again.returncode == 0, again.stderr
        copy = json.loads((tmp_path / "backup-of-restored" / "manifest.json").read_text("utf-8"))
        assert copy["models"] == manifest["models"] and copy["media"] == manifest["media"]

        refused = manage("restore", str(tmp_path / "backup"), env=original)
        assert refused.returncode != 0 and "not empty" in refused.stderr
