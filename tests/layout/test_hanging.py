"""A title or display text that opens with “ 《 （ … hangs its mark's blank half into
the margin, so its ink stands on the grid the other titles start on (review item 8)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pdfplumber
from click.testing import CliRunner

from deckgen.cli import cli
from deckgen.layout.elements import TextBox
from deckgen.layout.hanging import HANG_EM
from deckgen.layout.plan import plan_deck
from deckgen.layout.typeset import Typesetter
from deckgen.outline.loader import load_outline
from deckgen.theme.loader import load_theme
from rendercheck import soffice_or_skip

OUTLINE = """\
    title: 悬挂标点
    parts:
      - title: 一
        slides:
          - {kind: bullets, title: 强化监督检查, bullets: [“快递进村”工作深入推进]}
          - {kind: bullets, title: “十三五”时期行业发展速度, bullets: [甲]}
          - {kind: bullets, title: 《邮政法》实施情况, bullets: [乙]}
          - {kind: statement, text: “十四五”开局，开启新征程。}
"""


def _titles(tmp_path: Path):
    path = tmp_path / "deck.yaml"
    path.write_text(textwrap.dedent(OUTLINE), encoding="utf-8")
    theme = load_theme("postal-green-noto")
    plan = plan_deck(load_outline(path).deck, theme, Typesetter(theme))
    return {s.title: next(e for e in s.elements if isinstance(e, TextBox) and e.role == "title") for s in plan.slides if s.kind == "bullets"}, plan


def test_a_leading_opening_mark_hangs_by_its_blank_share(tmp_path):
    titles, plan = _titles(tmp_path)
    plain, quoted, book = titles["强化监督检查"], titles["“十三五”时期行业发展速度"], titles["《邮政法》实施情况"]
    assert plain.paras[0].first_indent_pt == 0 and plain.paras[0].margin_left_pt == 0
    for box, mark in ((quoted, "“"), (book, "《")):
        hang = HANG_EM[mark] * box.paras[0].size_pt
        assert box.rect.x == plain.rect.x - hang and box.rect.right == plain.rect.right
        assert box.paras[0].margin_left_pt == hang and box.paras[0].first_indent_pt == -hang
    # Display text hangs too; body items do not (their box sits beside a badge).
    statement = next(e for s in plan.slides for e in s.elements if isinstance(e, TextBox) and e.name == "Statement")
    assert statement.paras[0].first_indent_pt < 0
    item = next(e for s in plan.slides for e in s.elements if isinstance(e, TextBox) and e.name.startswith("Item"))
    assert item.paras[0].first_indent_pt == 0


def test_libreoffice_sets_the_quote_of_a_hung_title_on_the_grid(tmp_path):
    soffice_or_skip()
    path = tmp_path / "deck.yaml"
    path.write_text(textwrap.dedent(OUTLINE), encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(path), "-o", str(tmp_path / "deck.pptx"), "--pdf"])
    assert result.exit_code == 0, result.output
    with pdfplumber.open(tmp_path / "deck.pdf") as pdf:
        firsts = {}
        for page in pdf.pages[1:4]:
            big = sorted((c for c in page.chars if c["size"] > 28), key=lambda c: (round(c["top"]), c["x0"]))
            firsts[big[0]["text"]] = big[0]
    plain, quote, book = firsts["强"], firsts["“"], firsts["《"]
    size = plain["size"]
    # The mark's advance starts left of the grid by its blank share; its ink is on it.
    assert abs(quote["x0"] - (plain["x0"] - HANG_EM["“"] * size)) < 1.0
    assert abs(book["x0"] - (plain["x0"] - HANG_EM["《"] * size)) < 1.0
