"""Whose hosted model a name is when the record or package around it says so: a provider key or
a hosted provider's base URL beside a configuration record's models, a gateway's account/model
ids, a YAML file written as the one literal block of a mapping that names the file, and a
JavaScript package whose only model client is a provider's own SDK."""

from __future__ import annotations

import json

from licaudit.discover import discover
from licaudit.model import HOSTED, HUGGINGFACE, OLLAMA

from .discover_helpers import write_files


def refs(tmp_path, files: dict[str, str]) -> list[tuple[str, str, str | None, str, int]]:
    found = discover(write_files(tmp_path, files)).refs
    return sorted((r.id, r.source, r.provider, r.location.path, r.location.line) for r in found)


def test_a_records_provider_key_says_whose_its_model_is(tmp_path):
    models = [
        {"id": "qwen/qwen3-32b", "provider": "Groq", "name": "Qwen3 32B"},
        {"id": "meta-llama/Llama-3.1-70B-Instruct-Turbo", "provider": "Together AI", "name": "L"},
        {"id": "accounts/fireworks/models/zai-org/glm-4p5", "provider": "fireworks", "name": "G"},
        {"id": "meta-llama/Llama-3.1-8B", "provider": "Hugging Face", "name": "Llama"},
        {"id": "llama3.1", "provider": "Ollama", "name": "Llama local"},
    ]
    text = json.dumps({"models": models}, indent=1)
    line = {m["id"]: text.splitlines().index(f'   "id": "{m["id"]}",') + 1 for m in models}
    assert refs(tmp_path, {"lib/models.json": text}) == [
        (
            "accounts/fireworks/models/zai-org/glm-4p5",
            HOSTED,
            "fireworks",
            "lib/models.json",
            line["accounts/fireworks/models/zai-org/glm-4p5"],
        ),
        ("llama3.1:latest", OLLAMA, None, "lib/models.json", line["llama3.1"]),
        (
            "meta-llama/Llama-3.1-70B-Instruct-Turbo",
            HOSTED,
            "together",
            "lib/models.json",
            line["meta-llama/Llama-3.1-70B-Instruct-Turbo"],
        ),
        (
            "meta-llama/Llama-3.1-8B",
            HUGGINGFACE,
            None,
            "lib/models.json",
            line["meta-llama/Llama-3.1-8B"],
        ),
        ("qwen/qwen3-32b", HOSTED, "groq", "lib/models.json", line["qwen/qwen3-32b"]),
    ]  # the display names beside the ids are labels, not models


def test_a_base_url_and_a_gateways_accounts_say_whose_the_listed_models_are(tmp_path):
    config = """model_providers:
  - provider_name: gateway
    base_url: https://llm-gateway.truefoundry.com/api/inference/openai
    llm_model_ids:
      - "openai-main/gpt-4o-mini"
      - "together-ai/llama-3-70b-chat-hf"
      - "prod-east/llama-3-8b-ft"
  - provider_name: local-infinity
    base_url: http://infinity-server:7997/
    embedding_model_ids:
      - "mixedbread-ai/mxbai-embed-large-v1"
  - provider_name: together
    base_url: https://api.together.xyz/v1
    llm_model_ids:
      - "meta-llama/Llama-3-70b-chat-hf"
"""
    assert refs(tmp_path, {"models_config.yaml": config}) == [
        ("gpt-4o-mini", HOSTED, "openai", "models_config.yaml", 5),
        ("llama-3-70b-chat-hf", HOSTED, "together", "models_config.yaml", 6),
        ("llama-3-8b-ft", HOSTED, "truefoundry", "models_config.yaml", 7),  # no provider named
        ("meta-llama/Llama-3-70b-chat-hf", HOSTED, "together", "models_config.yaml", 15),
        ("mixedbread-ai/mxbai-embed-large-v1", HUGGINGFACE, None, "models_config.yaml", 11),
    ]


def test_a_record_without_a_hosted_provider_keeps_its_hub_ids(tmp_path):
    config = """models:
  - id: Qwen/Qwen2.5-7B-Instruct
    provider: vllm
    base_url: http://localhost:8000/v1
  - id: org/gpt-4o-mini-distill
    type: openai
    base_url: https://example.com/v1
"""
    assert refs(tmp_path, {"models.yaml": config}) == [
        ("Qwen/Qwen2.5-7B-Instruct", HUGGINGFACE, None, "models.yaml", 2),
        (
            "org/gpt-4o-mini-distill",
            HUGGINGFACE,
            None,
            "models.yaml",
            5,
        ),  # OpenAI serves no Hub ids
    ]


def test_a_yaml_block_written_to_a_named_file_is_read_as_that_file(tmp_path):
    deploy = """mounts:
  - type: string
    mount_path: /models_config.yaml
    data: |
      model_providers:
        - base_url: https://api.together.xyz/v1
          llm_model_ids:
            - "meta-llama/Llama-3-70b-chat-hf"
  - type: string
    mount_path: /etc/motd
    data: |
      model: meta-llama/Llama-3-8b
  - type: string
    mount_path: /a.yaml
    data: |
      model: meta-llama/Llama-3-8b
    other: |
      model: meta-llama/Llama-3-8b
"""
    assert refs(tmp_path, {"deploy.yaml": deploy}) == [
        ("meta-llama/Llama-3-70b-chat-hf", HOSTED, "together", "deploy.yaml", 8),
    ]  # a block written to a file that is no YAML, or one of two blocks, is text


_TOGETHER_APP = {
    "lib/constants.ts": """export const FALLBACK_MODEL = "deepseek-ai/DeepSeek-V3";
export const MODELS = [
  { label: "Llama 3.3 70B", value: "meta-llama/Llama-3.3-70B-Instruct-Turbo" },
];
export const WEIGHTS_URL = "https://huggingface.co/org/x/resolve/main/model.safetensors";
""",
    "app/route.ts": """import Together from "together-ai";
import { FALLBACK_MODEL } from "@/lib/constants";
const together = new Together();
await together.chat.completions.create({ model: FALLBACK_MODEL, messages: [] });
""",
    "bench/manifest.json": '{"models": ["zai-org/GLM-4.5"]}\n',
}


def test_a_package_whose_only_model_client_is_a_providers_sdk_calls_its_api(tmp_path):
    files = {**_TOGETHER_APP, "package.json": '{"dependencies": {"together-ai": "^0.40.0"}}'}
    found = [r for r in refs(tmp_path, files) if r[0] != "org/x"]
    assert found == [
        ("deepseek-ai/DeepSeek-V3", HOSTED, "together", "lib/constants.ts", 1),
        ("meta-llama/Llama-3.3-70B-Instruct-Turbo", HOSTED, "together", "lib/constants.ts", 3),
        ("zai-org/GLM-4.5", HOSTED, "together", "bench/manifest.json", 1),
    ]
    hub_url = [r for r in refs(tmp_path, files) if r[0] == "org/x"]
    assert all(r[1] == HUGGINGFACE for r in hub_url)  # a Hub address stays one


def test_a_package_with_a_runtime_or_two_providers_keeps_its_hub_ids(tmp_path):
    for deps in (
        {"together-ai": "^0.40.0", "@huggingface/transformers": "^3.0.0"},
        {"together-ai": "^0.40.0", "openai": "^4.0.0"},
        {"openai": "^4.0.0"},
        {},
    ):
        root = tmp_path / str(len(deps)) / "-".join(sorted(deps))
        files = {**_TOGETHER_APP, "package.json": json.dumps({"dependencies": deps})}
        found = refs(root, files)
        assert {r[1] for r in found if r[0] != "org/x"} == {HUGGINGFACE}, deps
