"""Health for machines: /health/live/ (the process answers) and /health/ready/ (the site can
serve: database and media storage; a cache outage or a full disk is degraded, still ready)."""

import errno
from datetime import timedelta

import pytest
from django.core.files.storage import FileSystemStorage
from django.db import OperationalError, connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from news.interchange.indexing import index_chunk

LIVE, READY = "/health/live/", "/health/ready/"


def test_liveness_answers_without_touching_the_database(client):
    # No django_db mark: any database query here would fail the test.
    response = client.get(LIVE)
    assert response.status_code == 200
    assert response.json() == {"status": "alive"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_ready_when_database_storage_and_cache_answer(client):
    response = client.get(READY)
    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "checks": {"database": "ok", "media_storage": "ok", "cache": "ok", "queue": "ok"},
    }


@pytest.mark.django_db
def test_not_ready_when_the_database_is_gone(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get(READY)
    assert response.status_code == 503
    assert response.json()["status"] == "not ready"
    assert response.json()["checks"]["database"] == "down"


@pytest.mark.django_db
def test_not_ready_when_the_media_folder_is_gone(client, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "unmounted")
    response = client.get(READY)
    assert response.status_code == 503
    assert response.json()["checks"]["media_storage"] == "down"


@pytest.mark.django_db
def test_a_full_disk_is_degraded_not_out_of_rotation(client, monkeypatch):
    def disk_full(self, name, content, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", disk_full)
    response = client.get(READY)
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["media_storage"] == "degraded"


@pytest.mark.django_db
def test_a_cache_outage_is_degraded_not_out_of_rotation(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
    response = client.get(READY)
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["cache"] == "degraded"


@pytest.mark.django_db
def test_a_queue_backlog_is_degraded_not_out_of_rotation(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    result = index_chunk.enqueue("news.NewsPage", [])
    DBTaskResult.objects.filter(pk=result.id).update(
        enqueued_at=timezone.now() - timedelta(minutes=10)
    )

    response = client.get(READY)

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["queue"] == "degraded"
