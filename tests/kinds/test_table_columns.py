"""Metrics-table columns are sized from what they hold."""

from __future__ import annotations

import pytest

from deckgen.kinds.metrics import column_widths
from deckgen.typeset.typesetter import Typesetter
from deckgen.theme.loader import load_theme


@pytest.fixture(scope="module")
def ts():
    return Typesetter(load_theme("postal-green"))


def test_columns_span_the_table_and_long_text_gets_the_room(ts):
    columns = [
        ["指标", "党报党刊当日见报的县级以上党政机关", "智能快件箱"],
        ["数值", "X", "1234"],
        ["单位", "%", "组"],
        ["同比", "增长X%", "比上年提高X个百分点"],
    ]
    widths = column_widths(ts, columns, 18, 864)
    assert sum(widths) == pytest.approx(864)
    indicator, value, unit, change = widths
    assert indicator > change > value
    assert unit <= value


def test_a_long_header_wraps_rather_than_widening_a_column_of_short_figures(ts):
    columns = [
        ["指标", "党报党刊当日见报的县级以上党政机关"],
        ["2024年为“十二五”末的倍数", "X"],
        ["说明", "《X市邮政条例》颁布实施，出台了近X个政策文件"],
    ]
    widths = column_widths(ts, columns, 20, 864)
    header_one_line = ts.width("2024年为“十二五”末的倍数", 20, bold=True)
    assert widths[1] < header_one_line
