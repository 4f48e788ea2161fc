"""How faithful and how presentable a derived outline is, measured against its source.

What a reviewer counts by hand when a report becomes a deck (issue 16):

* :func:`lost_sentences` — sentences of the source that are neither on a slide nor in
  any notes (nothing may be lost);
* :func:`missed_headings` — headings a reader of the document names (parts, groups,
  一是…, ——…, a paragraph's topic sentence) that no slide, card or part title shows;
* :func:`repeated_titles` — content slides whose title an earlier slide already has
  （（续） slides aside);
* :func:`fragments` — titles, headlines, bullets and statements that are not a
  complete phrase (end in 的/和/在/并, start with 也/并/而, a 、-list shown alone);
* :func:`look_alike_runs` — runs of more than three consecutive content slides of one
  kind and shape.

Each works on the outline as plain data (what ``derive_outlines`` returns or an
outline YAML loads to) and returns what it found, so a test or a report can print it.
The sentence splitting here is deliberately simpler than the derivation's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from deckgen.records import record
from deckgen.speech.variety import look_alike

__all__ = [
    "Measures",
    "fragments",
    "lost_sentences",
    "look_alike_runs",
    "measure",
    "missed_headings",
    "read_truth",
    "repeated_titles",
    "shown_texts",
]

_SENTENCE_END_RE = re.compile(r"(?<=[。！？!?；;])")
_SPACE_RE = re.compile(r"[\s\u3000]+")
# Quotation marks and brackets a slide may drop or straighten without losing words.
_NEUTRAL_RE = re.compile(r"[\s\u3000“”‘’\"'《》〈〉「」『』]")
CONTINUED = "（续）"
LOOK_ALIKE_MAX = 3

# A phrase that stops on a particle or conjunction is cut short; words that end in one
# (碳中和, 所在, 存在, 以为) are whole.
_FRAGMENT_END_RE = re.compile(r"(?:的|(?<![中平缓温调柔祥附])和|(?<![所存现正实])在|并|与|及|或|对|把|将|以|(?<![成作认视以])为|、|，)$")
_FRAGMENT_START_RE = re.compile(r"^(?:也|并(?!购)|而|和(?!平|谐|美)|及|且|又|还|但|或)|^(?:各位代表|同志们|各位委员)")
# 推迟开学、灵活复工、错峰出行: short phrases joined by 、 and nothing else.
_BARE_LIST_RE = re.compile(r"^[^，。；：、]{2,8}(?:、[^，。；：、]{2,8}){2,}$")
# A scene-setter alone (新的一年, 在我国的经济和社会发展中) says nothing.
_SETTING_RE = re.compile(r"^(?:新的一年|过去一年|过去的一年|一年来|今年|明年|当前|目前|同时|此外|在[^，。]{1,20}(?:中|上|下|里))$")
# …是党和人民一道拼出来、干出来、奋斗出来的: 是…的 closes a sentence.
_SHI_DE_RE = re.compile(r"是.+的$")


def _is_list(phrase: str) -> bool:
    """Parallel phrases of about one length joined by 、 and nothing else, not a slogan."""
    if not _BARE_LIST_RE.match(phrase) or _rhymes(phrase):
        return False
    lengths = [len(p) for p in phrase.split("、")]
    return max(lengths) - min(lengths) <= 2


def _rhymes(phrase: str) -> bool:
    """A slogan rather than a list: every phrase holds a character the others hold
    (识变、应变、求变; 尊重自然、顺应自然、保护自然)."""
    phrases = phrase.split("、")
    return bool(set(phrases[0]).intersection(*map(set, phrases[1:])))


def _bare(text: str) -> str:
    """``text`` as compared: spaces and the like left out, a figure's full-width
    point and per cent (8．8％, as the 1998 report writes it) read as 8.8%."""
    return _NEUTRAL_RE.sub("", text).replace("．", ".").replace("％", "%")


_FILE_HEADER_RE = re.compile(r"^第[一二三四五六七八九十\d]+篇[：:]")


def source_sentences(text: str) -> list[str]:
    """The sentences of ``text``: split at 。！？； and at line ends, blanks dropped.

    A file header 第二篇： is how a file separates speeches, not a sentence: the title
    after it is.
    """
    found = []
    for line in text.split("\n"):
        line = _FILE_HEADER_RE.sub("", line.strip())
        for piece in _SENTENCE_END_RE.split(line):
            if _bare(piece).strip("。！？!?；;，,：:"):
                found.append(piece.strip(" \u3000"))
    return found


def _slides(data: dict) -> Iterator[dict]:
    for part in data.get("parts", []):
        yield from part.get("slides", [])


def shown_texts(data: dict) -> list[str]:
    """Every text a slide shows (titles, cards, bullets, table cells), not the notes."""
    texts = [data.get("title", ""), data.get("subtitle", "")]
    texts += [part.get("title", "") for part in data.get("parts", [])]
    for slide in _slides(data):
        texts += [slide.get("title", ""), slide.get("text", ""), slide.get("subtitle", "")]
        texts += [b if isinstance(b, str) else str(b) for b in slide.get("bullets", [])]
        for item in slide.get("items", []) + slide.get("areas", []) + slide.get("columns", []):
            if isinstance(item, dict):
                texts += [str(v) for k, v in item.items() if isinstance(v, str)]
                texts += [b for b in item.get("bullets", []) if isinstance(b, str)]
            else:
                texts.append(str(item))
        for row in slide.get("metrics", []):
            texts += [str(row.get(key, "")) for key in ("indicator", "value", "unit", "change", "target")]
        for row in slide.get("rows", []):
            texts += [str(cell) for cell in row]
    closing = data.get("closing", {})
    texts += [closing.get("title", ""), closing.get("text", "")]
    return [t for t in texts if t]


def _notes(data: dict) -> list[str]:
    notes = [data.get("notes", "")]
    for part in data.get("parts", []):
        notes.append(part.get("notes", ""))
        notes += [slide.get("notes", "") for slide in part.get("slides", [])]
    notes.append(data.get("closing", {}).get("notes", ""))
    return notes


def lost_sentences(source: str, data: dict) -> list[str]:
    """Sentences of ``source`` found neither on a slide nor in the notes of ``data``."""
    kept = _bare("\n".join([*shown_texts(data), *_notes(data)]))
    return [s for s in source_sentences(source) if _bare(s).rstrip("。！？!?；;") not in kept]


@record(frozen=True)
class Heading:
    """A heading a reader names in a document: its kind (part, group, item…) and text."""

    kind: str
    text: str


def read_truth(text: str) -> list[Heading]:
    """Headings from a truth file: ``kind<TAB>heading`` per line, ``#`` comments."""
    headings = []
    for line in text.split("\n"):
        if line.strip() and not line.startswith("#"):
            kind, _, heading = line.partition("\t")
            headings.append(Heading(kind.strip(), heading.strip()))
    return headings


# Kinds a deck need not show on a slide (an annex may go to the notes).
OPTIONAL_KINDS = frozenset({"annex"})


def heading_texts(data: dict) -> list[str]:
    """Texts that head something on a slide: part, slide and card titles, headlines,
    bullets, statements and metric labels (not details or table values)."""
    texts = [data.get("title", "")] + [part.get("title", "") for part in data.get("parts", [])]
    for slide in _slides(data):
        texts += [slide.get("title", ""), slide.get("text", "")]
        texts += [b for b in slide.get("bullets", []) if isinstance(b, str)]
        for item in slide.get("items", []) + slide.get("areas", []) + slide.get("columns", []):
            if isinstance(item, dict):
                texts += [item.get("headline", ""), item.get("title", "")]
                texts += [b for b in item.get("bullets", []) if isinstance(b, str)]
            else:
                texts.append(str(item))
        texts += [str(row.get("indicator", "")) for row in slide.get("metrics", [])]
    return [_bare(t) for t in texts if t]


def missed_headings(headings: Iterable[Heading], data: dict) -> list[Heading]:
    """Headings that no slide shows as a heading: a title, headline or bullet that is
    the heading, or starts with its first clause (at least four characters)."""
    shown = heading_texts(data)
    missed = []
    for heading in headings:
        if heading.kind in OPTIONAL_KINDS:
            continue
        text = _bare(heading.text)
        first = re.split(r"[，；]", text)[0]
        if not any(text in t or (len(first) >= 4 and t.startswith(first)) or (len(t) >= 6 and text.startswith(t)) for t in shown):
            missed.append(heading)
    return missed


def _titled_slides(data: dict) -> Iterator[tuple[dict, str]]:
    """(slide, title) of every content slide, in order ('' for an untitled one)."""
    for slide in _slides(data):
        yield slide, slide.get("title", "")


def repeated_titles(data: dict) -> list[str]:
    """Titles of content slides that an earlier slide already carries (（续） aside);
    with more than one part, each part's divider shows the part's title too."""
    seen: set[str] = set()
    repeated = []
    parts = data.get("parts", [])
    dividers = {id(part["slides"][0]): part["title"] for part in parts if len(parts) > 1 and part.get("slides") and part.get("title")}
    for slide, title in _titled_slides(data):
        if id(slide) in dividers:
            seen.add(_bare(dividers[id(slide)]))
        key = _bare(title).removesuffix(CONTINUED)
        if not title or CONTINUED in title:
            continue
        if key in seen:
            repeated.append(title)
        seen.add(key)
    return repeated


def fragments(data: dict) -> list[str]:
    """Shown phrases that are not complete: a dangling end or start, an address to the
    hall (各位代表，…), a bare 、-list shown alone."""
    found = []
    for slide in _slides(data):
        texts = [slide.get("title", ""), slide.get("text", "")]
        texts += [b for b in slide.get("bullets", []) if isinstance(b, str)]
        texts += [i.get("headline", "") if isinstance(i, dict) else str(i) for i in slide.get("items", [])]
        texts += [a.get("title", "") if isinstance(a, dict) else str(a) for a in slide.get("areas", [])]
        for text in texts:
            phrase = _bare(text).removesuffix(CONTINUED).rstrip("。！？!?；;：:")
            if not phrase or phrase == "X":
                continue
            if (_FRAGMENT_END_RE.search(phrase) and not _SHI_DE_RE.search(phrase)) or _FRAGMENT_START_RE.search(phrase) or _SETTING_RE.match(phrase):
                found.append(text)
            elif slide.get("kind") == "statement" and text == slide.get("text") and _is_list(phrase):
                found.append(text)
    return found


def look_alike_runs(data: dict, *, longest: int = LOOK_ALIKE_MAX) -> list[list[str]]:
    """Runs of more than ``longest`` consecutive slides of one kind and size, by title.

    A part's divider stands between parts, so runs are counted within a part.
    What looks alike is :func:`deckgen.speech.variety.look_alike`.
    """
    runs = []
    for part in data.get("parts", []):
        run: list[dict] = []
        for slide in [*part.get("slides", []), {}]:
            if run and slide and look_alike(run[-1], slide):
                run.append(slide)
                continue
            if len(run) > longest:
                runs.append([s.get("title", "") for s in run])
            run = [slide]
    return runs


@record
class Measures:
    """The figures of one outline against its source (what tests and reports print)."""

    sentences: int
    lost: list[str]
    headings: int
    missed: list[Heading]
    repeated: list[str]
    fragments: list[str]
    runs: list[list[str]]
    slides: int

    @property
    def kept_share(self) -> float:
        return 1.0 if not self.sentences else 1 - len(self.lost) / self.sentences

    def summary(self) -> str:
        return (
            f"{self.slides} slides; sentences kept {self.sentences - len(self.lost)}/{self.sentences}"
            f" ({self.kept_share:.1%}); headings found {self.headings - len(self.missed)}/{self.headings};"
            f" repeated titles {len(self.repeated)}; fragments {len(self.fragments)};"
            f" look-alike runs >{LOOK_ALIKE_MAX} {len(self.runs)}"
        )


def measure(source: str, decks: list[dict], headings: Iterable[Heading] = ()) -> Measures:
    """All the measures of the outlines ``decks`` derived from ``source``.

    A file of several speeches gives several decks: sentences and headings are
    counted over all of them, titles and runs within each deck.
    """
    headings = list(headings)
    required = [h for h in headings if h.kind not in OPTIONAL_KINDS]
    merged = {
        "title": " ".join(d.get("title", "") for d in decks),
        "notes": "\n".join(d.get("notes", "") for d in decks),
        "parts": [part for d in decks for part in d.get("parts", [])],
        "closing": {"notes": "\n".join(d.get("closing", {}).get("notes", "") for d in decks)},
    }
    return Measures(
        sentences=len(source_sentences(source)),
        lost=lost_sentences(source, merged),
        headings=len(required),
        missed=missed_headings(required, merged),
        repeated=[title for d in decks for title in repeated_titles(d)],
        fragments=fragments(merged),
        runs=[run for d in decks for run in look_alike_runs(d)],
        slides=sum(1 for _ in _slides(merged)),
    )
