"""The icon set and the word chooser: pictures follow the words, siblings differ."""

import pytest

from deckgen.layout.icons import FALLBACK, GRID, ICONS, choose_icon, choose_icons, parse_path


@pytest.mark.parametrize(
    ("title", "icon"),
    [
        ("全面加强党的建设", "flag"),
        ("坚持党建引领", "flag"),
        ("守牢安全生产底线", "shield"),
        ("推动绿色低碳发展", "leaf"),
        ("深化法治邮政建设", "scales"),
        ("提升普遍服务水平", "hands"),
        ("深化改革创新", "bulb"),
        ("强化行业监管", "magnifier"),
        ("建设高素质干部队伍", "people"),
        ("畅通寄递物流网络", "truck"),
    ],
)
def test_titles_get_the_icon_their_words_name(title, icon):
    assert choose_icon(title) == icon


def test_the_earliest_keyword_wins():
    # 安全 comes before 发展 in the title, so the shield, not the chart.
    assert choose_icon("统筹安全与发展") == "shield"
    assert choose_icon("统筹发展与安全") == "chart"


def test_sibling_cards_show_different_icons_where_words_allow():
    titles = ["深化改革", "以科技创新提升服务", "加强党建", "守住安全", "服务民生", "依法治理"]
    icons = choose_icons(titles)
    # The second card's first word (创新) is taken by the first card; its 服务 is not.
    assert icons == ["bulb", "hands", "flag", "shield", "hands", "scales"]


def test_a_card_whose_only_word_is_taken_keeps_its_icon_rather_than_a_wrong_one():
    assert choose_icons(["深化改革", "推进科技创新"]) == ["bulb", "bulb"]


def test_text_without_keywords_gets_the_fallback_mark():
    assert choose_icon("其他事项") == FALLBACK
    assert choose_icon("") == FALLBACK


@pytest.mark.parametrize("name", sorted(ICONS))
def test_every_icon_parses_and_stays_inside_its_grid(name):
    points = [pt for path in ICONS[name].paths for seg in parse_path(path.commands) for pt in seg.points]
    assert points, name
    assert all(0.5 <= x <= GRID - 0.5 and 0.5 <= y <= GRID - 0.5 for x, y in points), name


def test_a_typo_in_a_path_is_an_error_not_a_silent_shape():
    with pytest.raises(ValueError):
        parse_path("M 1 2 L 3")
    with pytest.raises(ValueError):
        parse_path("M 1 2 Q 3 4")
