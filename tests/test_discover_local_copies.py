"""Local copies of Hub models named after them: a launch script or a test that downloads
``org/name`` into a folder of models (``~/models/org/name``, ``$HOME/models/org/name``,
``/data/models/org/name``) and passes that path where a model goes uses the Hub model ``org/name``.
A folder named only after the model (``$HOME/models/Qwen3-8B``, as ``--local-dir`` leaves it) is
that model when the built-in catalog lists the name under one organization.
Each shape is found next to the decoys that must stay silent: output and checkpoint folders,
a single-name folder the catalog does not know (no organization to say whose model it is), a
folder of another kind, a folder the repository holds, placeholders, a path under no
model-taking name."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.discover.loaders import knowledge
from licaudit.model import HUGGINGFACE, MODELSCOPE

from .discover_helpers import write_files


def refs(tmp_path, files: dict[str, str]):
    return discover(write_files(tmp_path, files)).refs


def found(tmp_path, files: dict[str, str]) -> list[tuple]:
    return sorted((r.location.path, r.location.line, r.id, r.source) for r in refs(tmp_path, files))


def hf(path: str, line: int, rid: str) -> tuple:
    return (path, line, rid, HUGGINGFACE)


def test_the_folders_that_hold_models_are_data():
    folders = knowledge().model_folders
    assert {"models", "hfmodels"} <= folders
    # a run's own outputs are kept in such folders too: they are no models folder
    assert not {"checkpoints", "outputs", "data", "ckpt"} & folders


def test_a_local_copy_in_a_launch_script_is_the_hub_model(tmp_path):
    script = """set -x
HF_MODEL_PATH=/data/models/Qwen/Qwen1.5-MoE-A2.7B-Chat
DIST_CKPT_PATH=/data/mcore_ckpt/Qwen/Qwen1.5-MoE-A2.7B-Chat
RM_MODEL_PATH=${RM_MODEL_PATH:-${HOME}/models/Skywork/Skywork-Reward-V2-Llama-3.2-1B}
python3 -m acme.trainer.main_ppo \\
    actor_rollout_ref.model.path=$HOME/models/deepseek-ai/deepseek-llm-7b-chat \\
    critic.model.path="${DATA_HOME}/hf_models/google/gemma-2-2b-it" \\
    reward_model.model.path="$HOME/models/Acme-Reward-Llama-3.2-3B" \\
    trainer.default_local_dir=$HOME/models/acme/run-1 \\
    --output_dir ~/models/acme/ppo-out \\
    --hf_model_path $HF_MODEL_PATH --dist_ckpt_path $DIST_CKPT_PATH
"""
    assert found(tmp_path, {"run_ppo.sh": script}) == [
        hf("run_ppo.sh", 2, "Qwen/Qwen1.5-MoE-A2.7B-Chat"),
        hf("run_ppo.sh", 4, "Skywork/Skywork-Reward-V2-Llama-3.2-1B"),
        hf("run_ppo.sh", 6, "deepseek-ai/deepseek-llm-7b-chat"),
        hf("run_ppo.sh", 7, "google/gemma-2-2b-it"),
    ]


def test_the_evidence_says_it_is_a_local_copy(tmp_path):
    got = refs(tmp_path, {"run.sh": "MODEL_PATH=~/models/Qwen/Qwen2.5-0.5B\n"})
    assert [r.id for r in got] == ["Qwen/Qwen2.5-0.5B"]
    assert "local copy ~/models/Qwen/Qwen2.5-0.5B" in got[0].evidence


def test_a_local_copy_in_python_is_the_hub_model(tmp_path):
    code = """import os
from pathlib import Path

import pytest
from transformers import AutoTokenizer

prefix = Path("~/models").expanduser().resolve()


def tokenizer():
    return AutoTokenizer.from_pretrained(os.path.expanduser("~/models/Qwen/Qwen2-VL-2B-Instruct"))


def language_model():
    model = "~/models/HuggingFaceTB/SmolLM2-135M-Instruct"
    return os.path.expanduser(model)


def engine(model_path="~/models/Qwen/Qwen3-8B-Base"):
    reward_model_name = os.path.expanduser("~/models/Skywork/Skywork-Reward-V2-Llama-3.2-1B")
    return model_path, reward_model_name


@pytest.mark.parametrize("model_path", [f"{prefix}/Qwen/Qwen2.5-Coder-7B-Instruct"])
def test_dataset(model_path):
    assert model_path
"""
    got = found(tmp_path, {"tests/test_models.py": code})
    assert [(line, rid) for _, line, rid, _ in got] == [
        (11, "Qwen/Qwen2-VL-2B-Instruct"),
        (15, "HuggingFaceTB/SmolLM2-135M-Instruct"),
        (16, "HuggingFaceTB/SmolLM2-135M-Instruct"),
        (19, "Qwen/Qwen3-8B-Base"),
        (20, "Skywork/Skywork-Reward-V2-Llama-3.2-1B"),
        (24, "Qwen/Qwen2.5-Coder-7B-Instruct"),
    ]


def test_decoys_of_local_copies_stay_silent(tmp_path):
    code = """import os
from transformers import AutoModel

output_dir = "~/models/acme/sft-run"
save_path = os.path.expanduser("/data/models/acme/merged")
checkpoint_dir = "checkpoints/acme/experiment-1"
model_path = "~/models/acme-llm-7b-chat"
model_path_1 = "models/gemma-1.1-7b-it"
model_path_2 = "/path/to/models/org/name"
model_path_3 = "~/models/{org}/{name}"
model_path_4 = "~/datasets/acme/gsm8k"
print("~/models/Qwen/Qwen2.5-7B-Instruct")
model_id = "accounts/fireworks/models/zai-org/glm-4p5"
model = AutoModel.from_pretrained("models/acme/shipped")
"""
    files = {"train.py": code, "models/acme/shipped/config.json": "{}"}
    assert [r for r in found(tmp_path, files) if r[0] == "train.py"] == []


def test_a_folder_named_only_after_a_catalogued_model_is_that_model(tmp_path):
    script = """MODEL_PATH=$RAY_DATA_HOME/models/Qwen3-235B-A22B
HF_MODEL_PATH=${HF_MODEL_PATH:-"${RAY_DATA_HOME}/models/Qwen3-VL-8B-Instruct"}
OUT=$HOME/models/Qwen3-8B-grpo-run
python3 -m acme.trainer.main_ppo \\
    actor_rollout_ref.model.path=$MODEL_PATH \\
    critic.model.path=/data/models/gemma-1.1-7b-it \\
    reward_model.model.path=$HOME/models/acme-rm-v1 \\
    trainer.default_local_dir=$OUT \\
    ref.model.path=$HF_MODEL_PATH
"""
    code = """from transformers import AutoModel

model = AutoModel.from_pretrained("~/models/deepseek-llm-7b-chat")
other = AutoModel.from_pretrained("~/models/acme-7b-chat")
"""
    got = refs(tmp_path, {"run.sh": script, "load.py": code})
    assert sorted((r.location.path, r.location.line, r.id) for r in got) == [
        ("load.py", 3, "deepseek-ai/deepseek-llm-7b-chat"),
        ("run.sh", 1, "Qwen/Qwen3-235B-A22B"),
        ("run.sh", 2, "Qwen/Qwen3-VL-8B-Instruct"),
        ("run.sh", 6, "google/gemma-1.1-7b-it"),
    ]
    (first,) = [r for r in got if r.location.line == 1 and r.location.path == "run.sh"]
    assert "local copy $RAY_DATA_HOME/models/Qwen3-235B-A22B" in first.evidence


def test_a_single_name_folder_the_catalog_does_not_know_stays_silent(tmp_path):
    script = """python3 -m acme.trainer.main_ppo \\
    actor_rollout_ref.model.path=$HOME/models/hf_data \\
    critic.model.path=$HOME/models/gpt-oss-20b-bf16 \\
    reward_model.model.path=$HOME/models/DeepSeek-V3-config-acme \\
    ref.model.path=$HOME/checkpoints/Qwen3-8B
"""
    assert found(tmp_path, {"run.sh": script}) == []


def test_the_sft_trainers_partial_pretrain_takes_a_model(tmp_path):
    k = knowledge()
    assert k.flag_context("model.partial_pretrain").role == "model"
    assert k.name_context("partial_pretrain").role == "model"
    script = """torchrun -m acme.trainer.fsdp_sft_trainer \\
    model.partial_pretrain=google/gemma-2b-it \\
    trainer.default_local_dir=$save_path \\
    trainer.project_name=gsm8k-sft
"""
    assert found(tmp_path, {"run_sft.sh": script}) == [hf("run_sft.sh", 2, "google/gemma-2b-it")]


def test_a_script_that_switches_its_library_to_modelscope_runs_modelscope_models(tmp_path):
    assert "VERL_USE_MODELSCOPE" in knowledge().modelscope_switches
    on = """set -x
export VERL_USE_MODELSCOPE=True
python3 -m acme.trainer.main_ppo \\
    actor_rollout_ref.model.path=deepseek-ai/deepseek-llm-7b-chat \\
    critic.model.path=$HOME/models/Qwen/Qwen2.5-0.5B
"""
    off = """# export VERL_USE_MODELSCOPE=True
VERL_USE_MODELSCOPE=False python3 -m acme.trainer.main_ppo \\
    actor_rollout_ref.model.path=deepseek-ai/deepseek-llm-7b-chat
"""
    got = refs(tmp_path, {"on.sh": on, "off.sh": off})
    by_file = sorted((r.location.path, r.id, r.source) for r in got)
    assert by_file == [
        ("off.sh", "deepseek-ai/deepseek-llm-7b-chat", HUGGINGFACE),
        ("on.sh", "Qwen/Qwen2.5-0.5B", HUGGINGFACE),  # a local copy is what it was copied from
        ("on.sh", "deepseek-ai/deepseek-llm-7b-chat", MODELSCOPE),
    ]
    (ms,) = [r for r in got if r.source == MODELSCOPE]
    assert "VERL_USE_MODELSCOPE=true" in ms.evidence


def test_a_folder_a_download_command_fills_is_that_model(tmp_path):
    script = """# download models first:
# huggingface-cli download Acme/Acme-Reward-7B --local-dir $HOME/models/Acme-Reward-7B
hf download Qwen/Qwen2.5-7B-Instruct --local-dir ~/models/qwen7b
hf download acme/a --local-dir /data/shared
hf download acme/b --local-dir /data/shared
python3 -m acme.trainer.main_ppo \\
    actor_rollout_ref.model.path=~/models/qwen7b \\
    reward_model.model.path="$HOME/models/Acme-Reward-7B" \\
    critic.model.path=/data/shared \\
    trainer.default_local_dir=~/models/qwen7b-out
"""
    got = [r for r in found(tmp_path, {"run.sh": script}) if r[1] > 5]
    assert got == [
        hf("run.sh", 7, "Qwen/Qwen2.5-7B-Instruct"),
        hf("run.sh", 8, "Acme/Acme-Reward-7B"),
    ]
    (ref,) = [r for r in refs(tmp_path, {"run.sh": script}) if r.location.line == 8]
    assert "where the file's download command puts it" in ref.evidence


def test_a_download_folder_counts_only_in_its_own_file(tmp_path):
    files = {
        "get.sh": "hf download Qwen/Qwen2.5-7B-Instruct --local-dir ~/models/qwen7b\n",
        "run.sh": "python3 -m acme.main actor_rollout_ref.model.path=~/models/qwen7b\n",
    }
    assert [r for r in found(tmp_path, files) if r[0] == "run.sh"] == []


def test_a_file_of_a_copy_under_a_huggingface_folder_is_the_hub_model(tmp_path):
    script = """#!/bin/bash
deepspeed train_mem.py \\
    --model_name_or_path acme/chat-13b \\
    --pretrain_mm_mlp_adapter ./checkpoints/huggingface/acme/projector-13b/mm_projector.bin \\
    --output_dir ./checkpoints/run-sqa
python serve.py --model-path /data/models/acme/vision-7b/model.safetensors
"""
    assert found(tmp_path, {"scripts/finetune.sh": script}) == [
        hf("scripts/finetune.sh", 3, "acme/chat-13b"),
        hf("scripts/finetune.sh", 4, "acme/projector-13b"),
        hf("scripts/finetune.sh", 6, "acme/vision-7b"),
    ]


def test_a_projector_the_runs_own_pretraining_wrote_and_cache_folders_name_no_hub_model(tmp_path):
    script = """#!/bin/bash
deepspeed train_mem.py \\
    --pretrain_mm_mlp_adapter ./checkpoints/run-13b-pretrain/mm_projector.bin \\
    --pretrain_mm_mlp_adapter ./checkpoints/llava-$MODEL_VERSION-pretrain/mm_projector.bin \\
    --tune_mm_mlp_adapter True
python serve.py --model-path ~/.cache/huggingface/datasets/acme/train.json
python serve.py --model-path ~/.cache/huggingface/hub/acme/x.bin
python serve.py --model-path ./checkpoints/acme/vision-7b/mm_projector.bin
"""
    assert found(tmp_path, {"scripts/finetune.sh": script}) == []
