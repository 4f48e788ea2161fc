"""Make the Word, PDF and .doc speech fixtures under tests/data/corpus/ from their .txt.

Run: python tools/make_speech_fixtures.py (needs python-docx, and LibreOffice for the
PDF and .doc). The files are committed; this script documents how they were made.

* ``seed-main.docx`` — the seed file's main speech as an office would keep it: Title
  style, 一、 headings in 标题 1 (Heading 1) and （一） in 标题 2, body paragraphs with
  the customary two-character first-line indent, a running header and a page-number
  footer (``- 3 -``).
* ``seed-main.pdf`` — that .docx exported by LibreOffice: the same speech as a PDF,
  with headers, footers and lines broken by the page width.
* ``gov-work-report.docx`` — the corpus government work report with Word-numbered
  headings: the heading text has no 一、/（一）, only the heading style, so the
  structure is in the styles alone; plus a Word table of the main indicators.
* ``gov-work-report.doc`` — that .docx saved by LibreOffice as Word 97 (.doc), for the
  LibreOffice reading path.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "seed-speeches.txt"
CORPUS = ROOT / "tests" / "data" / "corpus"

PART_RE = re.compile(r"^[一二三四五六七八九十]+、")
GROUP_RE = re.compile(r"^（[一二三四五六七八九十]+）")

INDICATORS = [
    ["指标", "2024年", "单位", "比上年增长"],
    ["地区生产总值", "3012.6", "亿元", "5.8%"],
    ["一般公共预算收入", "218.6", "亿元", "4.2%"],
    ["社会消费品零售总额", "1186.4", "亿元", "6.1%"],
    ["外贸进出口总额", "653.2", "亿元", "9.7%"],
]


def main_seed_speech() -> list[str]:
    """The seed file's first speech: everything before the 第二篇 header."""
    text = SEED.read_text(encoding="utf-8")
    first = re.split(r"^第[一二三四五六七八九十]+篇", text, flags=re.M)[0]
    return [line.strip() for line in first.split("\n") if line.strip()]


def new_document(header: str) -> docx.document.Document:
    document = docx.Document()
    for style_name, size in (("Normal", 16), ("Heading 1", 16), ("Heading 2", 16), ("Title", 22)):  # one face: a small PDF
        style = document.styles[style_name]
        style.font.size = Pt(size)
        style.font.name = "Noto Serif CJK SC"
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.append(fonts)
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia"):
            fonts.set(qn(attribute), "Noto Serif CJK SC")
        for theme_attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(theme_attribute), None)
    section = document.sections[0]
    section.header.paragraphs[0].text = header
    section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("- ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)
    footer.add_run(" -")
    return document


def add_body(document, text: str) -> None:
    paragraph = document.add_paragraph(text)
    paragraph.paragraph_format.first_line_indent = Pt(32)  # two characters at 16 pt


def make_seed_docx(target: Path) -> None:
    lines = main_seed_speech()
    document = new_document("X市邮政管理局文件")
    document.add_paragraph(lines[0], style="Title")
    for line in lines[1:]:
        if PART_RE.match(line):
            document.add_paragraph(line, style="Heading 1")
        elif GROUP_RE.match(line):
            document.add_paragraph(line, style="Heading 2")
        else:
            add_body(document, line)
    document.core_properties.author = "deckgen tests"
    document.save(target)


def make_report_docx(target: Path) -> None:
    lines = [line.strip() for line in (CORPUS / "gov-work-report.txt").read_text(encoding="utf-8").split("\n") if line.strip()]
    document = new_document("临江市人民政府")
    document.add_paragraph(lines[0], style="Title")
    for line in lines[1:]:
        if PART_RE.match(line):
            document.add_paragraph(PART_RE.sub("", line), style="Heading 1")  # Word numbers it
        elif GROUP_RE.match(line):
            document.add_paragraph(GROUP_RE.sub("", line), style="Heading 2")
        else:
            add_body(document, line)
            if line.startswith("一年来，我们主要做了以下工作"):
                document.add_paragraph("表1 2024年主要经济指标")
                table = document.add_table(rows=len(INDICATORS), cols=4)
                for row, values in zip(table.rows, INDICATORS):
                    for cell, value in zip(row.cells, values):
                        cell.text = value
    document.save(target)


def soffice_convert(source: Path, fmt: str, outdir: Path) -> None:
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if not program:
        raise SystemExit("LibreOffice (soffice) is needed for the PDF and .doc fixtures")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [program, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to", fmt, "--outdir", str(outdir), str(source)],
            check=True,
            capture_output=True,
        )


def main() -> None:
    make_seed_docx(CORPUS / "seed-main.docx")
    make_report_docx(CORPUS / "gov-work-report.docx")
    soffice_convert(CORPUS / "seed-main.docx", "pdf", CORPUS)
    soffice_convert(CORPUS / "gov-work-report.docx", "doc", CORPUS)
    for name in ("seed-main.docx", "seed-main.pdf", "gov-work-report.docx", "gov-work-report.doc"):
        print(f"{CORPUS / name}: {(CORPUS / name).stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
