"""deploy/varnish.vcl (docs/deployment.md) compiles, and keeps only what it should.

The second test runs the file under varnishtest, Varnish's own test tool (Debian's varnish
package), with a scripted app server behind it: the server's script lists, in order, every
request that must reach the app, so a page answered from the cache when it should not be (or
the other way round) fails the test. Both skip where Varnish is not installed (`make bench-tools`
installs it).
"""

import shutil
import subprocess

import pytest

from bench.harness import ROOT, replace_block

VCL = ROOT / "deploy" / "varnish.vcl"
VARNISHD = shutil.which("varnishd", path="/usr/sbin:/usr/bin")
VARNISHTEST = shutil.which("varnishtest", path="/usr/bin")
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
    txresp -hdr "Connection: close" -hdr "Cache-Control: public, max-age=300" -body "story 1"

    accept
    rxreq
    expect req.url == "/th/story/"
    expect req.http.Cookie == "sessionid=abc"
    txresp -hdr "Connection: close" -hdr "Cache-Control: private" -body "editor view"

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
    expect req.method == "POST"
    txresp -hdr "Connection: close" -body "posted"

    accept
    rxreq
    expect req.url == "/th/story/"
    txresp -hdr "Connection: close" -hdr "Cache-Control: public, max-age=300" -body "story 2"
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
        [VARNISHD, "-C", "-f", str(VCL), "-n", str(tmp_path / "varnish")],
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
