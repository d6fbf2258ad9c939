"""A Hub pipeline repository whose own config names the models it loads (pyannote's
speaker-diarization-3.1: its segmentation and speaker-embedding models) brings them wherever it
is reported as a model: an option's default that a loader in another module reads, a YAML
setting; never from prose, and no other id brings them."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.model import HUGGINGFACE

from .discover_helpers import write_files

PIPELINE = "pyannote/speaker-diarization-3.1"
SUBMODELS = {"pyannote/segmentation-3.0", "pyannote/wespeaker-voxceleb-resnet34-LM"}


def refs(tmp_path, files: dict[str, str]) -> set[tuple[str, str, str, int]]:
    return {
        (r.id, r.source, r.location.path, r.location.line)
        for r in discover(write_files(tmp_path, files)).refs
    }


def test_an_option_default_read_by_a_loader_in_another_module_brings_the_submodels(tmp_path):
    cli = f"""import argparse

from .diarize import diarize

parser = argparse.ArgumentParser()
parser.add_argument("--diarization_model", default="{PIPELINE}", type=str)


def main():
    args = parser.parse_args()
    diarize(args)
"""
    diarize = """from pyannote.audio import Pipeline


def diarize(args):
    return Pipeline.from_pretrained(checkpoint_path=args.diarization_model)
"""
    found = refs(tmp_path, {"app/__init__.py": "", "app/cli.py": cli, "app/diarize.py": diarize})
    assert (PIPELINE, HUGGINGFACE, "app/cli.py", 6) in found
    for sub in SUBMODELS:
        assert (sub, HUGGINGFACE, "app/cli.py", 6) in found


def test_a_yaml_setting_brings_them_once_per_place(tmp_path):
    result = discover(write_files(tmp_path, {"config.yaml": f"diarization_model: {PIPELINE}\n"}))
    ids = sorted(r.id for r in result.refs)
    assert ids == sorted({PIPELINE, *SUBMODELS})


def test_prose_and_other_ids_bring_nothing(tmp_path):
    files = {
        "README.md": f"Uses `{PIPELINE}` for diarization.\n",
        "run.py": f"""# see https://huggingface.co/{PIPELINE}
from transformers import pipeline

asr = pipeline("automatic-speech-recognition", model="openai/whisper-tiny")
""",
    }
    found = {r[0] for r in refs(tmp_path, files)}
    assert found == {"openai/whisper-tiny"}
