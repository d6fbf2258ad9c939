"""Shapes of image-generation and image-editing applications: TorchScript weights fetched by
URL, model-kind choice lists, background-removal session names, implicit models of diffusers
loaders."""

from __future__ import annotations

import json

from licaudit.discover import discover

from .discover_helpers import write_files


def _ids(tmp_path, files):
    return {(r.id, r.source) for r in discover(write_files(tmp_path, files)).refs}


def test_a_torchscript_file_fetched_by_url_is_a_model(tmp_path):
    src = """import os
INPAINT_MODEL_URL = os.environ.get(
    "INPAINT_MODEL_URL", "https://github.com/acme/models/releases/download/v1/inpaint.jit"
)
model = load_jit_model(INPAINT_MODEL_URL, "cpu")
"""
    assert _ids(tmp_path, {"m.py": src}) == {
        ("https://github.com/acme/models/releases/download/v1/inpaint.jit", "url")
    }


def test_a_jit_url_that_is_no_download_is_no_model(tmp_path):
    src = """# weights: https://github.com/acme/models/releases/download/v1/inpaint.jit
DOCS_URL = "https://github.com/acme/models/blob/main/README.md"
TEMPLATE = "https://host.org/{name}.jit"
"""
    assert _ids(tmp_path, {"m.py": src}) == set()


def test_rembg_session_names_in_a_choice_list_and_a_call(tmp_path):
    files = {
        "app/flags.py": (
            "mask_models = ['u2net', 'isnet-anime', 'birefnet-general', 'sam', 'mymask']\n"
        ),
        "app/mask.py": """from rembg import new_session, remove

def make_mask(image, mask_model: str = 'sam'):
    if mask_model != 'sam' or image is None:
        return remove(image, session=new_session(mask_model))
    return segment_anything(image)

def cut(image):
    return remove(image, session=new_session("u2netp"))

def default_cut(image):
    return remove(image, session=new_session())
""",
    }
    assert _ids(tmp_path, files) == {
        ("u2net", "rembg"),  # the default of new_session()
        ("u2netp", "rembg"),
        ("isnet-anime", "rembg"),
        ("birefnet-general", "rembg"),
        # 'sam' (Segment Anything's name too) only where rembg is named; the parameter's
        # default never reaches new_session, whose branch is for every other name
    }


def test_a_guard_that_admits_the_default_keeps_it(tmp_path):
    src = """from rembg import new_session

def make(mask_model: str = 'silueta'):
    if mask_model != 'sam':
        return new_session(mask_model)
    if mask_model == 'none':
        return None
    return new_session(mask_model)
"""
    got = {(r.id, r.location.line) for r in discover(write_files(tmp_path, {"m.py": src})).refs}
    # admitted by the first test; at the last call the parameter may still be 'silueta'
    assert got == {("silueta", 3), ("silueta", 5), ("silueta", 8)}


def test_members_of_a_subclass_of_the_files_own_enumeration(tmp_path):
    src = """from enum import Enum

class Choices(str, Enum):
    @classmethod
    def values(cls):
        return [m.value for m in cls]

class RemoveBGModel(Choices):
    u2net = "u2net"
    hub = "briaai/RMBG-1.4"

class Device(Choices):
    cpu = "cpu"
    other = "acme/not-a-model-table"
"""
    assert _ids(tmp_path, {"schema.py": src}) == {
        ("u2net", "rembg"),
        ("briaai/RMBG-1.4", "huggingface"),
    }


def test_names_of_a_model_kind_hold_its_hub_ids(tmp_path):
    files = {
        "app/const.py": """SD_CONTROLNET_CHOICES = [
    "lllyasviel/control_v11p_sd15_canny",
    "lllyasviel/control_v11f1p_sd15_depth",
]
SDXL_BRUSHNET_CHOICES = ["acme/brushnet_sdxl"]
""",
        "app/schema.py": """from pydantic import BaseModel, Field

class Request(BaseModel):
    controlnet_method: str = Field("lllyasviel/control_v11p_sd15_inpaint")
    controlnet_conditioning_scale: float = 0.4
    lora_dir: str = "loras/styles"
""",
        "app/sd.py": """class SD:
    lcm_lora_id = "latent-consistency/lcm-lora-sdv1-5"
    vae_repo = "madebyollin/sdxl-vae-fp16-fix"
    unet_path = "models/unet"
    controlnet = None
""",
        "models/unet/config.json": "{}",
    }
    assert _ids(tmp_path, files) == {
        ("lllyasviel/control_v11p_sd15_canny", "huggingface"),
        ("lllyasviel/control_v11f1p_sd15_depth", "huggingface"),
        ("acme/brushnet_sdxl", "huggingface"),
        ("lllyasviel/control_v11p_sd15_inpaint", "huggingface"),
        ("latent-consistency/lcm-lora-sdv1-5", "huggingface"),
        ("madebyollin/sdxl-vae-fp16-fix", "huggingface"),
    }


def test_a_model_kind_word_with_no_id_names_nothing(tmp_path):
    src = """CONTROLNET_CHOICES = ["canny", "depth"]
lora_names = ["style.safetensors"]
vae = "auto"
controlnet_method = "control_v11p_sd15_canny"
lora_options = {"scale": 0.8}
"""
    assert _ids(tmp_path, {"opts.py": src}) == set()


def test_a_class_attribute_read_by_a_base_class_loader(tmp_path):
    files = {
        "app/__init__.py": "",
        "app/const.py": 'DECODER_NAME = "acme/decoder-inpaint"\n',
        "app/models.py": """from diffusers import AutoPipelineForInpainting
from app.const import DECODER_NAME

class Base:
    def init_model(self):
        self.model = AutoPipelineForInpainting.from_pretrained(self.name)

class Decoder(Base):
    name = DECODER_NAME
""",
        "app/more.py": """from diffusers import DiffusionPipeline

class Base:
    def init_model(self):
        return DiffusionPipeline.from_pretrained(self.model_name)

class Mid(Base):
    pass

class Leaf(Mid):
    model_name = "acme/leaf-model"
""",
    }
    assert _ids(tmp_path, files) == {
        ("acme/decoder-inpaint", "huggingface"),  # the imported constant, through self.name
        ("acme/leaf-model", "huggingface"),  # a subclass of a subclass
    }


def test_a_subclass_attribute_no_loader_reads_is_no_model(tmp_path):
    src = """from diffusers import DiffusionPipeline

class Base:
    def init_model(self):
        return DiffusionPipeline.from_pretrained(self.path)

class Tool(Base):
    title = "acme/not-read"
    path = None
"""
    assert _ids(tmp_path, {"tools.py": src}) == set()


def test_a_single_file_checkpoint_loads_the_safety_checker_and_sdxl_text_encoder(tmp_path):
    src = """from diffusers import StableDiffusionInpaintPipeline, StableDiffusionXLInpaintPipeline

def load(path, disable_nsfw=False):
    sd = StableDiffusionInpaintPipeline.from_single_file(
        path, load_safety_checker=not disable_nsfw
    )
    xl = StableDiffusionXLInpaintPipeline.from_single_file(path, load_safety_checker=False)
    return sd, xl
"""
    got = {(r.id, r.location.line) for r in discover(write_files(tmp_path, {"m.py": src})).refs}
    assert got == {
        ("CompVis/stable-diffusion-safety-checker", 4),
        ("laion/CLIP-ViT-bigG-14-laion2B-39B-b160k", 7),
    }


def test_a_single_file_checkpoint_without_the_checker_loads_nothing_more(tmp_path):
    src = """from diffusers import StableDiffusionPipeline

pipe = StableDiffusionPipeline.from_single_file("./v1-5.safetensors", load_safety_checker=False)
other = StableDiffusionPipeline.from_single_file("./v1-5.safetensors")
"""
    got = {r.id for r in discover(write_files(tmp_path, {"m.py": src})).refs}
    assert "CompVis/stable-diffusion-safety-checker" not in got
    assert "laion/CLIP-ViT-bigG-14-laion2B-39B-b160k" not in got


def test_an_auto_pipeline_on_a_decoder_loads_its_connected_prior(tmp_path):
    files = {
        "app/__init__.py": "",
        "app/const.py": 'DECODER = "kandinsky-community/kandinsky-2-2-decoder-inpaint"\n',
        "app/k.py": """from diffusers import AutoPipelineForInpainting
from app.const import DECODER

pipe = AutoPipelineForInpainting.from_pretrained(DECODER)
""",
        "app/t2i.py": """from diffusers import AutoPipelineForText2Image

pipe = AutoPipelineForText2Image.from_pretrained("kandinsky-community/kandinsky-2-2-decoder")
""",
    }
    got = {(r.id, r.location.path) for r in discover(write_files(tmp_path, files)).refs}
    assert ("kandinsky-community/kandinsky-2-2-prior", "app/k.py") in got
    assert ("kandinsky-community/kandinsky-2-2-prior", "app/t2i.py") in got


def test_a_plain_pipeline_on_a_decoder_loads_no_prior(tmp_path):
    src = """from diffusers import DiffusionPipeline, AutoPipelineForInpainting

decoder = DiffusionPipeline.from_pretrained("kandinsky-community/kandinsky-2-2-decoder")
other = AutoPipelineForInpainting.from_pretrained("runwayml/stable-diffusion-inpainting")
"""
    assert _ids(tmp_path, {"m.py": src}) == {
        ("kandinsky-community/kandinsky-2-2-decoder", "huggingface"),
        ("runwayml/stable-diffusion-inpainting", "huggingface"),
    }


def test_a_list_passed_to_a_method_of_the_files_own_class_is_iterated(tmp_path):
    src = """from diffusers import DiffusionPipeline
from huggingface_hub import snapshot_download

class Merger(DiffusionPipeline):
    def merge(self, names, alpha=0.5):
        folders = []
        for name, weight in zip(names, [1, 2, 3]):
            folders.append(snapshot_download(name))
        return folders

pipe = Merger.from_pretrained("acme/base-inpainting")
pipe.merge(["acme/base-inpainting", "acme/other-model"], alpha=0)
"""
    assert _ids(tmp_path, {"tool.py": src}) == {
        ("acme/base-inpainting", "huggingface"),
        ("acme/other-model", "huggingface"),
    }


def test_a_list_passed_to_another_object_is_not_followed(tmp_path):
    src = """from huggingface_hub import snapshot_download

class Merger:
    def merge(self, names):
        return [snapshot_download(n) for n in names]

other = make_something()
other.merge(["acme/not-through-merger", "acme/neither"])
"""
    assert _ids(tmp_path, {"tool.py": src}) == set()


def test_rembg_sessions_carry_the_license_of_the_weights_they_repackage(tmp_path):
    src = """from rembg import new_session

plain = new_session("u2net")
nc = new_session("bria-rmbg")
own = new_session("u2net_custom", model_path="weights/mine.onnx")
other = new_session("acme-matting")
"""
    refs = {r.id: r for r in discover(write_files(tmp_path, {"m.py": src})).refs}
    # a custom session loads the caller's own file (no rembg license); a name rembg has no
    # session for is no model
    assert set(refs) == {"u2net", "bria-rmbg", "weights/mine.onnx"}
    assert (
        refs["weights/mine.onnx"].metadata is None or not refs["weights/mine.onnx"].metadata.license
    )
    assert refs["u2net"].metadata.license == "apache-2.0"
    assert refs["u2net"].metadata.organization == "Xuebin Qin"
    assert refs["bria-rmbg"].metadata.license == "cc-by-nc-4.0"


def test_a_rembg_session_resolves_offline_and_a_custom_one_stays_unresolved(
    make_repo, run_licaudit
):
    app = (
        "from rembg import new_session\n"
        'cut = new_session("u2net")\n'
        'nc = new_session("bria-rmbg")\n'
        "mine = new_session(MODEL_NAME)\n"
    )
    repo = make_repo({"app.py": app})
    out = run_licaudit("scan", ".", "--offline", "--format", "json", cwd=repo)
    report = json.loads(out.stdout)
    got = {m["id"]: (m["license"] or {}).get("category") for m in report["models"]}
    assert got == {"u2net": "permissive", "bria-rmbg": "non-commercial"}
    assert any(f["rule"] == "commercial-use" for f in report["findings"])
    assert out.returncode == 1  # the non-commercial weights fail the default policy
