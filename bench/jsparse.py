#!/usr/bin/env python3
"""Measure the JavaScript/TypeScript scanner on a tree: files per second, and its cost against
the tree-sitter parse it is built on (the bound a tree-sitter scanner works against).

For every JS/TS file of the tree that the scanner's prefilter passes, it times a bare parse and a
full scan, one after the other, file by file (a loaded machine slows both alike), and prints the
totals, the rates and the ratio scan / parse:

    python bench/jsparse.py ~/src/some-typescript-monorepo
    python bench/jsparse.py ~/src/app --repeat 3 --json out.json

Exit code 0; 2 when the folder does not exist.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

EXTS = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")
SKIP_DIRS = {"node_modules", ".git", "dist", "build"}


def files_of(root: Path) -> list[Path]:
    out = []
    for p in sorted(root.rglob("*")):
        if set(p.relative_to(root).parts[:-1]) & SKIP_DIRS:
            continue
        name = p.name.lower()
        if name.endswith(EXTS) and not name.endswith((".min.js", ".d.ts")) and p.is_file():
            out.append(p)
    return out


def measure(root: Path, repeat: int = 1) -> dict:
    from licaudit.discover import javascript
    from licaudit.discover.common import Context

    files = files_of(root)
    data = []
    for p in files:
        raw = p.read_bytes()
        if len(raw) <= 2 * 1024 * 1024:
            data.append((p, raw))
    passed = [(p, raw) for p, raw in data if javascript.TRIGGER.search(raw)]
    # load the parsers and the loader knowledge before timing
    for dialect in ("js", "ts", "tsx"):
        javascript._grammar(dialect)
    javascript.scan("const model = 'org/x';\n", Context(root=root, rel="warmup.ts"))
    parse_s = scan_s = 0.0
    refs = unresolvable = 0
    for _ in range(repeat):
        for p, raw in passed:
            rel = p.relative_to(root).as_posix()
            parser, _query = javascript._grammar(javascript._dialect(rel))
            t0 = time.perf_counter()
            parser.parse(raw)
            t1 = time.perf_counter()
            result = javascript.scan(raw.decode("utf-8", "replace"), Context(root=root, rel=rel))
            t2 = time.perf_counter()
            parse_s += t1 - t0
            scan_s += t2 - t1
            refs += len(result.refs)
            unresolvable += len(result.unresolvable)
    size = sum(len(raw) for _, raw in passed)
    return {
        "root": str(root),
        "files": len(data),
        "passed_prefilter": len(passed),
        "megabytes": round(size / 1e6, 2),
        "parse_seconds": round(parse_s / repeat, 3),
        "scan_seconds": round(scan_s / repeat, 3),
        "scan_files_per_second": round(len(passed) * repeat / scan_s) if scan_s else None,
        "parse_files_per_second": round(len(passed) * repeat / parse_s) if parse_s else None,
        "scan_over_parse": round(scan_s / parse_s, 2) if parse_s else None,
        "refs": refs // repeat,
        "unresolvable": unresolvable // repeat,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", type=Path)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args(argv)
    if not args.root.is_dir():
        print(f"not a folder: {args.root}", file=sys.stderr)
        return 2
    result = measure(args.root, max(1, args.repeat))
    for key, value in result.items():
        print(f"{key}: {value}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
