"""The first administrator comes from the operator, never from a known password; production
setup creates no demo login, and a demo login under production settings stops the start."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings

from cms.demo.checks import no_demo_accounts
from cms.demo.loader import DEMO_PASSWORD, DEMO_USERS
from tests.cms.demo.test_demo_content import load_subset
from tests.conftest import raw_catalogue
from tests.migrated import migrated_database
from tests.test_project import PRODUCTION_ENV, ROOT, manage

User = get_user_model()


def create_admin(monkeypatch, **env: str) -> str:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    out = io.StringIO()
    call_command("create_admin", "--no-input", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_administrator_from_the_environment_with_a_strong_password(monkeypatch):
    create_admin(
        monkeypatch, CMS_ADMIN_EMAIL="ops@hanoi.gov.vn", CMS_ADMIN_PASSWORD="Tr4m-ngoai-vu-2026!"
    )
    admin = User.objects.get(email="ops@hanoi.gov.vn")
    assert admin.is_superuser and admin.is_staff and admin.username == "ops"
    assert admin.check_password("Tr4m-ngoai-vu-2026!")
    assert "nothing changed" in create_admin(monkeypatch)


@pytest.mark.django_db
def test_a_weak_password_is_refused(monkeypatch):
    with pytest.raises(CommandError, match="CMS_ADMIN_PASSWORD"):
        create_admin(monkeypatch, CMS_ADMIN_EMAIL="ops@hanoi.gov.vn", CMS_ADMIN_PASSWORD="123456")
    assert not User.objects.filter(email="ops@hanoi.gov.vn").exists()


@pytest.mark.django_db
def test_without_a_password_a_one_time_link_chooses_it(monkeypatch, client):
    output = create_admin(monkeypatch, CMS_ADMIN_EMAIL="ops@hanoi.gov.vn")
    admin = User.objects.get(email="ops@hanoi.gov.vn")
    assert not admin.has_usable_password()
    link = re.search(r"http://localhost:8000(/admin/password_reset/\S+)", output).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200 and "new_password1" in form.content.decode()
    password = "Mot-mat-khau-rat-dai-2026"
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": password, "new_password2": password}
    )
    assert done.status_code == 302
    admin.refresh_from_db()
    assert admin.check_password(password)
    again = client.get(link, follow=True).content.decode()
    assert "new_password1" not in again, "the link works once"


@pytest.mark.django_db
def test_without_the_environment_nothing_is_created_and_the_operator_is_told(monkeypatch):
    monkeypatch.delenv("CMS_ADMIN_EMAIL", raising=False)
    assert "No administrator yet" in create_admin(monkeypatch)
    assert not User.objects.exists()


@pytest.mark.django_db
@override_settings(CMS_DEMO_LOGINS=False)
def test_demo_content_without_logins_where_they_are_not_allowed(tmp_path, section):
    load_subset(tmp_path).load()
    assert not User.objects.filter(username__in=[u.username for u in DEMO_USERS]).exists()


@pytest.mark.django_db
def test_the_check_names_every_demo_account_that_can_log_in(tmp_path, section):
    # Made by hand under a demo login name with the demo password: the loader leaves it alone.
    User.objects.create_user("oversight", password=DEMO_PASSWORD)
    load_subset(tmp_path).load()
    assert no_demo_accounts() == [], "development allows them"
    with override_settings(CMS_DEMO_LOGINS=False):
        (error,) = no_demo_accounts()
    assert error.id == "demo.E001"
    assert "admin" in error.msg and "oversight" in error.msg


@pytest.mark.own_database
def test_production_setup_creates_no_known_password_and_refuses_demo_logins(tmp_path):
    """Under production settings: setup creates no account (only the operator's, from the
    environment); a demo login put there afterwards stops `manage.py` and the WSGI start."""
    catalogue = tmp_path / "catalogue.yaml"
    catalogue.write_text(
        yaml.safe_dump(raw_catalogue(("portal", "hanoimoi")), allow_unicode=True), "utf-8"
    )
    env = {
        **PRODUCTION_ENV,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SEARCH_URL": f"sqlite:///{tmp_path / 'search.sqlite3'}",
    }
    migrated_database(tmp_path / "db.sqlite3")
    setup = manage("prepare_instance", "--no-input", "--catalogue", str(catalogue), env=env)
    assert setup.returncode == 0, setup.stderr
    assert "seed_demo" not in setup.stdout and "No administrator yet" in setup.stdout
    count = "from django.contrib.auth.models import User; print(User.objects.count())"
    assert manage("shell", "-c", count, env=env).stdout.strip().endswith("\n0")

    admin = manage(
        "create_admin",
        env={**env, "CMS_ADMIN_EMAIL": "ops@hanoi.gov.vn", "CMS_ADMIN_PASSWORD": "Tr4m-ngoai-vu!"},
    )
    assert admin.returncode == 0, admin.stderr
    assert manage("check", env=env).returncode == 0

    plant = (
        "from django.contrib.auth.models import User; "
        f"User.objects.create_user('admin', password='{DEMO_PASSWORD}')"
    )
    assert manage("shell", "-c", plant, env=env).returncode == 0
    refused = manage("check", env=env)
    assert refused.returncode != 0 and "demo.E001" in refused.stderr
    wsgi = subprocess.run(
        [sys.executable, "-c", "import cms.wsgi"],
        cwd=ROOT,
        env={**{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert wsgi.returncode != 0 and "demo.E001" in wsgi.stderr
