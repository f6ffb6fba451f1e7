"""The proxy configuration of docs/deployment.md: deploy/nginx.conf and deploy/varnish.vcl are
valid for Debian's nginx and Varnish, and the VCL keeps only what it should.

The VCL's behaviour test runs the file under varnishtest, Varnish's own test tool (Debian's varnish
package), with a scripted app server behind it: the server's script lists, in order, every
request that must reach the app, so a page answered from the cache when it should not be (or
the other way round) fails the test. Both skip where Varnish is not installed (`make bench-tools`
installs it); the nginx test skips without nginx and openssl (for a throw-away certificate).
"""

import http.server
import shutil
import socket
import ssl
import subprocess
import threading

import pytest

from bench.harness import ROOT, replace_block
from tests.faults.harness import free_port, port_open, wait_until

VCL = ROOT / "deploy" / "varnish.vcl"
NGINX_SITE = ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx", path="/usr/sbin:/usr/bin")
OPENSSL = shutil.which("openssl", path="/usr/bin")
VARNISHD = shutil.which("varnishd", path="/usr/sbin:/usr/bin")
VARNISHTEST = shutil.which("varnishtest", path="/usr/bin")
needs_nginx = pytest.mark.skipif(
    not (NGINX and OPENSSL), reason="nginx or openssl is not installed (make bench-tools)"
)
needs_varnish = pytest.mark.skipif(
    not (VARNISHD and VARNISHTEST), reason="Varnish is not installed (make bench-tools)"
)

# Both app servers are the scripted server s1 of the test.
TEST_BACKENDS = """\
backend app1 { .host = "${s1_addr}"; .port = "${s1_port}"; }
backend app2 { .host = "${s1_addr}"; .port = "${s1_port}"; }
"""

# Every response closes its connection, so each request that reaches the app is the next
# `accept` of the script: the order of the script is the order of the requests.
APP = """\
server s1 {
    rxreq
    expect req.url == "/th/story/"
    expect req.http.Cache-Control == "no-cache"
    txresp -hdr "Connection: close" -hdr "Content-Type: text/html; charset=utf-8" -hdr "Cache-Control: public, max-age=300" -body "story 1"

    accept
    rxreq
    expect req.url == "/th/story/"
    expect req.http.Cookie == "sessionid=abc"
    txresp -hdr "Connection: close" -hdr "Cache-Control: private" -body "editor view"

    accept
    rxreq
    expect req.url == "/th/story/"
    expect req.http.Cookie == "messages=abc"
    txresp -hdr "Connection: close" -body "your message"

    accept
    rxreq
    expect req.url == "/th/story/"
    expect req.http.X-Forwarded-Proto == <undef>
    txresp -status 301 -hdr "Connection: close" -hdr "Location: https://localhost/th/story/"

    accept
    rxreq
    expect req.url == "/th/listing/"
    txresp -hdr "Connection: close" -hdr "Cache-Control: max-age=0, s-maxage=60" -body "listing"

    accept
    rxreq
    expect req.url == "/th/login-form/"
    txresp -hdr "Connection: close" -hdr "Cache-Control: public, max-age=300" -hdr "Set-Cookie: csrftoken=x; Path=/" -body "form 1"
    accept
    rxreq
    expect req.url == "/th/login-form/"
    txresp -hdr "Connection: close" -body "form 2"

    accept
    rxreq
    expect req.url == "/th/no-lifetime/"
    txresp -hdr "Connection: close" -body "plain 1"
    accept
    rxreq
    expect req.url == "/th/no-lifetime/"
    txresp -hdr "Connection: close" -body "plain 2"

    accept
    rxreq
    expect req.url == "/admin/pages/"
    txresp -hdr "Connection: close" -hdr "Cache-Control: public, max-age=300" -body "admin 1"
    accept
    rxreq
    expect req.url == "/admin/pages/"
    txresp -hdr "Connection: close" -body "admin 2"

    accept
    rxreq
    expect req.url == "/"
    txresp -status 302 -hdr "Connection: close" -hdr "Cache-Control: max-age=300" -hdr "Location: /th/"
    accept
    rxreq
    expect req.url == "/"
    txresp -status 302 -hdr "Connection: close" -hdr "Location: /en/"

    accept
    rxreq
    expect req.method == "POST"
    txresp -hdr "Connection: close" -body "posted"

    accept
    rxreq
    expect req.url == "/th/story/"
    txresp -hdr "Connection: close" -hdr "Content-Type: text/html; charset=utf-8" -hdr "Cache-Control: public, max-age=300" -body "story 2"
} -start
"""

READER = """\
client c1 {
    # A reader's page with a lifetime is kept: the second request never reaches the app.
    txreq -url "/th/story/" -hdr "Host: localhost" -hdr "X-Forwarded-Proto: https"
    rxresp
    expect resp.body == "story 1"
    txreq -url "/th/story/" -hdr "Host: localhost" -hdr "X-Forwarded-Proto: https"
    rxresp
    expect resp.body == "story 1"
    expect resp.http.X-Cache == "HIT"

    # Stored compressed: a phone asking for gzip gets it.
    txreq -url "/th/story/" -hdr "Host: localhost" -hdr "X-Forwarded-Proto: https" -hdr "Accept-Encoding: gzip"
    rxresp
    expect resp.http.Content-Encoding == "gzip"
    gunzip
    expect resp.body == "story 1"

    # The same page whatever port the reader named, and whatever other cookies they carry.
    txreq -url "/th/story/" -hdr "Host: localhost:8443" -hdr "X-Forwarded-Proto: https"
    rxresp
    expect resp.body == "story 1"
    txreq -url "/th/story/" -hdr "Host: localhost" -hdr "X-Forwarded-Proto: https" -hdr "Cookie: csrftoken=abc; _ga=1"
    rxresp
    expect resp.body == "story 1"

    # A signed-in editor always reaches the app, with their cookie.
    txreq -url "/th/story/" -hdr "Host: localhost" -hdr "X-Forwarded-Proto: https" -hdr "Cookie: sessionid=abc"
    rxresp
    expect resp.body == "editor view"
    # A message waiting for this reader (Django's messages cookie) is theirs alone too.
    txreq -url "/th/story/" -hdr "Host: localhost" -hdr "X-Forwarded-Proto: https" -hdr "Cookie: messages=abc"
    rxresp
    expect resp.body == "your message"

    # Plain HTTP goes through: the app's redirect to HTTPS is not stored over the page.
    txreq -url "/th/story/" -hdr "Host: localhost"
    rxresp
    expect resp.status == 301
    txreq -url "/th/story/" -hdr "Host: localhost" -hdr "X-Forwarded-Proto: https"
    rxresp
    expect resp.body == "story 1"

    # s-maxage is a lifetime for this cache, even with max-age=0 for browsers.
    txreq -url "/th/listing/" -hdr "Host: localhost" -hdr "X-Forwarded-Proto: https"
    rxresp
    txreq -url "/th/listing/" -hdr "Host: localhost" -hdr "X-Forwarded-Proto: https"
    rxresp
    expect resp.http.X-Cache == "HIT"

    # Never kept: a response that sets a cookie, one without a lifetime, the admin.
    txreq -url "/th/login-form/" -hdr "Host: localhost" -hdr "X-Forwarded-Proto: https"
    rxresp
    expect resp.body == "form 1"
    txreq -url "/th/login-form/" -hdr "Host: localhost" -hdr "X-Forwarded-Proto: https"
    rxresp
    expect resp.body == "form 2"
    txreq -url "/th/no-lifetime/" -hdr "Host: localhost" -hdr "X-Forwarded-Proto: https"
    rxresp
    txreq -url "/th/no-lifetime/" -hdr "Host: localhost" -hdr "X-Forwarded-Proto: https"
    rxresp
    expect resp.body == "plain 2"
    txreq -url "/admin/pages/" -hdr "Host: localhost" -hdr "X-Forwarded-Proto: https"
    rxresp
    txreq -url "/admin/pages/" -hdr "Host: localhost" -hdr "X-Forwarded-Proto: https"
    rxresp
    expect resp.body == "admin 2"
    # The language redirect at / follows each browser's language: never kept.
    txreq -url "/" -hdr "Host: localhost" -hdr "X-Forwarded-Proto: https"
    rxresp
    expect resp.http.Location == "/th/"
    txreq -url "/" -hdr "Host: localhost" -hdr "X-Forwarded-Proto: https" -hdr "Accept-Language: en"
    rxresp
    expect resp.http.Location == "/en/"
    txreq -req POST -url "/th/story/" -hdr "Host: localhost" -hdr "X-Forwarded-Proto: https" -body "x"
    rxresp
    expect resp.body == "posted"

    # The app's purge (Wagtail's frontend cache: the site's host name, no port) drops the page.
    txreq -req PURGE -url "/th/story/" -hdr "Host: localhost"
    rxresp
    expect resp.status == 200
    txreq -url "/th/story/" -hdr "Host: localhost:8443" -hdr "X-Forwarded-Proto: https"
    rxresp
    expect resp.body == "story 2"
} -run

server s1 -wait
"""


@needs_varnish
def test_the_committed_vcl_compiles(tmp_path):
    run = subprocess.run(  # noqa: S603 (Debian's varnishd, fixed arguments)
        # -j none: no jail, so the VCL is read as this user (varnishd's unprivileged user cannot
        # read a checkout in a private directory such as mktemp's).
        [VARNISHD, "-C", "-j", "none", "-f", str(VCL), "-n", str(tmp_path / "varnish")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]


@needs_varnish
def test_the_vcl_keeps_readers_pages_and_nothing_personal(tmp_path):
    vcl = replace_block(VCL.read_text(), "backends", TEST_BACKENDS)
    script = tmp_path / "varnish.vtc"
    script.write_text(
        'varnishtest "deploy/varnish.vcl"\n\n'
        + APP
        + "\nvarnish v1 -vcl {\n"
        + vcl
        + "\n} -start\n\n"
        + READER
    )
    run = subprocess.run(  # noqa: S603 (Debian's varnishtest, our own script)
        [VARNISHTEST, "-t", "60", str(script)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
    )
    failures = [line for line in run.stdout.splitlines() if line.startswith("----")]
    assert run.returncode == 0, "\n".join(failures) or run.stdout[-3000:]


def _nginx_site(tmp_path, main_extra="", http_extra=""):
    """The committed site file inside a minimal main configuration, as Debian's
    /etc/nginx/nginx.conf includes sites-enabled/, with a throw-away certificate in place of
    the Let's Encrypt paths (nginx reads them). Returns the site's text and the main file."""
    subprocess.run(  # noqa: S603 (openssl, fixed arguments)
        [OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=localhost", "-keyout", str(tmp_path / "key.pem")]
        + ["-out", str(tmp_path / "cert.pem")],
        capture_output=True,
        timeout=60,
        check=True,
    )
    site = NGINX_SITE.read_text()
    for name, local in (("fullchain.pem", "cert.pem"), ("privkey.pem", "key.pem")):
        path = f"/etc/letsencrypt/live/news.example.org/{name}"
        assert path in site
        site = site.replace(path, str(tmp_path / local))
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"pid {tmp_path}/nginx.pid;\n{main_extra}events {{}}\n"
        f"http {{\n    include /etc/nginx/mime.types;\n{http_extra}"
        f"    include {tmp_path}/site.conf;\n}}\n"
    )
    return site, main


def _nginx(tmp_path, main, *arguments):
    return [NGINX, "-p", str(tmp_path), "-c", str(main), "-e", str(tmp_path / "error.log")] + list(
        arguments
    )


@needs_nginx
def test_the_committed_nginx_site_is_valid(tmp_path):
    site, main = _nginx_site(tmp_path)
    (tmp_path / "site.conf").write_text(site)
    run = subprocess.run(  # noqa: S603 (Debian's nginx, fixed arguments)
        _nginx(tmp_path, main, "-t"), capture_output=True, text=True, timeout=60, check=False
    )
    assert run.returncode == 0, run.stderr


class _App(http.server.BaseHTTPRequestHandler):
    """Stands for Varnish and the app: reads a form post to its end and says how many bytes came."""

    protocol_version = "HTTP/1.1"

    def do_POST(self):
        remaining = int(self.headers["Content-Length"])
        while remaining:
            remaining -= len(self.rfile.read(min(remaining, 1 << 20)))
        answer = f"received {self.headers['Content-Length']}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


def _post_over_tls(port, path, size):
    """The status nginx answers a form post of ``size`` bytes with. The body is sent only once
    nginx has said `100 Continue`, as a browser's upload would reach it; a refusal comes first."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with (
        socket.create_connection(("127.0.0.1", port), timeout=60) as raw,
        context.wrap_socket(raw, server_hostname="news.example.org") as tls,
    ):
        tls.sendall(
            f"POST {path} HTTP/1.1\r\nHost: news.example.org\r\n"
            f"Content-Type: multipart/form-data; boundary=x\r\nContent-Length: {size}\r\n"
            "Expect: 100-continue\r\nConnection: close\r\n\r\n".encode()
        )
        reply = tls.recv(4096)
        if reply.startswith(b"HTTP/1.1 100"):
            chunk = bytes(1 << 20)
            remaining = size
            while remaining:
                sent = min(remaining, len(chunk))
                tls.sendall(chunk[:sent])
                remaining -= sent
            reply = tls.recv(4096)
        return reply.split(b" ", 2)[1].decode()


@needs_nginx
def test_a_readers_tip_with_three_of_the_largest_photos_passes_nginx(tmp_path):
    """The tip form takes tips.models.MAX_PHOTOS photos of the site's largest upload each:
    nginx lets that post through to the app, while other public addresses keep their limit."""
    from media_library.image_safety import max_upload_size
    from tips.models import MAX_PHOTOS

    app = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _App)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    https_port, http_port = free_port(), free_port()
    site, main = _nginx_site(
        tmp_path,
        main_extra="daemon off;\nuser root;\n",
        http_extra=(
            f"    access_log off;\n    client_body_temp_path {tmp_path}/body;\n"
            f"    proxy_temp_path {tmp_path}/proxy;\n"
        ),
    )
    site = site.replace("server 127.0.0.1:6081;", f"server 127.0.0.1:{app.server_port};")
    site = site.replace("listen [::]:443 ssl http2;", "").replace("listen [::]:80;", "")
    site = site.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
    (tmp_path / "site.conf").write_text(site)
    tip_size = MAX_PHOTOS * max_upload_size() + 64 * 1024
    nginx = subprocess.Popen(_nginx(tmp_path, main), stderr=subprocess.PIPE)  # noqa: S603
    try:
        wait_until(lambda: port_open(https_port), 10, "nginx to listen")
        assert _post_over_tls(https_port, "/th/send-news/", tip_size) == "200"
        assert _post_over_tls(https_port, "/en/send-news/", tip_size) == "200"
        assert _post_over_tls(https_port, "/th/search/", tip_size) == "413"
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        app.shutdown()
