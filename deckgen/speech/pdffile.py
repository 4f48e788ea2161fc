"""Read a text PDF speech with pdfminer.six: lines back into paragraphs, page furniture out.

Why pdfminer.six: it is pure Python (no poppler needed on the office PC), well kept,
and gives every text line with its position, which is what telling a paragraph's
end from a line break needs. A PDF knows nothing of paragraphs; we rebuild them the
way a reader does:

* **Page furniture.** Lines in the top or bottom band of a page that repeat on most
  pages (a running header, ``第 3 页 共 9 页``, ``- 3 -``) or are only a page number
  are dropped.
* **Paragraphs.** Chinese documents indent a paragraph's first line by two
  characters, and a paragraph's last line usually stops short of the right margin. A
  line that is indented, follows a short line that ends a sentence, or stands after a
  wide gap starts a new paragraph; so does a line going into or out of a heading face
  (bold, another font or size: headings are often set without indent), and a line
  starting with a structure marker (一、 （一） 一是 ——) after a short line or a
  sentence end — but in an indented document a line at the margin after a full line
  is a wrapped line even when it starts like 一、 (统 / 一、安全规范) or 三是 of an
  inline list. A centred line under a full-width line in the same face continues it
  (a title wrapped by the page width). Any other line continues the one before (no
  space between Chinese characters, one space between Latin words).

A scanned PDF (pictures, no text) is refused with a message saying so.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter

from deckgen.errors import DeckgenError
from deckgen.records import record
from deckgen.speech import markers
from deckgen.speech.document import SpeechDocument
from deckgen.speech.sentences import tidy

#: Share of the page height, at the top and at the bottom, where headers and footers live.
FURNITURE_BAND = 0.1
_PAGE_NUMBER_RE = re.compile(
    r"^[-—–－·\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/／]\s*|\s*共\s*)?(?:\d{1,4}\s*页?)?[-—–－·\s]*$"
    r"|^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_LATIN_END = re.compile(r"[A-Za-z0-9]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9]")


@record
class _Line:
    """One line of text on a PDF page, with its position."""

    text: str
    page: int
    x0: float
    x1: float
    top: float  # distance from the page's top edge
    height: float
    page_height: float
    first_face: tuple[str, int] = ("", 0)  # (font name, size) of the first glyph
    last_face: tuple[str, int] = ("", 0)  # … and of the last
    faces: frozenset[tuple[str, int]] = frozenset()  # every face on the line
    space_after: bool = False  # the line ends in a drawn space (the source had one where it wraps)


def read_pdf(raw: bytes, *, name: str) -> SpeechDocument:
    """Return the speech in the PDF bytes ``raw``; ``name`` names the file in errors."""
    lines = _text_lines(raw, name)
    body = _without_furniture(lines)
    if not body:
        raise DeckgenError(
            f"{name}: the PDF holds no text (a scanned document?); deckgen reads text PDFs only — "
            "use the Word file, or a PDF exported from Word/WPS"
        )
    paragraphs = _paragraphs(body)
    return SpeechDocument("\n".join(paragraphs) + "\n", kind="pdf")


def _text_lines(raw: bytes, name: str) -> list[_Line]:
    """Every text line of every page, top to bottom, built from the characters.

    Lines are built here rather than taken from pdfminer's grouping because a line
    mixing fonts (a bold heading with quotation marks from another face) has glyph
    boxes of different heights, and pdfminer then splits it into pieces; so its
    layout analysis is not run at all (``laparams=None``: the characters as drawn).
    """
    from pdfminer.high_level import extract_pages

    found: list[_Line] = []
    # pdfminer logs its own warnings (a copy-protected file: "The PDF <_io.BytesIO
    # object at 0x…> … should not allow text extraction") where the user sees them;
    # the speech is read either way, and what a user must know deckgen says itself.
    pdfminer_log = logging.getLogger("pdfminer")
    level = pdfminer_log.level
    pdfminer_log.setLevel(logging.ERROR + 1)
    try:
        for page_no, page in enumerate(extract_pages(io.BytesIO(raw), laparams=None)):
            for row in _rows(_chars(page)):
                line = _line_of(sorted(row, key=lambda c: c.x0), page_no, page.height)
                if line:
                    found.append(line)
    except DeckgenError:
        raise
    except Exception as exc:  # pdfminer raises many kinds on damaged or encrypted files
        raise DeckgenError(
            f"{name}: is not a readable PDF ({type(exc).__name__}); if it is password-protected, "
            "save an unprotected copy, or use the Word file"
        ) from None
    finally:
        pdfminer_log.setLevel(level)
    return found


def _rows(chars) -> list[list]:
    """The characters grouped into rows, top to bottom: a character joins the row
    above when its vertical middle lies within that row's extent so far.

    The extent is kept as the row grows, so grouping is linear in the number of
    characters (recomputing it for each character made a 60,000-glyph line take
    minutes).
    """
    rows: list[list] = []
    bottom = top = 0.0  # the extent of the last row
    for char in sorted(chars, key=lambda c: -(c.y0 + c.y1) / 2):
        y0, y1 = char.y0, char.y1
        middle = (y0 + y1) / 2
        if rows and bottom <= middle <= top:
            rows[-1].append(char)
            bottom, top = min(bottom, y0), max(top, y1)
        else:
            rows.append([char])
            bottom, top = y0, y1
    return rows


def _chars(element):
    from pdfminer.layout import LTChar

    if isinstance(element, LTChar):
        if element.get_text().strip() or element.get_text() == " ":
            yield element  # spaces too: a space the source has is kept (see _line_of)
        return
    if hasattr(element, "__iter__"):
        for child in element:
            yield from _chars(child)


def _line_of(row: list, page_no: int, page_height: float) -> _Line | None:
    """One line from its characters (left to right).

    A space is kept where the PDF draws one (1 9 9 8 年, as the source spells it) and
    put between Latin words set apart by a gap; spaces between Chinese characters go
    (:func:`tidy`). The line's extent and faces are those of its visible glyphs.
    """
    text = ""
    previous = None
    visible = [char for char in row if char.get_text().strip()]
    if not visible:
        return None
    for char in row:
        glyph = char.get_text()
        if not glyph.strip():
            text += " " if text and not text.endswith(" ") else ""
            continue
        if previous is not None and char.x0 - previous.x1 > 0.25 * char.size:
            if _LATIN_END.search(text) and _LATIN_START.match(glyph):
                text += " "
        text += glyph
        previous = char
    text = tidy(text)
    if not text:
        return None
    top = page_height - max(c.y1 for c in visible)
    height = max(c.y1 for c in visible) - min(c.y0 for c in visible)
    faces = [_face(char) for char in visible if not _is_punctuation(char.get_text())] or [_face(char) for char in visible]
    space_after = not row[-1].get_text().strip()
    return _Line(text, page_no, visible[0].x0, visible[-1].x1, top, height, page_height, faces[0], faces[-1], frozenset(faces), space_after)


def _face(char) -> tuple[str, int]:
    """The glyph's face: font name without the subset prefix (ABCDEF+), and size."""
    name = str(getattr(char, "fontname", "")).split("+", 1)[-1]
    return name, round(float(getattr(char, "size", 0.0)))


def _is_punctuation(glyph: str) -> bool:
    # Quotation marks and brackets are often drawn from another face than the words.
    return bool(glyph) and not glyph.isalnum()


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.replace(" ", ""))


def _without_furniture(lines: list[_Line]) -> list[_Line]:
    """Drop running headers and footers and page numbers."""
    pages = len({line.page for line in lines}) or 1

    def in_band(line: _Line) -> bool:
        band = line.page_height * FURNITURE_BAND
        return line.top < band or line.top + line.height > line.page_height - band

    counts = Counter(_furniture_key(line.text) for line in lines if in_band(line))
    repeated = {key for key, count in counts.items() if pages >= 2 and count >= max(2, pages // 2)}
    return [
        line
        for line in lines
        if not (in_band(line) and (_furniture_key(line.text) in repeated or _PAGE_NUMBER_RE.match(line.text)))
    ]


def _paragraphs(lines: list[_Line]) -> list[str]:
    """Join the lines of each paragraph (see the module docstring for the rules)."""
    char = sorted(line.height for line in lines)[len(lines) // 2] or 10.0
    left = Counter(round(line.x0) for line in lines).most_common(1)[0][0]
    right = sorted(line.x1 for line in lines)[int(len(lines) * 0.9)]
    body_face = _body_face(lines)
    margin = sorted(line.x1 for line in lines)[int(len(lines) * 0.98)]  # where full lines end, in flush-left text too
    # Whether paragraphs open with a first-line indent: then a line at the margin
    # continues a paragraph even when it starts with 三是 of an inline list.
    indents = sum(left + 1.2 * char < line.x0 < left + 2.8 * char for line in lines) >= 0.05 * len(lines)
    paragraphs: list[str] = []
    previous: _Line | None = None
    for line in lines:
        if previous is None or _starts_paragraph(line, previous, char=char, left=left, right=right, margin=margin, body_face=body_face, indents=indents):
            paragraphs.append(line.text)
        else:
            latin_end, latin_start = _LATIN_END.search(paragraphs[-1]), _LATIN_START.match(line.text)
            # A space drawn at the wrap is kept next to a Latin word or a digit (1 9 9 7 / 年),
            # never between two Chinese characters; the paragraph is not re-tidied, so
            # joining stays linear in its length.
            spaced = previous is not None and previous.space_after and (latin_end or latin_start)
            joint = " " if latin_end and latin_start or spaced else ""
            paragraphs[-1] += joint + line.text
        previous = line
    return paragraphs


def _body_face(lines: list[_Line]) -> tuple[str, int]:
    """The face most of the text is set in: the body text's."""
    counts: Counter[tuple[str, int]] = Counter()
    for line in lines:
        for face in line.faces:
            counts[face] += len(line.text)
    return counts.most_common(1)[0][0] if counts else ("", 0)


def _starts_paragraph(
    line: _Line,
    previous: _Line,
    *,
    char: float,
    left: float,
    right: float,
    margin: float,
    body_face: tuple[str, int],
    indents: bool,
) -> bool:
    """Whether ``line`` starts a new paragraph rather than continuing ``previous``."""
    previous_short = previous.x1 < right - 1.5 * char
    previous_ends = previous.text[-1] in markers.SENTENCE_END
    display = body_face not in line.faces  # set in a heading face (bold, another font or size) only
    previous_display = body_face not in previous.faces
    face_changes = previous.last_face != line.first_face
    if (display or previous_display) and face_changes:
        # Into or out of a heading face; but a run-in heading (its first sentence in
        # bold) may fill its first line exactly, and the body then goes on at the margin.
        run_in = indents and previous_display and previous_ends and not previous_short and line.x0 < left + 0.8 * char
        if not run_in:
            return True
    if markers.is_structural(line.text) and (previous_short or previous_ends or not indents):
        # A heading set without indent after a paragraph. Where paragraphs are indented,
        # a line at the margin after a full line that ends mid-sentence is a wrapped
        # line even when it starts like 一、 (统 / 一、安全规范) or 三是 of an inline list.
        if previous_short or not indents or markers.part_heading(line.text) or markers.group_heading(line.text):
            return True
    if _continues_centred(line, previous, char=char, left=left, right=margin):
        return False  # a centred title wrapped by the page width
    return (
        line.x0 > left + 0.8 * char  # a first-line indent, or a centred line
        # the line before stopped short at a sentence end (a line may also stop
        # short because the next word did not fit: 2024 moved down whole)
        or previous_short and previous_ends
        or previous.x0 > left + 2.5 * char and previous.x1 < right - 0.5 * char  # after a centred line
        # after a heading; kinsoku may leave a paragraph's line up to two characters short
        or _is_heading(previous.text) and previous.x1 < right - 3 * char
        or (line.page == previous.page and line.top - previous.top > 2.2 * char)  # a wide gap
    )


def _continues_centred(line: _Line, previous: _Line, *, char: float, left: float, right: float) -> bool:
    """A centred line under a full-width line in the same face, which did not end a sentence.

    That is how a title too long for one line is set. A paragraph's indented first line
    is off centre by the indent, so it is not taken for one.
    """
    middle = (left + right) / 2
    centred = abs((line.x0 + line.x1) / 2 - middle) < 0.5 * char
    # Full: short of the measure by less than one of its own characters (a centred
    # line is short of both margins by half of what it lacks).
    full = previous.x1 - previous.x0 > right - left - 1.2 * max(char, previous.height)
    return centred and full and previous.last_face == line.first_face and previous.text[-1] not in markers.SENTENCE_END


def _is_heading(text: str) -> bool:
    return bool(markers.part_heading(text) or markers.group_heading(text) or markers.is_salutation(text))
