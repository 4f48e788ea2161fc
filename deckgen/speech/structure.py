"""Read the structure of one speech: opening, parts, groups, items, dash points, closing.

The result is a small tree that mirrors the speech, with every paragraph kept
verbatim (it becomes speaker notes). Markers are trusted only when their numbering
makes sense: ``三是`` continues ``二是`` in the same part or group; a ``一、`` or ``一是``
may always start afresh. A paragraph that merely begins with a numeral stays a
paragraph.
"""

from __future__ import annotations

import re
from typing import Union

from deckgen.records import field, record
from deckgen.speech import markers
from deckgen.speech.markers import ItemMarker
from deckgen.speech.metadata import is_metadata_line
from deckgen.speech.sentences import bare, is_setting, sentences


@record
class Para:
    """A plain paragraph (no marker).

    ``spoken_only`` marks a paragraph that is said but never shown: a salutation
    between passages (各位代表！). It stays in the notes, never becomes content.
    """

    text: str
    spoken_only: bool = False


@record
class Item:
    """One item (一是…, 第一…, 首先…): its paragraph, with and without the marker."""

    marker: ItemMarker
    source: str  # the paragraph as spoken, marker included (after a salutation said before it)

    @property
    def text(self) -> str:
        return self.marker.text


@record
class ItemRun:
    """Items numbered in one series (一是 … 五是)."""

    family: str
    items: list[Item] = field(default_factory=list)
    closed: bool = False  # a 最后 item ends a 首先 series

    @property
    def last_ordinal(self) -> int:
        return self.items[-1].marker.ordinal if self.items else 0


@record
class DashRun:
    """Consecutive dash points (——五年来，…)."""

    points: list[str] = field(default_factory=list)  # marker stripped
    sources: list[str] = field(default_factory=list)  # as spoken


Block = Union[Para, ItemRun, DashRun, "Container"]


@record
class Container:
    """A part (一、…) or a group (（一）…) and what it holds, in order."""

    kind: str  # "part" or "group"
    ordinal: int
    title: str  # marker and final punctuation stripped
    heading: str  # the heading line as spoken
    body: list[Block] = field(default_factory=list)
    numbered: bool = True  # False for the passages after the last numbered part

    def groups(self) -> list[Container]:
        return [b for b in self.body if isinstance(b, Container)]

    def item_runs(self) -> list[ItemRun]:
        return [b for b in self.body if isinstance(b, ItemRun)]


@record
class Annex:
    """An annex after a report's closing (附件1 / 2026年省十件民生实事 / …)."""

    label: str  # 附件1
    title: str  # 2026年省十件民生实事 ('' when the annex gives none)
    paragraphs: list[str] = field(default_factory=list)

    @property
    def glossary(self) -> bool:
        """True for a list of terms explained (名词解释): notes, not slides."""
        return bool(re.search(r"名词解释|术语|注释|说明$", self.title))


# 附件 / 附件1 / 附件一：… on a line of its own.
_ANNEX_RE = re.compile(r"^附件\s*[0-9０-９一二三四五六七八九十]*\s*[：:]?\s*(?P<title>[^。！？]{0,40})$")


def split_annexes(paragraphs: list[str]) -> tuple[list[str], list[Annex]]:
    """The paragraphs before the first annex line, and the annexes from it on."""
    starts = [i for i, p in enumerate(paragraphs) if i > 0 and _ANNEX_RE.match(p)]
    if not starts:
        return paragraphs, []
    annexes: list[Annex] = []
    for paragraph in paragraphs[starts[0] :]:
        match = _ANNEX_RE.match(paragraph)
        if match:
            label = re.split(r"[：:]", paragraph)[0].strip()
            annexes.append(Annex(label, match.group("title").strip()))
        elif not annexes[-1].title and len(paragraph) <= 40 and not re.search(r"[。！？；]", paragraph):
            annexes[-1].title = paragraph
        else:
            annexes[-1].paragraphs.append(paragraph)
    return paragraphs[: starts[0]], annexes


@record
class Speech:
    """The structure of one speech."""

    title: str
    salutation: str | None = None
    opening: list[str] = field(default_factory=list)
    root: Container = field(default_factory=lambda: Container("root", 0, "", ""))
    parts: list[Container] = field(default_factory=list)  # explicit 一、 parts
    closing: list[str] = field(default_factory=list)
    particulars: list[str] = field(default_factory=list)  # meeting, speaker, date lines
    annexes: list[Annex] = field(default_factory=list)  # 附件1 … after the closing


    @property
    def has_structure(self) -> bool:
        """True when any marker was found (parts, groups, items or dash points)."""
        return bool(self.parts) or any(not isinstance(b, Para) for b in self.root.body)


# A closing turns to the audience again: 同志们，… / 各位代表，…
_COMRADES_RE = re.compile(r"^(?:同志们|同事们|各位代表|各位委员)[，,：:！!]")

# Paragraphs that only a closing says: thanks, wishes, calls to action.
_CLOSING_CUE = re.compile(
    r"谢谢|预祝|祝(?:大家|各位|全体|同志们|与会)|衷心希望|希望(?:全体|大家|各位|全县|全市|全省|广大)|让我们|最后[，,]"
)


def read_structure(paragraphs: list[str], title: str = "") -> Speech:
    """Return the :class:`Speech` tree of a speech's paragraphs (title lines removed)."""
    # 各位代表！回顾过去五年…: the salutation said first is a paragraph of its own.
    paragraphs = [piece for p in paragraphs for piece in _salutation_apart(p)]
    if not title and paragraphs and _looks_like_title(paragraphs[0]):
        title = bare(paragraphs.pop(0))
    speech = Speech(title=title)
    while paragraphs and is_metadata_line(paragraphs[0]):
        speech.particulars.append(paragraphs.pop(0))
    if paragraphs and markers.is_salutation(paragraphs[0]):
        speech.salutation = paragraphs.pop(0)
    paragraphs, speech.annexes = split_annexes(paragraphs)
    closing_start = find_closing(paragraphs)
    speech.closing = paragraphs[closing_start:]
    _Reader(speech).read(paragraphs[:closing_start])
    _split_tail(speech)
    return speech


def _split_tail(speech: Speech) -> None:
    """Passages after the last numbered part's groups become their own part.

    A government work report ends its last numbered part with its task groups, then
    says 各位代表！ and speaks of government self-building, ethnic affairs, defence…
    Those passages belong to no task group; a salutation after the last group starts
    them. Each becomes one unnumbered part.
    """
    if not speech.parts:
        return
    last = speech.parts[-1]
    groups = last.groups()
    if not groups:
        return
    after = last.body[last.body.index(groups[-1]) + 1 :]
    starts = [i for i, b in enumerate(after) if isinstance(b, Para) and b.spoken_only]
    if not starts:
        return
    tail = after[starts[0] :]
    if not any(isinstance(b, Para) and not b.spoken_only for b in tail):
        return
    del last.body[len(last.body) - len(after) + starts[0] :]
    passages: list[list[Block]] = []
    for block in tail:
        if isinstance(block, Para) and block.spoken_only:
            passages.append([block])
        else:
            passages[-1].append(block)
    # The passages just before the closing that speak of no known topic (同志们！时代
    # 呼唤着我们…青年强，则国家强) are the closing's run-up: they join its notes.
    while passages and not tail_topic(_passage_text(passages[-1])) and len(passages) < len(tail) and _closing_run_up(passages[-1]):
        speech.closing[:0] = [b.text for b in passages.pop() if isinstance(b, Para)]
    titled = []
    topics = []
    for passage in passages:
        shown = [b for b in passage if not (isinstance(b, Para) and b.spoken_only)]
        if shown:
            first = shown[0].text if isinstance(shown[0], Para) else ""
            topic = tail_topic("".join(b.text for b in shown if isinstance(b, Para)))
            topics.append(topic)
            title = TAIL_TOPICS[topic][0] if topic else passage_title(first) or TAIL_TITLE
            titled.append(Container("group", 0, title, "", passage, numbered=False))
    if titled:
        title = titled[0].title if len(titled) == 1 else tail_part_title(topics)
        speech.parts.append(Container("part", 0, title, "", list(titled), numbered=False))


TAIL_TITLE = "其他重要工作"

# What the passages after a report's last part speak of: (title, short name, cues).
TAIL_TOPICS: dict[str, tuple[str, str, re.Pattern[str]]] = {
    "government": ("政府自身建设", "政府建设", re.compile(r"政府自身建设|依法行政|依法全面履职|党风廉政|政府工作人员|各级政府|政务诚信|法治政府")),
    "ethnic": ("民族宗教和侨务工作", "民族宗教", re.compile(r"民族|宗教|侨")),
    "defence": ("国防和军队建设", "国防", re.compile(r"国防|军队|强军|军民|兵|退役军人")),
    "hkmo-taiwan": ("港澳台工作", "港澳台", re.compile(r"港澳|香港|澳门|台湾|一国两制|两岸|祖国统一")),
    "foreign": ("外交工作", "外交", re.compile(r"外交|国际社会|世界各国|人类命运共同体|多边主义|全球治理|和平发展道路")),
}
TAIL_TOPIC_MIN = 2  # cues a passage must hold to be titled by its topic


def _passage_text(passage: list[Block]) -> str:
    return "".join(b.text for b in passage if isinstance(b, Para) and not b.spoken_only)


# What a closing run-up says: the hall is called on (时代呼唤着我们, 青年强，则国家强).
_RUN_UP_RE = re.compile(r"呼唤|期待着|青年|同心|团结就是力量|奋斗|伟业|前进")


def _closing_run_up(passage: list[Block]) -> bool:
    return bool(speech_closing_cue(_passage_text(passage)))


def speech_closing_cue(text: str) -> bool:
    """True when ``text`` calls on the hall as a closing does (at least two cues)."""
    return len(_RUN_UP_RE.findall(text)) >= 2


def tail_topic(text: str) -> str:
    """The key of :data:`TAIL_TOPICS` a passage speaks of most (at least
    :data:`TAIL_TOPIC_MIN` cues), or ''."""
    counts = {key: len(cue.findall(text)) for key, (_, _, cue) in TAIL_TOPICS.items()}
    best = max(counts, key=lambda key: counts[key])
    return best if counts[best] >= TAIL_TOPIC_MIN else ""


def tail_part_title(topics: list[str]) -> str:
    """The tail part's title from what its passages speak of: 国防、港澳台和外交工作;
    :data:`TAIL_TITLE` when some passage has no known topic."""
    if not topics or not all(topics):
        return TAIL_TITLE
    names = list(dict.fromkeys(TAIL_TOPICS[t][1] for t in topics))
    if len(names) == 1:
        return TAIL_TOPICS[topics[0]][0]
    return f"{'、'.join(names[:-1])}和{names[-1]}工作"


def passage_title(paragraph: str) -> str:
    """A title for an unnumbered passage: what its first sentence says must be done.

    ``做好今年工作，必须持续加强政府自身建设。`` -> ``持续加强政府自身建设``;
    ``我们要全面贯彻党的民族政策，…`` -> ``全面贯彻党的民族政策``.
    """
    first = sentences(paragraph)[0] if sentences(paragraph) else paragraph
    # 过去一年，我们坚决贯彻……: the time it looks back on is no title.
    pieces = [bare(c) for c in re.split(r"[，,；;：:]", first) if bare(c) and not is_setting(bare(c))]
    for piece in reversed(pieces) if len(pieces) > 1 and len(pieces[-1]) <= 20 and re.search(r"必须|要", pieces[-1]) else pieces:
        text = re.sub(r"^(?:我们|各级政府|政府)?(?:必须|要|务必|一定要)?", "", piece)
        if 4 <= len(text) <= 20:
            return text
    return ""


def find_closing(paragraphs: list[str]) -> int:
    """Return the index where the closing starts (``len(paragraphs)`` if none).

    The closing is the last paragraph starting with 同志们 after the last marker, with
    everything after it (谢谢大家！); without one, the run of thank-you and good-wish
    paragraphs at the very end. At least one paragraph stays in the body.
    """
    last_marker = max((i for i, p in enumerate(paragraphs) if _is_marker(p)), default=-1)
    tail = range(last_marker + 1, len(paragraphs))
    floor = max(last_marker + 1, 1)  # never swallow the whole speech
    comrades = [i for i in tail if _COMRADES_RE.match(paragraphs[i]) and i >= floor]
    if comrades:
        return comrades[-1]
    start = len(paragraphs)
    for index in reversed(tail):
        if index >= floor and markers.is_stage_direction(paragraphs[index]):
            start = index  # （掌声） after the last words
            continue
        if index < floor or not _CLOSING_CUE.search(paragraphs[index]):
            break
        start = index
    return start


def _is_marker(paragraph: str) -> bool:
    return bool(
        markers.part_heading(paragraph)
        or markers.group_heading(paragraph)
        or markers.item_marker(paragraph)
        or markers.dash_point(paragraph)
    )


ADDRESSED_RE = re.compile(r"^(?:各位代表|各位委员|同志们)[，,]")
LOOK_BACK_RE = re.compile(r"^(?:过去一年|一年来|过去的一年)[，,]")
_RUN_IN_SALUTATION_RE = re.compile(r"^(?P<salutation>(?:各位代表|同志们|各位委员|各位同志)[！!])(?P<rest>\S.*)$")


def _salutation_apart(paragraph: str) -> list[str]:
    match = _RUN_IN_SALUTATION_RE.match(paragraph)
    return [match.group("salutation"), match.group("rest")] if match else [paragraph]


def _looks_like_title(paragraph: str) -> bool:
    """A short first line without sentence punctuation or marker is the title."""
    return (
        len(paragraph) <= 40
        and not any(ch in paragraph for ch in "。！？!?，,；;：:")
        and not _is_marker(paragraph)
        and not markers.is_salutation(paragraph)
    )


def _split_heading(text: str) -> tuple[str, list[str]]:
    """Split ``（一）坚持稳中求进。今年…`` into the heading and the paragraph after it."""
    parts = sentences(text)
    if len(parts) > 1 and parts[0].endswith("。"):
        return bare(parts[0]), ["".join(parts[1:])]
    return bare(text), []


HEADING_ITEM_MAX = 30  # characters of a 第一， heading standing on a line of its own


def heading_alone(text: str) -> bool:
    """True when an item's text (its marker taken off) is a heading standing on a line
    of its own (第一，进一步稳定和加强农业; 四是持续优化提升营商环境。), not a paragraph."""
    return len(text) <= HEADING_ITEM_MAX and not re.search(r"[。！？；;]", text.rstrip("。"))


class _Reader:
    """Walks the body paragraphs once, filling the speech tree."""

    def __init__(self, speech: Speech):
        self.speech = speech
        self.part: Container | None = None
        self.group: Container | None = None
        self.seen_marker = False
        # The group a salutation just ended, while the next paragraph may yet continue
        # its numbering (各位代表！ then 3.优化企业服务 after 1. and 2.).
        self.interrupted: Container | None = None
        self.preface = ""
        self.salutation = Para("", spoken_only=True)  # the last salutation between passages

    @property
    def container(self) -> Container:
        return self.group or self.part or self.speech.root

    def read(self, paragraphs: list[str]) -> None:
        for index, paragraph in enumerate(paragraphs):
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
            if markers.is_stage_direction(paragraph):
                target = self.container.body if self.seen_marker else None
                if target is not None:
                    target.append(Para(paragraph, spoken_only=True))
                else:
                    self.speech.opening.append(paragraph)
                continue
            if markers.is_salutation(paragraph) and self.seen_marker:
                # 各位代表！ opens a new passage: the group before it has ended, unless
                # what follows continues its numbering.
                self.interrupted = self.group
                self.group = None
                self.salutation = Para(paragraph, spoken_only=True)
                self.container.body.append(self.salutation)
                continue
            if self.group is not None and self.group.body and (ADDRESSED_RE.match(paragraph) or LOOK_BACK_RE.match(paragraph)):
                # 各位代表，蓝图已绘就，奋进正当时。…: turning to the hall again closes the
                # group; what follows is said to the part (its closing call), not the group.
                # So does looking back on the whole year again (过去一年，民族宗教、外事侨务…
                # 工作有力推进 after the last group of a review).
                self.group = None
            self._resume(paragraph)
            if self._heading_item(paragraph, following):
                continue
            if not (self._part(paragraph) or self._group(paragraph) or self._item(paragraph) or self._dash(paragraph)):
                self._para(paragraph)

    def _resume(self, paragraph: str) -> None:
        """Reopen the group a salutation ended when ``paragraph`` is its next item."""
        group, self.interrupted = self.interrupted, None
        if group is None:
            return
        marker = markers.item_marker(paragraph)
        runs = group.item_runs()
        if marker is None or marker.ordinal == 1 or not runs or not self._continues(runs[-1], marker):
            return
        body = self.container.body
        body[:] = [b for b in body if b is not self.salutation]
        self.preface = self.salutation.text  # said inside the group: the item's notes open with it
        self.group = group

    def _part(self, paragraph: str) -> bool:
        found = markers.part_heading(paragraph)
        if not found:
            return False
        ordinal, text = found
        previous = self.speech.parts[-1].ordinal if self.speech.parts else 0
        if ordinal != 1 and ordinal != previous + 1:
            return False
        title, after = _split_heading(text)
        self.part = Container("part", ordinal, title, paragraph)
        self.part.body.extend(Para(p) for p in after)
        self.speech.parts.append(self.part)
        self.group = None
        self.seen_marker = True
        return True

    def _group(self, paragraph: str) -> bool:
        found = markers.group_heading(paragraph)
        if not found:
            return False
        ordinal, text = found
        parent = self.part or self.speech.root
        groups = parent.groups()
        previous = groups[-1].ordinal if groups else 0
        if ordinal != 1 and ordinal != previous + 1:
            return False
        title, after = _split_heading(text)
        self.group = Container("group", ordinal, title, paragraph)
        self.group.body.extend(Para(p) for p in after)
        parent.body.append(self.group)
        self.seen_marker = True
        return True

    def _heading_item(self, paragraph: str, following: str) -> bool:
        """``第一，进一步稳定和加强农业`` on a line of its own, paragraphs under it: a
        group headed by the item, as （一） would head it (a report's 第一 … 第八)."""
        marker = markers.item_marker(paragraph)
        if marker is None or marker.family != "di" or not self.part:
            return False
        if not heading_alone(marker.text):
            return False
        if not following or _is_marker(following) or markers.is_salutation(following):
            return False
        groups = self.part.groups()
        previous = groups[-1].ordinal if groups else 0
        if marker.ordinal != previous + 1 or (groups and groups[-1].heading and not markers.item_marker(groups[-1].heading)):
            return False
        self.group = Container("group", marker.ordinal, bare(marker.text).rstrip("。"), paragraph)
        self.part.body.append(self.group)
        self.seen_marker = True
        return True

    def _item(self, paragraph: str) -> bool:
        marker = markers.item_marker(paragraph)
        if not marker:
            return False
        body = self.container.body
        runs = [b for b in body if isinstance(b, ItemRun)]
        run = runs[-1] if runs else None
        if marker.ordinal == 1:
            run = ItemRun(marker.family)
            body.append(run)
        elif run is None or not self._continues(run, marker):
            return False
        spoken = f"{self.preface}\n{paragraph}" if self.preface else paragraph
        self.preface = ""
        run.items.append(Item(marker, spoken))
        if marker.family == "seq" and marker.ordinal == 0:
            run.closed = True
        self.seen_marker = True
        return True

    @staticmethod
    def _continues(run: ItemRun | None, marker: ItemMarker) -> bool:
        if run is None or run.closed or run.family != marker.family:
            return False
        if marker.family == "seq" and marker.ordinal == 0:
            return True  # 最后 ends any 首先 series
        return marker.ordinal == run.last_ordinal + 1

    def _dash(self, paragraph: str) -> bool:
        text = markers.dash_point(paragraph)
        if not text:
            return False
        body = self.container.body
        dashes = body[-1] if body and isinstance(body[-1], DashRun) else None
        if dashes is None:
            dashes = DashRun()
            body.append(dashes)
        dashes.points.append(text)
        dashes.sources.append(paragraph)
        self.seen_marker = True
        return True

    def _para(self, paragraph: str) -> None:
        if not self.seen_marker:
            self.speech.opening.append(paragraph)
        else:
            self.container.body.append(Para(paragraph))
