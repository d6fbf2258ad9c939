"""Helpers for the resolution tests: a Hub server fixture with an isolated environment, a small
catalog written by the test, and references as discovery would make them."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from licaudit.model import HUGGINGFACE, Location, ModelRef
from licaudit.resolve.catalog import Catalog

from .hubserver import HubServer

TEST_CATALOG = """\
models:
  - id: meta-llama/Llama-3.1-8B
    license: llama3.1
    publisher: meta-llama
    modalities: [text]
    gated: true
    source: https://huggingface.co/meta-llama/Llama-3.1-8B
    verified: secondary
  - id: acme/catalogued
    license: cc-by-nc-4.0
    publisher: acme
    modalities: [text]
    source: https://example.invalid/acme/catalogued
    verified: unverified
  - id: acme/only-in-catalog
    license: apache-2.0
    publisher: acme
    modalities: [text]
    base_models: [meta-llama/Llama-3.1-8B]
    base_model_relation: finetune
    source: https://example.invalid/acme/only-in-catalog
    verified: unverified
publishers:
  - org: meta-llama
    name: Meta Platforms, Inc.
    country: US
    source: https://about.meta.com
  - org: acme
    name: Acme Models Ltd
    country: GB
    source: https://example.invalid/acme
"""


def make_catalog(tmp_path: Path) -> Catalog:
    folder = tmp_path / "catalog"
    folder.mkdir(exist_ok=True)
    (folder / "test.yaml").write_text(TEST_CATALOG, encoding="utf-8")
    return Catalog.load(folder)


def refs(*ids: str, path: str = "app.py") -> list[ModelRef]:
    return [
        ModelRef(i, HUGGINGFACE, Location(path, n + 1), "from_pretrained()")
        for n, i in enumerate(ids)
    ]


def model_requests(hub: HubServer) -> int:
    """Requests about models (model info and card downloads)."""
    return hub.count("/api/models/") + hub.count("/resolve/")


@contextlib.contextmanager
def hub_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[HubServer]:
    """A running Hub server with HF_ENDPOINT pointing at it and a private disk cache."""
    with HubServer() as hub:
        monkeypatch.setenv("HF_ENDPOINT", hub.url)
        monkeypatch.setenv("LICAUDIT_CACHE_DIR", str(tmp_path / "cache"))
        monkeypatch.setenv("LICAUDIT_HUB_TIMEOUT", "2")
        monkeypatch.setenv("LICAUDIT_HUB_RETRIES", "2")
        monkeypatch.setenv("LICAUDIT_HUB_BACKOFF", "0.01")
        monkeypatch.setenv("LICAUDIT_HUB_MAX_WAIT", "0.2")
        monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
        for name in (
            "HF_HUB_OFFLINE",
            "TRANSFORMERS_OFFLINE",
            "HF_TOKEN",
            "HUGGING_FACE_HUB_TOKEN",
            "LICAUDIT_CACHE_TTL",
        ):
            monkeypatch.delenv(name, raising=False)
        yield hub


def hub_cli_env(hub: HubServer, tmp_path: Path, **extra: str | None) -> dict[str, str | None]:
    """The environment of a ``licaudit`` process (``run_licaudit``) that asks ``hub``: online,
    quick timeouts and backoff, a private Hugging Face home."""
    return {
        "HF_ENDPOINT": hub.url,
        "HF_HUB_OFFLINE": None,
        "HF_HOME": str(tmp_path / "hf-home"),
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "LICAUDIT_HUB_TIMEOUT": "5",
        "LICAUDIT_HUB_BACKOFF": "0.01",
        "LICAUDIT_HUB_MAX_WAIT": "0.2",
        **extra,
    }


def dead_endpoint() -> str:
    """A local address nothing listens on."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"
