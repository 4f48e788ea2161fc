"""Speeches set as an office sets them, made by code: a .docx, and its PDF by LibreOffice.

The layout follows the common government-document conventions (GB/T 9704 as offices
apply it): A4 with wide margins, title lines centred in a large bold face (a long
title wraps), the date and speaker centred, body text justified in a serif face with
a two-character first-line indent (so lines wrap mid-word), and the structure set by
direct formatting, no heading styles: 一、 headings in a bold sans face with no
indent, stand-alone （一） headings bold with no indent, and the first sentence of a
paragraph opening with （一） or 一是 (a run-in heading) in bold. A running header and a page
number in the footer, as in the files offices send.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"
BODY_SIZE = 16  # 三号
TITLE_SIZE = 28  # large enough that a speech title wraps inside the margins

_PART_RE = re.compile(r"^[一二三四五六七八九十]+、")
_GROUP_RE = re.compile(r"^（[一二三四五六七八九十]+）")
_SALUTATION_RE = re.compile(r"^(?:同志们|各位代表)[：:]$")
_RUN_IN_RE = re.compile(r"^(?:（[一二三四五六七八九十]+）|[一二三四五六七八九十]+是)[^。！？]{2,60}[。！？]")
_DATE_RE = re.compile(r"^[（(]\d{4}年\d{1,2}月\d{1,2}日[）)]$")


def speech_lines(text: str) -> list[str]:
    """The non-empty lines of a speech text, stripped."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def _font(run, face: str, size: float, *, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = face
    fonts = run._element.get_or_add_rPr().find(qn("w:rFonts"))
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attribute), face)


def _paragraph(
    document, text: str, *, face: str, size: float, bold: bool = False, indent: bool = False, centred: bool = False, ragged: bool = False
):
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT if ragged else WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Pt(2 * size) if indent else Pt(0)
    paragraph.paragraph_format.space_after = Pt(0)
    lead = _RUN_IN_RE.match(text) if indent and not bold else None
    if lead:  # a run-in heading: its first sentence in bold, the rest as body
        _font(paragraph.add_run(lead.group(0)), face, size, bold=True)
        text = text[lead.end() :]
    _font(paragraph.add_run(text), face, size, bold=bold)
    return paragraph


def _furniture(document, header: str) -> None:
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.header.paragraphs[0].text = header
    section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("- ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    number = OxmlElement("w:t")
    number.text = "1"
    run.append(number)
    field.append(run)
    footer._p.append(field)
    footer.add_run(" -")


def _heading_list(document) -> str:
    """Add a Word list numbering 一、 / （一） (Chinese counting) and return its numId."""
    numbering = document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "90")
    for level, text in enumerate(("%1、", "（%2）")):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(level))
        for tag, value in (("w:start", "1"), ("w:numFmt", "chineseCounting"), ("w:lvlText", text)):
            element = OxmlElement(tag)
            element.set(qn("w:val"), value)
            lvl.append(element)
        abstract.append(lvl)
    numbering.insert(0, abstract)  # abstract numbering definitions come before w:num
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "90")
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), "90")
    num.append(ref)
    numbering.append(num)
    return "90"


def _numbered(paragraph, num_id: str, level: int) -> None:
    num_pr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", str(level)), ("w:numId", num_id)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        num_pr.append(element)
    paragraph._p.get_or_add_pPr().append(num_pr)


def office_docx(
    lines: list[str], target: Path, *, header: str = "", title_break: int = 0, ragged: bool = False, numerals: str = "typed"
) -> Path:
    """Write ``lines`` (one paragraph each) to ``target`` as an office sets a speech.

    The lines before the salutation (同志们：/各位代表：) are the cover: the date line
    and a short byline in body size, the others in the title face. ``title_break``
    sets the first line on two paragraphs, broken after that many characters (Enter
    pressed inside a long title). ``ragged`` sets the body flush left instead of
    justified: lines then stop short of the margin wherever a word or a
    punctuation mark did not fit. ``numerals``: "typed" keeps 一、 and （一） in the
    heading text; "list" leaves them out and has Word's list numbering show them;
    "none" leaves them out altogether (the headings are known by their look only).
    """
    if title_break:
        lines = [lines[0][:title_break], lines[0][title_break:], *lines[1:]]
    document = docx.Document()
    _furniture(document, header)
    num_id = _heading_list(document) if numerals == "list" else ""
    untyped = numerals != "typed"
    opening = next((n for n, line in enumerate(lines) if _SALUTATION_RE.match(line)), 1)
    for number, line in enumerate(lines):
        if number < opening:
            byline = _DATE_RE.match(line) or len(line) <= 12
            size = BODY_SIZE if byline else TITLE_SIZE
            _paragraph(document, line, face=SERIF if byline else SANS, size=size, bold=not byline, centred=True)
        elif _PART_RE.match(line):
            heading = _paragraph(document, _PART_RE.sub("", line) if untyped else line, face=SANS, size=BODY_SIZE, bold=True, ragged=ragged)
            if num_id:
                _numbered(heading, num_id, 0)
        elif _GROUP_RE.match(line) and len(line) <= 40:
            heading = _paragraph(document, _GROUP_RE.sub("", line) if untyped else line, face=SERIF, size=BODY_SIZE, bold=True, ragged=ragged)
            if num_id:
                _numbered(heading, num_id, 1)
        else:
            _paragraph(document, line, face=SERIF, size=BODY_SIZE, indent=not _SALUTATION_RE.match(line), ragged=ragged)
    document.save(target)
    return target
