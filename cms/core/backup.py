"""Backup and restore of an instance: a consistent database snapshot (SQLite's backup API, or
``pg_dump`` on PostgreSQL), the media files, the embedded search index, and a manifest with row
counts and content checksums per model and a checksum per file, so that a restore is verified
against what was saved."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

MANIFEST = "manifest.json"
DATABASE_SQLITE = "database.sqlite3"
DATABASE_PG = "database.pgdump"
MEDIA = "media.tar"
SEARCH = "search.sqlite3"


class BackupError(Exception):
    """A backup cannot be made or restored; the message says why."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _sqlite_copy(source: str | Path, target: Path) -> None:
    """A consistent copy of a live SQLite database (the backup API, not a file copy)."""
    with sqlite3.connect(str(source)) as src, sqlite3.connect(str(target)) as dst:
        src.backup(dst)
    dst.close()
    src.close()


def embedded_search_path() -> Path | None:
    url: str = settings.SEARCH_URL
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None


def content_summary() -> dict[str, dict[str, object]]:
    """Per table of a model: the row count and a checksum of its rows as stored (raw values,
    primary-key order)."""
    summary = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in apps.get_models():
            meta = model._meta
            if meta.proxy or not meta.managed:
                continue
            columns = ", ".join(quote(str(f.column)) for f in meta.local_concrete_fields)
            table, key = quote(meta.db_table), quote(str(meta.pk.column))
            cursor.execute(f"SELECT {columns} FROM {table} ORDER BY {key}")
            digest = hashlib.sha256()
            count = 0
            for row in cursor:
                digest.update(repr(row).encode())
                count += 1
            summary[meta.label] = {"count": count, "checksum": digest.hexdigest()}
    return summary


def media_checksum(root: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.name != ".gitignore")
    for path in files:
        digest.update(f"{path.relative_to(root).as_posix()}\0{_sha256(path)}\n".encode())
    return len(files), digest.hexdigest()


def backup(target: Path) -> dict:
    """Write a backup of this instance into the new directory ``target``; returns the manifest."""
    target.mkdir(parents=True, exist_ok=False)
    started = timezone.now()
    vendor = connection.vendor
    if vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(str(target / DATABASE_SQLITE)) as copy:
            connection.connection.backup(copy)
        copy.close()
        database = DATABASE_SQLITE
    elif vendor == "postgresql":
        database = DATABASE_PG
        _run(["pg_dump", "--format=custom", f"--file={target / database}", _pg_url()])
    else:
        raise BackupError(f"No backup for the {vendor} database.")
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(target / MEDIA, "w") as archive:
        for path in sorted(media_root.rglob("*")):
            if path.is_file() and path.name != ".gitignore":
                archive.add(path, arcname=path.relative_to(media_root).as_posix())
    files = [database, MEDIA]
    search = embedded_search_path()
    if search is not None and search.exists():
        _sqlite_copy(search, target / SEARCH)
        files.append(SEARCH)
    media_files, media_sum = media_checksum(media_root)
    manifest: dict[str, object] = {
        "created_at": started.isoformat(),
        "database": vendor,
        "files": {name: _sha256(target / name) for name in files},
        "media": {"files": media_files, "checksum": media_sum},
        "search": "embedded" if SEARCH in files else "server: run search_index rebuild",
        "models": content_summary(),
    }
    manifest["seconds"] = round((timezone.now() - started).total_seconds(), 2)
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), "utf-8")
    return manifest


def _pg_url() -> str:
    conf = connections["default"].settings_dict
    return (
        f"postgresql://{conf['USER']}:{conf['PASSWORD']}@{conf['HOST'] or 'localhost'}:"
        f"{conf['PORT'] or 5432}/{conf['NAME']}"
    )


def _run(command: list[str]) -> None:
    try:
        subprocess.run(command, check=True, capture_output=True, text=True)
    except (OSError, subprocess.CalledProcessError) as error:
        raise BackupError(f"{command[0]} failed: {getattr(error, 'stderr', error)}") from None


def read_manifest(source: Path) -> dict:
    """The manifest of the backup in ``source``, after checking every file against it."""
    try:
        manifest = json.loads((source / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"{source / MANIFEST} cannot be read: {error}") from None
    for name, checksum in manifest["files"].items():
        if not (source / name).exists() or _sha256(source / name) != checksum:
            raise BackupError(f"{name} is missing or does not match the manifest.")
    return manifest


def restore(source: Path) -> None:
    """Restore the backup in ``source`` into this instance, which must be empty (no database
    tables, no media files). Call :func:`verify` afterwards."""
    manifest = read_manifest(source)
    if connection.introspection.table_names():
        raise BackupError("The database is not empty: restore only into a new instance.")
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists() and any(p.name != ".gitignore" for p in media_root.iterdir()):
        raise BackupError(f"{media_root} is not empty: restore only into a new instance.")
    if manifest["database"] != connection.vendor:
        raise BackupError(f"The backup is of a {manifest['database']} database.")
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(str(source / DATABASE_SQLITE)) as saved:
            saved.backup(connection.connection)
        saved.close()
    else:
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                f"--dbname={_pg_url()}",
                str(source / DATABASE_PG),
            ]
        )
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / MEDIA) as archive:
        archive.extractall(media_root, filter="data")
    search = embedded_search_path()
    if SEARCH in manifest["files"] and search is not None:
        search.parent.mkdir(parents=True, exist_ok=True)
        if search.exists():
            os.remove(search)
        _sqlite_copy(source / SEARCH, search)


def verify(manifest: dict) -> list[str]:
    """What differs between this instance and ``manifest`` (empty when the restore is exact)."""
    problems = []
    models = content_summary()
    for label, saved in manifest["models"].items():
        if models.get(label) != saved:
            problems.append(f"{label}: {models.get(label)} instead of {saved}")
    files, checksum = media_checksum(Path(settings.MEDIA_ROOT))
    if {"files": files, "checksum": checksum} != manifest["media"]:
        problems.append(f"media: {files} files, checksum {checksum}")
    return problems
