"""Helpers for the discovery tests: text files from a mapping, real GGUF files (written with the
``gguf`` package) and real safetensors headers."""

from __future__ import annotations

import json
import struct
from pathlib import Path


def write_files(root: Path, files: dict[str, str]) -> Path:
    """Each {relative path: text} under ``root`` (no git: see conftest's make_repo for that)."""
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


def write_gguf(path: Path, kv: dict[str, object], *, tensors: bool = True) -> Path:
    """A real GGUF file with the given ``general.*`` string/int keys (and one small tensor)."""
    import gguf
    import numpy as np

    path.parent.mkdir(parents=True, exist_ok=True)
    writer = gguf.GGUFWriter(str(path), arch="llama")
    for key, value in kv.items():
        if isinstance(value, str):
            writer.add_string(key, value)
        elif isinstance(value, bool):
            writer.add_bool(key, value)
        elif isinstance(value, int):
            writer.add_uint32(key, value)
        elif isinstance(value, list):
            writer.add_array(key, value)
    # a tokenizer-like array before/after the general keys, as real files have
    writer.add_array("tokenizer.ggml.tokens", [f"tok{i}" for i in range(2000)])
    if tensors:
        writer.add_tensor("weight", np.zeros((4, 4), dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def write_safetensors(path: Path, metadata: dict[str, str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    header = {"__metadata__": metadata, "w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}
    raw = json.dumps(header).encode()
    path.write_bytes(struct.pack("<Q", len(raw)) + raw + b"\0" * 8)
    return path


def augment_corpus(root: Path) -> None:
    """The binary artifacts of the fixture corpus, written at test time."""
    write_gguf(
        root / "models/tiny.gguf",
        {
            "general.name": "Tiny Llama Q4",
            "general.organization": "Acme",
            "general.license": "llama3.2",
            "general.base_model.count": 1,
            "general.base_model.0.name": "Llama 3.2 1B Instruct",
            "general.base_model.0.organization": "Meta Llama",
            "general.base_model.0.repo_url": "https://huggingface.co/meta-llama/Llama-3.2-1B-Instruct",
        },
    )
    write_safetensors(
        root / "models/lora-style/adapter_model.safetensors",
        {
            "license": "openrail++",
            "base_model": "stabilityai/stable-diffusion-xl-base-1.0",
            "format": "pt",
        },
    )
