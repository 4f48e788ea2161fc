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
MIT licence, Copyright (c) 2013 Sun Junyi) with a few place names it lacks
(:data:`USER_WORDS_FILE`, as ``jieba.add_word`` would add them), compiled into a table of words by their
first two characters, with their counts, shipped with deckgen (:data:`TABLE_FILE`):
jieba itself is not imported (its ``initialize()`` costs about a second, and so does
parsing its file). A process maps the table (no reading: about 0.1 ms) only when a
text it has not read before must be judged, decodes only the words beginning with
the text's pairs of characters (the sample deck: 7,000 of 349,046, where decoding
all of them took 50 ms), and looks words up by bisection. The words of texts read are
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
import mmap
import re
import struct
import sys
from collections.abc import Sequence
from pathlib import Path

from deckgen import cache

NAMESPACE = "words"
_MAGIC = b"WORDS4"
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
        inside = sorted(p for p in joined if start < p < end) if joined and end - start > 1 else None
        if inside:
            cuts = [start, *inside, end]
            tokens.append("+".join(str(b - a) for a, b in zip(cuts, cuts[1:])))
        else:  # most words: no compound joint inside
            tokens.append(str(end - start))
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


def read_since() -> dict[str, str]:
    """The texts read since the last call, encoded as the persistent cache keeps them:
    for another process to :func:`learn` (:mod:`deckgen.forked`)."""
    return _remembered().drain()


def learn(readings: dict[str, str]) -> None:
    """Take the readings another process made (:func:`read_since`) as if read here."""
    _remembered().learn(readings)


class _Remembered:
    """Texts read in earlier processes, as word lengths, kept in the persistent cache
    under a key naming the dictionary file and this module's code: a warm check or
    build judges its breaks without loading the dictionary at all."""

    def __init__(self, entry_key: str) -> None:
        self.key = entry_key
        self._table: dict[str, str] = {}
        self._new: dict[str, str] = {}
        self._since: dict[str, str] = {}  # read since the last drain()
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
        self._since[text] = self._new[text] = self._table[text] = encoded

    def drain(self) -> dict[str, str]:
        since, self._since = self._since, {}
        return since

    def learn(self, readings: dict[str, str]) -> None:
        for text, encoded in readings.items():
            if isinstance(text, str) and isinstance(encoded, str) and text not in self._table:
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
    log_probability = table.log_probability
    for start in range(size - 1, -1, -1):
        score, choice = -math.inf, start + 1
        for end, count in table.words_at(run, start):
            candidate = log_probability(count) + best[end][0]
            if candidate > score or (candidate == score and end > choice):  # max() of (score, end)
                score, choice = candidate, end
        best[start] = (score, choice)
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
    """jieba's words with their counts, found by their first two characters: a text
    decodes only the words that begin with one of its pairs of characters (the sample
    deck: 7,000 of the 349,046), never the whole dictionary.

    Stored form (bytes, :func:`compile_table`; integers little-endian): ``b"WORDS4"``,
    the total count, the number of one-character words ``s``, the number of pairs
    ``n`` that begin longer words, and the byte length of the word tails (``<QIII``);
    the one-character words' code points (``s`` × ``<I``, ascending) and counts
    (``s`` × ``<I``); each pair as ``first << 16 | second`` (``n`` × ``<I``,
    ascending; the dictionary's words are all in the Basic Multilingual Plane); where
    each pair's tails end in the tails (``n`` × ``<I``); the index of each pair's
    first word among the longer words (``n + 1`` × ``<I``); the tails, UTF-8: for each
    pair, the rest of its words after the two characters, sorted, one a line; then
    the counts of the longer words (``<I`` each, pair by pair, in the same order).
    """

    def __init__(self, data: bytes | mmap.mmap) -> None:
        if data[:6] != _MAGIC:
            raise ValueError("not a word table")
        total, singles, pairs, tails_size = struct.unpack_from("<QIII", data, 6)
        sections = []
        pos = 6 + 20
        for count in (singles, singles, pairs, pairs, pairs + 1):
            if pos + 4 * count > len(data):
                raise ValueError("damaged word table")
            sections.append(_integers(data, pos, count))
            pos += 4 * count
        self._single_chars, self._single_counts, self._pairs, self._tail_ends, self._firsts = sections
        self._tails_at = pos
        counts_at = pos + tails_size
        if counts_at + 4 * self._firsts[-1] != len(data):
            raise ValueError("damaged word table")
        self._counts = _integers(data, counts_at, self._firsts[-1])
        self._data = data
        self._log_total = math.log(total)
        self._buckets: dict[str, tuple[list[str], Sequence[int]] | None] = {}
        self._prefixes: dict[str, tuple[int, int]] = {}
        self._singles: dict[str, int] = {}
        self._logs: dict[int, float] = {}

    def words_at(self, text: str, start: int) -> list[tuple[int, int]]:
        """``(end, count)`` of every reading of ``text[start:end]`` as one word: the
        character itself always (count 0 when unknown), then each longer dictionary
        word starting there (stops at the first prefix no word begins with)."""
        found = [(start + 1, self._single(text[start]))]
        if start + 2 > len(text):
            return found
        bucket = self._bucket(text[start : start + 2])
        if bucket is None:
            return found
        tails, counts = bucket
        low, high = 0, len(tails)
        prefixes = self._prefixes
        for end in range(start + 2, len(text) + 1):
            if low >= high:
                break
            prefix = text[start:end]
            known = prefixes.get(prefix)
            if known is None:
                known = prefixes[prefix] = self._prefix(tails, counts, prefix[2:], low, high)
            low, count = known
            if low < 0:
                break
            if count:
                found.append((end, count))
        return found

    @staticmethod
    def _prefix(tails: list[str], counts: Sequence[int], tail: str, low: int, high: int) -> tuple[int, int]:
        """Where the tails starting with ``tail`` begin in ``tails[low:high]`` (which
        holds every tail starting with ``tail[:-1]``), and the count of the word ending
        in ``tail`` itself (0 when it is no word); ``(-1, 0)`` when no tail starts with
        it. The same for any ``low`` and ``high`` so bounded, so remembered per prefix:
        the words of a deck recur, and a dictionary look-up is cheaper than a bisection."""
        low = bisect.bisect_left(tails, tail, low, high)
        if low >= high or not tails[low].startswith(tail):
            return -1, 0
        return low, counts[low] if tails[low] == tail else 0

    def _single(self, char: str) -> int:
        """The count of ``char`` as a word (0 when it is none), remembered per character."""
        count = self._singles.get(char)
        if count is None:
            index = bisect.bisect_left(self._single_chars, ord(char))
            found = index < len(self._single_chars) and self._single_chars[index] == ord(char)
            count = self._singles[char] = self._single_counts[index] if found else 0
        return count

    def _bucket(self, pair: str) -> tuple[list[str], Sequence[int]] | None:
        """The tails and counts of the words beginning with the two characters ``pair``
        (None when no word does), decoded on first use.

        Raises:
            DictionaryMissing: the table is damaged there (a broken install).
        """
        if pair in self._buckets:
            return self._buckets[pair]
        bucket = None
        first, second = ord(pair[0]), ord(pair[1])
        if first <= 0xFFFF and second <= 0xFFFF:
            key = first << 16 | second
            index = bisect.bisect_left(self._pairs, key)
            if index < len(self._pairs) and self._pairs[index] == key:
                bucket = self._decode_bucket(index)
        self._buckets[pair] = bucket
        return bucket

    def _decode_bucket(self, index: int) -> tuple[list[str], Sequence[int]]:
        begin = self._tails_at + (self._tail_ends[index - 1] if index else 0)
        end = self._tails_at + self._tail_ends[index]
        counts = self._counts[self._firsts[index] : self._firsts[index + 1]]
        try:
            tails = self._data[begin:end].decode("utf-8").split("\n")
        except UnicodeDecodeError as exc:
            raise DictionaryMissing(f"deckgen's word table is damaged: {TABLE_FILE}; reinstall deckgen") from exc
        if len(tails) != len(counts) or end < begin:
            raise DictionaryMissing(f"deckgen's word table is damaged: {TABLE_FILE}; reinstall deckgen")
        return tails, counts

    def is_word(self, text: str) -> bool:
        """True when ``text`` is a word of the dictionary (with a count)."""
        if len(text) < 2:
            return len(text) == 1 and self._single(text) > 0
        bucket = self._bucket(text[:2])
        if bucket is None:
            return False
        tails, counts = bucket
        index = bisect.bisect_left(tails, text[2:])
        return index < len(tails) and tails[index] == text[2:] and counts[index] > 0

    def log_probability(self, count: int) -> float:
        """log(count / total); an unknown character counts once (as jieba does).
        Remembered per count: a text's words share a few thousand counts."""
        known = self._logs.get(count)
        if known is None:
            known = self._logs[count] = math.log(count or 1) - self._log_total
        return known


def _integers(data: bytes | mmap.mmap, pos: int, count: int) -> Sequence[int]:
    """``count`` unsigned 32-bit little-endian integers of ``data`` from ``pos``: a view
    of them where this machine is little-endian (no copy), else a swapped copy."""
    if sys.byteorder == "little":
        return memoryview(data)[pos : pos + 4 * count].cast("I")
    numbers = array.array("I")
    numbers.frombytes(data[pos : pos + 4 * count])
    numbers.byteswap()
    return numbers


#: jieba's dictionary, compiled (:func:`compile_table`) and shipped with deckgen
#: (5 MB, 2 MB in the wheel): opening it reads its index (about a millisecond), and a
#: text decodes the few words beginning with its pairs of characters, where parsing
#: jieba's 5 MB ``dict.txt`` takes 1–2 s. Made by ``tools/make_words_table.py``; a
#: test checks it is jieba's.
TABLE_FILE = Path(__file__).parent / "data" / "jieba-words.bin"
#: Words added to jieba's (place names it reads apart: 徐汇滨江, 南延伸段), in its
#: user-dictionary format; compiled into :data:`TABLE_FILE`, not read at run time.
USER_WORDS_FILE = Path(__file__).parent / "data" / "user-words.txt"


def user_words() -> list[tuple[str, int]]:
    """(word, count) of :data:`USER_WORDS_FILE`, as ``jieba.add_word`` takes them."""
    out = []
    for line in USER_WORDS_FILE.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if len(fields) >= 2 and not line.startswith("#") and fields[1].isdigit():
            out.append((fields[0], int(fields[1])))
    return out


def table_source() -> bytes:
    """What :data:`TABLE_FILE` is compiled from: jieba's dictionary and the user words."""
    return jieba_dictionary().read_bytes() + b"\n" + USER_WORDS_FILE.read_bytes()


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
    """The table form (see :class:`_Table`) of a jieba-format dictionary (lines ``word count [tag]``).

    Raises:
        ValueError: a word has a character outside the Basic Multilingual Plane among
            its first two (jieba's have none).
    """
    entries: dict[str, int] = {}
    for line in source.decode("utf-8").splitlines():
        fields = line.split()
        if len(fields) >= 2 and fields[1].isdigit() and "\n" not in fields[0]:
            entries[fields[0]] = min(int(fields[1]), 0xFFFFFFFF)
    singles = sorted(word for word in entries if len(word) == 1)
    buckets: dict[int, list[str]] = {}
    for word in sorted(word for word in entries if len(word) > 1):
        first, second = ord(word[0]), ord(word[1])
        if first > 0xFFFF or second > 0xFFFF:
            raise ValueError(f"{word!r}: a character beyond U+FFFF begins it")
        buckets.setdefault(first << 16 | second, []).append(word)
    pairs = array.array("I", sorted(buckets))
    tail_ends, firsts, counts = array.array("I"), array.array("I", [0]), array.array("I")
    tails = bytearray()
    for key in pairs:
        words = buckets[key]
        tails += "\n".join(word[2:] for word in words).encode("utf-8")
        tail_ends.append(len(tails))
        firsts.append(firsts[-1] + len(words))
        counts.extend(entries[word] for word in words)
    single_chars = array.array("I", (ord(word) for word in singles))
    single_counts = array.array("I", (entries[word] for word in singles))
    sections = [single_chars, single_counts, pairs, tail_ends, firsts]
    if sys.byteorder != "little":
        for section in [*sections, counts]:
            section.byteswap()
    total = max(sum(entries.values()), 1)
    header = _MAGIC + struct.pack("<QIII", total, len(singles), len(pairs), len(tails))
    return header + b"".join(section.tobytes() for section in sections) + bytes(tails) + counts.tobytes()


@functools.lru_cache(maxsize=1)
def _table() -> _Table:
    """The word table shipped with deckgen, loaded once per process.

    Raises:
        DictionaryMissing: the table file is missing or damaged (a broken install).
    """
    try:
        with open(TABLE_FILE, "rb") as handle:
            # Mapped, not read: the pages of the words a process never needs stay on disk.
            data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        return _Table(data)
    except OSError as exc:
        raise DictionaryMissing(f"deckgen's word table is missing: {TABLE_FILE}; reinstall deckgen") from exc
    except (ValueError, struct.error, UnicodeDecodeError) as exc:
        raise DictionaryMissing(f"deckgen's word table is damaged: {TABLE_FILE}; reinstall deckgen") from exc
