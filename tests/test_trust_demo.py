"""load_demo never creates the well-known demo accounts on a server: production has no demo,
and a demo install (cms.settings.demo) refuses without a password of the operator's own."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parent.parent


def _manage_load_demo(settings_module, tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "SECRET_KEY": "a-production-secret-for-this-test",
        "ALLOWED_HOSTS": "news.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        "DEMO_PASSWORD": "",
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "load_demo"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_has_no_demo_to_load(tmp_path):
    result = _manage_load_demo("cms.settings.production", tmp_path)
    assert result.returncode != 0
    assert "Unknown command: 'load_demo'" in result.stderr
    assert "Traceback" not in result.stderr


def test_load_demo_refuses_on_a_demo_install_without_a_demo_password(tmp_path):
    result = _manage_load_demo("cms.settings.demo", tmp_path)
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
    from demo.site import load_accounts, load_networks
    from editorial.setup import setup_roles

    load_networks()
    setup_roles()
    load_accounts()
    admin = get_user_model().objects.get(username="admin")
    assert admin.check_password("a-password-the-operator-chose")
    assert not admin.check_password("surin-demo-2569")
