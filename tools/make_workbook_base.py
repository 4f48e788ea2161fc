"""Write deckgen/render/workbook-base.zip: the parts of a chart's workbook that never
change (content types, relationships, workbook, theme, document properties), as
XlsxWriter writes them. deckgen/render/charts.py writes the sheet, its shared strings
and styles itself and takes these as they are; tests/render/test_chart_parts.py checks
the whole workbook against XlsxWriter's. Run again after upgrading XlsxWriter if that
test fails: python tools/make_workbook_base.py
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CONSTANT = ("[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/workbook.xml", "xl/theme/theme1.xml", "docProps/core.xml", "docProps/app.xml")


def main() -> None:
    from deckgen.kinds.chart_box import ChartBox, ChartSeries
    from deckgen.layout.elements import Rect
    from deckgen.render.charts import _xlsxwriter_parts, _xlsxwriter_workbook

    box = ChartBox(Rect(0, 0, 100, 100), "column", ("甲",), (ChartSeries("乙", (1.0,)),), ("000000",), "000000", "000000", 18)
    made = dict(_xlsxwriter_parts(_xlsxwriter_workbook(box)))  # with fixed creation dates
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in CONSTANT:
            info = zipfile.ZipInfo(name, (2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, made[name])
    (ROOT / "deckgen" / "render" / "workbook-base.zip").write_bytes(out.getvalue())


if __name__ == "__main__":
    main()
