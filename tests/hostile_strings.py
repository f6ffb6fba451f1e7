"""Hostile strings: what an attacker, a broken phone keyboard or a careless copy-paste may type.

One list for every hostile-input test (tests/test_security_strings*.py) and the benchmark
(bench/hostile_bench.py). Each entry is (id, text); ids are stable so a failure names its string.
Built from small families so that every obfuscation of a dangerous link is tried on every
dangerous scheme, instead of a hand-picked few.
"""

# --- markup that runs script when a page treats text as HTML --------------------------------
MARKUP = [
    "<script>alert(1)</script>",
    "<script>alert(1)</script><img src=x onerror=alert(2)>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script src=//evil.example/x.js></script>",
    "<script>/*</script><script>*/alert(1)</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "</script><script>alert(1)</script>",
    "</SCRIPT ><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</style><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<img/src=x/onerror=alert(1)>",
    '<img src="x" alt="" onerror="alert(1)"/>',
    "<img src=x onerror\t=alert(1)>",
    "<img src=x onerror\n=alert(1)>",
    "<IMG SRC=x ONERROR=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x=0 y=20>x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<select autofocus onfocus=alert(1)>",
    "<textarea autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    '<a href="#" onclick="alert(1)">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<div style="width:expression(alert(1))">x</div>',
    "<style>@import 'javascript:alert(1)';</style>",
    "<style>*{background:url(//evil.example/x)}</style>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    "<link rel=stylesheet href=javascript:alert(1)>",
    "<template><script>alert(1)</script></template>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    "<![CDATA[<script>alert(1)</script>]]>",
    "]]><script>alert(1)</script><![CDATA[",
    "<xmp><script>alert(1)</script></xmp>",
    "<plaintext><script>alert(1)",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)' autofocus='",
    '" autofocus onfocus="alert(1)" x="',
    "`onmouseover=alert(1)",
    "javascript:/*--></title></style></textarea></script></xmp>"
    "<svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+alert(1)//'>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "\\x3cscript\\x3ealert(1)\\x3c/script\\x3e",
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><x>&xxe;</x>',
    "<!DOCTYPE html><html><head></head><body onload=alert(1)></body></html>",
    '<a href="https://example.org" target="_blank">normal link</a>',
    "<b>bold</b> <i>italic</i> <u>under</u>",
    "<p>para</p><h1>big</h1><table><tr><td>cell</td></tr></table>",
    "<",
    ">",
    "&",
    "\"'`",
    "<!--",
    "-->",
    "</p></div></body></html>",
    "<a>",
    "</a>",
    "&nbsp;&shy;&zwj;&#0;&#x0;",
    "&#xD800;&#55296;",
]

# --- dangerous link schemes, each dressed in every obfuscation a browser forgives ------------
SCHEME_PAYLOADS = [
    "javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/svg+xml,<svg onload=alert(1)>",
]


def _entity_decimal(text):
    return "".join(f"&#{ord(char)};" for char in text)


def _obfuscations(payload):
    scheme, rest = payload.split(":", 1)
    first, tail = scheme[0], scheme[1:]
    return [
        payload,
        payload.upper(),
        "".join(c.upper() if i % 2 else c for i, c in enumerate(scheme)) + ":" + rest,
        "  " + payload,
        "\x01" + payload,
        scheme[:2] + "\t" + scheme[2:] + ":" + rest,
        scheme[:2] + "\n" + scheme[2:] + ":" + rest,
        scheme[:2] + "\r" + scheme[2:] + ":" + rest,
        scheme[:2] + "\x00" + scheme[2:] + ":" + rest,
        scheme[:2] + "\u200b" + scheme[2:] + ":" + rest,
        f"&#{ord(first)};{tail}:{rest}",
        f"&#x{ord(first):X};{tail}:{rest}",
        f"&#{ord(first)}{tail}:{rest}",
        f"&#{ord(first):07d};{tail}:{rest}",
        f"{scheme}&colon;{rest}",
        f"{scheme[:2]}&Tab;{scheme[2:]}&colon;{rest}",
        _entity_decimal(scheme + ":") + rest,
        f"{scheme}%3A{rest}",
        f"{scheme} :{rest}",
    ]


SCHEMES = []
for _payload in SCHEME_PAYLOADS:
    for _variant in _obfuscations(_payload):
        SCHEMES.append(_variant)
        SCHEMES.append(f'<a href="{_variant}">link</a>')
    SCHEMES.append(f'<img src="{_payload}">')
    SCHEMES.append(f"[click]({_payload})")

# --- SQL-ish text and the query syntax of PostgreSQL tsquery and SQLite FTS5 ------------------
QUERY_SYNTAX = [
    "' OR '1'='1",
    "'; DROP TABLE wagtailcore_page; --",
    '" OR ""="',
    "1; SELECT pg_sleep(10)--",
    "%' AND 1=1 --",
    "' UNION SELECT password FROM auth_user --",
    "\\'",
    "\\",
    "\\\\'",
    "a & b",
    "a | b",
    "!a",
    "!!a",
    "a:*",
    ":*",
    "a <-> b",
    "a <2> b",
    "a <-",
    "<->",
    "&",
    "|",
    "!",
    "()",
    "(((",
    ")))",
    "'a'",
    "''",
    '"',
    '""',
    '"unclosed phrase',
    "a:A",
    "a:*B",
    "$$",
    "$tag$x$tag$",
    "E'\\x00'",
    "-- comment",
    "/* c */",
    "%",
    "_",
    "%%",
    "NOT",
    "AND OR NOT",
    "NEAR(a b)",
    "a* OR b*",
    '"a" NOT "b"',
    "^a",
    "a + b",
    "{a b}",
    "title:word",
    "ช้าง & ม้า | !วัว",
    "ผ้าไหม:* <-> สุรินทร์",
    "'ผ้าไหม' & 'ท่าตูม'",
]

# --- sizes no form expects ---------------------------------------------------------------------
LONG = [
    "a" * 100_000,
    "ก" * 100_000,
    "<script>" * 12_500,
    " " * 100_000,
    "ประเทศไทย" * 11_112,
    "ก่้๊๋" * 20_000,
    "🐘" * 50_000,
    "a" * 256,
    "ข" * 401,
]

# --- characters that are not text --------------------------------------------------------------
CONTROL = [
    "\x00",
    "a\x00b",
    "\x00<script>alert(1)</script>",
    "ข่าว\x00ชุมชน",
    "\x01\x02\x03",
    "\x07bell",
    "\x08back",
    "tab\x0bvertical",
    "form\x0cfeed",
    "\x1b[31mred\x1b[0m",
    "\x7f",
    "next\x85line",
    "line\u2028separator",
    "para\u2029separator",
    "\ufffe\uffff",
    "\ufeffbom",
    "\ufffd",
]

LONE_SURROGATES = [
    "\ud800",
    "\udfff",
    "a\ud83dz",
    "\udc00\ud800",
    "<script>\ud800</script>",
    "ข่าว\udc80ชุมชน",
]

BIDI = [
    "\u202egnp.exe",
    "abc\u202edef",
    "\u202d\u202c",
    "\u2066\u2067\u2068\u2069",
    "\u200f\u200e",
    "ทดสอบ\u202eสอบทด",
    "<script>\u202e)1(trela</script>",
    "\u202ejavascript:alert(1)",
]

ZERO_WIDTH = [
    "\u200b",
    "java\u200bscript:alert(1)",
    "\u200c\u200d",
    "\u2060word\u2060",
    "ก\u200bข\u200bค",
    "<scr\u200bipt>alert(1)</scr\u200bipt>",
    "\u200b" * 1000,
    "on\u200berror=alert(1)",
]

COMBINING = [
    "a" + "\u0301" * 1000,
    "Z\u0364\u0351\u0343a\u0308\u0356\u036dl\u036e\u0312g\u0310o\u0358",
    "\u0301\u0302\u0303",
    "e\u0301" * 500,
    "<\u0338script>alert(1)</script>",
]

THAI = [
    "ก่่่่่",
    "ป้้้้้้้้",
    "ก" + "\u0e48" * 500,
    "\u0e31" * 100,
    "\u0e47\u0e48\u0e49\u0e4a\u0e4b",
    "ที่ที่ที่ที่",
    "น้ำ น้ํา น้ำ",
    "เ",
    "ๆๆๆ",
    "ฯลฯ",
    "๑๒๓๔๕๖๗๘๙๐",
    "ก์่",
    "ฤๅษี",
    "ญ็ฐ",
    "ผ้าไหม<script>alert(1)</script>ท่าตูม",
    "งานช้าง &amp; ผ้าไหม",
    "ศูนย์ประสานงานเครือข่ายองค์กรชุมชน\u0e3a\u0e3a",
]

LONG_THAI_WORDS = [
    "สุรินทร์" * 10_000,
    "การพัฒนาเครือข่ายองค์กรชุมชน" * 3_000,
    "ปราสาทศีขรภูมิ" * 500,
    "กรุงเทพมหานครอมรรัตนโกสินทร์มหินทรายุทธยามหาดิลกภพนพรัตนราชธานีบุรีรมย์",
    "ภูมิปัญญาท้องถิ่น" * 200,
]

EMOJI = [
    "😀",
    "👨\u200d👩\u200d👧\u200d👦",
    "🏳️\u200d🌈",
    "🇹🇭",
    "🐘" * 1000,
    "1️⃣",
    "👍🏽",
    "😀<script>alert(1)</script>",
    "ช้าง🐘สุรินทร์",
    "\U0001f9ea\U0001fab7\U0001fae0",
]

HEADER_INJECTION = [
    "a\r\nBcc: victim@example.org",
    "a\nSubject: injected",
    "\r\n\r\n<html><script>alert(1)</script>",
    "a\rb",
    "%0d%0aBcc:victim@example.org",
    "Title\r\nContent-Type: text/html\r\n\r\n<script>alert(1)</script>",
    "\n\n\n\n\n",
    "a\x85Bcc: victim@example.org",
    "ข่าว\r\nX-Injected: 1",
    "a\r\n\tfolded",
]

TEMPLATE_SYNTAX = [
    "{{ 7*7 }}",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "{% load log %}{% get_admin_log 10 as log %}{{ log }}",
    "{{ request.META }}",
    "${7*7}",
    "#{7*7}",
    "<%= 7*7 %>",
    "{{constructor.constructor('alert(1)')()}}",
    "{% include '/etc/passwd' %}",
    "{# comment #}",
    "{{",
    "}}",
    "{%",
    "[[ x ]]",
    "{{ page.owner.password }}",
]

FORMAT_STRINGS = [
    "%s",
    "%d",
    "%(x)s",
    "%(name)s",
    "{0}",
    "{}",
    "{name}",
    "{0.__class__}",
    "%n%n%n",
    "%%",
    "%",
    "%x%x",
    "%(site)s: %(name)s",
    "{0!r:>10}",
]

PATH_TRAVERSAL = [
    "../../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "/etc/passwd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "....//....//etc/passwd",
    "file:///etc/passwd",
    "\\\\server\\share",
    "..%c0%af..%c0%af",
    "/dev/zero",
    "C:\\Windows\\System32",
    "..",
    ".",
    "/",
]

ODD_VALUES = [
    "",
    " ",
    "null",
    "None",
    "undefined",
    "NaN",
    "true",
    "0",
    "-1",
    "1e309",
    "9" * 40,
    "[]",
    "{}",
    '{"a": 1}',
    "@",
    "#",
    "?",
    "?q=1&page=2",
    "http://evil.example/",
    "//evil.example/",
    "mailto:someone@example.org",
    "\u3000",
]

FAMILIES = {
    "markup": MARKUP,
    "scheme": SCHEMES,
    "query": QUERY_SYNTAX,
    "long": LONG,
    "control": CONTROL,
    "surrogate": LONE_SURROGATES,
    "bidi": BIDI,
    "zerowidth": ZERO_WIDTH,
    "combining": COMBINING,
    "thai": THAI,
    "longthai": LONG_THAI_WORDS,
    "emoji": EMOJI,
    "header": HEADER_INJECTION,
    "template": TEMPLATE_SYNTAX,
    "format": FORMAT_STRINGS,
    "path": PATH_TRAVERSAL,
    "odd": ODD_VALUES,
}


def _unique(families):
    seen, strings = set(), []
    for family, texts in families.items():
        for index, text in enumerate(texts):
            if text not in seen:
                seen.add(text)
                strings.append((f"{family}-{index:03d}", text))
    return strings


HOSTILE = _unique(FAMILIES)
HOSTILE_BY_ID = dict(HOSTILE)
