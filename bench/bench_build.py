"""Benchmark the build: the sample deck as a whole process, and long generated decks.

Run: python3 dev.py bench   (or python bench/bench_build.py)

Goals (2-core machine): sample deck under 1 s as a whole process; 2,000 slides under
4 s, growing linearly (python-pptx's own add_slide is quadratic: ~16 s for 2,000).
Reports, does not enforce: timing tests are flaky, this script is not.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing
SAMPLE = ROOT / "decks" / "postal-2024.yaml"


def whole_process(outline: Path, out: Path, runs: int = 3) -> float:
    """Best wall time of ``python -m deckgen build`` over ``runs`` runs.

    Bytecode caching is allowed (PYTHONDONTWRITEBYTECODE dropped) and a first run
    warms it, as on a user's machine where the installed package has its .pyc files.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-m", "deckgen", "build", str(outline), "-o", str(out), "-q"]
    subprocess.run(command, check=True, cwd=ROOT, env=env)
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, cwd=ROOT, env=env)
        best = min(best, time.perf_counter() - started)
    return best


def generated_outline(slides: int) -> dict:
    """An outline of about ``slides`` slides, cycling through the content kinds."""
    parts = []
    per_part = 100
    count = 2  # title + agenda
    n = 0
    while count < slides - 1:
        part = {"title": f"第{len(parts) + 1}部分 工作部署与重点任务", "slides": []}
        count += 1
        while len(part["slides"]) < per_part and count < slides - 1:
            n += 1
            kind = n % 4
            if kind == 0:
                slide = {"kind": "achievements", "title": f"强化党建引领，推进第{n}项重点工作", "items": [
                    {"headline": f"深化思想认识，做到第{k}项要求", "detail": "坚持把党建和党风廉政建设纳入重要议事日程，持续推动各项工作取得新进展"} for k in range(1, 5)]}
            elif kind == 1:
                slide = {"kind": "bullets", "title": f"五年来的成就 {n}", "bullets": ["行业在经济社会发展中的地位和作用日益凸显"] * 4}
            elif kind == 2:
                slide = {"kind": "metrics", "title": f"主要指标 {n}", "metrics": [
                    {"indicator": f"业务总量{k}", "value": "X", "unit": "亿元", "change": "同比增长X%"} for k in range(5)]}
            else:
                slide = {"kind": "statement", "title": f"总体要求 {n}", "text": "准确识变、科学应变、主动求变，在危机中育先机、于变局中开新局。"}
            slide["notes"] = "同志们：这次会议的主要任务是总结工作、部署任务。" * 3
            part["slides"].append(slide)
            count += 1
        parts.append(part)
    return {"title": "基准测试", "organisation": "X市邮政管理局", "date": "2024年", "parts": parts}


def in_process(outline: Path, out: Path) -> tuple[float, int]:
    from deckgen.build import build

    started = time.perf_counter()
    result = build(outline, out)
    return time.perf_counter() - started, result.slides


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        seconds = whole_process(SAMPLE, tmp / "sample.pptx")
        print(f"sample deck, whole process (best of 3): {seconds:.2f} s")
        for slides in (500, 1000, 2000):
            path = tmp / f"gen-{slides}.yaml"
            path.write_text(yaml.safe_dump(generated_outline(slides), allow_unicode=True), encoding="utf-8")
            seconds, made = in_process(path, tmp / f"gen-{slides}.pptx")
            print(f"generated outline: {made} slides in {seconds:.2f} s ({1000 * seconds / made:.2f} ms per slide)")
        seconds = whole_process(tmp / "gen-2000.yaml", tmp / "gen-2000.pptx", runs=1)
        print(f"2,000-slide outline, whole process: {seconds:.2f} s")


if __name__ == "__main__":
    main()
