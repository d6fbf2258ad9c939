"""Models of a registry that is no model hub: a torch.hub GitHub repository (source torch-hub) and
a torchaudio pipeline bundle (source torchaudio). Each is found where the code names it, never
taken for a Hub id, and resolved from the loader data's license for it (or left unresolved),
never from the Hub or the catalog's Hub entries."""

from __future__ import annotations

import json

from licaudit.discover import discover
from licaudit.model import HUGGINGFACE, TORCH_HUB, TORCHAUDIO, Location, ModelRef
from licaudit.report.document import purl
from licaudit.resolve import resolve

from .discover_helpers import write_files


def _found(tmp_path, files: dict[str, str]) -> set[tuple[str, str, str, int]]:
    refs = discover(write_files(tmp_path, files)).refs
    return {(r.id, r.source, r.location.path, r.location.line) for r in refs}


def test_torchaudio_bundles_are_found_however_the_code_names_them(tmp_path):
    src = """import torchaudio
from torchaudio import pipelines as P
from torchaudio.pipelines import MMS_FA

bundle = torchaudio.pipelines.WAV2VEC2_ASR_BASE_960H
model = bundle.get_model()
hubert = P.HUBERT_BASE.get_model()
"""
    got = _found(tmp_path, {"align.py": src})
    assert ("WAV2VEC2_ASR_BASE_960H", TORCHAUDIO, "align.py", 5) in got
    assert ("HUBERT_BASE", TORCHAUDIO, "align.py", 7) in got
    assert ("MMS_FA", TORCHAUDIO, "align.py", 3) in got
    assert not any(source == HUGGINGFACE for _, source, _, _ in got)


def test_a_bundle_name_held_as_a_string_is_the_bundle_not_a_hub_id(tmp_path):
    # a default table of bundle names, looked up and handed to a Hub loader when it is no bundle
    src = """import torchaudio
from transformers import Wav2Vec2ForCTC

DEFAULTS = {"en": "WAV2VEC2_ASR_BASE_960H", "fr": "VOXPOPULI_ASR_BASE_10K_FR", "ja": "jonatasgrosman/wav2vec2-large-xlsr-53-japanese"}

def load(lang):
    name = DEFAULTS[lang]
    if name in torchaudio.pipelines.__all__:
        return torchaudio.pipelines.__dict__[name].get_model()
    return Wav2Vec2ForCTC.from_pretrained(name)
"""
    refs = discover(write_files(tmp_path, {"align.py": src})).refs
    ids = {(r.id, r.source) for r in refs}
    assert ("WAV2VEC2_ASR_BASE_960H", TORCHAUDIO) in ids
    assert ("VOXPOPULI_ASR_BASE_10K_FR", TORCHAUDIO) in ids
    assert ("jonatasgrosman/wav2vec2-large-xlsr-53-japanese", HUGGINGFACE) in ids
    assert not any(s == HUGGINGFACE and "_" in i and "/" not in i for i, s in ids)
    vox = next(r for r in refs if r.id == "VOXPOPULI_ASR_BASE_10K_FR")
    assert vox.metadata is not None and vox.metadata.license == "cc-by-nc-4.0"


def test_what_is_no_bundle_is_not_reported(tmp_path):
    src = '''"""Uses torchaudio.pipelines.WAV2VEC2_BASE in prose only."""
import torchaudio


class pipelines:  # a class of this file, not torchaudio's module
    HUBERT_BASE = 1


x = pipelines.HUBERT_BASE
y = torchaudio.pipelines.NOT_A_BUNDLE
print("WAV2VEC2_ASR_BASE_960H")
# bundle = torchaudio.pipelines.HUBERT_LARGE
'''
    assert _found(tmp_path, {"notes.py": src}) == set()


def test_torch_hub_repositories_are_github_repositories(tmp_path):
    src = """import torch

vad, utils = torch.hub.load(repo_or_dir="snakers4/silero-vad", model="silero_vad", trust_repo=True)
dino = torch.hub.load("facebookresearch/dinov2:main", "dinov2_vits14")
yolo = torch.hub.load("ultralytics/yolov5", "yolov5s")
own = torch.hub.load("./hub_dir", "custom", source="local")
"""
    refs = discover(write_files(tmp_path, {"vad.py": src})).refs
    got = {(r.id, r.source, r.location.line) for r in refs}
    assert ("snakers4/silero-vad", TORCH_HUB, 3) in got
    assert ("facebookresearch/dinov2", TORCH_HUB, 4) in got  # the repository, without its ref
    assert ("ultralytics/yolov5", TORCH_HUB, 5) in got
    assert not any(s == HUGGINGFACE for _, s, _ in got)
    assert not any(i.startswith(".") or "hub_dir" in i for i, _, _ in got)
    silero = next(r for r in refs if r.id == "snakers4/silero-vad")
    assert silero.metadata.license == "mit" and silero.metadata.organization == "Silero Team"


def _ref(model_id: str, source: str) -> ModelRef:
    return ModelRef(model_id, source, Location("x.py", 1, 1, model_id), "test")


def test_a_registry_model_resolves_from_its_metadata_never_from_the_hub_catalog():
    # a torch.hub repository named like a Hub model the catalog knows is still not that model
    res = resolve([_ref("meta-llama/Llama-3.1-8B", TORCH_HUB)], offline=True)
    rec = res.get("meta-llama/Llama-3.1-8B", TORCH_HUB)
    assert rec.source == TORCH_HUB and rec.license is None
    assert "torch-hub registry" in rec.unresolved
    assert purl(TORCH_HUB, "snakers4/silero-vad", None) == "pkg:github/snakers4/silero-vad"
    assert purl(TORCHAUDIO, "MMS_FA", None) == "pkg:generic/torchaudio/MMS_FA"


def test_scan_reports_registry_models_with_their_terms(run_licaudit, tmp_path):
    write_files(
        tmp_path,
        {
            "align.py": "import torchaudio\nb = torchaudio.pipelines.VOXPOPULI_ASR_BASE_10K_DE\n",
            "vad.py": 'import torch\nm = torch.hub.load("snakers4/silero-vad", "silero_vad")\n'
            'n = torch.hub.load("acme/unknown-vad", "vad")\n',
        },
    )
    proc = run_licaudit("scan", ".", "--format", "json", cwd=tmp_path)
    doc = json.loads(proc.stdout)
    models = {(m["id"], m["source"]): m for m in doc["models"]}
    vox = models[("VOXPOPULI_ASR_BASE_10K_DE", TORCHAUDIO)]
    assert vox["license"]["id"] == "cc-by-nc-4.0"
    assert vox["purl"] == "pkg:generic/torchaudio/VOXPOPULI_ASR_BASE_10K_DE"
    assert models[("snakers4/silero-vad", TORCH_HUB)]["license"]["id"] == "mit"
    unknown = models[("acme/unknown-vad", TORCH_HUB)]
    assert unknown["license"] is None and unknown["purl"] == "pkg:github/acme/unknown-vad"
    rules = {(f["rule"], f["model"]) for f in doc["findings"]}
    assert ("commercial-use", "VOXPOPULI_ASR_BASE_10K_DE") in rules
    assert ("license-unknown", "acme/unknown-vad") in rules
    assert proc.returncode == 1
    # pinned and read back: the lockfile holds registry models too
    lock = run_licaudit("lock", ".", cwd=tmp_path)
    assert "3 model(s) pinned" in lock.stdout, lock.stderr
    assert "no license known for: acme/unknown-vad" in lock.stdout
    pinned = json.loads(run_licaudit("scan", ".", "--format", "json", cwd=tmp_path).stdout)
    again = {(m["id"], m["source"]): m for m in pinned["models"]}
    assert again[("snakers4/silero-vad", TORCH_HUB)]["license_provenance"] == "lockfile"


def test_a_renamed_wrapper_keeps_the_default_of_the_releases_that_have_its_old_name(tmp_path):
    # smolagents' HfApiModel (1.0 to 1.18) always defaulted to Qwen2.5-Coder-32B-Instruct; its
    # successor InferenceClientModel defaults to Qwen3-Next from 1.23
    files = {
        "old.py": "from smolagents import CodeAgent, HfApiModel\n"
        "agent = CodeAgent(tools=[], model=HfApiModel())\n",
        "new.py": "from smolagents import InferenceClientModel\nm = InferenceClientModel()\n",
        "given.py": 'from smolagents import HfApiModel\nm = HfApiModel("acme/coder-7b")\n',
    }
    got = _found(tmp_path, files)
    assert ("Qwen/Qwen2.5-Coder-32B-Instruct", HUGGINGFACE, "old.py", 2) in got
    assert ("Qwen/Qwen3-Next-80B-A3B-Thinking", HUGGINGFACE, "new.py", 2) in got
    assert ("acme/coder-7b", HUGGINGFACE, "given.py", 2) in got
    by_file = {}
    for rid, _, path, _ in got:
        by_file.setdefault(path, set()).add(rid)
    assert by_file["old.py"] == {"Qwen/Qwen2.5-Coder-32B-Instruct"}
    assert by_file["new.py"] == {"Qwen/Qwen3-Next-80B-A3B-Thinking"}
    assert by_file["given.py"] == {"acme/coder-7b"}  # a given model: no default


def test_a_component_parameter_declared_with_param_has_that_default(tmp_path):
    src = """from theflow import Param
from kotaemon.base import BaseComponent


class Embedder(BaseComponent):
    model_name: str = Param("BAAI/bge-small-en-v1.5", help="Model name for fastembed", required=True)
    batch_size: int = Param(256, help="Batch size")
    cache_dir: str = Param("models/cache", help="where the weights go")


class Reranker(BaseComponent):
    model: str = Param(default="rerank-2", help="the model")
    tokenizer: str = Param(default_callback=lambda obj, _: "org/computed", help="computed")
"""
    got = _found(tmp_path, {"components.py": src})
    ids = {rid for rid, _, _, _ in got}
    assert ("BAAI/bge-small-en-v1.5", HUGGINGFACE, "components.py", 6) in got
    assert "rerank-2" in ids  # the keyword form
    # no model-naming name, or a default computed at run time: nothing
    assert not ids & {"models/cache", "org/computed", "256"}


def test_a_configuration_sample_is_read_as_the_file_it_stands_for(tmp_path):
    from licaudit.discover import SCANNERS

    sample = "llm:\n  api_base: http://127.0.0.1:11434/v1\n  model: qwen2\n"
    got = _found(
        tmp_path,
        {
            "settings.yaml.example": sample,
            "config.json.sample": '{"model": "acme/sampled-7b"}\n',
            "notes.txt.example": "model: acme/never-read\n",
            "script.py.template": 'MODEL = "acme/never-read-either"\n',
        },
    )
    assert ("qwen2:latest", "ollama", "settings.yaml.example", 3) in got
    assert ("acme/sampled-7b", HUGGINGFACE, "config.json.sample", 1) in got
    assert not any("never-read" in rid for rid, _, _, _ in got)
    assert SCANNERS.kind_of("deploy/values.yml.dist") == "yaml"
    assert SCANNERS.kind_of("a.example") is None and SCANNERS.kind_of("py.example") is None


_CONVERT = """from docling.document_converter import DocumentConverter

converter = DocumentConverter()
"""


def _docling_models(tmp_path, files: dict[str, str]) -> set[str]:
    return {rid for rid, _, path, _ in _found(tmp_path, files) if path.endswith("loader.py")}


def test_a_library_default_is_the_one_of_the_release_the_repository_pins(tmp_path):
    old = _docling_models(
        tmp_path / "a",
        {
            "Dockerfile": 'FROM python:3.11\nRUN uv pip install --system "docling<=2.5.2"\n',
            "libs/app/loaders/loader.py": _CONVERT,
        },
    )
    assert old == {"ds4sd/docling-models"}  # docling up to 2.40.0: one repository, this name
    exact = _docling_models(
        tmp_path / "b",
        {"requirements.txt": "docling[vlm]==2.30.0\n", "loader.py": _CONVERT},
    )
    assert exact == {"ds4sd/docling-models"}
    refs = discover(
        write_files(tmp_path / "c", {"requirements.txt": "docling<2.6\n", "loader.py": _CONVERT})
    ).refs
    (ref,) = [r for r in refs if r.location.path == "loader.py"]
    assert "docling 2.40.0" in ref.evidence and "requirements.txt pins <2.6" in ref.evidence


def test_without_a_pin_to_an_older_release_the_newest_default_holds(tmp_path):
    newest = {"docling-project/docling-layout-heron", "docling-project/docling-models"}
    cases = {
        "unpinned": {"loader.py": _CONVERT},
        "lower-bound": {"requirements.txt": "docling>=2.0\n", "loader.py": _CONVERT},
        "newer": {"pyproject.toml": 'dependencies = ["docling==2.60.0"]\n', "loader.py": _CONVERT},
        "other-package": {"requirements.txt": "mydocling<=1.0\n", "loader.py": _CONVERT},
        # the nearest pin wins: the package's own requirements over the image's
        "nearest": {
            "Dockerfile": 'RUN pip install "docling<=2.5.2"\n',
            "svc/requirements.txt": "docling==2.60.0\n",
            "svc/loader.py": _CONVERT,
        },
    }
    for name, files in cases.items():
        assert _docling_models(tmp_path / name, files) == newest, name


def test_check_names_registry_models_on_the_command_line(run_licaudit, tmp_path):
    proc = run_licaudit(
        "check", "torchaudio:VOXPOPULI_ASR_BASE_10K_IT", "torch-hub:snakers4/silero-vad",
        "--format", "json", cwd=tmp_path,
    )  # fmt: skip
    doc = json.loads(proc.stdout)
    got = {(m["id"], m["source"]): (m["license"] or {}).get("id") for m in doc["models"]}
    assert got == {
        ("VOXPOPULI_ASR_BASE_10K_IT", TORCHAUDIO): "cc-by-nc-4.0",
        ("snakers4/silero-vad", TORCH_HUB): "mit",
    }
    bad = run_licaudit("check", "torchaudio:NOT_A_BUNDLE", cwd=tmp_path)
    assert bad.returncode == 2 and "not a torchaudio model" in bad.stderr


def test_roboflow_super_gradients_and_ultralytics_models_are_their_registries(tmp_path):
    src = """import argparse
from inference import get_model
from inference.models.utils import get_roboflow_model
from super_gradients.common.object_names import Models
from super_gradients.training import models
from ultralytics import YOLO

p = argparse.ArgumentParser()
p.add_argument("--model_id", default="vehicle-count/6")
args = p.parse_args()
a = get_roboflow_model(model_id=args.model_id)
b = get_model(model_id="yolov8n-640")
c = models.get(Models.YOLO_NAS_L, pretrained_weights="coco")
d = models.get("yolo_nas_s", pretrained_weights="coco")
e = YOLO("yolov8s")
"""
    refs = discover(write_files(tmp_path, {"app.py": src})).refs
    got = {(r.id, r.source) for r in refs}
    assert {
        ("vehicle-count/6", "roboflow"),
        ("yolov8n-640", "roboflow"),
        ("yolo_nas_l", "super-gradients"),
        ("yolo_nas_s", "super-gradients"),
        ("yolov8s.pt", "ultralytics"),  # the asset's file: a stem gets .pt
    } <= got
    assert not any(r.source == HUGGINGFACE for r in refs)  # the project/version is no Hub id
    nas = next(r for r in refs if r.id == "yolo_nas_l")
    assert nas.metadata.license == "yolo-nas-license"


def test_registry_names_elsewhere_are_not_models(tmp_path):
    src = '''"""get_model(model_id="yolov8n-640") and models.get("yolo_nas_l") in prose."""
from inference import get_model
# m = get_model(model_id="coco/3")
label = "yolo_nas_l"
m = get_model(model_id="not a model id")
'''
    refs = discover(write_files(tmp_path, {"doc.py": src})).refs
    assert refs == ()


def test_weights_downloaded_from_a_url_are_named_by_it(tmp_path):
    src = """from basicsr.utils.download_util import load_file_from_url
import torch
URL = 'https://github.com/xinntao/facexlib/releases/download/v0.1.0/detection_Resnet50_Final.pth'
path = load_file_from_url(url=URL, model_dir="weights")
hub = load_file_from_url("https://huggingface.co/lllyasviel/misc/resolve/main/xlvaeapp.pth")
sd = torch.hub.load_state_dict_from_url("https://dl.fbaipublicfiles.com/deit/deit_base.pth?x=1")
"""
    refs = discover(write_files(tmp_path, {"dl.py": src})).refs
    got = {(r.id, r.source) for r in refs}
    assert got == {
        (
            "https://github.com/xinntao/facexlib/releases/download/v0.1.0/detection_Resnet50_Final.pth",
            "url",
        ),
        ("lllyasviel/misc", HUGGINGFACE),  # a Hub URL names its Hub repository
        ("https://dl.fbaipublicfiles.com/deit/deit_base.pth", "url"),  # no query
    }
    assert purl("url", "https://x.org/a/b.pth", None) == (
        "pkg:generic/b.pth?download_url=https://x.org/a/b.pth"
    )


def test_urls_that_name_no_downloaded_weights_are_not_models(tmp_path):
    src = """# see https://github.com/org/repo/releases/download/v1/x.pth
DOCS = "https://github.com/org/repo"
LOCAL = "http://localhost:8000/model.onnx"
SAMPLE = "https://example.com/model.pt"
TEMPLATE = "https://host.org/{name}.pth"
"""
    assert discover(write_files(tmp_path, {"u.py": src})).refs == ()


def test_a_folder_of_configuration_files_only_is_no_model(tmp_path):
    config = '{"model_type": "clip", "architectures": ["CLIPModel"]}'
    root = write_files(
        tmp_path,
        {
            "configs/config.json": config,
            "configs/preprocessor_config.json": "{}",
            "tok/config.json": config,
            "tok/tokenizer_config.json": "{}",
        },
    )
    ids = {r.id for r in discover(root).refs}
    assert "configs" not in ids and "tok" in ids  # a tokenizer is an artifact of its own


def test_a_downloaded_file_named_elsewhere_is_the_model_of_its_url(tmp_path):
    files = {
        "download_models.sh": (
            "wget https://dl.fbaipublicfiles.com/segment_anything/sam_vit_h_4b8939.pth\n"
        ),
        "predictor.py": """import os
from segment_anything import sam_model_registry
CHECKPOINT = os.getenv("SAM_CHECKPOINT", "sam_vit_h_4b8939.pth")
sam = sam_model_registry["vit_h"](checkpoint=CHECKPOINT)
""",
        "detect.py": """import os
from ultralytics import YOLO
a = YOLO("yolov8n.pt")
""",
        "track.py": """from ultralytics import YOLO
MODEL = "models/yolov8n.pt"
m = YOLO(MODEL)
""",
    }
    got = _found(tmp_path, files)
    url = "https://dl.fbaipublicfiles.com/segment_anything/sam_vit_h_4b8939.pth"
    assert (url, "url", "download_models.sh", 1) in got
    assert (url, "url", "predictor.py", 3) in got  # the default path is the URL's file
    assert ("yolov8n.pt", "ultralytics", "track.py", 2) in got  # the asset, by its file
    assert not any(source == "local" for _, source, _, _ in got)


def test_a_file_a_hub_url_fetches_is_that_hub_model_where_a_path_names_it(tmp_path):
    repo = "bartowski/Meta-Llama-3-8B-Instruct-GGUF"
    gguf = "Meta-Llama-3-8B-Instruct-Q5_K_M.gguf"
    files = {
        "blobserver/main.go": (
            "package main\n\nfunc target() string {\n"
            f'\treturn "https://huggingface.co/{repo}/resolve/main/{gguf}"\n}}\n'
        ),
        "image/Dockerfile": (
            "FROM ubuntu\n"
            f"ENV LLM_MODEL /models/{repo}/{gguf}\n"
            f'ENTRYPOINT ["/llama-server", "--model", "/models/{repo}/{gguf}"]\n'
        ),
    }
    got = _found(tmp_path, files)
    assert (repo, HUGGINGFACE, "blobserver/main.go", 4) in got
    assert (repo, HUGGINGFACE, "image/Dockerfile", 2) in got
    assert (repo, HUGGINGFACE, "image/Dockerfile", 3) in got
    assert not any(source == "local" for _, source, _, _ in got)


def test_a_file_no_hub_url_fetches_stays_local(tmp_path):
    # the Hub page of a repository (not a file of it), a file of another repository, and a
    # file of two repositories name no one file: the paths stay local
    files = {
        "links.py": (
            'CARD = "https://huggingface.co/org/a-GGUF/blob/main/a-Q4_K_M.gguf"\n'
            'MODEL_URL = "https://huggingface.co/org/b-GGUF/resolve/main/b-Q4_K_M.gguf"\n'
            'MODEL_URL2 = "https://huggingface.co/org/c-GGUF/resolve/main/shared.gguf"\n'
            'MODEL_URL3 = "https://huggingface.co/org/d-GGUF/resolve/main/shared.gguf"\n'
        ),
        "Dockerfile": (
            "FROM ubuntu\n"
            'ENTRYPOINT ["/llama-server", "--model", "/models/a-Q4_K_M.gguf"]\n'
            'CMD ["/llama-server", "--model", "/models/shared.gguf"]\n'
        ),
    }
    got = _found(tmp_path, files)
    docker = {(i, source) for i, source, path, _ in got if path == "Dockerfile"}
    assert docker == {("a-Q4_K_M.gguf", "local"), ("shared.gguf", "local")}


def test_a_committed_file_or_a_file_of_two_urls_stays_local(tmp_path):
    files = {
        "get.sh": (
            "wget https://dl.fbaipublicfiles.com/segment_anything/sam_vit_h_4b8939.pth\n"
            "wget https://github.com/a/b/releases/download/v1/vit_b_weights.pth\n"
            "wget https://github.com/c/d/releases/download/v2/vit_b_weights.pth\n"
        ),
        "predictor.py": """import os
from segment_anything import sam_model_registry
sam = sam_model_registry["vit_h"](checkpoint=os.getenv("CKPT", "sam_vit_h_4b8939.pth"))
other = sam_model_registry["vit_b"](checkpoint=os.getenv("OTHER", "vit_b_weights.pth"))
""",
        "sam_vit_h_4b8939.pth": "committed weights",
    }
    got = _found(tmp_path, files)
    local = {(i, line) for i, source, path, line in got if path == "predictor.py"}
    sources = {source for i, source, path, line in got if path == "predictor.py"}
    assert sources <= {"local"}  # committed, or the file of two URLs: not a URL's model
    assert ("vit_b_weights.pth", 4) in local


def test_library_stores_are_their_registries(tmp_path):
    src = """import whisper
import easyocr
import pytesseract
import nemo.collections.asr as nemo_asr
a = whisper.load_model("turbo")
b = whisper.load_model("tiny")
r = easyocr.Reader(["ru"])
t = pytesseract.image_to_string(img, lang="deu")
n = nemo_asr.models.EncDecCTCModel.from_pretrained(model_name="QuartzNet15x5Base-En")
"""
    got = {(i, s) for i, s, _, _ in _found(tmp_path, {"app.py": src})}
    assert {
        ("large-v3-turbo", "openai-whisper"),  # an alias is the size it stands for
        ("tiny", "openai-whisper"),
        ("craft", "easyocr"),  # the default detector, named as EasyOCR's config names it
        ("cyrillic_g2", "easyocr"),
        ("deu", "tesseract"),
        ("QuartzNet15x5Base-En", "nemo"),
    } <= got
    assert not any(s == "local" for _, s in got)


def test_library_store_names_outside_their_loaders_are_not_models(tmp_path):
    src = '''"""whisper.load_model("tiny") and easyocr.Reader(["en"]) in a docstring."""
SIZES = ["tiny", "base", "large-v3"]
LANG = "deu"
name = "QuartzNet15x5Base-En"
# whisper.load_model("small")
'''
    assert discover(write_files(tmp_path, {"doc.py": src})).refs == ()


def test_a_fetched_file_named_again_in_its_file_is_the_model_where_it_is_written(tmp_path):
    dockerfile = """FROM python:3.12-slim
RUN wget -q https://dl.fbaipublicfiles.com/segment_anything/sam_vit_b_01ec64.pth
ENV SAM_CHECKPOINT=/app/weights/sam_vit_b_01ec64.pth \\
    OUT_CHECKPOINT=/app/out/finetuned.pt
RUN wget -q -O /app/weights/vit_l.pth https://dl.fbaipublicfiles.com/segment_anything/sam_vit_l_0b3195.pth
"""
    refs = discover(write_files(tmp_path, {"Dockerfile": dockerfile})).refs
    got = {(r.id, r.source, r.location.line) for r in refs}
    url = "https://dl.fbaipublicfiles.com/segment_anything/sam_vit_b_01ec64.pth"
    assert (url, "url", 2) in got
    assert (url, "url", 3) in got  # the path it is saved to, where the path is written
    assert not any(r.source == "local" and "sam_vit_b" in r.id for r in refs)
    # the line that fetches it reports it once; a path written elsewhere is no URL's model
    assert sum(1 for r in refs if r.location.line == 2) == 1
    assert not any(r.source == "url" and r.location.line == 4 for r in refs)
