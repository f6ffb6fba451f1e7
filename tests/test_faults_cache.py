"""The Redis cache degrades to no cache: a stopped Redis is a miss, never an error page.

A closed local port stands for the stopped Redis (nothing listens on it), so these run without
any Redis; tests/faults/test_redis_outage.py stops a real one under load.
"""

import logging
import socket
import time
from contextlib import closing

import pytest
from django.core.cache.backends.redis import RedisCache

from core import cache as degrading
from core.cache import DegradingRedisCache


def _closed_port():
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def stopped_redis():
    return DegradingRedisCache(f"redis://127.0.0.1:{_closed_port()}/0", {"KEY_PREFIX": "siang"})


def test_django_own_redis_cache_raises_when_redis_is_stopped():
    # What the project used before: every page read would have been a 500.
    plain = RedisCache(f"redis://127.0.0.1:{_closed_port()}/0", {})
    with pytest.raises(Exception, match="[Cc]onnect"):
        plain.get("page")


def test_reads_are_misses_and_writes_do_nothing(stopped_redis):
    assert stopped_redis.get("page") is None
    assert stopped_redis.get("page", "fallback") == "fallback"
    assert stopped_redis.get_many(["a", "b"]) == {}
    assert stopped_redis.has_key("page") is False
    stopped_redis.set("page", "html")
    assert stopped_redis.add("lock", 1) is False
    stopped_redis.set_many({"a": 1})
    stopped_redis.delete("page")
    stopped_redis.delete_many(["a"])
    stopped_redis.touch("page")
    stopped_redis.clear()
    with pytest.raises(ValueError):
        stopped_redis.incr("counter")
    assert stopped_redis.get_or_set("page", "built") == "built"


def test_an_outage_costs_one_attempt_then_backs_off_and_warns_once(
    stopped_redis, monkeypatch, caplog
):
    attempts = []
    real_get = degrading.RedisCacheClient.get

    def counting_get(self, *args):
        attempts.append(args)
        return real_get(self, *args)

    monkeypatch.setattr(degrading.RedisCacheClient, "get", counting_get)
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        started = time.monotonic()
        for _ in range(50):
            stopped_redis.get("page")
        elapsed = time.monotonic() - started
    assert len(attempts) == 1
    assert elapsed < degrading.SOCKET_TIMEOUT_SECONDS * 2
    assert [record.getMessage() for record in caplog.records][0].startswith("Cache unavailable")
    assert len(caplog.records) == 1


def test_after_the_back_off_it_tries_redis_again(stopped_redis, monkeypatch):
    stopped_redis.get("page")
    client = stopped_redis._cache
    assert client.outage.active()
    monkeypatch.setattr(degrading, "RETRY_AFTER_SECONDS", 0.0)
    client.outage.begin(ConnectionError("still down"))
    assert not client.outage.active()
    calls = []
    monkeypatch.setattr(
        degrading.RedisCacheClient, "get", lambda self, key, default: calls.append(key) or "html"
    )
    assert stopped_redis.get("page") == "html"
    assert calls


def test_short_timeouts_unless_the_settings_say_otherwise():
    cache = DegradingRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_timeout": 2}})
    options = cache._cache._pool_options
    assert options["socket_connect_timeout"] == degrading.SOCKET_TIMEOUT_SECONDS
    assert options["socket_timeout"] == 2


def test_one_redis_client_serves_every_call_and_redis_still_answers():
    cache = DegradingRedisCache("redis://127.0.0.1:6379/9", {"KEY_PREFIX": "siang-client-test"})
    assert cache._cache.get_client() is cache._cache.get_client(write=True)
    cache.set("page", "html", 5)
    assert cache.get("page") == "html"
    cache.delete("page")
    assert cache.get("page") is None


def test_production_settings_use_the_degrading_cache(settings_module_with_redis):
    assert (
        settings_module_with_redis.CACHES["default"]["BACKEND"] == "core.cache.DegradingRedisCache"
    )


@pytest.fixture
def settings_module_with_redis(monkeypatch):
    import importlib

    import cms.settings.base as base

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6390/0")
    try:
        yield importlib.reload(base)
    finally:
        monkeypatch.delenv("REDIS_URL")
        importlib.reload(base)
