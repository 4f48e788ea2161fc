"""Fitting rules, checked on the layout plans (no LibreOffice): fast.

Every outline in decks/ and tests/stress/ is planned with
:func:`deckgen.layout.plan.plan_deck` in 16:9 and 4:3 and in both built-in themes,
and each plan must show:

* sibling boxes share one size: all items of a slide (and its continuations), all
  cards of a grid, all cells of a table, all agenda entries;
* no size below the theme's minimum, and the themes' minimums are the product's
  (titles ≥ 28, body ≥ 18, tables ≥ 14, footer ≥ 10);
* continued pages are balanced, tables repeat the header on each page, an item's
  headline and detail are never split across slides;
* titles too long for one line wrap to two before shrinking, and never overflow;
* a finding (what ``deckgen check`` reports) for every slide that continued.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from pathlib import Path

import pytest
from tablecheck import expected_table

from deckgen.records import replace
from deckgen.theme.resolve import resolve_theme
from deckgen.layout.elements import Table, TextBox
from deckgen.layout.frame import TITLE_INSETS, Frame
from deckgen.layout.plan import CONTINUED, plan_deck, has_agenda
from deckgen.typeset.typesetter import TITLE_PITCH, Spec, Typesetter, sizes_down
from deckgen.outline.loader import load_outline

ROOT = Path(__file__).resolve().parent.parent
OUTLINES = sorted((ROOT / "decks").glob("*.yaml")) + sorted((ROOT / "tests" / "stress").glob("*.yaml"))
VARIANTS = [(o, s, t) for o in OUTLINES for s in ("16:9", "4:3") for t in ("postal-green", "gov-red")]
IDS = [f"{o.stem}-{s.replace(':', 'x')}-{t}" for o, s, t in VARIANTS]
PRODUCT_MINIMUMS = {"title": 28.0, "body": 18.0, "table": 14.0, "footer": 10.0}
BODY_PREFIXES = ("Item", "Card", "KPI", "Target", "Keyword", "Statement", "Agenda entry", "Closing text", "Progress")


@functools.cache
def planned(key: str):
    outline, size, theme_name = VARIANTS[IDS.index(key)]
    loaded = load_outline(outline)
    theme = resolve_theme(loaded, theme_name, size)
    ts = Typesetter(theme)
    return loaded.deck, theme, ts, plan_deck(loaded.deck, theme, ts)


def content_groups(plan) -> list[list]:
    """Content slides grouped by the outline slide they came from (first + （续）)."""
    groups: dict[str, list] = defaultdict(list)
    for slide in plan.slides:
        # The closing text may stand on statement slides of its own (source "closing").
        if slide.kind not in ("title", "agenda", "divider", "closing") and slide.source_path != "closing":
            groups[slide.source_path].append(slide)
    return list(groups.values())


def boxes(slide, prefix: str) -> list[TextBox]:
    return [e for e in slide.elements if isinstance(e, TextBox) and e.name.startswith(prefix)]


def tables(slide) -> list[Table]:
    return [e for e in slide.elements if isinstance(e, Table)]


def outline_slide(deck, path: str):
    for part in deck.parts:
        for slide in part.slides:
            if slide.path == path:
                return slide
    raise KeyError(path)


# ----------------------------------------------------------------------- siblings


@pytest.mark.parametrize("key", IDS)
def test_sibling_boxes_share_one_size(key):
    deck, theme, ts, plan = planned(key)
    for group in content_groups(plan):
        where = f"{group[0].source_path} ({group[0].title!r})"
        items = [b for s in group for b in boxes(s, "Item ")]
        if items:
            assert len({b.paras[0].size_pt for b in items}) == 1, f"{where}: item headlines differ in size"
            details = {b.paras[1].size_pt for b in items if len(b.paras) > 1}
            assert len(details) <= 1, f"{where}: item details differ in size: {details}"
        cards = [b for s in group for b in boxes(s, "Card ") if b.name.endswith(" text")]
        if cards:
            assert len({(round(b.rect.w, 2), round(b.rect.h, 2)) for b in cards}) == 1, f"{where}: cards differ in size"
            assert len({b.paras[1].size_pt for b in cards}) == 1, f"{where}: card titles differ in size"
            assert len({b.paras[2].size_pt for b in cards if len(b.paras) > 2}) <= 1, f"{where}: card summaries differ"
        cells = [c for s in group for t in tables(s) for row in t.rows for c in row]
        if cells:
            assert len({p.size_pt for c in cells for p in c.paras}) == 1, f"{where}: table cells differ in size"
    entries = [b for s in plan.slides if s.kind == "agenda" for b in boxes(s, "Agenda entry")]
    assert len(entries) == (len(deck.parts) if has_agenda(deck) else 0)
    assert len({b.paras[0].size_pt for b in entries}) <= 1, "agenda entries differ in size"


# ----------------------------------------------------------------------- minimums


def test_theme_minimums_are_the_products():
    for theme_name in ("postal-green", "gov-red"):
        deck, theme, ts, plan = planned(f"{OUTLINES[0].stem}-16x9-{theme_name}")
        for role, floor in PRODUCT_MINIMUMS.items():
            assert theme.size(role).min_pt >= floor, f"{theme_name}: {role} minimum below {floor}"


@pytest.mark.parametrize("key", IDS)
def test_no_size_below_the_theme_minimum(key):
    deck, theme, ts, plan = planned(key)
    floors = {role: theme.size(role).min_pt for role in PRODUCT_MINIMUMS}
    # A title too long for two lines at the title floor cannot continue and cannot
    # grow across the master's rule: it may go down to the body floor, reported.
    reported = {f.path for f in plan.findings if "the title is too long" in f.message}
    small = []
    for n, slide in enumerate(plan.slides, start=1):
        for element in slide.elements:
            if isinstance(element, TextBox):
                if element.role == "title":
                    floor = floors["body"] if slide.source_path in reported else floors["title"]
                elif element.role in ("footer", "number"):
                    floor = floors["footer"]
                elif element.role == "body" or element.name.startswith(BODY_PREFIXES):
                    floor = floors["body"]
                else:
                    floor = floors["footer"]  # labels: badge numbers, part numbers
                sizes = [p.size_pt for p in element.paras]
                if element.name.startswith("Card ") and element.name.endswith(" text") and floor == floors["body"]:
                    # A card's number line is a label; the compact card design (3 × 3 grids)
                    # sets its summary at table size: head at body size or more.
                    assert element.paras[0].size_pt >= floors["footer"] and element.paras[1].size_pt >= floor, element.name
                    assert all(p.size_pt >= floors["table"] for p in element.paras[2:]), element.name
                    sizes = [element.paras[1].size_pt]
            elif isinstance(element, Table):
                floor = floors["table"]
                sizes = [p.size_pt for row in element.rows for c in row for p in c.paras]
            else:
                continue
            if sizes and min(sizes) < floor:
                small.append(f"slide {n}: {element.name!r} at {min(sizes)} pt < {floor}")
    assert not small, "\n".join(small)


# -------------------------------------------------------------------- continuation


@pytest.mark.parametrize("key", IDS)
def test_continued_slides_are_titled_and_reported(key):
    deck, theme, ts, plan = planned(key)
    reported = {f.path for f in plan.findings if "续" in f.message}
    continued = [g for g in content_groups(plan) if len(g) > 1]
    for group in continued:
        title = group[0].title
        assert all(s.continued and s.title == title + CONTINUED for s in group[1:]), f"{group[0].source_path}: bad （续） titles"
        assert not group[0].continued
        assert group[0].source_path in reported, f"{group[0].source_path}: continued but no finding for deckgen check"
    assert reported <= {g[0].source_path for g in continued} | {"", "parts"}, "a continuation finding for a slide that did not continue"
    agenda = [s for s in plan.slides if s.kind == "agenda"]
    if len(agenda) > 1:
        assert all(s.continued and s.title == "目录" + CONTINUED for s in agenda[1:])
        assert reported - {g[0].source_path for g in continued}, "the agenda continued but no finding tells deckgen check"



def _page_loads(group) -> tuple[list[float], float]:
    """Per page the height of its blocks, and the tallest single block."""
    loads, tallest = [], 0.0
    for slide in group:
        items = boxes(slide, "Item ")
        if items:
            heights = [b.rect.h for b in items]
        elif tables(slide):
            heights = list(tables(slide)[0].row_heights[1:])
        else:
            heights = [1.0 for b in boxes(slide, "Card ") if b.name.endswith(" text")]
        loads.append(sum(heights))
        tallest = max([tallest] + heights)
    return loads, tallest


@pytest.mark.parametrize("key", IDS)
def test_continued_pages_are_balanced(key):
    """No page could give a block to its neighbour and make the pages more even.

    Items and table rows compare by height (the pages' loads differ by at most the
    tallest block), cards by count (differ by at most one).
    """
    deck, theme, ts, plan = planned(key)
    for group in content_groups(plan):
        # A strip of KPI cards is not a block to balance: its table or checklist
        # on the next slide is (cards+table, cards+checklist).
        group = [s for s in group if not boxes(s, "KPI ")] if len(group) > 1 else group
        if len(group) < 2 or group[0].kind == "statement":
            continue
        loads, tallest = _page_loads(group)
        assert max(loads) - min(loads) <= tallest + 1e-6, (
            f"{group[0].source_path} ({group[0].title!r}): unbalanced pages, loads {[round(x) for x in loads]}, tallest block {tallest:.0f}"
        )


@pytest.mark.parametrize("key", IDS)
def test_tables_repeat_the_header_on_each_page(key):
    deck, theme, ts, plan = planned(key)
    for group in content_groups(plan):
        pages = [tables(s) for s in group]
        if not any(pages):
            continue
        # A cards page of cards+table holds no table; the metrics shown as cards
        # (KPI n) are not rows of it.
        pages = [t for t in pages if t]
        assert all(len(t) == 1 for t in pages)
        # Measured line breaks (\n) set the lines, not the text.
        headers = [[p.text.replace("\n", "") for c in t[0].rows[0] for p in c.paras] for t in pages]
        source = outline_slide(deck, group[0].source_path)
        carded = {int(b.name.split(" ")[1]) for s in group for b in boxes(s, "KPI ") if b.name.endswith(" text")}
        source = replace(source, metrics=[m for n, m in enumerate(source.metrics, 1) if n not in carded])
        # Columns no row uses are dropped.
        expected_header, _ = expected_table(source)
        assert headers[0] == expected_header, f"{group[0].source_path}: header {headers[0]}"
        assert all(h == headers[0] for h in headers), f"{group[0].source_path}: header not repeated: {headers}"
        assert all(all(c.paras[0].runs[0].bold for c in t[0].rows[0]) for t in pages), "header cells not bold"
        body_rows = sum(len(t[0].rows) - 1 for t in pages)
        assert body_rows == len(source.metrics), f"{group[0].source_path}: {body_rows} rows for {len(source.metrics)} metrics"


@pytest.mark.parametrize("key", IDS)
def test_headline_and_detail_never_split(key):
    deck, theme, ts, plan = planned(key)
    for group in content_groups(plan):
        source = outline_slide(deck, group[0].source_path)
        if source.kind not in ("achievements", "focus-area"):
            continue
        if source.style == "cards":
            # Each item one card: its number, then headline and detail, never split.
            cards = [b for s in group for b in boxes(s, "Card ") if b.name.endswith(" text")]
            assert [[p.text.replace("\n", "") for p in box.paras][1:] for box in cards] == [[i.headline] + ([i.detail] if i.detail else []) for i in source.items]
            continue
        items = [b for s in group for b in boxes(s, "Item ")]
        assert len(items) == len(source.items)
        for item, box in zip(source.items, items):
            want = [item.headline] + ([item.detail] if item.detail else [])
            held = [p.text.replace("\n", "") for p in box.paras]  # measured line breaks set lines, not text
            assert held == want, f"{source.path}: {box.name} holds {held}"


# -------------------------------------------------------------------------- titles



def _shrunk_titles(key: str) -> list[str]:
    """Content titles set smaller than the largest size at which they fit in two lines.

    "Wrap to two lines before shrinking": a title may stay on one line only at a size
    at least as large as it could have on two lines; it may shrink below that only
    when two lines are not enough. Sizes are compared for the longest title the slide
    has (with （续）), which every page is fitted to.
    """
    deck, theme, ts, plan = planned(key)
    size = theme.size("title")
    bad = []
    for slide in plan.slides:
        if slide.kind in ("title", "agenda", "divider", "closing"):
            continue
        box = [b for b in boxes(slide, "Title") if b.role == "title"]
        if not box:
            continue
        box = box[0]
        chosen = box.paras[0].size_pt
        # A title opening with “ hangs it into the margin: the box grew to the left by
        # the hang, and its lines keep the width they were fitted to.
        width = box.rect.w - box.paras[0].margin_left_pt
        base = slide.title[: -len(CONTINUED)] if slide.continued else slide.title
        longest = base + CONTINUED
        for candidate in sizes_down(size.max_pt, size.min_pt):
            spec = Spec(longest, candidate, bold=True, pitch=TITLE_PITCH)
            if (
                ts.count_lines(spec, width, TITLE_INSETS) <= 2
                and ts.height([spec], width, TITLE_INSETS) <= box.rect.h + 0.01
            ):
                if chosen < candidate:
                    bad.append(f"{slide.title!r}: set at {chosen} pt though it fits two lines at {candidate} pt")
                break
    return bad


@pytest.mark.parametrize("key", IDS)
def test_titles_never_overflow_their_box(key):
    deck, theme, ts, plan = planned(key)
    for n, slide in enumerate(plan.slides, start=1):
        for box in boxes(slide, "Title"):
            if box.role != "title":
                continue
            p = box.paras[0]
            spec = Spec(p.text, p.size_pt, bold=True, pitch=p.line_pitch_pt / p.size_pt)
            need = ts.height([spec], box.rect.w - p.margin_left_pt, box.insets)  # a hung mark's margin is no room
            assert need <= box.rect.h + 0.01, f"slide {n}: title {p.text!r} needs {need:.1f} pt in {box.rect.h:.1f}"



@pytest.mark.parametrize("key", IDS)
def test_content_titles_stay_in_their_layouts_title_box_above_the_masters_rule(key):
    # The accent and rule under a title are on the master at a fixed place: a title
    # box that grows below its layout's title placeholder runs across them. A title
    # too long for two lines at the floor is set smaller instead, and reported.
    deck, theme, ts, plan = planned(key)
    frames = {role: Frame.for_layout(plan.base, role) for role in plan.base.layouts}
    reported = {f.path for f in plan.findings if "the title is too long" in f.message}
    for n, slide in enumerate(plan.slides, start=1):
        if slide.kind in ("title", "agenda", "divider", "closing") or slide.source_path == "closing":
            continue
        place = frames[slide.layout].title
        for box in boxes(slide, "Title"):
            if box.role != "title":
                continue
            assert box.rect.bottom <= place.bottom + 0.01, f"slide {n}: title {slide.title!r} runs {box.rect.bottom - place.bottom:.1f} pt below its place"
            if box.paras[0].size_pt < theme.size("title").min_pt:
                assert slide.source_path in reported, f"slide {n}: title set at {box.paras[0].size_pt} pt without a finding"


@pytest.mark.parametrize("key", IDS)
def test_long_titles_wrap_to_two_lines_before_shrinking(key):
    bad = _shrunk_titles(key)
    assert not bad, "\n".join(bad)
