"""`deckgen serve` at the command line: its options, its workspace, its refusals."""

from __future__ import annotations

import socket
import sys

import pytest
from click.testing import CliRunner

from deckgen.cli import cli
from deckgen.errors import DeckgenError
from deckgen.studio.server import serve
from deckgen.studio.workspace import default_workspace


def test_serve_is_documented_with_its_options():
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--port", "--host", "--workspace", "--no-browser", "127.0.0.1", "Example"):
        assert option in result.output


def test_the_workspace_defaults_to_the_users_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    if sys.platform.startswith("linux"):
        assert default_workspace() == tmp_path / "deckgen" / "studio"
    assert default_workspace().parts[-2:] == ("deckgen", "studio")


def test_a_port_in_use_is_refused_with_a_message(tmp_path):
    pytest.importorskip("uvicorn")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(DeckgenError, match=f"port {port} on 127.0.0.1 is in use"):
            serve(workspace=tmp_path, port=port, open_browser=False, say=lambda line: None)


def test_without_the_web_libraries_the_message_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as if not installed
    result = CliRunner().invoke(cli, ["serve", "--no-browser", "--workspace", str(tmp_path)])
    assert result.exit_code == 1
    assert "pip install 'deckgen[serve]'" in result.output
    assert "Traceback" not in result.output


def test_an_unusable_workspace_is_refused_with_a_message(tmp_path):
    pytest.importorskip("starlette")
    from deckgen.studio.app import create_app

    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(DeckgenError, match="cannot use .* as the studio's workspace"):
        create_app(blocker / "ws")
