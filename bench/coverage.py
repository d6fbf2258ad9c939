"""Offline license coverage of the models real repositories use.

Reads the hand-made labels of ``bench/realrepos/*.yaml`` (see its README), takes every labelled
model of a Hub, Ollama, torch.hub or torchaudio source, and asks the installed licaudit what it
knows of them offline, the pre-commit path: ``licaudit check ID... --offline --format json``.
A model is covered when the report names a license licaudit knows (an id of the knowledge base
whose category is not ``unknown``), whatever the policy then says about it.

    python bench/coverage.py                      # every labelled repository
    python bench/coverage.py --labels DIR --min 0.9

Prints the coverage per repository and pooled (covered / labelled models, each model counted once
per repository and once in the pool), and lists the models not covered. With ``--min`` the exit
code is 1 when the pool or any repository is below it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SOURCES = ("huggingface", "ollama", "torch-hub", "torchaudio")
# sources whose ids ``licaudit check`` takes with the source as a prefix (torch-hub:owner/repo)
PREFIXED = ("torch-hub", "torchaudio")


def labelled(folder: Path) -> dict[str, list[tuple[str, str]]]:
    """repository -> sorted unique (model id, source) of its labelled Hub, Ollama and registry
    (torch-hub, torchaudio) models."""
    out = {}
    for path in sorted(folder.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        models = {
            (m["id"], m["source"])
            for m in doc.get("models") or ()
            if m.get("source") in SOURCES and m.get("id")
        }
        out[doc.get("repo") or path.stem] = sorted(models, key=lambda x: (x[0].lower(), x[1]))
    return out


def _licaudit() -> str:
    sibling = Path(sys.executable).with_name("licaudit")
    return str(sibling) if sibling.exists() else (shutil.which("licaudit") or "licaudit")


def _key(model_id: str, source: str) -> tuple[str, str]:
    model_id = model_id.strip()
    if source == "ollama" and ":" not in model_id:
        model_id += ":latest"
    return (model_id.lower() if source == "huggingface" else model_id, source)


def check(models: list[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    """(id, source) -> the report's entry for it, from one offline ``licaudit check``."""
    ids = sorted({f"{source}:{mid}" if source in PREFIXED else mid for mid, source in models})
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "NO_COLOR": "1"}
    with tempfile.TemporaryDirectory() as cwd:  # no lockfile or configuration of this checkout
        proc = subprocess.run(
            [_licaudit(), "check", *ids, "--offline", "--format", "json"],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    if proc.returncode == 2 and len(ids) > 1:  # an id licaudit refuses: ask for each alone
        out: dict[tuple[str, str], dict] = {}
        for mid in ids:
            try:
                out.update(check([(mid, "")]))
            except SystemExit as exc:
                print(f"  {mid}: {exc}", file=sys.stderr)
        return out
    if proc.returncode not in (0, 1):
        raise SystemExit(f"licaudit check failed: {proc.stderr.strip()}")
    doc = json.loads(proc.stdout)
    return {_key(m["id"], m["source"]): m for m in doc["models"] if m["direct"]}


def covered(entry: dict | None) -> bool:
    lic = (entry or {}).get("license")
    return bool(lic) and lic.get("category") not in (None, "unknown")


def how(entry: dict | None) -> str:
    if not entry:
        return "not in the report"
    return entry.get("unresolved") or (entry.get("license") or {}).get("id") or "no license"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", type=Path, default=HERE / "realrepos", help="folder of label files")
    ap.add_argument("--min", type=float, default=None, help="fail below this coverage (0..1)")
    args = ap.parse_args(argv)
    repos = labelled(args.labels)
    pool = sorted({m for models in repos.values() for m in models})
    found = check(pool) if pool else {}
    worst, rows = 1.0, []
    for repo, models in repos.items():
        if not models:
            continue
        ok = [m for m in models if covered(found.get(_key(*m)))]
        share = len(ok) / len(models)
        worst = min(worst, share)
        rows.append((repo, len(ok), len(models), share))
    width = max((len(r[0]) for r in rows), default=10)
    print(f"{'repository':<{width}}  covered  models  coverage")
    for repo, ok, total, share in rows:
        print(f"{repo:<{width}}  {ok:>7}  {total:>6}  {share:>7.0%}")
    pooled_ok = sum(covered(found.get(_key(*m))) for m in pool)
    pooled = pooled_ok / len(pool) if pool else 1.0
    print(f"{'pooled (distinct models)':<{width}}  {pooled_ok:>7}  {len(pool):>6}  {pooled:>7.0%}")
    missing = [m for m in pool if not covered(found.get(_key(*m)))]
    if missing:
        print("\nnot covered:")
        for mid, source in missing:
            users = ", ".join(r for r, ms in repos.items() if (mid, source) in ms)
            print(f"  {mid} ({source}, {users}): {how(found.get(_key(mid, source)))}")
    if args.min is not None and min(worst, pooled) < args.min:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
