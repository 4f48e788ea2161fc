"""Real reports laid out as a reader sees them: short content fills its slide, tables
do not follow each other five times over (issue 16, item 9).

Each corpus document is derived as ``deckgen outline`` writes it and laid out as
``deckgen build`` does (16:9, its own theme); the review is ``deckgen check``'s.
"""

from __future__ import annotations

import pytest

from deckgen.layout.elements import Table, TextBox
from deckgen.layout.frame import Frame
from deckgen.layout.plan import plan_deck
from deckgen.lint import check_outline
from deckgen.theme.resolve import resolve_theme
from shared_material import require, shared

from .helpers import written_outline

CORPUS = shared("corpus")


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory):
    """name -> (outline path, outline, plan) for two provincial and city reports."""
    folder = tmp_path_factory.mktemp("corpus-layout")
    out = {}
    for name in ("guangdong-gov-report-2026", "shanghai-gov-report-2026", "cpc-20th-congress-report-2022"):
        path, outline = written_outline(require(CORPUS / f"{name}.txt"), folder)
        out[name] = (path, outline, plan_deck(outline.deck, resolve_theme(outline, None, None)))
    return out


def _pages(plan, title: str):
    return [s for s in plan.slides if s.title.removesuffix("（续）") == title]


def _body(plan, slide):
    return Frame.for_layout(plan.base, slide.layout).body


def test_the_guangdong_review_is_not_five_tables_in_a_row(laid_out):
    """Its review part states its results in one long run of figures: the fourth table
    in a row leads with its short figures as cards, so the review finds no run."""
    path, _, plan = laid_out["guangdong-gov-report-2026"]
    issues = check_outline(path)
    assert [i.message for i in issues if i.kind == "repeated-layout"] == []
    forms = [s.form for s in plan.slides if s.kind == "metrics"]
    assert "cards+table" in forms


def test_three_targets_are_set_large_in_the_middle_of_the_slide(laid_out):
    """2026年主要预期目标 (three rows: 4.5—5%, 3%左右, 与经济增长同步) was a 14 pt
    table at the top of the body, three quarters of the slide empty."""
    _, outline, plan = laid_out["guangdong-gov-report-2026"]
    [slide] = _pages(plan, "2026年主要预期目标")
    [table] = [e for e in slide.elements if isinstance(e, Table)]
    body = _body(plan, slide)
    sizes = {p.size_pt for row in table.rows for cell in row for p in cell.paras}
    assert min(sizes) > resolve_theme(outline, None, None).size("table").max_pt  # larger than a long table's text
    assert table.rect.h >= body.h * 0.45
    middle = table.rect.y + table.rect.h / 2
    assert abs(middle - (body.y + body.h / 2)) < 2


def test_two_items_spread_over_the_body(laid_out):
    """A group of two items (自贸试验区及临港新片区深化建设) stood in a band across
    the middle of the slide; its items now share the body's height evenly."""
    _, _, plan = laid_out["shanghai-gov-report-2026"]
    short = [
        s for s in plan.slides
        if s.kind in ("achievements", "bullets") and not s.continued
        and len([e for e in s.elements if isinstance(e, TextBox) and e.name.startswith("Item ")]) == 2
    ]
    assert short, "no two-item list slide in the Shanghai deck"
    for slide in short:
        body = _body(plan, slide)
        items = [e for e in slide.elements if isinstance(e, TextBox) and e.name.startswith("Item ")]
        first, second = sorted(items, key=lambda e: e.rect.y)
        above, between, below = first.rect.y - body.y, second.rect.y - first.rect.bottom, body.bottom - second.rect.bottom
        assert abs(above - below) < 2, slide.title
        # the air is shared: as much between the items as above them (up to 72 pt)
        assert between >= min(72.0, above) - 2, (slide.title, above, between)


def test_fifteen_parts_make_two_even_agenda_slides(laid_out):
    """The party congress report has fifteen parts: its agenda was twelve rows and a
    目录（续） of three; the two slides now hold eight and seven, columns filled evenly."""
    _, _, plan = laid_out["cpc-20th-congress-report-2022"]
    agenda = [s for s in plan.slides if s.title.startswith("目录")]
    rows = [[e for e in s.elements if getattr(e, "name", "").startswith("Agenda badge ")] for s in agenda]
    assert [s.title for s in agenda] == ["目录", "目录（续）"]
    assert [len(r) for r in rows] == [8, 7], [len(r) for r in rows]
    for page in rows:
        columns = sorted({round(e.rect.x) for e in page})
        per_column = [sum(1 for e in page if round(e.rect.x) == x) for x in columns]
        assert max(per_column) - min(per_column) <= 1, per_column
