"""Read a Word (.docx) speech with python-docx: paragraphs, heading levels, tables.

Word keeps what a .txt copy loses:

* **Heading styles and outline levels.** Offices mark 一、 and （一） headings with
  标题 1 / 标题 2 (Heading 1/2) or an outline level, and often let Word number them,
  so the numeral is not in the paragraph's text at all. A heading without its numeral
  gets the one Word shows (一、 for parts, （一） for groups), so the structure reader
  sees the same speech a reader of the document sees.
* **List numbering.** A heading set by direct formatting (bold, 黑体) often gets its
  一、 or （一） from Word's list numbering, not from its text; the numeral Word shows
  is put back (Chinese counting and decimal formats; bullets are left out).
* **Direct formatting.** A document with no heading style at all marks its
  headings by hand: a short line in bold, 黑体 or a larger size. Each look that
  recurs is a heading level, in the order the looks first appear after the cover.
* **Tables.** A table whose rows hold figures is a ready-made metrics table.

Levels are mapped to parts and groups by what the document itself shows: a level
whose headings already start with 一、 is the part level, （一） the group level; with
no numerals at all, the first heading level is taken as the title when it occurs
once at the top, and the next two levels as parts and groups.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter

from deckgen.errors import DeckgenError
from deckgen.speech import markers
from deckgen.speech.document import MetricsTable, SpeechDocument
from deckgen.speech.sentences import tidy

_HEADING_NAME_RE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_TITLE_NAMES = {"title", "标题"}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(raw: bytes, *, name: str) -> SpeechDocument:
    """Return the speech in the .docx bytes ``raw``; ``name`` names the file in errors."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DeckgenError(f"{name}: is not a readable Word (.docx) file ({exc}); open it in Word or WPS and save it again") from None
    except Exception as exc:  # lxml and python-docx raise many kinds on damaged parts
        raise DeckgenError(f"{name}: is a damaged Word file ({type(exc).__name__}); open it in Word or WPS and save it again") from None

    entries: list[tuple[str, int | None]] = []  # (text, outline level; 0 = title style)
    tables: list[MetricsTable] = []
    numbers = _ListNumbers(document)
    looks: list[tuple | None] = []  # per entry: how a heading set by direct formatting looks
    sizes: Counter[float] = Counter()  # characters set in each size: the body's is the commonest
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            for run in block.runs:
                sizes[run.font.size.pt if run.font.size else 0.0] += len(run.text)
            label = numbers.label(block)
            for line in block.text.replace("\v", "\n").split("\n"):
                text = tidy(line)
                if text:
                    if label and not text.startswith(label):
                        text = label + text
                    label = ""  # the numeral goes on the paragraph's first line only
                    entries.append((text, _level(block)))
                    looks.append(_heading_look(block, text))
        elif isinstance(block, Table):
            rows = _table_rows(block)
            if rows:
                caption = _caption(entries[-1][0]) if entries else ""
                if caption:
                    entries.pop()  # 表1 2024年主要经济指标 names the table; it is not speech
                before = entries[-1][0] if entries else ""
                tables.append(MetricsTable(rows, after=before, caption=caption))
    lines = _numbered(_with_direct_headings(entries, looks, body_size=sizes.most_common(1)[0][0] if sizes else 0.0))
    if not lines:
        raise DeckgenError(f"{name}: the Word file holds no text; is the speech in a text box or a picture?")
    return SpeechDocument("\n".join(lines) + "\n", kind="docx", tables=tables)


class _ListNumbers:
    """The numerals Word's list numbering shows before paragraphs, counted in order.

    Only what a reader would take for a structure marker is rendered: Chinese
    counting (一、 （一） 一是) and decimal (1. （1）) levels; bullets and other
    formats give ''. Numbering restarts below a level when that level counts on.
    """

    _FORMATS = {"chineseCounting", "chineseCountingThousand", "ideographTraditional", "decimal", "decimalFullWidth"}

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> ilvl -> (format, text, start)
        self.counts: dict[str, dict[int, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return  # no numbering part: nothing is numbered
        abstracts = {a.get(f"{_W}abstractNumId"): a for a in numbering.findall(f"{_W}abstractNum")}
        for num in numbering.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            abstract = abstracts.get(ref.get(f"{_W}val") if ref is not None else None)
            if abstract is None:
                continue
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in abstract.findall(f"{_W}lvl"):
                fmt, text, start = (lvl.find(f"{_W}{tag}") for tag in ("numFmt", "lvlText", "start"))
                try:
                    levels[int(lvl.get(f"{_W}ilvl", "0"))] = (
                        fmt.get(f"{_W}val", "") if fmt is not None else "decimal",
                        text.get(f"{_W}val", "") if text is not None else "",
                        int(start.get(f"{_W}val", "1")) if start is not None else 1,
                    )
                except ValueError:
                    continue  # a damaged level: its paragraphs stay unnumbered
            self.levels[num.get(f"{_W}numId", "")] = levels

    def label(self, paragraph) -> str:
        """The numeral Word shows before ``paragraph`` ('' for none), counting it."""
        found = self._num_pr(paragraph)
        if found is None:
            return ""
        num_id, ilvl = found
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counts = self.counts.setdefault(num_id, {})
        counts[ilvl] = counts.get(ilvl, levels[ilvl][2] - 1) + 1
        for deeper in [lv for lv in counts if lv > ilvl]:
            del counts[deeper]
        fmt, text, _ = levels[ilvl]
        if fmt not in self._FORMATS or not text:
            return ""

        def numeral(match: re.Match) -> str:
            level = int(match.group(1)) - 1
            value = counts.get(level, levels.get(level, ("", "", 1))[2])
            level_fmt = levels.get(level, (fmt, "", 1))[0]
            return str(value) if level_fmt.startswith("decimal") else markers.chinese_ordinal(value)

        return re.sub(r"%(\d)", numeral, text)

    @staticmethod
    def _num_pr(paragraph) -> tuple[str, int] | None:
        """(numId, level) of the paragraph's list numbering, its own or its style's."""
        candidates = [paragraph._p.pPr]
        style = paragraph.style
        while style is not None:
            candidates.append(style.element.pPr)
            style = style.base_style
        for ppr in candidates:
            num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
            if num_pr is None:
                continue
            num_id, ilvl = num_pr.find(f"{_W}numId"), num_pr.find(f"{_W}ilvl")
            value = num_id.get(f"{_W}val", "0") if num_id is not None else "0"
            if value == "0":
                return None  # numbering switched off
            try:
                return value, int(ilvl.get(f"{_W}val", "0")) if ilvl is not None else 0
            except ValueError:
                return None
        return None


_HEADING_FACE_RE = re.compile(r"黑体|hei|sans|gothic", re.IGNORECASE)
_SENTENCE_MARKS = "。！？!?；;"  # a heading may hold a comma, never a sentence end


def _heading_look(paragraph, text: str) -> tuple | None:
    """(bold, face, size) of a short line set by hand like a heading, else None."""
    runs = [run for run in paragraph.runs if run.text.strip()]
    if not runs or len(text) > 40 or any(mark in text for mark in _SENTENCE_MARKS) or text[-1] in "：:，,":
        return None
    faces = set()
    for run in runs:
        fonts = run._r.rPr.rFonts if run._r.rPr is not None else None
        faces.add((fonts.get(f"{_W}eastAsia") if fonts is not None else None) or run.font.name or "")
    bold = all(run.font.bold for run in runs)
    sizes = {run.font.size.pt if run.font.size else 0.0 for run in runs}
    if len(faces) != 1 or len(sizes) != 1:
        return None
    face, size = faces.pop(), sizes.pop()
    if not bold and not _HEADING_FACE_RE.search(face):
        return (False, face, size)  # a candidate only if larger than the body (see below)
    return (True, face, size)


def _with_direct_headings(
    entries: list[tuple[str, int | None]], looks: list[tuple | None], *, body_size: float
) -> list[tuple[str, int | None]]:
    """Give hand-formatted headings levels when the document has no heading style.

    The cover (everything before the first body paragraph) is left out; a look must
    recur to be a level (one bold line is emphasis); at most two levels, parts and groups.
    """
    if any(level is not None for _, level in entries):
        return entries  # styles or outline levels say it; direct formatting is emphasis
    first_body = next((n for n, look in enumerate(looks) if look is None), len(looks))
    counts = Counter(look for look in looks[first_body:] if look)
    order: list[tuple] = []
    for look in looks[first_body:]:
        larger = look is not None and look[2] >= body_size + 2
        if look and (look[0] or larger) and counts[look] >= 2 and look not in order:
            order.append(look)
    if not order:
        return entries
    levels = {look: number + 1 for number, look in enumerate(order[:2])}
    return [(text, levels.get(look) if n >= first_body and look else None) for n, ((text, _), look) in enumerate(zip(entries, looks))]


def _level(paragraph) -> int | None:
    """The paragraph's outline level (1 = 标题 1), 0 for the Title style, None for body."""
    own = _outline_level(paragraph._p.pPr)
    if own is not None:
        return own
    style = paragraph.style
    while style is not None:
        name = (style.name or "").strip()
        if name.lower() in _TITLE_NAMES:
            return 0
        match = _HEADING_NAME_RE.match(name)
        if match:
            return int(match.group(1))
        level = _outline_level(style.element.pPr)
        if level is not None:
            return level
        style = style.base_style
    return None


def _outline_level(ppr) -> int | None:
    """``w:outlineLvl`` (0-based in the file, 9 = body text) as a 1-based level."""
    if ppr is None:
        return None
    found = ppr.find(f"{_W}outlineLvl")
    if found is None:
        return None
    value = int(found.get(f"{_W}val", "9"))
    return value + 1 if value < 9 else None


def _numbered(entries: list[tuple[str, int | None]]) -> list[str]:
    """The paragraphs, with the numeral Word shows put back on unnumbered headings."""
    part_level, group_level = _structure_levels(entries)
    lines: list[str] = []
    part_no = group_no = 0
    for text, level in entries:
        if level is not None and level == part_level:
            found = markers.part_heading(text)
            part_no = found[0] if found else part_no + 1
            group_no = 0
            if not found:
                text = f"{markers.chinese_ordinal(part_no)}、{text}"
        elif level is not None and level == group_level:
            found = markers.group_heading(text)
            group_no = found[0] if found else group_no + 1
            if not found:
                text = f"（{markers.chinese_ordinal(group_no)}）{text}"
        lines.append(text)
    return lines


def _structure_levels(entries: list[tuple[str, int | None]]) -> tuple[int | None, int | None]:
    """Which heading levels are parts and which are groups (None when absent)."""
    levels = sorted({level for _, level in entries if level})
    part_level = next((lv for lv in levels if any(lv == level and markers.part_heading(text) for text, level in entries)), None)
    group_level = next((lv for lv in levels if any(lv == level and markers.group_heading(text) for text, level in entries)), None)
    if part_level is None and group_level is None and levels:
        first = levels[0]
        headings = [text for text, level in entries if level == first]
        opens = entries and entries[0][1] == first
        if len(headings) == 1 and opens and len(levels) > 1:
            levels = levels[1:]  # a single heading at the top is the title
        part_level = levels[0]
        group_level = levels[1] if len(levels) > 1 else None
    elif part_level is not None and group_level is None:
        group_level = next((lv for lv in levels if lv > part_level), None)
    elif group_level is not None and part_level is None:
        part_level = next((lv for lv in reversed(levels) if lv < group_level), None)
    return part_level, group_level


def _table_rows(table) -> list[list[str]]:
    """The table's rows as cell texts; merged cells appear once; empty rows dropped."""
    rows = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:  # a horizontally merged cell repeats
                continue
            previous = cell._tc
            cells.append(tidy(" ".join(cell.text.split())))
        if any(cells):
            rows.append(cells)
    return rows


def _caption(paragraph: str) -> str:
    """A short paragraph right before a table names it (表1 2024年主要经济指标)."""
    text = paragraph.strip("：:。 ")
    if 2 <= len(text) <= 30 and not any(ch in text for ch in "。，,；;"):
        return re.sub(r"^(?:附?表\s*\d+[：:．.\s]*)", "", text)
    return ""
