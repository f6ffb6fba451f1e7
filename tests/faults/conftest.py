import pytest

from .harness import Drill, available

MEDIA_MEGABYTES = 24


@pytest.fixture(scope="session")
def drill():
    """One private PostgreSQL, Redis and site server for all the drills (about 50 s to build)."""
    reason = available()
    if reason:
        pytest.fail(f"The fault drills cannot run here: {reason}")
    with Drill(media_size_mb=MEDIA_MEGABYTES) as built:
        yield built


@pytest.fixture(scope="session")
def figures():
    """What each drill measured, printed at the end (`pytest -m slow tests/faults -s`)."""
    measured = []
    yield measured
    for line in measured:
        print(f"\nFAULT FIGURES {line}")
