"""bench/coverage.py: offline license coverage of labelled repositories, through the real CLI."""

from __future__ import annotations

import subprocess
import sys

import yaml

from .conftest import REPO_ROOT


def test_coverage_per_repository_and_pooled(tmp_path):
    labels = tmp_path / "labels"
    labels.mkdir()
    (labels / "a+app.yaml").write_text(
        yaml.safe_dump(
            {
                "repo": "a/app",
                "models": [
                    {"id": "meta-llama/Llama-3.1-8B-Instruct", "source": "huggingface"},
                    {"id": "unsloth/Qwen2.5-7B-Instruct-bnb-4bit", "source": "huggingface"},
                    {"id": "llama3.2", "source": "ollama"},
                    {"id": "nobody/private-model", "source": "huggingface"},
                    {"id": "gpt-4o", "source": "hosted", "provider": "openai"},  # not counted
                ],
            }
        ),
        encoding="utf-8",
    )
    (labels / "b+lib.yaml").write_text(
        yaml.safe_dump(
            {
                "repo": "b/lib",
                "models": [{"id": "meta-llama/Llama-3.1-8B-Instruct", "source": "huggingface"}],
            }
        ),
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, str(REPO_ROOT / "bench" / "coverage.py"), "--labels", str(labels)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert any(line.split()[:4] == ["a/app", "3", "4", "75%"] for line in lines), proc.stdout
    assert any(line.split()[:4] == ["b/lib", "1", "1", "100%"] for line in lines), proc.stdout
    assert any("pooled" in line and line.split()[-3:] == ["3", "4", "75%"] for line in lines)
    assert "nobody/private-model (huggingface, a/app): not in the built-in catalog" in proc.stdout
    fail = subprocess.run(
        [
            sys.executable,
            str(REPO_ROOT / "bench" / "coverage.py"),
            "--labels",
            str(labels),
            "--min",
            "0.9",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert fail.returncode == 1
