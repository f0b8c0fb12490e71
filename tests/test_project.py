"""Project-wide promises: migrations match the models, production settings pass Django's
deployment checks and refuse development defaults, the code is ruff-clean, type-checks, and its
imports point down the layers."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).parents[1]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "x7!kq2@prod-like-secret-for-checks-only-3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5",
    "ALLOWED_HOSTS": "hanoimoi.vn,www.hanoimoi.vn",
    "DATABASE_URL": "sqlite:////tmp/cms-deploy-check.sqlite3",
    "WAGTAILADMIN_BASE_URL": "https://cms.hanoimoi.vn",
}
# Settings, lint, types and layers: checked in subprocesses on their own SQLite file.
pytestmark = pytest.mark.own_database


def manage(*args: str, env: dict, timeout: int = 120) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in (
            "DJANGO_SETTINGS_MODULE",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DATABASE_URL",
            "WAGTAILADMIN_BASE_URL",
            "DATABASE_CONN_MAX_AGE",
            "REDIS_URL",
            "CACHE_URL",
        )
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.mark.django_db
def test_migrations_match_the_models():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_production_settings_pass_the_deployment_checks():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "override, complaint",
    [
        ({"SECRET_KEY": "dev-only-insecure-key-never-use-in-production"}, "SECRET_KEY"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"DATABASE_URL": ""}, "DATABASE_URL"),
        ({"WAGTAILADMIN_BASE_URL": ""}, "WAGTAILADMIN_BASE_URL"),
        ({"WAGTAILADMIN_BASE_URL": "http://localhost:8000"}, "WAGTAILADMIN_BASE_URL"),
    ],
)
def test_production_refuses_development_defaults(override, complaint):
    env = {**PRODUCTION_ENV, **override}
    env = {k: v for k, v in env.items() if v}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and complaint in result.stderr


PRINT_SETTINGS = (
    "from django.conf import settings; from django.db import connection; import time; "
    "connection.ensure_connection(); "
    "print(connection.settings_dict['CONN_MAX_AGE'], round(connection.close_at - time.monotonic()),"
    " connection.settings_dict['CONN_HEALTH_CHECKS'], settings.CACHES['default']['BACKEND'],"
    " settings.CACHES['pages']['BACKEND'])"
)


@pytest.mark.parametrize("override, max_age", [({}, 60), ({"DATABASE_CONN_MAX_AGE": "45"}, 45)])
def test_production_reuses_database_connections_for_the_configured_time(override, max_age):
    """The value loaded into the connection is the one configured (60 s by default), and an
    opened connection is kept that long; a reused one is checked first."""
    result = manage("shell", "-c", PRINT_SETTINGS, env={**PRODUCTION_ENV, **override})
    assert result.returncode == 0, result.stderr
    loaded, kept_for, health_checks = result.stdout.splitlines()[-1].split()[:3]
    assert int(loaded) == max_age
    assert max_age - 2 <= int(kept_for) <= max_age
    assert health_checks == "True"


def test_production_caches_in_redis_when_redis_url_is_set():
    result = manage(
        "shell", "-c", PRINT_SETTINGS, env={**PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:1/0"}
    )
    assert result.returncode == 0, result.stderr
    default, pages = result.stdout.splitlines()[-1].split()[3:5]
    assert default == pages == "django.core.cache.backends.redis.RedisCache"


def test_the_code_is_ruff_clean():
    ruff = Path(sys.executable).with_name("ruff")
    result = subprocess.run([str(ruff), "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_imports_point_down_the_layers_without_cycles():
    """The import-linter contracts in pyproject.toml (layers, no cycles between modules)."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_type_checks():
    """mypy with django-stubs, configured in pyproject.toml."""
    mypy = Path(sys.executable).with_name("mypy")
    result = subprocess.run([str(mypy)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
