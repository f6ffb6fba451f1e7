"""Map the English strings found by admin_thai_coverage.py back to the msgids that make them.

    ADMIN_THAI_JSON=/tmp/found.json python -m pytest bench/admin_thai_coverage.py -q -s
    python bench/admin_thai_msgids.py /tmp/found.json > /tmp/todo.po

Prints a .po fragment: every Wagtail or Django msgid whose text (placeholders and tags
aside) matches a string found on a page, with Wagtail's current Thai as a comment, ready to
translate and merge into admin_locale/th/LC_MESSAGES/django.po or djangojs.po.
"""

import json
import re
import sys
from pathlib import Path

import polib

SITE_PACKAGES = Path(polib.__file__).parent
CATALOG_ROOTS = [SITE_PACKAGES / "wagtail", SITE_PACKAGES / "django"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|%\w+%")
TAG = re.compile(r"<[^>]+>")
OURS = Path(__file__).resolve().parent.parent / "admin_locale" / "th" / "LC_MESSAGES"


def english_catalogs():
    for root in CATALOG_ROOTS:
        yield from root.rglob("locale/en/LC_MESSAGES/*.po")


def pattern_for(text):
    parts = PLACEHOLDER.split(TAG.sub(" ", text))
    body = r".+?".join(re.escape(" ".join(part.split())) for part in parts)
    return re.compile(r"^\s*" + body + r"\s*$", re.DOTALL | re.IGNORECASE)


def patterns_for(msgid):
    """The whole msgid, and each piece between its tags (a page shows those apart)."""
    pieces = [piece for piece in TAG.split(msgid) if re.search(r"[A-Za-z]{2}", piece)]
    return [pattern_for(msgid)] + [pattern_for(piece) for piece in pieces if len(pieces) > 1]


def main(found_path):
    found = json.loads(Path(found_path).read_text(encoding="utf-8"))
    texts = {text for strings in found.values() for text in strings}
    ours = {}
    for domain in ("django", "djangojs"):
        path = OURS / f"{domain}.po"
        if path.exists():
            ours.update({entry.msgid: entry.msgstr for entry in polib.pofile(path)})
    matched, seen = set(), set()
    for path in english_catalogs():
        thai_path = Path(str(path).replace("/en/", "/th/"))
        thai = {e.msgid: e.msgstr for e in polib.pofile(thai_path)} if thai_path.exists() else {}
        for entry in polib.pofile(path):
            msgid = entry.msgid
            if not msgid or msgid in ours or (msgid, path.name) in seen:
                continue
            plain = " ".join(TAG.sub(" ", msgid).split())
            patterns = patterns_for(msgid)
            hits = [
                t
                for t in texts
                if t.lower() == plain.lower() or any(pattern.match(t) for pattern in patterns)
            ]
            if not hits:
                continue
            seen.add((msgid, path.name))
            matched.update(hits)
            print(f"# {path.relative_to(SITE_PACKAGES)}  now: {thai.get(msgid, '')!r}")
            if entry.msgctxt:
                print(f"msgctxt {json.dumps(entry.msgctxt, ensure_ascii=False)}")
            print(f"msgid {json.dumps(msgid, ensure_ascii=False)}")
            if entry.msgid_plural:
                print(f"msgid_plural {json.dumps(entry.msgid_plural, ensure_ascii=False)}")
                print('msgstr[0] ""\n')
            else:
                print('msgstr ""\n')
    for text in sorted(texts - matched):
        print(f"# UNMATCHED: {text}")


if __name__ == "__main__":
    main(sys.argv[1])
