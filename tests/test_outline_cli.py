"""`deckgen outline`: speech text -> outline YAML files that build unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from deckgen.cli import cli
from deckgen.outline.schema import schema_text

ROOT = Path(__file__).resolve().parents[1]
SEED = Path(__file__).resolve().parent / "data" / "seed-speeches.txt"  # a copy of shared/seed/000_2da22abb2e613673.txt
PLAIN = ROOT / "tests" / "speech" / "data" / "plain.txt"
SINGLE = ROOT / "decks" / "postal-2024.speech.txt"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="module")
def seed() -> Path:
    if not SEED.is_file():
        pytest.skip(f"seed speeches not found at {SEED}")
    return SEED


def test_the_seed_gives_five_outlines_that_all_build(seed, tmp_path):
    out = tmp_path / "outlines"
    result = run("outline", str(seed), "-o", str(out))
    assert result.exit_code == 0, result.output
    outlines = sorted(out.glob("*.yaml"))
    assert [p.name[:3] for p in outlines] == ["01-", "02-", "03-", "04-", "05-"]
    assert (out / "outline.schema.json").read_text(encoding="utf-8") == schema_text()
    assert "repeats speech" in result.stderr  # the repeated speech is pointed out
    for path in outlines:
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=outline.schema.json")
    built = run("build", *map(str, outlines), "-o", str(tmp_path / "decks"))
    assert built.exit_code == 0, built.output
    assert len(list((tmp_path / "decks").glob("*.pptx"))) == 5


def test_running_twice_gives_identical_files(seed, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    assert run("outline", str(seed), "-o", str(first)).exit_code == 0
    assert run("outline", str(seed), "-o", str(second)).exit_code == 0
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert run("outline", str(seed), "-o", str(first)).exit_code == 0  # over the old files
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_one_speech_without_o_goes_to_stdout():
    result = run("outline", str(PLAIN))
    assert result.exit_code == 0
    data = yaml.safe_load(result.stdout)
    assert data["title"] and data["parts"]
    assert "no structure found" in result.stderr
    assert "no structure found" not in result.stdout.split("\ntitle:")[1]


def test_o_file_writes_the_outline_and_a_schema_beside_it(tmp_path):
    target = tmp_path / "talk.yaml"
    result = run("outline", str(SINGLE), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["title"] == "在2024年全市邮政工作会议上的讲话"
    assert (tmp_path / "outline.schema.json").is_file()
    assert run("build", str(target), "-o", str(tmp_path / "talk.pptx")).exit_code == 0


def test_an_existing_schema_beside_a_named_outline_is_kept(tmp_path):
    (tmp_path / "outline.schema.json").write_text("{}", encoding="utf-8")
    assert run("outline", str(PLAIN), "-o", str(tmp_path / "x.yaml")).exit_code == 0
    assert (tmp_path / "outline.schema.json").read_text(encoding="utf-8") == "{}"


def test_several_speeches_into_one_yaml_file_is_a_usage_error(seed, tmp_path):
    result = run("outline", str(seed), "-o", str(tmp_path / "talk.yaml"))
    assert result.exit_code == 2
    assert "holds 5 speeches; give a folder with -o" in result.stderr
    assert list(tmp_path.iterdir()) == []
    assert run("outline", str(seed)).exit_code == 2


@pytest.mark.parametrize(
    "content, words",
    [(None, "file not found"), (b"", "empty"), (b"PK\x03\x04\x00\x00binary\x00\x01\x02" * 20, "")],
)
def test_unreadable_speeches_exit_1_without_output(content, words, tmp_path):
    speech = tmp_path / "speech.txt"
    if content is not None:
        speech.write_bytes(content)
    out = tmp_path / "out"
    result = run("outline", str(speech), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {speech}: ")
    assert words in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_file_of_many_speeches_names_a_few_outlines_not_all(seed, tmp_path):
    many = tmp_path / "many.txt"
    many.write_text("\n\n".join([seed.read_text(encoding="utf-8")] * 20), encoding="utf-8")
    result = run("outline", str(many), "-o", str(tmp_path / "talk.yaml"))
    assert result.exit_code == 2
    assert "holds 100 speeches" in result.stderr and "(95 more)" in result.stderr
    assert result.stderr.count(".yaml") < 10
    assert "repeats speech 1" in result.stderr  # the copies are named as repeats
