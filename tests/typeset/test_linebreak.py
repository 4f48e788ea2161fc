"""Chinese line breaking: kinsoku rules, whole words and numbers, no lost text."""

from __future__ import annotations

import pytest

from deckgen.typeset.linebreak import (
    NO_LINE_END,
    NO_LINE_START,
    break_opportunities,
    is_cjk,
    wrap,
)

from .conftest import char_count

SPEECH = (
    "这次会议的主要任务是：以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的"
    "十九大和十九届二中、三中、四中、五中全会以及全省邮政管理工作会议精神，总结2024年"
    "工作，回顾“十三五”时期行业改革发展成就——五年来，业务总量同比增长12.5%；"
    "（一）强化党建引领……党风廉政建设不断加强。GDP growth reached 6.5% in Q4。"
)


def test_a_break_is_allowed_between_two_ideographs():
    assert break_opportunities("邮政快递") == [1, 2, 3]


def test_closing_punctuation_never_starts_a_line():
    for mark in "。，、；：？！）》」』”’":
        assert 1 not in break_opportunities("好" + mark + "的"), mark


def test_opening_punctuation_never_ends_a_line():
    for mark in "（《「『“‘":
        assert 2 not in break_opportunities("好" + mark + "的"), mark


def test_ascii_closing_marks_and_middle_dot_never_start_a_line():
    for mark in ".,!?:;%)·":
        assert 1 not in break_opportunities("好" + mark + "的"), mark


@pytest.mark.parametrize("token", ["12.5%", "2024", "GDP", "X%", "Q4"])
def test_latin_words_and_numbers_are_never_split(token):
    text = "增长" + token + "以上"
    inside = range(3, 2 + len(token))
    assert not set(break_opportunities(text)) & set(inside)


def test_a_year_may_break_after_nian_but_its_digits_stay_together():
    opportunities = break_opportunities("总结2024年工作")
    assert 7 in opportunities  # 总结2024年|工作
    assert not {3, 4, 5} & set(opportunities)


def test_dash_and_ellipsis_are_never_split():
    text = "成就——五年来……加强"
    opportunities = break_opportunities(text)
    assert 3 not in opportunities and 8 not in opportunities
    assert {2, 4, 7, 9} <= set(opportunities)


def test_an_opening_mark_or_ellipsis_stays_with_the_latin_word_before_it():
    # as LibreOffice does: X（ and GDP…… and 5“ never break
    assert break_opportunities("X（一）") == []
    assert break_opportunities("GDP……好") == [5]
    assert break_opportunities("5“好”") == []
    assert break_opportunities("年（一）") == [1]


def test_a_hyphen_between_letters_is_a_break_opportunity_but_a_minus_is_not():
    assert 2 in break_opportunities("e-commerce")
    assert 3 in break_opportunities("Q1-Q3")
    assert break_opportunities("x-5") == []


def test_spaces_hang_at_the_end_of_the_line():
    assert wrap("Hello world", 5, char_count) == ["Hello ", "world"]


@pytest.mark.parametrize("width", [3, 4, 5, 7, 10, 13, 20, 37])
def test_wrapped_lines_obey_kinsoku_and_keep_every_character(width):
    lines = wrap(SPEECH, width, char_count)
    assert "".join(lines) == SPEECH
    for line in lines[1:]:
        assert line[0] not in NO_LINE_START, (width, line)
    for line in lines[:-1]:
        assert line.rstrip()[-1] not in NO_LINE_END, (width, line)


@pytest.mark.parametrize("width", [7, 10, 13, 20])
def test_wrapped_lines_keep_numbers_and_dashes_whole(width):
    joined_breaks = "|".join(wrap(SPEECH, width, char_count))
    for token in ("2024", "12.5%", "——", "……", "growth", "6.5%"):
        assert token in joined_breaks, (width, token)


@pytest.mark.parametrize("width", [4, 7, 10, 20])
def test_no_wrapped_line_is_wider_than_the_width(width):
    assert all(char_count(line.rstrip()) <= width for line in wrap(SPEECH, width, char_count))


def test_a_word_wider_than_the_line_is_broken_by_characters():
    assert wrap("abcdefghij", 3, char_count) == ["abc", "def", "ghi", "j"]


def test_explicit_newlines_are_hard_breaks_and_empty_lines_are_kept():
    assert wrap("一二\n\n三四", 10, char_count) == ["一二", "", "三四"]


def test_empty_text_is_one_empty_line():
    assert wrap("", 10, char_count) == [""]


def test_greedy_wrap_fills_each_line():
    assert wrap("一二三四五六七", 3, char_count) == ["一二三", "四五六", "七"]


def test_punctuation_that_would_start_a_line_pulls_a_character_down():
    # 。 cannot start line 2, so 三 moves down with it.
    assert wrap("一二三。四五", 3, char_count) == ["一二", "三。四", "五"]


def test_is_cjk_separates_ideographs_and_fullwidth_forms_from_latin():
    assert is_cjk("邮") and is_cjk("，") and is_cjk("（")
    assert not is_cjk("A") and not is_cjk("1") and not is_cjk("%")
