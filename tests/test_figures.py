"""Figures files fill X placeholders in metrics tables: `build --values`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pptx import Presentation

from deckgen.cli import cli
from deckgen.errors import InputError
from deckgen.figures import apply_figures
from deckgen.lint import placeholder_issues
from deckgen.outline.loader import load_outline
from deckgen.outline.model import has_placeholder

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "decks" / "postal-2024.yaml"
SMALL = ROOT / "tests" / "data" / "valid" / "small.yaml"


def _sample_figures(tmp_path: Path) -> tuple[Path, dict[str, dict[str, tuple[str, str]]]]:
    """A figures file with a section per metrics slide of the sample deck: a figure for every X."""
    outline = load_outline(SAMPLE)
    sections: dict[str, dict] = {}
    expected: dict[str, dict[str, tuple[str, str]]] = {}
    n = 0
    for part in outline.deck.parts:
        for slide in part.slides:
            for metric in slide.metrics:
                entry = {}
                n += 1
                if has_placeholder(metric.value):
                    entry["value"] = f"{n}.{n % 7}"
                if has_placeholder(metric.change):
                    entry["change"] = f"{n % 9}.5"
                if entry:
                    sections.setdefault(slide.title, {})[metric.indicator] = entry
                    expected.setdefault(slide.title, {})[metric.indicator] = (entry.get("value", ""), entry.get("change", ""))
    assert n >= 20, "the sample deck should have metrics tables"
    path = tmp_path / "figures.yaml"
    path.write_text(yaml.safe_dump(sections, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path, expected


def test_a_figures_file_fills_every_metric_placeholder_of_the_sample(tmp_path):
    figures, _ = _sample_figures(tmp_path)
    outline = load_outline(SAMPLE)
    assert any(has_placeholder(m.value) for p in outline.deck.parts for s in p.slides for m in s.metrics)
    assert apply_figures(outline, figures) == []
    for part in outline.deck.parts:
        for slide in part.slides:
            for metric in slide.metrics:
                assert not has_placeholder(metric.value), metric
                assert not has_placeholder(metric.change), metric
    assert not [i for i in placeholder_issues(outline) if ".metrics[" in i.path]


def test_the_built_deck_shows_the_figures(tmp_path):
    figures, expected = _sample_figures(tmp_path)
    out = tmp_path / "deck.pptx"
    result = CliRunner().invoke(cli, ["build", str(SAMPLE), "--values", str(figures), "-o", str(out)])
    assert result.exit_code == 0, result.output
    cells, cards = [], []
    for slide in Presentation(str(out)).slides:
        for shape in slide.shapes:
            if shape.has_table:
                # A wrapped cell or label has soft line breaks (\x0b): they set lines, not text.
                cells += [[c.text.replace("\x0b", "") for c in row.cells] for row in shape.table.rows]
            elif shape.name.startswith("KPI ") and shape.name.endswith(" text"):
                cards.append([p.text.replace("\x0b", "") for p in shape.text_frame.paragraphs])
    for rows in expected.values():
        for indicator, (value, change) in rows.items():
            in_table = any(row[0] == indicator and value in row[1] and change in row[3] for row in cells)
            # A KPI card: indicator, [caption], value and unit, change
            on_card = any(card[0] == indicator and card[-2].startswith(value) and change in card[-1] for card in cards)
            assert in_table or on_card, indicator
    # 近X keeps its qualifier: the figure goes in place of the X
    assert any(row[1].startswith("近") and "X" not in row[1] for row in cells)


def test_plain_indicators_fill_every_table_and_csv_works(tmp_path):
    csv_file = tmp_path / "figures.csv"
    csv_file.write_text("indicator,value,change\n邮政业务总量,12.5,3.1\n快递业务量,300,\n", encoding="utf-8")
    outline = load_outline(SMALL)
    assert apply_figures(outline, csv_file) == []
    metrics = outline.deck.parts[0].slides[0].metrics
    assert (metrics[0].value, metrics[0].change) == ("12.5", "增长3.1%")
    assert metrics[1].value == "近300"
    assert placeholder_issues(outline) == []


def test_unknown_indicators_are_errors_with_did_you_mean_and_line(tmp_path):
    figures = tmp_path / "figures.yaml"
    figures.write_text("邮政业务总量: 12.5\n# a comment\n快递业务总量: 3\n主要指数:\n  快递业务量: 1\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        apply_figures(load_outline(SMALL), figures)
    messages = [i.format() for i in caught.value.issues]
    assert messages[0].startswith(f"{figures}:3:1: unknown indicator “快递业务总量” (did you mean “")
    assert messages[1].startswith(f"{figures}:4:1: no metrics slide titled “主要指数” (did you mean “主要指标”?)")


def test_build_with_unknown_figures_exits_1_and_leaves_the_deck_untouched(tmp_path):
    out = tmp_path / "deck.pptx"
    out.write_bytes(b"the last good deck")
    figures = tmp_path / "figures.csv"
    figures.write_text("indicator,value\n邮政业务量,1\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(SMALL), "--values", str(figures), "-o", str(out)])
    assert result.exit_code == 1
    assert re.search(rf"{re.escape(str(figures))}:2:1: unknown indicator “邮政业务量” \(did you mean “邮政业务总量”\?\)", result.stderr)
    assert "Traceback" not in result.output
    assert out.read_bytes() == b"the last good deck"


def test_figures_that_fill_nothing_are_warned_about(tmp_path):
    figures = tmp_path / "figures.yaml"
    figures.write_text("邮政业务总量: 1\n", encoding="utf-8")
    outline = load_outline(SMALL)
    apply_figures(outline, figures)
    unused = apply_figures(outline, figures)  # second time: nothing left to fill
    assert [i.format(with_severity=True) for i in unused] == [
        f"{figures}:1:1: warning: figure for “邮政业务总量” fills nothing: the outline has no X left there"
    ]
    result = CliRunner().invoke(cli, ["build", str(SMALL), "--values", str(figures), "-o", str(tmp_path / "d.pptx")])
    assert result.exit_code == 0
    assert "fills nothing" not in result.stderr  # the first build filled it


@pytest.mark.parametrize(
    "name, text, where",
    [
        ("bad.yaml", "邮政业务总量: [1, 2]\n", "1:9"),
        ("bad.yaml", "邮政业务总量: 1\n邮政业务总量: 2\n", "2:1"),
        ("bad.yaml", "邮政业务总量: {value: 1\n", "2:1"),
        ("bad.csv", "name,value\n邮政业务总量,1\n", "1:1"),
        ("bad.txt", "邮政业务总量: 1\n", ""),
    ],
)
def test_broken_figures_files_are_reported_at_their_line(name, text, where, tmp_path):
    figures = tmp_path / name
    figures.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        apply_figures(load_outline(SMALL), figures)
    first = caught.value.issues[0].format()
    assert first.startswith(f"{figures}:{where}: " if where else f"{figures}: "), first


def test_example_figures_fill_every_placeholder_of_the_sample_deck(tmp_path):
    """Tables by indicator, the rest by `replace:`: no X is left on any slide, and --strict
    refuses nothing for placeholders."""
    from pptx import Presentation

    from deckgen.outline.model import PLACEHOLDER_RE

    root = Path(__file__).resolve().parent.parent
    figures = root / "examples" / "figures-postal-2024.yaml"
    out = tmp_path / "filled.pptx"
    sample = str(root / "decks" / "postal-2024.yaml")
    strict = CliRunner().invoke(cli, ["build", sample, "--values", str(figures), "--strict", "-o", str(out)])
    # --strict also refuses what the review finds (the sample's look-alike runs and stub
    # lines, issue 16), but no placeholder is among them
    refused = [line for line in strict.stderr.splitlines() if "(--strict refuses to build)" in line]
    assert strict.exit_code == (1 if refused else 0), strict.output
    assert [line for line in refused if "placeholder" in line] == []
    result = CliRunner().invoke(cli, ["build", sample, "--values", str(figures), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "placeholder" not in result.output
    leftovers = []
    for n, slide in enumerate(Presentation(str(out)).slides, start=1):
        for shape in slide.shapes:
            texts = [shape.text_frame.text] if shape.has_text_frame else []
            if shape.has_table:
                texts = [c.text for row in shape.table.rows for c in row.cells]
            leftovers += [f"slide {n}: {t}" for t in texts if PLACEHOLDER_RE.search(t)]
    assert not leftovers, "\n".join(leftovers)


def test_replacements_that_find_nothing_are_warned(tmp_path):
    from deckgen.figures import apply_figures
    from deckgen.outline.loader import load_outline

    root = Path(__file__).resolve().parent.parent
    figures = tmp_path / "f.yaml"
    figures.write_text("replace:\n  X市: 示例市\n  不存在的X: 无\n", encoding="utf-8")
    outline = load_outline(root / "decks" / "postal-2024.yaml")
    warnings = apply_figures(outline, figures)
    assert [w.format(with_severity=True) for w in warnings] == [f"{figures}:3:3: warning: replacement for “不存在的X” found nothing to replace"]
    assert outline.deck.organisation == "示例市邮政管理局"


SERIES_SLIDES = """\
    - kind: metrics
      title: 主要指标
      metrics:
        - {indicator: 邮政业务总量, value: X, unit: 亿元, change: 增长X%}
    - kind: metrics
      title: 五年数据
      columns: [2022年, 2023年, 2024年]
      metrics:
        - {indicator: 邮政业务总量, unit: 亿元, values: [X, 35.2, X], change: 年均增长X%}
        - {indicator: 快递业务量, unit: 万件, values: [X, X, X]}
    - kind: chart
      title: 收入
      categories: [2022年, 2023年, 2024年]
      series:
        - {name: 邮政业务收入, values: [X, X, 12.35]}
    """


def _series_outline(tmp_path: Path) -> Path:
    from smalldecks import one_part_outline

    return one_part_outline(tmp_path, SERIES_SLIDES)


def test_a_csv_column_per_table_column_fills_values_rows_and_chart_series(tmp_path):
    figures = tmp_path / "figures.csv"
    figures.write_text(
        "indicator,value,change,2022年,2023年,2024年\n"
        "邮政业务总量,41.6,18.2,29.3,,41.6\n"
        "快递业务量,,,15020,18300,21530\n"
        "邮政业务收入,,,9.35,11.6,\n",
        encoding="utf-8",
    )
    outline = load_outline(_series_outline(tmp_path))
    assert apply_figures(outline, figures) == []
    slides = outline.deck.parts[0].slides
    assert (slides[0].metrics[0].value, slides[0].metrics[0].change) == ("41.6", "增长18.2%")
    assert slides[1].metrics[0].values == ["29.3", "35.2", "41.6"]  # the empty 2023年 cell keeps 35.2
    assert slides[1].metrics[0].change == "年均增长18.2%"
    assert slides[1].metrics[1].values == ["15020", "18300", "21530"]
    assert slides[2].series[0].values == ["9.35", "11.6", "12.35"]
    assert placeholder_issues(outline) == []


def test_yaml_fills_values_by_column_title(tmp_path):
    figures = tmp_path / "figures.yaml"
    figures.write_text("快递业务量: {values: {2024年: 21530, 2022年: 15020, 2023年: ~}}\n", encoding="utf-8")
    outline = load_outline(_series_outline(tmp_path))
    assert apply_figures(outline, figures) == []
    assert outline.deck.parts[0].slides[1].metrics[1].values == ["15020", "X", "21530"]


def test_a_tilde_in_a_values_list_keeps_the_outline_s_x(tmp_path):
    figures = tmp_path / "figures.yaml"
    figures.write_text("快递业务量: {values: [~, 18300, ~]}\n", encoding="utf-8")
    outline = load_outline(_series_outline(tmp_path))
    apply_figures(outline, figures)
    assert outline.deck.parts[0].slides[1].metrics[1].values == ["X", "18300", "X"]


def test_csv_column_mistakes_are_errors_at_their_cell(tmp_path):
    figures = tmp_path / "figures.csv"
    figures.write_text(
        "indicator,2022年,2025年\n"
        "快递业务量,15020,1\n"
        "邮政业务收入,9.35,\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        apply_figures(load_outline(_series_outline(tmp_path)), figures)
    messages = [i.format() for i in caught.value.issues]
    assert messages == [f"{figures}:2:13: “快递业务量” has no column “2025年” (did you mean “2024年”?); its columns: 2022年、2023年、2024年"]
    single = tmp_path / "single.csv"
    single.write_text("indicator,slide,2024年\n邮政业务总量,主要指标,41.6\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        apply_figures(load_outline(_series_outline(tmp_path)), single)
    assert [i.format() for i in caught.value.issues] == [
        f"{single}:2:13: “邮政业务总量” has no columns (its table shows one value): write its figure under value, not under “2024年”"
    ]


def test_a_csv_header_needs_indicator_first_and_titled_unique_columns(tmp_path):
    for header, where, words in (
        ("value,indicator", "1:1", "the first column must be indicator"),
        ("indicator,2022年,,2024年", "1:17", "column 3 has no title"),
        ("indicator,2022年,2022年", "1:17", "column “2022年” is given twice"),
    ):
        figures = tmp_path / "figures.csv"
        figures.write_text(header + "\n快递业务量,1,2\n", encoding="utf-8")
        with pytest.raises(InputError) as caught:
            apply_figures(load_outline(_series_outline(tmp_path)), figures)
        message = caught.value.issues[0].format()
        assert message.startswith(f"{figures}:{where}: {words}"), message


def test_build_strict_passes_once_a_csv_fills_every_series_x(tmp_path):
    outline = _series_outline(tmp_path)
    figures = tmp_path / "figures.csv"
    figures.write_text(
        "indicator,value,change,2022年,2023年,2024年\n"
        "邮政业务总量,41.6,18.2,29.3,,41.6\n"
        "快递业务量,,,15020,18300,21530\n"
        "邮政业务收入,,,9.35,11.6,\n",
        encoding="utf-8",
    )
    out = tmp_path / "deck.pptx"
    result = CliRunner().invoke(cli, ["build", str(outline), "--strict", "--values", str(figures), "-o", str(out)])
    assert result.exit_code == 0, result.output
    chart = next(sh.chart for s in Presentation(str(out)).slides for sh in s.shapes if sh.has_chart)
    assert list(chart.series[0].values) == [9.35, 11.6, 12.35]
