"""The one analyzer: the same steps turn indexed text and typed queries into search tokens.

1. Normalise: NFC, lower case, Thai digits to Arabic (๒๕๖๙ → 2569), 23,403 → 23403, control
   characters and common Thai typing slips (เเ → แ, ํา → ำ) removed.
2. Split into runs: Thai letters (vowels and tone marks included, so ช้าง and ช่าง stay two
   different words) and other letters or digits.
3. Thai runs are segmented into dictionary words and, inside each word, syllables. Both are
   indexed, as two streams, so a word inside a compound (ทอผ้า in ทอ|ผ้าไหม, ท่องเที่ยว in
   นักท่องเที่ยว) is found as a run of adjacent syllables.
4. English words are stemmed with Snowball (weaving → weav) for full-text search, not for
   autocomplete.
5. Every token that is not plain ASCII is encoded into letters and digits (``encode``): the
   database sees one unbreakable token whatever its own parser thinks of Thai marks (SQLite's
   FTS5 splits words at every vowel and tone mark; PostgreSQL keeps whole sentences as one word).
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from .segmenter import MAX_TOKEN_CHARS, get_segmenter

# Thai letters, vowels and tone marks; not ฯ ๆ ฿ ๏ ๚ ๛ (punctuation) nor digits (made Arabic).
_THAI = "\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e"
_RUNS = re.compile(rf"(?P<thai>[{_THAI}]+)|(?P<other>(?:[^\W_\u0e00-\u0e7f]|[\u0300-\u036f])+)")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DIGIT_GROUP_COMMA = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")

# Encoded tokens start with this marker; STREAM_BREAK can never come out of ``encode``.
MARKER = "qz"
STREAM_BREAK = "qzq"
_THAI_HIGH = "abcdefghijklmnop"

_stemmer = snowballstemmer.stemmer("english")


def normalize(text):
    text = unicodedata.normalize("NFC", str(text or ""))
    text = _CONTROL.sub(" ", text).translate(_THAI_DIGITS).lower()
    text = text.replace("\u0e40\u0e40", "\u0e41").replace("\u0e4d\u0e32", "\u0e33")
    return _DIGIT_GROUP_COMMA.sub("", text)


@lru_cache(maxsize=200_000)
def encode(token):
    """A lossless, prefix-preserving spelling of a token in [a-z0-9].

    Each Thai character becomes two characters (a letter and a digit), any other character
    ``y`` and six hex digits; so the encoding of a typed beginning is the beginning of the
    encoding, and prefix search (autocomplete) works in the database.
    """
    if token.isascii():
        return token
    chunks = []
    for char in token:
        offset = ord(char) - 0x0E00
        if 0 <= offset < 128:
            chunks.append(f"{_THAI_HIGH[offset // 8]}{offset % 8}")
        else:
            chunks.append(f"y{ord(char):06x}")
    return MARKER + "".join(chunks)


@lru_cache(maxsize=50_000)
def _stem(token):
    return _stemmer.stemWord(token) if token.isascii() and token.isalpha() else token


def runs(text):
    """(is_thai, run) pairs of an already normalised text."""
    for match in _RUNS.finditer(text):
        if match.group("thai"):
            yield True, match.group("thai")
        else:
            yield False, match.group("other")[:MAX_TOKEN_CHARS]


def _plain_token(run, stem):
    return encode(_stem(run) if stem else run)


def index_text(text, stem=True):
    """What goes into the index for one field: the word stream, then the syllable stream."""
    segmenter = get_segmenter()
    words, syllables = [], []
    for is_thai, run in runs(normalize(text)):
        if is_thai:
            for word in segmenter.words_of(run):
                words.append(encode(word))
                syllables.extend(encode(part) for part in segmenter.syllables_of(word))
        else:
            token = _plain_token(run, stem)
            words.append(token)
            syllables.append(token)
    if words == syllables:
        return " ".join(words)
    return f"{' '.join(words)} {STREAM_BREAK} {' '.join(syllables)}"


# A small query tree, rendered for PostgreSQL (tsquery) and SQLite (FTS5 MATCH) by render.py.


@dataclass(frozen=True)
class Seq:
    """Tokens that must appear next to each other, in order; the last may be a prefix."""

    tokens: tuple
    prefix: bool = False


@dataclass(frozen=True)
class Any:
    children: tuple


@dataclass(frozen=True)
class All:
    children: tuple


@dataclass(frozen=True)
class Not:
    child: object


def any_of(children):
    unique = tuple(dict.fromkeys(child for child in children if child is not None))
    if not unique:
        return None
    return unique[0] if len(unique) == 1 else Any(unique)


def all_of(children):
    unique = tuple(dict.fromkeys(child for child in children if child is not None))
    if not unique:
        return None
    return unique[0] if len(unique) == 1 else All(unique)


def _thai_groups(run):
    """Dictionary words of a Thai run; neighbouring pieces newmm could not find in the
    dictionary (an unknown name cut into bits) stay together as one group."""
    segmenter = get_segmenter()
    groups, unknown = [], []
    for word in segmenter.words_of(run):
        if segmenter.is_word(word):
            if unknown:
                groups.append(unknown)
                unknown = []
            groups.append([word])
        else:
            unknown.append(word)
    if unknown:
        groups.append(unknown)
    return groups


def _group_node(group, prefix):
    segmenter = get_segmenter()
    words = tuple(encode(word) for word in group)
    syllables = tuple(encode(part) for word in group for part in segmenter.syllables_of(word))
    alternatives = [Seq(words, prefix), Seq(syllables, prefix)]
    if prefix:
        # A word typed halfway may have been cut anywhere: also try it whole, as a prefix.
        alternatives.append(Seq((encode("".join(group)[:MAX_TOKEN_CHARS]),), True))
    return any_of(alternatives)


def plain_query(text, operator="and", autocomplete=False):
    """Every word typed must match (operator "or": any); the last one may be unfinished."""
    stem = not autocomplete
    units = []
    for is_thai, run in runs(normalize(text)):
        if is_thai:
            units.extend(("thai", group) for group in _thai_groups(run))
        else:
            units.append(("plain", _plain_token(run, stem)))
    nodes = []
    for position, (kind, value) in enumerate(units):
        prefix = autocomplete and position == len(units) - 1
        if kind == "thai":
            nodes.append(_group_node(value, prefix))
        else:
            nodes.append(Seq((value,), prefix))
    return any_of(nodes) if operator.lower() == "or" else all_of(nodes)


def phrase_query(text, autocomplete=False):
    """The words in this order, next to each other: as words, or as syllables."""
    segmenter = get_segmenter()
    stem = not autocomplete
    words, syllables = [], []
    for is_thai, run in runs(normalize(text)):
        if is_thai:
            for word in segmenter.words_of(run):
                words.append(encode(word))
                syllables.extend(encode(part) for part in segmenter.syllables_of(word))
        else:
            token = _plain_token(run, stem)
            words.append(token)
            syllables.append(token)
    if not words:
        return None
    return any_of([Seq(tuple(words), autocomplete), Seq(tuple(syllables), autocomplete)])


def terms_for_highlight(text):
    """The normalised pieces of a query a reader would expect to see marked in a snippet."""
    segmenter = get_segmenter()
    terms = []
    for is_thai, run in runs(normalize(text)):
        terms.append(run)
        if is_thai:
            terms.extend(segmenter.words_of(run))
    return sorted(set(terms), key=len, reverse=True)
