"""Reading time for Thai and English text.

Thai is written without spaces between words, so counting spaces would call a whole paragraph
one word. PyThaiNLP's ``newmm`` tokenizer splits it with the dictionary shipped inside the wheel
(nothing is downloaded). English words are Latin runs, which the same tokenizer keeps whole.
"""

import math
import re

from django.utils.html import strip_tags
from pythainlp.tokenize import word_tokenize

WORDS_PER_MINUTE = 200
_HAS_LETTER_OR_DIGIT = re.compile(r"\w", re.UNICODE)
# About 2,500 Thai words, a long feature. Past this the count is scaled from the first this many
# characters: the tokenizer's cost grows faster than the length of a run it finds no word in
# (100,000 copies of one letter took 100 seconds a page), and a reading time is an estimate.
SAMPLE_CHARACTERS = 10_000


def count_words(html_or_text):
    text = strip_tags(html_or_text or "")
    if not text.strip():
        return 0
    sample = text[:SAMPLE_CHARACTERS]
    tokens = word_tokenize(sample, engine="newmm", keep_whitespace=False)
    words = sum(1 for token in tokens if _HAS_LETTER_OR_DIGIT.search(token))
    return round(words * len(text) / len(sample))


def reading_minutes(html_or_text, words_per_minute=WORDS_PER_MINUTE):
    """Whole minutes, at least 1 for any text at all, 0 for none."""
    return minutes_for_words(count_words(html_or_text), words_per_minute)


def minutes_for_words(words, words_per_minute=WORDS_PER_MINUTE):
    """Whole minutes for this many words: rounded up, at least 1 for any word, 0 for none."""
    if words == 0:
        return 0
    return max(1, math.ceil(words / words_per_minute))
