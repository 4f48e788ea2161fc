"""What the studio does, as library calls: no web framework here.

Every operation of the page is one method of :class:`Studio`, calling the same
library functions as the command line: ``deckgen outline`` (derivation from a
document), outline validation, ``deckgen check``, layout, ``deckgen build`` and the
LibreOffice conversion. The preview is the build's own layout plan
(:func:`deckgen.layout.plan.plan_deck`) drawn as SVG (:mod:`deckgen.studio.drawing`).
Errors are :class:`~deckgen.errors.DeckgenError`; the web edge turns them into
messages on the page.
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import re
import threading
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import cast

import yaml

from deckgen.errors import DeckgenError, InputError, Issue
from deckgen.files import decode_text, write_atomic
from deckgen.layout.elements import Picture, Rect
from deckgen.outline import spec
from deckgen.outline.loader import Outline
from deckgen.outline.model import deck_from_data
from deckgen.outline.validate import validate_text
from deckgen.records import field, record
from deckgen.studio.drawing import Canvas, Faces, slide_svg
from deckgen.studio.workspace import Project, Workspace

#: Upload limits, in bytes: a speech (Word files with pictures run to a few MB), an
#: outline or figures file, a template (emblems and background pictures).
MAX_SPEECH_BYTES = 25 * 1024 * 1024
MAX_TEXT_BYTES = 2 * 1024 * 1024
MAX_TEMPLATE_BYTES = 40 * 1024 * 1024

SPEECH_SUFFIXES = (".docx", ".doc", ".wps", ".pdf", ".txt", ".md", ".rtf", ".odt")
OUTLINE_SUFFIXES = (".yaml", ".yml")
TEMPLATE_SUFFIXES = (".pptx", ".potx")
SLIDE_SIZES = ("16:9", "4:3")

#: libyaml's safe loader where PyYAML was built with it (ten times faster on a long outline).
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

log = logging.getLogger("deckgen.studio")

_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f<>:\"/\\|?*]")
_OUTLINE_SLIDE = re.compile(r"parts\[\d+\](?:\.slides\[\d+\])?")


def display_name(name: str | None, default: str = "未命名") -> str:
    """The last component of an uploaded file's name, for display only (never a path)."""
    raw = str(name or "")
    base = PureWindowsPath(PurePosixPath(raw).name).name  # "..\\..\\x.docx" and "a/b.docx" alike
    cleaned = _UNSAFE_NAME.sub("", base).strip(" .")
    return cleaned[:120] or default


def suffix_of(name: str) -> str:
    return PurePosixPath(display_name(name, "")).suffix.lower()


@record
class SlideView:
    """One deck slide as the page shows it."""

    number: int
    source: str  # outline path of what it shows ("" the cover, "parts[0]" a divider, "closing")
    kind: str
    title: str
    key: str  # changes when the drawing changes
    svg: str


@record
class Preview:
    """The outline's state after an edit: its errors, else the drawn slides."""

    errors: list[Issue] = field(default_factory=list)
    slides: list[SlideView] = field(default_factory=list)
    findings: list[Issue] = field(default_factory=list)  # what layout had to do (continued, shrunk)
    warnings: list[str] = field(default_factory=list)


class Studio:
    """The studio's operations on one workspace. Safe to share between threads:
    the work that measures and lays out runs one request at a time."""

    def __init__(self, workspace: Workspace):
        self.workspace = workspace
        self.lock = threading.RLock()
        self._typesetters: dict[tuple, object] = {}
        self._drawings: dict[str, str] = {}  # slide key -> svg, bounded
        self._images: dict[str, dict[str, Path]] = {}  # project -> picture key -> file
        self._sources: dict[str, list[str]] = {}  # project -> each deck slide's outline path

    # ----- starting a talk -------------------------------------------------------
    def open_upload(self, data: bytes, *, filename: str) -> list[Project]:
        """New talk(s) from an uploaded speech or outline; one per speech in the file.

        Raises DeckgenError (with the user's file name) for a file deckgen cannot read.
        """
        name = display_name(filename, "讲话稿")
        suffix = suffix_of(name)
        if suffix in OUTLINE_SUFFIXES:
            if len(data) > MAX_TEXT_BYTES:
                raise DeckgenError(f"{name}: an outline of {len(data) // 1024} KB is larger than the {MAX_TEXT_BYTES // 1024} KB limit")
            text = decode_text(data, name=name, what="outline")
            validated = validate_text(text, spec.DECK, name)
            errors = [i for i in validated.issues if i.is_error]
            if errors:
                raise InputError(errors)
            title = str(cast(dict, validated.data).get("title") or name)
            with self.lock:
                return [self.workspace.new_project(text, name=title, source=name)]
        if suffix and suffix not in SPEECH_SUFFIXES:
            raise DeckgenError(f"{name}: not a speech or outline; choose a .docx, .doc, .wps, .pdf or .txt speech, or a .yaml outline")
        if len(data) > MAX_SPEECH_BYTES:
            raise DeckgenError(f"{name}: {len(data) // (1024 * 1024)} MB is larger than the {MAX_SPEECH_BYTES // (1024 * 1024)} MB limit for a speech")
        from deckgen.speech import derive_outlines, dump_outline
        from deckgen.speech.documents import document_from_bytes

        with self.lock:
            document = document_from_bytes(data, name=name, suffix=suffix)
            outlines = derive_outlines(document.text, source_name=name, tables=document.tables)
            projects = []
            for outline in outlines:
                text = dump_outline(outline, name, schema_ref=None)
                project = self.workspace.new_project(text, name=outline.title, source=name)
                write_atomic(project.folder / f"speech{suffix or '.txt'}", data)
                projects.append(project)
            return projects

    # ----- the outline -----------------------------------------------------------
    def state(self, project: Project, *, with_data: bool = True) -> dict:
        """What the page needs to show a talk: its YAML, its data tree (unless the page
        sent it: ``with_data=False``), its settings."""
        text = project.outline_text()
        settings = project.settings()
        return {
            "id": project.id,
            "name": settings.get("name") or "",
            "source": settings.get("source") or "",
            "yaml": text,
            "data": _data_tree(text) if with_data else None,
            "size": settings.get("size") or "",
            "figures": settings.get("figures") or "",
            "undo": project.undo_depth(),
        }

    def save_data(self, project: Project, data: object) -> None:
        """Save the page's edited data tree as the outline (comments at the top kept)."""
        if not isinstance(data, dict):
            raise DeckgenError("the outline must be a mapping with title and parts")
        from deckgen.speech.emit import to_yaml

        text = to_yaml(data)
        with self.lock:
            project.save_outline(_leading_comments(project.outline_text()) + text)

    def save_yaml(self, project: Project, text: str) -> None:
        """Save YAML text as typed: kept even when broken, so nothing typed is lost."""
        if len(text.encode("utf-8")) > MAX_TEXT_BYTES:
            raise DeckgenError(f"the outline is larger than the {MAX_TEXT_BYTES // 1024} KB limit")
        with self.lock:
            project.save_outline(text)

    def undo(self, project: Project) -> bool:
        with self.lock:
            return project.undo()

    def set_choice(self, project: Project, *, theme: str | None = None, size: str | None = None, template: str | None = None) -> None:
        """Theme, slide size and template chosen on the page.

        Theme and template go into the outline (``theme:``, ``template:``) so that
        ``deckgen build`` on the saved outline gives the same deck; the slide size is
        the build's ``--size`` and lives in the talk's settings.
        """
        with self.lock:
            if size is not None:
                if size not in ("", *SLIDE_SIZES):
                    raise DeckgenError(f"slide size {size[:20]!r}: choose 16:9 or 4:3")
                project.update_settings(size=size)
            if theme is None and template is None:
                return
            data = _data_tree(project.outline_text())
            if data is None:
                raise DeckgenError("the outline has a YAML error; fix it before choosing a theme or template")
            if theme is not None:
                from deckgen.theme.loader import builtin_themes

                if theme and theme not in builtin_themes():
                    raise DeckgenError(f"unknown theme {theme[:40]!r}; choose one of {', '.join(builtin_themes())}")
                _set_or_drop(data, "theme", theme)
            if template is not None:
                path = self.workspace.template_file(template) if template else None
                _set_or_drop(data, "template", f"../../templates/{path.name}" if path else "")
            self.save_data(project, data)

    # ----- figures and templates -------------------------------------------------
    def set_figures(self, project: Project, *, data: bytes, filename: str) -> list[Issue]:
        """Keep a figures file (CSV or YAML) or a pasted table for the talk; return its warnings.

        A pasted table (tab-separated, as copied from Excel or WPS) is stored as CSV.
        Raises InputError (with lines) when the library cannot read it.
        """
        name = display_name(filename, "数字表")
        if len(data) > MAX_TEXT_BYTES:
            raise DeckgenError(f"{name}: larger than the {MAX_TEXT_BYTES // 1024} KB limit for a figures file")
        text = decode_text(data, name=name, what="figures file", legacy_chinese=True)
        suffix = suffix_of(name)
        if suffix in OUTLINE_SUFFIXES:
            stored = "figures.yaml"
        else:
            stored = "figures.csv"
            if "\t" in text.split("\n", 1)[0]:
                out = io.StringIO()
                csv.writer(out, lineterminator="\n").writerows(line.split("\t") for line in text.splitlines() if line.strip())
                text = out.getvalue()
        from deckgen.figures import apply_figures
        from deckgen.outline.loader import load_outline

        with self.lock:
            candidate = project.folder / f"candidate-{stored}"
            write_atomic(candidate, text.encode("utf-8"))
            try:
                warnings = apply_figures(load_outline(project.outline_file), candidate)
            except InputError as exc:
                candidate.unlink(missing_ok=True)
                raise InputError([Issue(name if i.file == str(candidate) else i.file, i.line, i.col, i.message, i.severity, i.path) for i in exc.issues]) from None
            candidate.replace(project.folder / stored)
            project.update_settings(figures=stored)
        return [Issue(name, i.line, i.col, i.message, i.severity, i.path) for i in warnings]

    def clear_figures(self, project: Project) -> None:
        with self.lock:
            project.update_settings(figures="")

    def add_template(self, data: bytes, *, filename: str) -> str:
        """Keep an organisation's template in the workspace; return its id.

        Raises DeckgenError when it is too large or not a presentation deckgen can use.
        """
        name = display_name(filename, "单位模板.pptx")
        suffix = suffix_of(name)
        if suffix not in TEMPLATE_SUFFIXES:
            raise DeckgenError(f"{name}: a template is a PowerPoint .pptx or .potx file")
        if len(data) > MAX_TEMPLATE_BYTES:
            raise DeckgenError(f"{name}: larger than the {MAX_TEMPLATE_BYTES // (1024 * 1024)} MB limit for a template")
        if not data.startswith(b"PK\x03\x04"):
            raise DeckgenError(f"{name}: not a PowerPoint file (its content is not a .pptx/.potx package)")
        from deckgen.theme.template import read_template
        import tempfile

        with self.lock, tempfile.TemporaryDirectory(prefix="deckgen-template-") as tmp:
            probe = Path(tmp) / f"template{suffix}"
            probe.write_bytes(data)
            try:
                read_template(probe)
            except InputError as exc:
                raise DeckgenError(f"{name}: " + "; ".join(i.message for i in exc.issues)) from None
            return self.workspace.add_template(data, suffix=suffix, name=name)

    # ----- preview, check, build -------------------------------------------------
    def preview(self, project: Project, *, image_url) -> Preview:
        """Lay the saved outline out as ``build`` does and draw each slide.

        ``image_url(project_id, key)`` is where the page fetches a picture. A broken
        outline gives its errors and no slides (the page keeps the last drawing).
        """
        from deckgen.layout.plan import plan_deck
        from deckgen.typeset.typesetter import Typesetter

        with self.lock:
            outline, errors = self._load(project)
            if outline is None:
                return Preview(errors=errors)
            try:
                theme = self._theme(project, outline)
            except InputError as exc:
                return Preview(errors=list(exc.issues))
            except DeckgenError as exc:
                return Preview(errors=[outline.issue("theme", exc.format())])
            key = (theme.name, str(theme.source), str(theme.template), theme.slide_size, _stamp(theme.template))
            ts = self._typesetters.get(key)
            if ts is None:
                ts = self._typesetters[key] = Typesetter(theme)
            plan = plan_deck(outline.deck, theme, cast(Typesetter, ts))
            images: dict[str, Path] = {}

            def url(picture: Picture) -> str:
                image_key = hashlib.sha256(str(picture.path).encode("utf-8")).hexdigest()[:16]
                images[image_key] = picture.path
                return image_url(project.id, image_key)

            canvas = Canvas(plan.width_pt, plan.height_pt, plan.base, theme.color("text"), theme.color("background"), Faces.for_theme(theme), url)
            if theme.template is not None and plan.base is not None:
                canvas.backdrops = {
                    role: (url(Picture(Rect(0, 0, plan.width_pt, plan.height_pt), path)), theme.color("background" if dark else "text"))
                    for role, (path, dark) in self._backdrops(outline, theme, plan).items()
                }
            slides = []
            total = len(plan.slides)
            salt = repr((plan.width_pt, plan.height_pt, theme.name, str(theme.template), theme.colors, project.id, canvas.backdrops))
            for number, slide in enumerate(plan.slides, start=1):
                drawing_key = hashlib.sha256(f"{salt}|{number}|{total}|{slide!r}".encode()).hexdigest()[:20]
                svg = self._drawings.get(drawing_key)
                if svg is None:
                    svg = slide_svg(slide, number=number, total=total, canvas=canvas)
                    if len(self._drawings) > 4000:
                        self._drawings.clear()
                    self._drawings[drawing_key] = svg
                else:  # its pictures are still wanted
                    for element in slide.elements:
                        if isinstance(element, Picture):
                            url(element)
                slides.append(SlideView(number, slide.source_path, slide.kind, slide.title, drawing_key, svg))
            if plan.base is not None:
                for element in plan.base.master_elements + [e for layout in plan.base.layouts.values() for e in layout.elements]:
                    if isinstance(element, Picture):
                        url(element)
            self._images[project.id] = images
            self._sources[project.id] = [s.source for s in slides]
            findings = [outline.issue(f.path, f.message, f.severity) for f in plan.findings]
            return Preview(slides=slides, findings=findings, warnings=list(dict.fromkeys(plan.warnings)))

    def check(self, project: Project) -> list[dict]:
        """``deckgen check`` on the saved outline, each finding with the slides it concerns."""
        from deckgen.lint import check_outline

        with self.lock:
            figures = project.figures_file()
            issues = check_outline(project.outline_file, None, project.settings().get("size") or None, figures)
            sources = self._sources.get(project.id, [])
        return [issue_view(issue, sources=sources, outline_file=project.outline_file) for issue in issues]

    def image(self, project: Project, key: str) -> Path:
        """A picture the last preview of ``project`` showed; raise NotFound otherwise."""
        from deckgen.studio.workspace import NotFound

        path = self._images.get(project.id, {}).get(key)
        if path is None or not path.is_file():
            raise NotFound("no such picture")
        return path

    def build(self, project: Project) -> tuple[Path, str]:
        """Build the talk's deck into its ``out/`` folder; return the file and its download name."""
        from deckgen.build import build

        with self.lock:
            project.out_dir.mkdir(exist_ok=True)
            output = project.out_dir / "deck.pptx"
            build(project.outline_file, output, None, project.settings().get("size") or None, values=project.figures_file())
            title = _data_tree(project.outline_text()) or {}
            name = display_name(str(title.get("title") or project.settings().get("name") or "演示文稿"), "演示文稿")
            return output, f"{name[:80]}.pptx"

    def pdf(self, project: Project) -> tuple[Path, str]:
        """Build the deck and convert it to PDF with LibreOffice; return the file and its download name."""
        from deckgen.office import convert_to_pdf

        deck, name = self.build(project)
        with self.lock:
            pdfs = convert_to_pdf([deck], project.out_dir)
        return pdfs[0], name[: -len(".pptx")] + ".pdf"

    # ----- internals -------------------------------------------------------------
    def _backdrops(self, outline: Outline, theme, plan) -> dict[str, tuple[Path, bool]]:
        """Each template layout the deck uses, drawn empty by LibreOffice: role -> (PNG, dark?).

        Made once per template and slide size, kept in the workspace beside the
        templates; an empty result where LibreOffice is missing or fails (the preview
        then shows the template's boxes on a plain background).
        """
        from deckgen.office import convert_to_pdf, find_soffice, pdf_to_pngs
        from deckgen.layout.deck import DeckPlan
        from deckgen.layout.elements import SlidePlan
        from deckgen.render.slides import render_deck
        import tempfile
        from PIL import Image, ImageStat

        template = cast(Path, theme.template)
        roles = sorted(plan.base.layouts)
        digest = hashlib.sha256(template.read_bytes() + repr((roles, theme.layouts)).encode()).hexdigest()[:16]
        folder = self.workspace.templates_dir / "previews" / digest
        found = {role: folder / f"{role}.png" for role in roles}
        if not all(p.is_file() for p in found.values()):
            if find_soffice() is None:
                return {}
            blank = DeckPlan([SlidePlan("blank", "", [], layout=role) for role in roles], plan.width_pt, plan.height_pt, base=plan.base)
            try:
                with tempfile.TemporaryDirectory(prefix="deckgen-backdrop-") as tmp:
                    deck = Path(tmp) / "layouts.pptx"
                    deck.write_bytes(render_deck(blank, outline.deck, theme))
                    pdf = convert_to_pdf([deck], Path(tmp))[0]
                    pngs = pdf_to_pngs(pdf, Path(tmp) / "png", dpi=96)
                    folder.mkdir(parents=True, exist_ok=True)
                    for role, png in zip(roles, pngs):
                        write_atomic(found[role], png.read_bytes())
            except (DeckgenError, OSError) as exc:
                log.warning("template preview backgrounds not made: %s", exc)
                return {}
        out = {}
        for role, path in found.items():
            if path.is_file():
                with Image.open(path) as image:
                    # A dark layout: its placeholders' text is light (PowerPoint maps the text colour to lt1 there).
                    out[role] = (path, ImageStat.Stat(image.convert("L")).mean[0] < 110)
        return out

    def _load(self, project: Project) -> tuple[Outline | None, list[Issue]]:
        text = project.outline_text()
        validated = validate_text(text, spec.DECK, str(project.outline_file))
        errors = [i for i in validated.issues if i.is_error]
        if errors:
            return None, errors
        outline = Outline(deck_from_data(cast(dict, validated.data), str(project.outline_file)), project.outline_file, validated)
        figures = project.figures_file()
        if figures is not None:
            from deckgen.figures import apply_figures

            try:
                apply_figures(outline, figures)
            except InputError as exc:
                return None, list(exc.issues)
        return outline, []

    def _theme(self, project: Project, outline: Outline):
        from deckgen.theme.loader import template_for_outline
        from deckgen.theme.resolve import resolve_theme

        return template_for_outline(resolve_theme(outline, None, project.settings().get("size") or None), outline)


def issue_view(issue: Issue, *, sources: list[str], outline_file: Path) -> dict:
    """An issue as the page shows it: message, severity, the outline slide and deck slides it concerns."""
    path = issue.path or ""
    match = _OUTLINE_SLIDE.match(path)
    best = max((s for s in sources if s and (path == s or path.startswith(s + ".") or path.startswith(s + "["))), key=len, default=None)
    on_slide = getattr(issue, "slide", 0)  # the review of check names the built slide itself
    if on_slide:
        numbers = [on_slide]
    elif best is not None:
        numbers = [n for n, s in enumerate(sources, start=1) if s == best]
    elif path.split(".")[0].split("[")[0] in ("title", "subtitle", "organisation", "presenter", "date", "notes", "") and sources:
        numbers = [1]
    else:
        numbers = []
    own = Path(issue.file) == outline_file
    return {
        "severity": issue.severity,
        "message": issue.message,
        "line": issue.line,
        "where": f"第 {issue.line} 行" if issue.line and own else "",
        "file": "" if own else Path(issue.file).name,
        "path": path,
        "kind": getattr(issue, "kind", ""),
        "outline_slide": match.group(0) if match else "",
        "slides": numbers,
    }


def _data_tree(text: str) -> dict | None:
    """The outline's data as YAML gives it (shorthands kept), or None when it does not load."""
    try:
        data = yaml.load(text, Loader=_FAST_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError:
        return None
    return _plain(data) if isinstance(data, dict) else None


def _plain(value: object):
    """``value`` with what JSON cannot hold (dates, YAML's other scalars) as text."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _leading_comments(text: str) -> str:
    lines = []
    for line in text.splitlines(keepends=True):
        if not line.startswith("#"):
            break
        lines.append(line)
    return "".join(lines)


def _set_or_drop(data: dict, key: str, value: str) -> None:
    if value:
        data[key] = value
    else:
        data.pop(key, None)


def _stamp(path: Path | None) -> float:
    try:
        return path.stat().st_mtime if path else 0.0
    except OSError:
        return 0.0
