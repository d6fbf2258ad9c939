"""A small Hugging Face Hub-compatible HTTP server on 127.0.0.1 for the resolution tests.

It serves what ``huggingface_hub.HfApi.model_info`` and a raw file download ask for:

- ``GET /api/models/{org}/{name}`` and ``/api/models/{org}/{name}/revision/{rev}``: the model's
  JSON as the Hub sends it (``id``, ``author``, ``sha``, ``gated``, ``tags``, ``cardData``,
  ``siblings`` ...), with the Hub's error headers (``X-Error-Code: RepoNotFound`` ...);
- ``GET /{org}/{name}/resolve/{rev}/README.md``: the model card, front matter included, and
  any other file the model was given (``files``), with the headers the client's downloads
  read (``ETag``, ``X-Repo-Commit``, ``Content-Length``);
- ``GET /api/models/{org}/{name}/tree/{rev}``: the file listing ``snapshot_download`` asks for.

Responses are programmable per model (status, gated, slow, a number of failures before success,
``Retry-After``), and so are hostile ones: an answer trickled a byte at a time, a body that is
not what the Hub sends (garbage, the wrong types, a lying ``Content-Length``), a redirect loop, a
README padded to any size (generated as it is sent, counted in ``readme_sent``). Every request is
recorded so tests can count them and inspect headers.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml


@dataclass
class HubModel:
    id: str
    card: dict[str, Any] | None = None  # the README front matter (and cardData)
    card_in_api: bool = True  # False: the API omits cardData (the client must read README.md)
    readme_body: str = "# Model card\n"
    sha: str = ""
    gated: bool | str = False  # False | "auto" | "manual"
    private: bool = False  # private: 401 RepoNotFound without the right token
    token: str | None = None  # the token that unlocks a private or gated model
    tags: list[str] | None = None  # None: derived from the card as the Hub does
    pipeline_tag: str | None = None
    status: int | None = None  # force this status on the API
    readme_status: int | None = None  # force this status on README.md
    fail_times: int = 0  # the first N API requests answer ``fail_status``
    fail_status: int = 500
    retry_after: str | None = None  # Retry-After header sent with the failures
    delay: float = 0.0  # seconds to wait before answering the API
    trickle: float = 0.0  # seconds between the bytes of the API answer (headers sent at once)
    api_body: bytes | None = None  # sent as the API answer instead of the model's JSON
    api_length: int | None = None  # the Content-Length announced for the API answer
    redirect_loop: bool = False  # the API answers 302 to itself, forever
    readme_padding: int = 0  # bytes of text after the card: a huge README, generated as sent
    files: dict[str, bytes] = field(default_factory=dict)  # more files than README.md
    served: int = field(default=0)
    readme_sent: int = field(default=0)  # bytes of README written to the socket

    def repo_files(self) -> dict[str, bytes]:
        """Every file of the repository, by path."""
        return {"README.md": self.readme().encode("utf-8"), **self.files}

    def api_json(self) -> dict[str, Any]:
        org = self.id.split("/")[0]
        card = self.card or {}
        tags = self.tags
        if tags is None:
            tags = []
            lic = card.get("license")
            if isinstance(lic, str):
                tags.append(f"license:{lic}")
            base = card.get("base_model")
            for b in [base] if isinstance(base, str) else (base or []):
                tags.append(f"base_model:{b}")
                rel = card.get("base_model_relation")
                if rel:
                    tags.append(f"base_model:{rel}:{b}")
        data: dict[str, Any] = {
            "_id": "0" * 24,
            "id": self.id,
            "modelId": self.id,
            "author": org,
            "sha": self.sha,
            "lastModified": "2025-01-01T00:00:00.000Z",
            "createdAt": "2024-01-01T00:00:00.000Z",
            "private": self.private,
            "disabled": False,
            "gated": self.gated,
            "downloads": 10,
            "likes": 1,
            "library_name": "transformers",
            "tags": tags,
            "siblings": [{"rfilename": ".gitattributes"}, {"rfilename": "README.md"}]
            + [{"rfilename": name} for name in sorted(self.files)],
            "spaces": [],
        }
        if self.pipeline_tag:
            data["pipeline_tag"] = self.pipeline_tag
        if self.card is not None and self.card_in_api:
            data["cardData"] = self.card
        return data

    def readme(self) -> str:
        if self.card is None:
            return self.readme_body
        return "---\n" + yaml.safe_dump(self.card, sort_keys=True) + "---\n\n" + self.readme_body


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]


class HubServer:
    """``with HubServer() as hub: hub.add("org/name", card={...}); hub.url; hub.count()``."""

    def __init__(self) -> None:
        self.models: dict[str, HubModel] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- programming -------------------------------------------------------------------------
    def add(self, model_id: str, **kwargs: Any) -> HubModel:
        kwargs.setdefault("sha", _fake_sha(model_id))
        model = HubModel(id=model_id, **kwargs)
        self.models[model_id.lower()] = model
        return model

    def count(self, contains: str = "") -> int:
        with self._lock:
            return sum(1 for r in self.requests if contains in r.path)

    def reset_counts(self) -> None:
        with self._lock:
            self.requests.clear()

    @property
    def url(self) -> str:
        assert self._httpd is not None
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> HubServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                return

            def do_GET(self) -> None:  # noqa: N802 (http.server API)
                server._handle(self)

            def do_HEAD(self) -> None:  # noqa: N802
                server._handle(self)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> HubServer:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    # -- serving -----------------------------------------------------------------------------
    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        path = unquote(urlsplit(h.path).path)
        with self._lock:
            self.requests.append(
                Request(h.command, path, {k.lower(): v for k, v in h.headers.items()})
            )
        auth = h.headers.get("Authorization", "")
        if path.startswith("/api/models/"):
            rest = path[len("/api/models/") :]
            if "/tree/" in rest:
                repo, _, rev = rest.partition("/tree/")
                self._tree(h, repo, rev)
                return
            repo, _, rev = rest.partition("/revision/")
            self._api(h, repo, rev or None, auth)
            return
        parts = path.lstrip("/").split("/")
        if len(parts) >= 5 and parts[2] == "resolve":
            self._file(h, "/".join(parts[:2]), parts[3], "/".join(parts[4:]), auth)
            return
        _send(h, 404, {"error": "Not Found"}, {"X-Error-Code": "EntryNotFound"})

    def _api(self, h: BaseHTTPRequestHandler, repo: str, rev: str | None, auth: str) -> None:
        model = self.models.get(repo.lower())
        if model is None:
            _send(h, 404, {"error": "Repository not found"}, {"X-Error-Code": "RepoNotFound"})
            return
        with self._lock:
            model.served += 1
            attempt = model.served
        if model.delay:
            time.sleep(model.delay)
        if attempt <= model.fail_times:
            headers = {"Retry-After": model.retry_after} if model.retry_after else {}
            _send(h, model.fail_status, {"error": "try again later"}, headers)
            return
        if model.status:
            code = {401: "RepoNotFound", 403: "GatedRepo", 404: "RepoNotFound"}.get(model.status)
            _send(
                h,
                model.status,
                {"error": f"status {model.status}"},
                {"X-Error-Code": code} if code else {},
            )
            return
        if model.private and auth != f"Bearer {model.token}":
            _send(
                h, 401, {"error": "Invalid username or password."}, {"X-Error-Code": "RepoNotFound"}
            )
            return
        if rev is not None and rev not in (model.sha, "main"):
            _send(h, 404, {"error": "Invalid rev id"}, {"X-Error-Code": "RevisionNotFound"})
            return
        if model.redirect_loop:
            h.send_response(302)
            h.send_header("Location", h.path)
            h.send_header("Content-Length", "0")
            h.end_headers()
            return
        body = (
            model.api_body
            if model.api_body is not None
            else json.dumps(model.api_json()).encode("utf-8")
        )
        length = model.api_length if model.api_length is not None else len(body)
        try:
            h.send_response(200)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(length))
            h.end_headers()
            if h.command == "HEAD":
                return
            if not model.trickle:
                h.wfile.write(body)
                return
            for i in range(len(body)):
                h.wfile.write(body[i : i + 1])
                h.wfile.flush()
                time.sleep(model.trickle)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up
            pass

    def _tree(self, h: BaseHTTPRequestHandler, repo: str, rev: str) -> None:
        import hashlib

        model = self.models.get(repo.lower())
        if model is None or rev not in (model.sha, "main"):
            _send(h, 404, {"error": "Repository not found"}, {"X-Error-Code": "RepoNotFound"})
            return
        _send(
            h,
            200,
            [
                {
                    "type": "file",
                    "path": name,
                    "size": len(data),
                    "oid": hashlib.sha1(data).hexdigest(),
                }
                for name, data in sorted(model.repo_files().items())
            ],
        )

    def _file(
        self, h: BaseHTTPRequestHandler, repo: str, rev: str, filename: str, auth: str
    ) -> None:
        model = self.models.get(repo.lower())
        if model is None:
            _send(h, 404, {"error": "Repository not found"}, {"X-Error-Code": "RepoNotFound"})
            return
        if model.readme_status:
            code = {401: "GatedRepo", 403: "GatedRepo"}.get(model.readme_status, "EntryNotFound")
            _send(h, model.readme_status, {"error": "restricted"}, {"X-Error-Code": code})
            return
        if model.gated and auth != f"Bearer {model.token}":
            _send(
                h,
                401,
                {"error": f"Access to model {model.id} is restricted."},
                {"X-Error-Code": "GatedRepo"},
            )
            return
        body = model.repo_files().get(filename)
        if body is None or rev not in (model.sha, "main"):
            _send(h, 404, {"error": "Entry not found"}, {"X-Error-Code": "EntryNotFound"})
            return
        import hashlib

        padding = model.readme_padding if filename == "README.md" else 0
        h.send_response(200)
        h.send_header("Content-Type", "text/plain; charset=utf-8")
        h.send_header("Content-Length", str(len(body) + padding))
        h.send_header("X-Repo-Commit", model.sha)
        h.send_header("ETag", f'"{hashlib.sha1(body).hexdigest()}"')
        h.end_headers()
        if h.command == "HEAD":
            return
        try:
            h.wfile.write(body)
            model.readme_sent = len(body)
            line = b"filler text of a very long model card\n" * 1024
            left = padding
            while left > 0:
                chunk = line[:left]
                h.wfile.write(chunk)
                left -= len(chunk)
                model.readme_sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):  # the client read what it wanted
            pass


def _send(
    h: BaseHTTPRequestHandler, status: int, payload: Any, headers: dict[str, str] | None = None
) -> None:
    body = json.dumps(payload).encode("utf-8")
    try:
        h.send_response(status)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        if h.command != "HEAD":
            h.wfile.write(body)
    except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout tests)
        pass


def _fake_sha(model_id: str) -> str:
    import hashlib

    return hashlib.sha1(model_id.lower().encode("utf-8")).hexdigest()
