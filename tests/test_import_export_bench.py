"""The import benchmark runs end to end (`make bench`); the 10,000-story figure is in
docs/import-format.md."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.bench
def test_import_benchmark_creates_and_updates_every_story():
    run = subprocess.run(  # noqa: S603 (our own script, fixed arguments)
        [sys.executable, str(ROOT / "bench" / "import_bench.py"), "--stories", "400"],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 0, run.stderr[-2000:]
    rates = re.findall(r"(create|update): 400 stories in .* \(CPU ([\d.]+) s\)", run.stdout)
    assert [label for label, _cpu in rates] == ["create", "update"]
    # CPU time, not wall clock, so a busy machine does not fail it: 10,000 stories in minutes
    # needs well over 10 stories per CPU second.
    assert all(400 / float(cpu) > 10 for _label, cpu in rates)
