"""`deckgen check` prints the review per slide (text and --json); build summarises it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from pptx import Presentation

from deckgen.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "decks" / "postal-2024.yaml"

DEFECTS = """\
title: 在全市邮政工作会议上的讲话
organisation: 市邮政管理局
date: 2024年1月
parts:
  - title: 一年来的工作
    slides:
      - kind: bullets
        title: 主要成绩
        bullets:
          - 坚持以人民为中心的发展思想，持续提升寄递服务质量和水平
          - 深入推进快递进村工程，打通农村寄递物流最后一公里
          - 加强行业安全监管，守牢寄递渠道安全底线
      - kind: bullets
        title: 主要成绩
        bullets:
          - 也增强自身实力
          - 深入推进快递进村工程，打通农村寄递物流最后一公里
          - 加强行业安全监管，守牢寄递渠道安全底线
"""


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "talk.yaml"
    path.write_text(DEFECTS, encoding="utf-8")
    return path


def test_check_prints_file_line_col_severity_slide_and_message(tmp_path):
    path = _write(tmp_path)
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert f"{path}:14:16: warning: slide 3: the title “主要成绩” is also the title of slide 2" in result.stdout
    assert f"{path}:16:13: warning: slide 3: the bullet “也增强自身实力” is not a complete phrase (it starts with “也”)" in result.stdout
    assert result.stdout.splitlines()[-1] == f"{path}: 0 errors, 2 warnings"


def test_check_json_gives_each_finding_as_data(tmp_path):
    path = _write(tmp_path)
    result = CliRunner().invoke(cli, ["check", str(path), "--json"])
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)["findings"]
    assert [(f["slide"], f["kind"], f["severity"], f["line"], f["col"]) for f in findings] == [
        (3, "duplicate-title", "warning", 14, 16),
        (3, "fragment", "warning", 16, 13),
    ]
    assert all(f["file"] == str(path) and f["message"] for f in findings)


def test_check_json_reports_schema_errors_with_no_slide(tmp_path):
    path = tmp_path / "talk.yaml"
    path.write_text("title: 讲话\nparts:\n  - title: 一\n    slides:\n      - kind: bulets\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path), "--json"])
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    assert findings and findings[0]["slide"] is None and findings[0]["severity"] == "error" and findings[0]["line"] == 5


def test_build_writes_the_deck_and_summarises_the_review_in_one_line(tmp_path):
    path = _write(tmp_path)
    out = tmp_path / "talk.pptx"
    result = CliRunner().invoke(cli, ["build", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(Presentation(str(out)).slides) == 4
    assert f"review: 1 repeated title, 1 fragment — deckgen check {path} for details" in result.stderr


def test_build_strict_refuses_a_deck_the_review_finds_fault_with(tmp_path):
    path = _write(tmp_path)
    out = tmp_path / "talk.pptx"
    result = CliRunner().invoke(cli, ["build", str(path), "-o", str(out), "--strict"])
    assert result.exit_code == 1
    assert "slide 3: the title “主要成绩” is also the title of slide 2; give each slide a title that says what it holds (--strict refuses to build)" in result.stderr
    assert not out.exists()
    fixed = DEFECTS.replace("title: 主要成绩\n        bullets:\n          - 也增强自身实力", "title: 重点任务\n        bullets:\n          - 增强行业自身实力")
    path.write_text(fixed, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(path), "-o", str(out), "--strict"])
    assert result.exit_code == 0, result.output
    assert "review:" not in result.stderr
