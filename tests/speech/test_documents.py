"""Reading speeches from the files offices keep: Word, WPS/.doc, PDF, Markdown, stdin.

The same speech as .txt, .docx and .pdf gives the same outline (issue 10). The binary
fixtures are made by tools/make_speech_fixtures.py.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner

from deckgen.cli import cli
from deckgen.errors import DeckgenError
from deckgen.outlines import derive
from deckgen.speech.documents import document_from_bytes, read_document

from rendercheck import soffice_or_skip

from .helpers import SEED, slides_of

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def data_of(path) -> dict:
    derived = derive(path)
    return yaml.safe_load(next(iter(derived.texts.values())))


@pytest.fixture(scope="module")
def seed_main() -> dict:
    derived = derive(SEED)
    return yaml.safe_load(next(iter(derived.texts.values())))


def test_docx_of_the_main_seed_speech_gives_the_same_outline(seed_main):
    assert data_of(CORPUS / "seed-main.docx") == seed_main


def test_pdf_of_the_main_seed_speech_gives_the_same_outline(seed_main):
    assert data_of(CORPUS / "seed-main.pdf") == seed_main


def test_pdf_loses_headers_footers_and_page_numbers():
    text = read_document(CORPUS / "seed-main.pdf").text
    assert "X市邮政管理局文件" not in text  # the running header
    assert not any(line.strip("- ").isdigit() for line in text.split("\n"))
    # Lines broken by the page width are joined again: each paragraph is one line.
    assert "面对新冠肺炎疫情的严重冲击" in text
    assert "在2024年全市邮政工作会议上的讲话\n同志们：\n" in text


def test_word_headings_without_their_numerals_are_parts_and_groups():
    """Word numbers 一、 and （一） itself: the text has no numeral, only the style."""
    raw = (CORPUS / "gov-work-report.docx").read_bytes()
    texts = [p.text for p in docx.Document(io.BytesIO(raw)).paragraphs]
    assert "2024年工作回顾" in texts and "一、2024年工作回顾" not in texts
    data = data_of(CORPUS / "gov-work-report.docx")
    assert [p["title"] for p in data["parts"]][:3] == ["2024年工作回顾", "2025年经济社会发展总体要求和主要目标", "2025年重点工作"]
    grid = [s for s in slides_of(data) if s["kind"] == "focus-areas"][0]
    assert len(grid["areas"]) == 4


def test_word_table_becomes_a_metrics_slide_where_it_stood():
    data = data_of(CORPUS / "gov-work-report.docx")
    review = data["parts"][0]["slides"]
    table = [s for s in review if s.get("title") == "2024年主要经济指标"]
    assert len(table) == 1
    assert table[0]["metrics"][0] == {"indicator": "地区生产总值", "value": "3012.6", "unit": "亿元", "change": "比上年增长5.8%"}
    assert table[0]["headers"] == ["指标", "2024年", "单位", "比上年增长"]
    # The caption names the table; it is neither a slide of its own nor speech.
    assert not any("表1" in str(s.get("text", "")) or "以下工作" in str(s.get("text", "")) for s in slides_of(data))


def test_doc_is_read_through_libreoffice():
    soffice_or_skip()  # CI requires it (DECKGEN_REQUIRE_LIBREOFFICE=1)
    assert data_of(CORPUS / "gov-work-report.doc") == data_of(CORPUS / "gov-work-report.docx")


def test_doc_without_libreoffice_says_what_to_install(monkeypatch):
    import deckgen.office

    monkeypatch.setenv("PATH", "")
    monkeypatch.setattr(deckgen.office, "EXTRA_SOFFICE_PATHS", ())
    with pytest.raises(DeckgenError) as caught:
        read_document(CORPUS / "gov-work-report.doc")
    message = caught.value.message
    assert message.startswith(str(CORPUS / "gov-work-report.doc"))
    assert "libreoffice-writer" in message and ".docx" in message


def test_markdown_heading_marks_are_dropped(tmp_path):
    source = tmp_path / "talk.md"
    source.write_text("# 在全市工作会议上的讲话\n\n同志们：\n\n## 一、**总结成绩**\n\n一是成绩很大。今年完成任务。\n\n二是经验丰富。我们总结了经验。\n", encoding="utf-8")
    data = data_of(source)
    assert data["title"] == "在全市工作会议上的讲话"
    assert data["parts"][0]["title"] == "总结成绩"


def test_format_is_recognised_by_content_not_name(tmp_path):
    renamed = tmp_path / "speech.txt"
    renamed.write_bytes((CORPUS / "seed-main.docx").read_bytes())
    assert read_document(renamed).kind == "docx"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"%PDF-1.4\n garbage", "not a readable PDF"),
        (b"PK\x03\x04 not really a zip", "Word"),
        (b"   \n", "empty"),
    ],
)
def test_damaged_files_get_a_clear_message(raw, message):
    with pytest.raises(DeckgenError) as caught:
        document_from_bytes(raw, name="bad", suffix=".docx" if raw.startswith(b"PK") else "")
    assert message in caught.value.message
    assert caught.value.message.startswith("bad: ")


def test_scanned_pdf_is_refused_with_what_to_do(tmp_path):
    from PIL import Image

    pdf = tmp_path / "scan.pdf"
    Image.new("RGB", (200, 280), "white").save(pdf)
    with pytest.raises(DeckgenError) as caught:
        read_document(pdf)
    assert "no text" in caught.value.message and "Word" in caught.value.message


def test_empty_docx_is_refused(tmp_path):
    path = tmp_path / "empty.docx"
    docx.Document().save(path)
    with pytest.raises(DeckgenError, match="holds no text"):
        read_document(path)


def test_cli_reads_word_and_standard_input(tmp_path):
    runner = CliRunner()
    from_docx = runner.invoke(cli, ["outline", str(CORPUS / "seed-main.docx")])
    assert from_docx.exit_code == 0, from_docx.output
    from_stdin = runner.invoke(cli, ["outline", "-"], input=(CORPUS / "seed-main.docx").read_bytes())
    assert from_stdin.exit_code == 0, from_stdin.output
    strip = lambda text: "\n".join(line for line in text.split("\n") if not line.startswith("#"))  # noqa: E731
    assert strip(from_stdin.stdout) == strip(from_docx.stdout)
    text = runner.invoke(cli, ["outline", "-", "-o", str(tmp_path / "t.yaml")], input=(CORPUS / "party-building.txt").read_bytes())
    assert text.exit_code == 0, text.output
    assert yaml.safe_load((tmp_path / "t.yaml").read_text(encoding="utf-8"))["title"] == "在全市2025年党建工作会议上的讲话"


def test_cli_damaged_word_file_exit_1_no_traceback(tmp_path):
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("word/document.xml", "<not-xml")
    result = CliRunner().invoke(cli, ["outline", str(bad), "-o", str(tmp_path / "out.yaml")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output and str(bad) in result.output
    assert not (tmp_path / "out.yaml").exists()
