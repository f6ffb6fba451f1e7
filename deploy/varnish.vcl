# Varnish (Debian's varnish package, 7.x) in front of two Siang Chumchon app servers.
#
# How to run it, what sits in front of it (nginx: TLS, static files) and why each rule is here:
# docs/deployment.md. `make bench` starts exactly this file, with only the backends block below
# replaced by the loopback addresses of its own two gunicorn servers (bench/pages_bench.py).
#
# What it does:
# - keeps a page only as long as the app's Cache-Control says (s-maxage, else max-age); a page
#   without an explicit lifetime, or marked private / no-cache / no-store, is never kept;
# - never keeps a response that sets a cookie, never answers from the cache a request that
#   carries a session or messages cookie (a signed-in editor, a message waiting), and passes
#   /admin/ straight through;
# - accepts PURGE from the app servers only (the acl below): Wagtail's frontend cache
#   (FRONTEND_CACHE_PURGE_URLS) sends one for every page a publish changes;
# - asks the app for pages checked against its shared cache (Cache-Control: no-cache), so what
#   it keeps after a purge is never a process's copy from before the change;
# - spreads requests over both app servers (round robin) and stops sending to one whose
#   /health/live/ stops answering; while both are down it serves what it has, up to 6 hours old.

vcl 4.1;

import directors;
import std;

# backends:begin
backend app1 {
    .host = "10.0.0.11";
    .port = "8000";
    # The app checks the Host header (ALLOWED_HOSTS): health probes name the site.
    .host_header = "news.example.org";
    .first_byte_timeout = 60s;
    .probe = {
        .url = "/health/live/";
        .interval = 5s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
    }
}

backend app2 {
    .host = "10.0.0.12";
    .port = "8000";
    .host_header = "news.example.org";
    .first_byte_timeout = 60s;
    .probe = {
        .url = "/health/live/";
        .interval = 5s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
    }
}
# backends:end

# Who may purge: the app servers (their workers send the purges) and this machine.
acl purge {
    "localhost";
    "127.0.0.1";
    "::1";
    "10.0.0.11";
    "10.0.0.12";
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
    app.add_backend(app2);
}

sub vcl_recv {
    set req.backend_hint = app.backend();
    # One cache entry per page, whatever port the request named: the app's purges name the
    # site's host name (Wagtail's Site), readers' browsers may add a port.
    set req.http.Host = regsub(req.http.Host, ":[0-9]+$", "");

    if (req.method == "PURGE") {
        if (client.ip !~ purge) {
            return (synth(405, "Not allowed"));
        }
        # Every stored variant of the page goes, whichever X-Forwarded-Proto it was asked with.
        return (purge);
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Only what came through the TLS front is kept: a plain-HTTP request gets the app's redirect
    # to HTTPS, which must never be stored under the page's address.
    if (req.http.X-Forwarded-Proto != "https") {
        return (pass);
    }
    # The admin, previews, the page-privacy sign-in and the language redirect at / (it follows
    # the browser's Accept-Language) always come from the app.
    if (req.url ~ "^/admin(/|$)" || req.url ~ "^/[a-z]{2}/_util/" || req.url ~ "^/(\?.*)?$") {
        return (pass);
    }
    # A signed-in editor (Django's session) or a reader with a message waiting for them
    # (Django's messages cookie): the page is theirs alone, as the app's own page cache holds.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # A reader without a session: the page does not depend on their other cookies (csrftoken,
    # analytics), so they are not part of the request that reaches the cache.
    unset req.http.Cookie;
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    return (hash);
}

sub vcl_backend_fetch {
    # What this cache keeps for a minute is checked against the app's shared cache (Redis),
    # never an app process's own copy, which may be half a second behind a purge.
    set bereq.http.Cache-Control = "no-cache";
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    # Keep only what the app says may be kept, for as long as it says (Varnish reads s-maxage
    # before max-age into beresp.ttl).
    if (beresp.http.Set-Cookie
            || beresp.http.Cache-Control ~ "(private|no-cache|no-store)"
            || beresp.http.Cache-Control !~ "(s-maxage|max-age)=[1-9]"
            || beresp.http.Vary == "*") {
        # Remember for a minute not to wait for this address (requests go straight through).
        set beresp.ttl = 60s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Compressed once here, not on every request: phones ask for gzip, and Varnish unpacks it
    # for the rare client that does not.
    if (beresp.http.Content-Type ~ "^(text/|application/(json|xml|rss\+xml|atom\+xml|javascript))"
            && !beresp.http.Content-Encoding) {
        set beresp.do_gzip = true;
    }
    # While every app server is down, pages up to 6 hours old are served rather than errors.
    set beresp.grace = 6h;
    return (deliver);
}

sub vcl_deliver {
    # Readers' browsers keep pages only as long as the app told them (max-age); s-maxage is for
    # this cache alone and the reader never sees Varnish's own counters.
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
