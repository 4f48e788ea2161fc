"""Split a file into speeches and each speech into paragraphs.

A file may hold several speeches: a collection header (``第二篇：在…上的讲话``) or a
new title line (``在…上的讲话``) once the current speech has text starts the next
one. A header followed by a title line is one speech, not two — the seed file's
fourth speech is written that way.

Lines broken in the middle of a sentence (text copied from a PDF or a narrow window)
are joined back: a line that does not end in sentence punctuation, followed by a
line that does not start with a marker, continues the same paragraph.
"""

from __future__ import annotations

import difflib
import re
import zlib
from collections import Counter

from deckgen.records import field, record
from deckgen.speech import markers
from deckgen.speech.metadata import is_metadata_line
from deckgen.speech.sentences import tidy


@record
class SpeechText:
    """One speech of a file, before its structure is read."""

    header: str | None = None  # title from a 第N篇：… header, if any
    title_line: str | None = None  # the speech's own title line, if any
    paragraphs: list[str] = field(default_factory=list)  # joined, tidied, in order
    line: int = 1  # 1-based line of the file where the speech starts

    @property
    def title(self) -> str:
        """The best title: the header's (often the more specific), else the title line."""
        return self.header or self.title_line or ""


def split_speeches(text: str) -> list[SpeechText]:
    """Split ``text`` into speeches; speeches with no paragraphs are dropped."""
    speeches: list[SpeechText] = []
    current = SpeechText()
    lines: list[str] = []  # raw body lines of the current speech ('' marks a blank line)

    def close() -> None:
        if not current.title:
            _take_title_line(current, lines)
        current.paragraphs = join_broken_lines(lines)
        if current.paragraphs:
            speeches.append(current)

    for number, raw in enumerate(text.split("\n"), start=1):
        line = tidy(raw)
        header = markers.header_title(line) if line else None
        if header is not None:
            close()
            current, lines = SpeechText(header=header or None, line=number), []
            continue
        title = markers.title_line(line) if line else None
        if title and not current.title and _title_block(lines):
            # 高举…旗帜 / 为…奋斗 / ——在…大会上的报告: the lines above are the title and
            # this one names the meeting, as the title block of one speech.
            current.title_line = " ".join(t for t in lines if t)
            lines = [line]
            continue
        if title:
            if any(lines):  # the current speech has text: this title starts the next
                close()
                current, lines = SpeechText(title_line=title, line=number), []
            elif current.title_line is None:
                current.title_line = title
            continue
        lines.append(line)
    close()
    return speeches


def _title_block(lines: list[str]) -> bool:
    """True when ``lines`` are one to three short title lines and nothing else."""
    texts = [line for line in lines if line]
    return 1 <= len(texts) <= 3 and all(
        len(t) <= 30 and not any(ch in t for ch in "。！？!?，,；;：:") and not markers.is_structural(t) for t in texts
    )


def _take_title_line(speech: SpeechText, lines: list[str]) -> None:
    """Use a short first line without punctuation as the title (before joining would
    glue it to the first paragraph)."""
    texts = [i for i, line in enumerate(lines) if line]
    if len(texts) < 2:
        return
    first = lines[texts[0]]
    if len(first) <= 40 and not any(ch in first for ch in "。！？!?，,；;：:、") and not markers.is_structural(first):
        speech.title_line = first
        del lines[texts[0]]


def join_broken_lines(lines: list[str]) -> list[str]:
    """Return the paragraphs of ``lines``, joining lines broken mid-sentence.

    ``lines`` are tidied lines; '' marks a blank line, which always ends a paragraph.
    """
    paragraphs: list[str] = []
    open_paragraph = False  # may the next line continue paragraphs[-1]?
    head = True  # still in the title block (meeting, speaker, date lines)?
    for line in lines:
        if not line:
            open_paragraph = False
            continue
        particulars = head and is_metadata_line(line)
        if head and paragraphs and is_metadata_line(paragraphs[-1]) and _completes_meeting(paragraphs[-1], line):
            # ——2026年1月26日在广东省第十四届 / 人民代表大会第五次会议上: one line, wrapped.
            paragraphs[-1] += line
            continue
        if open_paragraph and not particulars and not markers.is_structural(line):
            paragraphs[-1] += line
        else:
            paragraphs.append(line)
        head = head and (particulars or len(paragraphs) <= 1 and not markers.is_salutation(line))
        open_paragraph = not particulars and _continues(paragraphs[-1])
        if len(paragraphs) >= 2 and paragraphs[-1] == line and _ANNEX_LABEL_RE.match(paragraphs[-2]):
            open_paragraph = False  # 附件1 / 2026年省十件民生实事: the annex's title line
    return paragraphs


def _completes_meeting(line: str, following: str) -> bool:
    """True when ``following`` ends the meeting ``line`` opened (在… with no 上 yet)."""
    return "在" in line and not line.rstrip().endswith("上") and following.endswith("上") and len(line + following) <= 60


_ANNEX_LABEL_RE = re.compile(r"^附件\s*[0-9０-９一二三四五六七八九十]*\s*[：:]?$")


def _continues(paragraph: str) -> bool:
    """True when ``paragraph`` stops mid-sentence, so the next line may belong to it."""
    if paragraph[-1] in markers.SENTENCE_END:
        return False
    # Headings carry no final punctuation by convention; they never continue; nor
    # does an annex label (附件1) over its title.
    if _ANNEX_LABEL_RE.match(paragraph):
        return False
    return not (
        markers.part_heading(paragraph)
        or markers.group_heading(paragraph)
        or markers.is_salutation(paragraph)
    )


def find_repeats(speeches: list[SpeechText], threshold: float = 0.9) -> dict[int, int]:
    """Map the index of each speech that repeats an earlier one to that earlier index.

    Two speeches repeat each other when difflib's ratio of their bodies reaches
    ``threshold``. difflib costs time quadratic in the text, so it is asked only
    about candidates: an identical body is a repeat at once, and an earlier speech
    is compared only when it shares at least a fifth of the later one's sampled
    8-character anchors (a near-copy keeps most of them; different speeches share
    a few stock phrases). A file of 500 speeches took 16 s of pairwise matching.
    """
    bodies = ["".join(s.paragraphs) for s in speeches]
    repeats: dict[int, int] = {}
    first_with_body: dict[str, int] = {}
    anchor_index: dict[str, list[int]] = {}
    anchor_count: dict[int, int] = {}
    for later, body in enumerate(bodies):
        if body in first_with_body:
            repeats[later] = first_with_body[body]
            continue
        anchors = _anchors(body)
        votes = Counter(earlier for anchor in anchors for earlier in anchor_index.get(anchor, ()))
        for earlier in sorted(votes):
            if votes[earlier] < _MIN_SHARED * min(len(anchors), anchor_count[earlier]):
                continue
            matcher = difflib.SequenceMatcher(None, bodies[earlier], body, autojunk=False)
            if matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold and matcher.ratio() >= threshold:
                repeats[later] = earlier
                break
        if later in repeats:
            continue
        first_with_body[body] = later
        anchor_count[later] = len(anchors)
        for anchor in anchors:
            anchor_index.setdefault(anchor, []).append(later)
    return repeats


_ANCHOR = 8  # characters in an anchor
_MIN_SHARED = 0.2  # share of anchors a candidate must have in common


def _anchors(body: str) -> set[str]:
    """A deterministic sample of the body's 8-character substrings (about one in eight)."""
    return {
        body[i : i + _ANCHOR]
        for i in range(len(body) - _ANCHOR + 1)
        if zlib.crc32(body[i : i + _ANCHOR].encode("utf-8")) % 8 == 0
    }
