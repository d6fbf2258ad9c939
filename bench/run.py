#!/usr/bin/env python3
"""Scan-speed benchmark: licaudit's scan, cold and warm, against two reference points measured
in the same run on the same tree.

* ``rg``: ripgrep over the tree with a pattern set comparable to what licaudit looks for (the
  floor: every byte read once, at C speed, on every CPU);
* ``parse``: ``ast.parse`` of every Python file of the tree in one fresh interpreter (the bound
  a Python AST scanner works against: a scan that parses every file cannot beat it);
* ``cold``: ``licaudit scan --offline --format json`` with an empty scan cache (the license
  knowledge base's own validation cache kept, as on any machine after the first run);
* ``warm``: the same scan again, nothing changed (the scan cache answers);
* ``pre-commit``: ``licaudit scan --offline`` on ten Python files of the tree, scan cache empty
  (what the pre-commit hook costs on a commit of ten files);
* ``--version``: ``licaudit --version`` (the cost of starting licaudit at all).

Trees: the synthetic git repository (``--sizes``; a mix of Python — a third of it ML code that
says "model" everywhere without loading one — TypeScript, JSON, YAML, Markdown, shell, TOML,
Dockerfiles and data files, with references planted every ~90 files) and every folder under
``--repos`` (checkouts of real repositories, scanned as they are). Every command runs once
untimed first (file cache warm; licaudit's modules compiled to bytecode, as an installed package
has them), then ``--repeat`` times, the commands interleaved so that a busy machine slows each
alike; the table shows medians and the ratios of medians, of wall seconds and (in brackets) of
CPU seconds: on a busy machine a run also waits for a core, which the CPU ratio leaves out. The
cold, warm and ``--no-cache`` reports, and those of one and several worker processes, are
compared byte for byte (``same``); ``--check-prefilter`` also compares them with a scan whose code prefilter is off
(``LICAUDIT_PREFILTER=bytes``: every file the byte prefilter passes is parsed).

    python bench/run.py                                # the 20,000-file synthetic tree
    python bench/run.py --sizes 5000,20000 --repos ~/src/checkouts --repeat 5
    python bench/run.py --sizes 0 --repos ~/src/checkouts --only owner+name
    python bench/run.py --sizes 50000 --check-prefilter --repeat 1
    python bench/run.py --threshold                    # where worker processes start to pay
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
    """(wall seconds, peak RSS in KiB, stdout, CPU seconds user and system) of one child."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss, out, usage.ru_utime + usage.ru_stime


# ast.parse of every Python file named in a list (one path a line), in a fresh interpreter
PARSE_ALL = (
    "import ast, sys\n"
    "for path in open(sys.argv[1], encoding='utf-8').read().splitlines():\n"
    "    try:\n"
    "        with open(path, 'rb') as fh:\n"
    "            ast.parse(fh.read())\n"
    "    except (SyntaxError, ValueError, RecursionError, MemoryError, OSError):\n"
    "        pass\n"
)

_SKIP_DIRS = {".git", "node_modules", ".venv", "__pycache__", ".tox"}


def tree_files(root: Path) -> list[str]:
    """The tree's files as licaudit lists them (git's list inside a work tree, else a walk)."""
    proc = subprocess.run(
        ["git", "-C", str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=False,
    )
    if proc.returncode == 0 and (root / ".git").exists():
        return sorted(n for n in proc.stdout.decode("utf-8", "surrogateescape").split("\0") if n)
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS)
        rel = os.path.relpath(dirpath, root)
        out.extend(f if rel == "." else f"{rel}/{f}" for f in filenames)
    return sorted(out)


def licaudit_command(explicit: str | None) -> list[str]:
    if explicit:
        return [explicit]
    exe = Path(sys.executable).parent / "licaudit"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "licaudit.cli"]


def _median(rows: list[float]) -> float:
    return statistics.median(rows) if rows else float("nan")


def _ratio(a: float, b: float) -> float:
    return round(a / b, 2) if b else float("nan")


def bench_tree(
    name: str, root: Path, args: argparse.Namespace, work: Path, planted: int | None = None
) -> dict:
    """Time every command on ``root``; returns one row of the table."""
    licaudit = licaudit_command(args.licaudit)
    cache = work / f"cache-{name}"
    shutil.rmtree(cache, ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LICAUDIT_", "HF_"))}
    env.update({"HF_HUB_OFFLINE": "1", "NO_COLOR": "1", "LICAUDIT_CACHE_DIR": str(cache)})
    # time what an installed licaudit costs: its modules compiled to bytecode once (pip does
    # this at install time), here into a private folder so the source tree is not touched
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    if args.workers:
        env["LICAUDIT_SCAN_WORKERS"] = args.workers
    files = tree_files(root)
    py = [f for f in files if f.endswith(".py")]
    py_bytes = sum((root / f).stat().st_size for f in py if (root / f).is_file())
    listing = work / f"py-{name}.txt"
    listing.write_text("".join(f"{root / f}\n" for f in py), encoding="utf-8")
    has_cache_flag = (
        b"--no-cache"
        in subprocess.run(
            [*licaudit, "scan", "--help"], capture_output=True, env=env, check=False
        ).stdout
    )

    scan = [*licaudit, "scan", "--offline", "--format", "json", "."]
    commands = {
        "rg": (
            [
                args.rg,
                "--count-matches",
                "--no-messages",
                *[a for p in RG_PATTERNS for a in ("-e", p)],
                ".",
            ],
            None,
        ),
        "parse": ([sys.executable, "-c", PARSE_ALL, str(listing)], None),
        "cold": (scan, env),
        "warm": (scan, env),
        "version": ([*licaudit, "--version"], env),
    }
    step = max(1, len(py) // 10)
    ten = py[::step][:10]
    if ten:
        commands["pre-commit"] = ([*licaudit, "scan", "--offline", *ten], env)

    def clear_scan_cache() -> None:
        for entry in cache.glob("scan*"):
            shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink()

    if args.check_prefilter:  # the same cold scan with the byte prefilter alone
        no_cache = ["--no-cache"] if has_cache_flag else []
        commands["cold-bytes"] = ([*scan, *no_cache], {**env, "LICAUDIT_PREFILTER": "bytes"})
    times: dict[str, list[float]] = {k: [] for k in commands}
    cpu: dict[str, list[float]] = {k: [] for k in commands}
    rss: dict[str, int] = dict.fromkeys(commands, 0)
    outputs: dict[str, bytes] = {}
    for i in range(args.repeat + 1):  # the first round is untimed
        for key, (argv, cmd_env) in commands.items():
            if key in ("cold", "pre-commit"):
                clear_scan_cache()
            s, peak, out, used = measure(argv, root, cmd_env)
            if key in ("cold", "warm", "cold-bytes"):
                outputs[key] = out
            if i:
                times[key].append(s)
                cpu[key].append(used)
                rss[key] = max(rss[key], peak)
    same = outputs["cold"] == outputs["warm"]
    if has_cache_flag:
        _, _, out, _ = measure([*scan, "--no-cache"], root, env)
        same = same and out == outputs["cold"]
    _, _, out, _ = measure(scan, root, {**env, "LICAUDIT_SCAN_WORKERS": "1"})
    same = same and out == outputs["cold"]
    prefilter_same = outputs["cold-bytes"] == outputs["cold"] if args.check_prefilter else None
    doc = json.loads(outputs["cold"])
    found = sum(len(m["locations"]) for m in doc["models"]) + sum(
        len(d["locations"]) for d in doc.get("datasets", [])
    )
    med = {k: round(_median(v), 3) for k, v in times.items()}
    row = {
        "tree": name,
        "files": len(files),
        "python_files": len(py),
        "python_mb": round(py_bytes / 1e6, 1),
        "models": len(doc["models"]),
        "references": found,
        "planted": planted,
        "load_average_1m": round(os.getloadavg()[0], 1),
        "seconds": med,
        "cpu_seconds": {k: round(_median(v), 3) for k, v in cpu.items()},
        "peak_rss_mib": {k: round(v / 1024, 1) for k, v in rss.items()},
        "cold_vs_parse": _ratio(med["cold"], med["parse"]),
        # the same ratios of CPU seconds: what a busy machine's waiting for a core leaves out
        "cold_vs_parse_cpu": _ratio(_median(cpu["cold"]), _median(cpu["parse"])),
        "warm_vs_parse_cpu": _ratio(_median(cpu["warm"]), _median(cpu["parse"])),
        "cold_vs_rg": _ratio(med["cold"], med["rg"]),
        "warm_vs_parse": _ratio(med["warm"], med["parse"]),
        "warm_vs_rg": _ratio(med["warm"], med["rg"]),
        "same_reports": same,
    }
    if prefilter_same is not None:
        row["same_without_code_prefilter"] = prefilter_same
    return row


TABLE = (
    "| tree | files / .py (MB) | rg s | parse s (CPU) | cold s (CPU) | cold / parse (CPU) "
    "| cold / rg | warm s (CPU) | warm / parse (CPU) | warm / rg | pre-commit 10 s (CPU) "
    "| --version s (CPU) | peak MiB cold / warm | same |"
)


def table_row(r: dict) -> str:
    s, c, m = r["seconds"], r["cpu_seconds"], r["peak_rss_mib"]
    same = "yes" if r["same_reports"] else "NO"
    if "same_without_code_prefilter" in r:
        same += "; byte prefilter only: " + ("same" if r["same_without_code_prefilter"] else "NO")
        same += f", cold {s['cold-bytes']} s"
    pre = f"{s['pre-commit']} ({c['pre-commit']})" if "pre-commit" in s else "-"
    return (
        f"| {r['tree']} | {r['files']:,} / {r['python_files']:,} ({r['python_mb']}) | {s['rg']} "
        f"| {s['parse']} ({c['parse']}) | {s['cold']} ({c['cold']}) "
        f"| {r['cold_vs_parse']} ({r['cold_vs_parse_cpu']}) | {r['cold_vs_rg']} "
        f"| {s['warm']} ({c['warm']}) | {r['warm_vs_parse']} ({r['warm_vs_parse_cpu']}) "
        f"| {r['warm_vs_rg']} | {pre} | {s['version']} ({c['version']}) "
        f"| {m['cold']} / {m['warm']} | {same} |"
    )


THRESHOLD_SCRIPT = (
    "import json, sys, time\n"
    "from pathlib import Path\n"
    "from licaudit.discover import discover\n"
    "files = open(sys.argv[1], encoding='utf-8').read().splitlines()\n"
    "t = time.perf_counter()\n"
    "r = discover(Path('.'), files=files)\n"
    "print(json.dumps({'seconds': time.perf_counter() - t, 'refs': len(r.refs)}))\n"
)


def threshold(args: argparse.Namespace, work: Path) -> list[dict]:
    """Discovery of growing parts of a tree (its first files, up to 0.25 ... 16 MiB of them) in
    one process and in two (worker processes forced from the first byte): where the second
    process starts to pay. The trees: each ``--repos`` checkout, else the synthetic one."""
    trees = [
        folder for repos in args.repos for folder in sorted(repos.iterdir()) if folder.is_dir()
    ]
    trees = [t for t in trees if not args.only or t.name in args.only]
    if not trees:
        root = work / "threshold"
        root.mkdir()
        build(root, 20000, 300)
        trees = [root]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LICAUDIT_", "HF_"))}
    env.update(
        {"LICAUDIT_CACHE_DIR": str(work / "cache-threshold"), "LICAUDIT_PARALLEL_MIN_MIB": "0"}
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    rows = []
    for root in trees:
        files = tree_files(root)
        sizes = [(root / f).stat().st_size if (root / f).is_file() else 0 for f in files]
        for mib in (0.25, 0.5, 1, 2, 4, 8, 16):
            total, n = 0, 0
            while n < len(files) and total < mib * 2**20:
                total += sizes[n]
                n += 1
            listing = work / f"first-{root.name}-{mib}.txt"
            listing.write_text("\n".join(files[:n]), encoding="utf-8")
            argv = [sys.executable, "-c", THRESHOLD_SCRIPT, str(listing)]
            one: list[float] = []
            two: list[float] = []
            for i in range(args.repeat + 1):
                for workers, into in (("1", one), ("2", two)):
                    _, _, out, _ = measure(argv, root, {**env, "LICAUDIT_SCAN_WORKERS": workers})
                    if i:
                        into.append(json.loads(out)["seconds"])
            row = {
                "tree": root.name,
                "files": n,
                "mib": round(total / 2**20, 2),
                "one_process_s": round(_median(one), 3),
                "two_processes_s": round(_median(two), 3),
                "two_vs_one": _ratio(_median(two), _median(one)),
                "load_average_1m": round(os.getloadavg()[0], 1),
            }
            rows.append(row)
            print(json.dumps(row), flush=True)
            if n == len(files):
                break
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--sizes", default="20000", help="synthetic tree sizes, comma-separated (0: none)"
    )
    ap.add_argument(
        "--refs-per-20k", type=int, default=300, help="planted references per 20,000 files"
    )
    ap.add_argument(
        "--repos",
        type=Path,
        action="append",
        default=[],
        help="a folder of checkouts, one folder per repository (repeatable)",
    )
    ap.add_argument("--only", action="append", default=[], help="only this checkout (repeatable)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rg", default=shutil.which("rg") or "rg")
    ap.add_argument(
        "--licaudit", help="the licaudit executable to time (default: this environment's)"
    )
    ap.add_argument("--workers", help="LICAUDIT_SCAN_WORKERS for every licaudit run")
    ap.add_argument(
        "--check-prefilter", action="store_true", help="also compare with the code prefilter off"
    )
    ap.add_argument("--threshold", action="store_true", help="measure where worker processes pay")
    ap.add_argument("--json", type=Path, help="also write the rows to this file")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="licaudit-bench-"))
    rows: list[dict] = []
    try:
        if args.threshold:
            rows = threshold(args, work)
        else:
            for size in (int(s) for s in args.sizes.split(",") if s.strip()):
                if size <= 0:
                    continue
                root = work / f"synthetic-{size}"
                root.mkdir()
                planted = build(root, size, max(1, args.refs_per_20k * size // 20000))
                rows.append(bench_tree(f"synthetic {size:,}", root, args, work, planted))
                print(json.dumps(rows[-1]), flush=True)
            for repos in args.repos:
                for folder in sorted(p for p in repos.iterdir() if p.is_dir()):
                    if args.only and folder.name not in args.only:
                        continue
                    rows.append(bench_tree(folder.name, folder, args, work))
                    print(json.dumps(rows[-1]), flush=True)
            print(TABLE)
            print("|" + "|".join([" --- "] * (TABLE.count("|") - 1)) + "|")
            for r in rows:
                print(table_row(r))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    ok = all(
        r.get("same_reports", True) and r.get("same_without_code_prefilter", True) for r in rows
    )
    ok = ok and all(r.get("planted") is None or r["references"] >= r["planted"] for r in rows)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
