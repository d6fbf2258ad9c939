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
