"""load_demo never creates the well-known demo accounts on a production install."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parent.parent


def test_load_demo_refuses_under_production_settings_without_a_demo_password(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "a-production-secret-for-this-test",
        "ALLOWED_HOSTS": "news.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        "DEMO_PASSWORD": "",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "load_demo"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "DEMO_PASSWORD" in result.stderr
    assert "Traceback" not in result.stderr  # refused up front, before touching the database


@override_settings(DEBUG=False, DEMO_PASSWORD="")
def test_load_demo_refuses_with_debug_off_and_creates_nobody(db):
    with pytest.raises(CommandError, match="DEMO_PASSWORD"):
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert not get_user_model().objects.exists()


@override_settings(DEBUG=False, DEMO_PASSWORD="a-password-the-operator-chose")
def test_load_demo_uses_the_password_the_operator_set(db):
    from editorial.setup import setup_roles
    from home.demo import load_accounts, load_networks

    load_networks()
    setup_roles()
    load_accounts()
    admin = get_user_model().objects.get(username="admin")
    assert admin.check_password("a-password-the-operator-chose")
    assert not admin.check_password("surin-demo-2569")
