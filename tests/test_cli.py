"""The command line as a user meets it: help, exit codes, build, --pdf, themes, schema."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from deckgen.cli import cli
from deckgen.outline.schema import schema_text

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "tests" / "data" / "valid" / "small.yaml"
BROKEN = ROOT / "tests" / "data" / "broken" / "type_error.yaml"
COMMANDS = sorted(cli.commands)


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_the_commands_of_the_product_are_all_there():
    assert set(COMMANDS) >= {"build", "check", "outline", "preview", "watch", "schema", "themes"}


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_every_help_has_an_example(command):
    result = run(*([command] if command else []), "--help")
    assert result.exit_code == 0
    assert "Example" in result.output


def test_readme_documents_every_command():
    readme = ROOT / "README.md"
    assert readme.is_file(), "README.md is missing"
    text = readme.read_text(encoding="utf-8")
    missing = [c for c in COMMANDS if not re.search(rf"deckgen {c}\b", text)]
    assert missing == [], f"README.md does not document: {', '.join(missing)}"


def test_usage_errors_exit_2():
    assert run("build", "--size", "5:4", str(SMALL)).exit_code == 2
    assert run("nonsense").exit_code == 2
    assert run("watch").exit_code == 2


def test_themes_lists_both_themes_with_colours_and_fonts():
    result = run("themes")
    assert result.exit_code == 0
    blocks = re.split(r"\n(?=\S)", result.stdout.strip())
    by_name = {block.split()[0]: block for block in blocks}
    assert {"postal-green", "gov-red"} <= set(by_name)
    for block in by_name.values():
        assert re.search(r"colours: .*primary #[0-9A-Fa-f]{6}", block)
        assert re.search(r"fonts:\s+latin \S.*; east-asian \S", block)
    assert by_name["postal-green"] != by_name["gov-red"]


def test_schema_prints_the_schema_and_writes_it_atomically(tmp_path):
    assert run("schema").stdout == schema_text()
    target = tmp_path / "outline.schema.json"
    assert run("schema", "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8") == schema_text()


def test_build_writes_the_deck_and_reports_it(tmp_path):
    out = tmp_path / "talk.pptx"
    result = run("build", str(SMALL), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert re.fullmatch(rf"{re.escape(str(out))}: (\d+) slides in [\d.]+ s\n", result.stdout)
    slides = int(result.stdout.split(": ")[1].split()[0])
    assert len(Presentation(str(out)).slides) == slides


def test_quiet_build_prints_nothing(tmp_path):
    result = run("build", "-q", str(SMALL), "-o", str(tmp_path / "x.pptx"))
    assert result.exit_code == 0
    assert result.output == ""


def test_a_broken_outline_leaves_the_existing_deck_byte_identical(tmp_path):
    out = tmp_path / "talk.pptx"
    assert run("build", str(SMALL), "-o", str(out)).exit_code == 0
    before = out.read_bytes()
    result = run("build", str(BROKEN), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == f"{BROKEN}:7:17: 'number' must be a whole number from 1 to 9999, not '第一'\n"
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["talk.pptx"]  # no temporary left behind


def test_build_strict_refuses_while_placeholders_remain(tmp_path):
    out = tmp_path / "talk.pptx"
    result = run("build", "--strict", str(SMALL), "-o", str(out))
    assert result.exit_code == 1
    assert f"{SMALL}:13:20: metric “邮政业务总量”: value holds an X placeholder" in result.stderr
    assert "(--strict refuses to build)" in result.stderr
    assert not out.exists()


def test_build_pdf_gives_one_page_per_slide(tmp_path):
    from rendercheck import soffice_or_skip

    from deckgen.office import pdf_page_count

    soffice_or_skip()
    out = tmp_path / "talk.pptx"
    result = run("build", "--pdf", str(SMALL), "-o", str(out))
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "talk.pdf"
    assert f"{pdf}\n" in result.stdout
    assert pdf_page_count(pdf) == len(Presentation(str(out)).slides)


def test_an_explicit_output_folder_must_exist_but_the_default_out_folder_is_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("build", str(SMALL), "-o", "typo/deck.pptx")
    assert result.exit_code == 1
    assert "-o typo/deck.pptx: folder typo does not exist; create it or fix the path" in result.output
    assert not (tmp_path / "typo").exists()
    result = run("build", str(SMALL))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "small.pptx").is_file()
    result = run("build", str(SMALL), "-o", "decks2")  # -o FOLDER may be new; its parent exists
    assert result.exit_code == 0, result.output
    assert (tmp_path / "decks2" / "small.pptx").is_file()


def test_ctrl_c_exits_130_with_one_line_and_leaves_no_deck(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    def interrupted(fd: int) -> None:  # Ctrl-C while the finished deck is being written
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    try:
        result = run("build", str(SMALL), "-o", str(tmp_path / "deck.pptx"))
    except KeyboardInterrupt:
        pytest.fail("the interrupt escaped the CLI")
    assert result.exit_code == 130
    assert result.output.strip() == "interrupted (Ctrl-C); no file was left half-written"
    assert "Aborted" not in result.output and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []
