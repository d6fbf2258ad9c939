"""discover: find every model a repository references.

``discover(root, ...)`` walks the tree (git-aware), hands each file to the scanner for its kind
and returns a ``DiscoveryResult``. Files that cannot contain a reference cost almost nothing:
each kind has a cheap byte-level prefilter that runs before any parser, and files above a size
limit are never parsed. A file that cannot be read or parsed is listed as skipped with the
reason; the scan goes on.

The seam is ``interface.Scanner``: a ``kind``, a ``trigger`` (the prefilter) and
``scan(text, ctx) -> ScanResult`` (references, datasets among them, unresolvable arguments,
skipped files, and ``Pending`` questions that only the whole scan can answer, which the scanner
settles afterwards). ``SCANNERS`` registers each scanner by the files it reads (extensions,
exact names, name prefixes) as ``"module:attribute"``, imported on the first file of its kind
(a scan of a few YAML files never imports the Python scanner); a ``TreeScanner`` (local model
folders and weight files) looks at the file list instead. Adding a scanner is one class and one
``SCANNERS.register(...)`` line. This module owns what every scanner shares: reading files
safely, the prefilter, ``licaudit: ignore`` markers, the error policy, and the worker processes
of large scans (a ``ProcessPoolExecutor`` over slices of the file list, results merged in list
order, so the result never depends on the split).
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import gc
import importlib
import os
import signal
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from ..decoding import bom_encoding, decode
from ..env import env_float
from ..model import (
    HOSTED,
    HUGGINGFACE,
    LOCAL,
    PRODUCT,
    URL,
    DiscoveryResult,
    ModelRef,
    Skipped,
    fetched_elsewhere,
)
from ..recordtype import dataclass
from . import prefilter
from .cache import Outcome, RecordingContext, ScanCache, Stamp, digest, stamp
from .common import LOCAL_COPY_NOTE, paths_seen
from .ids import hub_files_in
from .interface import Scanner, ScanResult, Settles, SettlesEach, TreeScanner
from .serving import (
    served_beside,
    served_in_file,
    without_served_names,
)
from .suppress import apply_suppressions
from .walk import list_files, without_excluded

MAX_FILE_BYTES = 2 * 1024 * 1024
# A notebook's size is mostly its outputs (images embedded as base64, tables, logs) and only its
# code cells are scanned: it is read up to this many times the limit.
NOTEBOOK_LIMIT_FACTOR = 16

# data files of a model folder that never name a model the repository uses
_SKIP_NAMES = {
    "tokenizer.json",
    "vocab.json",
    "merges.txt",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "package-lock.json",
    "composer.lock",
    "generation_config.json",
    "preprocessor_config.json",
    ".licaudit.yaml",
    ".licaudit.yml",  # licaudit's own settings and waivers
}
_SKIP_SUFFIXES = (".min.js", ".d.ts")  # generated JavaScript
# a configuration file's sample, copied into place to run (settings.yaml.example,
# config.json.sample): read as the file it stands for, by the scanners of these kinds
_TEMPLATE_SUFFIXES = (".example", ".sample", ".template", ".dist")
_TEMPLATE_KINDS = frozenset({"yaml", "json", "toml"})


class ScannerRegistry:
    """Which scanner reads which file. A scanner is registered as itself or as
    ``"module:attribute"`` (a leading dot: a module of this package), imported on first use.

    A file's kind is decided by its name, case-insensitively: an exact name (``Dockerfile``)
    first, then the files never scanned (``_SKIP_NAMES``, minified JavaScript), then a name
    prefix (``.env.``), then the extension (a configuration sample's, ``settings.yaml.example``,
    is the one before the sample's suffix)."""

    def __init__(self) -> None:
        self._targets: dict[str, Scanner | str] = {}
        self._trees: dict[str, TreeScanner | str] = {}
        self._loaded: dict[str, Scanner] = {}
        self._names: dict[str, str] = {}
        self._prefixes: dict[str, str] = {}
        self._extensions: dict[str, str] = {}
        self._prefix_keys: tuple[str, ...] = ()
        self._versions: dict[str, int] = {}
        self._lexers: dict[str, prefilter.Lexer] = {}

    def register(
        self,
        scanner: Scanner | str,
        *,
        kind: str | None = None,
        extensions: Iterable[str] = (),
        names: Iterable[str] = (),
        prefixes: Iterable[str] = (),
        version: int = 1,
        code: prefilter.Lexer | None = None,
    ) -> None:
        """Add a scanner of file text. ``kind`` is required for a ``"module:attribute"``
        reference (the scanner's own ``kind`` otherwise); a name, prefix or extension belongs
        to one kind only.

        ``version``: what the scan cache keys the scanner's answers by; raise it when they
        change. ``code``: a lexer of the kind's comments and strings (``prefilter``): the
        trigger must then occur in the code, not only in prose."""
        kind = kind or getattr(scanner, "kind", None)
        if not kind or isinstance(scanner, str) and ":" not in scanner:
            raise ValueError(f"a scanner needs a kind and a 'module:attribute' path: {scanner!r}")
        if kind in self._targets or kind in self._trees:
            raise ValueError(f"scanner kind {kind!r} is already registered")
        tables = [
            (self._names, [k.lower() for k in names]),
            (self._prefixes, [k.lower() for k in prefixes]),
            (self._extensions, [k.lower() for k in extensions]),
        ]
        for table, keys in tables:
            for key in keys:
                if key in table:
                    raise ValueError(f"{key!r} is already read by {table[key]!r}")
        for table, keys in tables:
            table.update(dict.fromkeys(keys, kind))
        self._prefix_keys = tuple(self._prefixes)
        self._targets[kind] = scanner
        self._versions[kind] = version
        if code is not None:
            self._lexers[kind] = code

    def register_tree(self, scanner: TreeScanner | str, *, kind: str | None = None) -> None:
        """Add a scanner of the file list."""
        kind = kind or getattr(scanner, "kind", None)
        if not kind or kind in self._targets or kind in self._trees:
            raise ValueError(f"scanner kind {kind!r} is missing or already registered")
        self._trees[kind] = scanner

    def kinds(self) -> list[str]:
        return list(self._targets)

    def versions(self) -> dict[str, int]:
        """Each kind's scanner version (the scan cache's key)."""
        return dict(self._versions)

    def lexer(self, kind: str) -> prefilter.Lexer | None:
        """The code lexer of ``kind``'s prefilter, if it has one."""
        return self._lexers.get(kind)

    def kind_of(self, rel: str) -> str | None:
        """The kind of file a path names, or None when no scanner reads it."""
        name = rel[rel.rfind("/") + 1 :].lower()
        kind = self._names.get(name)
        if kind is not None:
            return kind
        if name in _SKIP_NAMES or name.endswith(_SKIP_SUFFIXES):
            return None
        if name.startswith(self._prefix_keys):
            return next(k for p, k in self._prefixes.items() if name.startswith(p))
        dot = name.rfind(".")
        if dot < 0:
            return None
        kind = self._extensions.get(name[dot + 1 :])
        if kind is None and name.endswith(_TEMPLATE_SUFFIXES):
            stem = name[:dot]
            inner = stem.rfind(".")
            kind = self._extensions.get(stem[inner + 1 :]) if inner >= 0 else None
            return kind if kind in _TEMPLATE_KINDS else None
        return kind

    def scanner(self, kind: str) -> Scanner:
        scanner = self._loaded.get(kind)
        if scanner is None:
            scanner = self._loaded[kind] = _load(self._targets[kind], kind)
        return scanner

    def tree_scanners(self) -> list[TreeScanner]:
        return [_load(target, kind) for kind, target in self._trees.items()]

    def load_all(self) -> None:
        for kind in self._targets:
            self.scanner(kind)

    def copy(self) -> ScannerRegistry:
        """A registry with the same scanners, to extend without changing this one."""
        new = ScannerRegistry()
        for table in (
            "_targets",
            "_trees",
            "_loaded",
            "_names",
            "_prefixes",
            "_extensions",
            "_versions",
            "_lexers",
        ):
            getattr(new, table).update(getattr(self, table))
        new._prefix_keys = self._prefix_keys
        return new


def _load(target, kind: str):
    if isinstance(target, str):
        module, _, attribute = target.partition(":")
        target = getattr(importlib.import_module(module, __name__), attribute)
    if getattr(target, "kind", None) != kind:
        raise TypeError(f"scanner {target!r} is registered as {kind!r}")
    return target


SCANNERS = ScannerRegistry()
SCANNERS.register(
    ".python:SCANNER",
    kind="python",
    extensions=("py", "pyw"),
    code=prefilter.python_tokens,
    version=25,
)
SCANNERS.register(".notebook:SCANNER", kind="notebook", extensions=("ipynb",), version=25)
SCANNERS.register(".config:YAML", kind="yaml", extensions=("yaml", "yml"), version=14)
SCANNERS.register(".config:TEMPLATE", kind="template", extensions=("tpl",), version=10)
SCANNERS.register(".config:JSON", kind="json", extensions=("json",), version=14)
SCANNERS.register(".config:JSONL", kind="jsonl", extensions=("jsonl", "ndjson"), version=13)
SCANNERS.register(".config:TOML", kind="toml", extensions=("toml",), version=14)
SCANNERS.register(
    ".config:ENV",
    kind="env",
    extensions=("env",),
    names=(".env",),
    prefixes=(".env.", "env.example", "env.sample", "env.template"),
    version=14,
)
SCANNERS.register(".config:HCL", kind="hcl", extensions=("tf", "tfvars", "hcl"), version=14)
SCANNERS.register(
    ".commands:DOCKERFILE",
    kind="dockerfile",
    extensions=("dockerfile", "containerfile"),
    names=("dockerfile", "containerfile"),
    prefixes=("dockerfile.", "containerfile."),
    version=14,
)
SCANNERS.register(
    ".commands:MAKEFILE",
    kind="makefile",
    extensions=("mk",),
    names=("makefile", "gnumakefile"),
    version=14,
)
SCANNERS.register(
    ".commands:SHELL",
    kind="shell",
    extensions=("sh", "bash", "zsh", "ksh", "slurm", "sbatch"),
    names=("procfile", "justfile"),
    version=14,
)
SCANNERS.register(
    ".javascript:SCANNER",
    kind="javascript",
    extensions=("js", "mjs", "cjs", "jsx", "ts", "tsx", "mts", "cts"),
    version=16,
)
SCANNERS.register(".golang:SCANNER", kind="go", extensions=("go",), version=14)
SCANNERS.register(
    ".modelfile:SCANNER", kind="modelfile", extensions=("modelfile",), names=("modelfile",)
)
SCANNERS.register_tree(".artifacts:SCANNER", kind="artifacts")


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    first = text.splitlines()[0] if text else type(exc).__name__
    return first[:200]


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


Read = tuple[bytes | None, str | None, Stamp | None]


def _read(root_s: str, rel: str, limit: int) -> tuple[bytes | None, str | None]:
    """The file's bytes, or None and the reason it is skipped (None reason: silently nothing)."""
    raw, why, _ = _read_stamped(root_s, rel, limit)
    return raw, why


def _read_stamped(root_s: str, rel: str, limit: int) -> Read:
    """``_read``, and the stamp of the file read (None for a symbolic link: its target may
    change alone).

    The common case costs one open, one fstat and one read: symbolic links are refused by
    O_NOFOLLOW and checked on the slow path; O_NONBLOCK keeps a FIFO from blocking the open."""
    path = f"{root_s}/{rel}"
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK) or os.path.islink(path):
            raw, why, _ = _read_link(root_s, path, limit)
            return raw, why, None
        if exc.errno == errno.ENOENT:
            return None, None, None  # listed by git but deleted from the work tree
        return None, f"cannot read: {exc.strerror or exc}", None
    try:
        return _read_fd(fd, limit)
    finally:
        os.close(fd)


def _size(limit: int) -> str:
    """A size limit as people write it: ``2 MiB``, ``64 KiB``, ``1500 bytes``."""
    for unit, name in ((1024 * 1024, "MiB"), (1024, "KiB")):
        if limit >= unit and limit % unit == 0:
            return f"{limit // unit} {name}"
    return f"{limit} bytes"


def _read_fd(fd: int, limit: int) -> Read:
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return None, None if stat.S_ISDIR(st.st_mode) else "not a regular file", None
        if st.st_size > limit:
            return None, f"larger than the {_size(limit)} scan limit", None
        first = os.read(fd, st.st_size or 65536)
        if st.st_size and len(first) == st.st_size:
            return first, None, stamp(st)  # the common case: one read, no second call
        chunks = [first]
        total = len(first)
        while first and total <= limit:
            first = os.read(fd, 65536)
            chunks.append(first)
            total += len(first)
    except BlockingIOError:
        return None, "not a regular file", None
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}", None
    if total > limit:
        return None, f"larger than the {_size(limit)} scan limit", None
    # read to its end: a stamp to trust only if that is the size it said it had
    return b"".join(chunks), None, stamp(st) if total == st.st_size else None


def _read_link(root_s: str, path: str, limit: int) -> Read:
    try:
        os.stat(path)  # a loop raises ELOOP, a dangling link ENOENT
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}", None
    real = os.path.realpath(path)
    if not (real + os.sep).startswith(os.path.realpath(root_s) + os.sep):
        return None, "symbolic link to a file outside the scanned folder", None
    try:
        fd = os.open(real, _OPEN_FLAGS)
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}", None
    try:
        return _read_fd(fd, limit)
    finally:
        os.close(fd)


def _without_own_products(refs: list[ModelRef]) -> list[ModelRef]:
    """The references without the repository's own products (``model.PRODUCT``: the local
    folders its scripts' output options write to) and without the Hub ids another file reads
    from one of them (``CLIPModel.from_pretrained("mlx_model")`` where a converter's
    ``--mlx-path`` defaults to ``mlx_model``): the file that writes it decides, by line, for itself."""
    products: dict[str, set[str]] = {}
    for ref in refs:
        if ref.source == PRODUCT:
            products.setdefault(ref.id.lower(), set()).add(ref.location.path)
    if not products:
        return refs
    out = []
    for ref in refs:
        if ref.source == PRODUCT:
            continue
        writers = products.get(ref.id.lower()) if ref.source == HUGGINGFACE else None
        if writers and ref.location.path not in writers:
            continue
        out.append(ref)
    return out


def _settings_of_hosted_models(refs: list[ModelRef]) -> list[ModelRef]:
    """A Hub-shaped value of an environment file's setting (``MODEL=meta/llama-3.1-8b-instruct``
    in ``.env.example``) that the code of its folder, or a folder below it, sends to a hosted
    API under the same id is that API's model: the setting says which model the code's
    variable holds, the code says who serves it (NVIDIA's API catalog names its models
    ``org/name`` as the Hub does)."""
    served: dict[str, list[tuple[str, str]]] = {}
    for ref in refs:
        if ref.source == HOSTED and ref.provider:
            folder = ref.location.path.rpartition("/")[0]
            served.setdefault(ref.id.lower(), []).append((folder, ref.provider))
    if not served:
        return refs
    out = []
    for ref in refs:
        if ref.source == HUGGINGFACE and SCANNERS.kind_of(ref.location.path) == "env":
            folder = ref.location.path.rpartition("/")[0]
            providers = sorted(
                provider
                for where, provider in served.get(ref.id.lower(), ())
                if not folder or where == folder or where.startswith(folder + "/")
            )
            if providers:
                provider = max(providers, key=providers.count)
                ref = dataclasses.replace(
                    ref,
                    source=HOSTED,
                    provider=provider,
                    evidence=f"{ref.evidence} (sent to {provider} by the code it configures)",
                    metadata=None,
                )
        out.append(ref)
    return out


def _served_names_of_hub_models(refs: list[ModelRef]) -> list[ModelRef]:
    """A bare name that a name alone reads as a hosted model by its shape (``ModelName:
    "ministral-3-8b-instruct-2512"``) and that is the lower-cased name of a Hub model the same
    file names (``mistralai/Ministral-3-8B-Instruct-2512``) is the name a server or a preset
    gives that model, not a provider's hosted model: it is dropped (the Hub model is reported
    where the file names it). A name written as the Hub writes it is left as it reads."""
    hub_names: dict[str, set[str]] = {}
    for ref in refs:
        if ref.source == HUGGINGFACE and "/" in ref.id:
            name = ref.id.rsplit("/", 1)[1]
            hub_names.setdefault(ref.location.path, set()).add(name)
    if not hub_names:
        return refs
    out = []
    for ref in refs:
        if (
            ref.source == HOSTED
            and "/" not in ref.id
            and ref.evidence.startswith("hosted model ")
            and ref.location.path in hub_names
        ):
            names = hub_names[ref.location.path]
            if ref.id not in names and ref.id in {n.lower() for n in names}:
                continue
        out.append(ref)
    return out


def _fetched_files(refs: list[ModelRef]) -> list[ModelRef]:
    """A local weights file named by a bare file name (``yolo11x.pt``) in a file where that same
    file is a registry's model (``ultralytics:yolo11x.pt``: ``YOLO(weights)`` downloads it) or
    the file of a download URL the file names is that model where it is written (on a line that
    already reports the model, it is dropped); a Hub id a file also passes to a registry's
    loader (``--model_id`` defaulting to ``project/6``, given to Roboflow's ``get_model``) is
    dropped: there, the name is that model."""
    fetched: dict[tuple[str, str], dict[tuple[str, str], ModelRef]] = {}
    placed: set[tuple[str, int | None, int | None, str, str]] = set()
    for ref in refs:
        if fetched_elsewhere(ref.source):
            tail = ref.id.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
            for name in {tail.lower(), ref.id.lower()}:
                fetched.setdefault((ref.location.path, name), {})[(ref.id, ref.source)] = ref
            loc = ref.location
            placed.add((loc.path, loc.cell, loc.line, ref.id, ref.source))
    if not fetched:
        return refs
    out = []
    for ref in refs:
        found = fetched.get((ref.location.path, ref.id.lower()))
        if found and ref.source == HUGGINGFACE:
            continue
        if found and ref.source == LOCAL and "/" not in ref.id:
            if len(found) > 1:
                continue  # which of them it is, is not known; each is reported where fetched
            (model,) = found.values()
            loc = ref.location
            if (loc.path, loc.cell, loc.line, model.id, model.source) in placed:
                continue
            ref = dataclasses.replace(
                ref, id=model.id, source=model.source, metadata=model.metadata
            )
        out.append(ref)
    return out


def _repository_implies(refs: list[ModelRef]) -> list[ModelRef]:
    """A Hub repository whose own configuration names the models it loads along with it (a
    pyannote pipeline's config.yaml: loader data ``implies_wherever_named``) brings them
    wherever it is reported as a model, at the same place: an option's default
    (``--diarization_model`` defaulting to the pipeline) that a loader in another module reads
    is the pipeline, and the pipeline is its sub-models too. A loader call (its evidence names
    the call: ``AutoModel.from_pretrained()``) is left to its own library's data: another
    library reads no pipeline config. A place that already reports an implied model keeps its
    one reference. Per file, so a cached file's references already hold them."""
    if not any(r.source == HUGGINGFACE for r in refs):
        return refs
    from .loaders import knowledge

    table = knowledge().repository_implies
    if not table:
        return refs
    placed = {(r.location, r.id.lower(), r.source) for r in refs}
    out = list(refs)
    for ref in refs:
        if ref.source != HUGGINGFACE or ref.suppressed or "()" in ref.evidence:
            continue
        found = table.get(ref.id.lower())
        if found is None:
            continue
        library, implied = found
        for i in implied:
            if not i.hub_id or (ref.location, i.hub_id.lower(), HUGGINGFACE) in placed:
                continue
            placed.add((ref.location, i.hub_id.lower(), HUGGINGFACE))
            out.append(
                ModelRef(
                    id=i.hub_id,
                    source=HUGGINGFACE,
                    location=ref.location,
                    evidence=f"implicit: {i.note} (loaded with {ref.id} by {library})",
                )
            )
    return out


def _copies_named_elsewhere(refs: list[ModelRef]) -> list[ModelRef]:
    """A local copy read as the Hub model its path is named after (``/data/models/painter/
    painter_random_mask``: ``painter/painter_random_mask``) whose organization the
    repository names nowhere else, where the repository names exactly one Hub model of that
    name under another organization (``acme-labs/painter_random_mask``), is a copy of that model:
    the folder above it groups the copies, it is no organization."""
    copies = [r for r in refs if r.source == HUGGINGFACE and LOCAL_COPY_NOTE in r.evidence]
    if not copies:
        return refs
    by_name: dict[str, set[str]] = {}
    orgs: set[str] = set()
    for r in refs:
        if r.source != HUGGINGFACE or LOCAL_COPY_NOTE in r.evidence or "/" not in r.id:
            continue
        org, name = r.id.split("/", 1)
        by_name.setdefault(name.lower(), set()).add(r.id)
        orgs.add(org.lower())
    if not by_name:
        return refs
    out = []
    for r in refs:
        if r.source == HUGGINGFACE and LOCAL_COPY_NOTE in r.evidence and "/" in r.id:
            org, name = r.id.split("/", 1)
            named = by_name.get(name.lower(), set())
            if org.lower() not in orgs and len(named) == 1:
                (hub,) = named
                r = dataclasses.replace(
                    r, id=hub, evidence=f"{r.evidence}; the repository names {hub} elsewhere"
                )
        out.append(r)
    return out


def _downloaded_files(root: Path, refs: list[ModelRef]) -> list[ModelRef]:
    """A local weights file the repository does not hold whose name is the file of one download
    URL the repository names (``sam_vit_h_4b8939.pth`` as a default path, fetched by a ``wget``
    of ``https://dl.fbaipublicfiles.com/.../sam_vit_h_4b8939.pth`` in a script), or one registry
    model named by its file (``yolov8n.pt``, an Ultralytics asset ``YOLO()`` downloads): that
    model, at the local reference's place; so is one whose name is the file a Hub file URL fetches
    (``.../Meta-Llama-3-8B-Instruct-Q5_K_M.gguf`` curled into an image, the URL
    ``huggingface.co/bartowski/Meta-Llama-3-8B-Instruct-GGUF/resolve/main/`` of that file in the
    server that serves it): that Hub model. A repository-wide step: the path and the URL are rarely
    in one file. A name two URLs end in stays the local file (which one it is, is not known)."""
    urls: dict[str, dict[tuple[str, str], ModelRef]] = {}
    for ref in refs:
        # a URL's file, or a registry's model named by its file (ultralytics:yolov8n.pt)
        if ref.source == URL or fetched_elsewhere(ref.source) and "." in ref.id:
            name = ref.id.rstrip("/").rsplit("/", 1)[-1].lower()
            urls.setdefault(name, {}).setdefault((ref.id, ref.source), ref)
        elif ref.source == HUGGINGFACE and any(
            w in ref.location.snippet for w in ("/resolve/", "/raw/")
        ):
            # the files of the Hub repository the line's download URL fetches
            for name in hub_files_in(ref.location.snippet, ref.id):
                got = urls.setdefault(name.lower(), {})
                got.setdefault((ref.id, ref.source), dataclasses.replace(ref, revision=None))
    if not urls:
        return refs
    out = []
    for ref in refs:
        if ref.source == LOCAL and not ref.id.endswith("/"):
            name = ref.id.replace("\\", "/").rsplit("/", 1)[-1].lower()
            found = urls.get(name, {})
            if len(found) == 1 and not _in_repository(root, ref):
                (model,) = found.values()  # with the terms the data records for it
                ref = dataclasses.replace(
                    ref, id=model.id, source=model.source, metadata=model.metadata
                )
        out.append(ref)
    return out


def _in_repository(root: Path, ref: ModelRef) -> bool:
    """Whether the local file ``ref`` names is in the repository (from its root or from the
    folder of the file that names it)."""
    here = Path(ref.location.path).parent
    try:
        return any((root / base / ref.id).is_file() for base in (Path("."), here))
    except (OSError, ValueError):
        return False


def _merge_local_metadata(
    root: Path, refs: list[ModelRef], skipped: list[Skipped]
) -> list[ModelRef]:
    """Every local ref of one artifact carries the artifact's metadata (a Modelfile's
    ``FROM ./x.gguf`` gets the GGUF header even when the GGUF file itself is not listed)."""
    from ..cards import ArtifactMetadata
    from . import artifacts

    known: dict[str, ArtifactMetadata | None] = {}  # None: a GGUF file whose header is unreadable
    for ref in refs:
        if ref.source == LOCAL and ref.metadata is not None:
            known.setdefault(ref.id, ref.metadata)
    out = []
    skipped_paths = {s.path for s in skipped}
    for ref in refs:
        if ref.source == LOCAL and ref.metadata is None:
            if ref.id not in known and ref.id.lower().endswith(".gguf"):
                meta, reason = artifacts.local_gguf(root, ref.id)
                if meta is None and os.path.lexists(root / ref.id) and ref.id not in skipped_paths:
                    skipped.append(Skipped(ref.id, reason or "unreadable GGUF header"))
                    skipped_paths.add(ref.id)
                known[ref.id] = meta
            meta = known.get(ref.id)
            if meta is not None:
                ref = dataclasses.replace(ref, metadata=meta)
        out.append(ref)
    return out


# Every file is read and prefiltered in this process (that is cheap: forking would not pay for
# it); the files that must be parsed are parsed by worker processes forked from this one (this
# process works too) when there is at least this much of them: below it, forking and merging
# cost more than a second process saves (bench/run.py --threshold measures it).
PARALLEL_MIN_BYTES = 8 * 1024 * 1024
MAX_WORKERS = 4
# contiguous slices of the file list, dealt round-robin: dense and sparse folders even out
_SLICES_PER_WORKER = 8
# Below this many files a scan is over before a progress bar would tell anything.
PROGRESS_MIN_FILES = 2000


class FileScan(NamedTuple):
    """One file's scan as a slice reports it to the scan cache: ``found`` None when its content
    is the one the cache knows (``digest``); ``answers`` None when the scan cannot be cached
    (it read the tree beyond its context). A scan that returned pending questions is cached
    when its scanner settles them file by file (``SettlesEach``)."""

    rel: str
    kind: str
    found: ScanResult | None
    stamp: Stamp | None
    digest: str
    answers: dict[str, bool] | None
    reads: dict[str, str]  # the other files of the tree its scanner read: path -> file_state


@dataclass
class SliceResult:
    """What scanning a slice of the file list yielded: every finding in ``found`` without a
    cache; with one, ``found`` holds the files that could not be read and ``files`` each file
    read, in order."""

    found: ScanResult = dataclasses.field(default_factory=ScanResult)
    files: list[FileScan] = dataclasses.field(default_factory=list)


def _needs_parse(kind: str, raw: bytes, code_prefilter: bool) -> bool | ScanResult:
    """True when the bytes of a file of ``kind`` pass its prefilters, else what the file yields
    without being parsed (nothing, or a binary file skipped)."""
    if raw.find(b"\0", 0, 8192) >= 0:
        return ScanResult(skipped=[Skipped("", "binary content")])
    trigger = SCANNERS.scanner(kind).trigger
    low = raw.lower()  # once: the trigger and the code stage both read the lower-cased bytes
    if not trigger.search_lower(low):
        return _NOTHING
    lexer = SCANNERS.lexer(kind) if code_prefilter else None
    if lexer is not None and not prefilter.in_code(raw, trigger, lexer, low):
        return _NOTHING
    return True


_NOTHING = ScanResult()


def _scan_text(
    root: Path, rel: str, kind: str, raw: bytes, code_prefilter: bool, prefiltered: bool = False
) -> tuple[ScanResult, dict[str, bool] | None, dict[str, str]]:
    """Prefilter and scan the bytes of one file: its findings, the answers its context gave
    (None: the result may depend on more than those) and the other files its scanner read.
    ``prefiltered``: these bytes already passed the prefilters (a deferred file)."""
    if not prefiltered:
        needed = _needs_parse(kind, raw, code_prefilter)
        if needed is not True:
            return _unparsed(rel, needed), {}, {}
    out = ScanResult()
    # the declared encoding (a byte order mark; PEP 263 in Python), else UTF-8; bytes that are
    # not valid in it are replaced: model ids are ASCII, one stray byte hides none
    text = decode(raw, python=kind == "python")
    ctx = RecordingContext(root, rel)
    try:
        with _collector_paused():
            found = SCANNERS.scanner(kind).scan(text, ctx)
    except (SyntaxError, ValueError) as exc:
        out.skipped.append(Skipped(rel, f"cannot parse: {_reason(exc)}"))
        return out, None if ctx.untracked else ctx.answers(), ctx.reads
    except (RecursionError, MemoryError):
        out.skipped.append(Skipped(rel, "cannot parse: nested too deeply"))
        return out, None, {}
    except Exception as exc:  # a scanner bug must not end the scan: report the file
        out.skipped.append(Skipped(rel, f"scanner error: {type(exc).__name__}"))
        return out, None, {}
    refs = apply_suppressions(served_in_file(found.refs, text), text)
    out.refs.extend(_repository_implies(refs))
    out.unresolvable.extend(found.unresolvable)
    out.skipped.extend(found.skipped)
    out.pending.extend(found.pending)
    return out, None if ctx.untracked else ctx.answers(), ctx.reads


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while one file is parsed and scanned: building a
    syntax tree allocates objects by the hundred thousand and frees none, and each collection
    the allocations would set off walks the whole living tree for nothing. It resumes once the
    scanner has returned, when the tree is already freed (by reference counting): the young
    objects left for it to look at are the few the scan keeps."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _unparsed(rel: str, result: ScanResult) -> ScanResult:
    """``_needs_parse``'s answer for the file ``rel``."""
    if not result.skipped:
        return ScanResult()
    return ScanResult(skipped=[Skipped(rel, s.reason) for s in result.skipped])


class _Deferred:
    """Files that passed the prefilters, left to parse: the first of them kept in memory (up to
    ``PARALLEL_MIN_BYTES``: a scan that stays below it parses them here without reading them
    again), then only their names (a scan above it parses them in workers, which read them)."""

    def __init__(self, keep: int) -> None:
        self.keep = keep
        self.size = 0
        self.rels: list[str] = []
        self.kept: list[tuple[bytes, Stamp | None, str]] = []

    def add(self, rel: str, raw: bytes, st: Stamp | None, content: str) -> None:
        self.rels.append(rel)
        self.size += len(raw)
        if self.size < self.keep:
            self.kept.append((raw, st, content))
        else:
            self.kept.clear()


PROGRESS_EVERY = 256  # files between two updates of the progress bar


def _scan_slice(
    root: Path,
    rels: Sequence[str],
    limit: int,
    known: Mapping[str, str] | None = None,
    *,
    defer: _Deferred | None = None,
    count: bool = True,
    tick: Callable[[int], object] | None = None,
) -> SliceResult:
    """Read, prefilter and scan each of ``rels`` in order. ``known``: with a scan cache, the
    content digest it holds per path (a file of that content is not scanned again).
    ``defer``: the files to parse are added to it instead of parsed. ``count``: count the
    files read (False when they were counted by the pass that deferred them). ``tick(n)``:
    after every ``PROGRESS_EVERY`` files, and the rest at the end (the progress bar)."""
    root_s = os.fspath(root)
    out = SliceResult()
    found = out.found
    kind_of = SCANNERS.kind_of
    code_prefilter = prefilter.enabled()
    for i, rel in enumerate(rels, 1):
        if tick is not None and i % PROGRESS_EVERY == 0:
            tick(PROGRESS_EVERY)
        kind = kind_of(rel)
        if kind is None:
            continue
        raw, why, st = _read_stamped(
            root_s, rel, limit * NOTEBOOK_LIMIT_FACTOR if kind == "notebook" else limit
        )
        if raw is None:
            if why:
                found.skipped.append(Skipped(rel, why))
            continue
        found.files_scanned += count
        content = digest(raw) if known is not None else ""
        if known is not None and known.get(rel) == content:
            out.files.append(FileScan(rel, kind, None, st, content, {}, {}))
            continue
        if bom_encoding(raw) in ("utf-16", "utf-32"):  # its NULs are not binary: as UTF-8
            raw = decode(raw).encode("utf-8")
        if defer is not None:
            needed = _needs_parse(kind, raw, code_prefilter)
            if needed is True:
                defer.add(rel, raw, st, content)
                continue
            if known is None and not needed.skipped:
                continue  # nothing to add
            result, answers, reads = _unparsed(rel, needed), {}, {}
        else:
            result, answers, reads = _scan_text(root, rel, kind, raw, code_prefilter)
        if known is None:
            found.add(result)
        else:
            out.files.append(FileScan(rel, kind, result, st, content, answers, reads))
    if tick is not None:
        tick(len(rels) % PROGRESS_EVERY)
    return out


def _scan_kept(root: Path, deferred: _Deferred, known: Mapping[str, str] | None) -> SliceResult:
    """Parse the deferred files kept in memory, here."""
    out = SliceResult()
    code_prefilter = prefilter.enabled()
    for rel, (raw, st, content) in zip(deferred.rels, deferred.kept, strict=True):
        kind = SCANNERS.kind_of(rel) or ""
        result, answers, reads = _scan_text(root, rel, kind, raw, code_prefilter, True)
        if known is None:
            out.found.add(result)
        else:
            out.files.append(FileScan(rel, kind, result, st, content, answers, reads))
    return out


@dataclass(frozen=True)
class ScanJob:
    """One slice of the files to parse, as a worker process receives it (it pickles)."""

    root: Path
    rels: Sequence[str]
    limit: int
    known: Mapping[str, str] | None = None

    def __call__(self) -> SliceResult:
        return _scan_slice(self.root, self.rels, self.limit, self.known, count=False)


def _processes() -> int:
    """How many processes a large scan may use: 1 unless this platform forks cheaply and safely
    (no other threads running) and more than one CPU is ours. ``LICAUDIT_SCAN_WORKERS``
    overrides the CPU count (1 turns forking off)."""
    if not hasattr(os, "fork") or sys.platform == "darwin":
        return 1
    env = os.environ.get("LICAUDIT_SCAN_WORKERS", "").strip()
    if env:
        try:
            return max(1, min(int(env), MAX_WORKERS))
        except ValueError:
            return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    import threading

    if threading.active_count() > 1:  # forking a threaded process can deadlock the child
        return 1
    return max(1, min(cpus, MAX_WORKERS))


def _workers(parse_bytes: int) -> int:
    """How many processes parse ``parse_bytes`` of source: ``_processes()`` from
    ``PARALLEL_MIN_BYTES`` on (``LICAUDIT_PARALLEL_MIN_MIB`` overrides it), else 1."""
    minimum = env_float("LICAUDIT_PARALLEL_MIN_MIB", PARALLEL_MIN_BYTES / 2**20) * 2**20
    return _processes() if parse_bytes >= minimum else 1


def _scan_parallel(
    jobs: Sequence[ScanJob],
    workers: int,
    while_waiting: Callable[[], object],
    tick: Callable[[int], object] = lambda n: None,
) -> list[SliceResult]:
    """Each job's result, in order. This process takes every ``workers``-th job (after
    ``while_waiting``) and ``workers - 1`` forked processes the others, each the next one when
    it is free. A job whose worker failed or was killed (a broken pool) runs again here, once,
    so a failed worker costs time, never a result."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    sys.stdout.flush()  # a forked worker must not write out what this process has buffered
    sys.stderr.flush()
    pool = ProcessPoolExecutor(
        workers - 1,
        mp_context=multiprocessing.get_context("fork"),
        initializer=signal.signal,  # Ctrl-C is the parent's to handle: it ends the workers
        initargs=(signal.SIGINT, signal.SIG_IGN),
    )
    futures = {}
    try:
        try:
            for i, job in enumerate(jobs):
                if i % workers != workers - 1:
                    futures[i] = pool.submit(job)
        except Exception:  # noqa: BLE001 - no process to spare: the jobs not submitted run here
            if not futures:
                _stop(pool)
        while_waiting()
        results = {}
        for i, job in enumerate(jobs):
            if i not in futures:
                results[i] = job()
                tick(len(job.rels))
        for i, future in futures.items():
            try:
                results[i] = future.result()
            except Exception:  # noqa: BLE001 - e.g. BrokenProcessPool: once more, here
                results[i] = jobs[i]()
            tick(len(jobs[i].rels))
    except BaseException:  # interrupted: end the workers now, leave none behind
        _stop(pool)
        raise
    pool.shutdown()
    return [results[i] for i in range(len(jobs))]


def _stop(pool) -> None:
    """Kill the pool's workers, then let it clean up (its thread sees a broken pool and fails
    what is pending; every process is reaped)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.kill()
    pool.shutdown(wait=True)
    for process in processes:
        process.join()


def _cached(
    root: Path, rels: Sequence[str], cache: ScanCache
) -> tuple[dict[str, Outcome], list[str]]:
    """(what the cache answers, by path; the paths to read) for ``rels``: an entry answers when
    the file's ``lstat`` is the one it was stored with."""
    root_s = os.fspath(root)
    kind_of, hit, lstat = SCANNERS.kind_of, cache.hit, os.lstat
    answered: dict[str, Outcome] = {}
    todo: list[str] = []
    for rel in rels:
        kind = kind_of(rel)
        if kind is None:
            continue
        try:
            st = lstat(f"{root_s}/{rel}")
        except (OSError, ValueError):
            todo.append(rel)
            continue
        outcome = hit(rel, kind, st)
        if outcome is None:
            todo.append(rel)
        else:
            answered[rel] = outcome
    return answered, todo


def _add(result: ScanResult, outcome: Outcome, *, read: bool = True) -> None:
    """Add a cached outcome; ``read``: count its file as read (it was not counted yet)."""
    result.refs.extend(outcome.refs)
    result.unresolvable.extend(outcome.unresolvable)
    result.skipped.extend(outcome.skipped)
    result.files_scanned += read


def scan_files(
    root: Path,
    rels: Sequence[str],
    limit: int,
    *,
    while_waiting: Callable[[], object] = lambda: None,
    cache: ScanCache | None = None,
    progress: bool = False,
) -> ScanResult:
    """Read, prefilter and scan each of ``rels`` (paths of a scannable kind), then settle the
    pending questions across the whole list; large lists are split over forked worker
    processes with the same result as one process. With a ``cache``, the files it answers for
    are not read, and what the others yield is stored in it (the caller saves it).

    ``while_waiting``: other work for this process, run while the workers scan. ``progress``:
    click's progress bar on a terminal while a large list (``PROGRESS_MIN_FILES``) is read and
    parsed (the files parsed in worker processes are added to it)."""
    from ..progress import progress_bar

    with progress_bar(
        "scanning files", len(rels), progress and len(rels) >= PROGRESS_MIN_FILES
    ) as bar:
        return _scan_files(root, rels, limit, while_waiting, cache, bar)


def _scan_files(root, rels, limit, while_waiting, cache, bar) -> ScanResult:
    answered: dict[str, Outcome] = {}
    todo = rels
    known = None
    if cache is not None:
        answered, todo = _cached(root, rels, cache)
        bar.update(len(rels) - len(todo))  # answered by the cache, or no scanner reads them
        kind_of = SCANNERS.kind_of
        known = {}
        for rel in todo:
            held = cache.digest_of(rel, kind_of(rel) or "")
            if held is not None:
                known[rel] = held
    if _processes() > 1:  # read and prefilter here, then parse here or in workers
        minimum = env_float("LICAUDIT_PARALLEL_MIN_MIB", PARALLEL_MIN_BYTES / 2**20) * 2**20
        deferred = _Deferred(keep=int(minimum))
        parts = [_scan_slice(root, todo, limit, known, defer=deferred, tick=bar.update)]
        workers = min(_workers(deferred.size), len(deferred.rels))
        if workers > 1:
            parse = deferred.rels
            size = max(1, -(-len(parse) // (workers * _SLICES_PER_WORKER)))
            jobs = [
                ScanJob(root, parse[i : i + size], limit, known) for i in range(0, len(parse), size)
            ]
            bar.length = (bar.length or 0) + len(parse)  # then parsed in worker processes
            parts += _scan_parallel(jobs, workers, while_waiting, bar.update)
        elif len(deferred.kept) == len(deferred.rels):
            parts.append(_scan_kept(root, deferred, known))
            while_waiting()
        else:  # too few files to share out: read them again here
            parts.append(_scan_slice(root, deferred.rels, limit, known, count=False))
            while_waiting()
    else:
        parts = [_scan_slice(root, todo, limit, known, tick=bar.update)]
        while_waiting()
    result = ScanResult()
    for part in parts:
        result.add(part.found)
    # answers settled file by file (kept in the cache, or settled alone here): after every
    # file's own findings and before what is settled across the whole list, as they would be
    # in the order ``settle`` gives them
    settled = ScanResult()
    if cache is not None:
        scanned = {f.rel: f for part in parts for f in part.files}
        waiting: list[tuple[FileScan, bool]] = []
        for rel in rels:  # in list order, as without a cache
            if rel in answered:
                _add(result, answered[rel])
                if answered[rel].settled is not None:
                    settled.add(answered[rel].settled)
            elif rel in scanned:
                _settle_file(root, limit, cache, result, scanned[rel], waiting, settled)
        if waiting:
            _settle_each(root, cache, result, waiting, settled)
    later: list[ScanResult] = []
    if result.pending:  # across the whole list: an import may point into another slice
        questions: dict[str, list] = {}
        for p in result.pending:
            questions.setdefault(p.kind, []).append(p.question)
        result.pending = []
        refs = list(result.refs)  # every file's own references: not those settled
        for kind, asked in questions.items():
            scanner = SCANNERS.scanner(kind)
            if not isinstance(scanner, Settles):
                raise TypeError(f"scanner {kind!r} returned pending questions but cannot settle")
            if getattr(scanner, "settles_with_refs", False):  # the references found so far
                later.append(scanner.settle(root, asked, list(refs)))
            else:
                later.append(scanner.settle(root, asked))
            refs.extend(later[-1].refs)
    result.add(settled)
    for out in later:
        result.add(out)
    return result


def _settle_file(
    root: Path,
    limit: int,
    cache: ScanCache,
    result: ScanResult,
    scan: FileScan,
    waiting: list[tuple[FileScan, bool]],
    settled: ScanResult,
) -> None:
    """Add one file read by a slice to ``result`` (it is already counted as read), and record
    it in the cache; a file with pending questions is added to ``waiting`` (``_settle_each``),
    ``alone`` when its entry can be kept with their answer."""
    found = scan.found
    if found is None:  # same content as the cache's entry: its outcome, under the new stamp
        outcome = cache.same_content(scan.rel, scan.kind, scan.digest)
        if outcome is not None:
            _add(result, outcome, read=False)
            if outcome.settled is not None:
                settled.add(outcome.settled)
            if scan.stamp is not None:
                cache.store(scan.rel, scan.kind, scan.stamp, scan.digest, outcome)
            return
        # its context's answers, or the files its answer read, changed: scan it again
        again = _scan_slice(root, [scan.rel], limit, {})
        result.skipped.extend(again.found.skipped)
        if not again.files:
            cache.forget(scan.rel)
            return
        scan = again.files[0]
        found = scan.found
        assert found is not None
    result.refs.extend(found.refs)
    result.unresolvable.extend(found.unresolvable)
    result.skipped.extend(found.skipped)
    result.files_scanned += found.files_scanned
    storable = scan.answers is not None and scan.stamp is not None
    if found.pending:  # its questions wait for every file's own findings
        alone = storable and isinstance(SCANNERS.scanner(scan.kind), SettlesEach)
        waiting.append((scan, alone))
        if not alone:
            cache.forget(scan.rel)
    elif not storable:
        cache.forget(scan.rel)
    else:
        outcome = Outcome(
            found.refs, found.unresolvable, found.skipped, scan.answers, None, scan.reads
        )
        cache.store(scan.rel, scan.kind, scan.stamp, scan.digest, outcome)


def _settle_each(
    root: Path,
    cache: ScanCache,
    result: ScanResult,
    waiting: list[tuple[FileScan, bool]],
    settled: ScanResult,
) -> None:
    """Settle the pending questions of each waiting file that can be (``alone``) by itself, and
    keep the answer in the cache with what it read; the questions of the others join those
    settled across the whole list, in list order."""
    by_kind: dict[str, list[FileScan]] = {}
    for scan, alone in waiting:
        if alone:
            by_kind.setdefault(scan.kind, []).append(scan)
    answers: dict[str, tuple[ScanResult, dict[str, str], dict[str, bool]] | None] = {}
    for kind, scans in by_kind.items():
        scanner = SCANNERS.scanner(kind)
        contexts = [RecordingContext(root, scan.rel) for scan in scans]
        asked = [[p.question for p in scan.found.pending] for scan in scans]  # type: ignore[union-attr]
        each = scanner.settle_each(root, list(zip(contexts, asked, strict=True)))  # type: ignore[attr-defined]
        for scan, ctx, got in zip(scans, contexts, each, strict=True):
            answers[scan.rel] = None if got is None or ctx.untracked else (*got, ctx.answers())
    for scan, _alone in waiting:  # in list order
        found = scan.found
        assert found is not None
        got = answers.get(scan.rel)
        if got is None:
            result.pending.extend(found.pending)
            cache.forget(scan.rel)
            continue
        answer, reads, asked_ctx = got
        settled.add(answer)
        assert scan.answers is not None and scan.stamp is not None
        outcome = Outcome(
            found.refs,
            found.unresolvable,
            found.skipped,
            {**scan.answers, **asked_ctx},
            ScanResult(answer.refs, answer.unresolvable, answer.skipped),
            {**scan.reads, **reads},
        )
        cache.store(scan.rel, scan.kind, scan.stamp, scan.digest, outcome)


def _prepare_tree_scan(still_listing: Callable[[], bool]) -> None:
    """Work for the time git lists a whole tree: every parser is wanted, so load them; if git is
    still at work after that, the tree is large: import the worker pool's modules too."""
    SCANNERS.load_all()
    if still_listing() and _processes() > 1:
        import concurrent.futures.process  # noqa: F401


def _own_cache(root: Path) -> list[str]:
    """licaudit's cache folder when ``LICAUDIT_CACHE_DIR`` puts it in the scanned tree (a CI
    workspace): what licaudit wrote there (validated loader data, Hub answers) names no model
    the code uses."""
    override = os.environ.get("LICAUDIT_CACHE_DIR")
    if not override:
        return []
    try:
        rel = Path(override).resolve().relative_to(root.resolve())
    except (OSError, ValueError, RuntimeError):
        return []
    return [f"/{rel.as_posix()}/"] if rel.parts else []


@paths_seen()  # the files of one scan share what they learn of which paths exist
def discover(
    root: Path,
    files: Sequence[str] | None = None,
    exclude: Iterable[str] = (),
    *,
    max_file_bytes: int = MAX_FILE_BYTES,
    cache: bool = False,
    progress: bool = False,
) -> DiscoveryResult:
    """References under ``root``; ``files`` (relative to root) restricts the scan to exactly those.

    ``max_file_bytes``: files above it are skipped, never parsed. ``cache``: use and update the
    scan cache (``discover.cache``); the result is the same with and without it. ``progress``:
    a progress bar on a terminal while a large tree is scanned."""
    root = Path(root)
    exclude = [*exclude, *_own_cache(root)]
    index = None
    if cache:
        index = ScanCache.open(root, SCANNERS.versions(), max_file_bytes, prefilter.enabled())
    if files is not None:
        candidates = without_excluded(sorted({f.replace(os.sep, "/") for f in files}), exclude)
    else:
        # every parser is wanted for a whole tree, unless the cache answers for it: load them
        # while git lists the files
        preload = _prepare_tree_scan if index is None or not index.rows else None
        candidates = list_files(root, exclude, while_listing=preload)
    from_trees: list[ScanResult] = []

    def scan_trees() -> None:  # model files named by path; independent of the text scan
        for tree in SCANNERS.tree_scanners():
            from_trees.append(tree.scan_tree(root, candidates, complete=files is None))

    found = scan_files(
        root,
        candidates,
        max_file_bytes,
        while_waiting=scan_trees,
        cache=index,
        progress=progress,
    )
    if index is not None:
        if files is None:
            index.keep_only(candidates)
        index.save()
    for tree_result in from_trees:
        found.add(tree_result)
    refs, skipped, unresolvable = found.refs, found.skipped, found.unresolvable
    refs = _without_own_products(refs)
    refs = _settings_of_hosted_models(refs)
    refs = _served_names_of_hub_models(refs)
    refs = _fetched_files(refs)
    refs = _copies_named_elsewhere(refs)
    refs = _downloaded_files(root, refs)
    refs = _merge_local_metadata(root, refs, skipped)
    refs = served_beside(refs)
    refs = without_served_names(root, refs)
    unique: dict[tuple, ModelRef] = {}
    for ref in refs:
        key = (
            ref.location.path,
            ref.location.cell,
            ref.location.line,
            ref.location.column,
            ref.id,
            ref.source,
        )
        unique.setdefault(key, ref)
    refs = sorted(
        unique.values(),
        key=lambda r: (
            r.location.path,
            r.location.cell or 0,
            r.location.line,
            r.location.column,
            r.id,
            r.source,
        ),
    )
    skipped = sorted(set(skipped), key=lambda s: (s.path, s.reason))
    unresolvable = sorted(
        set(unresolvable),
        key=lambda u: (
            u.location.path,
            u.location.cell or 0,
            u.location.line,
            u.location.column,
            u.expression,
        ),
    )
    return DiscoveryResult(tuple(refs), tuple(skipped), tuple(unresolvable), found.files_scanned)
