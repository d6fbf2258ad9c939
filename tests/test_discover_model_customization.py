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


def _by_line(refs) -> set[tuple[str, int]]:
    return {(r.id, r.location.line) for r in refs}


def test_bert_score_loads_the_model_its_language_suggests_unless_one_is_given(tmp_path):
    src = """import bert_score
from bert_score import BERTScorer, score

P, R, F1 = score(cands, refs, lang="en")
P, R, F1 = score(cands, refs, model_type="microsoft/deberta-xlarge-mnli", lang="en")
P, R, F1 = bert_score.score(cands, refs, lang="fr")
scorer = BERTScorer(lang="ZH", rescale_with_baseline=True)
"""
    got = _by_line(_refs(tmp_path, {"metrics.py": src}))
    assert ("roberta-large", 4) in got
    assert ("microsoft/deberta-xlarge-mnli", 5) in got
    assert ("roberta-large", 5) not in got
    assert ("bert-base-multilingual-cased", 6) in got
    assert ("bert-base-chinese", 7) in got


def test_a_score_function_of_another_library_takes_no_language_model(tmp_path):
    src = """from mylib import score

s = score(a, b, lang="en")
acc = clf.score(X, y)
"""
    assert not _refs(tmp_path, {"other.py": src})


def test_fmeval_accuracy_evaluators_load_their_bertscore_model(tmp_path):
    src = """from fmeval.eval_algorithms.summarization_accuracy import (
    SummarizationAccuracy,
    SummarizationAccuracyConfig,
)
from fmeval.eval_algorithms.qa_accuracy import QAAccuracy

summ = SummarizationAccuracy()
qa = QAAccuracy()
cfg = SummarizationAccuracyConfig(model_type_for_bertscore="roberta-large-mnli")
custom = SummarizationAccuracy(cfg)
"""
    got = _by_line(_refs(tmp_path, {"evaluate.py": src}))
    assert ("microsoft/deberta-xlarge-mnli", 7) in got
    assert ("microsoft/deberta-xlarge-mnli", 8) in got
    assert ("roberta-large-mnli", 9) in got
    assert not any(line == 10 for _, line in got)


def test_an_evaluator_of_the_same_name_elsewhere_loads_nothing(tmp_path):
    src = """from myeval import QAAccuracy, SummarizationAccuracy

qa = QAAccuracy()
summ = SummarizationAccuracy()
"""
    assert not _refs(tmp_path, {"evaluate.py": src})


def test_a_bedrock_customization_job_names_its_base_model(tmp_path):
    src = """import boto3

bedrock = boto3.client("bedrock")
student = "amazon.nova-micro-v1:0:128k"
bedrock.create_model_customization_job(jobName="d", baseModelIdentifier=student)
bedrock.create_model_invocation_job(jobName="b", modelId="amazon.nova-lite-v1:0")
"""
    got = {(r.id, r.location.line) for r in _refs(tmp_path, {"job.py": src}) if r.source == HOSTED}
    assert ("amazon.nova-micro-v1:0:128k", 5) in got
    assert ("amazon.nova-lite-v1:0", 6) in got


def test_a_customization_method_of_another_client_names_nothing(tmp_path):
    src = """from mlplatform import Client

client = Client()
client.create_model_customization_job(jobName="d", baseModelIdentifier="support-bot-base")
"""
    assert not _refs(tmp_path, {"job.py": src})


def test_a_model_arn_names_its_bedrock_model(tmp_path):
    src = """import boto3

agent = boto3.client("bedrock-agent-runtime")
model_arn = "us.anthropic.claude-haiku-4-5-20251001-v1:0"
agent.retrieve_and_generate(
    input={"text": "q"},
    retrieveAndGenerateConfiguration={
        "type": "KNOWLEDGE_BASE",
        "knowledgeBaseConfiguration": {"knowledgeBaseId": "kb", "modelArn": model_arn},
    },
)
kb = {"embeddingModelArn": "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0"}
"""
    got = {r.id.rsplit("/", 1)[-1] for r in _refs(tmp_path, {"rag.py": src}) if r.source == HOSTED}
    assert "us.anthropic.claude-haiku-4-5-20251001-v1:0" in got
    assert "amazon.titan-embed-text-v2:0" in got


def test_other_resource_names_and_placeholder_arns_are_no_models(tmp_path):
    src = """role_arn = "arn:aws:iam::123456789012:role/BedrockRole"
model_arn = "<your-model-arn>"
provisioned_model_arn = "YOUR_PROVISIONED_MODEL_ARN"
bucket_arn = "arn:aws:s3:::my-bucket"
"""
    assert not _refs(tmp_path, {"cfg.py": src})


def test_a_release_from_before_a_default_loads_no_model(tmp_path):
    src = """from fmeval.eval_algorithms.qa_accuracy import QAAccuracy
from fmeval.eval_algorithms.summarization_accuracy import SummarizationAccuracy

qa = QAAccuracy()
summ = SummarizationAccuracy()
"""
    old = _by_line(_refs(tmp_path / "old", {"eval.py": src, "requirements.txt": "fmeval==1.1.0\n"}))
    new = _by_line(_refs(tmp_path / "new", {"eval.py": src, "requirements.txt": "fmeval==1.2.3\n"}))
    assert old == {("microsoft/deberta-xlarge-mnli", 5)}
    assert new == {("microsoft/deberta-xlarge-mnli", 4), ("microsoft/deberta-xlarge-mnli", 5)}
