"""Figures in a table column line up at their decimal points, whatever their number of
decimals: a decimal tab stop, checked in LibreOffice's render by glyph positions."""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

import pdfplumber
from click.testing import CliRunner
from pptx import Presentation

from deckgen.cli import cli
from deckgen.layout.elements import Table
from deckgen.kinds.metrics import TableColumn, decimal_aligned, decimal_split
from deckgen.layout.plan import plan_deck
from deckgen.typeset.typesetter import Typesetter
from deckgen.outline.loader import load_outline
from deckgen.theme.loader import load_theme
from rendercheck import check_deck, soffice_or_skip

OUTLINE = """\
    title: 小数对齐
    parts:
      - title: 一
        slides:
          - kind: metrics
            title: 主要指标
            style: table
            metrics:
              - {indicator: 邮政业务总量, value: "3.5", unit: 亿元, change: 增长X%}
              - {indicator: 快递业务量, value: "12.25", unit: 亿件, change: 增长5%}
              - {indicator: 邮政业务收入, value: "100", unit: 亿元, change: 增长3%}
              - {indicator: 快递业务收入, value: X, unit: 亿元, change: 下降1%}
              - {indicator: 网点数, value: "1,234.5", unit: 个, change: 持平}
          - kind: metrics
            title: 同样位数
            style: table
            metrics:
              - {indicator: 邮政业务总量, value: "3.5", unit: 亿元}
              - {indicator: 快递业务量, value: "12.2", unit: 亿件}
    """
FIGURES = ["3.5", "12.25", "100", "X", "1,234.5"]


def _outline(tmp_path: Path) -> Path:
    path = tmp_path / "deck.yaml"
    path.write_text(textwrap.dedent(OUTLINE), encoding="utf-8")
    return path


def test_a_figure_is_cut_before_its_decimal_point():
    assert decimal_split("12.25") == ("12", ".25")
    assert decimal_split("约3.5万") == ("约3", ".5万")
    assert decimal_split("100") == ("100", "")
    assert decimal_split("X.X%") == ("X", ".X%")
    assert decimal_split("v1.") == ("v1.", "")  # a full stop is no decimal point


def test_only_columns_whose_decimals_differ_use_the_decimal_stop():
    assert decimal_aligned(TableColumn("数值", ["3.5", "12.25", ""], "right", "figure"))
    assert decimal_aligned(TableColumn("数值", ["3.5", "100"], "right", "figure"))
    assert not decimal_aligned(TableColumn("数值", ["3.5", "12.2", "X.X"], "right", "figure"))  # right alignment lines them up
    assert not decimal_aligned(TableColumn("同比", ["3.5", "12.25"], "left", "change"))


def test_the_plan_puts_unequal_decimals_on_one_stop_inside_the_cell(tmp_path):
    theme = load_theme("postal-green-noto")
    plan = plan_deck(load_outline(_outline(tmp_path)).deck, theme, Typesetter(theme))
    tables = {s.title: next(e for e in s.elements if isinstance(e, Table)) for s in plan.slides if s.kind == "metrics"}
    table = tables["主要指标"]
    stops = {row[1].paras[0].decimal_tab_pt for row in table.rows[1:]}
    assert len(stops) == 1 and None not in stops
    inner = table.col_widths[1] - table.insets.left - table.insets.right
    assert 0 < stops.pop() < inner
    assert all(row[1].paras[0].decimal_tab_pt is None for row in tables["同样位数"].rows)


def test_libreoffice_lines_the_decimal_points_up(tmp_path):
    soffice = soffice_or_skip()
    deck = tmp_path / "deck.pptx"
    result = CliRunner().invoke(cli, ["build", str(_outline(tmp_path)), "-o", str(deck), "--theme", "postal-green-noto"])
    assert result.exit_code == 0, result.output
    # The figure cells read as the figures (a tab before them, nothing else).
    cells = [c.text for sh in Presentation(str(deck)).slides[1].shapes if sh.has_table for r in sh.table.rows for c in r.cells]
    assert [c for c in cells if c.strip() in FIGURES] == ["\t" + f for f in FIGURES]
    profile = tmp_path / "profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)],
        check=True, capture_output=True, timeout=180,
    )
    pdf_path = tmp_path / "deck.pdf"
    report = check_deck(deck, pdf_path)
    assert report.ok and not report.findings, report.findings
    with pdfplumber.open(pdf_path) as pdf:
        chars = [c for c in pdf.pages[1].chars if c["text"] in "0123456789.,X"]
    lines: dict[int, list] = {}
    for char in chars:
        lines.setdefault(round(char["top"]), []).append(char)
    figures = []
    for top in sorted(lines):
        row = sorted(lines[top], key=lambda c: c["x0"])
        # The figure column's characters: the first cluster (the change column's
        # figures come later on the line).
        end = next((k for k in range(1, len(row)) if row[k]["x0"] - row[k - 1]["x1"] > 3), len(row))
        row = row[:end]
        text = "".join(c["text"] for c in row)
        if text in FIGURES:
            whole, fraction = decimal_split(text)
            # Where the decimal point is, or would be: the end of the whole part.
            figures.append((text, row[len(whole) - 1]["x1"]))
    assert [t for t, _ in figures] == FIGURES
    points = [x for _, x in figures]
    assert max(points) - min(points) < 0.5, figures


def test_a_column_of_one_figure_is_plain_right_aligned(tmp_path):
    path = tmp_path / "one.yaml"
    path.write_text(
        "title: 一\nparts:\n  - title: 一\n    slides:\n      - kind: metrics\n        style: table\n        title: 表\n"
        "        metrics:\n          - {indicator: 甲, value: '3.5', unit: 亿元}\n",
        encoding="utf-8",
    )
    theme = load_theme("postal-green-noto")
    plan = plan_deck(load_outline(path).deck, theme, Typesetter(theme))
    table = next(e for s in plan.slides for e in s.elements if isinstance(e, Table))
    assert table.rows[1][1].paras[0].decimal_tab_pt is None and table.rows[1][1].paras[0].align == "right"
