"""Local weights, whatever their names: every ``*.safetensors``, ``*.gguf``, ``*.onnx`` file,
every ``*.bin`` / ``*.pt`` / ``*.pth`` / ``*.ckpt`` whose header shows a checkpoint, every
``adapter_*`` file is an artifact, each with its SHA-256 in the SPDX and CycloneDX output (hashed
once, kept by size and modification time); a declared license is normalised before lookup.
Real files in a real repository, through the CLI."""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import zipfile
from pathlib import Path

from .conftest import git
from .discover_helpers import write_gguf, write_safetensors

# torch.save's legacy format: a pickle stream whose first object is its magic number
TORCH_LEGACY_MAGIC = 0x1950A86A20F9469CFC6C


def torch_zip_checkpoint(path: Path) -> Path:
    """The layout torch.save writes: a zip whose first member is ``<archive>/data.pkl``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.writestr("best/data.pkl", pickle.dumps({"state_dict": {"w": 0}}, protocol=2))
        z.writestr("best/.format_version", "1")
        z.writestr("best/byteorder", "little")
        z.writestr("best/data/0", b"\0" * 16)
        z.writestr("best/version", "3\n")
    path.write_bytes(buf.getvalue())
    return path


def legacy_checkpoint(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(
        pickle.dumps(TORCH_LEGACY_MAGIC, protocol=2) + pickle.dumps({"epoch": 3}, protocol=2)
    )
    return path


def onnx_model(path: Path) -> Path:
    """A minimal ONNX ModelProto: ir_version 8, producer_name, an empty graph."""
    path.parent.mkdir(parents=True, exist_ok=True)
    producer = b"licaudit-tests"
    path.write_bytes(b"\x08\x08" + b"\x12" + bytes([len(producer)]) + producer + b"\x3a\x00")
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def layout(repo: Path) -> dict[str, Path]:
    files = {
        "weights": write_safetensors(
            repo / "weights/finetune-v2.safetensors", {"license": "cc-by-nc-4.0 (Non-Commercial)"}
        ),
        "exports": onnx_model(repo / "exports/ranker.onnx"),
        "ckpt": legacy_checkpoint(repo / "ckpt/epoch=3.ckpt"),
        "torch": torch_zip_checkpoint(repo / "torch/best.pt"),
        "gguf/q4.gguf": write_gguf(repo / "gguf/q4.gguf", {"general.license": "apache-2.0"}),
        "lora-weights": write_safetensors(repo / "lora/adapter_model.safetensors", {}),
    }
    (repo / "lora/adapter_config.json").write_text(
        json.dumps({"base_model_name_or_path": "meta-llama/Llama-3.1-8B", "peft_type": "LORA"}),
        encoding="utf-8",
    )
    (repo / "data").mkdir()
    (repo / "data/blob.bin").write_bytes(os.urandom(64).replace(b"\x80", b"\x00"))  # not weights
    (repo / "data/notes.pt").write_bytes(b"PK\x03\x04" + b"\x00" * 22 + b"\x05\x00\x00\x00a.txt")
    return files


def scan(run_licaudit, repo, *args):
    proc = run_licaudit("scan", ".", "--offline", *args, cwd=repo)
    assert proc.returncode in (0, 1), proc.stderr
    return proc


def test_weight_files_whatever_their_names_with_their_sha256(make_repo, run_licaudit):
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    repo = make_repo({"README.md": "# app\n"})
    files = layout(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "weights")
    scan(run_licaudit, repo, "--format", "json,spdx,cyclonedx", "--output-dir", "out")
    doc = json.loads((repo / "out/licaudit.json").read_text(encoding="utf-8"))
    models = {m["id"]: m for m in doc["models"] if m["source"] == "local"}
    assert set(models) == {"weights", "exports", "ckpt", "torch", "lora", "gguf/q4.gguf"}
    assert "data" not in models  # random bytes and a zip of text are no checkpoint

    def hashed(model_id):
        return {f["path"]: f["sha256"] for f in models[model_id]["files"]}

    assert hashed("weights") == {"weights/finetune-v2.safetensors": sha256(files["weights"])}
    assert hashed("ckpt") == {"ckpt/epoch=3.ckpt": sha256(files["ckpt"])}
    assert hashed("torch") == {"torch/best.pt": sha256(files["torch"])}
    assert hashed("gguf/q4.gguf") == {"gguf/q4.gguf": sha256(files["gguf/q4.gguf"])}
    assert set(hashed("lora")) == {"lora/adapter_model.safetensors", "lora/adapter_config.json"}
    assert models["lora"]["files"][0]["size"] > 0

    # the declared "cc-by-nc-4.0 (Non-Commercial)" is cc-by-nc-4.0, not an unknown license
    assert models["weights"]["license"]["id"] == "cc-by-nc-4.0"
    assert ("commercial-use", "weights") in {(f["rule"], f["model"]) for f in doc["findings"]}
    # the adapter names its base model: the Llama license binds it through lineage
    assert models["lora"]["base_models"] == ["meta-llama/Llama-3.1-8B"]
    assert models["lora"]["base_model_relation"] == "adapter"
    assert "llama3.1" in {e["license"] for e in models["lora"]["effective_licenses"]}

    spdx = json.loads((repo / "out/licaudit.spdx.json").read_text(encoding="utf-8"))
    packages = {p["name"]: p for p in spdx["packages"]}
    assert packages["ckpt"]["checksums"] == [
        {"algorithm": "SHA256", "checksumValue": sha256(files["ckpt"])}
    ]
    lora_files = {p["name"]: p for p in spdx["packages"] if p["name"].startswith("lora/")}
    assert lora_files["lora/adapter_model.safetensors"]["checksums"] == [
        {"algorithm": "SHA256", "checksumValue": sha256(files["lora-weights"])}
    ]
    contains = {
        (r["spdxElementId"], r["relatedSpdxElement"])
        for r in spdx["relationships"]
        if r["relationshipType"] == "CONTAINS"
    }
    assert (
        packages["lora"]["SPDXID"],
        lora_files["lora/adapter_config.json"]["SPDXID"],
    ) in contains

    text = (repo / "out/licaudit.cdx.json").read_text(encoding="utf-8")
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None
    components = {c["name"]: c for c in json.loads(text)["components"]}
    assert components["gguf/q4.gguf"]["hashes"] == [
        {"alg": "SHA-256", "content": sha256(files["gguf/q4.gguf"])}
    ]
    nested = {c["name"]: c["hashes"][0]["content"] for c in components["lora"]["components"]}
    assert nested["lora/adapter_model.safetensors"] == sha256(files["lora-weights"])


def test_each_file_is_hashed_once_until_it_changes(make_repo, run_licaudit, tmp_path):
    repo = make_repo({"README.md": "# app\n"})
    ckpt = legacy_checkpoint(repo / "ckpt/epoch=3.ckpt")
    cache = tmp_path / "cache"
    env = {"LICAUDIT_CACHE_DIR": str(cache)}

    def hashes():
        proc = run_licaudit("scan", ".", "--offline", "--format", "json", cwd=repo, env=env)
        (model,) = [m for m in json.loads(proc.stdout)["models"] if m["id"] == "ckpt"]
        return model["files"][0]["sha256"]

    assert hashes() == sha256(ckpt)
    (stored,) = cache.glob("artifacts/sha256-*.json")
    entries = json.loads(stored.read_text(encoding="utf-8"))
    (key,) = entries
    assert entries[key][:2] == [ckpt.stat().st_size, ckpt.stat().st_mtime_ns]
    # the cache answers while size and modification time are unchanged: the file is not read
    entries[key][2] = "0" * 64
    stored.write_text(json.dumps(entries), encoding="utf-8")
    assert hashes() == "0" * 64
    # a changed file is hashed again
    legacy_checkpoint(ckpt)
    os.utime(ckpt, ns=(ckpt.stat().st_atime_ns, ckpt.stat().st_mtime_ns + 10**9))
    assert hashes() == sha256(ckpt)
