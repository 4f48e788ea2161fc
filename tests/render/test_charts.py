"""Native charts: an embedded workbook behind every chart, East-Asian faces, gaps for X."""

import io
import zipfile

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu

from deckgen.kinds.chart_box import ChartBox, ChartSeries, number_format_for
from deckgen.layout.elements import Rect
from deckgen.render import xml as X
from deckgen.render.charts import chart_parts
from deckgen.render.xml import chart_frame

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
YEARS = ("2020年", "2021年", "2022年", "2023年", "2024年")


def _box(kind="column", values=(120.5, 131.2, None, 150.0, 162.3), categories=YEARS, series=None):
    series = series or (ChartSeries("业务收入", values),)
    return ChartBox(Rect(40, 100, 600, 320), kind, categories, series, ("1F6B43", "C9A227"), "333333", "BBBBBB", 16,
                    number_format_for([v for s in series for v in s.values]), name="业务收入（亿元）")


def _deck(*boxes) -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(X.emu(960)), Emu(X.emu(540))
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    for n, box in enumerate(boxes, 1):
        part = _load(prs.part.package, n, *chart_parts(box, number=n, latin="Noto Sans CJK SC", east_asian="微软雅黑"))
        rid = slide.part.relate_to(part, RT.CHART)
        frame = etree.fromstring(f"<p:spTree {X.NS}>{chart_frame(box, 10 + n, rid)}</p:spTree>")[0]
        slide.shapes._spTree.append(frame)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _load(package, number: int, chart_blob: bytes, workbook_blob: bytes):
    """deckgen's chart parts as python-pptx parts, to be read back with its chart API."""
    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.packuri import PackURI
    from pptx.parts.chart import ChartPart
    from pptx.parts.embeddedpackage import EmbeddedXlsxPart

    part = ChartPart.load(PackURI(f"/ppt/charts/chart{number}.xml"), CT.DML_CHART, package, chart_blob)
    workbook = EmbeddedXlsxPart(PackURI(f"/ppt/embeddings/Microsoft_Excel_Worksheet{number}.xlsx"), EmbeddedXlsxPart.content_type, package, workbook_blob)
    part.relate_to(workbook, RT.PACKAGE)
    return part


def _chart(data: bytes, index=0):
    slide = Presentation(io.BytesIO(data)).slides[0]
    return [s for s in slide.shapes if s.has_chart][index].chart


@pytest.mark.parametrize(("kind", "xl"), [("column", XL_CHART_TYPE.COLUMN_CLUSTERED), ("bar", XL_CHART_TYPE.BAR_CLUSTERED),
                                         ("line", XL_CHART_TYPE.LINE_MARKERS), ("doughnut", XL_CHART_TYPE.DOUGHNUT)])
def test_each_chart_type_reads_back_as_a_native_chart_with_its_figures(kind, xl):
    chart = _chart(_deck(_box(kind, values=(1.5, 2.0, 3.25, 4.0, 5.0))))
    assert chart.chart_type == xl
    assert list(chart.plots[0].categories) == list(YEARS)
    assert list(chart.series[0].values) == [1.5, 2.0, 3.25, 4.0, 5.0]


def test_the_figures_live_in_an_embedded_workbook_that_edit_data_opens():
    chart = _chart(_deck(_box()))
    workbook = chart.part.chart_workbook.xlsx_part
    assert workbook is not None and workbook.partname.endswith(".xlsx")
    sheets = zipfile.ZipFile(io.BytesIO(workbook.blob))
    sheet = sheets.read("xl/worksheets/sheet1.xml").decode()
    shared = sheets.read("xl/sharedStrings.xml").decode()
    assert "162.3" in sheet and "2024年" in shared and "业务收入" in shared


def test_an_x_placeholder_is_a_gap_not_a_zero():
    chart = _chart(_deck(_box()))
    assert list(chart.series[0].values) == [120.5, 131.2, None, 150.0, 162.3]


def test_every_chart_text_names_an_east_asian_face():
    chart = _chart(_deck(_box("line", series=(ChartSeries("快递", (1, 2, 3, 4, 5)), ChartSeries("函件", (5, 4, 3, 2, 1)))),))
    props = list(chart.part._element.iter(f"{A}defRPr", f"{A}rPr"))
    assert props
    for rpr in props:
        assert rpr.find(f"{A}ea").get("typeface") == "微软雅黑"
        assert rpr.get("lang") == "zh-CN"


def test_two_builds_give_the_same_chart_and_workbook_bytes():
    first, second = _deck(_box()), _deck(_box())
    a, b = zipfile.ZipFile(io.BytesIO(first)), zipfile.ZipFile(io.BytesIO(second))
    for name in ("ppt/charts/chart1.xml", "ppt/embeddings/Microsoft_Excel_Worksheet1.xlsx"):
        assert a.read(name) == b.read(name), name


def test_number_format_keeps_the_decimals_the_figures_were_written_with():
    assert number_format_for([120.5, 131.25, None]) == "0.00"
    assert number_format_for([12, 15]) == "0"


def test_a_series_that_does_not_match_its_categories_is_refused():
    with pytest.raises(ValueError):
        _box(values=(1, 2))



def test_a_deck_with_every_chart_type_is_schema_clean(tmp_path):
    from xmlcheck import audit_pptx

    deck = tmp_path / "charts.pptx"
    boxes = [_box(kind) for kind in ("column", "bar", "line")] + [_box("doughnut", values=(1, 2, 3, 4, 5))]
    deck.write_bytes(_deck(*boxes))
    assert audit_pptx(deck) == []
