import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _load_production_settings(**env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS")
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="cms.settings.production")
    return subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.TIME_ZONE)",
        ],
        cwd=REPO,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_its_variables():
    result = _load_production_settings()
    assert result.returncode != 0
    assert "SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS" in result.stderr


def test_production_starts_with_its_variables_in_bangkok_time():
    result = _load_production_settings(
        SECRET_KEY="x" * 50,
        DATABASE_URL="sqlite:////tmp/prod-check.sqlite3",
        ALLOWED_HOSTS="example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Asia/Bangkok"
