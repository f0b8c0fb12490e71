"""A migrated SQLite database to start an instance from.

Applying every migration to an empty database takes Django about 40 s of CPU (it renders the
model state of some 260 migrations), whatever the database. The tests and tools that prepare an
instance of their own (a subprocess or a server on its own SQLite file) start from a copy of a
template migrated once for the current migrations and locked dependencies, kept in
``tests/artifacts/migrated/``; their own ``migrate`` then has nothing left to apply.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "tests" / "artifacts" / "migrated"


def fingerprint() -> str:
    """A digest of what decides the migrated schema: the locked dependencies (their migrations
    come with them) and the project's own migration files."""
    digest = hashlib.sha256((ROOT / "uv.lock").read_bytes())
    packages = [p for p in ROOT.iterdir() if (p / "__init__.py").exists() and p.name != "tests"]
    for package in sorted(packages):
        for path in sorted(package.glob("**/migrations/*.py")):
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _remove(database: Path) -> None:
    """Remove an SQLite database file and its write-ahead log, where they exist."""
    for suffix in ("", "-wal", "-shm"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)


def _migrate(path: Path) -> None:
    _remove(path)
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "SEARCH_URL")
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=ROOT,
        env={
            **environment,
            "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
            "DATABASE_URL": f"sqlite:///{path}",
            "SEARCH_URL": f"sqlite:///{path.with_name('search.sqlite3')}",
        },
        check=True,
        capture_output=True,
        timeout=900,
    )


def template() -> Path:
    """The migrated template for the current fingerprint, made on first use (one maker at a
    time: others wait for it); templates of other fingerprints are then removed."""
    TEMPLATES.mkdir(parents=True, exist_ok=True)
    path = TEMPLATES / f"{fingerprint()}.sqlite3"
    with (TEMPLATES / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            partial = TEMPLATES / "partial" / "db.sqlite3"
            partial.parent.mkdir(exist_ok=True)
            _migrate(partial)
            copy_database(partial, path.with_suffix(".tmp"))
            path.with_suffix(".tmp").rename(path)
            shutil.rmtree(partial.parent)
            for older in TEMPLATES.glob("*.sqlite3"):
                if older != path:
                    older.unlink()
    return path


def copy_database(source: Path, target: Path) -> None:
    """Copy the SQLite database ``source`` to ``target`` (replacing it) through SQLite's backup
    API, so a write-ahead log is carried over too."""
    _remove(target)
    with closing(sqlite3.connect(source)) as original, closing(sqlite3.connect(target)) as copy:
        original.backup(copy)


def migrated_database(target: Path) -> None:
    """Put at ``target`` an SQLite database with every migration applied."""
    copy_database(template(), target)
