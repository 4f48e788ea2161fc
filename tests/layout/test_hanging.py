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
from deckgen.typeset.typesetter import Typesetter
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
          - kind: achievements
            title: 成效
            items:
              - {headline: 开展快递末端清理整顿专项行动, detail: 集中清理整顿快递末端网点}
              - {headline: “快递进村”工作深入推进, detail: 《快递市场管理办法》宣传到村}
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
    # Display text hangs too.
    statement = next(e for s in plan.slides for e in s.elements if isinstance(e, TextBox) and e.name == "Statement")
    assert statement.paras[0].first_indent_pt < 0


def test_item_headlines_and_details_hang_where_their_box_has_room(tmp_path):
    # Review 2 item 8: S8's “快递进村” headline started half an em right of the other items.
    _, plan = _titles(tmp_path)
    slide = next(s for s in plan.slides if s.title == "成效")
    plain, quoted = (e for e in slide.elements if isinstance(e, TextBox) and e.name.startswith("Item"))
    head, detail = quoted.paras
    assert head.first_indent_pt == -HANG_EM["“"] * head.size_pt and detail.first_indent_pt == -HANG_EM["《"] * detail.size_pt
    # Every line but the hung ones starts where the plain item's lines start.
    assert quoted.rect.x + head.margin_left_pt == plain.rect.x and plain.paras[0].first_indent_pt == 0
    assert quoted.rect.right == plain.rect.right
    shapes = [e.rect for e in slide.elements if e is not quoted and e is not plain and e.name.startswith(("Badge", "Icon"))]
    assert shapes and not any(r.x < quoted.rect.right and quoted.rect.x < r.right and r.y < quoted.rect.bottom and quoted.rect.y < r.bottom for r in shapes)


def test_an_item_without_room_beside_its_badge_does_not_hang():
    from deckgen.layout.elements import Fill, Insets, Para, Rect, Run, SlidePlan
    from deckgen.layout.hanging import hang_paragraphs

    badge = Fill(Rect(48, 100, 30, 30), "B3121B", name="Badge 1")
    box = TextBox(Rect(84, 100, 600, 60), [Para([Run("“快递进村”工作深入推进")], 23, 30)], "top", insets=Insets(4, 4, 2, 2), name="Item 1 body")
    slide = SlidePlan("achievements", "成效", [badge, box])
    assert not hang_paragraphs(slide, box)  # 12.65 pt of hang, 6 pt of room
    assert box.rect.x == 84 and box.paras[0].first_indent_pt == 0
    box.rect = Rect(92, 100, 600, 60)
    assert hang_paragraphs(slide, box) and box.rect.x == 92 - 0.55 * 23


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
        items = pdf.pages[5]
        heads = sorted((c for c in items.chars if c["size"] > 14), key=lambda c: (round(c["top"]), c["x0"]))
        starts = [c for n, c in enumerate(heads) if n == 0 or round(c["top"]) != round(heads[n - 1]["top"])]
    plain, quote, book = firsts["强"], firsts["“"], firsts["《"]
    size = plain["size"]
    # The mark's advance starts left of the grid by its blank share; its ink is on it.
    assert abs(quote["x0"] - (plain["x0"] - HANG_EM["“"] * size)) < 1.0
    assert abs(book["x0"] - (plain["x0"] - HANG_EM["《"] * size)) < 1.0
    # So do an item's headline and detail (开展…/集中… above “快递进村”…/《快递…).
    assert [c["text"] for c in starts] == ["成", "开", "集", "“", "《"]
    _, head, detail, quote, book = starts
    assert abs(head["x0"] - detail["x0"]) < 0.5
    assert abs(quote["x0"] - (head["x0"] - HANG_EM["“"] * quote["size"])) < 1.0
    assert abs(book["x0"] - (detail["x0"] - HANG_EM["《"] * book["size"])) < 1.0
