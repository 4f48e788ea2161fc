"""The studio's web edge: routes that parse a request, call :class:`Studio`, answer JSON.

Like the command line, this layer decides nothing about outlines or slides. It keeps
the server safe for a page on the user's own PC:

- only the page's own host names are answered (no DNS rebinding), and no CORS
  headers are sent, so other sites can neither read answers nor send the token;
- every request that changes anything carries the per-run token
  (``X-Deckgen-Token``, or ``?token=`` on a download link) and is refused without it;
- uploads are capped in size (read in chunks, refused past the limit) and in number
  at once, recognised by content, and stored under names the workspace chooses;
- every error becomes a message on the page; a failing request never stops the server.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import unquote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from deckgen import __version__
from deckgen.errors import DeckgenError, InputError, ToolMissingError
from deckgen.studio.service import MAX_SPEECH_BYTES, MAX_TEMPLATE_BYTES, MAX_TEXT_BYTES, Preview, Studio, issue_view
from deckgen.studio.workspace import NotFound, Workspace

STATIC = Path(__file__).parent / "static"
TOKEN_HEADER = "x-deckgen-token"
#: Uploads processed at once; more are asked to wait.
MAX_UPLOADS_AT_ONCE = 3
#: Largest JSON body (an outline's data tree, a settings change).
MAX_JSON_BYTES = 4 * 1024 * 1024

log = logging.getLogger("deckgen.studio")


class Refused(Exception):
    """A request the studio will not serve: its status and the message for the page."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def create_app(workspace: str | Path, *, token: str | None = None, allowed_hosts: list[str] | None = None) -> Starlette:
    """The studio as an ASGI app over ``workspace``.

    ``token`` is the secret the page must send with every change (random when not
    given); ``allowed_hosts`` the host names the server answers to (loopback names
    by default).
    """
    studio = Studio(Workspace(workspace))
    studio.workspace.ensure()
    token = token or secrets.token_urlsafe(24)
    uploads = asyncio.Semaphore(MAX_UPLOADS_AT_ONCE)
    hosts = allowed_hosts or ["127.0.0.1", "localhost", "[::1]", "::1"]

    def guarded(handler: Callable[[Request], Awaitable[Response]], *, changes: bool) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            try:
                if changes:
                    _require_token(request, token)
                return await handler(request)
            except Refused as exc:
                return _error(exc.status, exc.message)
            except NotFound as exc:
                return _error(404, exc.message)
            except InputError as exc:
                return JSONResponse({"error": "文件有问题，请按提示修改后再试。", "issues": [issue_view(i, sources=[], outline_file=Path()) for i in exc.issues]}, status_code=400)
            except ToolMissingError as exc:
                return _error(503, exc.message)
            except DeckgenError as exc:
                return _error(400, exc.message)
            except Exception:  # one failing request must not take the server down
                log.exception("studio request %s %s failed", request.method, request.url.path)
                return _error(500, "处理时出错了（详情见启动 deckgen serve 的窗口）。您的大纲已保存，可以重试或撤销上一步。")

        return endpoint

    def project_of(request: Request):
        return studio.workspace.project(request.path_params["pid"])

    def image_url(project_id: str, key: str) -> str:
        return f"/api/projects/{project_id}/images/{key}"

    async def talk(project, *, with_data: bool = True, known: frozenset[str] = frozenset()) -> dict:
        """The talk's state and preview; slides whose drawing key is in ``known`` (the
        page has them) are sent without their SVG."""
        state = await run_in_threadpool(lambda: studio.state(project, with_data=with_data))
        preview = await run_in_threadpool(lambda: studio.preview(project, image_url=image_url))
        state["preview"] = _preview_json(preview, project, known)
        return state

    async def index(request: Request) -> Response:
        return FileResponse(STATIC / "index.html", headers=_NO_STORE)

    async def session(request: Request) -> Response:
        from deckgen.office import find_soffice
        from deckgen.studio.formspec import page_spec
        from deckgen.theme.loader import builtin_themes, load_theme_file

        themes = []
        for name, path in builtin_themes().items():
            theme = load_theme_file(path)
            themes.append({"name": name, "label": theme.label or name, "description": theme.description, "primary": theme.color("primary")})
        return JSONResponse(
            {
                "token": token,
                "version": __version__,
                "libreoffice": find_soffice() is not None,
                "themes": themes,
                "spec": page_spec(),
                "workspace": str(studio.workspace.root),
                "limits": {"speech": MAX_SPEECH_BYTES, "text": MAX_TEXT_BYTES, "template": MAX_TEMPLATE_BYTES},
            },
            headers=_NO_STORE,
        )

    async def list_projects(request: Request) -> Response:
        found = await run_in_threadpool(studio.workspace.projects)
        return JSONResponse(
            {"projects": [{"id": p.id, "name": p.settings().get("name") or "", "source": p.settings().get("source") or "", "updated": p.updated()} for p in found]}
        )

    async def new_project(request: Request) -> Response:
        if uploads.locked():
            raise Refused(429, "正在处理其他文件，请稍候再试。")
        async with uploads:
            data = await _body(request, MAX_SPEECH_BYTES)
            projects = await run_in_threadpool(lambda: studio.open_upload(data, filename=_filename(request)))
        return JSONResponse({"projects": [p.id for p in projects], "talk": await talk(projects[0])}, status_code=201)

    async def get_project(request: Request) -> Response:
        return JSONResponse(await talk(project_of(request)))

    async def put_outline(request: Request) -> Response:
        project = project_of(request)
        body = await _json(request)
        if "yaml" in body:
            if not isinstance(body["yaml"], str):
                raise Refused(400, "yaml must be text")
            await run_in_threadpool(studio.save_yaml, project, body["yaml"])
        elif "data" in body:
            await run_in_threadpool(studio.save_data, project, body["data"])
        else:
            raise Refused(400, "send the outline as {\"data\": …} or {\"yaml\": …}")
        known = body.get("known")
        known_keys = frozenset(k for k in known if isinstance(k, str)) if isinstance(known, list) else frozenset()
        return JSONResponse(await talk(project, with_data="yaml" in body, known=known_keys))

    async def undo(request: Request) -> Response:
        project = project_of(request)
        done = await run_in_threadpool(studio.undo, project)
        return JSONResponse({"undone": done, **await talk(project)})

    async def put_settings(request: Request) -> Response:
        project = project_of(request)
        body = await _json(request)
        choices = {key: body[key] for key in ("theme", "size", "template") if key in body}
        if any(not isinstance(value, str) for value in choices.values()):
            raise Refused(400, "theme, size and template are text")
        await run_in_threadpool(lambda: studio.set_choice(project, **choices))
        return JSONResponse(await talk(project))

    async def post_figures(request: Request) -> Response:
        project = project_of(request)
        if uploads.locked():
            raise Refused(429, "正在处理其他文件，请稍候再试。")
        async with uploads:
            data = await _body(request, MAX_TEXT_BYTES)
            warnings = await run_in_threadpool(lambda: studio.set_figures(project, data=data, filename=_filename(request)))
        return JSONResponse({"warnings": [issue_view(w, sources=[], outline_file=Path()) for w in warnings], **await talk(project)})

    async def delete_figures(request: Request) -> Response:
        project = project_of(request)
        await run_in_threadpool(studio.clear_figures, project)
        return JSONResponse(await talk(project))

    async def check(request: Request) -> Response:
        project = project_of(request)
        return JSONResponse({"issues": await run_in_threadpool(studio.check, project)})

    async def image(request: Request) -> Response:
        path = studio.image(project_of(request), request.path_params["key"])
        return FileResponse(path, headers={"Cache-Control": "no-cache"})

    async def download_pptx(request: Request) -> Response:
        path, name = await run_in_threadpool(studio.build, project_of(request))
        return FileResponse(path, filename=name, media_type="application/vnd.openxmlformats-officedocument.presentationml.presentation")

    async def download_pdf(request: Request) -> Response:
        path, name = await run_in_threadpool(studio.pdf, project_of(request))
        inline = request.query_params.get("inline") == "1"
        return FileResponse(path, filename=name, media_type="application/pdf", content_disposition_type="inline" if inline else "attachment")

    async def list_templates(request: Request) -> Response:
        index = await run_in_threadpool(studio.workspace.templates)
        return JSONResponse({"templates": [{"id": key, "name": value["name"]} for key, value in index.items()]})

    async def post_template(request: Request) -> Response:
        if uploads.locked():
            raise Refused(429, "正在处理其他文件，请稍候再试。")
        async with uploads:
            data = await _body(request, MAX_TEMPLATE_BYTES)
            template_id = await run_in_threadpool(lambda: studio.add_template(data, filename=_filename(request)))
        index = await run_in_threadpool(studio.workspace.templates)
        return JSONResponse({"id": template_id, "templates": [{"id": key, "name": value["name"]} for key, value in index.items()]}, status_code=201)

    def route(path: str, handler, methods: list[str], *, changes: bool) -> Route:
        return Route(path, guarded(handler, changes=changes), methods=methods)

    routes = [
        Route("/", index, methods=["GET"]),
        route("/api/session", session, ["GET"], changes=False),
        route("/api/projects", list_projects, ["GET"], changes=False),
        route("/api/projects", new_project, ["POST"], changes=True),
        route("/api/projects/{pid}", get_project, ["GET"], changes=False),
        route("/api/projects/{pid}/outline", put_outline, ["PUT"], changes=True),
        route("/api/projects/{pid}/undo", undo, ["POST"], changes=True),
        route("/api/projects/{pid}/settings", put_settings, ["PUT"], changes=True),
        route("/api/projects/{pid}/figures", post_figures, ["POST"], changes=True),
        route("/api/projects/{pid}/figures", delete_figures, ["DELETE"], changes=True),
        route("/api/projects/{pid}/check", check, ["GET"], changes=False),
        route("/api/projects/{pid}/images/{key}", image, ["GET"], changes=False),
        # Downloads build into the talk's out/ folder: they carry the token too.
        route("/api/projects/{pid}/download.pptx", download_pptx, ["GET"], changes=True),
        route("/api/projects/{pid}/download.pdf", download_pdf, ["GET"], changes=True),
        route("/api/templates", list_templates, ["GET"], changes=False),
        route("/api/templates", post_template, ["POST"], changes=True),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]
    return Starlette(routes=routes, middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=hosts)])


_NO_STORE = {"Cache-Control": "no-store"}


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _require_token(request: Request, token: str) -> None:
    given = request.headers.get(TOKEN_HEADER) or request.query_params.get("token") or ""
    if not secrets.compare_digest(given.encode("utf-8", "replace"), token.encode("utf-8")):
        raise Refused(403, "页面已过期或请求来自别的网站：请刷新页面后再试。")
    origin = request.headers.get("origin")
    if origin and origin.split("://", 1)[-1] != request.headers.get("host", ""):
        raise Refused(403, "请求来自别的网站，已拒绝。")


def _filename(request: Request) -> str:
    return unquote(request.headers.get("x-filename", ""))[:300]


async def _body(request: Request, limit: int, *, empty: str = "文件是空的，请选择一个有内容的文件。") -> bytes:
    """The request body, refused with 413 past ``limit`` bytes (read in chunks, never whole)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise Refused(413, f"文件太大：最大 {limit // (1024 * 1024) or 1} MB。")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Refused(413, f"文件太大：最大 {limit // (1024 * 1024) or 1} MB。")
        chunks.append(chunk)
    data = b"".join(chunks)
    if not data:
        raise Refused(400, empty)
    return data


async def _json(request: Request) -> dict:
    import json

    raw = await _body(request, MAX_JSON_BYTES, empty="the request is empty: send a JSON object")
    try:
        body = json.loads(raw)
    except ValueError:
        raise Refused(400, "the request is not JSON") from None
    if not isinstance(body, dict):
        raise Refused(400, "the request must be a JSON object")
    return body


def _preview_json(preview: Preview, project, known: frozenset[str] = frozenset()) -> dict:
    sources = [s.source for s in preview.slides]
    return {
        "errors": [issue_view(i, sources=sources, outline_file=project.outline_file) for i in preview.errors],
        "findings": [issue_view(i, sources=sources, outline_file=project.outline_file) for i in preview.findings],
        "warnings": preview.warnings,
        "slides": [{"n": s.number, "source": s.source, "kind": s.kind, "title": s.title, "key": s.key, "svg": None if s.key in known else s.svg} for s in preview.slides],
    }
