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

Every outcome is an ``HubAnswer``; nothing here raises for a network or HTTP problem. When the
Hub cannot be reached at all (timeout, connection refused), the client marks itself down and
answers every later request at once, so a scan without network never hangs.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .. import cards
from ..env import env_flag, env_float
from ..model import HUGGINGFACE, Fact, ModelRecord, Publisher
from .cache import HubCache
from .catalog import Catalog
from .interface import Query, Source
from .records import as_tuple, catalog_publisher, license_fields, license_id
from .sources import from_catalog

DEFAULT_ENDPOINT = "https://huggingface.co"
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


@dataclass(frozen=True)
class HubAnswer:
    status: str
    info: dict[str, Any] | None = None  # normalized model info (see ``normalize``)
    message: str = ""
    cached: bool = False

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

    # -- public ------------------------------------------------------------------------------
    def fetch(
        self, model_id: str, revision: str | None = None, *, refresh: bool = False
    ) -> HubAnswer:
        """What the Hub says about ``model_id`` (cached unless ``refresh``)."""
        if not refresh and self.cache is not None:
            hit = self.cache.get(self.endpoint, model_id, revision)
            if hit is not None and hit.get("status") in (OK, NOT_FOUND):
                return HubAnswer(
                    hit["status"], hit.get("info"), hit.get("message", ""), cached=True
                )
        if self.down:
            return HubAnswer(UNREACHABLE, message=self.down)
        answer = self._fetch(model_id, revision)
        if self.cache is not None and answer.status in (OK, NOT_FOUND):
            self.cache.put(
                self.endpoint,
                model_id,
                revision,
                {"status": answer.status, "info": answer.info, "message": answer.message},
            )
        return answer

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

    def _call(self, fn):
        """Call ``fn`` with retries and backoff on 429/5xx (``Retry-After`` honoured, capped)."""
        attempt = 0
        while True:
            self._count()
            try:
                return fn()
            except Exception as exc:
                status = _status(exc)
                if status not in RETRY_STATUSES or attempt >= self.retries or self.down:
                    raise
                wait = _retry_after(exc)
                if wait is None:
                    wait = self.backoff * (2**attempt)
                time.sleep(min(wait, self.max_wait))
                attempt += 1

    def _fetch(self, model_id: str, revision: str | None) -> HubAnswer:
        try:
            api = self._client()
            info = self._call(
                lambda: api.model_info(model_id, revision=revision, timeout=self.timeout)
            )
        except Exception as exc:
            return self._failure(model_id, revision, exc)
        data = normalize(info)
        if not data["card"] and _has_readme(info):
            try:
                text = self._call(lambda: self._readme(model_id, data["sha"] or revision or "main"))
                front = front_matter(text)
                if front:
                    data["card"] = _card_subset(front)
                    data["card_source"] = "README.md"
            except Exception as exc:
                failure = self._failure(model_id, revision, exc)
                data["card_error"] = failure.message
        return HubAnswer(OK, data)

    def _readme(self, model_id: str, revision: str) -> str:
        """The README's text, read into memory: ``hf_hub_download`` would write it into the
        user's Hub cache, which a license audit has no business filling."""
        from huggingface_hub import hf_hub_url
        from huggingface_hub.utils import build_hf_headers, get_session, hf_raise_for_status

        url = hf_hub_url(model_id, "README.md", revision=revision, endpoint=self.endpoint)
        response = get_session().get(
            url, headers=build_hf_headers(token=hub_token()), timeout=self.timeout
        )
        hf_raise_for_status(response)
        return response.text

    def _failure(self, model_id: str, revision: str | None, exc: Exception) -> HubAnswer:
        status = _status(exc)
        name = type(exc).__name__
        if status is None:
            if isinstance(exc, ValueError) and "Validation" in name:
                return HubAnswer(INVALID, message=f"'{model_id}' is not a valid Hub repository id")
            if _is_transport(exc):
                reason = "timed out" if "timeout" in name.lower() else "connection failed"
                message = f"the Hugging Face Hub could not be reached ({reason})"
                with self._lock:
                    self.down = self.down or message
                return HubAnswer(UNREACHABLE, message=message)
            return HubAnswer(ERROR, message=f"unexpected error from the Hub client: {name}")
        if status == 404:
            if name == "RevisionNotFoundError":
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


def _is_transport(exc: BaseException) -> bool:
    """A timeout or connection failure of httpx2/httpx/requests, or a plain OS-level one."""
    if isinstance(exc, (OSError, TimeoutError, ConnectionError)):
        return True
    for cls in type(exc).__mro__:
        if cls.__name__ in (
            "TransportError",
            "TimeoutException",
            "NetworkError",
            "ConnectionError",
            "Timeout",
        ):
            return True
    return False


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


def front_matter(text: str) -> dict[str, Any]:
    """The YAML front matter of a model card, read as discovery reads a local card
    (``cards.front_matter``: aliases never expanded, nesting bounded), or ``{}``."""
    try:
        parsed = cards.front_matter(text)
    except cards.ArtifactError:
        return {}
    return parsed[0] if parsed else {}


def normalize(info: Any) -> dict[str, Any]:
    """The part of a ``ModelInfo`` licaudit uses, as plain JSON (what the disk cache stores)."""
    card_data = getattr(info, "card_data", None)
    card: dict[str, Any] = {}
    if card_data is not None:
        raw = card_data.to_dict() if hasattr(card_data, "to_dict") else dict(card_data)
        card = _card_subset(raw)
    gated = getattr(info, "gated", None)
    return {
        "id": info.id,
        "sha": getattr(info, "sha", None),
        "author": getattr(info, "author", None),
        "gated": gated if isinstance(gated, (bool, str)) else None,
        "private": getattr(info, "private", None),
        "pipeline_tag": getattr(info, "pipeline_tag", None),
        "tags": sorted(str(t) for t in (getattr(info, "tags", None) or ())),
        "card": card,
        "card_source": "card data" if card else None,
        "card_error": None,
    }


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
    the resolver looks up one lineage level concurrently."""

    name = "hub"

    def __init__(self, client: HubClient, cat: Catalog, *, refresh: bool = False):
        self.client = client
        self.cat = cat
        self.refresh = refresh
        self._lock = threading.Lock()
        self._failures: dict[str, str] = {}  # model id -> why the Hub did not answer
        self._fell_back = 0  # models answered from the catalog because the Hub was down

    def lookup(self, query: Query) -> ModelRecord | None:
        if query.source != HUGGINGFACE:
            return None
        answer = self.client.fetch(query.id, query.revision, refresh=self.refresh)
        if answer.ok:
            return from_hub(query.id, answer.info or {}, self.cat)
        with self._lock:
            if answer.status == UNREACHABLE:
                self._fell_back += 1
            else:
                self._failures[query.id] = answer.message
        return _hub_fallback(query.id, answer, self.cat)

    def warnings(self) -> list[str]:
        out = []
        if self.client.down:
            out.append(
                f"{self.client.down}: {self._fell_back} model(s) resolved from the lockfile and the built-in catalog instead"
                " (use --offline to skip the Hub)"
            )
        out += [f"{mid}: {self._failures[mid]}" for mid in sorted(self._failures, key=str.lower)]
        return out


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
