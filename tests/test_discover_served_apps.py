"""Precision on an application that serves a model API itself: what its code and tests write that
looks like a model and is not — the API mode a function picks for a model, the package extras of
its manifest, the model names its tests send to the application under test (Starlette's
``http://testserver``), the sample payloads of its schema tests, the fake Hub cache its tests
build — each next to the real reference of the same shape that must still be found. Real files
in a temporary folder, scanned by the real discovery."""

from __future__ import annotations

from pathlib import Path

from licaudit.discover import discover
from licaudit.model import HOSTED, HUGGINGFACE

from .discover_helpers import write_files


def found(root: Path, files: dict[str, str]) -> set[tuple[str, str, str, int]]:
    result = discover(write_files(root, files))
    return {(r.id, r.source, r.location.path, r.location.line) for r in result.refs}


def test_what_a_function_picks_for_a_model_is_not_a_model(tmp_path):
    py = """def _get_openai_api_type_for_model(model_id: str) -> str:
    if model_id.endswith("-pro"):
        return "responses"
    return "chat_completions"


def get_openai_default_model() -> str:
    return "gpt-4o-mini"
"""
    refs = found(tmp_path, {"discovery.py": py})
    ids = {r[0] for r in refs}
    assert not ids & {"responses", "chat_completions"}
    # decoy: a function whose name ends in model still returns one
    assert ("gpt-4o-mini", HOSTED, "discovery.py", 8) in refs


def test_package_manifests_name_packages_not_models(tmp_path):
    toml = """[project]
name = "app"
dependencies = ["openai>=1"]

[project.optional-dependencies]
llm-openai = ["app[sdk-openai]", "llama-index-llms-openai"]
embedding-ollama = ["llama-index-embeddings-ollama"]

[dependency-groups]
openai-model = ["openai-agents"]

[tool.app]
openai_model = "gpt-4.1"
"""
    package = """{
  "name": "web",
  "dependencies": {"ollama-model": "1.0.0"},
  "devDependencies": {"openai-model": "2.0.0"},
  "config": {"openai_model": "gpt-4o"}
}
"""
    refs = found(tmp_path, {"pyproject.toml": toml, "web/package.json": package})
    ids = {r[0] for r in refs}
    assert not ids & {
        "llama-index-llms-openai",
        "llama-index-embeddings-ollama",
        "openai-agents",
        "app[sdk-openai]",
        "1.0.0",
        "2.0.0",
    }
    # decoys: a model key outside the dependency tables is still read
    assert ("gpt-4.1", HOSTED, "pyproject.toml", 13) in refs
    assert ("gpt-4o", HOSTED, "web/package.json", 5) in refs


def test_model_names_sent_to_the_application_under_test_are_not_hosted_models(tmp_path):
    py = """import anthropic
from langchain_anthropic import ChatAnthropic

LOCAL = {"base_url": "http://testserver", "api_key": "k"}
REMOTE = {"api_key": "k", "max_retries": 0}

local = anthropic.Anthropic(**LOCAL)
local.messages.create(model="claude-opus-4-6", max_tokens=8, messages=[])
remote = anthropic.Anthropic(**REMOTE)
remote.messages.create(model="claude-sonnet-4-5", max_tokens=8, messages=[])
plain = anthropic.Anthropic(base_url="http://localhost:8080")
plain.messages.create(model="claude-haiku-4-5", max_tokens=8, messages=[])
ChatAnthropic(model="claude-3-5-haiku-latest", anthropic_api_url="http://testserver")
ChatAnthropic(model="claude-3-7-sonnet-latest")
"""
    refs = found(tmp_path, {"tests/test_messages.py": py})
    ids = {r[0] for r in refs}
    assert not ids & {"claude-opus-4-6", "claude-haiku-4-5", "claude-3-5-haiku-latest"}
    # decoys: a client with no local base URL (in its splatted options or its keywords) calls
    # Anthropic's API
    assert ("claude-sonnet-4-5", HOSTED, "tests/test_messages.py", 10) in refs
    assert ("claude-3-7-sonnet-latest", HOSTED, "tests/test_messages.py", 14) in refs


def test_sample_payloads_name_no_models_in_use(tmp_path):
    py = """from typing import Any

from pydantic import BaseModel, ConfigDict

MAPPINGS = [
    Mapping(
        sdk_type="Message",
        sdk_sample={"type": "message", "role": "assistant", "model": "claude-sonnet-4-6"},
    ),
]


def test_samples_validate(validate):
    samples: list[tuple[str, dict[str, Any]]] = [
        ("CreateMessageParams", {"model": "claude-opus-4-1", "max_tokens": 8, "messages": []}),
    ]
    for name, sample in samples:
        validate(name, sample)


class Request(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"model": "gpt-4.1-mini"}]})


payload = {"model": "claude-3-5-haiku-latest", "max_tokens": 8, "messages": []}
"""
    spec = """openapi: 3.1.0
components:
  schemas:
    Request:
      example:
        model: gpt-4o-mini
      properties:
        model:
          type: string
settings:
  model: gpt-4.1
"""
    refs = found(tmp_path, {"tests/test_schema.py": py, "openapi.yaml": spec})
    ids = {r[0] for r in refs}
    assert not ids & {"claude-sonnet-4-6", "claude-opus-4-1", "gpt-4.1-mini", "gpt-4o-mini"}
    # decoys: a request built to be sent, and a setting outside an example, name models
    assert ("claude-3-5-haiku-latest", HOSTED, "tests/test_schema.py", 25) in refs
    assert ("gpt-4.1", HOSTED, "openapi.yaml", 11) in refs


def test_an_id_a_test_spells_as_its_own_hub_cache_folder_is_a_fake(tmp_path):
    test = """from app.cache import find_cached


def test_finds_the_newest_snapshot(cache_dir):
    model_id = "acme/cached-model"
    repo = cache_dir / f"models--{model_id.replace('/', '--')}" / "snapshots" / "a1"
    repo.mkdir(parents=True)
    assert find_cached(model_id, cache_dir) == repo


def test_lookup(cache_dir):
    model_id = "acme/looked-up-model"
    assert find_cached(model_id, cache_dir) is None
"""
    app = """from pathlib import Path

model_id = "acme/served-model"
folder = Path.home() / ".cache" / f"models--{model_id.replace('/', '--')}"
"""
    refs = found(tmp_path, {"tests/test_cache.py": test, "app/cache.py": app})
    assert not {r for r in refs if r[0] == "acme/cached-model"}
    # decoys: a test's id with no cache folder of its own, and the application's own lookup
    assert ("acme/looked-up-model", HUGGINGFACE, "tests/test_cache.py", 12) in refs
    assert ("acme/served-model", HUGGINGFACE, "app/cache.py", 3) in refs
