"""Figures in a speech become metrics rows: indicator, value, unit, change."""

from __future__ import annotations

import pytest

from deckgen.speech.metrics import extract_metrics

from .helpers import slides_of


def rows(paragraph: str) -> list[dict]:
    return [m.as_data() for m in extract_metrics(paragraph)]


def metrics_slides(data: dict) -> dict[str, list[dict]]:
    return {s["title"]: s for s in slides_of(data) if s["kind"] == "metrics"}


def test_result_with_change_and_qualifier_carried_over():
    found = rows("2024年全市邮政业务总量累计完成X亿元，同比增长X%；业务收入累计完成X亿元，同比增长X%。")
    assert found == [
        {"indicator": "邮政业务总量", "value": "X", "unit": "亿元", "change": "同比增长X%"},
        {"indicator": "邮政业务收入", "value": "X", "unit": "亿元", "change": "同比增长X%"},
    ]


def test_numbers_become_numbers_and_x_stays_text():
    found = rows("全县地区生产总值完成256亿元，财政总收入达到24.13亿元，跃居全省第一。")
    assert found == [
        {"indicator": "地区生产总值", "value": 256, "unit": "亿元"},
        {"indicator": "财政总收入", "value": 24.13, "unit": "亿元"},
    ]


def test_verb_before_indicator():
    found = rows("预计全年实现地方生产总值51.34亿元，同比增长14.5%。")
    assert found == [{"indicator": "地方生产总值", "value": 51.34, "unit": "亿元", "change": "同比增长14.5%"}]
    assert not extract_metrics("预计全年实现地方生产总值51.34亿元，同比增长14.5%。")[0].target


def test_respectively_changes_go_to_the_rows_before():
    found = rows("全年实现地区生产总值256亿元、一般公共预算收入24.5亿元，同比分别增长3.2%、5.8%。")
    assert found == [
        {"indicator": "地区生产总值", "value": 256, "unit": "亿元", "change": "同比增长3.2%"},
        {"indicator": "一般公共预算收入", "value": 24.5, "unit": "亿元", "change": "同比增长5.8%"},
    ]


def test_respectively_growth_without_absolute_values():
    found = rows("规模以上工业增加值、固定资产投资同比分别增长3.2%、5.8%。")
    # Only rates: the indicator says what the figure is (…增长), as for a single rate,
    # and no change column repeats a bare 增长.
    assert found == [
        {"indicator": "规模以上工业增加值增长", "value": 3.2, "unit": "%"},
        {"indicator": "固定资产投资增长", "value": 5.8, "unit": "%"},
    ]


def test_multiples_of_a_base_year_with_average_growth():
    found = extract_metrics(
        "2024年，全市邮政业业务总量和业务收入分别是“十二五”末的X倍和X倍，“十三五”期间年均分别增长X%和X%。"
    )
    assert [(m.indicator, m.value, m.unit, m.change, m.base) for m in found] == [
        ("邮政业业务总量", "X", "倍", "“十三五”期间年均增长X%", "“十二五”末"),
        ("邮政业业务收入", "X", "倍", "“十三五”期间年均增长X%", "“十二五”末"),
    ]


def test_targets_are_marked():
    found = extract_metrics("预计2024年，全市邮（快）件业务量完成X亿件，同比增长X%左右。")
    assert found[0].target
    assert found[0].as_data() == {"indicator": "邮（快）件业务量", "value": "X", "unit": "亿件", "change": "同比增长X%左右"}


@pytest.mark.parametrize(
    "paragraph",
    [
        "共累计筹措并向企业发放口罩X万只、消毒液X升、防护手套X副。",  # a list of supplies, not a table
        "在第九届全国县域经济基本竞争力排名中，我县位居第88位。",
        "为疫情防控捐款X元。",
    ],
)
def test_counts_that_are_not_indicators_are_left_out(paragraph):
    assert extract_metrics(paragraph) == []


def test_main_speech_tables(seed_outlines):
    tables = metrics_slides(seed_outlines[0].data)
    year = tables["2024年主要指标"]["metrics"]
    assert [r["indicator"] for r in year] == ["邮政业务总量", "邮政业务收入", "快递业务量", "快递业务收入"]
    assert year[2] == {"indicator": "快递业务量", "value": "X", "unit": "万件", "change": "同比增长X%"}
    growth = tables["“十三五”时期发展速度"]
    assert growth["headers"] == ["指标", "为“十二五”末的", "单位", "年均增长"]
    assert growth["metrics"][0] == {"indicator": "邮政业业务总量", "value": "X", "unit": "倍", "change": "增长X%"}
    assert len(growth["metrics"]) == 4
    scale = tables["五年来主要指标"]["metrics"]
    assert {"indicator": "备案末端网点", "value": "近X", "unit": "个"} in scale


def test_targets_get_their_own_table_in_the_arrangement_part(seed_outlines):
    part = seed_outlines[0].data["parts"][2]
    targets = [s for s in part["slides"] if s["kind"] == "metrics"]
    assert [t["title"] for t in targets] == ["2024年主要预期目标"]
    assert [r["indicator"] for r in targets[0]["metrics"]] == ["邮（快）件业务量", "全行业业务收入", "快递业务量", "快递业务收入"]
    assert all(r["change"].endswith("左右") for r in targets[0]["metrics"])
    assert "预计2024年" in targets[0]["notes"]


def test_metrics_stay_in_the_part_they_came_from(seed_outlines):
    first, second, third = seed_outlines[0].data["parts"]
    assert any(s["kind"] == "metrics" for s in first["slides"])
    assert not any(s["kind"] == "metrics" for s in second["slides"])
    assert first["slides"][0]["kind"] == "metrics"  # the part's opening paragraph holds the year's figures


def test_opening_figures_of_a_county_speech(seed_outlines):
    table = metrics_slides(seed_outlines[1].data)["主要指标"]["metrics"]
    assert table[0] == {"indicator": "地区生产总值", "value": 256, "unit": "亿元"}
    assert {"indicator": "地方一般预算收入", "value": 12.2, "unit": "亿元"} in table


def test_figures_inside_items_with_a_comparison(seed_outlines):
    table = metrics_slides(seed_outlines[4].data)["主要指标"]["metrics"]
    assert table[0] == {"indicator": "地方生产总值", "value": 51.34, "unit": "亿元", "change": "同比增长14.5%"}
    assert {"indicator": "城镇居民人均可支配收入", "value": 8984, "unit": "元", "change": "比上年增加967元"} in table
    assert table[-1]["indicator"] == "邮政业务收入"


def test_approximation_word_belongs_to_the_figure():
    rows = extract_metrics("城市公交分担率约为38%，建制村通客车率保持100%。")
    assert (rows[0].indicator, rows[0].value, rows[0].unit) == ("城市公交分担率", "约38", "%")
    assert (rows[1].indicator, rows[1].value) == ("建制村通客车率", "保持100%")


def test_a_rate_without_its_indicator_is_no_row():
    rows = extract_metrics("货运量突破1.2亿吨，同比增长4.6%。")
    assert [(r.indicator, r.value, r.unit, r.change) for r in rows] == [("货运量", "突破1.2", "亿吨", "同比增长4.6%")]
    assert extract_metrics("同比增长4.6%。") == []


def test_rate_only_keeps_its_verb_and_never_repeats_in_the_change():
    [row] = extract_metrics("规模以上工业增加值增长7.1%。")
    assert (row.indicator, row.value, row.unit, row.change) == ("规模以上工业增加值增长", 7.1, "%", "")


def test_goal_table_folds_units_whatever_the_order_of_rows():
    from deckgen.speech.slides import metrics_slides

    rows = extract_metrics("主要预期目标是：一般公共预算收入增长4%；城镇新增就业7万人以上。")
    [slide] = metrics_slides(rows, ["…"])
    assert slide["metrics"] == [
        {"indicator": "一般公共预算收入增长", "value": "4%"},
        {"indicator": "城镇新增就业", "value": "7万人以上"},
    ]


def test_labels_are_whole_names_from_real_reports():
    """Labels from the corpus reports (issue 16 item 4): a bare 总量 or 占全球 takes
    the subject said just before, a figure and its change joined by 、 are one row,
    a label with another figure in it is no label, and 新增 stays when the rest
    would be two characters."""
    def rows(text):
        return [m.as_data() for m in extract_metrics(text, outlook=False)]

    assert rows("国内生产总值增长6.6%，总量突破90万亿元。")[1] == {"indicator": "国内生产总值总量", "value": "突破90", "unit": "万亿元"}
    assert rows("生物医药海外授权交易255亿美元、占全球10%左右。")[1]["indicator"] == "生物医药海外授权交易占全球"
    assert rows("新设外资企业3.6万家、增长38.7%。") == [{"indicator": "新设外资企业", "value": 3.6, "unit": "万家", "change": "增长38.7%"}]
    assert rows("PM2.5年均浓度为26.3微克/立方米、下降7.4%，新增公园127座。") == [{"indicator": "新增公园", "value": 127, "unit": "座"}]
    assert rows("总量突破90万亿元。")[0]["indicator"] == "X总量"  # not said: a visible X


def test_a_rate_planned_at_a_figure_is_the_rate_with_its_change():
    """今年赤字率拟按2.8%安排，比去年预算高0.2个百分点 (2019 national report): the card
    shows 赤字率 2.8% with its change, not a label cut before its figure (比去年预算高)."""
    [rate, *_] = extract_metrics("今年赤字率拟按2.8%安排，比去年预算高0.2个百分点；财政赤字2.76万亿元。")
    assert (rate.indicator, rate.value, rate.unit, rate.change) == ("赤字率", 2.8, "%", "比去年预算高0.2个百分点")


def test_the_1998_reports_figures_keep_whole_labels():
    """比五年前增加5000万吨 is the change of the figure before it, not a card of its
    own labelled 比五年前增加; a share's label does not end in 的."""
    [grain] = extract_metrics("1997年粮食产量达到49250万吨，比五年前增加5000万吨，粮食生产上了一个新的台阶。", outlook=False)
    assert (grain.indicator, grain.value, grain.unit, grain.change) == ("粮食产量", 49250, "万吨", "比五年前增加5000万吨")
    [share] = extract_metrics("中等职业学校的在校生占高中阶段教育总人数的56%以上。", outlook=False)
    assert share.indicator == "中等职业学校的在校生占高中阶段教育总人数"
    [treaties] = extract_metrics("我国缔结或者参加国际条约187个。", outlook=False)
    assert (treaties.indicator, treaties.value) == ("我国缔结或者参加国际条约", 187)  # 条约, not 约187
    [coverage] = extract_metrics("广播和电视的人口覆盖率都达到85%以上。", outlook=False)
    assert coverage.indicator == "广播和电视的人口覆盖率"
    [rate] = extract_metrics("城市公交分担率约为38%。", outlook=False)
    assert (rate.indicator, rate.value) == ("城市公交分担率", "约38")
    gdp, growth = extract_metrics("1997年国内生产总值达到74772亿元，按可比价格计算，平均每年增长11%。", outlook=False)
    assert growth.indicator == "国内生产总值平均每年增长"  # a growth says whose
    city, village = extract_metrics("城镇人均居住面积增加到8.7平方米，农村增加到22平方米。", outlook=False)
    assert village.indicator == "农村人均居住面积"
