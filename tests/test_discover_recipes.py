"""Example and recipe collections: converters that read a Hub model and write a local copy,
registries of model configurations looked up by a name, and the file's own functions a model
is passed to."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.model import HUGGINGFACE, LOCAL

from .discover_helpers import write_files


def _refs(tmp_path, files: dict[str, str]):
    return discover(write_files(tmp_path, files)).refs


def _found(refs) -> set[tuple[str, str, int]]:
    return {(r.id, r.source, r.location.line) for r in refs}


def test_a_converter_reads_its_hub_path_and_writes_its_mlx_path(tmp_path):
    src = """import argparse
from mlx_lm.convert import convert

parser = argparse.ArgumentParser()
parser.add_argument("--hf-path", default="facebook/sam-vit-base")
parser.add_argument("--mlx-path", default="converted/sam-vit-base")
parser.add_argument("--upload-repo", default="acme/sam-vit-base-mlx")
args = parser.parse_args()

convert(hf_path="mistralai/Mistral-7B-Instruct-v0.3", mlx_path="./mistral/v0.3-4bit")
convert("Qwen/Qwen2.5-0.5B", "out/qwen", upload_repo="acme/qwen-mlx")
"""
    got = _found(_refs(tmp_path, {"convert.py": src}))
    assert ("facebook/sam-vit-base", HUGGINGFACE, 5) in got  # --hf-path: what it reads
    assert ("mistralai/Mistral-7B-Instruct-v0.3", HUGGINGFACE, 10) in got
    assert ("Qwen/Qwen2.5-0.5B", HUGGINGFACE, 11) in got
    # where it writes the conversion and uploads it: destinations, never models
    ids = {g[0] for g in got}
    assert not ids & {
        "converted/sam-vit-base",
        "acme/sam-vit-base-mlx",
        "mistral/v0.3-4bit",
        "out/qwen",
        "acme/qwen-mlx",
    }


def test_a_convert_of_another_library_or_of_the_file_is_not_mlx_lm(tmp_path):
    src = """from PIL import Image

def convert(src, dst):
    return Image.open(src).save(dst)

convert("images/cat.png", "images/cat.jpg")
"""
    assert _refs(tmp_path, {"img.py": src}) == ()


REGISTRY = """from dataclasses import dataclass
from huggingface_hub import hf_hub_download, snapshot_download

@dataclass
class ModelSpec:
    repo_id: str
    repo_flow: str
    title: str

configs = {
    "flux-dev": ModelSpec(
        repo_id="black-forest-labs/FLUX.1-dev",
        repo_flow="flux1-dev.safetensors",
        title="acme/not-a-model",
    ),
    "flux-schnell": ModelSpec(
        repo_id="black-forest-labs/FLUX.1-schnell",
        repo_flow="flux1-schnell.safetensors",
        title="acme/not-a-model-either",
    ),
}

ENCODERS = {
    "clip": {"repo": "openai/clip-vit-large-patch14", "file": "text_encoder/model.safetensors"},
    "t5": {"repo": "google/t5-v1_1-xxl", "file": "text_encoder_2/model.safetensors"},
}


def load_flow(name):
    return hf_hub_download(configs[name].repo_id, configs[name].repo_flow)


def load_encoder(name):
    spec = ENCODERS[name]
    return snapshot_download(ENCODERS[name]["repo"]), spec["file"]


def describe(name):
    print(configs[name].title)
"""


def test_a_registry_of_model_configurations_gives_the_loader_its_entries(tmp_path):
    got = _found(_refs(tmp_path, {"flux/utils.py": REGISTRY}))
    for rid, line in (
        ("black-forest-labs/FLUX.1-dev", 12),  # where each entry writes its repo id
        ("black-forest-labs/FLUX.1-schnell", 17),
        ("openai/clip-vit-large-patch14", 24),
        ("google/t5-v1_1-xxl", 25),
    ):
        assert (rid, HUGGINGFACE, line) in got, rid
    assert ("black-forest-labs/FLUX.1-dev", HUGGINGFACE, 30) in got  # and where it is loaded
    ids = {g[0] for g in got}
    # the other fields are not what a loader takes as its model: file names in the repo, a title
    assert not ids & {"acme/not-a-model", "acme/not-a-model-either", "flux1-dev.safetensors"}
    assert not any(i.endswith("model.safetensors") for i in ids)


def test_a_registry_field_read_into_a_variable_is_followed(tmp_path):
    src = """from transformers import AutoModel
SPECS = {"small": {"repo": "google-t5/t5-small"}, "base": {"repo": "google-t5/t5-base"}}
spec = SPECS["small"]
model = AutoModel.from_pretrained(spec["repo"])
"""
    got = _found(_refs(tmp_path, {"t5.py": src}))
    assert ("google-t5/t5-small", HUGGINGFACE, 2) in got
    assert not any(g[0] == "google-t5/t5-base" for g in got)  # the constant key picks one
    src = """from transformers import AutoModel
SPECS = {"small": {"repo": "google-t5/t5-small"}, "base": {"repo": "google-t5/t5-base"}}

def load(size):
    spec = SPECS[size]
    return AutoModel.from_pretrained(spec["repo"])
"""
    got = _found(_refs(tmp_path / "b", {"t5.py": src}))
    assert {("google-t5/t5-small", HUGGINGFACE, 2), ("google-t5/t5-base", HUGGINGFACE, 2)} <= got


def test_a_diffusers_component_weights_file_is_no_model_name(tmp_path):
    src = """from huggingface_hub import hf_hub_download
_MODELS = {"stabilityai/sd-turbo": {"unet": "unet/diffusion_pytorch_model.safetensors"}}

def load_unet(key):
    unet_weights = _MODELS[key]["unet"]
    return hf_hub_download(key, unet_weights)
"""
    refs = _refs(tmp_path, {"model_io.py": src})
    assert not any(r.id.endswith("diffusion_pytorch_model.safetensors") for r in refs)


def test_a_table_of_models_keyed_by_their_ids_names_them(tmp_path):
    src = """_DEFAULT_MODEL = "stabilityai/stable-diffusion-2-1-base"
_MODELS = {
    # See https://huggingface.co/stabilityai/sdxl-turbo
    "stabilityai/sdxl-turbo": {"unet": "unet/diffusion_pytorch_model.safetensors"},
    "stabilityai/stable-diffusion-2-1-base": {"unet": "unet/diffusion_pytorch_model.safetensors"},
}
MODEL_SIZES = {"small": {"layers": 12}, "large": {"layers": 24}}
CREDITS = {"acme/some-weights": {"author": "acme"}}
MODEL_NOTES = {"acme/other-weights": {"author": "acme"}, "fallback": "acme/third"}
"""
    got = _found(_refs(tmp_path, {"model_io.py": src}))
    assert ("stabilityai/sdxl-turbo", HUGGINGFACE, 4) in got
    assert ("stabilityai/stable-diffusion-2-1-base", HUGGINGFACE, 5) in got
    ids = {g[0] for g in got}
    # sizes are no ids; a table not named for models, or not made of records, keys nothing
    assert not ids & {"small", "large", "acme/some-weights", "acme/other-weights"}


CALLED = """from transformers import AutoModel, AutoTokenizer


class Tokenizer:
    def __init__(self, config, model_name):
        self._tok = AutoTokenizer.from_pretrained(model_name)


class T5:
    @classmethod
    def from_config(cls, config):
        return cls, Tokenizer(config, "t5-base")

    @classmethod
    def load(cls, repo):
        return cls.build(repo)

    @staticmethod
    def build(repo):
        return AutoModel.from_pretrained(repo)


def load_hf(path):
    return AutoModel.from_pretrained(path)


def train(model_name, steps):
    return model_name, steps


HF_PATH = "openai/clip-vit-base-patch32"
load_hf(HF_PATH)
T5.load("google-t5/t5-small")
train("Qwen/Qwen2.5-0.5B", 10)
"""


def test_what_the_file_passes_to_its_own_functions_is_what_they_load(tmp_path):
    got = _found(_refs(tmp_path, {"t5.py": CALLED}))
    assert ("t5-base", HUGGINGFACE, 6) in got  # __init__'s parameter, loaded by from_pretrained
    assert ("t5-base", HUGGINGFACE, 12) in got  # where the call passes it
    assert ("openai/clip-vit-base-patch32", HUGGINGFACE, 31) in got  # the constant passed
    assert ("openai/clip-vit-base-patch32", HUGGINGFACE, 24) in got
    assert ("google-t5/t5-small", HUGGINGFACE, 33) in got  # through cls.build
    assert ("google-t5/t5-small", HUGGINGFACE, 20) in got
    # passed by position to a parameter whose name says model, as the keyword would say
    assert ("Qwen/Qwen2.5-0.5B", HUGGINGFACE, 34) in got


def test_a_call_of_another_function_of_the_same_name_passes_nothing(tmp_path):
    src = """from transformers import AutoModel
import helpers


def load(path):
    return AutoModel.from_pretrained(path)


class Other:
    def load(self, path):
        return path


helpers.load("acme/not-this-one")
Other().load("acme/nor-this-one")
load.__doc__
"""
    refs = _refs(tmp_path, {"app.py": src})
    assert refs == ()


def test_a_value_the_file_saves_to_through_its_own_function_is_its_product(tmp_path):
    src = """import json
from pathlib import Path
import mlx_whisper

MLX_FP32_MODEL_PATH = "mlx_models/tiny_fp32"
MLX_FP16_MODEL_PATH = "mlx_models/tiny_fp16"
HUB_MODEL_PATH = "mlx-community/whisper-tiny"


def _save_model(save_dir, weights):
    Path(save_dir).mkdir(parents=True, exist_ok=True)


def convert():
    _save_model(MLX_FP32_MODEL_PATH, {})
    _save_model(MLX_FP16_MODEL_PATH, {})


def test_transcribe():
    return mlx_whisper.transcribe("a.wav", path_or_hf_repo=MLX_FP32_MODEL_PATH), HUB_MODEL_PATH
"""
    got = {g[0] for g in _found(_refs(tmp_path, {"test.py": src}))}
    assert "mlx-community/whisper-tiny" in got
    assert not got & {"mlx_models/tiny_fp32", "mlx_models/tiny_fp16"}


def test_a_path_joined_in_a_folder_is_no_hub_id(tmp_path):
    src = """from pathlib import Path
from transformers import AutoTokenizer
from sentencepiece import SentencePieceProcessor


def load_model(folder="mlx_model"):
    model_path = Path(folder)
    tokenizer_model = str(model_path / "tokenizer.model")
    return AutoTokenizer.from_pretrained(model_path / "tokenizer"), tokenizer_model
"""
    assert _refs(tmp_path, {"mistral.py": src}) == ()


def test_a_converter_reads_the_original_weights_from_its_torch_path(tmp_path):
    src = """import argparse
parser = argparse.ArgumentParser()
parser.add_argument("--torch-path", type=str, default="mistral-7B-v0.1")
parser.add_argument("--mlx-path", type=str, default="mlx_model")
"""
    files = {
        "llms/mistral/convert.py": src,
        "llms/mixtral/convert.py": src.replace("mistral-7B-v0.1", "checkpoints/Mixtral-8x7B-v0.1"),
        "llms/llama/convert.py": src.replace("mistral-7B-v0.1", "meta-llama/Llama-2-7b"),
        "run.sh": "python llms/mistral/convert.py --torch-path /data/Mixtral-8x7B-v0.1/\n"
        "python llms/mistral/convert.py --torch-path <path_to_torch>\n",
    }
    got = {(r.id, r.source, r.location.path) for r in _refs(tmp_path, files)}
    assert ("mistral-7B-v0.1", LOCAL, "llms/mistral/convert.py") in got
    # a folder next to the script; a Hub-shaped folder is still a local folder
    assert ("llms/mixtral/checkpoints/Mixtral-8x7B-v0.1", LOCAL, "llms/mixtral/convert.py") in got
    assert ("llms/llama/meta-llama/Llama-2-7b", LOCAL, "llms/llama/convert.py") in got
    assert ("Mixtral-8x7B-v0.1", LOCAL, "run.sh") in got  # an absolute folder by its name
    assert not any(g[1] == HUGGINGFACE for g in got)
    assert not any("path_to_torch" in g[0] or g[0] == "mlx_model" for g in got)


CONVERTER = """import argparse
parser = argparse.ArgumentParser()
parser.add_argument("--hf-repo", default="openai/clip-vit-base-patch32")
parser.add_argument("--mlx-path", default="mlx_model")
parser.add_argument("--save-path", default="./exports/fused")
parser.add_argument("--upload-name", default="acme/clip-mlx")
"""
READER = """from transformers import CLIPModel
model = CLIPModel.from_pretrained("mlx_model")
fused = CLIPModel.from_pretrained("exports/fused")
uploaded = CLIPModel.from_pretrained("acme/clip-mlx")
"""


def test_what_a_script_of_the_repository_writes_is_no_hub_model_where_another_reads_it(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("LICAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    repo = write_files(tmp_path / "repo", {"clip/convert.py": CONVERTER, "clip/probe.py": READER})
    for cache in (False, True, True):  # the same answer from the cache
        refs = discover(repo, cache=cache).refs
        got = {(r.id, r.source, r.location.path) for r in refs}
        assert ("openai/clip-vit-base-patch32", HUGGINGFACE, "clip/convert.py") in got
        ids = {g[0] for g in got}
        assert not ids & {"mlx_model", "exports/fused"}
        # an org/name output may be an upload target that another file loads from the Hub
        assert ("acme/clip-mlx", HUGGINGFACE, "clip/probe.py") in got
        assert not any(r.source not in (HUGGINGFACE, LOCAL) for r in refs)


def test_without_the_script_that_writes_it_a_bare_name_is_still_read(tmp_path):
    got = {r.id for r in _refs(tmp_path, {"clip/probe.py": READER})}
    assert "mlx_model" in got  # nothing in the repository says it is its own folder


DATA_CLASSES = """from pydantic import BaseModel, Field


class WhisperParams(BaseModel):
    model_size: str = Field(default="large-v2", description="Whisper model size")
"""
INSANELY = """import os
from huggingface_hub import hf_hub_download


class InsanelyFastWhisperInference:
    def get_model_paths(self):
        distil_models = ["distil-large-v2", "distil-medium.en", "my-custom-size"]
        return distil_models

    def update_model(self, model_size):
        self.download_model(model_size=model_size, download_root="models")

    @staticmethod
    def download_model(model_size, download_root):
        if model_size.startswith("distil"):
            repo_id = f"distil-whisper/{model_size}"
        else:
            repo_id = f"openai/whisper-{model_size}"
        hf_hub_download(repo_id=repo_id, filename="config.json", local_dir=download_root)
        suffix = os.environ["SUFFIX"]
        hf_hub_download(repo_id=f"acme/{model_size}", filename="x.bin")
        hf_hub_download(repo_id=f"openai/whisper-{suffix}", filename="x.bin")
"""
TEST_CONFIG = 'TEST_WHISPER_MODEL = "tiny"\nTEST_AUDIO_URL = "https://example.org/jfk.wav"\n'


def test_a_template_over_whisper_sizes_takes_the_sizes_the_repository_names(tmp_path):
    files = {
        "modules/data_classes.py": DATA_CLASSES,
        "modules/insanely.py": INSANELY,
        "tests/test_config.py": TEST_CONFIG,
    }
    got = {(r.id, r.location.path, r.location.line) for r in _refs(tmp_path, files)}
    for rid, path, line in (
        ("openai/whisper-large-v2", "modules/data_classes.py", 5),  # where the size is written
        ("openai/whisper-large-v2", "modules/insanely.py", 18),  # and the template
        ("openai/whisper-tiny", "tests/test_config.py", 1),
        ("distil-whisper/distil-large-v2", "modules/insanely.py", 7),  # the file's own list
        ("distil-whisper/distil-medium.en", "modules/insanely.py", 7),
        ("distil-whisper/distil-large-v2", "modules/insanely.py", 19),
    ):
        assert (rid, path, line) in got, (rid, path, line)
    ids = {g[0] for g in got}
    # what the if admits: no distil name under openai/, no size under distil-whisper/
    assert not ids & {
        "openai/whisper-distil-large-v2",
        "distil-whisper/large-v2",
        "distil-whisper/tiny",
        "distil-whisper/my-custom-size",
    }
    # a template naming no library with a table of names, or over a name that says nothing
    assert not any(i.startswith("acme/") for i in ids)
    assert not any(i.startswith("openai/whisper-") and "suffix" in i for i in ids)
    assert {i for i in ids if i.startswith("openai/")} == {
        "openai/whisper-large-v2",
        "openai/whisper-tiny",
    }


def test_without_sizes_in_the_repository_the_template_names_nothing(tmp_path):
    got = {r.id for r in _refs(tmp_path, {"modules/insanely.py": INSANELY})}
    assert not any(i.startswith("openai/") for i in got)
    assert "distil-whisper/distil-large-v2" in got  # its own list still fills it


def test_a_template_answers_the_same_from_the_scan_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("LICAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    repo = write_files(
        tmp_path / "repo",
        {
            "modules/data_classes.py": DATA_CLASSES,
            "modules/insanely.py": INSANELY,
            "tests/test_config.py": TEST_CONFIG,
        },
    )
    first = discover(repo, cache=False).refs
    assert discover(repo, cache=True).refs == first
    assert discover(repo, cache=True).refs == first  # the sizes' files answered by the cache


def test_a_model_passed_to_a_class_of_another_module_of_the_repository(tmp_path):
    files = {
        "sd/stable_diffusion/__init__.py": """_DEFAULT_MODEL = "stabilityai/stable-diffusion-2-1-base"

class StableDiffusion:
    def __init__(self, model: str = _DEFAULT_MODEL, float16: bool = False):
        self.model = model

class StableDiffusionXL(StableDiffusion):
    def __init__(self, model: str = _DEFAULT_MODEL, float16: bool = False):
        super().__init__(model, float16)
""",
        "sd/txt2image.py": """from stable_diffusion import StableDiffusion, StableDiffusionXL
import helpers

sd = StableDiffusionXL("stabilityai/sdxl-turbo", float16=True)
helpers.load_model("mistralai/Mistral-7B-v0.1")
helpers.load_folder("acme/not-a-model")
""",
        "sd/helpers.py": """def load_model(model_id):
    return model_id

def load_folder(folder):
    return folder
""",
        "other.py": """from PIL import Image
from stable_diffusion import StableDiffusionXL
Image.open("cats/cat-1")
""",
    }
    got = {(r.id, r.location.path, r.location.line) for r in _refs(tmp_path, files)}
    assert ("stabilityai/sdxl-turbo", "sd/txt2image.py", 4) in got
    assert ("mistralai/Mistral-7B-v0.1", "sd/txt2image.py", 5) in got
    ids = {g[0] for g in got}
    assert not ids & {"acme/not-a-model", "cats/cat-1"}  # a folder; no module of the repository


def test_what_a_call_builds_from_a_model_is_no_model_it_passes(tmp_path):
    files = {
        "tests/testing_utils.py": "def hub_online_once(model_id):\n    return model_id\n",
        "tests/test_x.py": """from transformers import AutoTokenizer
from .testing_utils import hub_online_once


def check(model_id):
    return model_id


def test_tok():
    model_id = "peft-internal-testing/opt-125m"
    with hub_online_once(model_id + "tokenizer"):
        check(model_id + "-suffix")
        check("peft-internal-testing/non-existing-model")
        return AutoTokenizer.from_pretrained(model_id)
""",
    }
    ids = {r.id for r in _refs(tmp_path, files)}
    assert "peft-internal-testing/opt-125m" in ids
    assert not ids & {
        "peft-internal-testing/opt-125mtokenizer",
        "peft-internal-testing/opt-125m-suffix",
        "peft-internal-testing/non-existing-model",  # named as not existing: a stand-in
    }


def test_an_openai_compatible_provider_leaves_the_model_to_its_shape(tmp_path):
    src = """def build(vllm_url, model):
    return OpenCodeConfig(provider="openai_compatible", base_url=vllm_url, model=model)

build("http://127.0.0.1:8000", "Qwen/Qwen3-4B-Instruct-2507")
"""
    refs = _refs(tmp_path, {"agent.py": src})
    assert {(r.id, r.source) for r in refs} == {("Qwen/Qwen3-4B-Instruct-2507", HUGGINGFACE)}
