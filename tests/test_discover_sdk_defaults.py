"""A hosted SDK's newer import path and methods, an Ollama name beside a folder of the same
name, a library's name inside another word, and library defaults that are files downloaded from
fixed URLs (Chroma's default embedder, fastText's crawl vectors) or a reranker's default."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.model import HOSTED, HUGGINGFACE, OLLAMA, URL

from .discover_helpers import write_files


def ids(tmp_path, files: dict[str, str]) -> set[tuple[str, str]]:
    return {(r.id, r.source) for r in discover(write_files(tmp_path, files)).refs}


def test_an_ollama_name_beside_a_folder_of_that_name_is_still_ollamas(tmp_path):
    src = """from openai import OpenAI

offline_model = "mistral"
local = OpenAI(base_url="http://127.0.0.1:11434/v1", api_key="ollama")
local.chat.completions.create(model=offline_model, messages=[])
"""
    found = ids(tmp_path, {"app/run.py": src, "mistral/README.md": "examples\n"})
    assert ("mistral:latest", OLLAMA) in found
    assert not any(s == "nemo" for _i, s in found)  # "offline_model" does not say NeMo


def test_a_folder_named_where_the_hub_is_read_stays_a_folder(tmp_path):
    # decoy: a Hub loader's bare name that is a folder of the repository is that folder
    src = """from transformers import AutoModel

AutoModel.from_pretrained("mistral")
"""
    found = ids(tmp_path, {"run.py": src, "mistral/config.json": "{}\n"})
    assert ("mistral", HUGGINGFACE) not in found


def test_a_setting_named_after_a_library_reads_its_names(tmp_path):
    src = 'nemo_model = "QuartzNet15x5Base-En"\n'
    assert ("QuartzNet15x5Base-En", "nemo") in ids(tmp_path, {"asr.py": src})


def test_the_mistral_v2_client_and_its_agents_take_hosted_models(tmp_path):
    src = """import os
from mistralai.client import Mistral

client = Mistral(api_key=os.environ["MISTRAL_API_KEY"])
client.chat.complete(model="zai-glm-5-2", messages=[])

async def make():
    await client.beta.agents.create_async(name="a", model="house-model-7")

OCR_MODEL = os.getenv("OCR_MODEL", "mistral-document-ai-2505")
"""
    found = ids(tmp_path, {"agent.py": src})
    assert ("zai-glm-5-2", HOSTED) in found
    assert ("house-model-7", HOSTED) in found
    assert ("mistral-document-ai-2505", HOSTED) in found


def test_a_mistral_client_pointed_at_a_deployment_sends_its_alias(tmp_path):
    # decoy: the server URL's variable names Azure, whose deployments have user-chosen names
    src = """import os
from mistralai.client import Mistral

azure_mistral_base_url = os.getenv("AZURE_MISTRAL_BASE_URL")
client = Mistral(server_url=azure_mistral_base_url, api_key="k")
client.chat.complete(model="azureai", messages=[])
client.chat.complete(model="mistral-large-latest", messages=[])
"""
    found = ids(tmp_path, {"azure.py": src})
    assert ("azureai", HOSTED) not in found
    assert ("mistral-large-latest", HOSTED) in found


def test_cohere_rerank_without_a_model_uses_its_default(tmp_path):
    src = """from llama_index.postprocessor.cohere_rerank import CohereRerank

a = CohereRerank(api_key="k", top_n=3)
b = CohereRerank(top_n=3, model="rerank-multilingual-v3.0")
"""
    found = ids(tmp_path, {"rag.py": src})
    assert ("rerank-english-v3.0", HOSTED) in found
    assert ("rerank-multilingual-v3.0", HOSTED) in found


def test_chroma_default_embedding_function_downloads_its_onnx_model(tmp_path):
    src = """import chromadb
from chromadb.utils import embedding_functions

client = chromadb.Client()
client.get_or_create_collection(name="docs", embedding_function=embedding_functions.DefaultEmbeddingFunction())
"""
    found = ids(tmp_path, {"store.py": src})
    assert (
        "https://chroma-onnx-models.s3.amazonaws.com/all-MiniLM-L6-v2/onnx.tar.gz",
        URL,
    ) in found


def test_a_chroma_client_alone_names_no_model(tmp_path):
    src = """import chromadb

client = chromadb.Client()
client.get_or_create_collection(name="docs")
"""
    assert not any(s == URL for _i, s in ids(tmp_path, {"store.py": src}))


def test_fasttext_download_model_is_the_crawl_vectors_url(tmp_path):
    src = """import fasttext
import fasttext.util

fasttext.util.download_model("en", if_exists="ignore")
"""
    refs = discover(write_files(tmp_path, {"vectors.py": src})).refs
    url = "https://dl.fbaipublicfiles.com/fasttext/vectors-crawl/cc.en.300.bin.gz"
    got = [r for r in refs if (r.id, r.source) == (url, URL)]
    assert got and got[0].metadata is not None and got[0].metadata.license == "cc-by-sa-3.0"


def test_another_librarys_download_model_is_not_fasttexts(tmp_path):
    src = """from mylib import util

util.download_model("en")
"""
    assert not any(s == URL for _i, s in ids(tmp_path, {"vectors.py": src}))


def test_elevenlabs_generate_without_a_model_uses_its_default(tmp_path):
    src = """from elevenlabs import generate, play

audio = generate(text="Hello", voice="Daniel")
other = generate(text="Hi", voice="Bella", model="eleven_multilingual_v2")
"""
    found = ids(tmp_path, {"speak.py": src})
    assert ("eleven_monolingual_v1", HOSTED) in found
    assert ("eleven_multilingual_v2", HOSTED) in found
    assert not any(i in ("Daniel", "Bella") for i, _s in found)  # voices


def test_another_generate_is_not_elevenlabs(tmp_path):
    src = """from mytts import generate

audio = generate(text="Hello", voice="Daniel")
"""
    assert ("eleven_monolingual_v1", HOSTED) not in ids(tmp_path, {"speak.py": src})


_TOOL = '''tool = """

import os
import requests

def search(query):
    payload = {
        "model": "sonar-pro",
        "messages": [{"role": "user", "content": query}],
    }
    return requests.post("https://api.perplexity.ai/chat/completions", json=payload).text
"""
'''


def test_python_source_a_string_holds_and_the_file_runs_is_scanned(tmp_path):
    src = _TOOL + 'interpreter.computer.run("python", tool)\n'
    refs = discover(write_files(tmp_path, {"profile.py": src})).refs
    found = {(r.id, r.source, r.location.line) for r in refs}
    assert ("sonar-pro", HOSTED, 8) in found


def test_python_source_in_a_string_nobody_runs_is_text(tmp_path):
    # decoy: the same source shown to a model as an example, never run
    src = _TOOL + 'messages = [{"role": "user", "content": tool}]\n'
    assert ("sonar-pro", HOSTED) not in ids(tmp_path, {"profile.py": src})
