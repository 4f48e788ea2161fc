"""The reference for deckgen/render/charts.py: the same chart made with python-pptx.

This was deckgen's chart maker until deckgen wrote chart parts itself (importing
python-pptx's chart code cost more than a small deck's slides). It stays here as the
oracle: tests/render/test_chart_parts.py checks that deckgen's bytes equal these,
chart part and workbook, for every chart type and option.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_DATA_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.packuri import PackURI
from pptx.parts.chart import ChartPart
from pptx.parts.embeddedpackage import EmbeddedXlsxPart
from pptx.util import Pt

from deckgen.kinds.chart_box import ChartBox

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)

_XL_TYPE = {
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "doughnut": XL_CHART_TYPE.DOUGHNUT,
}


def chart_data(box: ChartBox) -> CategoryChartData:
    """The python-pptx chart data of ``box``: categories, series, number format."""
    data = CategoryChartData(number_format=box.number_format)
    data.categories = list(box.categories)
    for series in box.series:
        data.add_series(series.name, list(series.values))
    return data


def reproducible_xlsx(blob: bytes, *, created: str = "2000-01-01T00:00:00Z") -> bytes:
    """``blob`` with fixed zip times and a fixed creation date in docProps/core.xml."""
    source = zipfile.ZipFile(io.BytesIO(blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + created.encode(), data)
            fixed = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, data)
    return out.getvalue()


def new_chart_part(box: ChartBox, package, *, number: int, latin: str, east_asian: str) -> ChartPart:
    """Chart part ``chartN.xml`` for ``box``, with its workbook, added to ``package``."""
    data = chart_data(box)
    part = ChartPart.load(PackURI(f"/ppt/charts/chart{number}.xml"), CT.DML_CHART, package, data.xml_bytes(_XL_TYPE[box.chart_type]))
    workbook = EmbeddedXlsxPart(
        PackURI(f"/ppt/embeddings/Microsoft_Excel_Worksheet{number}.xlsx"),
        EmbeddedXlsxPart.content_type,
        package,
        reproducible_xlsx(data.xlsx_blob),
    )
    part.chart_workbook.xlsx_part = workbook
    _positive_axis_ids(part._element, number)
    _style(part.chart, box)
    if box.plot is not None:
        _place_plot(part._element, box)
    _set_fonts(part._element, box, latin=latin, east_asian=east_asian)
    return part


def _positive_axis_ids(chart_space, number: int) -> None:
    """Renumber axis ids as unsigned ints, as the schema requires.

    python-pptx writes negative ``c:axId`` values, which schema checkers (and
    openxml-audit) flag; the ids only need to be unique and cross-referenced.
    """
    ids: dict[str, str] = {}
    for el in chart_space.iter(f"{{{C_NS}}}axId", f"{{{C_NS}}}crossAx"):
        old = el.get("val")
        new = ids.setdefault(old, str(100000 * number + len(ids) + 1))
        el.set("val", new)


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color)


def _style(chart, box: ChartBox) -> None:
    """Brand colours, data labels instead of a value axis, a quiet category axis."""
    plot = chart.plots[0]
    doughnut = box.chart_type == "doughnut"
    # The slide's title and the caption layout puts above the chart say what it shows;
    # a chart title repeating the series name would say it twice.
    chart.has_title = False
    chart.has_legend = box.legend or doughnut or len(box.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM if not doughnut else XL_LEGEND_POSITION.RIGHT
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(box.label_size_pt)
    plot.has_data_labels = True
    labels = plot.data_labels
    # python-pptx's doughnut comes with c:showVal="0" in its labels: without this
    # neither LibreOffice nor PowerPoint prints the figures on the ring.
    labels.show_value = True
    labels.number_format = box.number_format
    labels.number_format_is_linked = False
    labels.font.size = Pt(box.label_size_pt)
    labels.font.color.rgb = _rgb(box.text_color)
    if box.chart_type in ("column", "bar"):
        plot.gap_width = 60
        plot.overlap = -10 if len(box.series) > 1 else 0
        labels.position = XL_DATA_LABEL_POSITION.OUTSIDE_END
    elif box.chart_type == "line":
        labels.position = XL_DATA_LABEL_POSITION.ABOVE
    if doughnut:
        plot.vary_by_categories = True
        labels.font.color.rgb = _rgb(box.ring_label_color)
        labels.font.bold = True
        for i, point in enumerate(chart.series[0].points):
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = _rgb(box.colors[i % len(box.colors)])
            point.format.line.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        chart.series[0].format.line.width = Pt(1.5)
        if box.hidden_labels:
            _hide_labels(chart.series[0], box)
    else:
        plot.vary_by_categories = False
        top = _highest_series(box)
        for i, series in enumerate(chart.series):
            color = _rgb(box.colors[i % len(box.colors)])
            if box.chart_type == "line":
                series.format.line.color.rgb = color
                series.format.line.width = Pt(3)
                series.smooth = False
                series.marker.style = XL_MARKER_STYLE.CIRCLE
                series.marker.size = 8
                series.marker.format.fill.solid()
                series.marker.format.fill.fore_color.rgb = color
                series.marker.format.line.color.rgb = color
                # Two close lines would print their labels on top of each other: the
                # highest line labels above its points, the others below theirs.
                series.data_labels.show_value = True
                series.data_labels.position = XL_DATA_LABEL_POSITION.ABOVE if i == top else XL_DATA_LABEL_POSITION.BELOW
                series.data_labels.font.size = Pt(box.label_size_pt)
                series.data_labels.font.color.rgb = color
                series.data_labels.number_format = box.series[i].number_format or box.number_format
                series.data_labels.number_format_is_linked = False
            else:
                series.format.fill.solid()
                series.format.fill.fore_color.rgb = color
                own = box.series[i].number_format
                if own and own != box.number_format:
                    # A series written with fewer decimals keeps them in its labels.
                    series.data_labels.show_value = True
                    series.data_labels.position = XL_DATA_LABEL_POSITION.OUTSIDE_END
                    series.data_labels.font.size = Pt(box.label_size_pt)
                    series.data_labels.font.color.rgb = _rgb(box.text_color)
                    series.data_labels.number_format = own
                    series.data_labels.number_format_is_linked = False
        values = chart.value_axis
        values.visible = False
        values.has_major_gridlines = False
        values.has_minor_gridlines = False
        categories = chart.category_axis
        categories.has_major_gridlines = False
        categories.tick_labels.font.size = Pt(box.label_size_pt)
        categories.tick_labels.font.color.rgb = _rgb(box.text_color)
        categories.format.line.color.rgb = _rgb(box.grid_color)
        if box.chart_type == "bar":
            # Bars read top-down in the order written, as a list does.
            categories.reverse_order = True


def _place_plot(chart_space, box: ChartBox) -> None:
    """Put the plot (inside its axes) at ``box.plot``: a manual inner layout, in
    shares of the chart frame, which PowerPoint, WPS and LibreOffice honour."""
    c = f"{{{C_NS}}}"
    plot_area = chart_space.find(f"{c}chart/{c}plotArea")
    old = plot_area.find(f"{c}layout")
    if old is not None:
        plot_area.remove(old)
    layout = etree.Element(f"{c}layout")
    manual = etree.SubElement(layout, f"{c}manualLayout")
    etree.SubElement(manual, f"{c}layoutTarget", val="inner")
    etree.SubElement(manual, f"{c}xMode", val="edge")
    etree.SubElement(manual, f"{c}yMode", val="edge")
    frame, plot = box.rect, box.plot
    assert plot is not None
    for tag, value in (("x", (plot.x - frame.x) / frame.w), ("y", (plot.y - frame.y) / frame.h), ("w", plot.w / frame.w), ("h", plot.h / frame.h)):
        etree.SubElement(manual, f"{c}{tag}", val=f"{value:.4f}")
    plot_area.insert(0, layout)


def _hide_labels(series, box: ChartBox) -> None:
    """Leave the labels of ``box.hidden_labels`` off the ring.

    The series gets labels of its own, styled as the plot's, with a ``c:dLbl`` that
    says ``c:delete`` for each thin slice: PowerPoint, WPS and LibreOffice all honour
    it (a doughnut has no outside-end position or leader lines in PowerPoint).
    """
    labels = series.data_labels
    labels.show_value = True
    labels.number_format = box.number_format
    labels.number_format_is_linked = False
    labels.font.size = Pt(box.label_size_pt)
    labels.font.bold = True
    labels.font.color.rgb = _rgb(box.ring_label_color)
    d_lbls = series._element.get_or_add_dLbls()
    c = f"{{{C_NS}}}"
    for idx in sorted(box.hidden_labels, reverse=True):
        label = etree.Element(f"{c}dLbl")
        etree.SubElement(label, f"{c}idx", val=str(idx))
        etree.SubElement(label, f"{c}delete", val="1")
        d_lbls.insert(0, label)  # c:dLbl come first in c:dLbls, in index order


def _highest_series(box: ChartBox) -> int:
    """The index of the series that runs highest (mean of its known figures)."""
    def mean(values) -> float:
        known = [v for v in values if v is not None]
        return sum(known) / len(known) if known else float("-inf")

    return max(range(len(box.series)), key=lambda i: mean(box.series[i].values)) if box.series else 0


def _set_fonts(chart_space, box: ChartBox, *, latin: str, east_asian: str) -> None:
    """Every text property of the chart names the Latin and East-Asian typefaces.

    python-pptx's ``font.name`` writes only ``a:latin``; without ``a:ea`` PowerPoint
    and WPS set the Chinese category names in another face.
    """
    c = f"{{{C_NS}}}"
    a = f"{{{A_NS}}}"
    tx_pr = chart_space.find(f"{c}txPr")
    if tx_pr is None:
        tx_pr = etree.SubElement(chart_space, f"{c}txPr")
        # c:txPr sits after c:chart and c:spPr, before c:externalData.
        chart_space.remove(tx_pr)
        anchor = chart_space.find(f"{c}externalData")
        if anchor is not None:
            anchor.addprevious(tx_pr)
        else:
            chart_space.append(tx_pr)
        etree.SubElement(tx_pr, f"{a}bodyPr")
        etree.SubElement(tx_pr, f"{a}lstStyle")
        p = etree.SubElement(tx_pr, f"{a}p")
        ppr = etree.SubElement(p, f"{a}pPr")
        etree.SubElement(ppr, f"{a}defRPr", sz=str(int(round(box.label_size_pt * 100))))
        etree.SubElement(p, f"{a}endParaRPr", lang="zh-CN")
    for rpr in chart_space.iter(f"{a}defRPr", f"{a}rPr"):
        rpr.set("lang", "zh-CN")
        for tag in ("latin", "ea", "cs"):
            old = rpr.find(f"{a}{tag}")
            if old is not None:
                rpr.remove(old)
        # Schema order inside a run property: ln, fills, effects, highlight, uLnTx/uLn,
        # uFillTx/uFill, latin, ea, cs, sym, hlinkClick … : the faces go after any fill.
        faces = [etree.Element(f"{a}latin", typeface=latin), etree.Element(f"{a}ea", typeface=east_asian), etree.Element(f"{a}cs", typeface=latin)]
        after = [child for child in rpr if etree.QName(child).localname in ("sym", "hlinkClick", "hlinkMouseOver", "rtl", "extLst")]
        for face in faces:
            if after:
                after[0].addprevious(face)
            else:
                rpr.append(face)
