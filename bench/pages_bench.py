"""Pages under load: the site as production runs it, against Wagtail's stock site and nginx, in
one run. `make bench` runs it (pytest marker ``bench``); alone:

    .venv/bin/python -m pytest bench/pages_bench.py -m bench -q -s

It needs PostgreSQL, Redis, and nginx, Varnish, wrk and valgrind from Debian
(`make bench-tools`). On loopback, in this order, with fixed ports (8261-8280):

1. builds the site in its own PostgreSQL database (BENCH_DATABASE_URL, default
   ``siang_bench``, dropped and created): ``migrate``, ``setup_roles``, ``load_demo`` (the demo
   settings, as a demo install runs it), BENCH_STORIES more stories (default 300, half of them
   English translations) through ``import_stories``, the task queue run out, ``collectstatic``;
2. creates a stock ``wagtail start`` site with the same Wagtail and Django in a temporary folder,
   on its own database (``siang_bench_stock``), DEBUG off;
3. serves, each under gunicorn with 2 sync workers and the production settings: the site with
   the app's page cache off (``PAGE_CACHE_SECONDS=0``: "cold"), two app servers A and B with it
   on (Redis, BENCH_REDIS_URL, default db 3, emptied first), and the stock site; the task worker
   beside them (purges go through the queue); Varnish with deploy/varnish.vcl in front of A and
   B; nginx serving the story page's bytes as a static file at the story's own address (the
   ceiling); and gunicorn, as above, serving the same bytes from a WSGI application that does
   nothing else (bench/constant_app.py: the ceiling for any page the app serves);
4. loads each page with wrk (2 threads, 8 connections, BENCH_SECONDS each, default 10), sending
   what the TLS front sends (``X-Forwarded-Proto: https``, the site's host name) and what phones
   send (``Accept-Encoding: gzip``), sampling the gunicorn workers' memory meanwhile and
   reading the CPU time of the app, PostgreSQL and the whole machine over each load; the
   story through Varnish and nginx's static copy twice each (Varnish, nginx ... nginx,
   Varnish), their ratio taken over both; the stock page before the pages and after them, the
   story page compared with its faster load;
5. counts the instructions of one cold story request and of one stock page request, each served
   in one process under valgrind's callgrind (``pages_app.py serve``: a run of 40 requests less
   one of 10, ÷ 30), a ratio that does not move with the shared machine's load;
6. checks that A and B serve the same story page, publishes a new title from a separate process
   (warmed up as server A's workers are) and times until it shows through Varnish and on
   server B;
7. writes the tables between the ``bench:pages`` markers of docs/performance.md and everything
   to bench/pages_results.json.

Every process it starts is stopped at the end, whether the run passed or failed.
"""

import gzip
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bench import harness
from bench.pages_report import render

pytestmark = pytest.mark.bench

ROOT = harness.ROOT
BIN = Path(sys.executable).parent
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
STORIES = int(os.environ.get("BENCH_STORIES", "300"))
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/siang_bench"
)
STOCK_DATABASE_URL = os.environ.get(
    "BENCH_STOCK_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/siang_bench_stock"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
PORTS = {
    "cold": 8261,
    "app_a": 8262,
    "app_b": 8263,
    "stock": 8265,
    "constant": 8266,
    "varnish": 8270,
    "varnish_admin": 8271,
    "nginx": 8280,
}
# The demo site's host name (Wagtail's Site): the app's purges name it, so readers must too.
HOST = "localhost"
HEADERS = [("Host", HOST), ("X-Forwarded-Proto", "https"), ("Accept-Encoding", "gzip")]
PLAIN = [("Host", HOST), ("X-Forwarded-Proto", "https")]
RESULTS = Path(__file__).resolve().parent / "pages_results.json"
DOC = ROOT / "docs" / "performance.md"
VCL = ROOT / "deploy" / "varnish.vcl"
PUBLISH_TIMEOUT = 30.0


def run(argv, env, cwd=ROOT, timeout=900):
    """One build step; its output is shown if it fails."""
    started = time.monotonic()
    done = subprocess.run(  # noqa: S603 (our own commands)
        argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(map(str, argv))} failed ({done.returncode}):\n"
            f"{(done.stdout + done.stderr)[-3000:]}"
        )
    return done.stdout, round(time.monotonic() - started, 1)


def recreate_database(url):
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def base_env():
    keep = {name: os.environ[name] for name in ("PATH", "LANG", "HOME") if name in os.environ}
    keep["PATH"] = f"{BIN}:{keep.get('PATH', '/usr/bin:/bin')}"
    return keep


def app_env(work, **extra):
    """The production environment, as README's "Production shape" names it."""
    return {
        **base_env(),
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": work["secret"],
        "DATABASE_URL": DATABASE_URL,
        "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
        "REDIS_URL": REDIS_URL,
        "MEDIA_ROOT": str(work["dir"] / "media"),
        "STATIC_ROOT": str(work["dir"] / "static"),
        "SITE_URL": f"https://{HOST}",
        "TRUSTED_PROXY_IPS": "127.0.0.1",
        "FRONTEND_CACHE_PURGE_URLS": f"http://127.0.0.1:{PORTS['varnish']}",
        **extra,
    }


def build_site(work, timings):
    env = app_env(work)
    demo_env = {
        **env,
        "DJANGO_SETTINGS_MODULE": "cms.settings.demo",
        "DEMO_PASSWORD": work["secret"],
    }
    manage = [sys.executable, "manage.py"]
    recreate_database(DATABASE_URL)
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()  # our own db number only: stale pages of a past run
    _out, timings["migrate"] = run([*manage, "migrate", "--no-input"], env)
    _out, timings["setup_roles"] = run([*manage, "setup_roles"], env)
    _out, timings["load_demo"] = run([*manage, "load_demo"], demo_env)
    out, timings["prepare import file"] = run(
        [sys.executable, "bench/pages_app.py", "prepare", str(work["dir"]), str(STORIES)], demo_env
    )
    import_file = out.strip().splitlines()[-1]
    _out, timings["import_stories"] = run([*manage, "import_stories", import_file], env)
    _out, timings["run_worker --batch"] = run(
        [*manage, "run_worker", "--batch", "--no-startup-delay"], env
    )
    _out, timings["collectstatic"] = run([*manage, "collectstatic", "--no-input"], env)
    out, _seconds = run([sys.executable, "bench/pages_app.py", "urls"], env)
    return json.loads(out)


def build_stock_site(work, timings):
    """A stock `wagtail start` site with the venv's Wagtail and Django, on PostgreSQL with the
    same persistent connections as ours (conn_max_age=60), DEBUG off."""
    folder = work["dir"] / "stock"
    folder.mkdir()
    recreate_database(STOCK_DATABASE_URL)
    run([str(BIN / "wagtail"), "start", "stocksite", str(folder)], base_env())
    (folder / "stocksite" / "settings" / "local.py").write_text(
        "import dj_database_url\n\n"
        f"SECRET_KEY = {work['secret']!r}\n"
        f"ALLOWED_HOSTS = [{HOST!r}, '127.0.0.1']\n"
        f"DATABASES = {{'default': dj_database_url.parse({STOCK_DATABASE_URL!r}, conn_max_age=60)}}\n"
    )
    env = {**base_env(), "DJANGO_SETTINGS_MODULE": "stocksite.settings.production"}
    manage = [sys.executable, "manage.py"]
    _out, timings["stock site"] = run([*manage, "migrate", "--no-input"], env, cwd=folder)
    run([*manage, "collectstatic", "--no-input"], env, cwd=folder)
    return folder, env


def count_instructions(story, cold_env, stock_dir, stock_env):
    """Instructions per request of the story page cold and of the stock page, each served in
    one process (``pages_app.py serve``) under valgrind: a ratio that does not move with the
    shared machine's load, where requests/s do."""
    serve = [sys.executable, str(ROOT / "bench" / "pages_app.py"), "serve"]
    with ThreadPoolExecutor(max_workers=2) as pool:
        story_count = pool.submit(
            harness.instructions_per_request,
            lambda count: [*serve, story, str(count)],
            env=cold_env,
            cwd=ROOT,
        )
        stock_count = pool.submit(
            harness.instructions_per_request,
            lambda count: [*serve, "/", str(count)],
            env=stock_env,
            cwd=stock_dir,
        )
        return {"story": story_count.result(), "stock": stock_count.result()}


def gunicorn(services, name, module, port, env, cwd=ROOT):
    process = services.start(
        name,
        [str(BIN / "gunicorn"), module, "--workers", "2", "--bind", f"127.0.0.1:{port}"],
        env=env,
        cwd=cwd,
    )
    harness.wait_for(port, "/", PLAIN, process=process)
    return process


def start_varnish(services, work):
    """deploy/varnish.vcl as committed, with only its backends block pointed at A and B."""
    backends = "\n".join(
        f"""backend {name} {{
    .host = "127.0.0.1";
    .port = "{PORTS[key]}";
    .host_header = "{HOST}";
    .first_byte_timeout = 60s;
    .probe = {{
        .url = "/health/live/";
        .interval = 1s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
    }}
}}
"""
        for name, key in (("app1", "app_a"), ("app2", "app_b"))
    )
    vcl = work["dir"] / "varnish.vcl"
    vcl.write_text(harness.replace_block(VCL.read_text(), "backends", backends))
    process = services.start(
        "varnish",
        [
            harness.require("varnishd")["varnishd"],
            "-F",
            "-j",
            "none",
            "-n",
            str(work["dir"] / "varnish"),
            "-a",
            f"127.0.0.1:{PORTS['varnish']}",
            "-T",
            f"127.0.0.1:{PORTS['varnish_admin']}",
            "-f",
            str(vcl),
            "-s",
            "malloc,256m",
        ],
    )
    harness.wait_for(PORTS["varnish"], "/health/live/", PLAIN, process=process)
    # Both backends healthy (3 good probes of 5) before anything is measured.
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if harness.fetch(PORTS["varnish"], "/health/live/", PLAIN).status == 200:
            break
        time.sleep(0.5)
    return process


def varnish_backend_requests(work):
    out = harness.command_output(
        [
            harness.require("varnishstat")["varnishstat"],
            "-n",
            str(work["dir"] / "varnish"),
            "-1",
            "-j",
        ]
    )
    try:
        counters = json.loads(out)
    except ValueError:
        return {}
    counters = counters.get("counters", counters)
    found = {}
    for name, value in counters.items():
        # VBE.<vcl>.app1.req
        parts = name.split(".")
        if name.startswith("VBE.") and parts[-1] == "req" and isinstance(value, dict):
            found[parts[-2]] = value.get("value")
    return found


def start_nginx(services, work, body, encoding, address):
    """nginx serving ``body`` (the story page as Varnish sends it) as a static file at ``address``.

    Asked for the story's own address, as Varnish is: nginx decodes the percent-escapes of a
    Thai address (457 characters here), and measured apart it answered that address more slowly
    than "/story.html" (docs/performance.md, "The proxy's ceiling asked what the proxy is asked").
    """
    folder = work["dir"] / "nginx"
    site = folder / "site"
    site.mkdir(parents=True)
    if encoding == "gzip":
        (site / "story.html").write_bytes(gzip.decompress(body))
        (site / "story.html.gz").write_bytes(body)
    else:
        (site / "story.html").write_bytes(body)
    for path in (work["dir"], folder, site):
        path.chmod(0o755)
    for path in site.iterdir():
        path.chmod(0o644)
    conf = folder / "nginx.conf"
    conf.write_text(
        f"""worker_processes auto;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    types {{ text/html html; }}
    gzip_static on;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    server {{
        listen 127.0.0.1:{PORTS["nginx"]};
        root {site};
        location / {{ try_files /story.html =404; }}
    }}
}}
"""
    )
    nginx = harness.require("nginx")["nginx"]
    process = services.start(
        "nginx",
        [
            nginx,
            "-p",
            str(folder),
            "-c",
            str(conf),
            "-e",
            str(folder / "error.log"),
            "-g",
            "daemon off;",
        ],
    )
    harness.wait_for(PORTS["nginx"], address, process=process)
    return process


def start_constant_app(services, work, body, encoding):
    """gunicorn serving ``body`` from bench/constant_app.py: what a page served by the app costs
    with no Django, cache or page behind it."""
    path = work["dir"] / "constant-body"
    path.write_bytes(body)
    env = {**base_env(), "BENCH_CONSTANT_BODY": str(path)}
    if encoding:
        env["BENCH_CONSTANT_ENCODING"] = encoding
    process = gunicorn(services, "gunicorn-constant", "bench.constant_app", PORTS["constant"], env)
    if harness.fetch(PORTS["constant"], "/").body != body:
        raise AssertionError(f"something else answers on port {PORTS['constant']}")
    return process


def prime(port, path, count=2, headers=HEADERS):
    for _ in range(count):
        response = harness.fetch(port, path, headers)
    if response.status != 200:
        raise AssertionError(f"{path} on :{port} answered {response.status}, not 200")
    return response


def load(port, path, process=None):
    """wrk against one page, with the memory and CPU time of ``process`` (gunicorn) and the CPU
    time of PostgreSQL and of the whole machine taken meanwhile."""
    primed = prime(port, path)
    url = f"http://127.0.0.1:{port}{path}"
    if process is None:
        figures = harness.wrk(url, seconds=SECONDS, headers=HEADERS)
    else:
        with harness.PeakMemory(process.pid) as memory, harness.CpuTime(process.pid) as cpu:
            figures = harness.wrk(url, seconds=SECONDS, headers=HEADERS)
        figures["peak_rss_mib"] = round(memory.peak / 1024, 1)
        figures["peak_worker_rss_mib"] = round(memory.peak_worker / 1024, 1)
        figures["cpu_ms_per_request"] = cpu.per_request(figures["requests"])
    # What answered the last request before the load: the app's cache (X-Page-Cache) or
    # Varnish's (X-Cache), and how the response was sent.
    figures["cache"] = primed.headers.get("x-cache") or primed.headers.get("x-page-cache") or ""
    figures["content_encoding"] = primed.headers.get("content-encoding", "")
    figures["bytes_sent"] = len(primed.body)
    return figures


def text_of(response):
    if response.headers.get("content-encoding") == "gzip":
        return gzip.decompress(response.body).decode("utf-8", "replace")
    return response.body.decode("utf-8", "replace")


def publish_and_watch(work, site, services):
    """Publishes a new title of the story from a separate process with server A's environment;
    returns how long until it showed through Varnish and on server B."""
    path = site["pages"]["story"]
    # The story in both caches (Varnish's copy may have expired during the loads): a purge
    # has something to remove.
    for port in (PORTS["varnish"], PORTS["app_b"]):
        harness.fetch(port, path, HEADERS, timeout=60)
    before_proxy = harness.fetch(PORTS["varnish"], path, HEADERS, timeout=60)
    env = app_env(work)
    publisher = subprocess.Popen(  # noqa: S603 (our own script)
        [sys.executable, "bench/pages_app.py", "publish", str(site["story_id"])],
        env=env,
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    seen, failures = {}, []

    def watch(name, port, title):
        # A reader sees the new title when the first response that shows it arrives; when that
        # request was sent is kept too (the rest is the time the page took to build).
        while time.monotonic() - started < PUBLISH_TIMEOUT:
            sent = time.monotonic()
            try:
                response = harness.fetch(port, path, HEADERS, timeout=PUBLISH_TIMEOUT)
            except OSError as error:
                failures.append(f"{name}: {error!r}")
                continue
            if title in text_of(response):
                seen[name] = (round(sent - started, 2), round(time.monotonic() - started, 2))
                return
            time.sleep(0.02)

    try:
        ready = publisher.stdout.readline()
        if "READY" not in ready:
            raise RuntimeError(f"the publishing process did not start: {ready!r}")
        started = time.monotonic()
        publisher.stdin.write("go\n")
        publisher.stdin.flush()
        published = json.loads(publisher.stdout.readline())
        watchers = [
            threading.Thread(target=watch, args=(name, port, published["title"]))
            for name, port in (("proxy", PORTS["varnish"]), ("server B", PORTS["app_b"]))
        ]
        for watcher in watchers:
            watcher.start()
        for watcher in watchers:
            watcher.join()
        publisher.stdin.close()
        publisher.wait(timeout=30)
    finally:
        if publisher.poll() is None:
            publisher.kill()
            publisher.wait()
    proxy, server_b = seen.get("proxy", (None, None)), seen.get("server B", (None, None))
    return {
        "publish_seconds": published["seconds"],
        "visible_through_proxy_s": proxy[1],
        "visible_on_server_b_s": server_b[1],
        "first_showing_request_sent_s": {"proxy": proxy[0], "server B": server_b[0]},
        "proxy_cache_before": before_proxy.headers.get("x-cache"),
        "timeout_s": PUBLISH_TIMEOUT,
        "watch_errors": failures,
    }


def versions(work):
    import django
    import psycopg
    import redis
    import wagtail

    with psycopg.connect(DATABASE_URL) as connection:
        postgres = connection.execute("SHOW server_version").fetchone()[0]
    return {
        "postgresql": postgres.split()[0],
        "redis": redis.Redis.from_url(REDIS_URL).info("server")["redis_version"],
        "varnish": harness.first_match(
            r"varnish-([\d.]+)", harness.command_output(["varnishd", "-V"])
        ),
        "nginx": harness.first_match(r"nginx/([\d.]+)", harness.command_output(["nginx", "-v"])),
        "wrk": harness.first_match(
            r"wrk (?:debian/)?([\d.]+)", harness.command_output(["wrk", "--version"])
        ),
        "gunicorn": harness.first_match(
            r"([\d.]+)", harness.command_output([str(BIN / "gunicorn"), "--version"])
        ),
        "python": sys.version.split()[0],
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
    }


def machine():
    return {
        "cpus": os.cpu_count(),
        "cpu_model": harness.cpu_model(),
        "memory_gib": harness.memory_gib(),
        "os": harness.first_match(r'PRETTY_NAME="([^"]+)"', Path("/etc/os-release").read_text()),
        "load_before": round(os.getloadavg()[0], 2),
    }


def test_pages_under_load():
    harness.require("wrk", "varnishd", "varnishstat", "nginx", "valgrind")
    if not (BIN / "gunicorn").exists():
        raise harness.MissingTool(
            "gunicorn is not in the virtualenv: run `make bench-tools` (the production extra)."
        )
    started = time.monotonic()
    work = {
        "dir": Path(tempfile.mkdtemp(prefix="siang-pages-bench-")),
        "secret": secrets.token_urlsafe(40),
    }
    timings = {}
    results = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "seconds_per_load": SECONDS,
        "connections": 8,
        "build_seconds": timings,
    }
    try:
        with harness.Services(logs=work["dir"] / "logs") as services:
            # The stock site is built beside ours (its own database and folder).
            with ThreadPoolExecutor(max_workers=1) as pool:
                stock_build = pool.submit(build_stock_site, work, timings)
                site = build_site(work, timings)
                stock_dir, stock_env = stock_build.result()
            pages = site["pages"]
            results["stories"] = site["stories"]
            results["paths"] = pages

            cold_env = app_env(work, PAGE_CACHE_SECONDS="0")
            out, _s = run(
                [sys.executable, "bench/pages_app.py", "queries", *pages.values()], cold_env
            )
            cold_queries = json.loads(out)
            out, _s = run(
                [sys.executable, "bench/pages_app.py", "queries", *pages.values()], app_env(work)
            )
            warm_queries = json.loads(out)
            out, _s = run(
                [sys.executable, str(ROOT / "bench" / "pages_app.py"), "queries", "/"],
                stock_env,
                cwd=stock_dir,
            )
            stock_queries = json.loads(out)["/"]

            cold = gunicorn(services, "gunicorn-cold", "cms.wsgi", PORTS["cold"], cold_env)
            app_a = gunicorn(services, "gunicorn-a", "cms.wsgi", PORTS["app_a"], app_env(work))
            gunicorn(services, "gunicorn-b", "cms.wsgi", PORTS["app_b"], app_env(work))
            services.start(
                "worker",
                [sys.executable, "manage.py", "run_worker", "--no-startup-delay"],
                env=app_env(work),
                cwd=ROOT,
            )
            stock = gunicorn(
                services,
                "gunicorn-stock",
                "stocksite.wsgi",
                PORTS["stock"],
                stock_env,
                cwd=stock_dir,
            )
            start_varnish(services, work)

            story = pages["story"]
            story_a = harness.fetch(PORTS["app_a"], story, PLAIN)
            story_b = harness.fetch(PORTS["app_b"], story, PLAIN)
            prime(PORTS["varnish"], story)
            proxied = harness.fetch(PORTS["varnish"], story, HEADERS)
            start_nginx(
                services, work, proxied.body, proxied.headers.get("content-encoding"), story
            )
            constant = start_constant_app(
                services, work, proxied.body, proxied.headers.get("content-encoding")
            )

            yardsticks, proxy, rows = {}, {}, {}
            for name in pages:
                rows[name] = {
                    "queries_cold": cold_queries[pages[name]]["queries"],
                    "queries_warm": warm_queries[pages[name]]["queries"],
                    "html_bytes": cold_queries[pages[name]]["html_bytes"],
                    "gzip_bytes": cold_queries[pages[name]]["gzip_bytes"],
                }
            # The ratios that matter are measured next to each other (the machine is shared).
            yardsticks["stock home (first)"] = load(PORTS["stock"], "/", stock)
            yardsticks["stock home (first)"].update(
                queries=stock_queries["queries"],
                html_bytes=stock_queries["html_bytes"],
                gzip_bytes=stock_queries["gzip_bytes"],
            )
            rows["story"]["cold"] = load(PORTS["cold"], story, cold)
            rows["story"]["warm"] = load(PORTS["app_a"], story, app_a)
            yardsticks["gunicorn constant"] = load(PORTS["constant"], "/", constant)
            yardsticks["gunicorn constant"]["bytes"] = len(proxied.body)
            proxy["story"] = load(PORTS["varnish"], story)
            yardsticks["nginx static"] = load(PORTS["nginx"], story)
            yardsticks["nginx static"]["bytes"] = len(proxied.body)
            proxy["story"]["bytes"] = len(proxied.body)
            proxy["story"]["content_encoding"] = proxied.headers.get("content-encoding", "")
            for name, path in pages.items():
                if name == "story":
                    continue
                rows[name]["cold"] = load(PORTS["cold"], path, cold)
                rows[name]["warm"] = load(PORTS["app_a"], path, app_a)
            proxy["home"] = load(PORTS["varnish"], pages["home"])
            yardsticks["stock home (last)"] = load(PORTS["stock"], "/", stock)
            # The proxy and its ceiling again, in the opposite order (Varnish, nginx, then
            # nginx, Varnish): a machine that speeds up or slows down during the run moves
            # both sums alike, so their ratio is the proxy's, not the order's.
            yardsticks["nginx static (last)"] = load(PORTS["nginx"], story)
            proxy["story (last)"] = load(PORTS["varnish"], story)
            results["instructions"] = count_instructions(story, cold_env, stock_dir, stock_env)

            two = {
                "same_story_bytes": story_a.status == 200 and story_a.body == story_b.body,
                "story_status": [story_a.status, story_b.status],
                "cache_control": story_a.headers.get("cache-control", ""),
                "backend_requests": varnish_backend_requests(work),
            }
            two.update(publish_and_watch(work, site, services))
            results.update(
                pages=rows,
                yardsticks=yardsticks,
                proxy=proxy,
                two_servers=two,
                versions=versions(work),
            )
    finally:
        results["total_seconds"] = round(time.monotonic() - started, 1)
        shutil.rmtree(work["dir"], ignore_errors=True)
    RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    DOC.write_text(harness.replace_region(DOC.read_text(), "pages", render(results)))
    print(render(results))
    assert two["same_story_bytes"], "servers A and B answered the story page differently"
    assert all(run["errors"] == 0 for row in rows.values() for run in (row["cold"], row["warm"]))
