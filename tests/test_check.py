"""`deckgen check`: every finding as file:line:col: severity: message, exit 1 on errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "decks" / "postal-2024.yaml"
BROKEN = ROOT / "tests" / "data" / "broken"
SMALL = ROOT / "tests" / "data" / "valid" / "small.yaml"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def _lines_with(path: Path, pattern: str) -> list[int]:
    return [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if re.search(pattern, line)]


def test_sample_deck_lists_every_metric_placeholder_and_exits_0():
    result = run("check", str(SAMPLE))
    assert result.exit_code == 0, result.output
    reported = {int(m.group(1)) for m in re.finditer(rf"{re.escape(str(SAMPLE))}:(\d+):\d+: warning: ", result.stdout)}
    value_lines = _lines_with(SAMPLE, r"^\s+value: .*(?<![A-Za-z])X(?![A-Za-z])")
    change_lines = _lines_with(SAMPLE, r"^\s+change: .*(?<![A-Za-z])X(?![A-Za-z])")
    assert value_lines and change_lines
    assert set(value_lines + change_lines) <= reported
    assert "error:" not in result.stdout


def test_summary_line_comes_last_and_counts_findings():
    result = run("check", str(SMALL))
    lines = result.stdout.splitlines()
    # 3 placeholders; the review: two short bullets on a thin slide, an untitled
    # statement headed by its part's title, which its divider shows too
    assert lines[-1] == f"{SMALL}: 0 errors, 5 warnings"
    assert len(lines) == 6
    assert sum(": warning: slide 4: metric" in line for line in lines) == 3
    assert [line.split(": warning: ")[1][:8] for line in lines if "the content fills" in line] == ["slide 7:"]
    assert any(": warning: slide 8: the title “今年的工作安排” is also the title of slide 6" in line for line in lines)
    assert "metric “快递业务量”: value holds an X placeholder: “近X”" in result.stdout


def test_strict_turns_warnings_into_errors():
    result = run("check", "--strict", str(SMALL))
    assert result.exit_code == 1
    assert f"{SMALL}:13:20: error: slide 4: metric “邮政业务总量”: value" in result.stdout
    assert f"{SMALL}:27:9: error: slide 7: the content fills" in result.stdout  # the review's findings too
    assert result.stdout.splitlines()[-1] == f"{SMALL}: 5 errors, 0 warnings"


@pytest.mark.parametrize(
    "name, where, words",
    [
        ("type_error.yaml", "7:17", "'number' must be a whole number"),
        ("unknown_key.yaml", "7:9", "unknown key 'bulets' in bullets (did you mean 'bullets'?)"),
        ("syntax_error.yaml", "6:18", "YAML syntax error"),
    ],
)
def test_broken_outlines_give_their_line_from_check_and_build(name, where, words, tmp_path):
    path = BROKEN / name
    checked = run("check", str(path))
    assert checked.exit_code == 1
    assert f"{path}:{where}: error: {words}" in checked.stdout
    assert "Traceback" not in checked.output
    built = run("build", str(path), "-o", str(tmp_path / "deck.pptx"))
    assert built.exit_code == 1
    assert f"{path}:{where}: {words}" in built.stderr
    assert "Traceback" not in built.output
    assert not (tmp_path / "deck.pptx").exists()


def test_every_file_is_checked_and_the_worst_exit_wins():
    result = run("check", str(SMALL), str(BROKEN / "type_error.yaml"))
    assert result.exit_code == 1
    assert f"{SMALL}: 0 errors, 5 warnings" in result.stdout
    assert f"{BROKEN / 'type_error.yaml'}: 1 error, 0 warnings" in result.stdout


def _outline(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "talk.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_theme_is_an_error_at_its_line(tmp_path):
    path = _outline(tmp_path, "title: 讲话\ntheme: postal-gren\nparts:\n  - title: 一\n    slides:\n      - kind: bullets\n        title: 甲\n        bullets: [乙]\n")
    result = run("check", str(path))
    assert result.exit_code == 1
    assert f"{path}:2:8: error: unknown theme 'postal-gren'" in result.stdout


def test_empty_part_and_duplicate_titles_are_warnings(tmp_path):
    path = _outline(
        tmp_path,
        "title: 讲话\nparts:\n  - title: 空的部分\n  - title: 二\n    slides:\n"
        "      - kind: bullets\n        title: 要点\n        bullets: [甲]\n"
        "      - kind: bullets\n        title: 要点\n        bullets: [乙]\n",
    )
    result = run("check", str(path))
    assert result.exit_code == 0
    # the empty part is shown by its divider alone (slide 3); the cover is 1, the agenda 2
    assert f"{path}:3:5: warning: slide 3: part “空的部分” has no slides" in result.stdout
    assert f"{path}:10:16: warning: slide 6: the title “要点” is also the title of slide 5" in result.stdout


def test_text_that_continues_is_reported_at_its_slide(tmp_path):
    bullets = "".join(f"          - 第{n}条要点：坚持以人民为中心的发展思想，持续提升邮政快递服务的质量和水平，推动行业高质量发展\n" for n in range(1, 31))
    path = _outline(tmp_path, "title: 讲话\nparts:\n  - title: 一\n    slides:\n      - kind: bullets\n        title: 很多要点\n        bullets:\n" + bullets)
    result = run("check", str(path))
    assert result.exit_code == 0
    assert re.search(rf"{re.escape(str(path))}:5:\d+: warning: .*continued on \d+ slides marked （续）", result.stdout)
    assert run("check", "--strict", str(path)).exit_code == 1


def test_missing_file_is_an_error_not_a_traceback(tmp_path):
    result = run("check", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 1
    assert "nope.yaml: error: file not found" in result.stdout
    assert "Traceback" not in result.output


def test_quiet_prints_errors_only():
    assert run("check", "-q", str(SMALL)).stdout == ""
    quiet_broken = run("check", "-q", str(BROKEN / "type_error.yaml"))
    assert quiet_broken.stdout.splitlines() == [f"{BROKEN / 'type_error.yaml'}:7:17: error: 'number' must be a whole number from 1 to 9999, not '第一'"]


def test_check_with_values_sees_the_filled_figures(tmp_path):
    figures = tmp_path / "figures.yaml"
    figures.write_text("邮政业务总量: {value: 12.5, change: 3.1}\n快递业务量: 3200\n", encoding="utf-8")
    result = run("check", "--values", str(figures), str(SMALL))
    assert result.exit_code == 0, result.output
    assert "placeholder" not in result.stdout
    # what is left is the review's: a thin slide and a repeated title (see above)
    assert result.stdout.splitlines()[-1] == f"{SMALL}: 0 errors, 2 warnings"


def test_missing_logo_and_fonts_of_the_theme_are_reported(tmp_path):
    theme = (ROOT / "assets" / "themes" / "gov-red-noto.yaml").read_text(encoding="utf-8")
    theme = theme.replace("logo: ../logos/gov-red.png", "logo: no-such-logo.png")
    theme = theme.replace("east_asian: Noto Serif CJK SC", "east_asian: FZXiaoBiaoSong-NoSuchFont")
    (tmp_path / "mine.yaml").write_text(theme, encoding="utf-8")
    logo_line = next(n for n, line in enumerate(theme.splitlines(), 1) if line.startswith("logo:"))
    path = _outline(tmp_path, "title: 讲话\ntheme: mine.yaml\nparts:\n  - title: 一\n    slides:\n      - kind: bullets\n        title: 甲\n        bullets: [乙]\n")
    result = run("check", str(path))
    assert result.exit_code == 1
    assert f"{tmp_path / 'mine.yaml'}:{logo_line}:7: error: logo file not found" in result.stdout
    fixed = theme.replace("logo: no-such-logo.png", "logo: " + str(ROOT / "assets" / "logos" / "gov-red.png"))
    (tmp_path / "mine.yaml").write_text(fixed, encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 0
    # A face not installed is measured with its declared stand-in, said once as a note.
    assert result.stderr.count("note: font 'FZXiaoBiaoSong-NoSuchFont' is not installed here: measured with 'Noto Serif CJK SC'") == 1
    assert "RuntimeWarning" not in result.output
