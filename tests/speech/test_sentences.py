"""Cutting Chinese text for slides: at clause boundaries, quotes kept whole or closed."""

from __future__ import annotations

from deckgen.speech.sentences import headline_and_rest, sentences, shorten, tidy


def test_sentences_do_not_split_inside_quotes():
    assert sentences("他说：“征途漫漫。惟有奋斗。”我们同意。") == ["他说：“征途漫漫。惟有奋斗。”我们同意。"]
    assert sentences("一是抓落实。二是抓队伍！") == ["一是抓落实。", "二是抓队伍！"]


def test_shorten_cuts_at_the_last_clause_that_fits():
    text = "牢固树立抓好党建是最大政绩的思想，坚持把党建和党风廉政建设纳入重要议事日程，持续推动各项工作取得新进展新成效"
    assert shorten(text, 48) == "牢固树立抓好党建是最大政绩的思想，坚持把党建和党风廉政建设纳入重要议事日程"


def test_shorten_closes_a_quotation_it_cuts():
    text = "今年南昌县邮政提出要“转变经营模式、扩大服务范围、提升效益规模，为实现综合“十强县局”而努力奋斗”的总体目标"
    assert shorten(text, 48) == "今年南昌县邮政提出要“转变经营模式、扩大服务范围、提升效益规模”"


def test_headline_is_the_leading_sentence():
    assert headline_and_rest("深化思想认识，做到“两个维护”。牢固树立抓好党建。") == ("深化思想认识，做到“两个维护”", "牢固树立抓好党建。")


def test_long_leading_sentence_gives_a_clause_headline():
    head, rest = headline_and_rest(
        "以实现扭亏为盈为目标，加强管理，努力提高企业整体素质，不断增强市场竞争力，促进邮政持续快速健康发展，努力实现良性循环。其余。"
    )
    # Cut at the last clause within 40 characters; what is cut off leads the rest.
    assert head == "以实现扭亏为盈为目标，加强管理，努力提高企业整体素质，不断增强市场竞争力"
    assert rest == "促进邮政持续快速健康发展，努力实现良性循环。其余。"


def test_figures_set_digit_by_digit_are_read_whole():
    """The 1998 report (as the gov.cn page sets it) spaces every digit: 1 9 9 9 年,
    8 ．8 ％. A slide shows 1999年 and 8.8%, and the metrics reader sees the figure."""
    assert tidy("澳门将于1 9 9 9 年1 2 月2 0 日回到祖国怀抱") == "澳门将于1999年12月20日回到祖国怀抱"
    assert tidy("去年经济增长8 ．8 ％，商品零售价格涨幅为0 ．8 ％") == "去年经济增长8.8%，商品零售价格涨幅为0.8%"
    assert tidy("国务院组成部门从4 0 个减少到2 9 个。") == "国务院组成部门从40个减少到29个。"
    # figures written the usual way are left as they are
    assert tidy("增长 6.6%，2024 年 3 月") == "增长 6.6%，2024 年 3 月"
