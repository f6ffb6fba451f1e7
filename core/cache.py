"""The site's cache: Redis when it answers, no cache at all when it does not.

Checked against Django 5.2's ``django.core.cache.backends.redis`` and redis-py 8.1. With
Django's own ``RedisCache``, a Redis that is stopped or unreachable turned every public page
into a 500, since pages read the cache on every request. Here a connection error or a timeout
is a miss on read and a no-op on write: readers get pages built from the database, a little
slower. After a failure the cache stays out of the way for ``RETRY_AFTER_SECONDS``, so an
outage costs one short timeout per process every few seconds, not one per request; a warning
is logged once per outage. ``tests/test_faults_cache.py`` and the fault drill ``tests/faults/``
check it.

Writes made during an outage are lost, so a process that sees Redis answer again sends
``cache_recovered``: the page cache (page_cache) starts a new generation then, since a change
published meanwhile could not tell Redis that the pages it holds are stale.
"""

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.dispatch import Signal
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5.0
# Redis answers a healthy local call in well under a millisecond; a half-second wait is an
# outage, and it must not hold a reader's page longer than that.
SOCKET_TIMEOUT_SECONDS = 0.5

_UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)

# Sent (no arguments) by a process whose cache answers again after an outage it saw.
cache_recovered = Signal()


class _Outage:
    """When Redis last failed, shared by the threads of one process."""

    def __init__(self):
        self._lock = threading.Lock()
        self._until = 0.0

    def active(self):
        return time.monotonic() < self._until

    def begin(self, error):
        with self._lock:
            first = self._until == 0.0
            self._until = time.monotonic() + RETRY_AFTER_SECONDS
        if first:
            logger.warning("Cache unavailable, serving uncached: %s", error)

    def end(self):
        if self._until:
            with self._lock:
                ended, self._until = self._until != 0.0, 0.0
            if ended:
                logger.warning("Cache available again")
                cache_recovered.send(sender=self.__class__)


def _degrading(method_name, fallback):
    """Wrap a client method: Redis errors become ``fallback(*args, **kwargs)``."""

    def method(self, *args, **kwargs):
        if self.outage.active():
            return fallback(*args, **kwargs)
        try:
            result = getattr(super(DegradingRedisCacheClient, self), method_name)(*args, **kwargs)
        except _UNAVAILABLE as error:
            self.outage.begin(error)
            return fallback(*args, **kwargs)
        self.outage.end()
        return result

    method.__name__ = method_name
    return method


def _missing_key(key, *args, **kwargs):
    # What Django's incr() says for a key it does not hold.
    raise ValueError(f"Key '{key}' not found (cache unavailable)")


class DegradingRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, **options):
        options.setdefault("socket_connect_timeout", SOCKET_TIMEOUT_SECONDS)
        options.setdefault("socket_timeout", SOCKET_TIMEOUT_SECONDS)
        super().__init__(servers, **options)
        self.outage = _Outage()
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        # Django makes a new redis.Redis for every cache call; with redis-py 8 that takes
        # 0.2 ms (its table of reply parsers is built each time), longer than a local GET. One
        # client per connection pool serves every thread: redis-py's clients are thread-safe
        # and take a connection from the pool for each command.
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._client(connection_pool=self._get_connection_pool(write))
            self._clients[index] = client
        return client

    get = _degrading("get", lambda key, default: default)
    get_many = _degrading("get_many", lambda keys: {})
    has_key = _degrading("has_key", lambda key: False)
    set = _degrading("set", lambda *args, **kwargs: None)
    set_many = _degrading("set_many", lambda data, timeout: list(data))
    add = _degrading("add", lambda *args, **kwargs: False)
    touch = _degrading("touch", lambda *args, **kwargs: False)
    delete = _degrading("delete", lambda key: False)
    delete_many = _degrading("delete_many", lambda keys: None)
    incr = _degrading("incr", _missing_key)
    clear = _degrading("clear", lambda: False)


class DegradingRedisCache(RedisCache):
    """Django's RedisCache whose outages are misses (module docstring)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = DegradingRedisCacheClient
