"""Training launchers' command lines the way their example scripts are written: namespaced flags
(``--actor.model_name_or_path``), heredocs read into a variable, bash arrays of arguments, a
``bash -c`` string submitted to a cluster, and ids bound to a shell variable first. Each shape
is found next to the decoys that must stay silent (output and checkpoint paths, metric keys,
container images, script paths, commented-out flags)."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.discover.loaders import knowledge
from licaudit.model import DATASET, HUGGINGFACE

from .discover_helpers import write_files


def found(tmp_path, files: dict[str, str]) -> list[tuple]:
    result = discover(write_files(tmp_path, files))
    return sorted((r.location.path, r.location.line, r.id, r.source) for r in result.refs)


def hf(path: str, line: int, rid: str) -> tuple:
    return (path, line, rid, HUGGINGFACE)


def ds(path: str, line: int, rid: str) -> tuple:
    return (path, line, rid, DATASET)


def test_a_namespaced_flag_takes_what_its_last_parts_say():
    k = knowledge()
    assert k.flag_context("--actor.model_name_or_path").role == "model"
    assert k.flag_context("--model.init_args.tokenizer").role == "tokenizer"
    # the longest known tail wins: the namespace may be part of the flag's name
    assert k.flag_context("--teacher.model_name_or_path").role == "teacher-model"
    assert k.flag_context("--reward.model_path").role == "reward-model"
    # destinations stay destinations, by their tail or by the whole name
    assert k.flag_context("--ckpt.output_dir").is_decoy
    assert k.flag_context("--hub.model_id").is_decoy
    assert k.flag_context("--output.model_name").is_decoy
    # a tail that says nothing is nothing
    for flag in ("--ckpt.path", "--ckpt.save_path", "--train.agent_func_path", "--a..b", "--x."):
        assert k.flag_context(flag) is None, flag


def test_namespaced_flags_on_a_continued_line_and_their_decoys(tmp_path):
    text = """set -x
python3 -m acme.cli.train_ppo \\
   --actor.num_nodes 1 \\
   --actor.model_name_or_path NousResearch/Hermes-3-Llama-3.1-8B \\
   --reward.model_name_or_path Skywork/Skywork-Reward-Llama-3.1-8B \\
   --critic.model_name_or_path=Skywork/Skywork-Reward-V2-Llama-3.1-8B \\
   --ckpt.output_dir ./checkpoint/hermes-rlhf \\
   --ckpt.path /work/ckpt/hermes-rlhf \\
   --ckpt.save_path acme-lab/hermes-ppo-out \\
   --save_path acme-lab/hermes-ppo-save --ckpt_path acme-lab/hermes-ppo-ckpt \\
   --hub.model_id acme-lab/hermes-ppo \\
   --logger.metric_key train/policy_loss \\
   --reward.remote_url examples/python/reward_func.py \\
   --data.prompt_dataset HuggingFaceH4/ultrafeedback_binarized
# --actor.model_name_or_path NousResearch/Hermes-2-Pro-Llama-3-8B
"""
    assert found(tmp_path, {"scripts/train_ppo.sh": text}) == [
        hf("scripts/train_ppo.sh", 4, "NousResearch/Hermes-3-Llama-3.1-8B"),
        hf("scripts/train_ppo.sh", 5, "Skywork/Skywork-Reward-Llama-3.1-8B"),
        hf("scripts/train_ppo.sh", 6, "Skywork/Skywork-Reward-V2-Llama-3.1-8B"),
        ds("scripts/train_ppo.sh", 14, "HuggingFaceH4/ultrafeedback_binarized"),
    ]


def test_a_heredoc_read_into_a_variable_is_a_command_line(tmp_path):
    text = """set -x

read -r -d '' training_commands <<EOF
acme.cli.train_sft \\
   --data.dataset teknium/OpenHermes-2.5 \\
   --model.model_name_or_path mistralai/Mistral-7B-v0.3 \\
   --ckpt.output_dir ./checkpoint/mistral-7b-sft \\
   --ds.attn_implementation flash_attention_2
EOF

if [[ ${1} != "slurm" ]]; then
    deepspeed --module $training_commands
fi

cat > job.sh <<'JOB'
torchrun -m acme.cli.train_dpo --model.model_name_or_path HuggingFaceH4/zephyr-7b-beta
torchrun -m acme.cli.train_dpo --model.output_dir HuggingFaceH4/zephyr-7b-dpo-out
JOB
"""
    assert found(tmp_path, {"train_sft.sh": text}) == [
        ds("train_sft.sh", 5, "teknium/OpenHermes-2.5"),
        hf("train_sft.sh", 6, "mistralai/Mistral-7B-v0.3"),
        hf("train_sft.sh", 16, "HuggingFaceH4/zephyr-7b-beta"),
    ]


def test_a_bash_array_of_arguments_and_the_variables_it_passes(tmp_path):
    text = """#!/bin/bash
WORK_DIR=$(pwd)
POLICY="allenai/OLMo-2-1124-7B-SFT"
DATASET_PATH="allenai/RLVR-GSM"
SAVE_PATH="${WORK_DIR}/exp/olmo-rlvr"
AGENT_FUNC_PATH="examples/python/agent_func.py"

CKPT_ARGS=(
   --actor.model_name_or_path ${POLICY}
   # --reward.model_name_or_path allenai/OLMo-2-1124-7B-RM
   --ckpt.output_dir ${SAVE_PATH}
   --ckpt.path "${SAVE_PATH}/ckpt"
)

ROLLOUT_ARGS=(
   --train.agent_func_path ${AGENT_FUNC_PATH}
   --data.prompt_dataset ${DATASET_PATH}
)

python3 -m acme.cli.train_ppo "${CKPT_ARGS[@]}" "${ROLLOUT_ARGS[@]}"
"""
    assert found(tmp_path, {"train_rlvr.sh": text}) == [
        # the id is written where it is assigned, and read where the flag passes it
        hf("train_rlvr.sh", 3, "allenai/OLMo-2-1124-7B-SFT"),
        ds("train_rlvr.sh", 4, "allenai/RLVR-GSM"),
        hf("train_rlvr.sh", 9, "allenai/OLMo-2-1124-7B-SFT"),
        ds("train_rlvr.sh", 17, "allenai/RLVR-GSM"),
    ]


def test_a_variable_reports_its_assignment_once_and_only_its_last_value(tmp_path):
    text = """MODEL_PATH=Qwen/Qwen2.5-7B-Instruct
RM=Qwen/Qwen2.5-Math-RM-72B
RM=Qwen/Qwen2.5-Math-PRM-7B
OUT=acme-lab/qwen-ppo
TAG=$(date +%s)
python -m acme.train --actor.model_name_or_path $MODEL_PATH --reward.model_name_or_path "${RM}" \\
    --ckpt.output_dir $OUT --logger.run_name $TAG
python -m acme.eval --model.model_name_or_path ${MODEL_PATH} --reward.model_name_or_path $RM
"""
    result = discover(write_files(tmp_path, {"run.sh": text}))
    got = sorted((r.location.line, r.id, r.evidence) for r in result.refs)
    assert got == [
        (1, "Qwen/Qwen2.5-7B-Instruct", "model, the default of MODEL_PATH"),
        (3, "Qwen/Qwen2.5-Math-PRM-7B", "--reward.model_name_or_path flag (by $RM, assigned here)"),
        (6, "Qwen/Qwen2.5-7B-Instruct", "--actor.model_name_or_path flag"),
        (6, "Qwen/Qwen2.5-Math-PRM-7B", "--reward.model_name_or_path flag"),
        (8, "Qwen/Qwen2.5-7B-Instruct", "--model.model_name_or_path flag"),
        (8, "Qwen/Qwen2.5-Math-PRM-7B", "--reward.model_name_or_path flag"),
    ]


def test_a_bash_c_string_submitted_to_a_cluster_is_a_command_line(tmp_path):
    text = """#!/bin/bash
#SBATCH -N 2
IMAGE_NAME="nvcr.io/nvidia/pytorch:24.07-py3"
MOUNT="$HOME/.cache:/root/.cache"
srun --nodes=1 --container-image="$IMAGE_NAME" --container-mounts="$MOUNT" bash -c \\
"pip install ray[default]==2.12.0 \\
&& ray job submit --address=http://localhost:8265 \\
    --runtime-env-json='{\\"working_dir\\": \\"/work\\", \\"pip\\": \\"/work/requirements.txt\\"}' \\
    -- python3 -m acme.cli.train_ppo_ray \\
    --actor.model_name_or_path meta-llama/Llama-3.1-8B-Instruct \\
    --reward.model_name_or_path Ray2333/GRM-Llama3.1-8B-rewardmodel-ft \\
    --ckpt.output_dir /work/checkpoint/llama-rlhf \\
    --logger.wandb.key {wandb_token}" &>> job.log
sh -c 'vllm serve microsoft/Phi-3.5-mini-instruct --served-model-name acme-lab/phi-alias'
"""
    assert found(tmp_path, {"train_ppo_slurm.sh": text}) == [
        hf("train_ppo_slurm.sh", 10, "meta-llama/Llama-3.1-8B-Instruct"),
        hf("train_ppo_slurm.sh", 11, "Ray2333/GRM-Llama3.1-8B-rewardmodel-ft"),
        hf("train_ppo_slurm.sh", 14, "microsoft/Phi-3.5-mini-instruct"),
    ]


def test_launcher_defaults_and_argv_lists_with_namespaced_flags(tmp_path):
    cli = """import argparse
import subprocess

parser = argparse.ArgumentParser()
parser.add_argument("--actor.model_name_or_path", type=str, default=None, help="HF model name or path")
parser.add_argument("--reward.model_name_or_path", type=str, default=None)
parser.add_argument("--ckpt.output_dir", type=str, default="./ckpt")
parser.add_argument("--ckpt.path", type=str, default="./ckpt/checkpoints_ppo")
args = parser.parse_args()

subprocess.run(["python", "-m", "acme.cli.serve_rm", "--reward.model_name_or_path",
                "Skywork/Skywork-Reward-Llama-3.1-8B-v0.2", "--ckpt.output_dir", "acme-lab/rm-out"])
"""
    dockerfile = """FROM nvcr.io/nvidia/pytorch:24.07-py3
CMD ["python", "-m", "acme.cli.serve_rm", "--reward.model_name_or_path", "internlm/internlm2-7b-reward"]
"""
    assert found(tmp_path, {"cli/train.py": cli, "Dockerfile": dockerfile}) == [
        hf("Dockerfile", 2, "internlm/internlm2-7b-reward"),
        hf("cli/train.py", 12, "Skywork/Skywork-Reward-Llama-3.1-8B-v0.2"),
    ]


def test_a_hostile_namespaced_flag_is_read_quickly_and_names_nothing(tmp_path):
    flag = "--" + "a." * 50_000 + "output_dir"
    text = f"python -m acme.train {flag} acme-lab/out --{'.' * 50_000}model Qwen/Qwen2.5-0.5B\n"
    assert knowledge().flag_context(flag).is_decoy
    assert found(tmp_path, {"run.sh": text}) == [hf("run.sh", 1, "Qwen/Qwen2.5-0.5B")]


def test_a_ci_run_block_follows_its_variables_to_namespaced_flags(tmp_path):
    workflow = """name: train
on: push
jobs:
  smoke:
    runs-on: ubuntu-latest
    steps:
      - run: |
          POLICY=Qwen/Qwen2.5-0.5B-Instruct
          OUT=acme-lab/qwen-smoke
          python -m acme.train --actor.model_name_or_path $POLICY --ckpt.output_dir $OUT
"""
    assert found(tmp_path, {".github/workflows/smoke.yml": workflow}) == [
        hf(".github/workflows/smoke.yml", 8, "Qwen/Qwen2.5-0.5B-Instruct"),
        hf(".github/workflows/smoke.yml", 10, "Qwen/Qwen2.5-0.5B-Instruct"),
    ]


def test_hydra_overrides_on_a_command_line_and_their_decoys(tmp_path):
    """``key.path=value`` overrides (Hydra / OmegaConf launchers) take what the key's tail says,
    as a namespaced flag does; an environment assignment and an override that names an output
    stay silent."""
    text = """set -x
MODEL_DIR=acme-lab/env-only python3 -m acme.trainer.main_ppo \\
    data.train_files=$HOME/data/gsm8k/train.parquet \\
    data.dataset_name=openai/gsm8k \\
    actor_rollout_ref.model.path=Qwen/Qwen2.5-3B-Instruct \\
    critic.model.path="Qwen/Qwen2.5-0.5B-Instruct" \\
    +reward_model.model.path=Skywork/Skywork-Reward-Llama-3.1-8B \\
    trainer.default_local_dir=acme-lab/ppo-out \\
    trainer.logger.metric=rewards/chosen \\
    hub.model_id=acme-lab/ppo-upload \\
    trainer.project_name=acme_example
python train.py model.name_or_path=meta-llama/Llama-3.1-8B ++model.tokenizer=org-a/tok
# python train.py model.name_or_path=meta-llama/Llama-3.1-70B
"""
    assert found(tmp_path, {"examples/ppo.sh": text}) == [
        ds("examples/ppo.sh", 4, "openai/gsm8k"),
        hf("examples/ppo.sh", 5, "Qwen/Qwen2.5-3B-Instruct"),
        hf("examples/ppo.sh", 6, "Qwen/Qwen2.5-0.5B-Instruct"),
        hf("examples/ppo.sh", 7, "Skywork/Skywork-Reward-Llama-3.1-8B"),
        hf("examples/ppo.sh", 12, "meta-llama/Llama-3.1-8B"),
        hf("examples/ppo.sh", 12, "org-a/tok"),
    ]
