#!/usr/bin/env python3
"""Set-up and routine tasks with nothing but Python 3.11+.

    python3 dev.py deck    # make .venv, install deckgen, build every outline in decks/ into out/
    python3 dev.py test    # make .venv, install deckgen with test tools, run the tests
    python3 dev.py lint    # ruff and mypy, as configured in pyproject.toml (CI runs it)
    python3 dev.py bench   # run the benchmarks in bench/
    python3 dev.py serve   # make .venv, install deckgen with the studio, open the studio in the browser

The virtual environment lives in .venv/ and is refreshed only when pyproject.toml
changes. Extra arguments after `test` go to pytest (e.g. `python3 dev.py test -k cli`).
The tests run in one process per core (pytest-xdist, each test module whole in one
process, so a module's decks are built and converted once); `-n 0` runs them all in
this process (as --pdb needs), `-n 4` in four.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def ensure_env(extras: str) -> None:
    """Create .venv and install deckgen (editable) with ``extras``, once per pyproject."""
    if sys.version_info < (3, 11):
        sys.exit(f"deckgen needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        print("creating .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / f".installed-{extras or 'base'}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    print(f"installing deckgen{f'[{extras}]' if extras else ''} into .venv …", flush=True)
    target = f".[{extras}]" if extras else "."
    run([str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", target])
    stamp.write_text(digest)


#: pytest options that need every test in this one process.
ONE_PROCESS = ("--pdb", "--trace", "--co", "--collect-only", "--setup-plan", "no:xdist", "-pno:xdist")


def pytest_args(rest: list[str]) -> list[str]:
    """pytest's arguments for ``dev.py test``: the tests spread over the cores (one
    process per logical CPU, at most four; one LibreOffice at a time in each;
    PYTEST_XDIST_AUTO_NUM_WORKERS=N or ``-n N`` sets another count), whole modules per
    process (``--dist loadfile``) in the order collected (tests/conftest.py puts the
    longest first); ``-n 0`` or ``--pdb`` keeps them all in this process."""
    names = {arg.split("=")[0] for arg in rest}
    if names & set(ONE_PROCESS):
        return rest
    args = []
    if not names & {"-n", "--numprocesses"} and not any(arg.startswith("-n") and arg[2:].isalnum() for arg in rest):
        args += ["-n", "logical", "--maxprocesses=4"]
    if "--dist" not in names:
        args += ["--dist", "loadfile", "--no-loadscope-reorder"]
    return args + rest


def run(cmd: list[str]) -> None:
    code = subprocess.call(cmd, cwd=ROOT)
    if code:
        sys.exit(code)


def main(argv: list[str]) -> None:
    task, rest = (argv[0], argv[1:]) if argv else ("", [])
    if task == "deck":
        ensure_env("")
        run([str(PYTHON), "-m", "deckgen", "build", *rest])
    elif task == "test":
        ensure_env("test")
        run([str(PYTHON), "-m", "pytest", *pytest_args(rest)])
    elif task == "lint":
        ensure_env("test")
        run([str(PYTHON), "-m", "ruff", "check", *rest])
        run([str(PYTHON), "-m", "mypy"])
    elif task == "serve":
        ensure_env("serve")
        run([str(PYTHON), "-m", "deckgen", "serve", *rest])
    elif task == "bench":
        ensure_env("")
        for script in sorted((ROOT / "bench").glob("bench_*.py")):
            run([str(PYTHON), str(script), *rest])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
