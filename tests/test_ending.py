"""The command line ends at once, leaving a build's memory to the operating system
(deckgen.ending); used as a library or under a test's CliRunner, nothing is kept."""

from __future__ import annotations

import atexit
import gc
import os
import subprocess
import sys
import threading
import weakref
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen import ending
from deckgen.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "decks" / "postal-2024.yaml"


class _Made:
    """Something a build made (weakly referable)."""


class _Ended(Exception):
    def __init__(self, status: int) -> None:
        self.status = status


@pytest.fixture
def ended(monkeypatch):
    """The end raising :class:`_Ended` with the status, so ``ending.main`` returns here
    (replaced in ``ending`` only: a forked helper ends with the real ``os._exit``); the
    module's state as a fresh process has it."""
    monkeypatch.setattr(ending, "_kept", None)
    monkeypatch.setattr(ending, "_ending", False)

    def exit_now(status: int) -> None:
        raise _Ended(status)

    monkeypatch.setattr(ending, "_exit", exit_now)
    # What pytest and its plugins register to run at exit is theirs: as in a fresh
    # process, nothing of the command's is.
    monkeypatch.setattr(atexit, "_ncallbacks", lambda: 0)


def test_under_main_what_a_build_made_stays_until_the_process_ends(ended):
    def command() -> None:
        with ending.kept_until_exit():
            ending.keep(_Made())  # referred to by nothing else

    with pytest.raises(_Ended) as done:
        ending.main(command)
    assert done.value.status == 0
    gc.collect()
    assert ending._kept and isinstance(ending._kept[-1][0], _Made)  # freed by the operating system, not one by one


def test_building_a_folder_keeps_only_the_last_deck(ended):
    """Memory stays that of one deck however many outlines are built."""
    last = _Made()
    alive: list[weakref.ref] = []

    def command() -> None:
        with ending.kept_until_exit():
            first = _Made()
            alive.append(weakref.ref(first))
            ending.keep(first)
            del first
            ending.keep(last)

    with pytest.raises(_Ended):
        ending.main(command)
    gc.collect()
    assert alive[0]() is None  # the first deck's, freed when the next was kept
    assert ending._kept == [(last,)]


def test_as_a_library_or_under_a_cli_runner_nothing_is_kept(ended, tmp_path, monkeypatch):
    made = _Made()
    alive = weakref.ref(made)
    with ending.kept_until_exit():
        ending.keep(made)
    del made
    gc.collect()
    assert alive() is None
    monkeypatch.setenv("DECKGEN_CACHE_DIR", "")
    result = CliRunner().invoke(cli, ["build", str(SAMPLE), "-o", str(tmp_path / "deck.pptx"), "-q"])
    assert result.exit_code == 0, result.output
    assert ending._kept is None  # a test process building many decks keeps none of them


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (1, 1), (2, 2), ("no such deck", 1)])
def test_the_exit_status_is_the_one_sys_exit_gives(ended, capsys, code, status):
    def command() -> None:
        sys.exit(code)

    with pytest.raises(_Ended) as done:
        ending.main(command)
    assert done.value.status == status
    if isinstance(code, str):
        assert code in capsys.readouterr().err


def test_with_other_threads_running_python_ends_as_usual(ended):
    """The studio and watch run threads that may still write: they are waited for."""
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        with pytest.raises(SystemExit) as done:
            ending.main(lambda: sys.exit(3))
        assert done.value.code == 3
    finally:
        stop.set()
        other.join()


def test_with_a_function_to_run_at_exit_python_ends_as_usual(ended, monkeypatch):
    """A library's clean-up registered with atexit (a temporary folder's removal) runs."""
    monkeypatch.setattr(atexit, "_ncallbacks", lambda: 1)
    with pytest.raises(SystemExit) as done:
        ending.main(lambda: sys.exit(0))
    assert done.value.code == 0


def test_a_built_deck_and_its_report_are_complete_when_the_process_ends(tmp_path):
    """Ending with os._exit flushes nothing by itself: the report must be flushed first."""
    env = {**os.environ, "DECKGEN_CACHE_DIR": "", "PYTHONPATH": str(ROOT)}
    out = tmp_path / "deck.pptx"
    done = subprocess.run([sys.executable, "-m", "deckgen", "build", str(SAMPLE), "-o", str(out)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"{out}: 33 slides" in done.stdout
    assert done.stderr.rstrip().endswith("shorten it to keep it a statement")  # the sample's last finding, whole
    import zipfile

    assert zipfile.ZipFile(out).testzip() is None
    missing = subprocess.run([sys.executable, "-m", "deckgen", "build", str(tmp_path / "none.yaml")], env=env, capture_output=True, text=True)
    assert missing.returncode == 1 and "file not found" in missing.stderr
