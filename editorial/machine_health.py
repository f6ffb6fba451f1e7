"""Health for machines (load balancers, orchestrators, uptime monitors), beside the editors'
``/health/``:

- ``/health/live/``: the process answers. No database, cache or file is touched, so a slow
  database never gets a healthy process restarted.
- ``/health/ready/``: 503 only when the site cannot serve pages: the database or the media
  storage is gone. A cache outage or a full disk leaves it ready but "degraded" in the body:
  pages still come (uncached, or without new uploads), so the server must stay in rotation.
"""

import uuid

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

OK, DEGRADED, DOWN = "ok", "degraded", "down"
PROBE_FOLDER = "health"


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


CHECKS = {
    "database": check_database,
    "media_storage": check_media_storage,
    "cache": check_cache,
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
