"""What a machine holds, not what a repository references: the models in Hugging Face caches and
in folders of model files (``licaudit scan --hf-cache [DIR]``).

``discover_cache(folder)`` finds every Hugging Face hub cache in ``folder`` (the folder itself,
its ``hub/`` as in ``HF_HOME``, or any cache below it: a container image's unpacked filesystem
holds them under ``root/.cache/huggingface/hub`` and elsewhere) and lists each with
``huggingface_hub.scan_cache_dir``. Every cached model becomes a reference to its Hub id at the
exact revision that is cached, carrying what its snapshot declares (the card's front matter, an
identified LICENSE, its weight files with their SHA-256) as ``cards.ArtifactMetadata``; the
resolver reads it offline, never the Hub. A repository with several cached revisions is
audited at the revision ``main`` (else its newest) points at, and each other revision is listed
as skipped with the reason. Model folders outside the caches (a ``snapshot_download`` to a
``local_dir``, an exported model) are found by the artifact scanner, as in a repository.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from .. import cards
from ..model import DATASET, HUGGINGFACE, DiscoveryResult, Location, ModelRef, Skipped
from . import artifacts

MAX_FOLDERS = 200_000  # folders walked looking for caches and model files
_TOP_SKIP = {"proc", "sys", "dev", "run"}  # pseudo filesystems of an unpacked image's root
_SKIP = {".git", "__pycache__", "node_modules"}
_REPO_PREFIXES = ("models--", "datasets--", "spaces--")


def default_cache() -> Path:
    """The user's hub cache (``HF_HUB_CACHE``, else ``HF_HOME/hub``, else ``~/.cache``)."""
    from huggingface_hub import constants

    return Path(constants.HF_HUB_CACHE)


def _is_cache(folder: Path, names: list[str]) -> bool:
    return any(n.startswith(_REPO_PREFIXES) and (folder / n / "snapshots").is_dir() for n in names)


def _walk(folder: Path) -> tuple[list[Path], list[str], list[Skipped]]:
    """(hub caches, candidate model files outside them, what could not be walked)."""
    caches: list[Path] = []
    files: list[str] = []
    skipped: list[Skipped] = []
    seen = 0
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        seen += 1
        here = Path(dirpath)
        rel_dir = os.path.relpath(dirpath, folder).replace(os.sep, "/")
        rel_dir = "" if rel_dir == "." else rel_dir
        if seen > MAX_FOLDERS:
            skipped.append(Skipped(rel_dir or ".", f"not walked: more than {MAX_FOLDERS} folders"))
            dirnames[:] = []
            break
        if _is_cache(here, dirnames):
            caches.append(here)
            dirnames[:] = []  # the cache is listed by huggingface_hub, not walked
            continue
        dirnames[:] = sorted(
            d for d in dirnames if d not in _SKIP and not (here == folder and d in _TOP_SKIP)
        )
        for name in filenames:
            if artifacts.marks_folder(name) or name.lower().endswith(".gguf"):
                files.append(f"{rel_dir}/{name}" if rel_dir else name)
    return caches, sorted(files), skipped


def _snapshot_metadata(
    root: Path, rel: str, hashes: artifacts.FileHashes
) -> tuple[cards.ArtifactMetadata, list[Skipped]]:
    """What a cached snapshot declares: its card, an identified LICENSE, its weight files."""
    snapshot = root / rel
    names = set(os.listdir(snapshot))
    ref, skipped = artifacts.folder_ref(root, rel, names, hashes=hashes)
    if ref is not None and ref.metadata is not None:
        return ref.metadata, skipped
    return cards.ArtifactMetadata(cards.NONE, rel), skipped


def _from_cache(
    cache: Path, base: Path, hashes: artifacts.FileHashes
) -> tuple[list[ModelRef], list[Skipped]]:
    from huggingface_hub import scan_cache_dir

    refs: list[ModelRef] = []
    skipped: list[Skipped] = []
    prefix = os.path.relpath(cache, base).replace(os.sep, "/")
    prefix = "" if prefix == "." else prefix + "/"
    try:
        info = scan_cache_dir(cache)
    except Exception as exc:  # noqa: BLE001 - an unreadable cache is a skipped folder, not a crash
        return [], [Skipped(prefix or ".", f"cannot read the Hugging Face cache: {exc}")]
    for warning in info.warnings:
        where = getattr(warning, "args", [""])[0] if getattr(warning, "args", None) else ""
        skipped.append(Skipped(prefix or ".", f"damaged cache entry: {where or warning}"[:300]))
    for repo in sorted(info.repos, key=lambda r: (r.repo_type, r.repo_id.lower())):
        if repo.repo_type == "space" or not repo.revisions:
            continue
        revisions = sorted(
            repo.revisions,
            key=lambda r: ("main" not in r.refs, -r.last_modified, r.commit_hash),
        )
        chosen, others = revisions[0], revisions[1:]
        rel = os.path.relpath(chosen.snapshot_path, cache).replace(os.sep, "/")
        location = Location(prefix + rel)
        for other in others:
            skipped.append(
                Skipped(
                    prefix + os.path.relpath(other.snapshot_path, cache).replace(os.sep, "/"),
                    f"another cached revision of {repo.repo_id}: the audit covers "
                    f"{chosen.commit_hash[:12]}"
                    + (" (main)" if "main" in chosen.refs else " (the newest)"),
                )
            )
        if repo.repo_type == "dataset":
            refs.append(ModelRef(repo.repo_id, DATASET, location, "Hugging Face cache"))
            continue
        meta, more = _snapshot_metadata(cache, rel, hashes)
        skipped += [dataclasses.replace(s, path=prefix + s.path) for s in more]
        meta = dataclasses.replace(
            meta,
            path=prefix + meta.path,
            files=tuple(dataclasses.replace(f, path=prefix + f.path) for f in meta.files),
            license_file=dataclasses.replace(
                meta.license_file, path=prefix + meta.license_file.path
            )
            if meta.license_file
            else None,
        )
        refs.append(
            ModelRef(
                id=repo.repo_id,
                source=HUGGINGFACE,
                location=location,
                evidence="Hugging Face cache snapshot",
                revision=chosen.commit_hash,
                metadata=meta,
            )
        )
    return refs, skipped


def discover_cache(folder: Path) -> DiscoveryResult:
    """The models (and datasets) in the hub caches under ``folder`` and the model folders
    outside them; paths relative to ``folder``."""
    folder = Path(folder)
    caches, files, skipped = _walk(folder)
    hashes = artifacts.FileHashes()
    refs: list[ModelRef] = []
    for cache in caches:
        found, why = _from_cache(cache, folder, hashes)
        refs += found
        skipped += why
    hashes.save()
    local, why, scanned = artifacts.scan_artifacts(folder, files, complete=False)
    refs += local
    skipped += why
    return DiscoveryResult(
        tuple(refs),
        tuple(sorted(set(skipped), key=lambda s: (s.path, s.reason))),
        (),
        scanned + len(refs) - len(local),
    )
