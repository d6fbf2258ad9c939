"""Shapes of a repository's own code around its models: the values a function asserts its model
parameter takes (``assert model_type in {...}``, a dict looked up by it), the repository that is
a library itself (its own code, not the loader data's defaults of some release), and weights
shipped inside a Python package's folder (each file a model); and LlamaIndex 0.9's implicit
models (``ServiceContext.from_defaults()``, ``embed_model="default"``, CLIP image embeddings),
with OpenAI CLIP's ``clip.load``."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.model import HOSTED, HUGGINGFACE, LOCAL

from .discover_helpers import write_files


def found(tmp_path, files):
    refs = discover(write_files(tmp_path, files)).refs
    return sorted({(r.id, r.source, r.location.path, r.location.line) for r in refs})


MODEL_PY = """\
from transformers import GPT2LMHeadModel


class GPT:
    @classmethod
    def from_pretrained(cls, model_type, override_args=None):
        assert model_type in {'gpt2', 'gpt2-xl'}
        config_args = {
            'gpt2': dict(n_layer=12),
            'gpt2-xl': dict(n_layer=48),
        }[model_type]
        return GPT2LMHeadModel.from_pretrained(model_type)


def load_checked(name):
    if name not in ("distilgpt2", "gpt2-medium"):
        raise ValueError(name)
    return GPT2LMHeadModel.from_pretrained(name)
"""


def test_the_values_a_function_asserts_its_model_parameter_takes(tmp_path):
    got = found(tmp_path, {"model.py": MODEL_PY})
    # where each value is written, and where the loader takes it
    assert got == [
        ("distilgpt2", HUGGINGFACE, "model.py", 16),
        ("distilgpt2", HUGGINGFACE, "model.py", 18),
        ("gpt2", HUGGINGFACE, "model.py", 7),
        ("gpt2", HUGGINGFACE, "model.py", 9),
        ("gpt2", HUGGINGFACE, "model.py", 12),
        ("gpt2-medium", HUGGINGFACE, "model.py", 16),
        ("gpt2-medium", HUGGINGFACE, "model.py", 18),
        ("gpt2-xl", HUGGINGFACE, "model.py", 7),
        ("gpt2-xl", HUGGINGFACE, "model.py", 10),
        ("gpt2-xl", HUGGINGFACE, "model.py", 12),
    ]


def test_guards_on_other_names_or_without_a_loader_name_nothing(tmp_path):
    code = """\
from transformers import AutoModel


def load(model_id, mode):
    assert mode in {"train", "eval"}
    backend = {"cpu": 1, "cuda": 2}[mode]
    return AutoModel.from_pretrained(model_id)


def pick(size):
    assert size in {"small-model", "large-model"}
    return size
"""
    assert found(tmp_path, {"load.py": code}) == []


def test_the_repository_that_is_the_library_keeps_its_own_defaults(tmp_path):
    files = {
        "faster_whisper/__init__.py": "from faster_whisper.vad import get_vad_model\n",
        "faster_whisper/vad.py": (
            "import os\n\n"
            "def get_vad_model():\n"
            '    return os.path.join(os.path.dirname(__file__), "assets", "vad_v9.onnx")\n'
        ),
        "tests/test_vad.py": (
            "from faster_whisper.vad import get_vad_model\n\n"
            "def test_vad():\n"
            "    assert get_vad_model()\n"
        ),
    }
    # in the library's own repository the call is its own code: no loader-data default
    assert [r for r in found(tmp_path / "lib", files) if "silero" in r[0]] == []
    # in an application that installs the library, the library's default is what runs
    app = {"app.py": files["tests/test_vad.py"]}
    assert [r[0] for r in found(tmp_path / "app", app)] == ["silero_encoder_v5.onnx"]


def test_weights_in_a_package_folder_are_each_a_model(tmp_path):
    (tmp_path / "pkg/assets").mkdir(parents=True)
    (tmp_path / "pkg/assets/__init__.py").write_text("")
    (tmp_path / "pkg/assets/vad.onnx").write_bytes(b"\x08\x07onnx")
    (tmp_path / "pkg/assets/detector.onnx").write_bytes(b"\x08\x07onnx")
    (tmp_path / "models/tiny").mkdir(parents=True)
    (tmp_path / "models/tiny/model.onnx").write_bytes(b"\x08\x07onnx")
    (tmp_path / "models/tiny/tokenizer.onnx").write_bytes(b"\x08\x07onnx")
    local = sorted((r.id, r.evidence) for r in discover(tmp_path).refs if r.source == LOCAL)
    assert local == [
        ("models/tiny", "model folder (weights)"),  # no package: one model's folder
        ("pkg/assets/detector.onnx", "weights file of a package"),
        ("pkg/assets/vad.onnx", "weights file of a package"),
    ]


def test_llama_index_09_implicit_models(tmp_path):
    code = """\
from llama_index import ServiceContext, load_index_from_storage
from llama_index.embeddings.utils import resolve_embed_model
from llama_index.indices.multi_modal.base import MultiModalVectorStoreIndex
from llama_index.llms import OpenAI
from pydantic import BaseModel, Field


class RAGParams(BaseModel):
    embed_model: str = Field(default="default", description="OpenAI unless set")


def build(docs, params: RAGParams):
    embed_model = resolve_embed_model(params.embed_model)
    local = resolve_embed_model("local:BAAI/bge-small-en-v1.5")
    context = ServiceContext.from_defaults(chunk_size=512, embed_model=embed_model)
    chosen = ServiceContext.from_defaults(llm=OpenAI(model="gpt-4"), embed_model=local)
    return MultiModalVectorStoreIndex.from_documents(docs, service_context=context)
"""
    got = found(tmp_path, {"app.py": code})
    assert got == [
        ("BAAI/bge-small-en-v1.5", HUGGINGFACE, "app.py", 14),
        ("ViT-B/32", "openai-clip", "app.py", 17),
        ("gpt-3.5-turbo", HOSTED, "app.py", 15),  # the default LLM: no llm given
        ("gpt-4", HOSTED, "app.py", 16),
        ("text-embedding-ada-002", HOSTED, "app.py", 9),  # "default" is OpenAIEmbedding()
        ("text-embedding-ada-002", HOSTED, "app.py", 13),
    ]


def test_openai_clip_names_and_paths(tmp_path):
    code = """\
import clip

model, preprocess = clip.load("ViT-L/14@336px")
mine, _ = clip.load("checkpoints/finetuned.pt")
"""
    got = found(tmp_path, {"embed.py": code})
    assert ("ViT-L/14@336px", "openai-clip", "embed.py", 3) in got
    assert all(r[0] != "checkpoints/finetuned.pt" or r[1] == LOCAL for r in got)
