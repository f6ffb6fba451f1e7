import json
import os
import re
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


# Every variable of the README's "Configuration" table: a distinctive value, where the production
# settings must show it (an expression over ``s``, django.conf.settings) and what it must be there.
SECRET = "readme-check-" + "k" * 50
README_VARIABLES = {
    "SECRET_KEY": (SECRET, "s.SECRET_KEY", SECRET),
    "DATABASE_URL": (
        "postgres://siang:secret@db.internal:5433/siang_news",
        '[database[key] for key in ("ENGINE", "USER", "PASSWORD", "HOST", "PORT", "NAME")]',
        ["django.db.backends.postgresql", "siang", "secret", "db.internal", 5433, "siang_news"],
    ),
    "ALLOWED_HOSTS": (
        "news.example.org, www.news.example.org",
        "s.ALLOWED_HOSTS",
        ["news.example.org", "www.news.example.org"],
    ),
    "CSRF_TRUSTED_ORIGINS": (
        "https://news.example.org",
        "s.CSRF_TRUSTED_ORIGINS",
        ["https://news.example.org"],
    ),
    "SITE_URL": (
        "https://news.example.org",
        "s.WAGTAILADMIN_BASE_URL",
        "https://news.example.org",
    ),
    "REDIS_URL": (
        "redis://10.0.0.5:6379/2",
        's.CACHES["default"]["LOCATION"]',
        "redis://10.0.0.5:6379/2",
    ),
    "PAGE_CACHE_SECONDS": ("120", "s.PAGE_CACHE_SECONDS", 120),
    "PAGE_CACHE_PROCESS_SECONDS": ("0.25", "s.PAGE_CACHE_PROCESS_SECONDS", 0.25),
    "FRONTEND_CACHE_PURGE_URLS": (
        "http://127.0.0.1:6081, http://10.0.0.2:6081",
        '[backend["LOCATION"] for backend in s.WAGTAILFRONTENDCACHE.values()]',
        ["http://127.0.0.1:6081", "http://10.0.0.2:6081"],
    ),
    "MEDIA_ROOT": ("/srv/siang/media", "s.MEDIA_ROOT", "/srv/siang/media"),
    "MEDIA_URL": ("/uploads/", "s.MEDIA_URL", "/uploads/"),
    "STATIC_ROOT": ("/srv/siang/static", "s.STATIC_ROOT", "/srv/siang/static"),
    "AWS_STORAGE_BUCKET_NAME": (
        "siang-uploads",
        '[storage["BACKEND"], storage["OPTIONS"]["bucket_name"]]',
        ["storages.backends.s3.S3Storage", "siang-uploads"],
    ),
    "AWS_S3_ENDPOINT_URL": (
        "https://s3.example.net",
        'storage["OPTIONS"]["endpoint_url"]',
        "https://s3.example.net",
    ),
    "AWS_S3_REGION_NAME": (
        "ap-southeast-1",
        'storage["OPTIONS"]["region_name"]',
        "ap-southeast-1",
    ),
    "AWS_S3_CUSTOM_DOMAIN": (
        "media.news.example.org",
        '[storage["OPTIONS"]["custom_domain"], s.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]]',
        ["media.news.example.org", ["'self'", "https://media.news.example.org"]],
    ),
    "EMAIL_HOST": ("smtp.example.net", "s.EMAIL_HOST", "smtp.example.net"),
    "EMAIL_PORT": ("587", "s.EMAIL_PORT", 587),
    "EMAIL_HOST_USER": ("newsroom", "s.EMAIL_HOST_USER", "newsroom"),
    "EMAIL_HOST_PASSWORD": ("mail-secret", "s.EMAIL_HOST_PASSWORD", "mail-secret"),
    "EMAIL_USE_TLS": ("true", "s.EMAIL_USE_TLS", True),
    "DEFAULT_FROM_EMAIL": (
        "Siang Chumchon <news@example.org>",
        "s.DEFAULT_FROM_EMAIL",
        "Siang Chumchon <news@example.org>",
    ),
    "DEMO_PASSWORD": ("demo-only-password", "s.DEMO_PASSWORD", "demo-only-password"),
    "TIPS_CONTACT_RETENTION_DAYS": ("45", "s.TIPS_CONTACT_RETENTION_DAYS", 45),
    "BACKUP_RETENTION_DAYS": ("14", "s.BACKUP_RETENTION_DAYS", 14),
    "TRUSTED_PROXY_IPS": (
        "127.0.0.1, 10.0.0.0/8",
        "s.TRUSTED_PROXY_IPS",
        ["127.0.0.1", "10.0.0.0/8"],
    ),
}


def _settings_printer():
    """A script that prints, as JSON, where each variable arrived in the production settings."""
    lines = "".join(
        f"    {name!r}: {where},\n" for name, (_value, where, _expected) in README_VARIABLES.items()
    )
    return (
        "import json\n"
        "from django.conf import settings as s\n"
        'database = s.DATABASES["default"]\n'
        'storage = s.STORAGES["default"]\n'
        f"print(json.dumps({{\n{lines}}}))\n"
    )


def _readme_configuration_variables():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    first_cells = [line.split("|")[1] for line in section.splitlines() if line.startswith("| `")]
    return {name for cell in first_cells for name in re.findall(r"`([A-Z][A-Z0-9_]*)`", cell)}


def test_the_readme_names_exactly_the_variables_the_settings_read():
    from cms.settings.base import ENV

    assert _readme_configuration_variables() == set(ENV) == set(README_VARIABLES)


def test_every_variable_the_readme_names_reaches_the_production_settings():
    environment = {
        name: value for name, value in os.environ.items() if name not in README_VARIABLES
    }
    environment.update(
        {name: value for name, (value, _where, _expected) in README_VARIABLES.items()},
        DJANGO_SETTINGS_MODULE="cms.settings.production",
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", _settings_printer()],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        name: expected for name, (_value, _where, expected) in README_VARIABLES.items()
    }
