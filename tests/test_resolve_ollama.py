"""Ollama library tags take their publisher and modalities from the upstream Hub model."""

from __future__ import annotations

import json

from licaudit.model import OLLAMA, Location, ModelRef
from licaudit.resolve import resolve


def _ref(name: str) -> ModelRef:
    return ModelRef(
        id=name,
        source=OLLAMA,
        location=Location("Modelfile", 1, 1, f"FROM {name}"),
        evidence="FROM",
    )


def test_ollama_tag_carries_upstream_publisher_and_modalities():
    res = resolve([_ref("llama3.2-vision:11b"), _ref("qwen2.5:7b")], offline=True)
    vision = res.get("llama3.2-vision:11b", OLLAMA)
    assert vision.license == "llama3.2"
    assert vision.publisher.country == "US" and vision.publisher.org == "meta-llama"
    assert "image" in vision.modalities
    assert vision.provenance["modalities"].source == "catalog"
    qwen = res.get("qwen2.5:7b", OLLAMA)
    assert qwen.publisher.country == "CN"
    assert qwen.modalities == ("text",)


def test_eu_exclusion_fires_as_an_error_for_a_multimodal_ollama_tag(run_licaudit, tmp_path):
    policy = tmp_path / "eu.yaml"
    policy.write_text("extends: default\norganization: {jurisdictions: [EU]}\n", encoding="utf-8")
    proc = run_licaudit(
        "check",
        "llama3.2-vision:11b",
        "llama3.2:3b",
        "--policy",
        str(policy),
        "--format",
        "json",
        cwd=tmp_path,
    )
    doc = json.loads(proc.stdout)
    hits = {(f["model"], f["severity"]) for f in doc["findings"] if f["rule"] == "jurisdiction"}
    assert ("llama3.2-vision:11b", "error") in hits
    assert not any(
        model == "llama3.2:3b" for model, _ in hits
    )  # text-only: the exclusion does not apply
    assert proc.returncode == 1
