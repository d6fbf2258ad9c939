#!/usr/bin/env python3
"""Score licaudit's discovery against the hand-labelled real repositories in ``bench/realrepos/``.

Each label file names a public repository and the commit it was labelled at. This script needs a
checkout of each (it never fetches): ``--repos DIR`` is a folder holding, per repository, either
a plain checkout or a git directory, named ``owner+name`` (or ``owner/name``). A git directory
is exported at the labelled commit with ``git archive``; a plain checkout is scanned as it is
(make sure it is at the labelled commit).

For each repository it runs ``licaudit scan DIR --offline --format json`` and compares the
models the report found directly (and the hosted API models) with the labels:

* recall: labelled models found / labelled models (identity: source and id, case-insensitive);
* precision: found models that are labelled models or neutral mentions / found models;
* location recall: labelled ``path:line`` places found for their model / labelled places (a
  notebook's places are lines of its ``.ipynb`` file: the report's cell and line in the cell are
  mapped to them);
* offline coverage: found open-weight models whose license is known offline / found open-weight
  models (hosted API models are not open-weight: they count when their provider is known).

    python bench/realrepos.py --repos ~/src/realrepos
    python bench/realrepos.py --repos ~/src/realrepos --only owner+name --verbose
    python bench/realrepos.py --repos ~/src/realrepos --json scores.json --markdown

Exit code 0 when every repository was scored, 1 when a checkout was missing or a scan failed.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

LABELS = Path(__file__).resolve().parent / "realrepos"
# the one source whose models have no open weights (the rest: Hub, ModelScope, Ollama, local)
HOSTED = "hosted"


# a Bedrock cross-region inference profile (``us.anthropic.claude-...``) routes calls to the
# model without the prefix: licaudit keeps the profile as written (where requests are processed
# matters to a reviewer), labellers may name the model; the scorer compares the model
_BEDROCK_ROUTING = re.compile(r"^(?:us|eu|apac|global|au|jp|ca|us-gov)\.(?=[a-z0-9-]+\.)")


def _ident(source: str, model_id: str) -> tuple[str, str]:
    model_id = str(model_id).strip()
    if source == "ollama" and ":" not in model_id:
        model_id += ":latest"
    if source == HOSTED:
        # a hosted API's model is compared by its last path segment: whether an API's own
        # organisation or resource path belongs to the name (Together's meta-llama/..., Fireworks'
        # accounts/fireworks/models/...) is the API's convention, and labellers write it either way
        model_id = _BEDROCK_ROUTING.sub("", model_id.rsplit("/", 1)[-1])
    return source, model_id.lower()


def _place(at: str) -> tuple[str, int]:
    path, _, line = str(at).rpartition(":")
    return path, int(line)


@dataclass
class Labels:
    repo: str
    commit: str
    kind: str
    models: dict[tuple[str, str], set[tuple[str, int]]]
    neutral: set[tuple[str, str]]
    datasets: set[str]
    decoys: list[dict]

    @classmethod
    def load(cls, path: Path) -> Labels:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        models: dict[tuple[str, str], set[tuple[str, int]]] = {}
        for item in doc.get("models") or []:
            places = models.setdefault(_ident(item["source"], item["id"]), set())
            places.update(_place(at) for at in item.get("at") or [])
        neutral = {
            _ident(n.get("source", "huggingface"), n["id"]) for n in doc.get("neutral") or []
        }
        datasets = {str(d["id"]).lower() for d in doc.get("datasets") or []}
        return cls(
            doc["repo"],
            doc["commit"],
            doc.get("kind", "other"),
            models,
            neutral,
            datasets,
            doc.get("decoys") or [],
        )


@dataclass
class Score:
    repo: str
    kind: str
    expected: int
    found: int
    hits: int
    relevant: int  # found that are labelled models or neutral mentions
    places: int
    places_hit: int
    open_weight: int
    covered: int
    datasets_expected: int
    datasets_hit: int
    seconds: float
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    uncovered: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.hits / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.relevant / self.found if self.found else 1.0

    @property
    def location_recall(self) -> float:
        return self.places_hit / self.places if self.places else 1.0

    @property
    def coverage(self) -> float:
        return self.covered / self.open_weight if self.open_weight else 1.0


def _checkout(repos: Path, labels: Labels, tmp: Path) -> Path | None:
    owner, name = labels.repo.split("/", 1)
    for candidate in (repos / f"{owner}+{name}", repos / owner / name):
        if not candidate.exists():
            continue
        is_git_dir = (candidate / "HEAD").is_file() and (candidate / "objects").is_dir()
        if not is_git_dir:
            return candidate
        out = tmp / f"{owner}+{name}"
        out.mkdir()
        archive = subprocess.run(
            ["git", "--git-dir", str(candidate), "archive", "--format=tar", labels.commit],
            capture_output=True,
            check=True,
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(out, filter="data")
        return out
    return None


def _scan(licaudit: list[str], root: Path) -> tuple[dict, float]:
    start = time.perf_counter()
    proc = subprocess.run(
        [
            *licaudit,
            "scan",
            str(root),
            "--offline",
            "--no-cache",
            "--format",
            "json",
            "--policy",
            "permissive",
        ],
        capture_output=True,
        text=True,
        cwd=root,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise RuntimeError(proc.stderr.strip() or f"exit {proc.returncode}")
    return json.loads(proc.stdout), elapsed


def _found(doc: dict) -> dict[tuple[str, str], dict]:
    """Identity -> report entry, for the models the scan found directly and the hosted API models."""
    out: dict[tuple[str, str], dict] = {}
    for model in doc.get("models", []):
        if model.get("locations"):
            out[_ident(model["source"], model["id"])] = model
    for hosted in doc.get("hosted_models", []):
        out[_ident("hosted", hosted["id"])] = hosted
    return out


def _known(entry: dict, source: str) -> bool:
    if source == "hosted":
        return bool(entry.get("provider"))
    lic = entry.get("license")
    return bool(lic and lic.get("id") not in (None, "unknown", "other"))


def notebook_lines(text: str) -> dict[tuple[int, int], int]:
    """(cell index, line in the cell) -> line of the ``.ipynb`` file, for a notebook's text: the
    report places a notebook reference by cell and line in the cell (the cell's source joined,
    split into lines), the labels by the line of the notebook's JSON (where a cell's source is
    a list of strings, one a line)."""
    try:
        cells = json.loads(text).get("cells")
    except (ValueError, AttributeError):
        return {}
    if not isinstance(cells, list):
        return {}
    out: dict[tuple[int, int], int] = {}
    decoder = json.JSONDecoder()
    pos = 0
    for index in range(len(cells)):
        pos = text.find('"source":', pos)  # every cell has one; inside a JSON string it is \"
        if pos < 0:
            break
        start = pos + len('"source":')
        while start < len(text) and text[start] in " \t\r\n":
            start += 1
        try:
            value, end = decoder.raw_decode(text, start)
        except ValueError:
            break
        pieces: list[tuple[int, str]] = []  # (line of the file, the string written there)
        if isinstance(value, str):
            pieces.append((text.count("\n", 0, start) + 1, value))
        elif isinstance(value, list):
            cursor = start + 1
            for part in value:
                at = text.find('"', cursor)
                if at < 0 or not isinstance(part, str):
                    break
                _, cursor = decoder.raw_decode(text, at)
                pieces.append((text.count("\n", 0, at) + 1, part))
        joined, starts = "", []
        for line, part in pieces:
            starts.append((len(joined), line))
            joined += part
        offset, k = 0, 0
        for n, source_line in enumerate(joined.splitlines(keepends=True), 1):
            while k + 1 < len(starts) and starts[k + 1][0] <= offset:
                k += 1
            out[(index, n)] = starts[k][1]
            offset += len(source_line)
        pos = end
    return out


def _file_locations(root: Path | None, doc: dict) -> dict:
    """The report with each notebook location given the line of the notebook file (its cell and
    line in the cell mapped by ``notebook_lines``)."""
    if root is None:
        return doc
    cache: dict[str, dict[tuple[int, int], int]] = {}
    for model in [*doc.get("models", []), *doc.get("hosted_models", [])]:
        for loc in model.get("locations") or []:
            if loc.get("cell") is None:
                continue
            path = loc["path"]
            if path not in cache:
                try:
                    cache[path] = notebook_lines((root / path).read_text(encoding="utf-8"))
                except (OSError, UnicodeDecodeError):
                    cache[path] = {}
            line = cache[path].get((loc["cell"], loc["line"]))
            if line is not None:
                loc["line"] = line
    return doc


def score(labels: Labels, doc: dict, seconds: float, root: Path | None = None) -> Score:
    found = _found(_file_locations(root, doc))
    expected = set(labels.models)
    hits = expected & set(found)
    relevant = set(found) & (expected | labels.neutral)
    places = sum(len(p) for p in labels.models.values())
    places_hit = 0
    for ident, wanted in labels.models.items():
        entry = found.get(ident)
        got = {(loc["path"], loc["line"]) for loc in (entry or {}).get("locations", [])}
        places_hit += len(wanted & got)
    # open-weight models of every source first, then the hosted ones (known by their provider)
    open_weight = [i for i in hits if i[0] != HOSTED] + [i for i in hits if i[0] == HOSTED]
    covered = [i for i in open_weight if _known(found[i], i[0])]
    datasets_found = {d["id"].lower() for d in doc.get("datasets", [])}
    return Score(
        repo=labels.repo,
        kind=labels.kind,
        expected=len(expected),
        found=len(found),
        hits=len(hits),
        relevant=len(relevant),
        places=places,
        places_hit=places_hit,
        open_weight=len(open_weight),
        covered=len(covered),
        datasets_expected=len(labels.datasets),
        datasets_hit=len(labels.datasets & datasets_found),
        seconds=seconds,
        missed=sorted(f"{s}:{i}" for s, i in expected - hits),
        extra=sorted(f"{s}:{i}" for s, i in set(found) - relevant),
        uncovered=sorted(f"{s}:{i}" for s, i in set(open_weight) - set(covered)),
    )


def _table(scores: list[Score]) -> str:
    rows = [
        "| repository | kind | models | recall | precision | location recall | offline coverage |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in scores:
        rows.append(
            f"| {s.repo} | {s.kind} | {s.expected} | {s.recall:.2f} | {s.precision:.2f} "
            f"| {s.location_recall:.2f} | {s.coverage:.2f} |"
        )
    if scores:
        total = Score(
            "pooled", "", *(sum(getattr(s, f) for s in scores) for f in _SUMMED), seconds=0.0
        )
        rows.append(
            f"| **pooled** | | {total.expected} | {total.recall:.2f} | {total.precision:.2f} "
            f"| {total.location_recall:.2f} | {total.coverage:.2f} |"
        )
    return "\n".join(rows)


_SUMMED = (
    "expected",
    "found",
    "hits",
    "relevant",
    "places",
    "places_hit",
    "open_weight",
    "covered",
    "datasets_expected",
    "datasets_hit",
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--repos", type=Path, required=True, help="folder of checkouts or git directories"
    )
    ap.add_argument("--labels", type=Path, default=LABELS, help="folder of label files")
    ap.add_argument(
        "--only", action="append", default=[], help="score only this owner+name (repeatable)"
    )
    ap.add_argument(
        "--licaudit", default=None, help="the licaudit command (default: the one on PATH)"
    )
    ap.add_argument(
        "--verbose", action="store_true", help="list missed, extra and uncovered models"
    )
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown only")
    ap.add_argument("--json", type=Path, help="write the scores to this file")
    args = ap.parse_args(argv)

    licaudit = args.licaudit.split() if args.licaudit else [shutil.which("licaudit") or "licaudit"]
    files = sorted(args.labels.glob("*+*.yaml"))
    if args.only:
        files = [f for f in files if f.stem in args.only]
    scores: list[Score] = []
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            labels = Labels.load(path)
            root = _checkout(args.repos, labels, Path(tmp))
            if root is None:
                print(f"{labels.repo}: no checkout under {args.repos}", file=sys.stderr)
                failed = True
                continue
            try:
                doc, seconds = _scan(licaudit, root)
            except (RuntimeError, json.JSONDecodeError) as exc:
                print(f"{labels.repo}: scan failed: {exc}", file=sys.stderr)
                failed = True
                continue
            s = score(labels, doc, seconds, root)
            scores.append(s)
            if args.verbose:
                print(f"## {s.repo} ({s.seconds:.1f} s)")
                for title, items in (
                    ("missed", s.missed),
                    ("extra", s.extra),
                    ("no license", s.uncovered),
                ):
                    for item in items:
                        print(f"  {title}: {item}")
    print(_table(scores))
    if args.json:
        args.json.write_text(
            json.dumps(
                [{**s.__dict__, "recall": s.recall, "precision": s.precision} for s in scores],
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
