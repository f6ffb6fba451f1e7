"""Redis stopped while readers load pages: every page still comes, uncached; caching resumes."""

import time

import pytest

from .harness import Load

pytestmark = pytest.mark.slow


def test_pages_keep_coming_while_redis_is_stopped(drill, figures):
    with Load(drill, readers=3) as load:
        time.sleep(2)
        stopped = time.monotonic()
        drill.redis.stop()
        time.sleep(5)
        drill.redis.start()
        restarted = time.monotonic()
        # Past the cache's back-off, so it has tried Redis again.
        time.sleep(7)

    during = load.outcomes(stopped, restarted)
    everything = load.outcomes()
    assert set(everything) == {200}, everything
    assert during[200] > 10
    assert drill.redis.keys() > 0, "the cache did not resume after Redis came back"
    log = drill.server.log_text()
    assert "Cache unavailable" in log
    assert "Cache available again" in log
    figures.append(
        f"redis: {sum(everything.values())} pages, {during[200]} while Redis was stopped "
        f"({restarted - stopped:.1f} s), errors 0, slowest page {load.slowest():.2f} s"
    )
