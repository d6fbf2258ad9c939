"""Command lines and configuration files the way scripts and deployments are written: each shape
found (with its file, line and evidence) next to the decoy that must stay silent."""

from __future__ import annotations

import json

import pytest

from licaudit.discover import discover
from licaudit.model import DATASET, HOSTED, HUGGINGFACE, OLLAMA

from .discover_helpers import write_files


def found(tmp_path, files: dict[str, str]) -> list[tuple]:
    result = discover(write_files(tmp_path, files))
    return sorted(
        (r.location.path, r.location.line, r.id, r.source, r.provider) for r in result.refs
    )


def evidence(tmp_path, files: dict[str, str]) -> dict[tuple[str, int], str]:
    result = discover(write_files(tmp_path, files))
    return {(r.location.path, r.location.line): r.evidence for r in result.refs}


def hf(path: str, line: int, rid: str) -> tuple:
    return (path, line, rid, HUGGINGFACE, None)


# ---------------------------------------------------------------- command lines


def test_a_continued_line_is_one_command_and_the_alias_is_not_a_model(tmp_path):
    text = """#!/bin/sh
vllm serve \\
    Qwen/Qwen2.5-7B-Instruct \\
    --served-model-name acme/chat-alias \\
    --tokenizer Qwen/Qwen2.5-7B-Instruct-tokenizer
"""
    assert found(tmp_path, {"serve.sh": text}) == [
        hf("serve.sh", 3, "Qwen/Qwen2.5-7B-Instruct"),
        hf("serve.sh", 5, "Qwen/Qwen2.5-7B-Instruct-tokenizer"),
    ]


def test_flag_equals_value_and_destination_flags(tmp_path):
    text = """python train.py --model_name_or_path=mistralai/Mistral-7B-v0.3 \\
    --output_dir=acme/mistral-sft --hub_model_id=acme/mistral-sft-hub \\
    --dataset_name=HuggingFaceH4/ultrachat_200k
"""
    assert found(tmp_path, {"train.sh": text}) == [
        hf("train.sh", 1, "mistralai/Mistral-7B-v0.3"),
        ("train.sh", 3, "HuggingFaceH4/ultrachat_200k", DATASET, None),
    ]


def test_environment_prefixes_name_models_and_other_variables_do_not(tmp_path):
    text = """MODEL_ID=google/gemma-2-2b-it PORT=8000 python app.py
OUTPUT_DIR=acme/gemma-out IMAGE=vllm/vllm-openai python app.py
env EMBEDDING_MODEL=BAAI/bge-small-en-v1.5 python index.py
"""
    assert found(tmp_path, {"run.sh": text}) == [
        hf("run.sh", 1, "google/gemma-2-2b-it"),
        hf("run.sh", 3, "BAAI/bge-small-en-v1.5"),
    ]


def test_a_json_request_body_is_read_like_a_json_file(tmp_path):
    text = """curl http://localhost:8000/v1/chat/completions \\
  -H 'Content-Type: application/json' \\
  -d '{"model": "HuggingFaceH4/zephyr-7b-beta", "messages": [{"role": "user", "content": "hi"}]}'
curl https://api.openai.com/v1/chat/completions --json '{"model": "gpt-4o-mini", "messages": []}'
curl -d '{"model": "username/model-name", "served_model_name": "acme/alias"}' http://x/v1
curl -d '{model: .name}' http://x/not-json
"""
    assert found(tmp_path, {"ask.sh": text}) == [
        hf("ask.sh", 3, "HuggingFaceH4/zephyr-7b-beta"),
        ("ask.sh", 4, "gpt-4o-mini", HOSTED, "openai"),
    ]


def test_hub_download_urls_count_anywhere_and_other_urls_do_not(tmp_path):
    text = """curl -L -o model.gguf https://huggingface.co/TheBloke/Llama-2-7B-GGUF/resolve/main/llama-2-7b.Q4_K_M.gguf
wget https://huggingface.co/datasets/HuggingFaceH4/ultrachat_200k/resolve/main/README.md
export MODEL_DOWNLOAD_URL="https://huggingface.co/TheBloke/CodeLlama-7B-Instruct-GGUF/resolve/0f7ab9c/codellama.gguf"
wget https://github.com/acme/weights/releases/download/v1/model.bin
echo "see https://huggingface.co/acme/readme-link"
git clone https://huggingface.co/spaces/acme/demo
"""
    result = discover(write_files(tmp_path, {"get.sh": text}))
    got = sorted((r.location.line, r.id, r.source, r.revision) for r in result.refs)
    assert got == [
        (1, "TheBloke/Llama-2-7B-GGUF", HUGGINGFACE, "main"),
        (2, "HuggingFaceH4/ultrachat_200k", DATASET, "main"),
        (3, "TheBloke/CodeLlama-7B-Instruct-GGUF", HUGGINGFACE, "0f7ab9c"),
    ]


def test_a_hub_cache_folder_in_a_model_flag_is_that_model(tmp_path):
    text = """python3 -m sglang.launch_server \\
  --model-path /workspace/models/models--meta-llama--Llama-3.1-8B-Instruct \\
  --tp 2
python3 -m sglang.launch_server --model-path /workspace/models/plain-folder
ls /cache/models--acme--not-a-flag-value
"""
    assert found(tmp_path, {"lws.sh": text}) == [
        hf("lws.sh", 2, "meta-llama/Llama-3.1-8B-Instruct")
    ]


def test_known_commands_come_from_the_loader_data(tmp_path):
    text = """hf download --repo-type dataset HuggingFaceH4/no_robots
hf download Qwen/Qwen2.5-0.5B --revision 7ae557604adf67be50417f59c2c2f167def9a775
hf upload acme/uploaded-model ./out
ollama run --verbose llama3.2:3b
ollama create acme-model -f Modelfile
vllm serve meta-llama/Llama-3.2-1B --lora-modules sql=yard1/llama-2-7b-sql-lora-test other=acme/other-lora
text-generation-launcher --model-id bigcode/starcoder2-3b --lora-adapters acme/lora-a,acme/lora-b
mlx_lm.lora --model mlx-community/Mistral-7B-v0.3-4bit --adapter-path acme/adapters-out
"""
    result = discover(write_files(tmp_path, {"cli.sh": text}))
    got = sorted((r.location.line, r.id, r.source, r.revision) for r in result.refs)
    assert got == [
        (1, "HuggingFaceH4/no_robots", DATASET, None),
        (2, "Qwen/Qwen2.5-0.5B", HUGGINGFACE, "7ae557604adf67be50417f59c2c2f167def9a775"),
        (4, "llama3.2:3b", OLLAMA, None),
        (6, "acme/other-lora", HUGGINGFACE, None),
        (6, "meta-llama/Llama-3.2-1B", HUGGINGFACE, None),
        (6, "yard1/llama-2-7b-sql-lora-test", HUGGINGFACE, None),
        (7, "acme/lora-a", HUGGINGFACE, None),
        (7, "acme/lora-b", HUGGINGFACE, None),
        (7, "bigcode/starcoder2-3b", HUGGINGFACE, None),
        (8, "mlx-community/Mistral-7B-v0.3-4bit", HUGGINGFACE, None),
    ]


def test_shell_defaults_are_models_with_the_variable_in_the_evidence(tmp_path):
    text = """MODEL="${MODEL:-meta-llama/Llama-3.2-3B-Instruct}"
OUT="${OUT:-acme/not-a-model}"
python serve.py --model "${SERVE_MODEL:-${FALLBACK:-Qwen/Qwen2.5-1.5B}}"
python serve.py --model "${RUNTIME_MODEL}"
"""
    files = {"run.sh": text}
    assert found(tmp_path, files) == [
        hf("run.sh", 1, "meta-llama/Llama-3.2-3B-Instruct"),
        hf("run.sh", 3, "Qwen/Qwen2.5-1.5B"),
    ]
    ev = evidence(tmp_path, files)
    assert ev[("run.sh", 1)] == "model, the default of MODEL"  # one wording in every language
    assert ev[("run.sh", 3)] == "--model flag: the default of $SERVE_MODEL"
    result = discover(tmp_path)
    assert [(u.location.line, u.expression) for u in result.unresolvable] == [
        (4, "${RUNTIME_MODEL}")
    ]


def test_makefile_conditional_assignment(tmp_path):
    text = """MODEL ?= HuggingFaceTB/SmolLM2-360M-Instruct
OUTPUT ?= acme/smollm-out
train:
\tpython train.py --model $(MODEL) --output_dir $(OUTPUT)
"""
    assert found(tmp_path, {"Makefile": text}) == [
        hf("Makefile", 1, "HuggingFaceTB/SmolLM2-360M-Instruct"),
        hf("Makefile", 4, "HuggingFaceTB/SmolLM2-360M-Instruct"),
    ]


def test_a_dockerfile_reads_env_arg_and_run_lines(tmp_path):
    text = """FROM vllm/vllm-openai:v0.6.3
ARG BASE_MODEL=mistralai/Mistral-7B-Instruct-v0.3
ENV HF_MODEL_ID=${HF_MODEL_ID:-google/gemma-2-9b-it}
ENV OPENAI_API_KEY=sk-not-a-model
RUN curl -L https://huggingface.co/bartowski/gemma-2-2b-it-GGUF/resolve/main/gemma-2-2b-it-Q4_K_M.gguf -o /m.gguf
CMD ["--model", "Qwen/Qwen2.5-Coder-7B-Instruct", "--served-model-name", "acme/coder"]
"""
    assert found(tmp_path, {"Dockerfile": text}) == [
        hf("Dockerfile", 2, "mistralai/Mistral-7B-Instruct-v0.3"),
        hf("Dockerfile", 3, "google/gemma-2-9b-it"),
        hf("Dockerfile", 5, "bartowski/gemma-2-2b-it-GGUF"),
        hf("Dockerfile", 6, "Qwen/Qwen2.5-Coder-7B-Instruct"),
    ]


# ---------------------------------------------------------------- environment and .env files


def test_env_values_hosted_keys_and_secrets(tmp_path):
    text = """# models
GENERATION_MODEL=qwen3:8b
EMBEDDING_MODEL="nomic-ai/nomic-embed-text-v1.5"  # the embedder
OPENAI_MODEL=gpt-4o
ANTHROPIC_MODEL=claude-sonnet-4-5
WATSONX_GENERATION_MODEL=ibm/granite-3-8b-instruct
OPENAI_API_KEY=sk-proj-abc
OPENAI_API_BASE=https://api.openai.com/v1
HF_TOKEN=hf_abc
OUTPUT_DIR=acme/out
"""
    assert found(tmp_path, {".env": text}) == [
        (".env", 2, "qwen3:8b", OLLAMA, None),
        hf(".env", 3, "nomic-ai/nomic-embed-text-v1.5"),
        (".env", 4, "gpt-4o", HOSTED, "openai"),
        (".env", 5, "claude-sonnet-4-5", HOSTED, "anthropic"),
        (".env", 6, "ibm/granite-3-8b-instruct", HOSTED, "ibm-watsonx"),
    ]


# ---------------------------------------------------------------- compose, Helm, Kubernetes


def test_compose_defaults_environment_lists_and_images(tmp_path):
    text = """services:
  api:
    image: ghcr.io/acme/llama-3.1-8b-server:latest
    environment:
      - GENERATION_MODEL=${GENERATION_MODEL:-qwen3.5:9b}
      - EMBEDDING_MODEL=${EMBEDDING_MODEL:-microsoft/harrier-oss-v1-0.6b}
      - MODEL_DOWNLOAD_URL=${MODEL_DOWNLOAD_URL:-https://huggingface.co/TheBloke/Llama-2-7B-GGML/resolve/main/llama-2-7b.ggmlv3.q4_0.bin}
      - OPENAI_MODEL=gpt-4o-mini
      - OPENAI_API_HOST=http://api:8000
      - DB_PATH=${DB_PATH:-/app/backend/chat.db}
    command: --model ${MODEL_ID:-meta-llama/Llama-3.2-1B} --served-model-name ${ALIAS:-acme/alias}
"""
    assert found(tmp_path, {"docker-compose.yml": text}) == [
        ("docker-compose.yml", 5, "qwen3.5:9b", OLLAMA, None),
        hf("docker-compose.yml", 6, "microsoft/harrier-oss-v1-0.6b"),
        hf("docker-compose.yml", 7, "TheBloke/Llama-2-7B-GGML"),
        ("docker-compose.yml", 8, "gpt-4o-mini", HOSTED, "openai"),
        hf("docker-compose.yml", 11, "meta-llama/Llama-3.2-1B"),
    ]


def test_helm_values_model_url_and_the_image_repository(tmp_path):
    text = """servingEngineSpec:
  modelSpec:
  - name: "llama3"
    repository: "vllm/vllm-openai"
    tag: "latest"
    modelURL: "meta-llama/Llama-3.1-8B-Instruct"
  - name: "mistral"
    repository: "lmcache/vllm-openai"
    modelURL: "mistralai/Mistral-7B-Instruct-v0.2"
image:
  repository: acme/Llama-3-70B-Instruct
  tag: v1
"""
    assert found(tmp_path, {"values.yaml": text}) == [
        hf("values.yaml", 6, "meta-llama/Llama-3.1-8B-Instruct"),
        hf("values.yaml", 9, "mistralai/Mistral-7B-Instruct-v0.2"),
    ]


def test_lora_adapter_sources_name_hub_repositories(tmp_path):
    text = """loraAdapters:
  - name: sql-adapter
    baseModel: meta-llama/Llama-3.1-8B-Instruct
    adapterSource:
      type: huggingface
      adapterName: sql-alias
      repository: algoprog/fact-generation-llama-3.1-8b-instruct-lora
  - name: local-adapter
    baseModel: meta-llama/Llama-3.1-8B-Instruct
    adapterSource:
      type: local
      adapterName: local-alias
      repository: acme/not-the-hub
"""
    assert found(tmp_path, {"lora.yaml": text}) == [
        hf("lora.yaml", 3, "meta-llama/Llama-3.1-8B-Instruct"),
        hf("lora.yaml", 7, "algoprog/fact-generation-llama-3.1-8b-instruct-lora"),
        hf("lora.yaml", 9, "meta-llama/Llama-3.1-8B-Instruct"),
    ]


def test_kubernetes_container_args_env_and_uris(tmp_path):
    text = """apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
        - name: server
          image: vllm/vllm-openai:latest
          args: ["--model", "Qwen/Qwen2.5-7B-Instruct", "--served-model-name", "acme/qwen"]
          env:
            - name: MODEL_ID
              value: ibm-granite/granite-3.0-8b-instruct
            - name: HF_HOME
              value: /data/hf
---
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
spec:
  predictor:
    model:
      storageUri: hf://meta-llama/Llama-3.2-1B-Instruct
---
kind: OpenModel
spec:
  source:
    uri: ollama://qwen2:0.5b
  description: "pull it with ollama://llama3.3 or hf://acme/in-prose"
"""
    assert found(tmp_path, {"k8s.yaml": text}) == [
        hf("k8s.yaml", 9, "Qwen/Qwen2.5-7B-Instruct"),
        hf("k8s.yaml", 12, "ibm-granite/granite-3.0-8b-instruct"),
        hf("k8s.yaml", 21, "meta-llama/Llama-3.2-1B-Instruct"),
        ("k8s.yaml", 26, "qwen2:0.5b", OLLAMA, None),
    ]


def test_a_modelscope_id_is_not_a_hugging_face_id(tmp_path):
    text = """spec:
  source:
    modelHub:
      name: ModelScope
      modelID: AI-ModelScope/opt-125
---
spec:
  source:
    modelHub:
      modelID: facebook/opt-125m
"""
    result = discover(write_files(tmp_path, {"m.yaml": text}))
    assert [(r.location.line, r.id, r.source, r.evidence) for r in result.refs] == [
        (5, "AI-ModelScope/opt-125", "modelscope", "model key modelID (a ModelScope source)"),
        (10, "facebook/opt-125m", "huggingface", "model key modelID"),
    ]
    assert result.unresolvable == ()


def test_a_library_config_key_is_loader_data(tmp_path):
    text = """model_list:
  - model_name: gpt-4o
    litellm_params:
      model: azure/gpt-4o-deployment
  - model_name: local-llama
    litellm_params:
      model: ollama/llama3.1:8b
"""
    assert found(tmp_path, {"litellm.yaml": text}) == [
        ("litellm.yaml", 4, "gpt-4o-deployment", HOSTED, "azure-openai"),
        ("litellm.yaml", 7, "llama3.1:8b", OLLAMA, None),
    ]


def test_decoys_of_configuration_files(tmp_path):
    text = """uses: actions/checkout@v4
metric_for_best_model: rewards/chosen
hub_model_id: acme/pushed-model
output_dir: acme/output
model: username/model-name
model_type: llama/mistral
homepage: https://huggingface.co/acme/linked-model
docs: https://huggingface.co/acme/linked-model/blob/main/README.md
container:
  image: meta-llama/Llama-3.1-8B
"""
    assert found(tmp_path, {"decoys.yaml": text}) == []


def test_json_configs_read_the_same_keys(tmp_path):
    data = {
        "model": "EleutherAI/pythia-410m",
        "output_dir": "acme/pythia-out",
        "server": {"environment": ["MODEL_ID=${MODEL_ID:-EleutherAI/pythia-1b}"]},
    }
    text = json.dumps(data, indent=2)
    assert found(tmp_path, {"settings.json": text}) == [
        hf("settings.json", 2, "EleutherAI/pythia-410m"),
        hf("settings.json", 6, "EleutherAI/pythia-1b"),
    ]


@pytest.mark.parametrize(
    "name", ["OPENAI_API_KEY", "OPENAI_API_BASE", "AZURE_OPENAI_ENDPOINT", "GEMINI_API_KEY"]
)
def test_a_provider_word_alone_does_not_make_a_model_name(tmp_path, name):
    assert found(tmp_path, {".env": f"{name}=sk-abc-123\n"}) == []


def test_jsonl_batch_requests_are_references_and_data_records_are_not(tmp_path):
    lines = [
        {"custom_id": "a", "method": "POST", "url": "/v1/chat/completions",
         "body": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}},
        {"custom_id": "b", "params": {"model": "claude-3-5-haiku-20241022", "messages": []}},
        {"model": "meta-llama/Llama-3.1-8B-Instruct", "prompt": "hello"},
        {"model_a": "gpt-4", "model_b": "lmsys/vicuna-13b-v1.5", "winner": "model_a"},
        {"text": "a record about meta-llama/Llama-2-7b-hf", "model": "meta-llama/Llama-2-7b-hf"},
    ]  # fmt: skip
    text = "\n".join(json.dumps(x) for x in lines) + "\n"
    assert found(tmp_path, {"batch/requests.jsonl": text}) == [
        ("batch/requests.jsonl", 1, "gpt-4o-mini", HOSTED, "openai"),
        ("batch/requests.jsonl", 2, "claude-3-5-haiku-20241022", HOSTED, "anthropic"),
        hf("batch/requests.jsonl", 3, "meta-llama/Llama-3.1-8B-Instruct"),
    ]


def test_a_jsonl_file_with_a_broken_line_is_skipped_with_the_reason(tmp_path):
    result = discover(
        write_files(tmp_path, {"b.jsonl": '{"model": "gpt-4o", "input": 1}\n{oops\n'})
    )
    assert result.refs == () and [s.path for s in result.skipped] == ["b.jsonl"]
    assert result.skipped[0].reason.startswith("cannot parse")


def test_env_example_files_are_env_files(tmp_path):
    files = {
        "env.example.watsonx": "WATSONX_GENERATION_MODEL=ibm/granite-13b-chat-v2\n",
        "env.sample": "EMBEDDING_MODEL=BAAI/bge-m3\n",
        "environment.py": "X = 1\n",
    }
    assert found(tmp_path, files) == [
        ("env.example.watsonx", 1, "ibm/granite-13b-chat-v2", HOSTED, "ibm-watsonx"),
        hf("env.sample", 1, "BAAI/bge-m3"),
    ]


# ---------------------------------------------------------------- weights files


def test_weights_downloaded_by_url_are_url_models_and_named_where_a_model_goes_local(tmp_path):
    dockerfile = """FROM python:3.12
WORKDIR /app/models
RUN wget -q https://github.com/IDEA-Research/GroundingDINO/releases/download/v0.1.0-alpha/groundingdino_swint_ogc.pth
ARG SAM2_URL=https://dl.fbaipublicfiles.com/segment_anything_2/092824/sam2.1_hiera_large.pt
ENV SAM_CHECKPOINT=/app/models/sam_vit_h_4b8939.pth \\
    CHECKPOINT_FILE=yolov3_mobilenetv2_320_300e_coco.pth \\
    MODEL_NAME=served-name.gguf \\
    SAVE_CHECKPOINT=/app/out/last.pt \\
    CONFIG_FILE=yolov3_mobilenetv2_8xb24-320-300e_coco.py
RUN /bin/sh -c 'yolo predict model=/app/models/yolov8m.pt source=car.jpg && yolo train model=yolo11n.yaml'
RUN wget https://example.com/releases/data-v1.tar.gz
"""
    script = 'declare -A MODELS\nMODELS["mobile_sam.pt"]="https://github.com/ChaoningZhang/MobileSAM/raw/master/weights/mobile_sam.pt"\n'
    result = discover(write_files(tmp_path, {"Dockerfile": dockerfile, "get.sh": script}))
    got = sorted((r.location.path, r.location.line, r.id, r.source) for r in result.refs)
    assert got == [
        (
            "Dockerfile",
            3,
            "https://github.com/IDEA-Research/GroundingDINO/releases/download/v0.1.0-alpha/groundingdino_swint_ogc.pth",
            "url",
        ),
        (
            "Dockerfile",
            4,
            "https://dl.fbaipublicfiles.com/segment_anything_2/092824/sam2.1_hiera_large.pt",
            "url",
        ),
        ("Dockerfile", 5, "sam_vit_h_4b8939.pth", "local"),
        ("Dockerfile", 6, "yolov3_mobilenetv2_320_300e_coco.pth", "local"),
        ("Dockerfile", 10, "yolov8m.pt", "local"),
        (
            "get.sh",
            2,
            "https://github.com/ChaoningZhang/MobileSAM/raw/master/weights/mobile_sam.pt",
            "url",
        ),
    ]
    ev = {(r.location.path, r.location.line): r.evidence for r in result.refs}
    assert ev[("Dockerfile", 3)] == "weights file downloaded from github.com"
    assert ev[("Dockerfile", 5)] == "weights file env SAM_CHECKPOINT"


def test_a_relative_weights_path_and_a_compose_mount_name_the_repository_file(tmp_path):
    compose = """services:
  api:
    volumes:
      - ./models:/models
      - cache:/root/.cache
    environment:
      MODEL: /models/${MODEL_NAME:-code-llama-7b-chat.gguf}
      OTHER_MODEL: /root/.cache/elsewhere.gguf
"""
    script = 'MODEL="./models/llama-2-13b-chat.gguf"\nllama-server -m "$MODEL" --port 8080\n'
    files = {"deploy/docker-compose.yml": compose, "run.sh": script}
    result = discover(write_files(tmp_path, files))
    got = sorted((r.location.path, r.location.line, r.id, r.source) for r in result.refs)
    assert got == [
        ("deploy/docker-compose.yml", 7, "deploy/models/code-llama-7b-chat.gguf", "local"),
        ("deploy/docker-compose.yml", 8, "elsewhere.gguf", "local"),
        ("run.sh", 1, "models/llama-2-13b-chat.gguf", "local"),
        ("run.sh", 2, "models/llama-2-13b-chat.gguf", "local"),
    ]


def test_a_library_name_map_gives_the_weights_it_downloads_with_their_license(tmp_path):
    text = """whisper audio.mp3 --model large-v3
yolo predict model=yolov8n.pt source=bus.jpg
yolo train model=yolo11n.yaml data=coco8.yaml
python -m spacy download en_core_web_sm
SPACY_MODEL=de_core_news_sm python app.py
SPACY_MODEL=my_own_pipeline python app.py
"""
    result = discover(write_files(tmp_path, {"run.sh": text}))
    got = sorted(
        (r.location.line, r.id, r.source, r.metadata.license if r.metadata else None)
        for r in result.refs
    )
    assert got == [
        (1, "large-v3", "openai-whisper", "mit"),  # OpenAI's Whisper checkpoint
        (2, "yolov8n.pt", "ultralytics", "agpl-3.0"),  # an Ultralytics release asset: AGPL-3.0
        (4, "spacy/en_core_web_sm", HUGGINGFACE, None),  # spaCy publishes it on the Hub
        (5, "spacy/de_core_news_sm", HUGGINGFACE, None),  # a name that names the library
    ]


def test_the_prefilters_pass_every_weights_file_extension():
    from licaudit.discover import commands, config
    from licaudit.discover.loaders import knowledge

    for ext in knowledge().weight_extensions:
        line = f"RUN wget https://example.com/w/x.{ext}\n".encode()
        assert commands.TRIGGER.search(line) and config.TRIGGER.search(line), ext


def test_the_value_of_an_unknown_flag_may_be_a_model_assignment(tmp_path):
    text = """docker run -e MODEL_ID=Qwen/Qwen2.5-3B-Instruct -e PORT=80 ghcr.io/acme/server:1
python -m src.pl_train -k load_weight="t-few/checkpoints/t03b_ia3_finish.pt" exp_name=acme/run-1
lm_eval --model_args pretrained=EleutherAI/pythia-70m,dtype=float32
"""
    result = discover(write_files(tmp_path, {"scripts/tfew/run.sh": text}))
    got = sorted((r.location.line, r.location.column, r.id, r.source) for r in result.refs)
    assert got == [
        (1, 24, "Qwen/Qwen2.5-3B-Instruct", HUGGINGFACE),
        # a relative path is read from the script's folder: that repository file
        (2, 40, "scripts/tfew/t-few/checkpoints/t03b_ia3_finish.pt", "local"),
        (3, 33, "EleutherAI/pythia-70m", HUGGINGFACE),  # once, with the flag's evidence
    ]


def test_torchtune_download_names_a_hub_model_and_not_its_output_folder(tmp_path):
    text = """tune download meta-llama/Llama-3.2-1B-Instruct --output-dir /tmp/Llama-3.2-1B-Instruct --ignore-patterns "original/consolidated.00.pth"
tune download --hf-token $HF_TOKEN mistralai/Mistral-7B-Instruct-v0.2
tune download metaresearch/llama-3.2/pytorch/1b --source kaggle
tune run lora_finetune_single_device --config llama3_2/1B_lora_single_device
"""
    assert found(tmp_path, {"get.sh": text}) == [
        hf("get.sh", 1, "meta-llama/Llama-3.2-1B-Instruct"),
        hf("get.sh", 2, "mistralai/Mistral-7B-Instruct-v0.2"),
    ]


def test_a_ray_serve_config_names_the_model_source_not_the_name_clients_ask_for(tmp_path):
    text = """applications:
  - name: llm
    import_path: ray.serve.llm:build_openai_app
    args:
      llm_configs:
        - model_loading_config:
            model_id: qwen-0.5b
            model_source: Qwen/Qwen2.5-0.5B-Instruct
            tokenizer_source: Qwen/Qwen2.5-0.5B
          accelerator_type: L4
"""
    assert found(tmp_path, {"serve_config.yaml": text}) == [
        hf("serve_config.yaml", 8, "Qwen/Qwen2.5-0.5B-Instruct"),
        hf("serve_config.yaml", 9, "Qwen/Qwen2.5-0.5B"),
    ]


def test_arguments_handed_to_another_program_as_one_string_are_read(tmp_path):
    script = """IMAGE="$1"
podctl create pods \\
  --imageName "$IMAGE" \\
  --args "--port 8080 --model-id acme-labs/served-7b --max-total-tokens 8192"
podctl create pods --args="--model-id acme-labs/other-7b --port 80"
podctl create pods --args "--port 8080 --served-model-name acme-labs/alias-7b"
podctl create pods --message "start the --model-id acme/x run"
echo "--model-id <org/name> is required"
"""
    got = found(tmp_path, {"create.sh": script})
    assert got == [
        hf("create.sh", 4, "acme-labs/served-7b"),
        hf("create.sh", 5, "acme-labs/other-7b"),
    ]
