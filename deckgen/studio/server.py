"""Run the studio: the app under uvicorn on this PC, and the browser opened on it."""

from __future__ import annotations

import os
import socket
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path

from deckgen.errors import DeckgenError

LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 8765


def serve(
    *,
    workspace: str | Path,
    host: str = LOOPBACK,
    port: int = DEFAULT_PORT,
    open_browser: bool = True,
    say: Callable[[str], None] = print,
) -> None:
    """Serve the studio until interrupted.

    Listens on ``host`` (this PC only by default). A busy ``port`` is refused with a
    message, except the default one, which moves on to the next free port. Raises
    :class:`DeckgenError` when the web libraries are missing or no port is free.
    """
    try:
        import uvicorn
    except ImportError:
        raise DeckgenError("the studio needs its web libraries: pip install 'deckgen[serve]' (or python3 dev.py serve)") from None
    from deckgen.studio.app import create_app

    port = _free_port(host, port, search=port == DEFAULT_PORT)
    shown = f"[{host}]" if ":" in host else host
    hosts = ["127.0.0.1", "localhost", "[::1]", "::1"] + ([host, shown] if host not in ("127.0.0.1", "localhost") else [])
    if host in ("0.0.0.0", "::"):
        hosts = ["*"]  # answers every name it is reached by: the user asked for the network
    app = create_app(workspace, allowed_hosts=hosts)
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown}:{port}/"
    say(f"deckgen studio: {url}")
    say(f"workspace: {Path(workspace).expanduser().resolve()}")
    if host not in (LOOPBACK, "localhost", "::1"):
        say(f"warning: listening on {host}: other computers on the network can open the studio")
    say("stop with Ctrl-C (your work is saved as you edit)")
    if open_browser:
        threading.Timer(1.0, lambda: webbrowser.open(url)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _free_port(host: str, port: int, *, search: bool) -> int:
    for candidate in range(port, port + (20 if search else 1)):
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
            if os.name != "nt":  # as uvicorn binds: a port left in TIME_WAIT by a stopped studio is free
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((host, candidate))
            except OSError:
                continue
            return candidate
    raise DeckgenError(f"port {port} on {host} is in use (another studio running?); give another with --port")
