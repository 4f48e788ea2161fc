"""No space between full-width punctuation and Latin text or digits in the PDF that
``--pdf`` makes (review item 7: “ 快递进村”, 检查， 2024, X% ， read as typos), while
Chinese and Latin text still meet with LibreOffice's quarter-em space, as measured;
the deck itself keeps exactly the outline's text."""

from __future__ import annotations

import textwrap
import zipfile

import pdfplumber
from click.testing import CliRunner

from deckgen.cli import cli
from deckgen.render.lospace import FULL_WIDTH_PUNCTUATION, JOINER, spaced_slide_xml
from rendercheck import soffice_or_skip

LINES = [
    "“快递进村”工作深入推进",
    "开展专项执法检查，2024年共立案X起",
    "成立“X+X”专项工作领导小组",
    "使用率达X%，X%以上电商快件",
    "签署《X市邮政快递》协议（2024年）",
]


def test_libreoffice_sets_no_space_beside_full_width_punctuation(tmp_path):
    soffice_or_skip()
    outline = tmp_path / "deck.yaml"
    bullets = "".join(f"\n              - {line}" for line in LINES)
    outline.write_text(textwrap.dedent("""\
        title: 间距
        parts:
          - title: 一
            slides:
              - kind: bullets
                title: 标点与数字
                bullets:""") + bullets + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(outline), "-o", str(tmp_path / "deck.pptx"), "--pdf"])
    assert result.exit_code == 0, result.output
    with pdfplumber.open(tmp_path / "deck.pdf") as pdf:
        chars = [c for c in pdf.pages[1].chars if c["size"] > 15 and c["text"].strip() and c["text"] != "\u2060"]
    rows: dict[int, list] = {}
    for c in chars:
        rows.setdefault(round(c["top"]), []).append(c)
    beside_marks, plain = [], []
    for row in rows.values():
        row.sort(key=lambda c: c["x0"])
        for a, b in zip(row, row[1:]):
            gap = b["x0"] - a["x1"]
            if a["text"] in FULL_WIDTH_PUNCTUATION or b["text"] in FULL_WIDTH_PUNCTUATION:
                beside_marks.append((a["text"] + b["text"], round(gap, 1)))
            elif a["text"].isascii() != b["text"].isascii():
                plain.append((a["text"] + b["text"], round(gap, 1)))
    assert len(beside_marks) >= 15
    assert [pair for pair in beside_marks if pair[1] > 0.5] == []
    # Elsewhere Chinese and Latin still meet with LibreOffice's space, which layout counts.
    assert plain and all(gap > 3 for _, gap in plain), plain
    with zipfile.ZipFile(tmp_path / "deck.pptx") as deck:
        assert not any(JOINER in deck.read(name).decode("utf-8") for name in deck.namelist() if name.endswith(".xml"))


def test_the_copy_splits_runs_only_beside_full_width_marks():
    xml = (
        '<p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:txBody>'
        '<a:p><a:r><a:rPr sz="2400" b="1"/><a:t>检查，2024年</a:t></a:r><a:br/><a:r><a:rPr sz="2400"/><a:t>共X起</a:t></a:r></a:p>'
        '<a:p><a:r><a:rPr sz="2000"/><a:t>“快递进村”</a:t></a:r></a:p>'
        "</p:txBody></p:sld>"
    ).encode()
    spaced = spaced_slide_xml(xml).decode("utf-8")
    texts = spaced.split("<a:t>")[1:]
    assert [t.split("</a:t>")[0] for t in texts] == ["检查，", JOINER, "2024年", "共X起", "“", JOINER, "快递进村”"]
    assert spaced.count('sz="100"') == 2 and spaced.count('b="1"') == 3  # joiners carry the run's look at 1 pt
