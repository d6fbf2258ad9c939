"""The frozen records that travel between the pipeline stages.

discover -> ``ModelRef`` / ``Skipped`` / ``Unresolvable`` (a local artifact's ``ModelRef``
            carries a ``cards.ArtifactMetadata``)
resolve  -> ``ModelRecord`` (with ``Fact`` provenance)
evaluate -> ``Finding``
report   <- ``AuditResult.as_dict()`` (the JSON report, the contract every format renders from)

``model_key`` is the one identity every stage compares models by. Nothing else is shared between
stages but ``cards`` (model cards, read the same way by discover and resolve).
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from dataclasses import field, fields
from typing import Any

from .cards import ArtifactFile, ArtifactMetadata
from .recordtype import dataclass
from .review import Review

# Sources of a model identity.
HUGGINGFACE = "huggingface"
# A model on ModelScope (modelscope.cn): ``org/name`` as on ModelScope, the Hub's shape but another
# repository, never taken for the Hub model of the same name.
MODELSCOPE = "modelscope"
OLLAMA = "ollama"
LOCAL = "local"
DATASET = "huggingface-dataset"
# A model behind a hosted API (gpt-4o, claude-sonnet-4, a Bedrock or watsonx model id): named by the
# repository, served by its ``provider``; inventoried, never given an open-weight license.
HOSTED = "hosted"
# Not a model: a local folder or file an output option of the repository writes a model to (a
# converter's ``--mlx-path`` default). Discovery uses it to tell that other files reading that
# path read the repository's own product, not a Hub model, and never returns it.
PRODUCT = "product"
# Weights a library fetches from a registry of its own, not from a model hub, named as that
# registry names them: a torch.hub GitHub repository (``owner/repo``: its hubconf.py entry points
# download the repository's weights), a torchaudio pipeline bundle (``WAV2VEC2_ASR_BASE_960H``:
# weights from download.pytorch.org), an Ultralytics release asset (``yolov8n.pt``), a Roboflow
# model id (``coco/3``), a super-gradients zoo model (``yolo_nas_l``). Never a Hub id, never
# resolved on the Hub: their terms are the ones the loader data records for them (a name map's
# license, with its source), or a pin. Which registries there are is loader data (a name map's
# ``registry``, described under its library's ``registries``).
TORCH_HUB = "torch-hub"
TORCHAUDIO = "torchaudio"
# Weights downloaded from a URL that is no model hub's (a GitHub release asset, a vendor's CDN:
# ``https://github.com/org/repo/releases/download/v1/x.pth``), named by that URL (its query and
# fragment left out). A Hugging Face URL is never one: it names the Hub repository it is in.
URL = "url"


# the sources whose models are not fetched from a library's registry or a download URL
OWN_SOURCES = frozenset({HUGGINGFACE, MODELSCOPE, OLLAMA, LOCAL, HOSTED, DATASET, PRODUCT})


def fetched_elsewhere(source: str) -> bool:
    """A model whose weights come from a registry of a library (every source the loader data
    declares as a registry: no core source is one) or a download URL, not from a model hub or
    the repository: its terms are what the loader data records, or a pin."""
    return source not in OWN_SOURCES


def model_key(model_id: str, source: str = HUGGINGFACE) -> str:
    """The identity of a model, the one every stage compares by: ``source:id``, Hub ids
    case-insensitively (the Hub treats ``Org/Name`` and ``org/name`` as one repository), every
    other identity as written."""
    return f"{source}:{model_id.lower() if source == HUGGINGFACE else model_id}"


SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True, order=True)
class Location:
    """Where a reference was found. ``path`` is relative to the scanned root, POSIX style."""

    path: str
    line: int = 0
    column: int = 0
    snippet: str = ""
    suppressed: bool = False
    cell: int | None = None  # notebook cell index (0-based) when the file is a notebook
    suppression_reason: str | None = None  # ``licaudit: ignore -- REASON`` on a suppressed line

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "snippet": self.snippet,
            "suppressed": self.suppressed,
        }
        if self.cell is not None:
            d["cell"] = self.cell
        if self.suppression_reason:
            d["suppression_reason"] = self.suppression_reason
        return d


# A sort key giving the order ``Location``s compare in (their fields, in order), without a
# Python-level comparison per pair: for sorting thousands of them.
LOCATION_ORDER = operator.attrgetter(*(f.name for f in fields(Location)))


@dataclass(frozen=True)
class ModelRef:
    """One reference to a model (or dataset) found in one place.

    ``id`` is already in its canonical identity form (see DESIGN.md "Identities"):
    ``org/name`` for the Hub, ``name:tag`` for Ollama, the relative path for local artifacts.
    ``evidence`` says what made discovery believe this is a model (``from_pretrained()``,
    ``--model flag``, ``model key``, ``GGUF header`` ...). ``metadata`` is what a local
    artifact declares about itself (``cards.ArtifactMetadata``: card front matter, GGUF header
    keys, safetensors metadata, an identified LICENSE file); None for every other reference.
    """

    id: str
    source: str
    location: Location
    evidence: str
    suppressed: bool = False
    revision: str | None = None
    metadata: ArtifactMetadata | None = field(default=None, compare=False, hash=False)
    provider: str | None = None  # a hosted model: who serves it (openai, anthropic, ...)


@dataclass(frozen=True)
class Skipped:
    """A file (or model) that could not be read or parsed, and why."""

    path: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "reason": self.reason}


@dataclass(frozen=True)
class Unresolvable:
    """A model argument built at run time (f-string, environment lookup): shown with --verbose."""

    location: Location
    expression: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "location": self.location.as_dict(),
            "expression": self.expression,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class DiscoveryResult:
    refs: tuple[ModelRef, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    unresolvable: tuple[Unresolvable, ...] = ()
    files_scanned: int = 0


# The provenance source of a fact inferred from a model's name (a repack or conversion of a model
# the catalog knows), not read in any card or LICENSE file.
INFERRED = "inferred"


@dataclass(frozen=True)
class Fact:
    """Provenance of one fact: which source said it (``lockfile``, ``hub``, ``catalog``, ``card``,
    ``gguf``, ``safetensors``, ``license-file``, ``ollama``) and a human-readable detail
    (``hub revision 1a2b3c``, ``catalog entry meta-llama/Llama-3.1-*``, ``models/x/README.md``)."""

    source: str
    detail: str = ""
    # A catalog fact's review state (``primary``, ``secondary``, ``unverified``: see the catalog
    # schema) and the catalog's note on the license; shown in reports, not pinned.
    verified: str | None = None
    note: str | None = None

    def as_dict(self) -> dict[str, str]:
        return {"source": self.source, "detail": self.detail}


@dataclass(frozen=True)
class Publisher:
    name: str | None = None  # legal name, e.g. "Meta Platforms, Inc."
    country: str | None = None  # ISO 3166 alpha-2
    org: str | None = None  # Hub org / Ollama namespace, e.g. "meta-llama"

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "org": self.org}


@dataclass(frozen=True)
class ModelRecord:
    """What a model is and what it declares, each fact with its provenance.

    ``license`` is the knowledge-base id when the declared license is known (``llama3.1``),
    else the raw declared value; ``None`` when no source declares one (``unresolved`` says why).
    ``license_expression`` keeps a declared SPDX expression (``apache-2.0 OR mit``) as written.
    ``provenance`` maps a field name (``license``, ``base_models``, ``publisher``, ``revision``,
    ``gated``, ``modalities``, ``task``) to the ``Fact`` that supplied it.
    """

    id: str
    source: str
    revision: str | None = None
    license: str | None = None
    license_expression: str | None = None
    license_name: str | None = None  # the card's license_name for ``license: other``
    license_link: str | None = None
    base_models: tuple[str, ...] = ()
    base_model_relation: str | None = None  # finetune | quantized | adapter | merge | distill ...
    publisher: Publisher = field(default_factory=Publisher)
    gated: bool | None = None
    eu_disallowed: bool | None = None
    modalities: tuple[str, ...] = ()
    task: str | None = None  # the Hub's pipeline tag (``text-generation``), when known
    files: tuple[ArtifactFile, ...] = ()  # a local artifact's weight files, with their SHA-256
    provenance: Mapping[str, Fact] = field(default_factory=dict, compare=False, hash=False)
    notes: tuple[
        str, ...
    ] = ()  # e.g. "the Hub declares apache-2.0, the catalog llama3.1: the Hub wins"
    unresolved: str | None = None  # why nothing is known, when nothing is

    @property
    def license_provenance(self) -> str | None:
        fact = self.provenance.get("license")
        return fact.source if fact else None

    def as_dict(self) -> dict[str, Any]:
        """Every fact with its provenance (what the lockfile pins; the report adds to it). The
        task and a local artifact's files are written only when known (records pinned before
        they existed stay as they were)."""
        out = {
            "id": self.id,
            "source": self.source,
            "revision": self.revision,
            "license": self.license,
            "license_expression": self.license_expression,
            "license_name": self.license_name,
            "license_link": self.license_link,
            "base_models": list(self.base_models),
            "base_model_relation": self.base_model_relation,
            "publisher": self.publisher.as_dict(),
            "gated": self.gated,
            "eu_disallowed": self.eu_disallowed,
            "modalities": sorted(self.modalities),
            "provenance": {k: v.as_dict() for k, v in sorted(self.provenance.items())},
            "notes": list(self.notes),
            "unresolved": self.unresolved,
        }
        if self.task:
            out["task"] = self.task
        if self.files:
            out["files"] = [f.as_dict() for f in self.files]
        return out


@dataclass(frozen=True)
class Waiver:
    model: str
    rules: tuple[str, ...]
    reason: str
    approved_by: str | None = None
    expires: str | None = None  # ISO date

    def as_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "rules": list(self.rules),
            "reason": self.reason,
            "approved_by": self.approved_by,
            "expires": self.expires,
        }


@dataclass(frozen=True)
class Finding:
    rule: str  # stable id, e.g. "commercial-use"
    severity: str  # error | warning | info
    model: str | None  # model id the finding is about (None for policy-level findings)
    message: str
    remediation: str
    locations: tuple[Location, ...] = ()
    waiver: Waiver | None = None  # set when a valid waiver clears this finding
    license: str | None = None  # the license the finding concerns, when one does
    chain: tuple[
        str, ...
    ] = ()  # lineage chain model -> ... -> ancestor when it binds through lineage

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "model": self.model,
            "message": self.message,
            "remediation": self.remediation,
            "locations": [loc.as_dict() for loc in sorted(self.locations, key=LOCATION_ORDER)],
            "waived": self.waiver.as_dict() if self.waiver else None,
            "license": self.license,
            "chain": list(self.chain),
        }


@dataclass(frozen=True)
class EffectiveLicense:
    """A license that binds a model: its own (``chain == (model,)``) or an ancestor's."""

    license: str | None
    model: str  # the model that declares it
    chain: tuple[str, ...]  # from the audited model down to ``model``

    def as_dict(self) -> dict[str, Any]:
        return {"license": self.license, "model": self.model, "chain": list(self.chain)}


@dataclass(frozen=True)
class AuditedModel:
    record: ModelRecord
    locations: tuple[Location, ...] = ()
    direct: bool = True  # referenced by the repository; False for an ancestor reached by lineage
    suppressed: bool = False  # every reference to it is suppressed
    effective_licenses: tuple[EffectiveLicense, ...] = ()


@dataclass(frozen=True)
class PolicyInfo:
    name: str
    source: str  # "builtin:default" or a path
    fail_on: str = "error"
    organization: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)
    sha256: str | None = None  # of the merged policy document (``review.document_sha256``)


@dataclass(frozen=True)
class AuditResult:
    root: str
    policy: PolicyInfo
    models: tuple[AuditedModel, ...] = ()
    datasets: tuple[ModelRef, ...] = ()
    hosted: tuple[ModelRef, ...] = ()  # models behind hosted APIs, by provider
    findings: tuple[Finding, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    unresolvable: tuple[Unresolvable, ...] = ()
    lockfile: str | None = None  # path of the lockfile used, relative to root
    warnings: tuple[str, ...] = ()  # run-level warnings: network fell back to the catalog, ...
    # What the audit could not see, beside ``skipped`` files: the ancestors lineage was cut
    # before, and the models the Hub did not answer for (a stand-in record was used); ``strict``
    # fails the run on any of the three.
    lineage_cut: tuple[str, ...] = ()
    unanswered: tuple[str, ...] = ()
    strict: bool = False
    review: Review | None = None  # what was reviewed: repository, commit, date, knowledge
