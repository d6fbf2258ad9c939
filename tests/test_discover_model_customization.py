"""Models named by model-customization code: the context-window variants of Bedrock foundation
models that customization jobs take as their base model, and the datasets a training script
reads through a parameter of its own function."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.model import DATASET, HOSTED, HUGGINGFACE

from .discover_helpers import write_files


def _refs(tmp_path, files: dict[str, str]):
    return discover(write_files(tmp_path, files)).refs


def _ids(refs) -> set[tuple[str, str]]:
    return {(r.id, r.source) for r in refs}


def test_a_bedrock_customization_variant_is_its_own_hosted_id(tmp_path):
    src = """import boto3

bedrock = boto3.client("bedrock")
base_model_id = "meta.llama3-1-8b-instruct-v1:0:128k"
bedrock.create_model_customization_job(baseModelIdentifier=base_model_id, jobName="ft")
student_model = "amazon.nova-lite-v1:0:300k"
"""
    refs = _refs(tmp_path, {"ft.py": src})
    got = {(r.id, r.provider) for r in refs if r.source == HOSTED}
    assert ("meta.llama3-1-8b-instruct-v1:0:128k", "aws-bedrock") in got
    assert ("amazon.nova-lite-v1:0:300k", "aws-bedrock") in got


def test_a_bedrock_variant_outside_a_model_context_is_nothing(tmp_path):
    src = """tag = "amazon.nova-pro-v1:0:300k"
print("meta.llama3-2-1b-instruct-v1:0:128k")
# base_model_id = "amazon.nova-micro-v1:0:128k"
window = "amazon.nova-micro-v1:0:128"
"""
    assert not _refs(tmp_path, {"notes.py": src})


def test_a_dataset_passed_to_a_parameter_named_like_a_model_is_a_dataset(tmp_path):
    src = """from datasets import load_dataset

def prepare(hf_path, n, out):
    return load_dataset(hf_path, "main")

HF_DATASET = "openai/gsm8k"
prepare(HF_DATASET, 10, ".")
"""
    ids = _ids(_refs(tmp_path, {"prep.py": src}))
    assert ("openai/gsm8k", DATASET) in ids
    assert ("openai/gsm8k", HUGGINGFACE) not in ids


def test_a_model_passed_to_the_same_parameter_shape_stays_a_model(tmp_path):
    src = """from transformers import AutoModel

def convert(hf_path, out):
    return AutoModel.from_pretrained(hf_path)

convert("Qwen/Qwen2.5-0.5B", "out")
"""
    assert ("Qwen/Qwen2.5-0.5B", HUGGINGFACE) in _ids(_refs(tmp_path, {"conv.py": src}))


def test_an_instruction_written_where_the_id_goes_is_a_placeholder(tmp_path):
    src = """import boto3

rt = boto3.client("bedrock-runtime")
br_model_id = "YOU-IMPORT-MODEL-ARN"
rt.invoke_model(modelId=br_model_id, body="{}")
rt.invoke_model(modelId="REPLACE_WITH_MODEL_ARN", body="{}")
rt.invoke_model(modelId="amazon.nova-micro-v1:0", body="{}")
"""
    got = {r.id for r in _refs(tmp_path, {"invoke.py": src})}
    assert got == {"amazon.nova-micro-v1:0"}


def test_a_jumpstart_model_id_is_a_model_of_the_jumpstart_catalog(tmp_path):
    src = """from sagemaker.jumpstart.model import JumpStartModel
from sagemaker.jumpstart.estimator import JumpStartEstimator

model_id, model_version = "meta-textgeneration-llama-3-1-8b", "2.2.2"
pretrained = JumpStartModel(model_id=model_id, model_version=model_version)
estimator = JumpStartEstimator(model_id="huggingface-llm-mistral-7b", model_version="*")
"""
    ids = _ids(_refs(tmp_path, {"js.py": src}))
    assert ("meta-textgeneration-llama-3-1-8b", "sagemaker-jumpstart") in ids
    assert ("huggingface-llm-mistral-7b", "sagemaker-jumpstart") in ids
    assert not any(source == HUGGINGFACE for _, source in ids)


def test_a_class_of_the_same_name_from_elsewhere_takes_no_jumpstart_id(tmp_path):
    src = """from mylib import JumpStartModel, Trainer

m = JumpStartModel(model_id="pytorch-ic-mobilenet-v2")
t = Trainer(job_name="huggingface-llm-mistral-7b-ft", base_job_name="meta-textgeneration")
"""
    assert not _refs(tmp_path, {"other.py": src})
