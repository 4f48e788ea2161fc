"""Where the words of a Chinese text begin and end, by jieba's dictionary.

A line break between two characters of one word (消费/者, 可/持续性) reads as a
mistake. "Some dictionary word crosses the break" is far too eager a test, though:
in 发展/中国 the dictionary also holds 展中, and in 工作/会议 it holds 作会. A break
splits a word only where the *best reading* of the text puts a word across it. This
module finds that reading as jieba does without its HMM (``jieba.cut(text,
HMM=False)``, same words): each dictionary word at each position is an edge of a
graph, and the route through the text with the highest product of word
probabilities (count / total) is the segmentation; a run of Latin letters or digits
is one word, punctuation stands alone.

The dictionary is jieba's ``dict.txt`` (349,046 words with counts; PyPI ``jieba``,
MIT licence, Copyright (c) 2013 Sun Junyi), compiled into a sorted word list with a
count array in small chunks compressed one by one, shipped with deckgen
(:data:`TABLE_FILE`): jieba itself is not imported (its ``initialize()`` costs about
a second, and so does parsing its file). A process opens the table (its index: about
a millisecond) only when a text it has not read before must be judged, decodes only
the chunks holding words that begin with the text's characters (the sample deck's
550 characters: a third of the dictionary, about 15 ms where decoding all of it took
50), and looks words up by bisection. The words of texts read are
remembered between processes too (:func:`save`, in :mod:`deckgen.cache`), so a warm
check of an unchanged deck loads no dictionary at all.

    >>> word_spans("推动高质量发展")
    ((0, 2), (2, 5), (5, 7))
    >>> splits_word("推动高质量发展", 3)
    True
"""

from __future__ import annotations

import array
import bisect
import functools
import importlib.util
import json
import math
import re
import struct
import sys
import zlib
from pathlib import Path

from deckgen import cache

NAMESPACE = "words"
_MAGIC = b"WORDS3"
#: Characters jieba reads as text (its ``re_han_default``); everything else stands alone.
_TEXT_RUN = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")
_LATIN = re.compile(r"[a-zA-Z0-9]")


class DictionaryMissing(RuntimeError):
    """jieba's dictionary is not installed (``pip install jieba``; deckgen depends on it)."""


def word_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The words of ``text`` as ``(start, end)`` character offsets, in order, covering it.

    Remembered per text for the life of the process (and between processes).

    Raises:
        DictionaryMissing: when jieba's dictionary file cannot be found.
    """
    return _reading(text)[0]


def splits_word(text: str, pos: int) -> bool:
    """True when a line break before ``text[pos]`` falls inside a word of ``text``.

    A compound that the dictionary lists as one word but that is two words of two or
    more characters each (服务质量 = 服务 + 质量, 邮政工作 = 邮政 + 工作) may break
    between them: a reader sees two whole words. ``pos`` at either end of the text,
    or outside it, splits nothing.
    """
    if pos <= 0 or pos >= len(text):
        return False
    return pos in inner_positions(text)


def inner_positions(text: str) -> frozenset[int]:
    """Every ``pos`` for which :func:`splits_word` is true: the offsets inside a word
    (the joints of compounds aside)."""
    return _inner(text)


def is_word(text: str) -> bool:
    """True when ``text`` is a word of the dictionary (loads it)."""
    return _table().is_word(text)


def joints(text: str) -> frozenset[int]:
    """The offsets inside words of ``text`` where a compound joins two whole words."""
    return _reading(text)[1]


@functools.lru_cache(maxsize=8192)
def _inner(text: str) -> frozenset[int]:
    spans, joined = _reading(text)
    return frozenset(pos for start, end in spans for pos in range(start + 1, end) if pos not in joined)


@functools.lru_cache(maxsize=8192)
def _reading(text: str) -> tuple[tuple[tuple[int, int], ...], frozenset[int]]:
    """The words of ``text`` and the joints of its compounds, remembered or read."""
    remembered = _remembered()
    stored = remembered.get(text)
    if stored is not None:
        reading = _decode(stored, len(text))
        if reading is not None:
            return reading
    spans = _read(text)
    reading = spans, _joints(text, spans)
    remembered.add(text, _encode(*reading))
    return reading


def _joints(text: str, spans: tuple[tuple[int, int], ...]) -> frozenset[int]:
    table = None
    found = set()
    for start, end in spans:
        if end - start < 4:
            continue
        table = table or _table()
        for pos in range(start + 2, end - 1):
            if table.is_word(text[start:pos]) and table.is_word(text[pos:end]):
                found.add(pos)
    return frozenset(found)


def _encode(spans: tuple[tuple[int, int], ...], joined: frozenset[int]) -> str:
    """``"2 2+2 1"``: word lengths, a compound's parts joined by ``+`` at its joints."""
    tokens = []
    for start, end in spans:
        cuts = [start, *sorted(p for p in joined if start < p < end), end]
        tokens.append("+".join(str(b - a) for a, b in zip(cuts, cuts[1:])))
    return " ".join(tokens)


def _decode(stored: str, size: int) -> tuple[tuple[tuple[int, int], ...], frozenset[int]] | None:
    """The reading :func:`_encode` wrote; None when it does not cover ``size`` characters."""
    spans, joined, start = [], set(), 0
    try:
        for token in stored.split():
            end = start
            for part in token.split("+"):
                if end > start:
                    joined.add(end)
                end += int(part)
            spans.append((start, end))
            start = end
    except ValueError:
        return None
    if start != size or any(a >= b for a, b in spans):
        return None
    return tuple(spans), frozenset(joined)


def _read(text: str) -> tuple[tuple[int, int], ...]:
    """The words of ``text``, read with the dictionary."""
    spans: list[tuple[int, int]] = []
    last = 0
    for run in _TEXT_RUN.finditer(text):
        spans.extend((pos, pos + 1) for pos in range(last, run.start()))
        spans.extend(_segment(run.group(), run.start()))
        last = run.end()
    spans.extend((pos, pos + 1) for pos in range(last, len(text)))
    return tuple(spans)


def save() -> None:
    """Keep the words read in this process for the next one (persistent cache); cheap
    when nothing new was read. Call it when a build or check is done."""
    _remembered().save()


class _Remembered:
    """Texts read in earlier processes, as word lengths, kept in the persistent cache
    under a key naming the dictionary file and this module's code: a warm check or
    build judges its breaks without loading the dictionary at all."""

    def __init__(self, entry_key: str) -> None:
        self.key = entry_key
        self._table: dict[str, str] = {}
        self._new: dict[str, str] = {}
        if entry_key:
            stored = cache.get(NAMESPACE, entry_key)
            if stored is not None:
                try:
                    table = json.loads(stored)
                except ValueError:
                    table = None
                if isinstance(table, dict):
                    self._table = table

    def get(self, text: str) -> str | None:
        found = self._table.get(text)
        return found if isinstance(found, str) else None

    def add(self, text: str, encoded: str) -> None:
        self._new[text] = self._table[text] = encoded

    def save(self) -> None:
        if not self._new or not self.key:
            return
        kept = dict(self._new)
        for text, lengths in self._table.items():  # earlier texts, up to the limit
            if len(kept) >= MAX_REMEMBERED:
                break
            kept.setdefault(text, lengths)
        cache.put(NAMESPACE, self.key, json.dumps(kept, ensure_ascii=False).encode("utf-8"))
        self._new = {}


#: Texts whose words are remembered between processes.
MAX_REMEMBERED = 50_000


@functools.lru_cache(maxsize=1)
def _remembered() -> _Remembered:
    try:
        identity = _dictionary_identity()
    except OSError:
        return _Remembered("")
    return _Remembered(cache.key(NAMESPACE, "texts", identity, cache.code_fingerprint(__file__)))


def _segment(run: str, offset: int) -> list[tuple[int, int]]:
    """The most probable segmentation of one run of text characters (jieba's ``calc``
    over its DAG), with runs of single Latin letters or digits joined."""
    table = _table()
    size = len(run)
    # best[i]: (log probability of the best reading of run[i:], end of its first word)
    best: list[tuple[float, int]] = [(0.0, size)] * (size + 1)
    for start in range(size - 1, -1, -1):
        choice = (-math.inf, start + 1)
        for end, count in table.words_at(run, start):
            choice = max(choice, (table.log_probability(count) + best[end][0], end))
        best[start] = choice
    spans: list[tuple[int, int]] = []
    start = 0
    latin_from: int | None = None
    while start < size:
        end = best[start][1]
        if end - start == 1 and _LATIN.match(run[start]):
            latin_from = start if latin_from is None else latin_from
        else:
            if latin_from is not None:
                spans.append((offset + latin_from, offset + start))
                latin_from = None
            spans.append((offset + start, offset + end))
        start = end
    if latin_from is not None:
        spans.append((offset + latin_from, offset + size))
    return spans


class _Table:
    """jieba's words, sorted, with their counts, in chunks read only when a text needs
    them: a process that judges a few hundred different characters decodes the words
    that begin with those (a third of the dictionary for the sample deck), never the
    349,046 entries. Within a chunk, words are looked up by bisection.

    Stored form (bytes, :func:`compile_table`): ``b"WORDS3"``, the total count, the
    number of words and the number of chunks ``n`` (``<QII``); the first character
    (code point) of each chunk's first word (``n`` × ``<I``); where each chunk ends,
    counted from the end of this index (``n`` × ``<I``); then the chunks, each
    zlib-compressed: the byte length of its words (``<I``), its words (UTF-8, sorted,
    one a line), then their counts (``<I`` each, in the same order). The words of one
    first character are never split between chunks.
    """

    def __init__(self, data: bytes) -> None:
        if data[:6] != _MAGIC:
            raise ValueError("not a word table")
        total, self._number, chunks = struct.unpack_from("<QII", data, 6)
        start = 6 + 16
        self._firsts = array.array("I")
        self._firsts.frombytes(data[start : start + 4 * chunks])
        self._ends = array.array("I")
        self._ends.frombytes(data[start + 4 * chunks : start + 8 * chunks])
        if sys.byteorder != "little":
            self._firsts.byteswap()
            self._ends.byteswap()
        self._data = data
        self._base = start + 8 * chunks
        if not chunks or len(self._firsts) != chunks or len(self._ends) != chunks or self._base + self._ends[-1] != len(data):
            raise ValueError("damaged word table")
        self._log_total = math.log(total)
        self._chunks: dict[int, tuple[list[str], array.array]] = {}
        self._ranges: dict[str, tuple[list[str], array.array, int, int, int]] = {}
        self._prefixes: dict[str, tuple[int, int]] = {}

    def words_at(self, text: str, start: int) -> list[tuple[int, int]]:
        """``(end, count)`` of every reading of ``text[start:end]`` as one word: the
        character itself always (count 0 when unknown), then each longer dictionary
        word starting there (stops at the first prefix no word begins with)."""
        words, counts, low, high, single = self._range(text[start])
        found = [(start + 1, single)]
        prefixes = self._prefixes
        for end in range(start + 2, len(text) + 1):
            if low >= high:
                break
            prefix = text[start:end]
            known = prefixes.get(prefix)
            if known is None:
                known = prefixes[prefix] = self._prefix(words, counts, prefix, low, high)
            low, count = known
            if low < 0:
                break
            if count:
                found.append((end, count))
        return found

    @staticmethod
    def _prefix(words: list[str], counts: array.array, prefix: str, low: int, high: int) -> tuple[int, int]:
        """Where the words starting with ``prefix`` begin in ``words[low:high]`` (which
        holds every word starting with ``prefix[:-1]``), and the count of ``prefix``
        itself (0 when it is no word); ``(-1, 0)`` when no word starts with it. The
        same for any ``low`` and ``high`` so bounded, so remembered per prefix: the
        words of a deck recur, and a dictionary look-up is cheaper than a bisection."""
        low = bisect.bisect_left(words, prefix, low, high)
        if low >= high or not words[low].startswith(prefix):
            return -1, 0
        return low, counts[low] if words[low] == prefix else 0

    def _range(self, char: str) -> tuple[list[str], array.array, int, int, int]:
        """The chunk holding the words that start with ``char``, where they lie in it,
        and the count of ``char`` alone (0 when it is no word), remembered per character."""
        known = self._ranges.get(char)
        if known is None:
            words, counts = self._chunk_of(char)
            low = bisect.bisect_left(words, char)
            high = bisect.bisect_left(words, chr(ord(char) + 1), low) if ord(char) < 0x10FFFF else len(words)
            single = counts[low] if low < high and words[low] == char else 0
            known = self._ranges[char] = (words, counts, low, high, single)
        return known

    def _chunk_of(self, char: str) -> tuple[list[str], array.array]:
        """The words and counts of the chunk where words starting with ``char`` are
        (an empty one before the first chunk), decoded on first use.

        Raises:
            DictionaryMissing: the chunk is damaged (a broken install).
        """
        index = bisect.bisect_right(self._firsts, ord(char)) - 1
        if index < 0:
            return [], array.array("I")
        chunk = self._chunks.get(index)
        if chunk is None:
            begin = self._base + (self._ends[index - 1] if index else 0)
            try:
                chunk = self._chunks[index] = _decode_chunk(zlib.decompress(self._data[begin : self._base + self._ends[index]]))
            except (zlib.error, ValueError, struct.error, UnicodeDecodeError) as exc:
                raise DictionaryMissing(f"deckgen's word table is damaged: {TABLE_FILE}; reinstall deckgen") from exc
        return chunk

    def is_word(self, text: str) -> bool:
        """True when ``text`` is a word of the dictionary (with a count)."""
        if not text:
            return False
        words, counts, low, high, _single = self._range(text[0])
        index = bisect.bisect_left(words, text, low, high)
        return index < high and words[index] == text and counts[index] > 0

    def log_probability(self, count: int) -> float:
        """log(count / total); an unknown character counts once (as jieba does)."""
        return math.log(count or 1) - self._log_total


def _decode_chunk(payload: bytes) -> tuple[list[str], array.array]:
    """The words and counts of one decompressed chunk (see :class:`_Table`)."""
    (size,) = struct.unpack_from("<I", payload)
    words = payload[4 : 4 + size].decode("utf-8").split("\n")
    counts = array.array("I")
    counts.frombytes(payload[4 + size :])
    if sys.byteorder != "little":
        counts.byteswap()
    if len(words) != len(counts):
        raise ValueError("damaged word table chunk")
    return words, counts


#: jieba's dictionary, compiled (:func:`compile_table`) into chunks compressed one
#: by one, shipped with deckgen: 2 MB; opening it reads its index only, and a chunk
#: is decompressed when a text needs its words, where parsing jieba's 5 MB
#: ``dict.txt`` takes 1–2 s. Made by ``tools/make_words_table.py``; a test checks
#: it is jieba's.
TABLE_FILE = Path(__file__).parent / "data" / "jieba-words.bin"
#: Words (UTF-8 bytes) per chunk, at least: small enough that a text's characters
#: decode little of the dictionary, large enough to compress almost as well as one stream.
CHUNK_BYTES = 256


def jieba_dictionary() -> Path:
    """jieba's ``dict.txt`` as installed (found without importing jieba): the source
    of :data:`TABLE_FILE`, needed only to remake it and to test it."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise DictionaryMissing("jieba is not installed; run: pip install jieba")
    path = Path(spec.origin).parent / "dict.txt"
    if not path.is_file():
        raise DictionaryMissing(f"jieba's word dictionary is missing: {path}; reinstall jieba")
    return path


def _dictionary_identity() -> tuple[str, int, int, int]:
    """The shipped table by path, size, time and inode (as the line cache names font files)."""
    info = TABLE_FILE.stat()
    return (str(TABLE_FILE), info.st_size, info.st_mtime_ns, info.st_ino)


def compile_table(source: bytes) -> bytes:
    """The table form (see :class:`_Table`) of a jieba-format dictionary (lines ``word count [tag]``)."""
    entries: dict[str, int] = {}
    for line in source.decode("utf-8").splitlines():
        fields = line.split()
        if len(fields) >= 2 and fields[1].isdigit() and "\n" not in fields[0]:
            entries[fields[0]] = int(fields[1])
    ordered = sorted(entries)
    groups: list[list[str]] = []
    size = 0
    for word in ordered:
        if not groups or (size >= CHUNK_BYTES and word[0] != groups[-1][-1][0]):
            groups.append([])
            size = 0
        groups[-1].append(word)
        size += len(word.encode("utf-8")) + 1
    firsts = array.array("I", (ord(group[0][0]) for group in groups))
    ends = array.array("I")
    chunks = []
    for group in groups:
        blob = "\n".join(group).encode("utf-8")
        counts = array.array("I", (min(entries[word], 0xFFFFFFFF) for word in group))
        if sys.byteorder != "little":
            counts.byteswap()
        chunks.append(zlib.compress(struct.pack("<I", len(blob)) + blob + counts.tobytes(), 9))
        ends.append((ends[-1] if ends else 0) + len(chunks[-1]))
    if sys.byteorder != "little":
        firsts.byteswap()
        ends.byteswap()
    total = max(sum(entries.values()), 1)
    header = _MAGIC + struct.pack("<QII", total, len(ordered), len(groups))
    return header + firsts.tobytes() + ends.tobytes() + b"".join(chunks)


@functools.lru_cache(maxsize=1)
def _table() -> _Table:
    """The word table shipped with deckgen, loaded once per process.

    Raises:
        DictionaryMissing: the table file is missing or damaged (a broken install).
    """
    try:
        return _Table(TABLE_FILE.read_bytes())
    except OSError as exc:
        raise DictionaryMissing(f"deckgen's word table is missing: {TABLE_FILE}; reinstall deckgen") from exc
    except (zlib.error, ValueError, struct.error, UnicodeDecodeError) as exc:
        raise DictionaryMissing(f"deckgen's word table is damaged: {TABLE_FILE}; reinstall deckgen") from exc
