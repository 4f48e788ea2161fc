"""Speeches as offices send them: a .docx set by direct formatting, and its PDF.

The seed speech and four real reports (../shared/corpus) are set the way offices
set them (see officedocs.py: headings by bold face and no indent, body indented and
justified so lines wrap mid-word, a title long enough to wrap; one report also flush
left) and exported by LibreOffice. The outline read from the PDF and from the .docx
must have the title, parts, groups and items of the outline read from the text, and
the PDF's paragraphs must be the text's. One LibreOffice run makes all the PDFs.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import docx
import pytest
import yaml

from deckgen.outlines import derive
from deckgen.speech.documents import read_document

from rendercheck import soffice_or_skip
from shared_material import shared

from .helpers import SEED, slides_of
from .officedocs import office_docx, speech_lines

SHARED_CORPUS = shared("corpus")
DOCUMENTS = {
    "seed": None,  # the seed file's first (main) speech
    "shanghai": "shanghai-gov-report-2026.txt",
    "zhejiang": "zhejiang-gov-report-2026.txt",
    "cpc": "cpc-20th-congress-report-2022.txt",
    "gov1998": "gov-report-1998.txt",  # digits spaced as in the source (1 9 9 8 年); 第一， heading lines
}


def _source_text(key: str) -> str | None:
    if key == "seed":
        return re.split(r"^第[一二三四五六七八九十]+篇", SEED.read_text(encoding="utf-8"), flags=re.M)[0]
    path = SHARED_CORPUS / DOCUMENTS[key]
    return path.read_text(encoding="utf-8") if path.exists() else None


@pytest.fixture(scope="module")
def office_files(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """For each document: its text, its .docx and its PDF (one LibreOffice run for all)."""
    from deckgen.office import convert_to_pdf

    soffice_or_skip()
    folder = tmp_path_factory.mktemp("office")
    files: dict[str, dict[str, Path]] = {}
    for key in DOCUMENTS:
        text = _source_text(key)
        if text is None:
            continue
        lines = speech_lines(text)
        (folder / f"{key}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        office_docx(lines, folder / f"{key}.docx", header="某某单位文件")
        files[key] = {"txt": folder / f"{key}.txt", "docx": folder / f"{key}.docx", "pdf": folder / f"{key}.pdf"}
    # The Shanghai report set flush left: lines stop short wherever a word did not fit,
    # and a bold run-in heading may fill its first line exactly.
    if "shanghai" in files:
        office_docx(speech_lines(files["shanghai"]["txt"].read_text(encoding="utf-8")), folder / "shanghai-flush-left.docx", ragged=True)
        files["shanghai-flush-left"] = {"txt": files["shanghai"]["txt"], "docx": folder / "shanghai-flush-left.docx", "pdf": folder / "shanghai-flush-left.pdf"}
    # The seed's title broken by hand over two paragraphs, as Word and as PDF.
    office_docx(speech_lines(_source_text("seed") or ""), folder / "broken-title.docx", header="某某单位文件", title_break=10)
    files["broken-title"] = {"docx": folder / "broken-title.docx", "pdf": folder / "broken-title.pdf"}
    convert_to_pdf([entry["docx"] for entry in files.values()], folder)
    return files


@functools.cache
def _text(path: Path) -> str:
    """The speech read from ``path`` (read once: pdfminer takes seconds on a long report)."""
    return read_document(path).text


@functools.cache
def _structure(path: Path) -> dict:
    data = yaml.safe_load(next(iter(derive(path).texts.values())))
    slides = slides_of(data)
    return {
        "title": data["title"],
        "parts": [part["title"] for part in data["parts"]],
        "groups": [slide.get("title") for slide in slides],
        "items": [item["headline"] if isinstance(item, dict) else item for slide in slides for item in slide.get("items", [])],
        "areas": [area.get("title") if isinstance(area, dict) else area for slide in slides for area in slide.get("areas", [])],
    }


def _files(office_files, key):
    if key not in office_files:
        pytest.skip(f"corpus document not found: {DOCUMENTS.get(key.split('-')[0])}")
    return office_files[key]


@pytest.mark.parametrize("key", ["seed", "shanghai", "zhejiang"])
@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_outline_from_pdf_and_word_is_the_outline_from_text(office_files, key, kind):
    files = _files(office_files, key)
    assert _structure(files[kind]) == _structure(files["txt"])


@pytest.mark.parametrize("key", ["seed", "shanghai", "zhejiang", "cpc", "shanghai-flush-left", "gov1998"])
def test_pdf_paragraphs_are_the_paragraphs_of_the_text(office_files, key):
    """Wrapped lines are joined, headings set without indent stand alone, no word is cut.

    Spaces are left out of the comparison: a PDF draws a space as a gap, and a gap
    between two Chinese characters (龚 正) is not told from letter spacing. A figure's
    full-width point and per cent (8．8％) are read as 8.8%, from any format.
    """
    files = _files(office_files, key)

    def compared(line: str) -> str:
        return line.replace(" ", "").replace("．", ".").replace("％", "%")

    expected = [compared(line) for line in speech_lines(files["txt"].read_text(encoding="utf-8"))]
    read = [compared(line) for line in speech_lines(_text(files["pdf"]))]
    assert read == expected


def test_seed_pdf_keeps_its_three_parts_and_its_whole_title(office_files):
    text = _text(_files(office_files, "seed")["pdf"])
    lines = text.split("\n")
    assert lines[0] == "在2024年全市邮政工作会议上的讲话"  # the title wraps after 讲 at 28 pt
    assert [line[:2] for line in lines if re.match("^[一二三]、", line)] == ["一、", "二、", "三、"]
    assert "（六）坚持抓班子、正风气、强管理，积极营造干事创业好环境" in lines  # after a line ending mid-sentence


def test_inline_lists_and_words_are_not_split_at_line_ends(office_files):
    """A wrapped line starting with 三是 or 一、 (统 / 一) continues its paragraph."""
    shanghai = _text(_files(office_files, "shanghai")["pdf"]).split("\n")
    assert not any(line.startswith("三是改革开放深入推进") for line in shanghai)
    if "cpc" in office_files:
        cpc = _text(office_files["cpc"]["pdf"])
        assert "公平统一、安全规范、可持续的多层次社会保障体系" in cpc


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_title_broken_over_two_paragraphs_is_one_title(office_files, kind):
    files = office_files["broken-title"]
    assert _text(files["docx"]).startswith("在2024年全市邮政工作会议上的讲话\n同志们：")
    assert _structure(files[kind]) == _structure(office_files["seed"]["txt"])


@pytest.mark.parametrize("numerals", ["list", "none"])
@pytest.mark.parametrize("key", ["seed", "shanghai"])
def test_word_headings_without_typed_numerals_are_parts_and_groups(tmp_path, key, numerals):
    """一、 and （一） shown by Word's list numbering, or not at all (headings known by
    their bold 黑体 look, no heading style): the outline is the text's."""
    text = _source_text(key)
    if text is None:
        pytest.skip(f"corpus document not found: {DOCUMENTS[key]}")
    lines = speech_lines(text)
    (tmp_path / "speech.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    document = office_docx(lines, tmp_path / "speech.docx", numerals=numerals)
    typed = [p.text for p in docx.Document(str(document)).paragraphs]
    assert not any(re.match("^[一二三]、", line) for line in typed)  # the numerals are not in the text
    assert _structure(document) == _structure(tmp_path / "speech.txt")
