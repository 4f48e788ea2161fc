"""Chart slides and metrics drawn as charts: native charts the user can edit."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from deckgen.cli import cli
from deckgen.kinds.chart import chart_number, thin_slices
from deckgen.layout.elements import Rect
from deckgen.typeset.typesetter import Typesetter
from deckgen.kinds.metrics import metrics_form
from deckgen.outline.loader import load_outline
from deckgen.theme.loader import load_theme
from smalldecks import one_part_outline

ROOT = Path(__file__).resolve().parents[2]
STRESS = ROOT / "tests" / "stress" / "figures.yaml"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _outline(tmp_path: Path, slides: str) -> Path:
    return one_part_outline(tmp_path, slides, title="图表")


def _build(tmp_path: Path, outline: Path, *extra: str):
    out = tmp_path / "out.pptx"
    result = CliRunner().invoke(cli, ["build", str(outline), "-o", str(out), *extra])
    return result, out


def _charts(out: Path) -> dict:
    found = {}
    for slide in Presentation(str(out)).slides:
        for shape in slide.shapes:
            if shape.has_chart:
                found[slide.shapes.title.text] = shape.chart
    return found


@pytest.fixture(scope="module")
def stress_deck(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("charts")
    result, out = _build(tmp, STRESS)
    assert result.exit_code == 0, result.output
    return out


def test_figures_as_text_become_numbers_and_x_a_gap():
    assert chart_number("41.6") == 41.6
    assert chart_number("12,345") == 12345.0
    assert chart_number("X") is None and chart_number("近X") is None
    with pytest.raises(ValueError):
        chart_number("持续提高")


def test_each_chart_type_is_native_with_the_outline_figures_and_gaps_for_x(stress_deck):
    charts = _charts(stress_deck)
    column = charts["邮政业务收入（2020—2024年）"]
    assert column.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    assert list(column.plots[0].categories) == ["2020年", "2021年", "2022年", "2023年", "2024年"]
    assert list(column.series[0].values) == [8.21, 9.35, None, 11.6, 12.35]
    assert charts["各区县快递业务量"].chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert [s.name for s in charts["各区县快递业务量"].series] == ["2023年", "2024年"]
    assert charts["快递业务收入季度走势"].chart_type == XL_CHART_TYPE.LINE_MARKERS
    assert charts["快递业务量构成"].chart_type == XL_CHART_TYPE.DOUGHNUT


def test_every_chart_has_an_embedded_workbook_and_theme_fonts(stress_deck):
    charts = _charts(stress_deck)
    assert len(charts) >= 5
    for title, chart in charts.items():
        workbook = chart.part.chart_workbook.xlsx_part
        assert workbook is not None, title
        assert "xl/worksheets/sheet1.xml" in zipfile.ZipFile(io.BytesIO(workbook.blob)).namelist()
        faces = {el.get("typeface") for el in chart.part._element.iter(f"{A}ea")}
        assert faces == {"+mn-ea"}, f"{title}: {faces}"


def test_a_series_in_one_unit_is_drawn_mixed_units_stay_a_table():
    deck = load_outline(STRESS).deck
    forms = {s.title: metrics_form(s) for p in deck.parts for s in p.slides if s.kind == "metrics"}
    assert forms["快递业务量五年走势（auto：一个单位的序列画成图表）"] == "chart"
    assert forms["“十三五”时期主要指标（2020—2024年）"] == "table"  # 亿元 and 万件


def test_a_figure_a_chart_cannot_draw_is_refused_at_its_line(tmp_path):
    path = _outline(tmp_path, """\
        - kind: chart
          title: 收入
          categories: [2023年, 2024年]
          series:
            - {name: 收入, values: [12.5, 持续提高]}
            - {name: 支出, values: [1, 2, 3]}
        """)
    result, out = _build(tmp_path, path)
    assert result.exit_code == 1
    assert "deck.yaml:9:39: “持续提高” is not a number" in result.output
    assert "deck.yaml:10:32: series “支出” has 3 figures for 2 categories" in result.output
    assert "Traceback" not in result.output and not out.exists()
    check = CliRunner().invoke(cli, ["check", str(path)])
    assert check.exit_code == 1 and "is not a number" in check.output


def test_check_lists_chart_gaps_and_a_figures_file_fills_them(tmp_path):
    path = _outline(tmp_path, """\
        - kind: chart
          title: 收入
          categories: [2022年, 2023年, 2024年]
          series:
            - {name: 邮政业务收入, values: [8.2, X, X]}
        """)
    check = CliRunner().invoke(cli, ["check", str(path)])
    assert check.output.count("deck.yaml:9:") == 2  # the two X, each at its line and column
    assert "series “邮政业务收入”: 2023年 holds an X placeholder" in check.output
    strict, _ = _build(tmp_path, path, "--strict")
    assert strict.exit_code == 1
    figures = tmp_path / "figures.yaml"
    figures.write_text("邮政业务收入: {values: [~, 9.35, 10.4]}\n", encoding="utf-8")
    result, out = _build(tmp_path, path, "--strict", "--values", str(figures))
    assert result.exit_code == 0, result.output
    assert list(_charts(out)["收入"].series[0].values) == [8.2, 9.35, 10.4]


def test_each_series_labels_its_figures_with_its_own_decimals(stress_deck):
    chart = next(c for title, c in _charts(stress_deck).items() if title.startswith("快递业务量五年走势"))
    formats = [s._element.find(f"{C}dLbls/{C}numFmt").get("formatCode") for s in chart.series]
    assert formats == ["0", "0.0"]  # 9800 stays 9800 beside 5025.5


def _shape_names(out: Path, title: str) -> list[str]:
    slide = next(s for s in Presentation(str(out)).slides if s.shapes.title is not None and s.shapes.title.text == title)
    return [sh.name for sh in slide.shapes]


def test_a_chart_with_no_figure_yet_says_so_until_values_fill_it(tmp_path):
    path = _outline(tmp_path, """\
        - kind: chart
          title: 收入
          categories: [2022年, 2023年, 2024年]
          series:
            - {name: 邮政业务收入, values: [X, X, X]}
        - kind: chart
          title: 部分待填
          categories: [2022年, 2023年, 2024年]
          series:
            - {name: 快递业务收入, values: [8.2, X, 9.9]}
        """)
    result, out = _build(tmp_path, path)
    assert result.exit_code == 0, result.output
    names = _shape_names(out, "收入")
    assert "Chart placeholder note" in names  # not empty axes: a note a presenter understands
    slide = next(s for s in Presentation(str(out)).slides if s.shapes.title.text == "收入")
    note = next(sh for sh in slide.shapes if sh.name == "Chart placeholder note")
    assert note.text_frame.text == "数据待填（X）"
    chart = next(sh for sh in slide.shapes if sh.has_chart).chart
    assert list(chart.plots[0].categories) == ["2022年", "2023年", "2024年"]  # still a native chart with its categories
    # It reads as a column chart: a pale bar for each figure, labelled X, standing
    # over its category (the plot is pinned where the bars are), with no made-up
    # figure in the chart itself.
    bars = sorted((sh for sh in slide.shapes if sh.name.startswith("Chart placeholder bar")), key=lambda sh: sh.left)
    marks = [sh for sh in slide.shapes if sh.name.startswith("Chart placeholder X")]
    assert len(bars) == 3 and [m.text_frame.text for m in marks] == ["X", "X", "X"]
    assert len({sh.height for sh in bars}) == 1 and all(sh.fill.fore_color.rgb != chart.plots[0].series[0].format.fill.fore_color.rgb for sh in bars)
    assert list(chart.series[0].values) == [None, None, None]
    frame = next(sh for sh in slide.shapes if sh.has_chart)
    layout = chart._chartSpace.find(f"{C}chart/{C}plotArea/{C}layout/{C}manualLayout")
    share = {tag: float(layout.find(f"{C}{tag}").get("val")) for tag in ("x", "w", "y", "h")}
    plot_left, plot_w = frame.left + share["x"] * frame.width, share["w"] * frame.width
    plot_bottom = frame.top + (share["y"] + share["h"]) * frame.height
    for n, bar in enumerate(bars):
        assert abs(bar.left + bar.width / 2 - (plot_left + plot_w * (n + 0.5) / 3)) < plot_w * 0.02  # over its category
        assert abs(bar.top + bar.height - plot_bottom) < 12700  # standing on the axis
    assert "Chart placeholder note" not in _shape_names(out, "部分待填")  # a gap among figures is drawn as a gap
    check = CliRunner().invoke(cli, ["check", str(path)])
    assert check.output.count("holds an X placeholder") == 4  # check still lists every X
    figures = tmp_path / "figures.yaml"
    figures.write_text("邮政业务收入: {values: [8.2, 9.35, 10.4]}\n", encoding="utf-8")
    result, out = _build(tmp_path, path, "--values", str(figures))
    assert result.exit_code == 0, result.output
    assert not any(name.startswith("Chart placeholder") for name in _shape_names(out, "收入"))
    assert list(_charts(out)["收入"].series[0].values) == [8.2, 9.35, 10.4]


def test_a_doughnut_shows_its_figures_on_the_ring(stress_deck):
    chart = _charts(stress_deck)["快递业务量构成"]
    labels = chart.plots[0]._element.find(f"{C}dLbls")
    # python-pptx's doughnut says showVal="0": neither LibreOffice nor PowerPoint printed them.
    assert labels.find(f"{C}showVal").get("val") == "1"
    assert labels.find(f"{C}dLblPos") is None  # a position is not allowed on a doughnut


def test_a_slice_too_thin_for_its_label_shows_its_figure_in_the_legend(stress_deck):
    chart = _charts(stress_deck)["快递业务量构成"]
    # 2.4 % of the ring is narrower than “2.4”: its label is deleted, not spilled.
    series_labels = chart.series[0]._element.find(f"{C}dLbls")
    deleted = [d.find(f"{C}idx").get("val") for d in series_labels.findall(f"{C}dLbl") if d.find(f"{C}delete") is not None]
    assert deleted == ["2"]
    assert series_labels.find(f"{C}showVal").get("val") == "1"  # the other slices keep theirs
    assert list(chart.plots[0].categories) == ["同城", "异地", "国际及港澳台 2.4%"]
    assert list(chart.series[0].values) == [23.5, 74.1, 2.4]


def test_thin_slices_are_judged_by_the_ring_not_by_a_fixed_share():
    theme = load_theme("postal-green")
    ts = Typesetter(theme)
    wide = Rect(0, 0, 864, 340)
    assert thin_slices(ts, (23.5, 74.1, 2.4), wide, label_pt=18, number_format="0.0") == (2,)
    assert thin_slices(ts, (60, 25, 15), wide, label_pt=18, number_format="0") == ()
    # A small ring has room for fewer labels; an X (None) is no slice at all.
    assert thin_slices(ts, (80, 12, 8, None), Rect(0, 0, 200, 160), label_pt=18, number_format="0") == (1, 2)
