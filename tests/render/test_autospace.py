"""No space between full-width punctuation and Latin text or digits in LibreOffice's
render (review item 7: “ 快递进村”, 检查， 2024, X% ， read as typos), while Chinese
and Latin text still meet with LibreOffice's quarter-em space, as measured."""

from __future__ import annotations

import textwrap

import pdfplumber
from click.testing import CliRunner

from deckgen.cli import cli
from deckgen.layout.measure import FULL_WIDTH_PUNCTUATION
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
