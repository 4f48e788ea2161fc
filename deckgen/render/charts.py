"""Native charts: a chart part with an embedded workbook, styled from the layout.

The chart XML is written here, element by element, and so is the workbook behind it
(XlsxWriter writes it only for text it treats specially). Importing python-pptx's
chart code and XlsxWriter, which made these parts before, cost more than building a
small deck's slides; the bytes are still the ones they made, which
tests/render/test_chart_parts.py checks against them for every chart type and option.
The parts get fixed names (chartN.xml, Microsoft_Excel_WorksheetN.xlsx); the Latin
and East-Asian typefaces are on every text of the chart; the workbook's bytes are
reproducible (fixed creation dates and zip times).
"""

from __future__ import annotations

import functools
import io
import math
import re
import zipfile

from lxml import etree

from deckgen.kinds.chart_box import ChartBox, ChartSeries

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
FIXED_CREATED = "2000-01-01T00:00:00Z"
#: The chart part's relationship to its workbook.
WORKBOOK_RID = "rId1"

_C = f"{{{C_NS}}}"
_A = f"{{{A_NS}}}"
_EMU_PER_PT = 12700


def chart_parts(box: ChartBox, *, number: int, latin: str, east_asian: str) -> tuple[bytes, bytes]:
    """(chart part XML, workbook) of chart ``number`` for ``box``; the chart part
    refers to the workbook as :data:`WORKBOOK_RID`."""
    from deckgen.render.opc import serialize

    return serialize(_ChartXml(box, number=number, latin=latin, east_asian=east_asian).chart_space()), workbook(box)


def workbook(box: ChartBox) -> bytes:
    """The workbook behind the chart ("Edit Data"): categories in column A from row 2,
    each series in the next column under its name; gaps are blank cells.

    The bytes are XlsxWriter's (tests compare them): written here for the usual
    chart (importing XlsxWriter cost more than writing a workbook), by XlsxWriter
    itself for text it treats specially (formulas, links, control characters, edge
    spaces) or number formats other than the few deckgen uses.
    """
    parts = _plain_workbook(box)
    return _zipped(parts) if parts is not None else _zipped(_xlsxwriter_parts(_xlsxwriter_workbook(box)))


def _xlsxwriter_workbook(box: ChartBox) -> bytes:
    """The workbook as XlsxWriter writes it (as python-pptx had it write it)."""
    from xlsxwriter import Workbook

    out = io.BytesIO()
    book = Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet()
    categories_format = book.add_format({"num_format": "General"})
    sheet.set_column(0, 0, 10)
    for row, name in enumerate(box.categories, start=1):
        sheet.write(row, 0, name, categories_format)
    for column, series in enumerate(box.series, start=1):
        values_format = book.add_format({"num_format": box.number_format})
        sheet.write(0, column, series.name)
        sheet.write_column(1, column, list(series.values), values_format)
    book.close()
    return out.getvalue()


def _xlsxwriter_parts(blob: bytes) -> list[tuple[str, bytes]]:
    """The parts of a workbook, in its order, with fixed creation dates (XlsxWriter
    stamps the current time into docProps/core.xml)."""
    source = zipfile.ZipFile(io.BytesIO(blob))
    parts = []
    for info in source.infolist():
        data = source.read(info.filename)
        if info.filename == "docProps/core.xml":
            data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + FIXED_CREATED.encode(), data)
        parts.append((info.filename, data))
    return parts


def _zipped(parts: list[tuple[str, bytes]]) -> bytes:
    """``parts`` zipped with fixed times and modes: the same chart, the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts:
            fixed = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, data)
    return out.getvalue()


#: Number formats written here, with XlsxWriter's ids (built in, or its first own id).
_NUMBER_FORMAT_IDS = {"General": 0, "0": 1, "0.0": 164, "0.00": 164}
#: Text XlsxWriter writes other than as plain shared strings (formulas, links, rich
#: text, escapes of its own), or with xml:space="preserve".
_SPECIAL_TEXT = re.compile(r"^[=\s]|^\{=|^<r>|:|_x|\s$|[\x00-\x1f\x7f-\x9f]")
_XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _plain_workbook(box: ChartBox) -> list[tuple[str, bytes]] | None:
    """XlsxWriter's workbook for ``box``, written here; None when XlsxWriter must write
    it (see :func:`workbook`)."""
    format_id = _NUMBER_FORMAT_IDS.get(box.number_format)
    texts = [*box.categories, *(s.name for s in box.series)]
    values = [v for s in box.series for v in s.values if v is not None]
    if (
        format_id is None
        or not box.categories
        or not box.series
        or len(box.series) > 25
        or any(not t or len(t) > 8000 or _SPECIAL_TEXT.search(t) for t in texts)
        or any(type(v) not in (int, float) or not math.isfinite(v) for v in values)
    ):
        return None
    strings: dict[str, int] = {}  # shared strings, numbered as first written
    for text in texts:
        strings.setdefault(text, len(strings))
    values_style = 1 if format_id == 0 else 2  # XlsxWriter shares an identical format
    last_column = _column(len(box.series) + 1)
    spans = f"1:{len(box.series) + 1}"
    rows = [f'<row r="1" spans="{spans}">']
    rows += [f'<c r="{_column(n + 2)}1" t="s"><v>{strings[s.name]}</v></c>' for n, s in enumerate(box.series)]
    rows.append("</row>")
    for index, category in enumerate(box.categories):
        r = index + 2
        rows.append(f'<row r="{r}" spans="{spans}"><c r="A{r}" s="1" t="s"><v>{strings[category]}</v></c>')
        for n, series in enumerate(box.series):
            value = series.values[index]
            cell = f"{_column(n + 2)}{r}"
            rows.append(f'<c r="{cell}" s="{values_style}"/>' if value is None else f'<c r="{cell}" s="{values_style}"><v>{value:.16G}</v></c>')
        rows.append("</row>")
    sheet = (
        f'<worksheet xmlns="{_MAIN_NS}" xmlns:r="{R_NS}"><dimension ref="A1:{last_column}{len(box.categories) + 1}"/>'
        '<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
        '<cols><col min="1" max="1" width="10.7109375" customWidth="1"/></cols>'
        f'<sheetData>{"".join(rows)}</sheetData>'
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
    )
    count = len(box.categories) + len(box.series)
    shared = "".join(f"<si><t>{_escape_text(text)}</t></si>" for text in strings)
    shared_xml = f'<sst xmlns="{_MAIN_NS}" count="{count}" uniqueCount="{len(strings)}">{shared}</sst>'
    xf = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    cell_xfs = [xf, xf]
    own_formats = ""
    if format_id:
        cell_xfs.append(f'<xf numFmtId="{format_id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>')
        if format_id >= 164:
            own_formats = f'<numFmts count="1"><numFmt numFmtId="{format_id}" formatCode="{box.number_format}"/></numFmts>'
    styles = (
        f'<styleSheet xmlns="{_MAIN_NS}">{own_formats}<fonts count="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/>'
        '<family val="2"/><scheme val="minor"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/>'
        '<diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        f'<cellXfs count="{len(cell_xfs)}">{"".join(cell_xfs)}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
        '</cellStyles><dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/>'
        "</styleSheet>"
    )
    base = _workbook_base()
    made = {
        "xl/worksheets/sheet1.xml": _XML_DECLARATION + sheet.encode("utf-8"),
        "xl/sharedStrings.xml": _XML_DECLARATION + shared_xml.encode("utf-8"),
        "xl/styles.xml": _XML_DECLARATION + styles.encode("utf-8"),
    }
    order = ("[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml", "xl/workbook.xml",
             "xl/sharedStrings.xml", "xl/styles.xml", "xl/theme/theme1.xml", "docProps/core.xml", "docProps/app.xml")
    return [(name, made[name] if name in made else base[name]) for name in order]


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@functools.lru_cache(maxsize=1)
def _workbook_base() -> dict[str, bytes]:
    """The parts of every chart workbook that never change (tools/make_workbook_base.py)."""
    from pathlib import Path

    with zipfile.ZipFile(Path(__file__).with_name("workbook-base.zip")) as base:
        return {name: base.read(name) for name in base.namelist()}


def _sub(parent: etree._Element, tag: str, val: str | None = None, **attrs: str) -> etree._Element:
    """A child ``c:tag`` (or ``a:tag`` when written ``a:…``) with ``val`` and ``attrs``."""
    name = _A + tag[2:] if tag.startswith("a:") else _C + tag
    element = etree.SubElement(parent, name)
    if val is not None:
        element.set("val", val)
    for key, value in attrs.items():
        element.set(key, value)
    return element


def _column(number: int) -> str:
    """Excel's column letters of 1-based column ``number`` (1 → A, 27 → AA)."""
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


class _ChartXml:
    """The chart part of one box (python-pptx's template for the chart type, styled as
    deckgen styles charts: brand colours, data labels instead of a value axis, a
    quiet category axis, the deck's faces)."""

    def __init__(self, box: ChartBox, *, number: int, latin: str, east_asian: str):
        self.box = box
        self.latin = latin
        self.east_asian = east_asian
        self.axis_ids = (str(100000 * number + 1), str(100000 * number + 2))
        self.label_sz = str(int(box.label_size_pt * _EMU_PER_PT) // 127)

    def chart_space(self) -> etree._Element:
        box = self.box
        doughnut = box.chart_type == "doughnut"
        space = etree.Element(f"{_C}chartSpace", nsmap={"c": C_NS, "a": A_NS, "r": R_NS})
        _sub(space, "date1904", "0")
        if doughnut:
            _sub(space, "roundedCorners", "0")
        chart = _sub(space, "chart")
        # The slide's title and the caption above the chart say what it shows.
        _sub(chart, "autoTitleDeleted", "1")
        plot_area = _sub(chart, "plotArea")
        if box.plot is not None:
            self._manual_layout(plot_area)
        elif doughnut:
            _sub(plot_area, "layout")
        if doughnut:
            self._doughnut(plot_area)
        else:
            self._bars_or_lines(plot_area)
            self._category_axis(plot_area)
            self._value_axis(plot_area)
        if box.legend or doughnut or len(box.series) > 1:
            legend = _sub(chart, "legend")
            # python-pptx writes RIGHT, its default position, as no value at all.
            _sub(legend, "legendPos", None if doughnut else "b")
            if box.chart_type != "column" and box.chart_type != "bar":
                _sub(legend, "layout")
            _sub(legend, "overlay", "0")
            self._text_properties(legend, bold=False, color=None, size=self.label_sz)
        if box.chart_type in ("line", "doughnut"):
            _sub(chart, "plotVisOnly", "1")
        _sub(chart, "dispBlanksAs", "gap")
        if box.chart_type in ("line", "doughnut"):
            _sub(chart, "showDLblsOverMax", "0")
        tx_pr = self._text_properties(space, bold=False, color=None, size="1800")
        end = etree.SubElement(tx_pr.find(f"{_A}p"), f"{_A}endParaRPr")
        if not doughnut:
            end.set("lang", "en-US")
        external = _sub(space, "externalData")
        external.set(f"{{{R_NS}}}id", WORKBOOK_RID)
        _sub(external, "autoUpdate", "0")
        return space

    # -- the plot ------------------------------------------------------------------

    def _manual_layout(self, plot_area: etree._Element) -> None:
        """The plot (inside its axes) at ``box.plot``, in shares of the chart frame,
        which PowerPoint, WPS and LibreOffice honour."""
        frame, plot = self.box.rect, self.box.plot
        assert plot is not None
        manual = _sub(_sub(plot_area, "layout"), "manualLayout")
        _sub(manual, "layoutTarget", "inner")
        _sub(manual, "xMode", "edge")
        _sub(manual, "yMode", "edge")
        for tag, value in (("x", (plot.x - frame.x) / frame.w), ("y", (plot.y - frame.y) / frame.h), ("w", plot.w / frame.w), ("h", plot.h / frame.h)):
            _sub(manual, tag, f"{value:.4f}")

    def _bars_or_lines(self, plot_area: etree._Element) -> None:
        box = self.box
        line = box.chart_type == "line"
        plot = _sub(plot_area, "lineChart" if line else "barChart")
        if not line:
            _sub(plot, "barDir", "bar" if box.chart_type == "bar" else "col")
        _sub(plot, "grouping", "standard" if line else "clustered")
        _sub(plot, "varyColors", "0")
        top = _highest_series(box)
        for i, series in enumerate(box.series):
            color = box.colors[i % len(box.colors)]
            ser = self._series_head(plot, i, series)
            if line:
                _sub(_sub(_sub(ser, "spPr"), "a:ln", w=str(3 * _EMU_PER_PT)), "a:solidFill").append(self._rgb(color))
                marker = _sub(ser, "marker")
                _sub(marker, "symbol", "circle")
                _sub(marker, "size", "8")
                marker_fill = _sub(marker, "spPr")
                _sub(marker_fill, "a:solidFill").append(self._rgb(color))
                _sub(_sub(marker_fill, "a:ln"), "a:solidFill").append(self._rgb(color))
                # Two close lines would print their labels on top of each other: the
                # highest line labels above its points, the others below theirs.
                self._data_labels(ser, number_format=series.number_format or box.number_format, color=color, position="t" if i == top else "b")
            else:
                _sub(_sub(ser, "spPr"), "a:solidFill").append(self._rgb(color))
                own = series.number_format
                if own and own != box.number_format:
                    # A series written with fewer decimals keeps them in its labels.
                    self._data_labels(ser, number_format=own, color=box.text_color, position="outEnd")
            self._series_tail(ser, i, series)
            if line:
                _sub(ser, "smooth", "0")
        self._data_labels(plot, number_format=box.number_format, color=box.text_color, position="t" if line else "outEnd")
        if line:
            _sub(plot, "marker", "1")
            _sub(plot, "smooth", "0")
        else:
            _sub(plot, "gapWidth", "60")
            if len(box.series) > 1:
                _sub(plot, "overlap", "-10")
        _sub(plot, "axId", self.axis_ids[0])
        _sub(plot, "axId", self.axis_ids[1])

    def _doughnut(self, plot_area: etree._Element) -> None:
        box = self.box
        plot = _sub(plot_area, "doughnutChart")
        _sub(plot, "varyColors")  # python-pptx writes "vary by category", its default, as no value
        for i, series in enumerate(box.series):
            ser = self._series_head(plot, i, series)
            if i == 0:
                _sub(_sub(ser, "spPr"), "a:ln", w=str(int(1.5 * _EMU_PER_PT)))
                for point in range(len(box.categories)):
                    d_pt = _sub(ser, "dPt")
                    _sub(d_pt, "idx", str(point))
                    fill = _sub(d_pt, "spPr")
                    _sub(fill, "a:solidFill").append(self._rgb(box.colors[point % len(box.colors)]))
                    _sub(_sub(fill, "a:ln"), "a:solidFill").append(self._rgb("FFFFFF"))
                if box.hidden_labels:
                    # Thin slices get a c:dLbl that says c:delete: PowerPoint, WPS and
                    # LibreOffice all honour it (a doughnut has no outside-end position).
                    labels = self._data_labels(ser, number_format=box.number_format, color=box.ring_label_color, position=None, bold=True)
                    for n, idx in enumerate(sorted(box.hidden_labels)):
                        label = etree.Element(f"{_C}dLbl")
                        _sub(label, "idx", str(idx))
                        _sub(label, "delete", "1")
                        labels.insert(n, label)
            self._series_tail(ser, i, series)
        # Without showVal neither LibreOffice nor PowerPoint prints the figures on the ring.
        self._data_labels(plot, number_format=box.number_format, color=box.ring_label_color, position=None, bold=True)
        _sub(plot, "firstSliceAng", "0")
        _sub(plot, "holeSize", "50")

    def _series_head(self, plot: etree._Element, index: int, series: ChartSeries) -> etree._Element:
        """``c:ser`` with its index, order and name (the name's cell above its column)."""
        ser = _sub(plot, "ser")
        _sub(ser, "idx", str(index))
        _sub(ser, "order", str(index))
        ref = _sub(_sub(ser, "tx"), "strRef")
        _sub(ref, "f").text = f"Sheet1!${_column(index + 2)}$1"
        cache = _sub(ref, "strCache")
        _sub(cache, "ptCount", "1")
        _sub(_sub(cache, "pt", idx="0"), "v").text = series.name
        return ser

    def _series_tail(self, ser: etree._Element, index: int, series: ChartSeries) -> None:
        """The series' categories and values (cached, with their cells)."""
        box = self.box
        rows = len(box.categories) + 1
        ref = _sub(_sub(ser, "cat"), "strRef")
        _sub(ref, "f").text = f"Sheet1!$A$2:$A${rows}"
        cache = _sub(ref, "strCache")
        _sub(cache, "ptCount", str(len(box.categories)))
        for idx, name in enumerate(box.categories):
            _sub(_sub(cache, "pt", idx=str(idx)), "v").text = name
        column = _column(index + 2)
        ref = _sub(_sub(ser, "val"), "numRef")
        _sub(ref, "f").text = f"Sheet1!${column}$2:${column}${len(series.values) + 1}"
        cache = _sub(ref, "numCache")
        _sub(cache, "formatCode").text = box.number_format
        _sub(cache, "ptCount", str(len(series.values)))
        for idx, value in enumerate(series.values):
            if value is not None:  # an X is a gap, not a zero
                _sub(_sub(cache, "pt", idx=str(idx)), "v").text = str(value)

    def _data_labels(self, parent: etree._Element, *, number_format: str, color: str, position: str | None, bold: bool = False) -> etree._Element:
        """``c:dLbls`` showing the values in ``number_format``, at ``position``."""
        labels = _sub(parent, "dLbls")
        _sub(labels, "numFmt", formatCode=number_format, sourceLinked="0")
        self._text_properties(labels, bold=bold, color=color, size=self.label_sz)
        if position is not None:
            _sub(labels, "dLblPos", position)
        for flag, value in (("showLegendKey", "0"), ("showVal", "1"), ("showCatName", "0"), ("showSerName", "0"),
                            ("showPercent", "0"), ("showBubbleSize", "0"), ("showLeaderLines", "1")):
            _sub(labels, flag, value)
        return labels

    # -- axes ----------------------------------------------------------------------

    def _category_axis(self, plot_area: etree._Element) -> None:
        bar = self.box.chart_type == "bar"
        axis = _sub(plot_area, "catAx")
        _sub(axis, "axId", self.axis_ids[0])
        # Bars read top-down in the order written, as a list does.
        _sub(_sub(axis, "scaling"), "orientation", "maxMin" if bar else "minMax")
        _sub(axis, "delete", "0")
        _sub(axis, "axPos", "l" if bar else "b")
        _sub(axis, "majorTickMark", "out")
        _sub(axis, "minorTickMark", "none")
        _sub(axis, "tickLblPos", "nextTo")
        _sub(_sub(_sub(axis, "spPr"), "a:ln"), "a:solidFill").append(self._rgb(self.box.grid_color))
        self._text_properties(axis, bold=False, color=self.box.text_color, size=self.label_sz)
        _sub(axis, "crossAx", self.axis_ids[1])
        _sub(axis, "crosses", "autoZero")
        _sub(axis, "auto", "1")
        _sub(axis, "lblAlgn", "ctr")
        _sub(axis, "lblOffset", "100")
        _sub(axis, "noMultiLvlLbl", "0")

    def _value_axis(self, plot_area: etree._Element) -> None:
        """A hidden value axis (the labels carry the figures), without gridlines."""
        axis = _sub(plot_area, "valAx")
        _sub(axis, "axId", self.axis_ids[1])
        _sub(axis, "scaling")
        _sub(axis, "delete")  # python-pptx writes "deleted", its default, as no value
        _sub(axis, "axPos", "b" if self.box.chart_type == "bar" else "l")
        _sub(axis, "majorTickMark", "out")
        _sub(axis, "minorTickMark", "none")
        _sub(axis, "tickLblPos", "nextTo")
        _sub(axis, "crossAx", self.axis_ids[0])
        _sub(axis, "crosses", "autoZero")

    # -- text ----------------------------------------------------------------------

    def _text_properties(self, parent: etree._Element, *, bold: bool, color: str | None, size: str) -> etree._Element:
        """``c:txPr`` whose paragraph defaults name the deck's Latin and East-Asian
        faces (without ``a:ea`` PowerPoint and WPS set Chinese in another face)."""
        tx_pr = _sub(parent, "txPr")
        etree.SubElement(tx_pr, f"{_A}bodyPr")
        etree.SubElement(tx_pr, f"{_A}lstStyle")
        paragraph = etree.SubElement(tx_pr, f"{_A}p")
        defaults = etree.SubElement(etree.SubElement(paragraph, f"{_A}pPr"), f"{_A}defRPr", sz=size)
        if bold:
            defaults.set("b", "1")
        defaults.set("lang", "zh-CN")
        if color is not None:
            etree.SubElement(defaults, f"{_A}solidFill").append(self._rgb(color))
        etree.SubElement(defaults, f"{_A}latin", typeface=self.latin)
        etree.SubElement(defaults, f"{_A}ea", typeface=self.east_asian)
        etree.SubElement(defaults, f"{_A}cs", typeface=self.latin)
        return tx_pr

    @staticmethod
    def _rgb(color: str) -> etree._Element:
        return etree.Element(f"{_A}srgbClr", val=color.upper())


def _highest_series(box: ChartBox) -> int:
    """The index of the series that runs highest (mean of its known figures)."""
    def mean(values) -> float:
        known = [v for v in values if v is not None]
        return sum(known) / len(known) if known else float("-inf")

    return max(range(len(box.series)), key=lambda i: mean(box.series[i].values)) if box.series else 0
