"""The Thai analyzer on its own: segmentation, digits, encoding, dictionary, no downloads."""

import socket

import pytest

from bench.corpus import STORIES
from thai_search import analysis, segmenter
from thai_search.query import parse_user_query, to_fts5, to_tree, to_tsquery


@pytest.fixture
def fresh_segmenter():
    segmenter.reset_segmenter()
    yield
    segmenter.reset_segmenter()


def test_thai_digits_are_arabic_digits():
    assert analysis.normalize("ปี ๒๕๖๙ สมาชิก ๒๓,๔๐๓ คน") == "ปี 2569 สมาชิก 23403 คน"
    assert analysis.index_text("๒๕๖๙") == analysis.index_text("2569") == "2569"


def test_tone_marks_give_different_tokens():
    assert analysis.encode("ช้าง") != analysis.encode("ช่าง")
    assert analysis.index_text("ช้าง") != analysis.index_text("ช่าง")


def test_encoding_keeps_prefixes_and_uses_only_letters_and_digits():
    word = "ผ้าไหม"
    for length in range(1, len(word)):
        assert analysis.encode(word).startswith(analysis.encode(word[:length]))
    assert analysis.encode("ผ้าไหม").isalnum() and analysis.encode("ผ้าไหม").isascii()
    assert analysis.encode("café").isascii()


def test_index_holds_words_and_the_syllables_inside_them():
    indexed = analysis.index_text("นักท่องเที่ยว").split()
    assert analysis.encode("นักท่องเที่ยว") in indexed
    assert analysis.encode("ท่อง") in indexed and analysis.encode("เที่ยว") in indexed


def test_english_is_stemmed_for_search_not_for_autocomplete():
    assert analysis.index_text("Weaving") == "weav"
    assert analysis.index_text("Weaving", stem=False) == "weaving"


def test_quotes_make_a_phrase_and_lone_quotes_are_harmless():
    assert "<->" in to_tsquery(to_tree('"ทอผ้าไหม"'))
    assert to_tree('"') is None
    assert to_tree('ช้าง "') == to_tree("ช้าง")
    assert type(parse_user_query('ผ้า "ไหม สวย" ช้าง')).__name__ == "And"


def test_hostile_text_leaves_only_letters_and_digits_for_the_database():
    tree = to_tree("'; DROP TABLE x; -- \" * ( ) \x00 😀 ช้าง")
    for rendered in (to_tsquery(tree), to_fts5(tree)):
        assert ";" not in rendered and "--" not in rendered and "\x00" not in rendered


def test_nlpo3_and_pythainlp_newmm_segment_the_corpus_the_same_way(fresh_segmenter):
    from pythainlp.corpus import thai_words
    from pythainlp.tokenize import Trie, word_tokenize

    words = segmenter.extra_words()
    trie = Trie(set(thai_words()) | set(words))
    fast = segmenter.get_segmenter()
    assert fast.engine == "nlpo3"
    for title, body in STORIES.values():
        for run in analysis.runs(analysis.normalize(f"{title} {body}")):
            if run[0]:
                assert fast.words_of(run[1]) == word_tokenize(
                    run[1], custom_dict=trie, engine="newmm-safe", keep_whitespace=False
                )


def test_custom_words_come_from_settings(settings, fresh_segmenter):
    village = "จารพัต"
    assert segmenter.get_segmenter().words_of(village) != [village]
    settings.THAI_SEARCH_EXTRA_WORDS = [village]
    segmenter.reset_segmenter()
    assert segmenter.get_segmenter().words_of(f"วงกันตรึมบ้าน{village}") == [
        "วง",
        "กันตรึม",
        "บ้าน",
        village,
    ]


def test_the_project_word_list_knows_surin_place_names(fresh_segmenter):
    assert segmenter.get_segmenter().words_of("อำเภอเขวาสินรินทร์") == ["อำเภอ", "เขวาสินรินทร์"]


def test_dictionaries_load_without_the_network(monkeypatch, tmp_path, fresh_segmenter):
    def refuse(*args, **kwargs):
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert segmenter.get_segmenter().words_of("ภูมิปัญญาท้องถิ่น")
    assert not (tmp_path / "pythainlp-data").exists()
