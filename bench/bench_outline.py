"""Benchmark `deckgen outline` on long, realistic, non-repeating speeches.

Run: python bench/bench_outline.py [--sizes 250000,500000,1000000]

Text is made from the seed and corpus speeches: every paragraph is a real one with
its clauses shuffled and its figures replaced (seeded, so runs are comparable), so no
two paragraphs are alike and no cache answers for a repeat. The structure is what a
long report has: parts 一、…, groups （一）…, items 一是…, dash points, salutations
between passages and figures. Each size is timed as a whole process (`python -m
deckgen outline FILE -o DIR -q`), best of three; the goal is under 2 s for 1 MB and
time linear in length (the last column, µs per KB, stays flat).
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "tests" / "data" / "seed-speeches.txt", *sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt"))]
CN = "一二三四五六七八九十"
MARKER_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|[一二三四五六七八九十]+是|——|第[一二三四五六七八九十]+[，,]|\d+[.．])")


def chinese(n: int) -> str:
    tens, ones = divmod(n, 10)
    return ("" if tens <= 1 else CN[tens - 1]) + ("十" if tens else "") + (CN[ones - 1] if ones else "")


def source_paragraphs() -> list[str]:
    found = []
    for path in SOURCES:
        for line in path.read_text(encoding="utf-8").split("\n"):
            line = MARKER_RE.sub("", line.strip())
            if len(line) > 30 and "。" in line:
                found.append(line)
    return found


def scrambled(paragraph: str, rng: random.Random) -> str:
    """The paragraph with its clauses shuffled and every figure replaced."""
    pieces = [p for p in re.split(r"(?<=[，；。])", paragraph) if p]
    rng.shuffle(pieces)
    text = "".join(pieces).rstrip("，；") + "。"
    text = re.sub(r"\d+(?:\.\d+)?", lambda m: str(rng.randint(2, 9999)), text)
    return text if text.endswith("。") else text + "。"


def speech(size: int, seed: int = 7) -> str:
    """A speech of about ``size`` characters: title, parts, groups, items, figures."""
    rng = random.Random(seed)
    pool = source_paragraphs()
    out = ["在2025年全市经济工作会议上的讲话", "同志们：", scrambled(rng.choice(pool), rng)]
    length = sum(len(x) for x in out)
    part = 0
    while length < size:
        part += 1
        out.append(f"{chinese(part % 99 or 99)}、{scrambled(rng.choice(pool), rng)[:18].rstrip('，；。')}")
        for group in range(1, rng.randint(3, 7)):
            out.append(f"（{chinese(group)}）{scrambled(rng.choice(pool), rng)[:20].rstrip('，；。')}")
            out.append(scrambled(rng.choice(pool), rng))
            for item in range(1, rng.randint(3, 6)):
                out.append(f"{chinese(item)}是{scrambled(rng.choice(pool), rng)}")
            if rng.random() < 0.3:
                out.append(f"地区生产总值{rng.randint(100, 999)}.{rng.randint(1, 9)}亿元，增长{rng.randint(1, 9)}.{rng.randint(1, 9)}%。")
        if rng.random() < 0.5:
            out += ["各位代表！", scrambled(rng.choice(pool), rng)]
        for _ in range(rng.randint(0, 3)):
            out.append(f"——{scrambled(rng.choice(pool), rng)}")
        length = sum(len(x) + 1 for x in out)
    out.append("同志们，让我们团结一心、奋发有为，为全面完成今年各项目标任务而努力奋斗！")
    return "\n".join(out) + "\n"


def timed(path: Path, outdir: Path, *, folder: bool = False) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        target = f"{outdir / 'outlines'}/" if folder else str(outdir / "out.yaml")
        subprocess.run([sys.executable, "-m", "deckgen", "outline", str(path), "-o", target, "-q"], check=True, cwd=ROOT, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="125000,250000,500000,1000000", help="speech sizes in bytes (UTF-8), comma-separated")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        work_dir = Path(work)
        print(f"{'bytes':>10} {'chars':>9} {'seconds':>8} {'µs/KB':>7}")
        for size in (int(s) for s in args.sizes.split(",")):
            text = speech(size // 3)  # Chinese is 3 bytes a character in UTF-8
            path = work_dir / f"speech-{size}.txt"
            path.write_text(text, encoding="utf-8")
            data = path.stat().st_size
            seconds = timed(path, work_dir)
            print(f"{data:>10,} {len(text):>9,} {seconds:>8.2f} {seconds / (data / 1000) * 1e6:>7.0f}")
        # One file holding the five seed speeches 40 times over (200 speeches): every
        # copy must be named as a repeat without comparing every pair of speeches.
        seed = (ROOT / "tests" / "data" / "seed-speeches.txt").read_text(encoding="utf-8")
        path = work_dir / "repeated.txt"
        path.write_text("\n\n".join([seed] * 40), encoding="utf-8")
        seconds = timed(path, work_dir, folder=True)
        print(f"{path.stat().st_size:>10,} {'200 speeches':>9} {seconds:>8.2f} {seconds / (path.stat().st_size / 1000) * 1e6:>7.0f}")


if __name__ == "__main__":
    main()
