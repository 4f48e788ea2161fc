"""The studio's workspace: the one folder where the studio keeps a user's work.

    WORKSPACE/
      projects/<id>/outline.yaml     the talk's outline (what every edit saves)
                    history/NNNNNN.yaml   earlier versions, for undo
                    settings.json    name, original file name, slide size, figures file
                    figures.csv|yaml the figures that fill X placeholders, if given
                    speech.<ext>     the uploaded speech, kept as it came
                    out/             the last deck and PDF built for download
      templates/<digest>.pptx|potx   organisations' templates, uploaded once
                templates.json       their names as the user knew them

Every file name is chosen here (ids and digests), never taken from an upload, and
every write is atomic (:func:`deckgen.files.write_atomic`): closing the tab or
stopping the server never leaves half a file. Nothing is written outside the folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import sys
import time
from pathlib import Path

from deckgen.errors import DeckgenError
from deckgen.files import write_atomic
from deckgen.records import record

OUTLINE_FILE = "outline.yaml"
SETTINGS_FILE = "settings.json"
#: Versions kept for undo, per talk.
HISTORY_LIMIT = 100
#: Saves closer together than this are one step of undo (typing a title is one edit,
#: not one per character).
UNDO_PAUSE_SECONDS = 2.0
#: Talks and templates a workspace holds at most: uploads beyond are refused.
MAX_PROJECTS = 500
MAX_TEMPLATES = 50

_PROJECT_ID = re.compile(r"[0-9a-f]{12}")
_TEMPLATE_ID = re.compile(r"[0-9a-f]{16}")


class NotFound(DeckgenError):
    """A talk or template that the workspace does not hold (or a malformed id)."""


def default_workspace() -> Path:
    """The studio's folder under the user's data folder.

    ``%LOCALAPPDATA%\\deckgen\\studio`` on Windows, ``~/Library/Application
    Support/deckgen/studio`` on macOS, ``$XDG_DATA_HOME/deckgen/studio`` (default
    ``~/.local/share``) elsewhere.
    """
    if os.name == "nt":
        root = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        root = Path.home() / "Library" / "Application Support"
    else:
        root = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return root / "deckgen" / "studio"


@record
class Project:
    """One talk in the workspace."""

    id: str
    folder: Path

    @property
    def outline_file(self) -> Path:
        return self.folder / OUTLINE_FILE

    @property
    def out_dir(self) -> Path:
        return self.folder / "out"

    def outline_text(self) -> str:
        return self.outline_file.read_text(encoding="utf-8")

    def settings(self) -> dict:
        try:
            data = json.loads((self.folder / SETTINGS_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def update_settings(self, **changes) -> dict:
        settings = {**self.settings(), **changes}
        write_atomic(self.folder / SETTINGS_FILE, json.dumps(settings, ensure_ascii=False, indent=2).encode("utf-8"))
        return settings

    def figures_file(self) -> Path | None:
        name = self.settings().get("figures")
        if name in ("figures.csv", "figures.yaml"):
            path = self.folder / name
            return path if path.is_file() else None
        return None

    def updated(self) -> float:
        """When the outline was last saved (seconds since the epoch)."""
        try:
            return self.outline_file.stat().st_mtime
        except OSError:
            return 0.0

    def save_outline(self, text: str) -> bool:
        """Write ``text`` as the outline, keeping the version it replaces for undo.

        A save within :data:`UNDO_PAUSE_SECONDS` of the last one continues the same
        undo step. Returns False (and writes nothing) when the text is unchanged.
        """
        current = self.outline_text() if self.outline_file.exists() else None
        if current == text:
            return False
        if current is not None and (time.time() - self.updated() >= UNDO_PAUSE_SECONDS or not self._versions()):
            history = self.folder / "history"
            history.mkdir(exist_ok=True)
            versions = self._versions()
            number = int(versions[-1].stem) + 1 if versions else 1
            write_atomic(history / f"{number:06d}.yaml", current.encode("utf-8"))
            for old in versions[: max(0, len(versions) + 1 - HISTORY_LIMIT)]:
                old.unlink(missing_ok=True)
        write_atomic(self.outline_file, text.encode("utf-8"))
        return True

    def undo(self) -> bool:
        """Put the previous version back; False when there is none."""
        versions = self._versions()
        if not versions:
            return False
        write_atomic(self.outline_file, versions[-1].read_bytes())
        versions[-1].unlink()
        return True

    def undo_depth(self) -> int:
        return len(self._versions())

    def _versions(self) -> list[Path]:
        history = self.folder / "history"
        return sorted(p for p in history.glob("[0-9]*.yaml") if p.stem.isdigit()) if history.is_dir() else []


class Workspace:
    """The folder holding every talk and template of the studio."""

    def __init__(self, root: str | Path):
        self.root = Path(root).expanduser().resolve()

    @property
    def projects_dir(self) -> Path:
        return self.root / "projects"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    def ensure(self) -> None:
        """Create the workspace folders; raise DeckgenError when that is impossible."""
        try:
            self.projects_dir.mkdir(parents=True, exist_ok=True)
            self.templates_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DeckgenError(f"cannot use {self.root} as the studio's workspace ({exc.strerror}); give another folder with --workspace") from None

    def project(self, project_id: str) -> Project:
        """The talk ``project_id``; raise :class:`NotFound` for an unknown or malformed id."""
        if not _PROJECT_ID.fullmatch(project_id or ""):
            raise NotFound(f"no such talk: {project_id[:40]!r}")
        folder = self.projects_dir / project_id
        if not (folder / OUTLINE_FILE).is_file():
            raise NotFound(f"no such talk: {project_id}")
        return Project(project_id, folder)

    def projects(self) -> list[Project]:
        """Every talk, the most recently changed first."""
        found = [Project(p.name, p) for p in self.projects_dir.iterdir() if _PROJECT_ID.fullmatch(p.name) and (p / OUTLINE_FILE).is_file()] if self.projects_dir.is_dir() else []
        return sorted(found, key=lambda p: p.updated(), reverse=True)

    def new_project(self, outline_text: str, *, name: str, source: str) -> Project:
        """A new talk holding ``outline_text``; refused when the workspace is full."""
        self.ensure()
        if len(self.projects()) >= MAX_PROJECTS:
            raise DeckgenError(f"the workspace holds {MAX_PROJECTS} talks already; delete old ones in {self.projects_dir}")
        while True:
            project_id = secrets.token_hex(6)
            folder = self.projects_dir / project_id
            try:
                folder.mkdir()
                break
            except FileExistsError:
                continue
        project = Project(project_id, folder)
        write_atomic(project.outline_file, outline_text.encode("utf-8"))
        project.update_settings(name=name, source=source, created=time.time())
        return project

    def add_template(self, data: bytes, *, suffix: str, name: str) -> str:
        """Store a template's bytes under their digest; return its id."""
        self.ensure()
        template_id = hashlib.sha256(data).hexdigest()[:16]
        index = self.templates()
        if template_id not in index and len(index) >= MAX_TEMPLATES:
            raise DeckgenError(f"the workspace holds {MAX_TEMPLATES} templates already; delete old ones in {self.templates_dir}")
        write_atomic(self.templates_dir / f"{template_id}{suffix}", data)
        index[template_id] = {"name": name, "file": f"{template_id}{suffix}"}
        write_atomic(self.templates_dir / "templates.json", json.dumps(index, ensure_ascii=False, indent=2).encode("utf-8"))
        return template_id

    def templates(self) -> dict[str, dict]:
        """Template id -> ``{"name": …, "file": …}`` for every template still on disk."""
        try:
            index = json.loads((self.templates_dir / "templates.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(index, dict):
            return {}
        return {
            key: value
            for key, value in index.items()
            if _TEMPLATE_ID.fullmatch(key) and isinstance(value, dict) and (self.templates_dir / str(value.get("file", ""))).is_file()
            and str(value.get("file", "")).startswith(key)
        }

    def template_file(self, template_id: str) -> Path:
        entry = self.templates().get(template_id)
        if entry is None:
            raise NotFound(f"no such template: {template_id[:40]!r}")
        return self.templates_dir / entry["file"]
