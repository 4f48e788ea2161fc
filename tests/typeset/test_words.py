"""Where a line break splits a word: jieba's reading of the text, from the shipped table."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen import cache
from deckgen.typeset import words
from shared_material import require, shared

ROOT = Path(__file__).resolve().parents[2]
SPEECHES = (ROOT / "tests" / "data" / "seed-speeches.txt", ROOT / "decks" / "postal-2024.speech.txt")


def _pieces(text: str) -> list[str]:
    return [text[start:end] for start, end in words.word_spans(text)]


@pytest.mark.parametrize(
    ("text", "pos"),
    [
        # breaks the documents issue found in real decks (消费/者, 可/持续性, 人大常委/会, 十/分)
        ("扩大消费者权益保护范围", 4),
        ("坚持可持续性发展道路", 3),
        ("提请全国人大常委会审议", 8),
        ("这件事十分重要", 4),
    ],
)
def test_a_break_inside_a_word_of_the_best_reading_splits_it(text, pos):
    assert words.splits_word(text, pos)


@pytest.mark.parametrize(
    ("text", "pos"),
    [
        ("推动高质量发展", 2),  # 推动 | 高质量
        ("加快建设全国统一大市场", 4),  # 加快建设 | 全国
        ("我国经济总量突破百万亿元", 2),  # 我国 | 经济
        ("深化改革，扩大开放", 5),  # after the comma
    ],
)
def test_a_break_between_words_splits_nothing(text, pos):
    assert not words.splits_word(text, pos)


def test_a_word_that_merely_crosses_the_break_is_not_enough():
    # 展中 is in the dictionary, but the best reading is 发展 | 中国家
    text = "帮助发展中国家"
    assert "展中" not in _pieces(text)
    assert not words.splits_word("推进经济发展中国特色", 4)


@pytest.mark.parametrize(
    ("text", "pos"),
    [
        ("提高公共服务质量", 6),  # 服务质量 is one dictionary word, 服务 + 质量 two whole words
        ("在全市邮政工作会议上", 5),  # 邮政工作 = 邮政 + 工作
        ("提请全国人大常委会审议", 6),  # 全国人大 + 常委会
    ],
)
def test_a_compound_of_two_whole_words_may_break_between_them(text, pos):
    assert words.word_spans(text) == tuple(sorted(words.word_spans(text)))
    assert any(start < pos < end for start, end in words.word_spans(text))  # inside one dictionary word …
    assert pos in words.joints(text)
    assert not words.splits_word(text, pos)  # … yet a reader sees two words


def test_ends_and_positions_outside_the_text_split_nothing():
    assert not words.splits_word("消费者", 0)
    assert not words.splits_word("消费者", 3)
    assert not words.splits_word("消费者", 9)
    assert not words.splits_word("", 0)


def test_latin_and_digits_runs_are_words_and_punctuation_stands_alone():
    assert _pieces("GDP增长6%，CPI上涨") == ["GDP", "增长", "6", "%", "，", "CPI", "上涨"]
    assert words.splits_word("GDP增长", 1)


def test_inner_positions_are_exactly_the_breaks_that_split_words():
    text = "全面建设社会主义现代化国家"
    inner = words.inner_positions(text)
    assert inner == {pos for pos in range(1, len(text)) if words.splits_word(text, pos)}
    spans = words.word_spans(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))


def _paragraphs() -> list[str]:
    paragraphs = []
    for path in SPEECHES:
        paragraphs.extend(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return paragraphs


def test_same_words_as_jieba_on_real_speeches(jieba_with_user_words):
    jieba = jieba_with_user_words
    paragraphs = _paragraphs()
    differing = [p for p in paragraphs if _pieces(p) != list(jieba.cut(p, HMM=False))]
    assert len(paragraphs) > 100
    assert differing == []


def test_same_words_as_jieba_on_the_public_reports(jieba_with_user_words):
    """The chunked table reads every paragraph of the corpus (146,000 characters of
    government work reports) as jieba does, given the same user words."""
    jieba = jieba_with_user_words
    paragraphs = []
    for path in sorted(require(shared("corpus")).glob("*.txt")):
        paragraphs.extend(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    differing = [p for p in paragraphs if _pieces(p) != list(jieba.cut(p, HMM=False))]
    assert len(paragraphs) > 500
    assert differing == []


def test_a_text_decodes_only_the_words_beginning_with_its_pairs_of_characters(monkeypatch):
    """Opening the table reads its index; a text decodes the words that begin with
    one of its pairs of characters, never the whole dictionary."""
    table = words._Table(words.TABLE_FILE.read_bytes())
    assert table._buckets == {}
    monkeypatch.setattr(words, "_table", lambda: table)
    text = "推动高质量发展"
    assert words._read(text) == ((0, 2), (2, 5), (5, 7))
    pairs = {text[i : i + 2] for i in range(len(text) - 1)}
    assert set(table._buckets) <= pairs  # 推动, 动高, 高质, 质量, 量发, 发展 at most
    decoded = sum(len(bucket[0]) for bucket in table._buckets.values() if bucket)
    assert 0 < decoded < 1000 < len(table._counts) // 100


def test_a_damaged_part_of_the_table_is_a_clear_error_when_a_text_needs_it():
    data = bytearray(words.TABLE_FILE.read_bytes())
    table = words._Table(bytes(data))
    index = words.bisect.bisect_left(table._pairs, ord("质") << 16 | ord("量"))
    begin = table._tails_at + table._tail_ends[index - 1]
    data[begin : begin + 4] = b"\xff\xff\xff\xff"  # inside the tails of 质量's words
    damaged = words._Table(bytes(data))
    assert damaged.words_at("发展", 0) == table.words_at("发展", 0)  # other words read as before
    with pytest.raises(words.DictionaryMissing, match="damaged.*reinstall deckgen"):
        damaged.words_at("质量", 0)


def test_the_shipped_table_is_the_installed_jiebas_dictionary():
    pytest.importorskip("jieba")
    shipped = words.TABLE_FILE.read_bytes()
    assert shipped == words.compile_table(words.table_source())  # else: python tools/make_words_table.py


def test_the_user_words_are_new_to_jieba_and_read_whole():
    """徐汇滨江南延伸段 was read 徐汇/滨/江南/延伸段, so a line could end in 徐汇滨 and the
    next start with 江南; the user words are words jieba lacks (adding them changes no
    count of its own) and are read whole."""
    jieba_words = {line.split()[0] for line in words.jieba_dictionary().read_text(encoding="utf-8").splitlines() if line.strip()}
    added = words.user_words()
    assert len(added) >= 10
    assert not {word for word, _ in added} & jieba_words
    assert _pieces("完成外滩第二立面、徐汇滨江南延伸段等滨水公共空间")[5:7] == ["徐汇滨江", "南延伸段"]
    assert words.splits_word("“一网通办”首办成功率", 4)  # 一网通/办 was a place to break
    assert "临港新片区" in _pieces("自贸试验区及临港新片区深化建设")


@pytest.fixture(scope="module")
def jieba_with_user_words():
    """jieba with the same user words the shipped table holds (jieba.add_word)."""
    jieba = pytest.importorskip("jieba")
    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word, count in words.user_words():
        tokenizer.add_word(word, count)
    return tokenizer


def test_a_damaged_table_is_a_clear_error(tmp_path, monkeypatch):
    broken = tmp_path / "jieba-words.bin"
    broken.write_bytes(words.TABLE_FILE.read_bytes()[:1000])
    monkeypatch.setattr(words, "TABLE_FILE", broken)
    words._table.cache_clear()
    try:
        with pytest.raises(words.DictionaryMissing, match="damaged.*reinstall deckgen"):
            words._table()
    finally:
        words._table.cache_clear()


def test_compile_table_reads_the_jieba_format():
    table = words._Table(words.compile_table("高质量 900 n\n质量 5000 n\n高 3000 a\n发展 8000 vn\n".encode()))
    assert table.words_at("高质量发展", 0) == [(1, 3000), (3, 900)]
    assert table.words_at("高质量发展", 3) == [(4, 0), (5, 8000)]


def test_readings_are_remembered_so_a_warm_process_needs_no_dictionary(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, str(tmp_path))
    text = "加快建设服务质量一流的现代邮政体系"
    for cached in (words._remembered, words._reading, words._inner, words._table):
        cached.cache_clear()
    try:
        expected = (words.word_spans(text), words.inner_positions(text))
        words.save()
        for cached in (words._remembered, words._reading, words._inner, words._table):
            cached.cache_clear()
        monkeypatch.setattr(words, "_table", lambda: pytest.fail("the dictionary was loaded for a remembered text"))
        assert (words.word_spans(text), words.inner_positions(text)) == expected
    finally:
        monkeypatch.undo()
        for cached in (words._remembered, words._reading, words._inner, words._table):
            cached.cache_clear()


def test_stored_line_breaks_go_stale_with_the_code_that_made_them():
    """Every module the line cache's key names exists (a renamed module would be
    hashed as missing, and its edits would leave stale breaks in the cache)."""
    from pathlib import Path

    from deckgen.typeset import linecache

    here = Path(linecache.__file__).parent
    assert all((here / name).is_file() for name in linecache._CODE)
    assert {"typesetter.py", "phrases.py", "words.py", "display.py"} <= set(linecache._CODE)


def test_a_word_prefix_is_looked_up_once_per_table(monkeypatch):
    """Words that recur (a deck's words do, across its texts) are looked up in the
    word list once: reading them again bisects it no more, and gives the same words."""
    table = words._Table(words.compile_table("高质量 900 n\n质量 5000 n\n高 3000 a\n发展 8000 vn\n推动 700 v\n".encode()))
    calls = []
    real = words.bisect.bisect_left
    monkeypatch.setattr(words.bisect, "bisect_left", lambda *a, **k: calls.append(a[1]) or real(*a, **k))
    text = "推动高质量发展"
    first = [table.words_at(text, i) for i in range(len(text))]
    looked_up = len(calls)
    assert looked_up > 0
    for _ in range(3):
        assert [table.words_at(text, i) for i in range(len(text))] == first
    assert len(calls) == looked_up
    assert first[0] == [(1, 0), (2, 700)] and first[2] == [(3, 3000), (5, 900)] and first[5] == [(6, 0), (7, 8000)]


def test_a_reading_kept_for_the_next_build_reads_back_the_same():
    """Words of any lengths, compounds joined inside some of them: what the cache keeps
    (``2 2+2 1``) gives back the same words and joints."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.tuples(st.integers(1, 6), st.booleans()), max_size=40), st.data())
    def check(words_and_compounds, data):
        spans, joined, start = [], set(), 0
        for length, compound in words_and_compounds:
            if compound and length > 1:
                joined.update(data.draw(st.sets(st.integers(start + 1, start + length - 1), max_size=2)))
            spans.append((start, start + length))
            start += length
        encoded = words._encode(tuple(spans), frozenset(joined))
        assert words._decode(encoded, start) == (tuple(spans), frozenset(joined))
        assert " " not in encoded or len(encoded.split()) == len(spans)

    check()
