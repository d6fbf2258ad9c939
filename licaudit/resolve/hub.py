"""The Hugging Face Hub as a source: ``HfApi.model_info`` (card data, tags, gated state, sha,
author) and, when the card data is missing, the README front matter.

``HubClient`` talks to the Hub; ``HubSource`` is the resolver's source built on it (see
``interface``): ``from_hub`` turns the Hub's answer into a record, completed (never overridden)
by the catalog, and a failed answer falls back to the catalog's record with the reason.

Settings come from the environment at call time: ``HF_ENDPOINT`` (a mirror or a test server),
``HF_TOKEN`` (sent to the Hub, never stored, printed or reported), and the licaudit knobs
``LICAUDIT_HUB_TIMEOUT`` (seconds per request, default 10), ``LICAUDIT_HUB_RETRIES`` (retries on
429/5xx, default 2), ``LICAUDIT_HUB_BACKOFF`` (first backoff in seconds, default 0.5) and
``LICAUDIT_HUB_MAX_WAIT`` (cap on any wait, ``Retry-After`` included, default 10).

Every request is bounded, whatever the server does: ``LICAUDIT_HUB_TIMEOUT`` is its total
deadline (connecting, waiting and reading together: a Hub that trickles its answer a byte at a
time is cut off at the deadline, not kept alive by each byte), and what is read is capped
(``MAX_ANSWER_BYTES`` of model info; of a README only the front matter, at most
``CARD_MAX_BYTES``). Each request runs in a daemon thread the caller waits for, so a deadline or
a ``cancel()`` (Ctrl-C) returns at once, whatever the socket is doing.

Every outcome is an ``HubAnswer``; nothing here raises for a network or HTTP problem, and
every failure reads as a sentence, never an exception name. When the Hub cannot be reached at
all (timeout, connection refused), the client marks itself down and answers every later request
at once, so a scan without network never hangs.
"""

from __future__ import annotations

import functools
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import field, replace
from typing import Any, TypeVar

from .. import cards, lazyre
from ..env import env_flag, env_float
from ..model import HUGGINGFACE, Fact, ModelRecord, Publisher
from ..recordtype import dataclass
from .cache import HubCache
from .catalog import Catalog
from .interface import Query, Source
from .lockfile import Pins
from .records import as_tuple, catalog_publisher, license_fields, license_id
from .sources import from_catalog, from_lockfile

T = TypeVar("T")

DEFAULT_ENDPOINT = "https://huggingface.co"
MAX_ANSWER_BYTES = 8 * 1024 * 1024  # a model's info (the Hub's largest are a few hundred KiB)
CARD_MAX_BYTES = 1024 * 1024  # of a README: its front matter is all licaudit reads
REVISION = lazyre.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")  # a git commit sha (SHA-1 or SHA-256)
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
CARD_KEYS = (
    "license",
    "license_name",
    "license_link",
    "base_model",
    "base_model_relation",
    "extra_gated_eu_disallowed",
    "pipeline_tag",
)

# Statuses of an answer.
OK = "ok"
NOT_FOUND = "not-found"
DENIED = "denied"  # 401/403: gated or private
ERROR = "error"  # 429/5xx after the retries, or an unexpected answer
UNREACHABLE = "unreachable"  # timeout, connection refused, DNS: the Hub is down for this run
INVALID = "invalid"  # not a valid repository id
# The statuses that are facts about the model; every other one says nothing about it.
FACTS = frozenset({OK, NOT_FOUND, INVALID})


class HubTimeout(TimeoutError):
    """A request that did not complete within its deadline."""


class AnswerTooLarge(Exception):
    """An answer longer than licaudit reads."""


class Cancelled(Exception):
    """The run was interrupted while the request was in flight."""


@dataclass(frozen=True)
class HubAnswer:
    status: str
    info: dict[str, Any] | None = None  # normalized model info (see ``normalize``)
    message: str = ""
    cached: bool = False
    # An OK answer whose model card could not be read for a reason that is no fact about the
    # model (the README rate-limited, refused, cut off): why. Such an answer is never cached.
    incomplete: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == OK


def hub_endpoint() -> str:
    return (os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT).rstrip("/")


def hub_token() -> str | None:
    return os.environ.get("HF_TOKEN") or os.environ.get("HUGGING_FACE_HUB_TOKEN") or None


def offline_from_env() -> bool:
    return env_flag("HF_HUB_OFFLINE")


@dataclass
class HubClient:
    endpoint: str = field(default_factory=hub_endpoint)
    timeout: float = field(default_factory=lambda: env_float("LICAUDIT_HUB_TIMEOUT", 10.0))
    retries: int = field(default_factory=lambda: int(env_float("LICAUDIT_HUB_RETRIES", 2)))
    backoff: float = field(default_factory=lambda: env_float("LICAUDIT_HUB_BACKOFF", 0.5))
    max_wait: float = field(default_factory=lambda: env_float("LICAUDIT_HUB_MAX_WAIT", 10.0))
    cache: HubCache | None = field(default_factory=HubCache)
    down: str | None = None  # why the Hub is considered unreachable for the rest of the run
    requests: int = 0  # HTTP requests attempted (not cache hits)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._api: Any = None
        self._cancelled = threading.Event()

    # -- public ------------------------------------------------------------------------------
    def fetch(
        self, model_id: str, revision: str | None = None, *, refresh: bool = False
    ) -> HubAnswer:
        """What the Hub says about ``model_id`` (cached unless ``refresh``)."""
        if not refresh and self.cache is not None:
            hit = cached_answer(self.cache.get(self.endpoint, model_id, revision))
            if hit is not None:
                return hit
        if self.down:
            return HubAnswer(UNREACHABLE, message=self.down)
        answer = self._fetch(model_id, revision)
        if self.cache is not None and answer.status in (OK, NOT_FOUND) and not answer.incomplete:
            self.cache.put(
                self.endpoint,
                model_id,
                revision,
                {"status": answer.status, "info": answer.info, "message": answer.message},
            )
        return answer

    def cancel(self) -> None:
        """Stop: requests in flight return at once (their answers are discarded), and no
        request is made any more."""
        self._cancelled.set()
        with self._lock:
            self.down = self.down or "interrupted"

    # -- internals ---------------------------------------------------------------------------
    def _client(self) -> Any:
        with self._lock:
            if self._api is None:
                from huggingface_hub import HfApi, constants

                # licaudit asks the Hub about models and nothing else: no telemetry side requests
                # (such as the agent-registry lookup that builds the user agent) unless asked for
                if os.environ.get("HF_HUB_DISABLE_TELEMETRY") is None:
                    constants.HF_HUB_DISABLE_TELEMETRY = True
                # the endpoint is passed explicitly: huggingface_hub reads HF_ENDPOINT at import
                self._api = HfApi(endpoint=self.endpoint, token=hub_token())
            return self._api

    def _count(self) -> None:
        with self._lock:
            self.requests += 1

    def _call(self, fn: Callable[[], T]) -> T:
        """Call ``fn`` within the deadline, with retries and backoff on 429/5xx (``Retry-After``
        honoured, capped)."""
        attempt = 0
        while True:
            self._count()
            try:
                return self._bounded(fn)
            except Exception as exc:
                status = _status(exc)
                if status not in RETRY_STATUSES or attempt >= self.retries or self.down:
                    raise
                wait = _retry_after(exc)
                if wait is None:
                    wait = self.backoff * (2**attempt)
                if self._cancelled.wait(min(wait, self.max_wait)):
                    raise Cancelled() from exc
                attempt += 1

    def _bounded(self, fn: Callable[[], T]) -> T:
        """``fn()`` run in a daemon thread and waited for until ``timeout`` seconds have passed
        (``HubTimeout``) or the client is cancelled (``Cancelled``). A request left behind
        reads nothing more once its deadline has passed (``_guard_response``) and never keeps
        the process from exiting."""
        if self._cancelled.is_set():
            raise Cancelled()
        deadline = time.monotonic() + self.timeout
        box: dict[str, Any] = {}
        done = threading.Event()

        def run() -> None:
            _limits.deadline = deadline
            try:
                box["value"] = fn()
            except BaseException as exc:  # handed to the waiting thread
                box["error"] = exc
            finally:
                done.set()

        threading.Thread(target=run, name="licaudit-hub-request", daemon=True).start()
        while not done.wait(min(0.05, max(0.0, deadline - time.monotonic()))):
            if self._cancelled.is_set():
                raise Cancelled()
            if time.monotonic() >= deadline:
                raise HubTimeout(f"no complete answer within {self.timeout:g} s")
        if "error" in box:
            raise box["error"]
        return box["value"]

    def _fetch(self, model_id: str, revision: str | None) -> HubAnswer:
        try:
            api = self._client()
            _install_guard()
            info = self._call(
                lambda: api.model_info(model_id, revision=revision, timeout=self.timeout)
            )
            data = normalize(info)
        except Exception as exc:
            return self._failure(model_id, revision, exc)
        if data["sha"] is not None and not REVISION.fullmatch(data["sha"]):
            # where every fact was read, and part of the package URL: a commit sha or nothing
            return HubAnswer(
                ERROR, message="the Hub's answer names a revision that is not a commit sha"
            )
        if not data["card"] and _has_readme(info):
            try:
                text = self._call(lambda: self._readme(model_id, data["sha"] or revision or "main"))
                found = cards.front_matter(text)
                if found is None and text.lstrip("\ufeff").startswith("---"):
                    raise cards.ArtifactError(
                        f"its front matter does not end within what licaudit reads "
                        f"({CARD_MAX_BYTES // (1024 * 1024)} MiB, {cards.CARD_MAX_LINES} lines)"
                    )
                front = found[0] if found else {}
                if front:
                    data["card"] = _card_subset(front)
                    data["card_source"] = "README.md"
            except cards.ArtifactError as exc:
                data["card_error"] = str(exc)
            except Exception as exc:
                failure = self._failure(model_id, revision, exc)
                data["card_error"] = failure.message
                if failure.status not in FACTS:
                    return HubAnswer(OK, data, incomplete=failure.message)
        return HubAnswer(OK, data)

    def _readme(self, model_id: str, revision: str) -> str:
        """The head of the README, as far as its front matter goes (at most
        ``CARD_MAX_BYTES``), read into memory: ``hf_hub_download`` would write it into the
        user's Hub cache, which a license audit has no business filling."""
        from huggingface_hub import hf_hub_url
        from huggingface_hub.utils import build_hf_headers, get_session, hf_raise_for_status

        url = hf_hub_url(model_id, "README.md", revision=revision, endpoint=self.endpoint)
        headers = build_hf_headers(token=hub_token())
        session = get_session()
        _limits.head_only = True  # read as far as needed, whatever the length of the whole
        try:
            if not hasattr(session, "stream"):  # huggingface_hub before 1.0: requests
                response = session.get(url, headers=headers, timeout=self.timeout, stream=True)
                try:
                    hf_raise_for_status(response)
                    return _card_head(response.iter_content(65536))
                finally:
                    response.close()
            with session.stream("GET", url, headers=headers, timeout=self.timeout) as response:
                if response.status_code >= 400:
                    response.read()  # the error details, bounded like every answer
                hf_raise_for_status(response)
                return _card_head(response.iter_bytes())
        finally:
            _limits.head_only = False

    def _failure(self, model_id: str, revision: str | None, exc: Exception) -> HubAnswer:
        status = _status(exc)
        if status is None:
            if isinstance(exc, Cancelled):
                return HubAnswer(UNREACHABLE, message="interrupted")
            if isinstance(exc, ValueError) and "Validation" in type(exc).__name__:
                return HubAnswer(INVALID, message=f"'{model_id}' is not a valid Hub repository id")
            transport = _transport_reason(exc)
            if transport is not None:
                if isinstance(exc, HubTimeout):
                    transport = f"timed out: no complete answer within {self.timeout:g} s"
                message = f"the Hugging Face Hub could not be reached ({transport})"
                with self._lock:
                    self.down = self.down or message
                return HubAnswer(UNREACHABLE, message=message)
            return HubAnswer(ERROR, message=_unreadable(exc))
        if status == 404:
            if type(exc).__name__ == "RevisionNotFoundError":
                return HubAnswer(NOT_FOUND, message=f"revision '{revision}' not found on the Hub")
            return HubAnswer(
                NOT_FOUND, message="not found on the Hub (unknown model: check the id)"
            )
        if status in (401, 403):
            return HubAnswer(
                DENIED,
                message=(
                    f"the Hub refused access ({status}): the model is gated or private; "
                    "set HF_TOKEN to a token that can read it (for a gated model, accept its "
                    "terms on the model page first)"
                ),
            )
        if status == 429:
            return HubAnswer(
                ERROR,
                message=f"the Hub rate-limited the requests (429) after {self.retries} retries",
            )
        return HubAnswer(ERROR, message=f"the Hub answered {status} after {self.retries} retries")


# -- what is read, and how far --------------------------------------------------------------

# The request running in this thread: its ``deadline``, and ``head_only`` when the caller reads
# only the head of the answer (a README), so its announced length does not matter.
_limits = threading.local()
_FRONT_MATTER_END = lazyre.compile(rb"\n(?:---|\.\.\.)[ \t]*\r?\n")


def _card_head(chunks: Iterable[bytes]) -> str:
    """The text of a README as far as the end of its front matter (or its first line, when it
    has none), read from ``chunks`` and never more than ``CARD_MAX_BYTES``."""
    data = b""
    for chunk in chunks:
        data += chunk
        if len(data) >= CARD_MAX_BYTES:
            data = data[:CARD_MAX_BYTES]
            break
        head = data.lstrip(b"\xef\xbb\xbf")
        if len(head) >= 3 and not head.startswith(b"---"):
            break  # no front matter
        if _FRONT_MATTER_END.search(head, 3):
            break
    return data.decode("utf-8", "replace")


@functools.cache
def _guarded_stream(base: type) -> type:
    """A response stream (a subclass of the HTTP library's ``base`` byte stream) that stops
    at ``MAX_ANSWER_BYTES`` and at the deadline of the request reading it."""

    class Guarded(base):  # type: ignore[misc, valid-type]
        def __init__(self, inner: Any, deadline: float | None):
            self.inner = inner
            self.deadline = deadline

        def __iter__(self) -> Iterator[bytes]:
            got = 0
            for chunk in self.inner:
                got += len(chunk)
                if got > MAX_ANSWER_BYTES:
                    raise AnswerTooLarge(
                        f"the Hub's answer is larger than {MAX_ANSWER_BYTES // (1024 * 1024)} MiB"
                    )
                if self.deadline is not None and time.monotonic() > self.deadline:
                    raise HubTimeout("the answer did not complete within the deadline")
                yield chunk

        def close(self) -> None:
            self.inner.close()

    return Guarded


def _guard_response(response: Any) -> None:
    """An event hook of the Hub client's HTTP session: bound what each answer may cost."""
    library = sys.modules.get(type(response).__module__.partition(".")[0])
    base = getattr(library, "SyncByteStream", None)
    stream = getattr(response, "stream", None)
    if base is None or not isinstance(stream, base):
        return
    length = response.headers.get("Content-Length", "")
    head_only = getattr(_limits, "head_only", False)
    if not head_only and length.isdigit() and int(length) > MAX_ANSWER_BYTES:
        raise AnswerTooLarge(
            f"the Hub's answer is larger than {MAX_ANSWER_BYTES // (1024 * 1024)} MiB"
        )
    response.stream = _guarded_stream(base)(stream, getattr(_limits, "deadline", None))


def _install_guard() -> None:
    """Put ``_guard_response`` on huggingface_hub's shared HTTP session (again, when the
    library has made a new one). A session without event hooks (huggingface_hub before 1.0) is
    bounded by the deadline alone."""
    from huggingface_hub.utils import get_session

    hooks = getattr(get_session(), "event_hooks", None)
    if isinstance(hooks, dict) and _guard_response not in hooks.get("response", ()):
        hooks.setdefault("response", []).append(_guard_response)


def _status(exc: BaseException) -> int | None:
    response = getattr(exc, "response", None)
    code = getattr(response, "status_code", None)
    return code if isinstance(code, int) else None


def _retry_after(exc: BaseException) -> float | None:
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None) or {}
    value = headers.get("Retry-After") if hasattr(headers, "get") else None
    if not value:
        return None
    try:
        return max(0.0, float(str(value).strip()))
    except ValueError:
        return None  # an HTTP date: use the backoff instead


def _transport_reason(exc: BaseException) -> str | None:
    """Why the Hub could not be reached, when ``exc`` is a timeout or connection failure of
    httpx2/httpx/requests or a plain OS-level one; None for any other problem."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    if isinstance(exc, TimeoutError) or names & {"TimeoutException", "Timeout"}:
        return "timed out"
    if names & {"RemoteProtocolError", "ProtocolError", "ChunkedEncodingError"}:
        return "the connection broke off in the middle of an answer"
    if isinstance(exc, (OSError, ConnectionError)) or names & {
        "TransportError",
        "NetworkError",
        "ConnectionError",
    }:
        return "connection failed"
    return None


def _unreadable(exc: BaseException) -> str:
    """A sentence for an answer licaudit could not use (never the exception's name)."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    if isinstance(exc, AnswerTooLarge):
        return str(exc)
    if "TooManyRedirects" in names:
        return "the Hub redirected the request too many times"
    if "JSONDecodeError" in names or "DecodingError" in names:
        return "the Hub's answer is not valid JSON"
    if names & {"InvalidURL", "UnsupportedProtocol", "InvalidSchema", "MissingSchema"}:
        return "the Hub's address (HF_ENDPOINT) is not a valid URL"
    return "the Hub's answer could not be read (it is not what the Hub sends)"


def _has_readme(info: Any) -> bool:
    siblings = getattr(info, "siblings", None)
    if siblings is None:
        return True
    return any(getattr(s, "rfilename", None) == "README.md" for s in siblings)


_SCALARS = (str, int, float, bool)


def _flat(value: Any) -> Any:
    """A card value as plain JSON: a scalar or a list of scalars. Nested values are dropped:
    licaudit reads none, and a YAML structure built of aliases would expand without bound."""
    if value is None or isinstance(value, _SCALARS):
        return value
    if isinstance(value, (list, tuple)):
        return [v for v in value if isinstance(v, _SCALARS)]
    if isinstance(value, dict):
        return None
    return str(value)


def _card_subset(card: dict[str, Any]) -> dict[str, Any]:
    flat = {k: _flat(card.get(k)) for k in CARD_KEYS}
    return {k: v for k, v in flat.items() if v not in (None, "", [])}


def normalize(info: Any) -> dict[str, Any]:
    """The part of a ``ModelInfo`` licaudit uses, as plain JSON (what the disk cache stores),
    each value of the type ``valid_info`` checks (a value of another type is dropped: the
    server said something the Hub never says)."""
    card_data = getattr(info, "card_data", None)
    card: dict[str, Any] = {}
    if card_data is not None:
        raw = card_data.to_dict() if hasattr(card_data, "to_dict") else card_data
        card = _card_subset(raw) if isinstance(raw, dict) else {}
    gated = getattr(info, "gated", None)
    tags = getattr(info, "tags", None)
    model_id = getattr(info, "id", None)
    return {
        "id": model_id if isinstance(model_id, str) else None,
        "sha": _text_or_none(getattr(info, "sha", None)) or None,
        "author": _text_or_none(getattr(info, "author", None)),
        "gated": gated if isinstance(gated, (bool, str)) else None,
        "private": getattr(info, "private", None)
        if isinstance(getattr(info, "private", None), bool)
        else None,
        "pipeline_tag": _text_or_none(getattr(info, "pipeline_tag", None)),
        "tags": sorted(str(t) for t in tags if isinstance(t, _SCALARS))
        if isinstance(tags, (list, tuple))
        else [],
        "card": card,
        "card_source": "card data" if card else None,
        "card_error": None,
    }


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


# What each key of a normalized answer may hold (the disk cache is checked against it).
_INFO_TYPES: dict[str, tuple[type, ...]] = {
    "id": (str, type(None)),
    "sha": (str, type(None)),
    "author": (str, type(None)),
    "gated": (bool, str, type(None)),
    "private": (bool, type(None)),
    "pipeline_tag": (str, type(None)),
    "tags": (list,),
    "card": (dict,),
    "card_source": (str, type(None)),
    "card_error": (str, type(None)),
}


def valid_info(info: Any) -> bool:
    """True when ``info`` has the shape ``normalize`` gives: every key, each of its type, tags
    a list of strings, the card's values scalars or lists of scalars."""
    if not isinstance(info, dict) or set(info) != set(_INFO_TYPES):
        return False
    if not all(isinstance(info[k], types) for k, types in _INFO_TYPES.items()):
        return False
    if not all(isinstance(t, str) for t in info["tags"]):
        return False
    return all(
        isinstance(v, _SCALARS) or (isinstance(v, list) and all(isinstance(x, _SCALARS) for x in v))
        for v in info["card"].values()
    )


def cached_answer(entry: Any) -> HubAnswer | None:
    """The answer a disk cache entry holds, or None (a miss) unless it is a valid one: an
    entry of another shape (damaged, or written by something else) is never trusted."""
    if not isinstance(entry, dict) or not isinstance(entry.get("message", ""), str):
        return None
    status, info = entry.get("status"), entry.get("info")
    if status == OK and valid_info(info):
        return HubAnswer(OK, info, entry.get("message", ""), cached=True)
    if status == NOT_FOUND and info is None:
        return HubAnswer(NOT_FOUND, None, entry.get("message", ""), cached=True)
    return None


# -- the Hub as a resolution source -----------------------------------------------------------

# Hub pipeline tags -> the modalities a model takes or produces (not license facts: the Hub's
# task taxonomy, used when the catalog has no entry).
PIPELINE_MODALITIES: dict[str, tuple[str, ...]] = {
    "text-generation": ("text",),
    "text2text-generation": ("text",),
    "fill-mask": ("text",),
    "feature-extraction": ("text",),
    "sentence-similarity": ("text",),
    "text-classification": ("text",),
    "token-classification": ("text",),
    "question-answering": ("text",),
    "summarization": ("text",),
    "translation": ("text",),
    "text-ranking": ("text",),
    "zero-shot-classification": ("text",),
    "image-text-to-text": ("image", "text"),
    "visual-question-answering": ("image", "text"),
    "image-to-text": ("image", "text"),
    "text-to-image": ("image", "text"),
    "image-to-image": ("image",),
    "unconditional-image-generation": ("image",),
    "image-classification": ("image",),
    "image-segmentation": ("image",),
    "object-detection": ("image",),
    "zero-shot-image-classification": ("image", "text"),
    "automatic-speech-recognition": ("audio", "text"),
    "text-to-speech": ("audio", "text"),
    "text-to-audio": ("audio", "text"),
    "audio-classification": ("audio",),
    "audio-to-audio": ("audio",),
    "text-to-video": ("text", "video"),
    "image-to-video": ("image", "video"),
    "video-text-to-text": ("text", "video"),
}
_RELATIONS = ("adapter", "finetune", "merge", "quantized", "distillation", "distill")


class HubSource(Source):
    """Hub models, online: what the Hub says (cached on disk unless ``refresh``), completed by
    the catalog; when the Hub fails for a model, the catalog's facts and the reason. Thread-safe:
    the resolver looks up one lineage level concurrently.

    A failure is never taken for a fact: when the Hub fails for a model (down, rate-limited,
    refusing access, a broken answer), or answers but its model card could not be read and no
    license is known without it, the model is listed as ``unanswered`` and its record only
    stands in (the catalog's, or the Hub's facts with the reason).

    ``keep`` (``lock``): the previous pins. A pin is replaced only by an answer at least as good:
    while the Hub has no answer for a pinned model, no longer finds it, or declares no license
    where the pin has one, the pin stands (with a note), and the model is listed as
    ``unanswered`` so the lockfile keeps it as it was."""

    name = "hub"

    def __init__(
        self, client: HubClient, cat: Catalog, *, refresh: bool = False, keep: Pins | None = None
    ):
        self.client = client
        self.cat = cat
        self.refresh = refresh
        self.keep = keep
        self._lock = threading.Lock()
        self._failures: dict[str, str] = {}  # model id -> why the Hub did not answer
        self._unanswered: dict[str, str] = {}  # model_key -> why the record is a stand-in
        self._fell_back = 0  # models answered from the catalog because the Hub was down

    def lookup(self, query: Query) -> ModelRecord | None:
        if query.source != HUGGINGFACE:
            return None
        answer = self.client.fetch(query.id, query.revision, refresh=self.refresh)
        pin = self.keep.records.get(query.key) if self.keep is not None else None
        rec = None
        if answer.ok:
            rec = from_hub(query.id, answer.info or {}, self.cat)
            if answer.incomplete and not rec.license:  # the card was not read: no fact
                why = f"the model card could not be read: {answer.incomplete}"
            elif pin is None or rec.license or not pin.license:
                return rec
            else:
                why = "the Hub declares no license for it now (lock --diff shows the change)"
        else:
            with self._lock:
                if answer.status == UNREACHABLE:
                    self._fell_back += 1
                else:
                    self._failures[query.id] = answer.message
            if answer.status in FACTS and (pin is None or not pin.license):
                return _hub_fallback(query.id, answer, self.cat)
            why = answer.message
        with self._lock:
            self._unanswered[query.key] = why
        if pin is not None and self.keep is not None:
            kept = from_lockfile(pin, self.keep.name, self.cat)
            return replace(kept, notes=(*kept.notes, f"{why}: the pin is kept"))
        return rec if rec is not None else _hub_fallback(query.id, answer, self.cat)

    def warnings(self) -> list[str]:
        out = []
        if self.client.down:
            out.append(
                f"{self.client.down}: {self._fell_back} model(s) resolved from the lockfile and the built-in catalog instead"
                " (use --offline to skip the Hub)"
            )
        out += [f"{mid}: {self._failures[mid]}" for mid in sorted(self._failures, key=str.lower)]
        return out

    def unanswered(self) -> dict[str, str]:
        with self._lock:
            return dict(self._unanswered)

    def cancel(self) -> None:
        self.client.cancel()


def _tag_facts(tags: Iterable[str]) -> tuple[str | None, tuple[str, ...], str | None]:
    """(license, base models, relation) from Hub tags (``license:x``, ``base_model:rel:org/name``)."""
    lic = None
    bases: list[str] = []
    relation = None
    for tag in tags:
        if tag.startswith("license:") and lic is None:
            lic = tag[len("license:") :]
        elif tag.startswith("base_model:"):
            rest = tag[len("base_model:") :]
            head, sep, tail = rest.partition(":")
            if sep and head in _RELATIONS:
                relation = relation or head
                rest = tail
            if rest and rest not in bases:
                bases.append(rest)
    return lic, tuple(bases), relation


def from_hub(model_id: str, info: Mapping[str, Any], cat: Catalog) -> ModelRecord:
    """A Hub model from what the Hub says, completed (never overridden) by the catalog."""
    card = info.get("card") or {}
    sha = info.get("sha")
    at = f" at revision {sha[:12]}" if sha else ""
    card_fact = Fact("hub", f"hub {info.get('card_source') or 'card data'}{at}")
    tags_fact = Fact("hub", f"hub tags{at}")
    tag_license, tag_bases, tag_relation = _tag_facts(info.get("tags") or ())
    provenance: dict[str, Fact] = {}
    notes: list[str] = []

    declared = card.get("license")
    lic, expression = license_fields(declared, card.get("license_name"))
    if lic:
        provenance["license"] = card_fact
    elif tag_license:
        lic, expression = license_fields(tag_license, card.get("license_name"))
        provenance["license"] = tags_fact
    base = as_tuple(card.get("base_model"))
    relation = (
        card.get("base_model_relation")
        if isinstance(card.get("base_model_relation"), str)
        else None
    )
    if base:
        provenance["base_models"] = card_fact
    elif tag_bases:
        base = tag_bases
        provenance["base_models"] = tags_fact
    relation = relation or (tag_relation if base else None)
    gated_raw = info.get("gated")
    gated = bool(gated_raw) if gated_raw is not None else None
    if gated is not None:
        provenance["gated"] = Fact("hub", f"hub model info{at}")
    eu_raw = card.get("extra_gated_eu_disallowed")
    eu = bool(eu_raw) if eu_raw is not None else None
    if eu is not None:
        provenance["eu_disallowed"] = card_fact
    pipeline = info.get("pipeline_tag") or card.get("pipeline_tag")
    task = pipeline if isinstance(pipeline, str) and pipeline else None
    modalities = PIPELINE_MODALITIES.get(pipeline, ()) if task else ()
    if modalities:
        provenance["modalities"] = Fact("hub", f"hub pipeline tag {pipeline}{at}")
    if task:
        provenance["task"] = Fact("hub", f"hub pipeline tag {pipeline}{at}")
    provenance["revision"] = Fact("hub", f"hub model info{at}")

    entry = cat.model(model_id)
    if entry is not None:
        cat_fact = Fact("catalog", entry.detail, entry.verified, entry.license_note)
        cat_lic = license_id(entry.license)
        if lic and cat_lic and lic != cat_lic:
            notes.append(
                f"the Hub declares {lic}, the catalog {cat_lic} ({entry.detail}): the Hub wins"
            )
        if not lic and cat_lic:
            lic = cat_lic
            provenance["license"] = cat_fact
            notes.append(f"the Hub card declares no license: the catalog's {cat_lic} is used")
        if not base and entry.base_models:
            base = entry.base_models
            relation = relation or entry.base_model_relation
            provenance["base_models"] = cat_fact
        if not modalities and entry.modalities:
            modalities = entry.modalities
            provenance["modalities"] = cat_fact
        if gated is None and entry.gated is not None:
            gated = entry.gated
            provenance["gated"] = cat_fact
    org = model_id.split("/")[0]
    publisher = catalog_publisher(cat, org, provenance)
    if "publisher" not in provenance and info.get("author"):
        publisher = Publisher(org=info["author"])
        provenance["publisher"] = Fact("hub", f"hub author{at}")
    unresolved = None
    if not lic:
        unresolved = (
            "the Hub card declares no license and the built-in catalog does not know the model"
        )
        if info.get("card_error"):
            unresolved += f" (the model card could not be read: {info['card_error']})"
    return ModelRecord(
        id=info.get("id") or model_id,
        source=HUGGINGFACE,
        revision=sha,
        license=lic,
        license_expression=expression,
        license_name=card.get("license_name")
        if isinstance(card.get("license_name"), str)
        else None,
        license_link=card.get("license_link")
        if isinstance(card.get("license_link"), str)
        else None,
        base_models=base,
        base_model_relation=relation,
        publisher=publisher,
        gated=gated,
        eu_disallowed=eu,
        modalities=tuple(sorted(modalities)),
        task=task,
        provenance=provenance,
        notes=tuple(notes),
        unresolved=unresolved,
    )


def _hub_fallback(model_id: str, answer: HubAnswer, cat: Catalog) -> ModelRecord:
    """The catalog's record of a model the Hub did not answer for, saying why."""
    rec = from_catalog(model_id, cat)
    if answer.status == UNREACHABLE:
        if rec.unresolved:
            rec = replace(
                rec,
                unresolved="the Hub could not be reached and the model is not in the built-in catalog",
            )
        return rec
    if rec.unresolved:
        return replace(rec, unresolved=f"{answer.message}; not in the built-in catalog either")
    return replace(rec, notes=(*rec.notes, f"{answer.message}; the catalog's facts are used"))
