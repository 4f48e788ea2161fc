"""More than 99 parts: numbered 一百, 一百零一 … in the deck, and read back by `outline`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import cli
from deckgen.layout.elements import TextBox
from deckgen.layout.plan import plan_deck
from deckgen.typeset.typesetter import chinese_number
from deckgen.outline.loader import load_outline
from deckgen.speech.markers import cn_number, part_heading
from deckgen.theme.loader import load_theme


@pytest.mark.parametrize(
    "n, words",
    [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (99, "九十九"), (100, "一百"), (101, "一百零一"), (110, "一百一十"),
     (999, "九百九十九"), (1000, "一千"), (1005, "一千零五"), (2024, "二千零二十四"), (10000, "一万"), (10086, "一万零八十六")],
)
def test_chinese_numbers_past_ninety_nine(n: int, words: str) -> None:
    assert chinese_number(n) == words
    if n < 1000:
        assert cn_number(words) == n  # the speech reader reads back what the deck writes


def test_heading_one_hundred_is_a_part_heading() -> None:
    assert part_heading("一百、坚持党的领导") == (100, "坚持党的领导")
    assert part_heading("一百零一、最后一部分") == (101, "最后一部分")
    assert part_heading("百、不是编号") is None


@pytest.fixture(scope="module")
def hundred_parts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("parts") / "parts.yaml"
    parts = "".join(f"  - title: 第{n}项工作\n" for n in range(1, 102))
    path.write_text(f"title: 讲话\nparts:\n{parts}", encoding="utf-8")
    return path


def test_section_dividers_are_numbered_past_ninety_nine(hundred_parts: Path) -> None:
    plan = plan_deck(load_outline(hundred_parts).deck, load_theme())
    texts = {p.text for s in plan.slides for e in s.elements if isinstance(e, TextBox) for p in e.paras}
    assert {"第九十九部分", "第一百部分", "第一百零一部分"} <= texts


def test_outline_reads_one_hundred_parts(tmp_path: Path) -> None:
    speech = tmp_path / "speech.txt"
    body = "".join(f"{chinese_number(n)}、第{n}项工作\n要抓好第{n}项工作，确保取得实效。\n" for n in range(1, 102))
    speech.write_text("在全县工作会议上的讲话\n同志们：\n" + body, encoding="utf-8")
    out = tmp_path / "talk.yaml"
    result = CliRunner().invoke(cli, ["outline", str(speech), "-o", str(out)])
    assert result.exit_code == 0, result.output
    outline = load_outline(out)
    assert len(outline.deck.parts) == 101
    assert outline.deck.parts[99].title.startswith("第100项工作")
