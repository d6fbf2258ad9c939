"""Local model artifacts: model-card folders, GGUF headers, safetensors metadata, LICENSE files.

Each becomes a ``ModelRef`` with ``source="local"``, its id the path relative to the scanned root
(the folder for a model folder, the file for a GGUF file) and ``metadata`` an
``cards.ArtifactMetadata``: what the artifact declares about itself, which the resolver turns into
its record. A folder's card wins; a LICENSE file the knowledge base identifies gives the license
a card does not; safetensors metadata gives it when neither does.

A weight file is a model whatever it is called: every ``*.safetensors``, ``*.onnx`` and
``*.gguf`` file, every ``*.bin`` / ``*.pt`` / ``*.pth`` / ``*.ckpt`` whose header shows a
PyTorch checkpoint (a zip whose first member is a pickle, or a pickle stream: the name alone
proves nothing), and every ``adapter_*`` weights or JSON file (a PEFT adapter; its
``adapter_config.json`` names the base model; ``adapter_test.go`` is code). The folder holding
them is a model folder; a GGUF file is an artifact of its own. Each of these files is hashed
(SHA-256, kept in the cache by size and modification time, so a file is read in full once) for
the bills of materials.

Binary formats are read with small bounded readers: the GGUF key/value header only (never the
tensors), the safetensors JSON header only, the first bytes of a checkpoint.
"""

from __future__ import annotations

import dataclasses
import json
import os
import posixpath
import re
import struct
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .. import cards
from ..cards import ArtifactError, ArtifactMetadata, LicenseFile
from ..decoding import decode
from ..model import LOCAL, Location, ModelRef, Skipped
from .common import snippet_at
from .interface import ScanResult
from .suppress import covering, suppress

GGUF_MAX_KV = 100_000
GGUF_MAX_STRING = 16 * 1024 * 1024
GGUF_MAX_ARRAY = 10_000_000
GGUF_MAX_HEADER = 256 * 1024 * 1024
SAFETENSORS_MAX_HEADER = 64 * 1024 * 1024
CARD_MAX_BYTES = 1024 * 1024

MODEL_SUFFIXES = (".safetensors", ".onnx")  # weights, whatever the name
CHECKPOINT_SUFFIXES = (".bin", ".pt", ".pth", ".ckpt")  # weights when the header says so
_MARKING = MODEL_SUFFIXES + CHECKPOINT_SUFFIXES  # names that may make their folder a model's
ADAPTER_PREFIX = "adapter_"  # adapter_model.safetensors, adapter_config.json (PEFT)
ADAPTER_CONFIG = "adapter_config.json"
# what an adapter_* file holds: weights or its config, never code (adapter_test.go, adapter_utils.py)
ADAPTER_SUFFIXES = (*MODEL_SUFFIXES, *CHECKPOINT_SUFFIXES, ".json")
HASH_CACHE_ENTRIES = 4096
_LICENSE_NAMES = (
    "LICENSE",
    "LICENSE.txt",
    "LICENSE.md",
    "LICENCE",
    "LICENCE.txt",
    "LICENSE.rst",
    "COPYING",
)
_CARD_MODEL_KEYS = {
    "base_model",
    "pipeline_tag",
    "library_name",
    "model-index",
    "model_name",
    "base_model_relation",
}


# ---------------------------------------------------------------------------- GGUF

_SCALARS = {
    0: "B",
    1: "b",
    2: "H",
    3: "h",
    4: "I",
    5: "i",
    6: "f",
    7: "?",
    10: "Q",
    11: "q",
    12: "d",
}
_STRING, _ARRAY = 8, 9


class _Reader:
    def __init__(self, f, endian: str) -> None:
        self.f = f
        self.e = endian
        self.read_total = 0
        self.size = os.fstat(f.fileno()).st_size

    def take(self, n: int) -> bytes:
        self.read_total += n
        if self.read_total > GGUF_MAX_HEADER:
            raise ArtifactError("GGUF header larger than the reading limit")
        data = self.f.read(n)
        if len(data) != n:
            raise ArtifactError("truncated GGUF header")
        return data

    def skip(self, n: int) -> None:
        self.read_total += n
        if self.read_total > GGUF_MAX_HEADER:
            raise ArtifactError("GGUF header larger than the reading limit")
        pos = self.f.tell()
        if pos + n > self.size:
            raise ArtifactError("truncated GGUF header")
        self.f.seek(pos + n)

    def unpack(self, fmt: str):
        size = struct.calcsize(fmt)
        return struct.unpack(self.e + fmt, self.take(size))[0]

    def string(self, keep: bool = True) -> str | None:
        n = self.unpack("Q")
        if n > GGUF_MAX_STRING:
            raise ArtifactError("GGUF string longer than the reading limit")
        if not keep:
            self.skip(n)
            return None
        return self.take(n).decode("utf-8", "replace")

    def value(self, vtype: int, keep: bool):
        if vtype in _SCALARS:
            return self.unpack(_SCALARS[vtype])
        if vtype == _STRING:
            return self.string(keep)
        if vtype == _ARRAY:
            etype = self.unpack("I")
            count = self.unpack("Q")
            if count > GGUF_MAX_ARRAY:
                raise ArtifactError("GGUF array longer than the reading limit")
            if etype in _SCALARS:
                size = struct.calcsize(_SCALARS[etype])
                if keep and count <= 64:
                    return [self.unpack(_SCALARS[etype]) for _ in range(count)]
                self.skip(size * count)
                return None
            if etype == _STRING:
                keep_items = keep and count <= 256
                items = [self.string(keep_items) for _ in range(count)]
                return items if keep_items else None
            raise ArtifactError(f"unsupported GGUF array element type {etype}")
        raise ArtifactError(f"unknown GGUF value type {vtype}")


def read_gguf_header(path: Path) -> dict[str, Any]:
    """The ``general.*`` key/values of a GGUF file's header (v2/v3; tensors never read)."""
    with open(path, "rb") as f:
        magic = f.read(4)
        if len(magic) < 4:
            raise ArtifactError("truncated GGUF header")
        if magic != b"GGUF":
            if magic.startswith(b"vers"):
                raise ArtifactError("a Git LFS pointer, not the GGUF file itself")
            raise ArtifactError("not a GGUF file (bad magic)")
        raw_version = f.read(4)
        if len(raw_version) < 4:
            raise ArtifactError("truncated GGUF header")
        endian = "<"
        version = struct.unpack("<I", raw_version)[0]
        if version > 0xFFFF:
            endian = ">"
            version = struct.unpack(">I", raw_version)[0]
        if version not in (2, 3):
            raise ArtifactError(f"unsupported GGUF version {version}")
        r = _Reader(f, endian)
        r.unpack("Q")  # tensor count
        kv_count = r.unpack("Q")
        if kv_count > GGUF_MAX_KV:
            raise ArtifactError("GGUF header declares too many keys")
        out: dict[str, Any] = {}
        for _ in range(kv_count):
            key = r.string() or ""
            vtype = r.unpack("I")
            keep = key.startswith("general.")
            value = r.value(vtype, keep)
            if keep and value is not None:
                out[key] = value
        return out


_HF_URL = re.compile(
    r"^https?://(?:huggingface\.co|hf\.co)/([A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*)/?$"
)
_SLUG = re.compile(r"^[A-Za-z0-9][\w.-]*$")


def gguf_metadata(header: dict[str, Any], path: str) -> ArtifactMetadata:
    """What a GGUF header's ``general.*`` keys declare (``path``: the GGUF file)."""

    def text(key: str) -> str | None:
        value = header.get(key)
        return value.strip() if isinstance(value, str) and value.strip() else None

    bases = []
    count = header.get("general.base_model.count")
    count = count if isinstance(count, int) and 0 <= count <= 64 else 0
    for i in range(count):
        url = header.get(f"general.base_model.{i}.repo_url")
        org = header.get(f"general.base_model.{i}.organization")
        name = header.get(f"general.base_model.{i}.name")
        m = _HF_URL.match(url.strip()) if isinstance(url, str) else None
        if m:
            bases.append(m.group(1))
        elif (
            isinstance(org, str)
            and isinstance(name, str)
            and _SLUG.match(org)
            and _SLUG.match(name)
        ):
            bases.append(f"{org}/{name}")
    return ArtifactMetadata(
        source=cards.GGUF,
        path=path,
        license=text("general.license"),
        license_name=text("general.license.name"),
        license_link=text("general.license.link"),
        base_models=tuple(bases),
        name=text("general.name"),
        organization=text("general.organization"),
    )


# ---------------------------------------------------------------------------- safetensors


def read_safetensors_metadata(path: Path) -> dict[str, str]:
    with open(path, "rb") as f:
        head = f.read(8)
        if len(head) < 8:
            if head.startswith(b"vers"):
                raise ArtifactError("a Git LFS pointer, not the safetensors file itself")
            raise ArtifactError("truncated safetensors header")
        if head.startswith(b"version "):
            raise ArtifactError("a Git LFS pointer, not the safetensors file itself")
        n = struct.unpack("<Q", head)[0]
        if n > SAFETENSORS_MAX_HEADER:
            raise ArtifactError("safetensors header larger than the reading limit")
        data = f.read(n)
        if len(data) != n:
            raise ArtifactError("truncated safetensors header")
    try:
        header = json.loads(data)
    except ValueError as exc:
        raise ArtifactError("malformed safetensors header") from exc
    except RecursionError as exc:
        raise ArtifactError("safetensors header nested too deeply") from exc
    meta = header.get("__metadata__") if isinstance(header, dict) else None
    if not isinstance(meta, dict):
        return {}
    return {str(k): str(v) for k, v in meta.items() if isinstance(v, (str, int, float))}


def safetensors_metadata(raw: dict[str, str], path: str) -> ArtifactMetadata:
    """What a safetensors header's ``__metadata__`` declares (``path``: the weights file)."""
    base = raw.get("base_model")
    return ArtifactMetadata(
        source=cards.SAFETENSORS,
        path=path,
        license=raw.get("license") or raw.get("modelspec.license") or None,
        base_models=(base,) if base and "/" in base else (),
        name=raw.get("name") or raw.get("modelspec.title") or None,
        organization=raw.get("modelspec.author") or None,
    )


# ---------------------------------------------------------------------------- checkpoints


def checkpoint_header(path: Path) -> bool:
    """Whether a file's first bytes show a PyTorch checkpoint: ``torch.save``'s zip archive
    (its first member is the pickle, ``<archive>/data.pkl``) or a pickle stream (the legacy
    format, and what Lightning and most ``.ckpt`` files are). Reads at most 1 KiB."""
    with open(path, "rb") as f:
        head = f.read(1024)
    if head[:4] == b"PK\x03\x04" and len(head) >= 30:
        name_len = struct.unpack("<H", head[26:28])[0]
        name = head[30 : 30 + name_len].decode("utf-8", "replace")
        return len(name) == name_len and name.endswith(".pkl")
    return head[:1] == b"\x80" and head[1:2] in (b"\x02", b"\x03", b"\x04", b"\x05")


def is_model_file(root: Path, rel: str) -> bool:
    """Whether the file at ``rel`` is a model's weights or adapter (see the module's docstring)."""
    name = rel[rel.rfind("/") + 1 :].lower()
    if name.endswith(MODEL_SUFFIXES) or _is_adapter_file(name):
        return True
    if not name.endswith(CHECKPOINT_SUFFIXES) or not _is_regular_inside(root, rel):
        return False
    try:
        return checkpoint_header(root / rel)
    except OSError:
        return False


def marks_folder(name: str) -> bool:
    """A file name that may make its folder a model folder (header checks come later)."""
    low = name.lower()
    return (
        name in _FOLDER_TRIGGERS
        or low.endswith(MODEL_SUFFIXES + CHECKPOINT_SUFFIXES)
        or _is_adapter_file(low)
    )


def _is_adapter_file(low: str) -> bool:
    """A PEFT adapter's file (``adapter_model.safetensors``, ``adapter_model.bin``,
    ``adapter_config.json``: what ``PeftModel.save_pretrained`` writes), by its lower-case name."""
    return low.startswith(ADAPTER_PREFIX) and low.endswith(ADAPTER_SUFFIXES)


class FileHashes:
    """SHA-256 of artifact files, remembered in the cache by path, size and modification time:
    a file is read in full once, and again only when it changes."""

    def __init__(self) -> None:
        self._known: dict[str, list] | None = None  # read on the first file asked about
        self.changed = False

    @property
    def path(self) -> Path:
        from ..resources import CACHE_FORMAT, cache_root

        return cache_root() / "artifacts" / f"sha256-{CACHE_FORMAT}.json"

    @property
    def known(self) -> dict[str, list]:
        if self._known is None:
            from ..resources import read_json

            known = read_json(self.path)
            self._known = known if isinstance(known, dict) else {}
        return self._known

    def file(self, root: Path, rel: str) -> cards.ArtifactFile | None:
        """The file's size and SHA-256; None when it is not a regular file inside ``root``."""
        import hashlib

        if not _is_regular_inside(root, rel):
            return None
        real = os.path.realpath(root / rel)
        try:
            st = os.stat(real)
            entry = self.known.get(real)
            if (
                isinstance(entry, list)
                and len(entry) == 3
                and entry[:2] == [st.st_size, st.st_mtime_ns]
                and isinstance(entry[2], str)
            ):
                return cards.ArtifactFile(rel, st.st_size, entry[2])
            digest = hashlib.sha256()
            with open(real, "rb") as f:
                while chunk := f.read(1024 * 1024):
                    digest.update(chunk)
        except OSError:
            return None
        self.known.pop(real, None)
        self.known[real] = [st.st_size, st.st_mtime_ns, digest.hexdigest()]
        self.changed = True
        return cards.ArtifactFile(rel, st.st_size, digest.hexdigest())

    def save(self) -> None:
        from ..resources import write_json_atomic

        if self.changed:
            keep = list(self.known.items())[-HASH_CACHE_ENTRIES:]
            write_json_atomic(self.path, dict(keep))


def adapter_base(root: Path, rel: str) -> str | None:
    """The Hub id an ``adapter_config.json`` names as its base model, when it names one."""
    text = _read_text(root / rel, CARD_MAX_BYTES) if _is_regular_inside(root, rel) else None
    try:
        config = json.loads(text) if text else None
    except (ValueError, RecursionError):
        return None
    base = config.get("base_model_name_or_path") if isinstance(config, dict) else None
    return base.strip() if isinstance(base, str) and _HUB_ID.match(base.strip()) else None


_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*$")


# ---------------------------------------------------------------------------- model cards


def card_metadata(front: dict[str, Any], path: str) -> ArtifactMetadata:
    """What a model card's front matter declares (``path``: the README.md)."""

    def text(key: str) -> str | None:
        value = front.get(key)
        return value.strip() if isinstance(value, str) and value.strip() else None

    lic = front.get("license")
    if isinstance(lic, list):
        lic = " AND ".join(str(x) for x in lic if x)
    base = front.get("base_model")
    if isinstance(base, str):
        base = [base]
    eu = front.get("extra_gated_eu_disallowed")  # the card withholds the model from the EU
    return ArtifactMetadata(
        source=cards.CARD,
        path=path,
        license=lic.strip() if isinstance(lic, str) and lic.strip() else None,
        license_name=text("license_name"),
        license_link=text("license_link"),
        base_models=tuple(b.strip() for b in base if isinstance(b, str) and "/" in b)
        if isinstance(base, list)
        else (),
        base_model_relation=text("base_model_relation"),
        eu_disallowed=eu if isinstance(eu, bool) else None,
        name=text("model_name"),
        task=text("pipeline_tag"),
    )


def _read_text(path: Path, limit: int) -> str | None:
    try:
        with open(path, "rb") as f:
            data = f.read(limit)
    except OSError:
        return None
    return decode(data)


def read_license_file(path: Path) -> str | None:
    """A LICENSE file's head, read as ``licaudit licenses identify`` reads it (UTF-8 or UTF-16);
    None when it cannot be read."""
    from ..licensing.identify import read_license_text

    try:
        return read_license_text(path)
    except OSError:
        return None


def identify_license_file(text: str) -> tuple[str | None, float | None, str | None]:
    """(license id, confidence, reason) from the knowledge base's identifier."""
    from ..licensing.identify import identify

    try:
        result = identify(text)
    except Exception as exc:  # the identifier must never break a scan
        return None, None, f"license identifier failed: {type(exc).__name__}"
    return result.license, result.confidence, result.reason


# ---------------------------------------------------------------------------- the scan


def _is_regular_inside(root: Path, rel: str) -> bool:
    path = root / rel
    try:
        if not path.is_file():
            return False
        if path.is_symlink():
            real = os.path.realpath(path)
            return real.startswith(os.path.realpath(root) + os.sep)
        return True
    except OSError:
        return False


def local_gguf(root: Path, rel: str) -> tuple[ArtifactMetadata | None, str | None]:
    """(metadata, None) for a GGUF file, or (None, reason) when its header cannot be read."""
    if not _is_regular_inside(root, rel):
        return None, "not a regular file inside the scanned folder"
    try:
        header = read_gguf_header(root / rel)
    except ArtifactError as exc:
        return None, str(exc)
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}"
    except (struct.error, ValueError, MemoryError) as exc:
        return None, f"malformed GGUF header ({type(exc).__name__})"
    return gguf_metadata(header, rel), None


def _space_refs(card: dict[str, Any], card_text: str, path: str) -> list[ModelRef]:
    """A Hugging Face Space card (``sdk:``) lists the models and datasets the Space uses."""
    from ..model import DATASET, HUGGINGFACE
    from .ids import dataset_id, hub_id

    lines = card_text.splitlines()
    out = []
    for key, source in (("models", HUGGINGFACE), ("datasets", DATASET)):
        values = card.get(key)
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, list):
            continue
        for value in values:
            if not isinstance(value, str):
                continue
            ident = hub_id(value) if source == HUGGINGFACE else dataset_id(value)
            if not ident:
                continue
            n = next(
                (
                    i + 1
                    for i, line in enumerate(lines)
                    if value in line and not line.lstrip().startswith("#")
                ),
                1,
            )
            col = lines[n - 1].find(value) + 1 if n <= len(lines) else 1
            ref = ModelRef(
                id=ident,
                source=source,
                location=Location(path, n, max(col, 1), snippet_at(lines, n)),
                evidence=f"Space card {key}",
            )
            out.append(suppress(ref, lines[n - 1]) if n <= len(lines) else ref)
    return out


def _configuration_only(names: set[str]) -> bool:
    """A folder of configuration files only (``config.json`` beside ``preprocessor_config.json``
    or ``generation_config.json``): an architecture the code builds and fills with weights it
    gets elsewhere, no model of its own (no weights, tokenizer, card or license in it)."""
    return all(
        n.endswith("config.json") and n not in ("tokenizer_config.json", ADAPTER_CONFIG)
        for n in names
    )


def folder_ref(
    root: Path,
    folder: str,
    names: set[str],
    extra: list[ModelRef] | None = None,
    hashes: FileHashes | None = None,
) -> tuple[ModelRef | None, list[Skipped]]:
    skipped: list[Skipped] = []

    def rel(name: str) -> str:
        return posixpath.join(folder, name) if folder else name

    card = None
    card_line = 1
    card_text = None
    if "README.md" in names and _is_regular_inside(root, rel("README.md")):
        card_text = _read_text(root / rel("README.md"), CARD_MAX_BYTES)
        if card_text is not None:
            try:
                parsed = cards.front_matter(card_text)
            except ArtifactError as exc:
                skipped.append(Skipped(rel("README.md"), str(exc)))
                parsed = None
            if parsed:
                card, card_line = parsed
                if "sdk" in card and extra is not None:
                    extra.extend(_space_refs(card, card_text, rel("README.md")))
    config = None
    if "config.json" in names and _is_regular_inside(root, rel("config.json")):
        text = _read_text(root / rel("config.json"), CARD_MAX_BYTES)
        try:
            config = json.loads(text) if text else None
        except (ValueError, RecursionError):
            config = None
        if not (isinstance(config, dict) and ("model_type" in config or "architectures" in config)):
            config = None
    weights = sorted(
        n for n in names if not n.lower().endswith(".gguf") and is_model_file(root, rel(n))
    )
    is_model = (
        (card is not None and any(k in card for k in _CARD_MODEL_KEYS))
        or config is not None
        or bool(weights)
        or (card is not None and "license" in card and bool(names & set(_LICENSE_NAMES)))
    )
    if not is_model or (card is None and not weights and _configuration_only(names)):
        return None, skipped
    meta: ArtifactMetadata | None = None
    location = None
    if card is not None:
        meta = card_metadata(card, rel("README.md"))
        location = Location(
            rel("README.md"), card_line, 1, snippet_at((card_text or "").splitlines(), card_line)
        )
    license_file = None
    lic_file = next((n for n in _LICENSE_NAMES if n in names), None)
    if lic_file and _is_regular_inside(root, rel(lic_file)):
        text = read_license_file(root / rel(lic_file))
        if text:
            lic, confidence, reason = identify_license_file(text)
            license_file = LicenseFile(rel(lic_file), lic, confidence, reason)
            if lic and (meta is None or meta.license is None):  # the card's license wins
                meta = dataclasses.replace(
                    meta or ArtifactMetadata(cards.LICENSE_FILE, rel(lic_file)),
                    source=cards.LICENSE_FILE,
                    path=rel(lic_file),
                    license=lic,
                )
            if location is None:
                location = Location(rel(lic_file), 1, 1, snippet_at(text.splitlines(), 1))
    if meta is None or meta.license is None:
        for w in weights:
            if not w.endswith(".safetensors"):
                continue
            try:
                raw = read_safetensors_metadata(root / rel(w))
            except ArtifactError as exc:
                skipped.append(Skipped(rel(w), str(exc)))
                continue
            except OSError as exc:
                skipped.append(Skipped(rel(w), f"cannot read: {exc.strerror or exc}"))
                continue
            st = safetensors_metadata(raw, rel(w))
            if st.license:  # completes the card: its other facts stay
                meta = (
                    st
                    if meta is None
                    else dataclasses.replace(
                        meta,
                        source=st.source,
                        path=st.path,
                        license=st.license,
                        base_models=st.base_models or meta.base_models,
                        name=st.name or meta.name,
                        organization=st.organization or meta.organization,
                    )
                )
                break
    if location is None:
        first = (
            "config.json" if config is not None else (weights[0] if weights else sorted(names)[0])
        )
        location = Location(
            rel(first), 1 if first.endswith(".json") else 0, 1 if first.endswith(".json") else 0, ""
        )
    if meta is None:  # a model folder that declares nothing (no card: config.json or weights)
        meta = ArtifactMetadata(cards.CONFIG if config is not None else cards.NONE, location.path)
    if license_file is not None:
        meta = dataclasses.replace(meta, license_file=license_file)
    if ADAPTER_CONFIG in names and not meta.base_models:  # an adapter names its base model
        base = adapter_base(root, rel(ADAPTER_CONFIG))
        if base:
            meta = dataclasses.replace(
                meta, base_models=(base,), base_model_relation=meta.base_model_relation or "adapter"
            )
    if hashes is not None and weights:
        files = (hashes.file(root, rel(w)) for w in weights)
        meta = dataclasses.replace(meta, files=tuple(f for f in files if f is not None))
    if card_text is not None and location.path == rel("README.md"):
        # a marker on the license line, or an HTML comment line anywhere in the card
        card_lines = card_text.splitlines()
        ident = folder or "."
        marker = (
            covering(card_lines[card_line - 1], ident) if card_line <= len(card_lines) else None
        )
        if marker is None:
            for line in card_lines:
                if line.lstrip().startswith("<!--") and "licaudit" in line:
                    marker = covering(line, ident)
                    if marker is not None:
                        break
        if marker is not None:
            location = dataclasses.replace(
                location, suppressed=True, suppression_reason=marker.reason
            )
    ref = ModelRef(
        id=folder or ".",
        source=LOCAL,
        location=location,
        evidence="model folder ("
        + ", ".join(
            x
            for x in (
                "model card" if card is not None else "",
                "config.json" if config is not None else "",
                "weights" if weights else "",
            )
            if x
        )
        + ")",
        suppressed=location.suppressed,
        metadata=meta,
    )
    return ref, skipped


_FOLDER_TRIGGERS = {"README.md", "config.json", *_LICENSE_NAMES}


def _models_of(folder: str, names: set[str]) -> list[tuple[str, set[str]]]:
    """(model id, its files) of a marked folder: the folder, one model; but in the folder of a
    Python package (``__init__.py``) with no card and no ``config.json``, each weights file is
    a model of its own (assets shipped with the code: ``pkg/assets/silero_vad.onnx``), its id the
    file's path. Which names are weights is settled by ``folder_ref``."""
    if "__init__.py" not in names or "README.md" in names or "config.json" in names:
        return [(folder, names)]
    files = sorted(
        n for n in names if n.lower().endswith(_MARKING) and not n.lower().endswith(".gguf")
    )
    if not files:
        return [(folder, names)]
    return [(posixpath.join(folder, n) if folder else n, {n}) for n in files]


def scan_artifacts(
    root: Path, candidates: Iterable[str], *, complete: bool = True
) -> tuple[list[ModelRef], list[Skipped], int]:
    """Local model refs for the GGUF files and model folders among ``candidates``.

    ``complete`` says the candidates are every file of the scan (a folder's other files are
    then taken from them, so ignored files stay ignored); otherwise folders are listed."""
    refs: list[ModelRef] = []
    skipped: list[Skipped] = []
    scanned = 0
    candidates = list(candidates)
    marked: set[str] = set()
    hashes = FileHashes()
    marking = _MARKING
    for rel in candidates:
        slash = rel.rfind("/")
        name = rel[slash + 1 :]
        low = name.lower()
        # marks_folder(name), written out: this runs once per file of the tree
        if (
            name in _FOLDER_TRIGGERS
            or low.endswith(marking)
            or (low.startswith(ADAPTER_PREFIX) and low.endswith(ADAPTER_SUFFIXES))
        ):
            marked.add(rel[:slash] if slash >= 0 else "")
        if low.endswith(".gguf"):
            scanned += 1
            meta, reason = local_gguf(root, rel)
            if meta is None:
                skipped.append(Skipped(rel, reason or "unreadable GGUF header"))
                continue
            digest = hashes.file(root, rel)
            refs.append(
                ModelRef(
                    id=rel,
                    source=LOCAL,
                    location=Location(rel, 0, 0, ""),
                    evidence="GGUF header",
                    metadata=dataclasses.replace(meta, files=(digest,) if digest else ()),
                )
            )
    folders: dict[str, set[str]] = {f: set() for f in marked}
    if marked:
        for rel in candidates:
            slash = rel.rfind("/")
            folder = rel[:slash] if slash >= 0 else ""
            if folder in folders:
                folders[folder].add(rel[slash + 1 :])
    for folder in sorted(folders):
        names = folders[folder]
        if not complete:
            try:
                names = names | set(os.listdir(root / folder if folder else root))
            except OSError:
                continue
        scanned += 1
        for ident, group in _models_of(folder, names):
            extra: list[ModelRef] = []
            try:
                ref, sk = folder_ref(root, folder, group, extra, hashes)
            except Exception as exc:  # a hostile artifact must not end the scan: report it
                skipped.append(
                    Skipped(ident or ".", f"cannot read model folder: {type(exc).__name__}")
                )
                continue
            refs.extend(extra)
            skipped.extend(sk)
            if ref is not None and ident != folder:
                ref = dataclasses.replace(ref, id=ident, evidence="weights file of a package")
            if ref is not None:
                refs.append(ref)
    hashes.save()
    return refs, skipped, scanned


class ArtifactScanner:
    """Model folders (a card, ``config.json``, weights, a LICENSE) and GGUF files, found by name
    in the file list and read by the bounded readers above."""

    kind = "artifacts"

    def scan_tree(self, root: Path, files: Sequence[str], *, complete: bool) -> ScanResult:
        refs, skipped, scanned = scan_artifacts(root, files, complete=complete)
        return ScanResult(refs, skipped=skipped, files_scanned=scanned)


SCANNER = ArtifactScanner()
