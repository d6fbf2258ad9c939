"""Launch scripts' own flags and arrays: a flag named like a model setting, a hosted API's
engine, a LiteLLM route to a local server, the same id given to two flags of one command, and a
bash array of models, each next to the decoys that must stay silent."""

from __future__ import annotations

import time

from licaudit.discover import discover
from licaudit.model import HOSTED, HUGGINGFACE

from .discover_helpers import write_files


def found(tmp_path, files: dict[str, str]) -> list[tuple]:
    result = discover(write_files(tmp_path, files))
    return sorted(
        (r.location.path, r.location.line, r.id, r.source, r.provider) for r in result.refs
    )


def hf(path: str, line: int, rid: str) -> tuple:
    return (path, line, rid, HUGGINGFACE, None)


def test_a_tokenizer_name_flag_names_the_tokenizer_it_loads(tmp_path):
    text = """#!/bin/bash
accelerate launch train.py \\
    --model_name_or_path acme-labs/base-7b \\
    --tokenizer_name acme-labs/base-7b-tokenizer \\
    --tokenizer_name_or_path=acme-labs/other-tokenizer \\
    --tokenizer_revision main
"""
    assert found(tmp_path, {"sft.sh": text}) == [
        hf("sft.sh", 3, "acme-labs/base-7b"),
        hf("sft.sh", 4, "acme-labs/base-7b-tokenizer"),
        hf("sft.sh", 5, "acme-labs/other-tokenizer"),
    ]


def test_the_same_id_given_to_two_flags_is_reported_at_both(tmp_path):
    text = """python ppo.py \\
    --model_name_or_path acme-labs/policy-1b \\
    --model_revision sft-run-3 \\
    --reward_model_path acme-labs/policy-1b \\
    --reward_model_revision rm-run-1
"""
    assert found(tmp_path, {"ppo.sh": text}) == [
        hf("ppo.sh", 2, "acme-labs/policy-1b"),
        hf("ppo.sh", 4, "acme-labs/policy-1b"),
    ]


def test_a_scripts_own_model_flag_names_an_org_name_id_only(tmp_path):
    text = """python eval.py \\
    --hf_truth_model_name_or_path acme-labs/truth-judge-7b \\
    --critic_model acme-labs/critic-1b \\
    --critic_model ./checkpoints/critic \\
    --judge_model_size 7b \\
    --output_model_name acme-labs/saved-here \\
    --student_model_type llama
"""
    assert found(tmp_path, {"eval.sh": text}) == [
        hf("eval.sh", 2, "acme-labs/truth-judge-7b"),
        hf("eval.sh", 3, "acme-labs/critic-1b"),
    ]


def test_a_hosted_api_engine_flag_names_that_apis_model(tmp_path):
    text = """python -m eval.run \\
    --openai_engine "gpt-4-0314" \\
    --openai_engine my-team-deployment \\
    --openai_api_key sk-not-a-model \\
    --search_engine bing
OPENAI_ENGINE=gpt-3.5-turbo-0301 python -m eval.run
"""
    assert found(tmp_path, {"eval.sh": text}) == [
        ("eval.sh", 2, "gpt-4-0314", HOSTED, "openai"),
        ("eval.sh", 6, "gpt-3.5-turbo-0301", HOSTED, "openai"),
    ]


def test_a_litellm_route_to_a_local_server_names_the_hub_model_it_serves(tmp_path):
    files = {
        "judge.sh": """python grpo.py \\
    --llm_judge_model "hosted_vllm/acme-labs/judge-8b" \\
    --llm_judge_model hosted_vllm/served-alias \\
    --llm_judge_model hosted_vllm/some-org/model
""",
        "judge.yaml": "judge_model: hosted_vllm/acme-labs/verifier-1.5b\n",
    }
    assert found(tmp_path, files) == [
        hf("judge.sh", 2, "acme-labs/judge-8b"),
        hf("judge.yaml", 1, "acme-labs/verifier-1.5b"),
    ]


def test_the_items_of_a_bash_array_of_models_are_models(tmp_path):
    text = """#!/bin/bash
# Format: "display-name|hub-id"
MODELS=(
    "hf-base-run|acme-labs/base-7b"
    "hf-dpo-run|acme-labs/dpo-7b"  # acme-labs/commented-out
)
declare -a SFT_MODELS=( acme-labs/sft-7b acme-labs/sft-13b )
LRS=(
    1e-6
    acme-labs/not-a-model
)
DATASETS=(
    acme-labs/preference-mix
)
for ENTRY in "${MODELS[@]}"; do
    python submit.py --name "${ENTRY%%|*}" --location "${ENTRY##*|}"
done
"""
    assert found(tmp_path, {"evals.sh": text}) == [
        hf("evals.sh", 4, "acme-labs/base-7b"),
        hf("evals.sh", 5, "acme-labs/dpo-7b"),
        hf("evals.sh", 7, "acme-labs/sft-13b"),
        hf("evals.sh", 7, "acme-labs/sft-7b"),
    ]


def test_an_unclosed_or_hostile_array_does_not_hang_or_crash(tmp_path):
    text = "MODELS=(\n" + '    "acme-labs/x|y" \'unbalanced\n' * 2000 + "MODELS=(" * 5000 + "\n"
    found(tmp_path, {"bad.sh": text})  # returns, whatever it reports


def test_arrays_opened_on_every_line_are_read_once_each(tmp_path):
    # an array that never closes takes the lines after it, as bash reads them: no line is read
    # again for the arrays it holds (quadratic, this took a minute)
    text = "#!/bin/bash\n" + "".join(f"MODELS_{i}=(\n" for i in range(20000))
    start = time.process_time()
    assert found(tmp_path / "a", {"run.sh": text}) == []
    assert time.process_time() - start < 10
    after = "MODELS=(\n" + "  x\n" * 500 + ")\nEVAL_MODELS=( allenai/OLMo-2-1124-7B )\n"
    assert found(tmp_path / "b", {"run.sh": after}) == [hf("run.sh", 503, "allenai/OLMo-2-1124-7B")]
