"""Shapes of tutorial notebooks and scripts: shell commands continued over several ``!`` lines,
commands that only print their help or version, the Text Generation Inference Messages API's
stand-in model name, OpenAI clients pointed at the Hugging Face Inference API, Inference
Endpoints, and the loaders of Outlines, sentence-transformers' static embeddings, Eland,
rerankers and search-and-learn, each with a decoy of the same shape. Real files in a temporary
folder, scanned by the real discovery."""

from __future__ import annotations

import json
from pathlib import Path

from licaudit.discover import discover
from licaudit.model import HOSTED, HUGGINGFACE

from .discover_helpers import write_files


def found(root: Path, files: dict[str, str]) -> set[tuple[str, str, str, int | None, int]]:
    result = discover(write_files(root, files))
    return {
        (r.id, r.source, r.location.path, r.location.cell, r.location.line) for r in result.refs
    }


def ids(refs) -> set[str]:
    return {r[0] for r in refs}


def notebook(*cells: str) -> str:
    return json.dumps(
        {
            "cells": [
                {
                    "cell_type": "code",
                    "metadata": {},
                    "outputs": [],
                    "execution_count": None,
                    "source": c.splitlines(keepends=True),
                }
                for c in cells
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def test_a_shell_line_continued_with_backslashes_is_one_command(tmp_path):
    nb = notebook(
        "!RUST_BACKTRACE=1 \\\ntext-generation-launcher \\\n--model-id acme/Chat-7B-GPTQ \\\n"
        "--quantize gptq \\\n--port 1337",
        "!pip install outlines\nrepo = 'acme/Other-1B'\nprint(repo)",
    )
    refs = found(tmp_path, {"bench.ipynb": nb})
    assert ("acme/Chat-7B-GPTQ", HUGGINGFACE, "bench.ipynb", 0, 3) in refs
    # the continued launcher names its model: the launcher's default is not reported
    assert "bigscience/bloom-560m" not in ids(refs)
    # decoy: a ! line without a backslash leaves the next lines to Python (a plain string)
    assert "acme/Other-1B" not in ids(refs)


def test_a_command_asked_for_its_help_or_version_runs_no_model(tmp_path):
    sh = "text-generation-launcher --version\ntext-generation-launcher -h\n"
    assert "bigscience/bloom-560m" not in ids(found(tmp_path / "a", {"run.sh": sh}))
    # decoy: the launcher run without a model serves its default
    refs = found(tmp_path / "b", {"run.sh": "text-generation-launcher --port 8080\n"})
    assert ("bigscience/bloom-560m", HUGGINGFACE, "run.sh", None, 1) in refs


def test_the_tgi_benchmark_loads_its_tokenizer_from_the_hub(tmp_path):
    sh = "text-generation-benchmark \\\n  --tokenizer-name acme/Chat-7B \\\n  --batch-size 4\n"
    refs = found(tmp_path, {"bench.sh": sh})
    assert ("acme/Chat-7B", HUGGINGFACE, "bench.sh", None, 2) in refs


def test_tgi_is_the_messages_api_stand_in_not_a_model(tmp_path):
    py = """import os
from openai import OpenAI

client = OpenAI(base_url=os.path.join(BASE_URL, "v1/"), api_key=KEY)
client.chat.completions.create(model="tgi", messages=[])
client.chat.completions.create(model="gpt-4o-mini", messages=[])
"""
    refs = found(tmp_path, {"demo.py": py})
    assert "tgi" not in ids(refs)
    # decoy: a real model name sent the same way is still the hosted model
    assert ("gpt-4o-mini", HOSTED, "demo.py", None, 6) in refs


def test_the_hugging_face_inference_api_serves_hub_models(tmp_path):
    py = """from openai import OpenAI

client = OpenAI(base_url="https://api-inference.huggingface.co/v1/", api_key=KEY)
client.chat.completions.create(model="acme/Chat-8B-Instruct", messages=[])
router = OpenAI(base_url="https://router.huggingface.co/v1")
router.chat.completions.create(model="acme/Coder-7B", messages=[])
"""
    refs = found(tmp_path / "a", {"hf.py": py})
    assert ("acme/Chat-8B-Instruct", HUGGINGFACE, "hf.py", None, 4) in refs
    assert ("acme/Coder-7B", HUGGINGFACE, "hf.py", None, 6) in refs
    # decoy: the same name sent to another provider's API is that provider's hosted model
    other = py.replace("api-inference.huggingface.co", "api.together.xyz")
    refs = found(tmp_path / "b", {"hf.py": other})
    got = {(r[0], r[1]) for r in refs if r[4] == 4}
    assert got and all(source == HOSTED for _id, source in got)


def test_an_inference_endpoint_deploys_its_repository(tmp_path):
    py = """from huggingface_hub import HfApi, create_inference_endpoint

endpoint = create_inference_endpoint(
    "acme-embedder-demo",
    repository="acme/embed-base-en",
    framework="pytorch",
)
api = HfApi()
api.create_inference_endpoint("acme-chat", repository="acme/Chat-8B", framework="pytorch")
"""
    refs = found(tmp_path, {"deploy.py": py})
    assert ("acme/embed-base-en", HUGGINGFACE, "deploy.py", None, 5) in refs
    assert ("acme/Chat-8B", HUGGINGFACE, "deploy.py", None, 9) in refs
    # decoy: the endpoint's own name is no model
    assert not ids(refs) & {"acme-embedder-demo", "acme-chat"}


def test_outlines_model_constructors(tmp_path):
    py = """import outlines

repo_id = "acme/Gen-2B"
model = outlines.models.transformers(repo_id)
served = outlines.models.vllm("acme/Gen-7B")


def transformers(name):
    return name


transformers("acme/Not-A-Load")
"""
    refs = found(tmp_path, {"gen.py": py})
    assert ("acme/Gen-2B", HUGGINGFACE, "gen.py", None, 3) in refs
    assert ("acme/Gen-7B", HUGGINGFACE, "gen.py", None, 5) in refs
    # decoy: the file's own function of the same name loads nothing
    assert "acme/Not-A-Load" not in ids(refs)


def test_static_embeddings_from_model2vec(tmp_path):
    py = """from sentence_transformers import SentenceTransformer
from sentence_transformers.models import StaticEmbedding

static = StaticEmbedding.from_model2vec("acme/potion-small")
model = SentenceTransformer(modules=[static])


class Other:
    @classmethod
    def from_model2vec(cls, name):
        return name


Other.from_model2vec("acme/not-a-load")
"""
    refs = found(tmp_path, {"embed.py": py})
    assert ("acme/potion-small", HUGGINGFACE, "embed.py", None, 4) in refs
    assert "acme/not-a-load" not in ids(refs)


def test_eland_imports_a_hub_model(tmp_path):
    nb = notebook(
        "!eland_import_hub_model \\\n  --cloud-id $CLOUD_ID \\\n"
        "  --hub-model-id acme/rerank-mini \\\n  --task-type text_similarity \\\n  --start",
        "!eland_import_hub_model --url $ES --hub-model-id acme/ner-base --es-model-id acme-ner-es",
    )
    refs = found(tmp_path, {"es.ipynb": nb})
    assert ("acme/rerank-mini", HUGGINGFACE, "es.ipynb", 0, 3) in refs
    assert ("acme/ner-base", HUGGINGFACE, "es.ipynb", 1, 1) in refs
    # decoy: the id the model gets in Elasticsearch
    assert "acme-ner-es" not in ids(refs)


def test_a_rerankers_family_is_its_default_model(tmp_path):
    py = """from rerankers import Reranker

ranker = Reranker("monovlm", device="cuda")
french = Reranker("colbert", lang="fr")
other = Reranker("cross-encoder", lang="de")
given = Reranker("acme/cross-mini", model_type="cross-encoder")
unknown = Reranker("lit5", lang="de")
"""
    refs = found(tmp_path, {"rank.py": py})
    assert ("lightonai/MonoQwen2-VL-v0.1", HUGGINGFACE, "rank.py", None, 3) in refs
    assert ("bclavie/FraColBERTv2", HUGGINGFACE, "rank.py", None, 4) in refs
    # a language the family does not list: its 'other' entry, not the English default
    assert (
        "corrius/cross-encoder-mmarco-mMiniLMv2-L12-H384-v1",
        HUGGINGFACE,
        "rank.py",
        None,
        5,
    ) in refs
    assert "mixedbread-ai/mxbai-rerank-base-v1" not in ids(refs)
    assert ("acme/cross-mini", HUGGINGFACE, "rank.py", None, 6) in refs
    # decoy: a family with no model for the language names nothing
    assert not {r for r in refs if r[4] == 7}


def test_a_process_reward_model(tmp_path):
    py = """from sal.models.reward_models import RLHFFlow
from vllm import LLM

prm_path = "acme/Math-PRM-8B"
llm = LLM(model="acme/Policy-1B")
prm = RLHFFlow(config)
"""
    refs = found(tmp_path, {"search.py": py})
    assert ("acme/Math-PRM-8B", HUGGINGFACE, "search.py", None, 4) in refs
    # RLHFFlow loads its own fixed model, whatever configuration it gets
    assert ("RLHFlow/Llama3.1-8B-PRM-Deepseek-Data", HUGGINGFACE, "search.py", None, 6) in refs
    # decoy: the same class name from elsewhere loads nothing
    decoy = py.replace("from sal.models.reward_models import RLHFFlow", "from .prm import RLHFFlow")
    refs = found(tmp_path / "b", {"search.py": decoy})
    assert "RLHFlow/Llama3.1-8B-PRM-Deepseek-Data" not in ids(refs)
