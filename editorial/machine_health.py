"""Health for machines (load balancers, orchestrators, uptime monitors), beside the editors'
``/health/``:

- ``/health/live/``: the process answers. No database, cache or file is touched, so a slow
  database never gets a healthy process restarted.
- ``/health/ready/``: 503 only when the site cannot serve pages: the database or the media
  storage is gone. A cache outage, a full disk or a queue backlog (no worker running, or too
  few) leaves it ready but "degraded" in the body: pages still come (uncached, without new
  uploads, or with emails and renditions late), so the server must stay in rotation.
"""

import uuid

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from background.status import queue_status

OK, DEGRADED, DOWN = "ok", "degraded", "down"
PROBE_FOLDER = "health"
# A task due longer than this means no worker keeps up (the worker looks every second).
QUEUE_BACKLOG_SECONDS = 300


def check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return DOWN
    return OK


def check_media_storage():
    """Down when stored files cannot be read; degraded when new ones cannot be written."""
    try:
        default_storage.listdir("")
    except OSError:
        return DOWN
    name = f"{PROBE_FOLDER}/probe-{uuid.uuid4().hex}.txt"
    try:
        saved = default_storage.save(name, ContentFile(b"ok"))
        default_storage.delete(saved)
    except OSError:
        return DEGRADED
    return OK


def check_cache():
    """The shared cache answers; a degrading backend reports an outage as a miss."""
    key = f"health-probe-{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", 10)
        answered = cache.get(key) == "ok"
        cache.delete(key)
    except Exception:  # any backend's connection error: an outage is degraded, not down
        answered = False
    return OK if answered else DEGRADED


def check_queue():
    try:
        status = queue_status()
    except DatabaseError:
        return DEGRADED  # the database check says whether that is fatal
    return DEGRADED if status["oldest_waiting_seconds"] > QUEUE_BACKLOG_SECONDS else OK


CHECKS = {
    "database": check_database,
    "media_storage": check_media_storage,
    "cache": check_cache,
    "queue": check_queue,
}
REQUIRED = ("database", "media_storage")


@never_cache
def live(request):
    return JsonResponse({"status": "alive"})


@never_cache
def ready(request):
    checks = {name: check() for name, check in CHECKS.items()}
    if any(checks[name] == DOWN for name in REQUIRED):
        status, code = "not ready", 503
    elif any(result != OK for result in checks.values()):
        status, code = "degraded", 200
    else:
        status, code = "ready", 200
    return JsonResponse({"status": status, "checks": checks}, status=code)
