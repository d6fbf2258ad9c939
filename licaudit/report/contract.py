"""The JSON report as types: the contract between ``report.document`` (which builds it) and the
formats (which read it). ``schemas/report.schema.json`` is the authority; these ``TypedDict``s
say the same, key for key, so a reader sees which keys it can rely on (required) and which a
saved report may lack (``NotRequired`` in spirit: the ``total=False`` halves below; read them
with ``.get``).

A key added to the report goes in three places, in this order: the schema, the type here, the
builder in ``report.document``.
"""

from __future__ import annotations

from typing import Any, Literal, TypedDict

Severity = Literal["error", "warning", "info"]


class ToolEntry(TypedDict):
    name: Literal["licaudit"]
    version: str


class _PolicyRequired(TypedDict):
    name: str
    source: str  # "builtin:NAME" or the policy file's path
    fail_on: Literal["error", "warning", "never"]
    organization: dict[str, Any]  # the policy's organization block, as written


class PolicyEntry(_PolicyRequired, total=False):
    sha256: str  # of the merged policy document (after ``extends``), as canonical JSON


class ReviewEntry(TypedDict):
    """What was reviewed (``licaudit.review``): the identity a sign-off names."""

    kind: Literal["repository", "models", "cache"]
    repository: str | None  # the remote URL (credentials dropped), else the folder's name
    path: str | None  # the scanned folder inside the repository ("." for its top)
    commit: str | None
    dirty: bool | None  # the scanned tree differs from the commit
    date: str | None  # ISO 8601 UTC: SOURCE_DATE_EPOCH, else the commit's date
    date_source: Literal["SOURCE_DATE_EPOCH", "commit"] | None
    knowledge_sha256: str  # over the license files and catalog files in use


class _LocationRequired(TypedDict):
    path: str  # relative to the scanned root, POSIX style
    line: int  # 0 when unknown
    column: int
    snippet: str
    suppressed: bool


class LocationEntry(_LocationRequired, total=False):
    cell: int  # notebook cell index, for a location inside a notebook
    suppression_reason: str  # what a ``licaudit: ignore -- REASON`` marker says


class _FactRequired(TypedDict):
    source: str  # lockfile, hub, catalog, card, gguf, safetensors, license-file, ollama
    detail: str


class FactEntry(_FactRequired, total=False):
    verified: str  # a catalog fact: primary | secondary | unverified
    note: str  # a catalog fact: the catalog's note on the license


class LicenseRef(TypedDict):
    """A model's declared license, as the model entry names it."""

    id: str
    name: str
    spdx: str
    category: str
    url: str | None


class _LicenseEntryRequired(LicenseRef):
    known: bool  # False: licaudit does not know the license (the keys below are absent)


class LicenseEntry(_LicenseEntryRequired, total=False):
    """What the report keeps of one license, so formats render without the knowledge base."""

    version: str | None
    date: str | None
    licensor: dict[str, Any]
    summary: str | None
    terms: dict[str, Any]  # the license file's ``terms`` (schemas/license.schema.json)


class EffectiveLicenseEntry(TypedDict):
    license: str | None
    model: str  # the model that declares it
    chain: list[str]  # from the audited model down to ``model``; one id for its own license


class PublisherEntry(TypedDict):
    name: str | None
    country: str | None  # ISO 3166 alpha-2
    org: str | None


class ArtifactFileEntry(TypedDict):
    path: str  # relative to the scanned root
    size: int
    sha256: str


class _ModelRequired(TypedDict):
    id: str
    source: Literal[
        "huggingface",
        "modelscope",
        "ollama",
        "local",
        "torch-hub",
        "torchaudio",
        "ultralytics",
        "roboflow",
        "super-gradients",
        "openai-whisper",
        "easyocr",
        "faster-whisper",
        "nemo",
        "uvr",
        "torchvision",
        "tesseract",
        "url",
    ]
    purl: str | None
    revision: str | None
    direct: bool  # referenced by the repository (False: a base model reached through lineage)
    suppressed: bool
    license: LicenseRef | None
    license_provenance: str | None
    effective_licenses: list[EffectiveLicenseEntry]
    base_models: list[str]
    publisher: PublisherEntry
    locations: list[LocationEntry]


class ModelEntry(_ModelRequired, total=False):
    license_expression: str | None
    license_name: str | None
    license_link: str | None
    provenance: dict[str, FactEntry]  # field name -> the source that supplied it
    base_model_relation: str | None
    gated: bool | None
    eu_disallowed: bool | None
    modalities: list[str]
    task: str  # the Hub's pipeline tag, when known
    files: list[ArtifactFileEntry]  # a local artifact's weight files, with their SHA-256
    notes: list[str]
    unresolved: str | None


class DatasetEntry(TypedDict):
    id: str
    source: Literal["huggingface-dataset"]
    locations: list[LocationEntry]


class WaiverEntry(TypedDict):
    model: str  # the waiver's model glob
    rules: list[str]
    reason: str
    approved_by: str | None
    expires: str | None  # ISO date


class _FindingRequired(TypedDict):
    rule: str
    severity: Severity
    model: str | None  # None for a policy-level finding
    message: str
    remediation: str
    locations: list[LocationEntry]
    waived: WaiverEntry | None
    license: str | None
    chain: list[str]


class FindingEntry(_FindingRequired, total=False):
    baseline_state: Literal["new", "unchanged"]  # against the baseline, when the scan had one


class SkippedEntry(TypedDict):
    path: str
    reason: str


class UnresolvableEntry(TypedDict):
    location: LocationEntry
    expression: str
    reason: str


class _SummaryRequired(TypedDict):
    models: int
    ancestors: int
    errors: int
    warnings: int
    infos: int
    waived: int
    suppressed: int
    skipped: int  # files that could not be read or parsed
    verdict: Literal["pass", "fail"]


class Summary(_SummaryRequired, total=False):
    """What the audit could not see is counted beside ``skipped`` (a report saved before these
    keys existed has none: read them with ``.get``)."""

    lineage_cut: int  # ancestors lineage did not examine (their license unknown)
    unanswered: int  # models the Hub did not answer for (a stand-in record was used)
    strict: bool  # the run fails on any skipped file, cut lineage or unanswered model


class HostedModelEntry(TypedDict):
    """A model behind a hosted API: inventoried with its provider, never given a license."""

    id: str  # the model name as the API takes it, without a provider prefix
    provider: str | None  # openai, anthropic, google, ...; None when the context does not say
    locations: list[LocationEntry]


class _ReportRequired(TypedDict):
    schema_version: Literal["1"]
    tool: ToolEntry
    root: str
    policy: PolicyEntry
    lockfile: str | None
    models: list[ModelEntry]
    datasets: list[DatasetEntry]
    findings: list[FindingEntry]
    licenses: dict[str, LicenseEntry]  # license id -> entry, for every license that binds a model
    warnings: list[str]
    skipped: list[SkippedEntry]
    unresolvable: list[UnresolvableEntry]
    summary: Summary


class BaselineEntry(TypedDict):
    """``licaudit scan --baseline OLD.json``: the findings compared with the saved report's."""

    new: int
    unchanged: int
    absent: int  # findings of the baseline this report no longer has
    review: ReviewEntry | None  # what the baseline reviewed


class Report(_ReportRequired, total=False):
    """The JSON report (``licaudit scan --format json``)."""

    project: str  # the scanned folder's name (not its path), for bills of materials
    review: ReviewEntry  # absent from reports older than the review identity
    hosted_models: list[HostedModelEntry]
    baseline: BaselineEntry  # set by ``scan --baseline``
