"""The JSON report of the demo and of the fixture corpus, against saved snapshots.

The snapshots were taken before the stages were put behind typed interfaces; a refactor must leave
the report byte-identical, less the fields that were added on purpose since (``ADDED`` below).
Regenerate a snapshot only for a deliberate change of behaviour:
``python -m tests.test_report_snapshot`` rewrites them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO_ROOT, git, licaudit_executable
from .discover_helpers import augment_corpus

SNAPSHOTS = Path(__file__).parent / "fixtures" / "reports"
CORPUS = Path(__file__).parent / "fixtures" / "corpus"

# (policy, target): the targets are laid out fresh for every run.
CASES = {
    "demo-default": ("default", "demo"),
    "corpus-default": ("default", "corpus"),
    "corpus-enterprise": ("enterprise", "corpus"),
}

# Keys a model entry gained on purpose after the snapshots were taken.
ADDED: tuple[str, ...] = ("task", "files")  # a card's pipeline tag, an artifact's hashed files
# Top-level keys the report gained on purpose: the hosted API models, the identity of the review.
ADDED_TOP = ("hosted_models", "review")
# Keys the policy entry gained on purpose: the SHA-256 of the merged policy.
ADDED_POLICY: tuple[str, ...] = ("sha256",)
# Keys a model's provenance facts gained on purpose: a catalog fact's review state and note.
ADDED_TO_FACTS = ("verified", "note")
# Keys the summary gained on purpose: what the audit could not see, and the strict mode.
ADDED_TO_SUMMARY = ("lineage_cut", "unanswered", "strict")


def _layout(target: str, where: Path) -> Path:
    root = where / target
    if target == "demo":
        shutil.copytree(REPO_ROOT / "examples" / "demo-app", root)
    else:
        shutil.copytree(CORPUS, root, symlinks=True)
        augment_corpus(root)
        (root / "expected.yaml").unlink()  # the corpus's answer key, not a part of it
    git(root, "init", "-q")
    git(root, "add", "-A")
    return root


def _report(policy: str, root: Path) -> str:
    proc = subprocess.run(
        [licaudit_executable(), "scan", ".", "--offline", "--policy", policy, "--format", "json"],
        cwd=root,
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin",
            "NO_COLOR": "1",
            "LICAUDIT_CACHE_DIR": str(root.parent / "cache"),
        },
        timeout=120,
    )
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout


def _without_added(text: str) -> str:
    doc = json.loads(text)
    for key in ADDED_TOP:
        doc.pop(key, None)
    for key in ADDED_POLICY:
        doc["policy"].pop(key, None)
    for key in ADDED_TO_SUMMARY:
        doc.get("summary", {}).pop(key, None)
    for model in doc.get("models", []):
        for key in ADDED:
            model.pop(key, None)
            model.get("provenance", {}).pop(key, None)  # the fact that supplied it
        for fact in model.get("provenance", {}).values():
            for key in ADDED_TO_FACTS:
                fact.pop(key, None)
    return json.dumps(doc, indent=2, sort_keys=True) + "\n"


@pytest.mark.parametrize("case", sorted(CASES))
def test_json_report_matches_the_snapshot(case, tmp_path):
    policy, target = CASES[case]
    now = _without_added(_report(policy, _layout(target, tmp_path)))
    saved = (SNAPSHOTS / f"{case}.json").read_text(encoding="utf-8")
    assert now == saved


if __name__ == "__main__":  # regenerate the snapshots
    import tempfile

    for case, (policy, target) in sorted(CASES.items()):
        with tempfile.TemporaryDirectory() as tmp:
            text = _without_added(_report(policy, _layout(target, Path(tmp))))
        (SNAPSHOTS / f"{case}.json").write_text(text, encoding="utf-8")
        print(f"wrote {case}.json", file=sys.stderr)
