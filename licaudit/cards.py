"""Model cards and what a local artifact declares about itself: shared by discover and resolve.

Two stages read model cards: discovery reads the ``README.md`` of a model folder in the
repository, resolution reads the README a Hub repository serves when its card data is missing.
Both read the YAML front matter with ``front_matter`` (aliases never expanded, nesting and size
bounded, so a hostile card costs a bounded amount of work and never a crash).

``ArtifactMetadata`` is the typed record discovery attaches to a local model reference
(``ModelRef.metadata``) and resolution turns into a ``ModelRecord``: the license a card, a GGUF
header, safetensors metadata or an identified LICENSE file declares, with lineage, publisher and
the EU exclusion, and which file said so.

Nothing here imports PyYAML until a card with front matter is read.
"""

from __future__ import annotations

from typing import Any

from . import lazyre
from .recordtype import dataclass

# Where the facts of an artifact were read (``ArtifactMetadata.source``; the provenance source
# of the record's facts).
CARD = "card"
GGUF = "gguf"
SAFETENSORS = "safetensors"
LICENSE_FILE = "license-file"
CONFIG = "config"  # a config.json only: the folder is a model, it declares nothing
NONE = "none"  # weights only

YAML_MAX_FLOW_DEPTH = 1000
YAML_MAX_NODES = 100_000
CARD_MAX_LINES = 5000  # the closing ``---`` must come before this line
_NOT_BRACKETS = lazyre.compile(r"[^\[\]{}]+")


class ArtifactError(Exception):
    """A model artifact whose metadata cannot be read (truncated, malformed, oversized)."""


@dataclass(frozen=True)
class LicenseFile:
    """A LICENSE file beside the model, as the knowledge base's identifier named it."""

    path: str  # relative to the scanned root
    license: str | None = None  # the knowledge-base id; None when not recognised
    confidence: float | None = None
    reason: str | None = None  # why the identifier decided as it did, when it says


@dataclass(frozen=True)
class ArtifactFile:
    """A file of a local model artifact (weights, an adapter, a GGUF file) with its SHA-256."""

    path: str  # relative to the scanned root
    size: int
    sha256: str

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "size": self.size, "sha256": self.sha256}


@dataclass(frozen=True)
class ArtifactMetadata:
    """What a local model artifact (a model folder, a GGUF file) declares about itself.

    ``source`` and ``path`` say which file the facts were read from (``card`` README.md,
    ``gguf`` header, ``safetensors`` metadata, ``license-file``; ``config`` or ``none`` when
    the artifact declares nothing); ``path`` is relative to the scanned root. The other fields
    are the facts as declared: ``license`` as written (a card's list of licenses joined with
    ``OR``), ``license_name`` and ``license_link`` for ``license: other``, the Hub ids of the
    base models with their relation, the card's ``extra_gated_eu_disallowed``
    (``eu_disallowed``), the model's ``name`` and ``organization`` (GGUF ``general.*``,
    safetensors ``modelspec.*``), the ``license_file`` found beside it, the card's ``task`` and
    the artifact's ``files`` (weights, adapters, the GGUF file) with their SHA-256."""

    source: str
    path: str
    license: str | None = None
    license_name: str | None = None
    license_link: str | None = None
    base_models: tuple[str, ...] = ()
    base_model_relation: str | None = None
    eu_disallowed: bool | None = None
    name: str | None = None
    organization: str | None = None
    license_file: LicenseFile | None = None
    task: str | None = None  # the card's pipeline tag
    files: tuple[ArtifactFile, ...] = ()  # its weight and adapter files, each with its SHA-256


# -- YAML, read defensively --------------------------------------------------------------------


def check_yaml_depth(text: str, limit: int = YAML_MAX_FLOW_DEPTH) -> None:
    """Raise ValueError when flow collections nest deeper than ``limit``: libyaml's composer
    recurses in C and would overflow the stack on a hostile file."""
    if text.count("[") + text.count("{") <= limit:
        return
    depth = 0
    for c in _NOT_BRACKETS.sub("", text):
        if c in "[{":
            depth += 1
            if depth > limit:
                raise ValueError("nested too deeply")
        elif depth:
            depth -= 1


def safe_yaml(text: str) -> Any:
    """Load YAML without expanding aliases (an alias bomb stays a handful of shared nodes)."""
    import yaml  # only a model card with front matter needs it

    try:
        check_yaml_depth(text)
    except ValueError as exc:
        raise ArtifactError("model card front matter nested too deeply") from exc
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    node = yaml.compose(text, Loader=loader)
    memo: dict[int, Any] = {}
    budget = [YAML_MAX_NODES]

    def conv(n):
        if id(n) in memo:
            return memo[id(n)]
        budget[0] -= 1
        if budget[0] < 0:
            raise ArtifactError("YAML front matter too large")
        if isinstance(n, yaml.ScalarNode):
            if n.tag.endswith(":str") or n.style:
                out = n.value
            elif n.tag.endswith(":null"):
                out = None
            elif n.tag.endswith(":bool"):
                out = n.value.lower() in ("true", "yes", "on")
            else:
                out = n.value
        elif isinstance(n, yaml.SequenceNode):
            out = []
            memo[id(n)] = out
            out.extend(conv(x) for x in n.value)
        elif isinstance(n, yaml.MappingNode):
            out = {}
            memo[id(n)] = out
            for k, v in n.value:
                key = conv(k)
                if isinstance(key, str):
                    out[key] = conv(v)
        else:
            out = None
        memo[id(n)] = out
        return out

    return conv(node) if node is not None else None


def front_matter(text: str) -> tuple[dict[str, Any], int] | None:
    """(front matter, line of the ``license:`` key) of a model card, or None without one.

    Raises ``ArtifactError`` when the front matter is malformed, nested too deeply or too large."""
    text = text.lstrip("\ufeff")
    if not text.startswith("---"):
        return None
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    for end in range(1, min(len(lines), CARD_MAX_LINES)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return None
    import yaml

    try:
        data = safe_yaml("\n".join(lines[1:end]))
    except yaml.YAMLError as exc:
        raise ArtifactError("malformed model card front matter") from exc
    except RecursionError as exc:
        raise ArtifactError("model card front matter nested too deeply") from exc
    if not isinstance(data, dict):
        return None
    lic_line = next((i + 1 for i in range(1, end) if lines[i].startswith("license:")), 1)
    return data, lic_line
