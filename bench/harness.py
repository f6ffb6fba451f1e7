"""The machinery of the page benchmark (bench/pages_bench.py): the processes it starts, wrk and
its report, the machine's description, and the region of docs/performance.md it rewrites.

The pure functions (``parse_wrk``, ``replace_region``, ``percent``) are tested in the normal
suite (tests/test_bench_harness.py); the rest starts and stops real processes.
"""

import gzip
import http.client
import os
import re
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WRK_SCRIPT = Path(__file__).resolve().parent / "wrk_report.lua"


class MissingTool(RuntimeError):
    """A program the benchmark needs is not installed (`make bench-tools` installs them)."""


def require(*programs):
    """The absolute path of each program; a clear message naming every missing one."""
    found, missing = {}, []
    for program in programs:
        path = shutil.which(program, path=f"{os.environ.get('PATH', '')}:/usr/sbin:/usr/bin")
        if path:
            found[program] = path
        else:
            missing.append(program)
    if missing:
        raise MissingTool(
            "The page benchmark needs " + ", ".join(missing) + ": run `make bench-tools` "
            "(apt-get install nginx varnish wrk valgrind, as root) or install them by hand."
        )
    return found


# --- the docs region -------------------------------------------------------------------------


def replace_region(text, name, body):
    """``text`` with everything between ``<!-- bench:NAME:begin -->`` and its ``end`` marker
    replaced by ``body``; the markers and everything outside them stay as they were. A heading
    inside the region that ``body`` does not have is an error, not a deleted section."""
    old = region(text, name)
    # A marker out of place would put hand-written sections inside the region; refuse to
    # delete them.
    lost = [heading for heading in headings(old) if heading not in headings(body)]
    if lost:
        raise ValueError(f"the {name} region holds sections the bench does not write: {lost}")
    begin, end = _markers(name)
    head, rest = text.split(begin)
    _old, tail = rest.split(end)
    return f"{head}{begin}\n{body.strip()}\n{end}{tail}"


def region(text, name):
    """What stands between ``<!-- bench:NAME:begin -->`` and its ``end`` marker."""
    begin, end = _markers(name)
    if text.count(begin) != 1 or text.count(end) != 1 or text.index(begin) > text.index(end):
        raise ValueError(f"expected exactly one {begin} … {end} region")
    return text.split(begin)[1].split(end)[0]


def headings(markdown):
    return [line for line in markdown.splitlines() if line.startswith("#")]


def _markers(name):
    return f"<!-- bench:{name}:begin -->", f"<!-- bench:{name}:end -->"


def replace_block(text, name, body):
    """The same for a block between ``# NAME:begin`` and ``# NAME:end`` comment lines (the
    backends of deploy/varnish.vcl): the lines between the markers become ``body``."""
    pattern = re.compile(
        rf"(^[ \t]*# {re.escape(name)}:begin[^\n]*\n).*?(^[ \t]*# {re.escape(name)}:end)",
        re.S | re.M,
    )
    if len(pattern.findall(text)) != 1:
        raise ValueError(f"expected exactly one '# {name}:begin' … '# {name}:end' block")
    return pattern.sub(
        lambda match: match.group(1) + body.rstrip("\n") + "\n" + match.group(2), text
    )


# --- wrk -------------------------------------------------------------------------------------

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def parse_wrk(output):
    """The figures of one wrk run (started with ``-s bench/wrk_report.lua``).

    Returns requests, seconds, requests_per_second, p50_ms, p95_ms, p99_ms, max_ms, errors
    (socket errors and responses outside 2xx/3xx) and non_2xx_3xx.
    """
    report = re.search(r"^REPORT (.*)$", output, re.M)
    if report is None:
        raise ValueError("no REPORT line in wrk's output (was it run with wrk_report.lua?)")
    values = dict(item.split("=", 1) for item in report.group(1).split())
    requests = int(values["requests"])
    seconds = int(values["duration_us"]) / 1e6
    socket_errors = sum(
        int(values[name]) for name in ("connect", "read", "write", "timeout") if name in values
    )
    status_errors = int(values.get("status", 0))
    result = {
        "requests": requests,
        "seconds": round(seconds, 2),
        "requests_per_second": round(requests / seconds, 1) if seconds else 0.0,
        "errors": socket_errors + status_errors,
        "non_2xx_3xx": status_errors,
    }
    for name in ("p50", "p95", "p99", "max"):
        result[f"{name}_ms"] = round(int(values[f"{name}_us"]) / 1000, 2)
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M)
    if rate:
        # wrk's own figure divides by its measured run time, as ours does; kept when present.
        result["requests_per_second"] = float(rate.group(1))
    return result


def wrk(url, *, seconds, connections=8, threads=2, headers=()):
    """Runs wrk against ``url`` and returns ``parse_wrk``'s figures plus the command line."""
    argv = [
        require("wrk")["wrk"],
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(WRK_SCRIPT),
    ]
    for name, value in headers:
        argv += ["-H", f"{name}: {value}"]
    argv.append(url)
    run = subprocess.run(  # noqa: S603 (wrk with our own arguments)
        argv, capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    if run.returncode != 0:
        raise RuntimeError(f"wrk failed ({run.returncode}): {run.stderr.strip()[-500:]}")
    return parse_wrk(run.stdout)


def percent(part, whole):
    """``part ÷ whole`` as a ratio rounded to two places; None when either is missing."""
    if not part or not whole:
        return None
    return round(part / whole, 2)


# --- instructions (valgrind) -----------------------------------------------------------------


def parse_callgrind_total(output):
    """The instructions a callgrind run counted, from its closing lines ("Collected : N")."""
    match = re.search(r"Collected\s*:\s*(\d+)", output)
    if match is None:
        raise ValueError("no instruction count in valgrind's output (was it callgrind?)")
    return int(match.group(1))


# The requests of the two callgrind runs whose difference is counted.
CALLGRIND_REQUESTS = (10, 40)


def instructions_per_request(command, *, env, cwd, requests=CALLGRIND_REQUESTS):
    """Instructions one request costs: ``command(count)`` (a process serving a page ``count``
    times) run under callgrind with the more of ``requests``, less a run with the fewer, divided
    by the difference; start-up and warm-up cancel out. Counts do not move with the machine's
    load."""
    valgrind = require("valgrind")["valgrind"]
    fewer, more = requests
    totals = {}
    for count in requests:
        run = subprocess.run(  # noqa: S603
            [valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", *command(count)],
            env=env,
            cwd=cwd,
            capture_output=True,
            text=True,
            check=False,
        )
        if run.returncode != 0:
            raise RuntimeError(f"{command(count)} under valgrind failed:\n{run.stderr[-2000:]}")
        totals[count] = parse_callgrind_total(run.stderr)
    return round((totals[more] - totals[fewer]) / (more - fewer))


# --- HTTP ------------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes

    @property
    def gzip_size(self):
        return len(gzip.compress(self.body, compresslevel=6, mtime=0))


def fetch(port, path, headers=(), method="GET", timeout=10):
    """One request to 127.0.0.1:``port``; ``path`` is already percent-encoded."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, headers=dict(headers))
        response = connection.getresponse()
        body = response.read()
        return Response(response.status, {k.lower(): v for k, v in response.getheaders()}, body)
    finally:
        connection.close()


def wait_for(port, path="/", headers=(), timeout=60, process=None):
    """Waits until 127.0.0.1:``port`` answers ``path`` (any status)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            return fetch(port, path, headers, timeout=5)
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"nothing answered on 127.0.0.1:{port} within {timeout} s")


# --- processes -------------------------------------------------------------------------------


@dataclass
class Services:
    """The processes a benchmark starts, each in its own process group, all stopped at the end
    (``with Services(...) as services:``), whether the benchmark passed or failed."""

    logs: Path
    started: list = field(default_factory=list)

    def start(self, name, argv, *, env=None, cwd=None):
        self.logs.mkdir(parents=True, exist_ok=True)
        log = open(self.logs / f"{name}.log", "wb")  # noqa: SIM115 (closed in stop())
        process = subprocess.Popen(  # noqa: S603 (our own commands)
            argv,
            env=env,
            cwd=cwd,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.started.append((name, process, log))
        return process

    def log_tail(self, name, lines=30):
        path = self.logs / f"{name}.log"
        if not path.exists():
            return ""
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self):
        for _name, process, _log in reversed(self.started):
            if process.poll() is None:
                # The process's own group (start_new_session): gunicorn's workers, varnishd's
                # child and nginx's workers go with their parent, and nothing else does.
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    continue
        for _name, process, log in reversed(self.started):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                process.wait(timeout=5)
            log.close()
        self.started.clear()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()


def process_ids():
    """Every process id on the machine."""
    return [int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()]


def _stat(pid):
    """/proc/<pid>/stat as the command name and the fields after it (state, ppid, …); None
    once the process has gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # pid (comm) state ppid …; comm may hold spaces and parentheses.
    head, fields = stat.rsplit(")", 1)
    return head.split("(", 1)[1], fields.split()


def children(pid):
    """The process ids whose parent is ``pid`` (gunicorn's workers)."""
    return [
        child
        for child in process_ids()
        if (stat := _stat(child)) is not None and int(stat[1][1]) == pid
    ]


def rss_kib(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class PeakMemory:
    """Samples the resident memory of a process and its children while a load runs; ``peak``
    is the largest total (KiB) and ``peak_worker`` the largest single child."""

    def __init__(self, pid, interval=0.2):
        import threading

        self.pid, self.interval = pid, interval
        self.peak = self.peak_worker = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            workers = [rss_kib(child) for child in children(self.pid)]
            self.peak = max(self.peak, rss_kib(self.pid) + sum(workers))
            self.peak_worker = max([self.peak_worker, *workers])
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join()


def cpu_ticks(pid):
    """The CPU time ``pid`` has used, user and system, in clock ticks (0 once it has gone)."""
    stat = _stat(pid)
    if stat is None:
        return 0
    _name, fields = stat
    # utime and stime: the 14th and 15th fields of the whole line.
    return int(fields[11]) + int(fields[12])


def processes_named(name):
    """The process ids whose command name is ``name`` (every PostgreSQL process: "postgres")."""
    return [pid for pid in process_ids() if (stat := _stat(pid)) is not None and stat[0] == name]


def machine_busy_ticks():
    """Clock ticks every CPU of the machine has spent on anything but waiting (/proc/stat)."""
    totals = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle, iowait = totals[3], totals[4]
    return sum(totals[:8]) - idle - iowait


class CpuTime:
    """The CPU time spent while a load runs by the app (a process and its children: gunicorn and
    its workers), by PostgreSQL (every "postgres" process) and by the whole machine (wrk, Redis
    and the rest included), in milliseconds. A process started during the load counts whole."""

    def __init__(self, pid):
        self.pid = pid
        self.app_ms = self.postgresql_ms = self.machine_ms = 0.0

    def _groups(self):
        return {
            "app": {pid: cpu_ticks(pid) for pid in [self.pid, *children(self.pid)]},
            "postgresql": {pid: cpu_ticks(pid) for pid in processes_named("postgres")},
        }

    def __enter__(self):
        self._before, self._machine_before = self._groups(), machine_busy_ticks()
        return self

    def __exit__(self, *exc_info):
        after, machine = self._groups(), machine_busy_ticks()
        milliseconds_per_tick = 1000 / os.sysconf("SC_CLK_TCK")
        spent = {
            group: sum(ticks - self._before[group].get(pid, 0) for pid, ticks in used.items())
            for group, used in after.items()
        }
        self.app_ms = spent["app"] * milliseconds_per_tick
        self.postgresql_ms = spent["postgresql"] * milliseconds_per_tick
        self.machine_ms = (machine - self._machine_before) * milliseconds_per_tick

    def per_request(self, requests):
        """{app, postgresql, machine}: milliseconds of CPU per request of the load."""
        return {
            group: round(spent / requests, 2) if requests else None
            for group, spent in (
                ("app", self.app_ms),
                ("postgresql", self.postgresql_ms),
                ("machine", self.machine_ms),
            )
        }


# --- the machine -----------------------------------------------------------------------------


def command_output(argv):
    try:
        run = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)  # noqa: S603
    except OSError:
        return ""
    return (run.stdout + run.stderr).strip()


def cpu_model():
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "unknown"


def memory_gib():
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return round(int(line.split()[1]) / 1024 / 1024, 1)
    return None


def first_match(pattern, text, default="?"):
    match = re.search(pattern, text)
    return match.group(1) if match else default
