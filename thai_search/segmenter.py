"""Thai word and syllable segmentation with the dictionaries shipped in PyThaiNLP's wheel.

Words come from newmm (maximal matching over PyThaiNLP's word list plus the project's own
words); syllables come from newmm over PyThaiNLP's syllable list, applied inside each word so
syllable boundaries never cross a word boundary. nlpo3 (the Rust newmm) gives the same words
several times faster, so it is used when installed; PyThaiNLP's newmm is the fallback.
Nothing here downloads: PyThaiNLP is put in offline, read-only mode before it is imported.
"""

import os
import tempfile
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

from django.conf import settings  # noqa: E402

WORDS_FILE = Path(__file__).resolve().parent / "words.txt"
# A Thai "word" longer than this is noise (a run newmm could not split); it is cut so no
# database limit on lexeme length is ever reached.
MAX_TOKEN_CHARS = 60

_lock = threading.Lock()


def _read_words_file(path):
    if not path or not Path(path).exists():
        return []
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def extra_words():
    """The project's own words: thai_search/words.txt, THAI_SEARCH_WORDS_FILE and
    THAI_SEARCH_EXTRA_WORDS. Changing them changes segmentation: run update_index after."""
    words = _read_words_file(WORDS_FILE)
    words += _read_words_file(getattr(settings, "THAI_SEARCH_WORDS_FILE", None))
    words += list(getattr(settings, "THAI_SEARCH_EXTRA_WORDS", ()))
    return sorted({unicodedata.normalize("NFC", word.strip()) for word in words if word.strip()})


class Segmenter:
    """Loads the dictionaries once per process; segmentation itself is thread-safe."""

    def __init__(self, words):
        from pythainlp.corpus import thai_syllables, thai_words

        self.extra = frozenset(words)
        self.words = frozenset(thai_words()) | self.extra
        self.syllables = frozenset(thai_syllables())
        self._nlpo3 = self._load_nlpo3()
        if self._nlpo3 is None:
            from pythainlp.tokenize import Trie

            self._word_trie = Trie(self.words)
            self._syllable_trie = Trie(self.syllables)
        self.syllables_of = lru_cache(maxsize=100_000)(self._syllables_of)

    @property
    def engine(self):
        return "nlpo3" if self._nlpo3 else "pythainlp-newmm"

    def _load_nlpo3(self):
        try:
            import nlpo3
        except ImportError:
            return None
        # nlpo3 reads dictionaries from files; write ours (PyThaiNLP's words + the project's).
        suffix = f"{id(self)}"
        names = {}
        for kind, entries in (("words", self.words), ("syllables", self.syllables)):
            name = f"thai_search_{kind}_{suffix}"
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", suffix=".txt", delete=False
            ) as handle:
                handle.write("\n".join(sorted(entries)))
            try:
                _message, ok = nlpo3.load_dict(handle.name, name)
            finally:
                os.unlink(handle.name)
            if not ok:
                return None
            names[kind] = name
        return nlpo3, names

    def _segment(self, text, kind):
        if self._nlpo3:
            nlpo3, names = self._nlpo3
            return nlpo3.segment(text, names[kind], safe=True)
        from pythainlp.tokenize import word_tokenize

        trie = self._word_trie if kind == "words" else self._syllable_trie
        return word_tokenize(text, custom_dict=trie, engine="newmm-safe", keep_whitespace=False)

    def words_of(self, thai_run):
        return [word[:MAX_TOKEN_CHARS] for word in self._segment(thai_run, "words") if word]

    def _syllables_of(self, word):
        return tuple(part for part in self._segment(word, "syllables") if part)

    def is_word(self, word):
        return word in self.words


_segmenter = None


def get_segmenter():
    global _segmenter
    if _segmenter is None:
        with _lock:
            if _segmenter is None:
                _segmenter = Segmenter(extra_words())
    return _segmenter


def reset_segmenter():
    """Forget the loaded dictionaries (after a settings change, in tests)."""
    global _segmenter
    with _lock:
        _segmenter = None
