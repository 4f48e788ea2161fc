"""deckgen writes chart parts itself: the bytes python-pptx (and XlsxWriter) made,
without importing them.

The reference is python-pptx's chart API with deckgen's old styling
(tests/render/pptx_charts.py): chart part and workbook must be byte for byte the same
for every chart type, one or several series, gaps, own number formats, legends, a
placed plot, hidden doughnut labels, fractional label sizes and text to escape.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.kinds.chart_box import CHART_TYPES, ChartBox, ChartSeries
from deckgen.layout.elements import Rect
from deckgen.render.charts import WORKBOOK_RID, chart_parts
from pptx_charts import new_chart_part

COLORS = ("00703C", "c8a000", "3366CC")


def _box(kind, series, categories=("甲", "乙", "丙"), size=18.0, **options) -> ChartBox:
    return ChartBox(Rect(100, 200, 3000, 2000), kind, tuple(categories), tuple(series), COLORS, "1E2B24", "C8D8CE", size, **options)


def _reference(box: ChartBox, number: int) -> tuple[bytes, bytes]:
    part = new_chart_part(box, None, number=number, latin="+mn-lt", east_asian="微软雅黑")
    (rel,) = part.rels.values()
    assert rel.rId == WORKBOOK_RID
    return part.blob, rel.target_part.blob


S = ChartSeries
CASES = {
    "column, a gap": _box("column", [S("增长", (1.5, None, 3.0))], number_format="0.0"),
    "column, two series, legend, placed plot": _box(
        "column", [S("A<&>\"'", (1, 2, 3)), S("B", (4.25, 5, 6), number_format="0")], number_format="0.0", legend=True, plot=Rect(200, 400, 2000, 1000)
    ),
    "bar, 13.5 pt labels": _box("bar", [S("A", (1, 2, 3))], size=13.5),
    "bar with a legend": _box("bar", [S("A", (1, 2, 3))], legend=True),
    "line, two series, own format": _box("line", [S("A", (1, 2, 3)), S("B", (4, 5, None), number_format="0.00")]),
    "line, placed plot": _box("line", [S("A", (1, 2, 3))], plot=Rect(200, 400, 2000, 1000)),
    "doughnut, hidden labels": _box("doughnut", [S("A", (10, 1, 30))], hidden_labels=(2, 1)),
    "doughnut, placed plot": _box("doughnut", [S("A", (10, 1, 30))], plot=Rect(200, 400, 2000, 1000)),
    "only X figures": _box("column", [S("A", (None, None, None))]),
    "many categories": _box("column", [S(f"S{n}", tuple(range(30))) for n in range(3)], categories=[f"{n}年" for n in range(30)], legend=True),
    "a category named like a series": _box("bar", [S("甲", (1, 2, 3)), S("B", (0.1, 1e20, -3))], number_format="0.00"),
    # Text XlsxWriter treats specially (a formula, a link, rich text, its own escapes,
    # edge spaces): the workbook is then XlsxWriter's own.
    "special text": _box("column", [S("=SUM(A1)", (1, 2, 3)), S(" 前后空格 ", (1, 2, 3))], categories=("http://x.cn", "a_x0041_b", "<r>x</r>")),
    "an unusual number format": _box("column", [S("A", (1, 2, 3))], number_format="#,##0.0"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_chart_parts_are_the_bytes_python_pptx_made(name):
    box = CASES[name]
    assert chart_parts(box, number=3, latin="+mn-lt", east_asian="微软雅黑") == _reference(box, 3)


names = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12).filter(lambda t: t.strip() == t and t),
    st.text(st.sampled_from("甲乙丙年增长率&<>\"'=:_x{}rR/ 　"), min_size=1, max_size=8).filter(lambda t: t.strip() == t and t),
)
figures = st.one_of(st.none(), st.integers(-10_000, 10_000), st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: round(v, 2)))


@st.composite
def boxes(draw) -> ChartBox:
    kind = draw(st.sampled_from(CHART_TYPES))
    categories = draw(st.lists(names, min_size=1, max_size=6))
    count = 1 if kind == "doughnut" else draw(st.integers(1, 3))
    series = [
        S(draw(names), tuple(draw(figures) for _ in categories), number_format=draw(st.sampled_from([None, "0", "0.0", "0.00"])))
        for _ in range(count)
    ]
    hidden = tuple(draw(st.sets(st.integers(0, len(categories) - 1)))) if kind == "doughnut" else ()
    plot = Rect(200, 400, 2000, 1000) if draw(st.booleans()) else None
    return _box(kind, series, categories, size=draw(st.sampled_from([12.0, 13.5, 16.0, 18.0, 20.5])),
                number_format=draw(st.sampled_from(["General", "0", "0.0", "0.00"])), legend=draw(st.booleans()), hidden_labels=hidden, plot=plot)


@settings(max_examples=60, deadline=None)
@given(box=boxes(), number=st.integers(1, 40))
def test_any_chart_gives_the_bytes_python_pptx_made(box, number):
    assert chart_parts(box, number=number, latin="+mn-lt", east_asian="微软雅黑") == _reference(box, number)
