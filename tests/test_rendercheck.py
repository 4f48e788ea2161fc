"""The render checker can fail: each kind of defect is built, rendered, and caught.

All decks of this module are converted by ONE LibreOffice run (the ``rendered``
fixture), because starting soffice costs seconds and batching is the speed win.
"""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

import rendercheck
from rendercheck import (
    Glyph,
    audit_pptx,
    autofit_flags,
    check_deck,
    check_decks,
    east_asian_missing,
    soffice_or_skip,
)

LONG_TEXT = "在新的一年里，我们要坚持稳中求进工作总基调，全面推进邮政高质量发展。" * 10


def _deck() -> Presentation:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    return prs


def _blank(prs):
    return prs.slides.add_slide(prs.slide_layouts[6])


def _text_box(shapes, x, y, w, h, text, size=24):
    """A wrapping text box with a fixed size and no auto-fit, as deckgen writes them."""
    box = shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(h))
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.text = text
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(size)
    return box


def _overflow_deck(path):
    prs = _deck()
    _text_box(_blank(prs).shapes, 1, 1, 4, 1.5, LONG_TEXT)
    prs.save(path)


def _off_slide_deck(path):
    prs = _deck()
    _text_box(_blank(prs).shapes, 11, 3, 4, 1, "邮政服务乡村振兴")
    prs.save(path)


def _overlap_deck(path):
    prs = _deck()
    shapes = _blank(prs).shapes
    _text_box(shapes, 1, 1, 6, 1, "全面深化改革创新")
    _text_box(shapes, 1.1, 1.05, 6, 1, "加快转型发展步伐")
    prs.save(path)


def _table_overflow_deck(path):
    prs = _deck()
    frame = _blank(prs).shapes.add_table(2, 2, Inches(1), Inches(1), Inches(4), Inches(0.8))
    for row in range(2):
        for col in range(2):
            frame.table.cell(row, col).text = f"指标{row}{col}"
    frame.table.cell(0, 0).text = LONG_TEXT[:120]
    prs.save(path)


def _clean_deck(path):
    """Mixed text with descenders, a table, a moved group, and a hidden overflowing slide."""
    prs = _deck()
    _text_box(_blank(prs).shapes, 1, 1, 11, 1.2, "二〇二四年全市邮政工作会议 typography gjpqy 12.5%")
    frame = _blank(prs).shapes.add_table(3, 2, Inches(1), Inches(1), Inches(6), Inches(2))
    for row in range(3):
        for col in range(2):
            frame.table.cell(row, col).text = f"业务收入{row}{col}"
    group = _blank(prs).shapes.add_group_shape()
    _text_box(group.shapes, 1, 1, 5, 1, "组合中的文本框")
    # Move the group 4 in right, 3 in down without touching the child: only a checker
    # that applies the group transform finds the text inside its box.
    xfrm = group._element.grpSpPr.find(qn("a:xfrm"))
    xfrm.find(qn("a:off")).set("x", str(Inches(5)))
    xfrm.find(qn("a:off")).set("y", str(Inches(4)))
    _slide_number_box(prs.slides[2].shapes)
    hidden = _blank(prs)
    _text_box(hidden.shapes, 1, 1, 2, 0.5, LONG_TEXT)
    hidden._element.set("show", "0")
    prs.save(path)


def _slide_number_box(shapes):
    """A footer box whose only content is a slide-number field (cached text ‹#›)."""
    box = _text_box(shapes, 12, 6.8, 1, 0.5, "")
    paragraph = box.text_frame.paragraphs[0]._p
    field = etree.SubElement(paragraph, qn("a:fld"), id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}", type="slidenum")
    etree.SubElement(field, qn("a:t")).text = "‹#›"


DECKS = {
    "overflow": _overflow_deck,
    "offslide": _off_slide_deck,
    "overlap": _overlap_deck,
    "tableoverflow": _table_overflow_deck,
    "clean": _clean_deck,
}


@pytest.fixture(scope="session")
def rendered(tmp_path_factory) -> dict[str, rendercheck.DeckReport]:
    """Every deck above, converted in one soffice run and checked."""
    soffice_or_skip()
    folder = tmp_path_factory.mktemp("rendercheck")
    paths = []
    for name, build in DECKS.items():
        build(folder / f"{name}.pptx")
        paths.append(folder / f"{name}.pptx")
    reports = check_decks(paths, folder / "pdf")
    return {path.stem: report for path, report in reports.items()}


# ------------------------------------------------------------ rendered decks


def test_clean_deck_has_no_findings(rendered):
    report = rendered["clean"]
    assert report.ok, report.summary()
    assert report.findings == []


def test_hidden_slides_are_not_counted(rendered):
    report = rendered["clean"]
    assert (report.slide_count, report.page_count) == (3, 3)


def test_rendered_sizes_are_reported_per_slide(rendered):
    report = rendered["clean"]
    assert report.sizes_by_slide[1] == [24.0]
    assert report.sizes_by_slide[2] == [18.0]  # python-pptx's default table text
    assert report.min_size == 18.0
    assert any("CJK" in font for font in report.fonts_by_slide[1]), report.fonts_by_slide


def test_text_too_long_for_its_box_is_found(rendered):
    report = rendered["overflow"]
    assert not report.ok
    outside = [f for f in report.outside if f.shape == "'TextBox 1'"]
    assert outside and outside[0].direction == "below", report.summary()
    assert outside[0].slide == 1
    assert outside[0].count > 20
    assert set(outside[0].text) <= set(LONG_TEXT)
    # and so much text that it runs off the bottom of the slide too
    assert report.off_slide and report.off_slide[0].direction == "below"


def test_box_partly_off_the_slide_is_found(rendered):
    report = rendered["offslide"]
    assert [f.kind for f in report.findings] == ["off-slide"], report.summary()
    finding = report.off_slide[0]
    assert finding.direction == "right"
    assert finding.text and set(finding.text) <= set("邮政服务乡村振兴")
    assert finding.count < 8  # only the glyphs beyond the edge


def test_overlapping_boxes_are_found(rendered):
    report = rendered["overlap"]
    assert report.outside == [] and report.off_slide == []
    assert len(report.overlaps) == 1, report.summary()
    finding = report.overlaps[0]
    assert finding.shape == "'TextBox 1' × 'TextBox 2'"
    assert finding.count >= 7


def test_table_row_grown_by_long_text_is_found(rendered):
    report = rendered["tableoverflow"]
    shapes = {f.shape for f in report.outside}
    assert any("cell r1c1" in s for s in shapes), report.summary()


def test_summary_names_slide_shape_and_text(rendered):
    summary = rendered["overflow"].summary()
    assert "overflow.pptx" in summary
    assert "slide 1: outside 'TextBox 1'" in summary
    assert "pt below" in summary


def test_page_count_mismatch_is_a_problem(rendered, tmp_path):
    deck = tmp_path / "extra.pptx"
    prs = _deck()
    for _ in range(2):
        _text_box(_blank(prs).shapes, 1, 1, 6, 1, "多一页")
    prs.save(deck)
    report = check_deck(deck, rendered["offslide"].pdf)  # a 1-page PDF
    assert not report.ok
    assert "page count 1 != visible slide count 2" in report.summary()


# ------------------------------------------------------ geometry, no soffice


def _char(text, x0, x1, baseline_pdf, size, page_height=540.0, descent=0.0):
    """A pdfplumber-like char whose font box starts ``descent`` pt below the baseline."""
    y0 = baseline_pdf - descent
    return {
        "text": text, "x0": x0, "x1": x1, "y0": y0, "bottom": page_height - y0,
        "top": page_height - y0 - size * 1.4, "size": size, "fontname": "F",
        "upright": True, "matrix": (1, 0, 0, 1, x0, baseline_pdf),
    }


def test_em_box_sits_on_the_baseline_whatever_the_font_box():
    for descent in (0.0, 7.0):
        glyph = rendercheck._glyph(_char("政", 10, 34, baseline_pdf=440, size=24, descent=descent))
        assert glyph.top == pytest.approx(100 - 0.88 * 24)
        assert glyph.bottom == pytest.approx(100 + 0.12 * 24)
        assert (glyph.left, glyph.right) == (10, 34)


def _g(x, y, w=20.0, h=20.0, text="字"):
    return Glyph(text, x, y, x + w, y + h, h, "F")


def test_adjacent_glyphs_do_not_overlap_but_shifted_ones_do():
    line = [_g(x * 20.0, 0) for x in range(10)]
    assert rendercheck._overlapping_pairs(line) == []
    # 3 of 20 pt wide is 15 % of a glyph: kerning, not an overlap; 5 of 20 pt is 25 %
    assert rendercheck._overlapping_pairs([_g(0, 0), _g(17, 0)]) == []
    assert rendercheck._overlapping_pairs([_g(0, 0), _g(15, 0)]) == [(0, 1)]
    assert rendercheck._overlapping_pairs([_g(0, 0), _g(10, 5)]) == [(0, 1)]


def test_grid_finds_the_same_pairs_as_brute_force():
    rng = random.Random(7)
    glyphs = [_g(rng.uniform(0, 300), rng.uniform(0, 200), rng.uniform(5, 40), rng.uniform(5, 40)) for _ in range(300)]
    brute = {
        (i, j)
        for j in range(len(glyphs))
        for i in range(j)
        if rendercheck._overlap_area(glyphs[i], glyphs[j])
        > 0.2 * min(glyphs[i].area, glyphs[j].area)
    }
    assert set(rendercheck._overlapping_pairs(glyphs)) == brute


def _comparisons(monkeypatch, glyphs) -> int:
    """How many glyph pairs the overlap check compares for ``glyphs`` (none overlap)."""
    compared = 0
    area = rendercheck._overlap_area

    def counted(a, b):
        nonlocal compared
        compared += 1
        return area(a, b)

    monkeypatch.setattr(rendercheck, "_overlap_area", counted)
    assert rendercheck._overlapping_pairs(glyphs) == []
    return compared


def test_overlap_check_compares_each_glyph_with_its_neighbours_only(monkeypatch):
    """A full slide (2,000 glyphs) costs a few comparisons a glyph, not one per pair,
    and twice the glyphs cost about twice the comparisons."""

    def slide(rows: int) -> list:
        return [_g(x * 18.0, y * 24.0, 18, 18) for y in range(rows) for x in range(100)]

    full = _comparisons(monkeypatch, slide(20))
    double = _comparisons(monkeypatch, slide(40))
    assert full <= 10 * 2000  # all pairs would be ~2,000,000
    assert double <= 2.2 * full


# ------------------------------------------------------------- XML scans


def test_autofit_flags_name_part_and_shape(tmp_path):
    prs = _deck()
    box = _text_box(_blank(prs).shapes, 1, 1, 4, 1, "自动缩放")
    box.text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    prs.save(tmp_path / "fit.pptx")
    flags = autofit_flags(tmp_path / "fit.pptx")
    assert "ppt/slides/slide1.xml: a:normAutofit in shape 'TextBox 1'" in flags


def test_autofit_flags_empty_without_autofit(tmp_path):
    prs = _deck()
    _text_box(_blank(prs).shapes, 1, 1, 4, 1, "固定字号")
    for master in prs.slide_masters:  # python-pptx's template masters carry normAutofit
        for element in master._element.xpath(".//a:normAutofit"):
            element.getparent().remove(element)
    prs.save(tmp_path / "fixed.pptx")
    assert autofit_flags(tmp_path / "fixed.pptx") == []


def _ea_deck(path: Path, with_ea: bool):
    prs = _deck()
    slide = _blank(prs)
    box = _text_box(slide.shapes, 1, 1, 4, 1, "字体")
    run = box.text_frame.paragraphs[0].runs[0]
    run.font.name = "Noto Sans CJK SC"  # writes a:latin only
    if with_ea:
        rpr = run._r.get_or_add_rPr()
        rpr.find(qn("a:latin")).addnext(etree.SubElement(rpr, qn("a:ea"), typeface="Noto Sans CJK SC"))
    prs.save(path)


def test_east_asian_missing_lists_runs_without_ea(tmp_path):
    _ea_deck(tmp_path / "latin.pptx", with_ea=False)
    missing = east_asian_missing(tmp_path / "latin.pptx")
    assert missing == ["ppt/slides/slide1.xml: a:rPr lacks a:ea (shape 'TextBox 1', text '字体')"]


def test_east_asian_missing_is_empty_when_every_run_has_both(tmp_path):
    _ea_deck(tmp_path / "both.pptx", with_ea=True)
    assert east_asian_missing(tmp_path / "both.pptx") == []


def test_east_asian_missing_reports_runs_without_properties(tmp_path):
    prs = _deck()
    frame = _blank(prs).shapes.add_table(1, 1, Inches(1), Inches(1), Inches(2), Inches(1))
    frame.table.cell(0, 0).text = "单元格"
    prs.save(tmp_path / "table.pptx")
    missing = east_asian_missing(tmp_path / "table.pptx")
    assert any("a:r lacks a:rPr" in m and "单元格" in m and "Table" in m for m in missing), missing


def test_audit_passes_a_plain_deck_and_catches_a_schema_error(tmp_path):
    good = tmp_path / "good.pptx"
    _overlap_deck(good)
    assert audit_pptx(good) == []
    bad = tmp_path / "bad.pptx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "ppt/slides/slide1.xml":
                data = data.replace(b"<a:prstGeom", b"<a:bogus/><a:prstGeom", 1)
            dst.writestr(item, data)
    errors = audit_pptx(bad)
    assert len(errors) == 1 and "bogus" in errors[0] and "slide1.xml" in errors[0]
    assert audit_pptx(bad, ignore=("bogus",)) == []
