"""Every placeholder form is found, counted exactly, highlighted and filled."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from pptx import Presentation

from deckgen.cli import cli

OUTLINE = """\
title: 在XX市邮政工作会议上的讲话
presenter: ××同志
parts:
  - title: 一
    slides:
      - kind: bullets
        title: 疫情期间
        bullets:
          - 2024年X-X月份严峻期间发放口罩X万只
          - 第xx季度寄递量ＸＸ件，X~X天送达
          - X-ray安检机3×4台
"""


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "deck.yaml"
    path.write_text(OUTLINE, encoding="utf-8")
    return path


def test_check_counts_every_placeholder_form_exactly(tmp_path):
    result = CliRunner().invoke(cli, ["check", str(_write(tmp_path))])
    out = result.output
    assert "deck.yaml:1:8: warning: slide 1: the deck's title holds an X placeholder" in out
    assert "deck.yaml:2:12: warning: slide 1: the deck's presenter holds an X placeholder" in out
    assert "deck.yaml:9:13: warning: slide 2: slide “疫情期间”: bullet holds 3 X placeholders" in out  # X-X is two
    assert "deck.yaml:10:13: warning: slide 2: slide “疫情期间”: bullet holds 4 X placeholders" in out
    assert "deck.yaml:11:" not in out  # X-ray and 3×4 are no placeholders


def test_strict_refuses_while_the_first_x_of_a_range_is_left(tmp_path):
    path = _write(tmp_path)
    figures = tmp_path / "figures.yaml"
    # Fill all but the first X of X-X: --strict must still refuse.
    figures.write_text(
        "replace:\n  XX市: 示例市\n  ××同志: 张三同志\n  -X月份: -3月份\n  口罩X万只: 口罩12万只\n"
        "  第xx季度寄递量ＸＸ件: 第一季度寄递量300件\n  X~X天: 1~2天\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["build", str(path), "--strict", "--values", str(figures), "-o", str(tmp_path / "a.pptx")])
    assert result.exit_code == 1, result.output
    assert "bullet holds an X placeholder: “2024年X-3月份" in result.output
    figures.write_text(figures.read_text(encoding="utf-8").replace("-X月份: -3月份", "X-X月份: 1-3月份"), encoding="utf-8")
    out = tmp_path / "b.pptx"
    result = CliRunner().invoke(cli, ["build", str(path), "--strict", "--values", str(figures), "-o", str(out)])
    assert result.exit_code == 0, result.output
    texts = [sh.text_frame.text for s in Presentation(str(out)).slides for sh in s.shapes if sh.has_text_frame]
    assert any("2024年1-3月份严峻期间发放口罩12万只" in t for t in texts)


def test_every_form_is_highlighted_on_the_slide(tmp_path):
    out = tmp_path / "deck.pptx"
    result = CliRunner().invoke(cli, ["build", str(_write(tmp_path)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    highlighted = []
    plain = []
    for slide in Presentation(str(out)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame and shape.name.startswith("Item "):
                for para in shape.text_frame.paragraphs:
                    for run in para.runs:
                        colored = run.font.color and run.font.color.type is not None and str(run.font.color.rgb) == "D2400A"
                        (highlighted if colored else plain).append(run.text)
    assert highlighted.count("X") == 5 and "xx" in highlighted and "ＸＸ" in highlighted
    assert any("X-ray" in t for t in plain)
