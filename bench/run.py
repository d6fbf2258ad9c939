#!/usr/bin/env python3
"""Discovery benchmark: ``licaudit scan --offline --format json`` against ``rg``.

Builds a synthetic git repository (a realistic mix of Python — a third of it ML code that says
"model" everywhere without loading one — TypeScript, JSON, YAML, Markdown,
shell, Dockerfiles, TOML and data files, with a few hundred model references planted among
them) in a temporary folder, then times, for each size:

* ``licaudit scan --offline --format json`` (the whole pipeline: discovery, the license
  knowledge base and catalog, evaluation, the report),
* discovery alone (``licaudit.discover.discover`` in a fresh interpreter),
* ``rg`` over the same tree with a comparable pattern set,

and reports the median wall time and the peak resident memory of each child process
(``os.wait4``), after one untimed run of each (file cache warm; licaudit's modules compiled to
bytecode, as an installed package has them, into a private cache folder). It also checks that every planted reference was found.

    python bench/run.py                       # 20,000 files, and 5,000 to show memory is flat
    python bench/run.py --sizes 20000,40000 --repeat 5 --json results.json
    python bench/run.py --sizes 20000 --workers 1   # discovery in one process, for comparison
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RG_PATTERNS = [
    r"from_pretrained",
    r"pipeline\(",
    r"SentenceTransformer",
    r"CrossEncoder",
    r"ollama",
    r"--model",
    r"vllm serve",
    r"huggingface-cli download",
    r"hf download",
    r"load_dataset",
    r"hf_hub_download",
    r"snapshot_download",
    r"(?i)model(_id|_name|_name_or_path)?\s*[:=]",
    r"(?i)base_model",
    r"^FROM ",
    r"^ADAPTER ",
]

HUB_IDS = [
    "meta-llama/Llama-3.1-8B-Instruct",
    "Qwen/Qwen2.5-7B-Instruct",
    "mistralai/Mistral-7B-v0.3",
    "google/gemma-2-9b-it",
    "microsoft/phi-4",
    "BAAI/bge-m3",
    "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B",
    "sentence-transformers/all-MiniLM-L6-v2",
    "HuggingFaceTB/SmolLM2-1.7B-Instruct",
    "ibm-granite/granite-3.0-8b-instruct",
]
OLLAMA_TAGS = [
    "llama3.2:3b",
    "qwen2.5:7b",
    "mistral:7b",
    "gemma2:9b",
    "phi3:mini",
    "nomic-embed-text:latest",
]

PY_FILLER = """import logging
import os
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass
class Record{n}:
    name: str
    value: int = 0

    def describe(self) -> str:
        return f"{{self.name}}={{self.value}}"


def process_{n}(items):
    total = 0
    for item in items:
        if item.value > {n}:
            total += item.value
        else:
            log.debug("skip %s", item.name)
    return total
"""
ML_FILLER = '''import torch
from torch import nn


class Head{n}(nn.Module):
    """A projection head; the model dimension comes from the config."""

    def __init__(self, model_dim: int = 512, dropout: float = 0.1):
        super().__init__()
        self.proj = nn.Linear(model_dim, model_dim)
        self.drop = nn.Dropout(dropout)

    def forward(self, x):
        return self.drop(self.proj(x))


def train_step(model, batch, optimizer):
    model.train()
    loss = model(batch["input"]).pow(2).mean()
    loss.backward()
    optimizer.step()
    return loss.item()
'''
TS_FILLER = """import {{ useState }} from "react";

export function Widget{n}(props: {{ label: string }}) {{
  const [count, setCount] = useState({n});
  return <button onClick={{() => setCount(count + 1)}}>{{props.label}} {{count}}</button>;
}}
"""
MD_FILLER = """# Notes {n}

This page describes component {n}. It is prose: models such as a large language model are
mentioned here only in passing, and nothing here is loaded.

- item one
- item two
"""
YAML_FILLER = """name: service-{n}
replicas: {r}
image: ghcr.io/acme/service-{n}:1.{r}.0
resources:
  limits:
    cpu: "{r}"
    memory: {r}Gi
labels:
  app: service-{n}
  tier: backend
"""


def planted(kind: str, i: int, rng: random.Random) -> tuple[str, str]:
    """(text, id) of a file that carries one model reference."""
    hub = rng.choice(HUB_IDS)
    tag = rng.choice(OLLAMA_TAGS)
    if kind == "py":
        return (
            PY_FILLER.format(n=i)
            + f'\nfrom transformers import AutoModel\nMODEL_{i} = "{hub}"\nm = AutoModel.from_pretrained(MODEL_{i})\n',
            hub,
        )
    if kind == "ts":
        return (
            TS_FILLER.format(n=i)
            + f'\nimport {{ pipeline }} from "@huggingface/transformers";\nconst p = await pipeline("feature-extraction", "{hub}");\n',
            hub,
        )
    if kind == "yaml":
        return YAML_FILLER.format(
            n=i, r=i % 7 + 1
        ) + f"llm:\n  provider: ollama\n  model: {tag}\n", tag
    if kind == "json":
        return json.dumps(
            {"name": f"cfg-{i}", "model_name_or_path": hub, "batch_size": 8}, indent=2
        ), hub
    if kind == "sh":
        return f"#!/bin/sh\nset -e\necho start {i}\nvllm serve {hub} --port 8000\n", hub
    raise ValueError(kind)


def build(root: Path, n_files: int, n_refs: int, seed: int = 7) -> int:
    """Write the synthetic repository; returns the number of planted references."""
    rng = random.Random(seed)
    mix = [
        ("py", 0.34),
        ("ts", 0.16),
        ("json", 0.10),
        ("yaml", 0.10),
        ("md", 0.12),
        ("txt", 0.06),
        ("csv", 0.06),
        ("sh", 0.02),
        ("toml", 0.02),
        ("Dockerfile", 0.01),
        ("html", 0.01),
    ]
    kinds = [k for k, _ in mix]
    weights = [w for _, w in mix]
    ref_every = max(1, n_files // n_refs)
    planted_count = 0
    for i in range(n_files):
        kind = rng.choices(kinds, weights)[0]
        folder = root / f"pkg{i % 97:02d}" / f"mod{i % 13}"
        folder.mkdir(parents=True, exist_ok=True)
        carries = (
            i % ref_every == 0
            and kind in ("py", "ts", "yaml", "json", "sh")
            and planted_count < n_refs
        )
        if carries:
            text, _ = planted(kind, i, rng)
            planted_count += 1
        elif kind == "py":
            # a third of the Python files are ML code that talks about models without loading one
            filler = ML_FILLER if i % 3 == 0 else PY_FILLER
            text = filler.format(n=i) * rng.randint(1, 4)
        elif kind == "ts":
            text = TS_FILLER.format(n=i) * rng.randint(1, 3)
        elif kind == "md":
            text = MD_FILLER.format(n=i)
        elif kind == "yaml":
            text = YAML_FILLER.format(n=i, r=i % 7 + 1)
        elif kind == "json":
            text = json.dumps(
                {"id": i, "tags": [f"t{j}" for j in range(rng.randint(5, 50))], "enabled": True},
                indent=2,
            )
        elif kind == "csv":
            text = "id,name,score\n" + "".join(
                f"{j},row{j},{rng.random():.4f}\n" for j in range(rng.randint(20, 400))
            )
        elif kind == "txt":
            text = " ".join(
                rng.choice(["alpha", "beta", "gamma", "delta", "model", "data"])
                for _ in range(rng.randint(50, 600))
            )
        elif kind == "sh":
            text = f"#!/bin/sh\necho build {i}\nmake -j4\n"
        elif kind == "toml":
            text = f'[tool.x{i}]\nname = "pkg{i}"\nversion = "0.{i}.0"\n'
        elif kind == "Dockerfile":
            text = f"FROM python:3.12-slim\nCOPY . /app\nRUN pip install -r requirements{i}.txt\n"
        else:
            text = f"<html><body><p>page {i}</p></body></html>\n"
        name = "Dockerfile" if kind == "Dockerfile" else f"f{i}.{kind}"
        (folder / name).write_text(text)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "bench@example.invalid",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "bench@example.invalid",
    }
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "synthetic"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)
    return planted_count


def measure(
    argv: list[str], cwd: Path, env: dict[str, str] | None = None
) -> tuple[float, int, bytes, float]:
    """(wall seconds, peak RSS in KiB, stdout, CPU seconds user+system) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss, out, usage.ru_utime + usage.ru_stime


DISCOVER_ONLY = (
    "import sys, time, json; from pathlib import Path\n"
    "t = time.perf_counter()\n"
    "from licaudit.discover import discover\n"
    "r = discover(Path('.'))\n"
    "print(json.dumps({'seconds': time.perf_counter() - t, 'refs': len(r.refs), 'files': r.files_scanned}))\n"
)


def licaudit_command() -> list[str]:
    exe = Path(sys.executable).parent / "licaudit"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "licaudit.cli"]


def run_size(n_files: int, n_refs: int, repeat: int, rg: str, workers: str | None = None) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="licaudit-bench-"))
    try:
        root = tmp / "repo"
        root.mkdir()
        t0 = time.perf_counter()
        planted_count = build(root, n_files, n_refs)
        build_s = time.perf_counter() - t0
        env = {**os.environ, "HF_HUB_OFFLINE": "1", "NO_COLOR": "1"}
        # time what an installed licaudit costs: its modules compiled to bytecode once (pip does
        # this at install time), here into a private cache so the source tree is not touched
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        if workers:
            env["LICAUDIT_SCAN_WORKERS"] = workers
        scan_argv = [*licaudit_command(), "scan", "--offline", "--format", "json", "."]
        rg_argv = [
            rg,
            "--count-matches",
            "--no-messages",
            *[a for p in RG_PATTERNS for a in ("-e", p)],
            ".",
        ]
        discover_argv = [sys.executable, "-c", DISCOVER_ONLY]
        results: dict[str, list[tuple[float, int, float]]] = {"scan": [], "discover": [], "rg": []}
        found_refs = None
        discover_inner = []
        # warm the file cache and the bytecode cache once
        measure(rg_argv, root)
        measure(scan_argv, root, env)
        measure(discover_argv, root, env)
        for _ in range(repeat):
            s, rss, out, cpu = measure(scan_argv, root, env)
            results["scan"].append((s, rss, cpu))
            doc = json.loads(out)
            found_refs = sum(len(m["locations"]) for m in doc["models"]) + sum(
                len(d["locations"]) for d in doc.get("datasets", [])
            )
            s, rss, out, cpu = measure(discover_argv, root, env)
            results["discover"].append((s, rss, cpu))
            discover_inner.append(json.loads(out)["seconds"])
            s, rss, _, cpu = measure(rg_argv, root)
            results["rg"].append((s, rss, cpu))
        summary = {
            "files": n_files,
            "load_average_1m": round(os.getloadavg()[0], 2),
            "cpus": os.cpu_count(),
            "workers": workers or "auto",
            "planted_refs": planted_count,
            "found_refs": found_refs,
            "build_seconds": round(build_s, 2),
            "discover_in_process_seconds": round(statistics.median(discover_inner), 3),
        }
        for key, rows in results.items():
            summary[f"{key}_seconds"] = round(statistics.median(r[0] for r in rows), 3)
            summary[f"{key}_best_seconds"] = round(min(r[0] for r in rows), 3)
            summary[f"{key}_cpu_seconds"] = round(statistics.median(r[2] for r in rows), 3)
            summary[f"{key}_peak_rss_mib"] = round(max(r[1] for r in rows) / 1024, 1)
        summary["scan_vs_rg"] = round(summary["scan_seconds"] / summary["rg_seconds"], 2)
        summary["discover_vs_rg"] = round(summary["discover_seconds"] / summary["rg_seconds"], 2)
        summary["discover_vs_rg_cpu"] = round(
            summary["discover_cpu_seconds"] / max(summary["rg_cpu_seconds"], 1e-3), 2
        )
        return summary
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--sizes", default="5000,20000", help="comma-separated file counts (default 5000,20000)"
    )
    ap.add_argument(
        "--refs-per-20k", type=int, default=300, help="planted references per 20,000 files"
    )
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rg", default=shutil.which("rg") or "rg")
    ap.add_argument("--json", help="also write the results to this file")
    ap.add_argument(
        "--workers",
        help="LICAUDIT_SCAN_WORKERS for licaudit (1: one process; default: one per CPU)",
    )
    args = ap.parse_args()
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        refs = max(1, args.refs_per_20k * size // 20000)
        row = run_size(size, refs, args.repeat, args.rg, args.workers)
        rows.append(row)
        print(json.dumps(row), flush=True)
    header = (
        f"{'files':>7} {'refs':>9} {'scan s':>7} {'scan MiB':>8} {'disc s':>7} {'disc MiB':>8} {'in-proc s':>9} "
        f"{'rg s':>6} {'rg MiB':>6} {'scan/rg':>7} {'disc/rg':>7} {'cpu disc/rg':>11} {'load':>5}"
    )
    print(header)
    for r in rows:
        print(
            f"{r['files']:>7} {r['found_refs']:>4}/{r['planted_refs']:<4} {r['scan_seconds']:>7} {r['scan_peak_rss_mib']:>8} "
            f"{r['discover_seconds']:>7} {r['discover_peak_rss_mib']:>8} {r['discover_in_process_seconds']:>9} "
            f"{r['rg_seconds']:>6} {r['rg_peak_rss_mib']:>6} {r['scan_vs_rg']:>7} {r['discover_vs_rg']:>7} "
            f"{r['discover_vs_rg_cpu']:>11} {r['load_average_1m']:>5}"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n")
    return 0 if all(r["found_refs"] == r["planted_refs"] for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
