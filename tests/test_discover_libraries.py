"""Library knowledge as data for speech, OCR and document libraries: what a library downloads
under a name of its own, its implicit defaults, and the models it loads along with another
(``implies``): each found where the code asks for it, each saying which library default it is."""

from __future__ import annotations

import re

import pytest

from licaudit.discover import discover
from licaudit.discover import loaders as L
from licaudit.model import HOSTED, HUGGINGFACE, OLLAMA

from .discover_helpers import write_files


def _refs(tmp_path, files: dict[str, str]):
    return discover(write_files(tmp_path, files)).refs


def _found(refs) -> set[tuple[str, str, str, int]]:
    return {(r.id, r.source, r.location.path, r.location.line) for r in refs}


def test_a_pipeline_brings_the_models_its_config_names(tmp_path):
    src = """from pyannote.audio import Pipeline

class Diarizer:
    def __init__(self, model_name="pyannote/speaker-diarization-3.1", cache_dir="models"):
        self.pipe = Pipeline.from_pretrained(model_name, cache_dir=cache_dir)
"""
    refs = _refs(tmp_path, {"diarize.py": src})
    got = _found(refs)
    for rid in (
        "pyannote/speaker-diarization-3.1",
        "pyannote/segmentation-3.0",
        "pyannote/wespeaker-voxceleb-resnet34-LM",
    ):
        assert any(r[0] == rid and r[1] == HUGGINGFACE for r in got), rid
    implied = [r for r in refs if r.id == "pyannote/segmentation-3.0"]
    assert implied and all("implicit:" in r.evidence for r in implied)
    assert all("speaker-diarization-3.1" in r.evidence for r in implied)
    assert not any(r.id == "models" for r in refs)  # the cache folder is a destination


def test_only_the_pipeline_the_map_knows_implies_sub_models(tmp_path):
    src = """from pyannote.audio import Pipeline
from transformers import AutoModel

Pipeline.from_pretrained("acme/diarizer-v2")
AutoModel.from_pretrained("pyannote/speaker-diarization-3.1")
# Pipeline.from_pretrained("pyannote/speaker-diarization-3.1")
"""
    refs = _refs(tmp_path, {"app.py": src})
    ids = {r.id for r in refs}
    assert "acme/diarizer-v2" in ids  # an unknown pipeline is its own Hub id, nothing more
    assert "pyannote/speaker-diarization-3.1" in ids
    # another library's loader, and a comment: no pipeline config is read
    assert "pyannote/segmentation-3.0" not in ids


def test_a_converter_with_no_model_argument_runs_its_default_models(tmp_path):
    src = """from docling.document_converter import DocumentConverter as Converter, PdfFormatOption
from docling.datamodel.pipeline_options import PdfPipelineOptions

def build():
    options = PdfPipelineOptions()
    options.do_ocr = False
    return Converter(format_options={"pdf": PdfFormatOption(pipeline_options=options)})
"""
    refs = _refs(tmp_path, {"ingest/convert.py": src})
    got = {(r.id, r.source, r.location.line) for r in refs}
    assert ("docling-project/docling-layout-heron", HUGGINGFACE, 7) in got
    assert ("docling-project/docling-models", HUGGINGFACE, 7) in got
    heron = next(r for r in refs if r.id == "docling-project/docling-layout-heron")
    assert heron.evidence.startswith("implicit: the default model of docling DocumentConverter()")
    tables = next(r for r in refs if r.id == "docling-project/docling-models")
    assert "TableFormer" in tables.evidence


def test_a_class_of_the_same_name_from_elsewhere_has_no_docling_default(tmp_path):
    src = '''from myapp.ingestion import DocumentConverter

converter = DocumentConverter()
"""DocumentConverter() from docling downloads docling-project/docling-models."""
'''
    assert not _refs(tmp_path, {"app.py": src})


def test_the_bundled_vad_model_of_faster_whisper(tmp_path):
    src = """from faster_whisper.vad import get_vad_model, VadOptions

class VAD:
    def load(self):
        self.model = get_vad_model()
"""
    refs = _refs(tmp_path, {"vad.py": src})
    assert [(r.id, r.source, r.location.line) for r in refs] == [
        ("silero_encoder_v5.onnx", "faster-whisper", 5)  # a file of the faster-whisper package
    ]
    assert refs[0].metadata.license == "mit"
    assert refs[0].evidence.startswith("implicit: the default model of faster-whisper")
    decoy = "from mylib.vad import get_vad_model\nget_vad_model()\nVadOptions = 1\n"
    assert not _refs(tmp_path / "decoy", {"vad.py": decoy})


def test_a_vad_filter_runs_the_silero_vad_of_faster_whisper(tmp_path):
    src = """from faster_whisper import BatchedInferencePipeline, WhisperModel

class Transcriber:
    def __init__(self):
        self.model = WhisperModel("small", device="cpu")

    def run(self, audio, vad):
        filtered, _ = self.model.transcribe(audio, vad_filter=True)
        chosen, _ = self.model.transcribe(audio, vad_filter=vad)
        plain, _ = self.model.transcribe(audio, beam_size=5)
        off, _ = BatchedInferencePipeline(model=self.model).transcribe(audio, vad_filter=False)
        batched = BatchedInferencePipeline(model=self.model)
        return batched.transcribe(audio, batch_size=16)
"""
    refs = _refs(tmp_path, {"asr.py": src})
    vad = {r.location.line for r in refs if r.id == "silero_encoder_v5.onnx"}
    assert vad == {8, 9, 13}  # vad_filter=True, a setting that may be true, the batched default
    assert ("Systran/faster-whisper-small", HUGGINGFACE, "asr.py", 5) in _found(refs)
    first = next(r for r in refs if r.id == "silero_encoder_v5.onnx")
    assert first.metadata.license == "mit" and first.evidence.startswith("implicit:")
    decoy = """import whisper
from mylib import Transcriber

whisper.load_model("base").transcribe("a.wav", vad_filter=True)
Transcriber().transcribe("a.wav", vad_filter=True)
"""
    assert not any(r.id.startswith("silero") for r in _refs(tmp_path / "decoy", {"asr.py": decoy}))


def test_implied_models_are_data_with_their_sources():
    k = L.load(cache=False)
    m = k.map_name("pyannote:pipelines", "pyannote/speaker-diarization-3.1")
    assert m is not None and {i.hub_id for i in m.implies} == {
        "pyannote/segmentation-3.0",
        "pyannote/wespeaker-voxceleb-resnet34-LM",
    }
    assert m.source.tag == "3.3.2" and m.verified
    docling = next(ld for ld in k.libraries["docling"].loaders if ld.name == "DocumentConverter")
    assert docling.default is not None
    assert [i.hub_id for i in docling.default.implies] == ["docling-project/docling-models"]
    assert "2.121.0" in (docling.default.source.note or "")


def test_flair_short_names_are_its_hub_models(tmp_path):
    src = """import os
from flair.nn import Classifier
from flair.models import SequenceTagger

FLAIR_MODEL_NAME = os.getenv("FLAIR_MODEL_NAME", "ner-multi")
tagger = Classifier.load(FLAIR_MODEL_NAME)
pos = SequenceTagger.load("pos")
own = SequenceTagger.load("models/best-model.pt")
"""
    compose = "services:\n  ml:\n    environment:\n      - FLAIR_MODEL_NAME=ner-fast\n"
    refs = _refs(tmp_path, {"model.py": src, "docker-compose.yml": compose})
    got = {(r.id, r.location.path, r.location.line) for r in refs}
    assert ("flair/ner-multi", "model.py", 5) in got  # the environment default, mapped
    assert ("flair/pos-english", "model.py", 7) in got
    assert ("flair/ner-english-fast", "docker-compose.yml", 4) in got  # named after flair
    assert not any(r.id in ("ner-multi", "pos", "ner-fast") for r in refs)


def test_flair_names_mean_nothing_to_other_loaders(tmp_path):
    src = """import spacy
nlp = spacy.load("ner")
task = "pos"
TAGGER_LABEL = "ner-multi"
"""
    assert not any(r.id.startswith("flair/") for r in _refs(tmp_path, {"app.py": src}))


def test_nemo_catalog_names_come_from_ngc_and_slashed_names_from_the_hub(tmp_path):
    src = """import os
import nemo.collections.asr as nemo_asr

MODEL_NAME = os.getenv("MODEL_NAME", "QuartzNet15x5Base-En")
asr = nemo_asr.models.EncDecCTCModel.from_pretrained(model_name=MODEL_NAME)
hub = nemo_asr.models.ASRModel.from_pretrained("nvidia/parakeet-tdt-0.6b-v2")
"""
    refs = _refs(tmp_path, {"asr.py": src})
    got = {(r.id, r.source, r.location.line) for r in refs}
    assert ("QuartzNet15x5Base-En", "nemo", 4) in got  # a model of NeMo's NGC catalog
    assert ("nvidia/parakeet-tdt-0.6b-v2", HUGGINGFACE, 6) in got
    assert any("api.ngc.nvidia.com" in r.evidence for r in refs if r.id == "QuartzNet15x5Base-En")
    decoy = """from my_models import Loader
Loader.from_config("QuartzNet15x5Base-En")
print("QuartzNet15x5Base-En")
"""
    assert not _refs(tmp_path / "decoy", {"asr.py": decoy})


def test_a_whisper_size_is_what_each_whisper_library_makes_of_it(tmp_path):
    config = """whisper:
  # the default implementation is faster-whisper
  model_size: large-v2
  compute_type: float16
translation:
  model_size: facebook/nllb-200-1.3B
bgm_separation:
  model_size: UVR-MDX-NET-Inst_HQ_4
"""
    params = """from pydantic import BaseModel, Field

class WhisperParams(BaseModel):
    model_size: str = Field(default="medium.en", description="Whisper model size")
    lang: str = Field(default="small")

class FontParams(BaseModel):
    model_size: str = "small"
"""
    tests = 'TEST_WHISPER_MODEL = "tiny"\nTEST_UVR_MODEL = "UVR-MDX-NET-Inst_3"\n'
    refs = _refs(tmp_path, {"configs/defaults.yaml": config, "params.py": params, "t.py": tests})
    got = _found(refs)
    for rid, source in (
        ("Systran/faster-whisper-large-v2", HUGGINGFACE),
        ("large-v2", "openai-whisper"),
    ):
        assert (rid, source, "configs/defaults.yaml", 3) in got, rid
    assert ("facebook/nllb-200-1.3B", HUGGINGFACE, "configs/defaults.yaml", 6) in got
    assert ("UVR-MDX-NET-Inst_HQ_4", "uvr", "configs/defaults.yaml", 8) in got
    assert ("Systran/faster-whisper-medium.en", HUGGINGFACE, "params.py", 4) in got
    assert ("medium.en", "openai-whisper", "params.py", 4) in got
    assert ("Systran/faster-whisper-tiny", HUGGINGFACE, "t.py", 1) in got
    assert ("tiny", "openai-whisper", "t.py", 1) in got
    assert ("UVR-MDX-NET-Inst_3", "uvr", "t.py", 2) in got
    # a size under a name or class that names no library, a field that is no model: nothing
    assert not any(r.location.path == "params.py" and r.location.line in (5, 8) for r in refs)
    assert not any(r.id in ("float16", "small", "small.pt") for r in refs)
    faster = next(r for r in refs if r.id == "Systran/faster-whisper-large-v2")
    assert "faster-whisper sizes" in faster.evidence


def test_a_file_that_imports_one_whisper_library_means_that_one(tmp_path):
    src = """import whisper

WHISPER_MODEL = "base"
model = whisper.load_model(WHISPER_MODEL)
"""
    ids = {r.id for r in _refs(tmp_path, {"asr.py": src})}
    assert "base" in ids  # openai-whisper's size
    assert "Systran/faster-whisper-base" not in ids


def test_uvr_mdx_names_and_the_mdx_default(tmp_path):
    src = """from uvr.models import MDX

class Separator:
    def __init__(self):
        self.available_models = ["UVR-MDX-NET-Inst_HQ_4", "UVR-MDX-NET-Inst_3"]

    def update_model(self, model_name: str = "UVR-MDX-NET-Inst_1"):
        self.model = MDX(name=model_name, other_metadata={"segment": 256})

def default():
    return MDX(other_metadata={})
"""
    refs = _refs(tmp_path, {"sep.py": src})
    got = {(r.id, r.source, r.location.line) for r in refs}
    assert ("UVR-MDX-NET-Inst_HQ_4", "uvr", 5) in got
    assert ("UVR-MDX-NET-Inst_3", "uvr", 5) in got
    assert ("UVR-MDX-NET-Inst_1", "uvr", 7) in got
    assert ("UVR-MDX-NET-Inst_1", "uvr", 11) in got  # MDX's own default
    assert any("TRvlvr/model_repo" in r.evidence for r in refs)
    decoy = 'LABEL = "UVR-MDX-NET-Inst_HQ_4"\nprint("UVR-MDX-NET-Inst_3 is the second choice")\n'
    assert not _refs(tmp_path / "decoy", {"ui.py": decoy})


def test_paddlex_model_names_are_paddlepaddle_hub_repositories(tmp_path):
    src = """import os
from paddlex import create_pipeline, create_predictor

VARIANT = os.getenv("MODEL_VARIANT", "server")
det_model = f"PP-OCRv5_{VARIANT}_det"
config = {
    "SubModules": {
        "TextDetection": {"module_name": "text_detection", "model_name": det_model},
        "DocUnwarping": {"module_name": "image_unwarping", "model_name": "UVDoc"},
    }
}
pipeline = create_pipeline(config=config)
predictor = create_predictor(model_name="PP-LCNet_x1_0_doc_ori")
own = create_predictor(model_name="MyDetector_det")
"""
    refs = _refs(tmp_path, {"ocr.py": src})
    ids = {(r.id, r.source) for r in refs}
    for name in ("PP-OCRv5_server_det", "UVDoc", "PP-LCNet_x1_0_doc_ori"):
        assert (f"PaddlePaddle/{name}", HUGGINGFACE) in ids, name
    assert not any("MyDetector" in r.id for r in refs)  # not on the Hub: BOS, no Hub id
    decoy = 'print("UVDoc unwarps pages")\nLABEL = "PP-OCRv5_server_det"\n'
    assert not _refs(tmp_path / "decoy", {"ui.py": decoy})


def test_easyocr_reader_downloads_its_default_detector(tmp_path):
    src = """import easyocr

reader = easyocr.Reader(lang_list=["en"], gpu=False, download_enabled=True)
fast = easyocr.Reader(["en"], detect_network="dbnet18")
"""
    refs = _refs(tmp_path, {"ocr.py": src})
    got = {(r.id, r.source, r.location.line) for r in refs}
    assert ("craft", "easyocr", 3) in got  # named as EasyOCR names its detectors
    assert ("dbnet18", "easyocr", 4) in got
    assert not any(r.id == "craft" and r.location.line == 4 for r in refs)
    craft = next(r for r in refs if r.id == "craft")
    assert craft.evidence.startswith("implicit: the default model of easyocr Reader()")
    assert "github.com/JaidedAI/EasyOCR" in craft.evidence
    decoy = "from mylib import Reader\nReader(['en'])\n"
    assert not _refs(tmp_path / "decoy", {"ocr.py": decoy})


def test_tesseract_language_packages_install_their_models(tmp_path):
    dockerfile = """FROM debian:bookworm-slim
RUN set -eux; \\
    apt-get update; \\
    apt install --no-install-recommends -y \\
        tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-deu tesseract-ocr-script-latn git; \\
    apt-get autoremove -y
"""
    refs = _refs(tmp_path, {"Dockerfile": dockerfile})
    got = {(r.id, r.source, r.location.line) for r in refs}
    assert got == {
        ("eng", "tesseract", 5),
        ("osd", "tesseract", 5),  # tesseract-ocr depends on tesseract-ocr-osd
        ("chi_sim", "tesseract", 5),
        ("deu", "tesseract", 5),
    }
    assert all(r.metadata is not None and r.metadata.license == "apache-2.0" for r in refs)
    decoy = "FROM debian\nRUN apt-get install -y git curl\n# apt-get install tesseract-ocr-fra\n"
    assert not _refs(tmp_path / "decoy", {"Dockerfile": decoy})


def test_pytesseract_reads_the_default_or_the_given_language(tmp_path):
    src = """import pytesseract
from PIL import Image

text = pytesseract.image_to_string(Image.open("page.png"))
german = pytesseract.image_to_string(Image.open("page.png"), lang="deu")
mixed = pytesseract.image_to_string(Image.open("page.png"), lang="chi_sim+eng")
OCR_CONFIG = "--psm 6 -l chi_tra+fra"
boxes = pytesseract.image_to_data(Image.open("page.png"), config=OCR_CONFIG)
layout = pytesseract.image_to_string(Image.open("page.png"), config="--psm 4 --oem 1")
"""
    refs = _refs(tmp_path, {"ocr.py": src})
    got = {(r.id, r.location.line) for r in refs}
    assert got == {
        ("eng", 4),  # no language: Tesseract's default
        ("deu", 5),
        ("chi_sim", 6),  # each language of a "+" list
        ("eng", 6),
        ("chi_tra", 7),  # -l in the options string, where it is written
        ("fra", 7),
        ("chi_tra", 8),  # and where it is passed
        ("fra", 8),
        ("eng", 9),  # options without -l: the default again
    }
    assert all(r.source == "tesseract" for r in refs)
    eng = next(r for r in refs if r.id == "eng")
    assert eng.evidence.startswith("implicit: the default model of tesseract image_to_string()")
    decoy = 'import pytesseract\nHELP = "-l deu"\nprint("--psm 6 -l fra")\n'
    assert not _refs(tmp_path / "decoy", {"ocr.py": decoy})


def test_easyocr_recognizer_follows_the_languages(tmp_path):
    src = """import os
import easyocr

class OCR:
    LANG_LIST = list(os.getenv("LANG_LIST", "mn,en").split(",") or ["mn", "en"])

    def load(self):
        self.reader = easyocr.Reader(lang_list=self.LANG_LIST, gpu=False)

japanese = easyocr.Reader(["ja", "en"])
english = easyocr.Reader(["en"])
"""
    refs = _refs(tmp_path, {"ocr.py": src})
    got = {(r.id, r.location.line) for r in refs}
    assert ("cyrillic_g2", 8) in got  # mn: the Cyrillic recognizer
    assert ("craft", 8) in got  # the detector is loaded next to it
    assert ("japanese_g2", 10) in got
    assert ("craft", 11) in got
    # English alone: its own recognizer; with another language, that one's script reads it
    assert {r.id for r in refs if r.location.line == 11} == {"craft", "english_g2"}
    assert not any(r.id == "english_g2" and r.location.line != 11 for r in refs)
    assert all(r.source == "easyocr" for r in refs)
    # short language codes mean nothing outside an EasyOCR call
    decoy = 'MODEL_LANG = "ja"\nmodel_name = "ch_sim"\n'
    assert not _refs(tmp_path / "decoy", {"settings.py": decoy})


def test_a_grounding_dino_config_loads_its_text_encoder(tmp_path):
    src = """import os, pathlib
from groundingdino.util.inference import load_model

CONFIG = os.getenv("GROUNDING_DINO_CONFIG", "GroundingDINO_SwinT_OGC.py")
REPO = pathlib.Path(os.environ.get("GROUNDINGDINO_REPO_PATH", "./GroundingDINO"))
model = load_model(REPO / "groundingdino" / "config" / CONFIG, REPO / "weights" / "w.pth")
other = load_model("configs/my_detector.py", "weights/mine.pth")
"""
    refs = _refs(tmp_path, {"dino.py": src})
    assert ("bert-base-uncased", HUGGINGFACE, 6) in {
        (r.id, r.source, r.location.line) for r in refs
    }
    assert not any(r.id.endswith(".py") for r in refs)  # a config file is no model
    assert not any(r.id == "bert-base-uncased" and r.location.line == 7 for r in refs)


def test_t_few_reads_the_model_from_its_base_config(tmp_path):
    script = """#!/bin/bash
for dataset in rte cb; do
    python -m src.pl_train -c t011b.json+ia3.json+${dataset}.json \\
        -k exp_name=t011b/${dataset}
done
python -m src.pl_train -c ia3.json+rte.json
python -m src.other -c t03b.json
"""
    refs = _refs(tmp_path, {"run.sh": script})
    got = {(r.id, r.source, r.location.line) for r in refs}
    assert ("bigscience/T0", HUGGINGFACE, 3) in got
    assert not any(r.location.line in (6, 7) for r in refs)  # no base config; another program
    assert ("bigscience/T0_3B", HUGGINGFACE, 1) in {
        (r.id, r.source, r.location.line)
        for r in _refs(tmp_path / "b", {"run.sh": "python -m src.pl_train -c t03b.json+ia3.json\n"})
    }
    assert not any(r.id.endswith(".json") for r in refs)


def test_a_command_without_a_model_runs_its_default(tmp_path):
    script = "whisper interview.mp3 --language en\nwhisper talk.mp3 --model small\nwhisper x.mp3 --model $M\n"
    refs = _refs(tmp_path, {"asr.sh": script})
    got = {(r.id, r.location.line) for r in refs}
    assert ("large-v3-turbo", 1) in got  # the --model default of the whisper command
    assert ("small", 2) in got
    assert not any(r.location.line == 2 and r.id != "small" for r in refs)
    assert not any(r.location.line == 3 for r in refs)  # given, known only at run time
    default = next(r for r in refs if r.location.line == 1)
    assert default.evidence.startswith("implicit: the default model of `whisper`")


def test_a_command_given_a_local_folder_does_not_run_its_default(tmp_path):
    # the default stands for a missing --model only: a local folder (a conversion written by an
    # earlier step) is a model given, even though it names no Hub model
    script = (
        'mlx_lm.generate --model "./mistral-7b-4bit" --prompt "hi"\n'
        'mlx_lm.generate --prompt "hi"\n'
        'mlx_lm.generate --adapter-path adapters --model ./fused --prompt "hi"\n'
    )
    refs = _refs(tmp_path, {"gen.sh": script})
    got = {(r.id, r.location.line) for r in refs}
    assert ("mlx-community/Llama-3.2-3B-Instruct-4bit", 2) in got  # the --model default
    assert not any(r.location.line in (1, 3) for r in refs)


def test_name_map_facts_read_upstream():
    k = L.load(cache=False)
    facts = {
        ("flair:models", "ner-multi"): "flair/ner-multi",
        ("flair:models", "de-ner"): "flair/ner-german",  # the Hub table wins over HU Berlin's
        ("paddlex:hub", "PP-OCRv5_server_det"): "PaddlePaddle/PP-OCRv5_server_det",
        ("t-few:configs", "t011b.json"): "bigscience/T0",
        ("groundingdino:configs", "x/GroundingDINO_SwinB_cfg.py"): "bert-base-uncased",
    }
    for (ref, name), hub in facts.items():
        m = k.map_name(ref, name)
        assert m is not None and m.hub_id == hub and m.verified, (ref, name)
    assert k.map_name("paddlex:hub", "PP-OCRv5_server_det_custom") is None  # BOS only
    files = {
        ("tesseract:packages", "tesseract-ocr-chi-tra"): "chi_tra.traineddata",
        ("tesseract:packages", "tesseract-ocr-chi-sim-vert"): "chi_sim_vert.traineddata",
        ("easyocr:detectors", "craft"): "craft_mlt_25k.pth",
        ("easyocr:recognizers", "mn"): "cyrillic_g2.pth",
        ("easyocr:recognizers", "de"): "latin_g2.pth",
        ("faster-whisper:assets", "silero_encoder_v5.onnx"): None,
    }
    for (ref, name), file in files.items():
        m = k.map_name(ref, name)
        assert m is not None and m.file == file and not m.not_a_reference, (ref, name)
    assert k.map_name("tesseract:packages", "tesseract-ocr-script-latn").not_a_reference
    english = k.map_name("easyocr:recognizers", "en")  # only when no other language names one
    assert english.file == "english_g2.pth" and english.alone and not english.not_a_reference
    nemo = k.map_name("nemo:catalog", "QuartzNet15x5Base-En")
    assert nemo is not None and "api.ngc.nvidia.com" in nemo.weights
    assert nemo.source.tag == "v1.23.0"


# --- agent and RAG frameworks: a case per callable of their loader data ------------------------

_PA = "from pydantic_ai"
_PAM = "from pydantic_ai.models"
_HS = "from haystack.components"
_HI = "from haystack_integrations.components"
_LI = "from llama_index"
_AG = "from agno"
_SK = "from semantic_kernel.connectors.ai"

# (imports, the call, what it names: (id, source, provider), or None for nothing); the call
# is the last line of the file
FRAMEWORK_CASES = [
    # pydantic-ai: provider:model strings and the provider's own model names
    (f"{_PA} import Agent", 'Agent("openai:gpt-4o-mini")', ("gpt-4o-mini", HOSTED, "openai")),
    (f"{_PA} import Agent", 'Agent("google-gla:gemini-1.5-flash")', ("gemini-1.5-flash", HOSTED, "google-gemini")),
    (f"{_PA} import Agent", 'Agent("google-cloud:gemini-2.5-pro")', ("gemini-2.5-pro", HOSTED, "google-vertex")),
    (f"{_PA} import Agent", 'Agent("ollama:llama3.2")', ("llama3.2:latest", OLLAMA, None)),
    (f"{_PA} import Agent", 'Agent("huggingface:Qwen/Qwen3-235B-A22B")', ("Qwen/Qwen3-235B-A22B", HUGGINGFACE, None)),
    (f"{_PA} import Agent", 'Agent("together:meta-llama/Llama-3.3-70B-Instruct-Turbo")',
     ("meta-llama/Llama-3.3-70B-Instruct-Turbo", HOSTED, "together")),
    (f"{_PA} import Agent", 'Agent("test")', None),  # pydantic-ai's TestModel
    (f"{_PA} import Agent", 'Agent("openai:your-model-name")', None),
    (f"{_PA} import Agent\nagent = Agent()", 'agent.run_sync("hi", model="anthropic:claude-sonnet-4-5")',
     ("claude-sonnet-4-5", HOSTED, "anthropic")),
    (f"{_PAM} import infer_model", 'infer_model("groq:llama-3.3-70b-versatile")', ("llama-3.3-70b-versatile", HOSTED, "groq")),
    (f"{_PA} import Embedder", 'Embedder("sentence-transformers:all-MiniLM-L6-v2")',
     ("sentence-transformers/all-MiniLM-L6-v2", HUGGINGFACE, None)),
    (f"{_PA} import Embedder", 'Embedder("openai:text-embedding-3-small")', ("text-embedding-3-small", HOSTED, "openai")),
    (f"{_PA}.embeddings.sentence_transformers import SentenceTransformerEmbeddingModel",
     'SentenceTransformerEmbeddingModel("BAAI/bge-small-en-v1.5")', ("BAAI/bge-small-en-v1.5", HUGGINGFACE, None)),
    (f"{_PAM}.openai import OpenAIChatModel", 'OpenAIChatModel("gpt-4o")', ("gpt-4o", HOSTED, "openai")),
    (f"{_PAM}.openai import OpenAIChatModel", 'OpenAIChatModel("qwen2.5:7b", provider="ollama")', ("qwen2.5:7b", OLLAMA, None)),
    (f"{_PAM}.openai import OpenAIModel", 'OpenAIModel("gpt-4o-mini")', ("gpt-4o-mini", HOSTED, "openai")),
    (f"{_PAM}.anthropic import AnthropicModel", 'AnthropicModel("claude-3-5-haiku-latest")', ("claude-3-5-haiku-latest", HOSTED, "anthropic")),
    (f"{_PAM}.google import GoogleModel", 'GoogleModel("gemini-2.5-pro", provider="google-cloud")', ("gemini-2.5-pro", HOSTED, "google-vertex")),
    (f"{_PAM}.gemini import GeminiModel", 'GeminiModel("gemini-1.5-flash")', ("gemini-1.5-flash", HOSTED, "google-gemini")),
    (f"{_PAM}.groq import GroqModel", 'GroqModel("llama-3.3-70b-versatile")', ("llama-3.3-70b-versatile", HOSTED, "groq")),
    (f"{_PAM}.mistral import MistralModel", 'MistralModel("mistral-large-latest")', ("mistral-large-latest", HOSTED, "mistral")),
    (f"{_PAM}.cohere import CohereModel", 'CohereModel("command-r-plus")', ("command-r-plus", HOSTED, "cohere")),
    (f"{_PAM}.bedrock import BedrockConverseModel", 'BedrockConverseModel("anthropic.claude-3-5-sonnet-20241022-v2:0")',
     ("anthropic.claude-3-5-sonnet-20241022-v2:0", HOSTED, "aws-bedrock")),
    (f"{_PAM}.xai import XaiModel", 'XaiModel("grok-4")', ("grok-4", HOSTED, "xai")),
    (f"{_PAM}.cerebras import CerebrasModel", 'CerebrasModel("llama3.1-8b")', ("llama3.1-8b", HOSTED, "cerebras")),
    (f"{_PAM}.openrouter import OpenRouterModel", 'OpenRouterModel("anthropic/claude-3.5-sonnet")',
     ("claude-3.5-sonnet", HOSTED, "openrouter")),  # a router serves vendor/name as its own
    (f"{_PAM}.huggingface import HuggingFaceModel", 'HuggingFaceModel("Qwen/Qwen2.5-72B-Instruct")', ("Qwen/Qwen2.5-72B-Instruct", HUGGINGFACE, None)),
    (f"{_PAM}.ollama import OllamaModel", 'OllamaModel("llama3.2")', ("llama3.2:latest", OLLAMA, None)),
    # DSPy: LiteLLM-style names; the 2.4 clients
    ("import dspy", 'dspy.LM("openai/gpt-4o-mini")', ("gpt-4o-mini", HOSTED, "openai")),
    ("import dspy", 'dspy.LM("ollama_chat/llama3.2", api_base="http://localhost:11434")', ("llama3.2:latest", OLLAMA, None)),
    ("import dspy", 'dspy.LM("test")', None),
    ("import dspy", 'dspy.Embedder("openai/text-embedding-3-small")', ("text-embedding-3-small", HOSTED, "openai")),
    ("import dspy", "dspy.OpenAI()", ("gpt-3.5-turbo-instruct", HOSTED, "openai")),
    ("import dspy", 'dspy.HFModel(model="meta-llama/Llama-2-7b-hf")', ("meta-llama/Llama-2-7b-hf", HUGGINGFACE, None)),
    ("import dspy", 'dspy.HFClientTGI(model="mistralai/Mistral-7B-Instruct-v0.2", port=8080, url="http://localhost")',
     ("mistralai/Mistral-7B-Instruct-v0.2", HUGGINGFACE, None)),
    ("import dspy", 'dspy.Together(model="meta-llama/Llama-3-8b-chat-hf")', ("meta-llama/Llama-3-8b-chat-hf", HOSTED, "together")),
    ("import dspy", "dspy.OllamaLocal()", ("llama2:latest", OLLAMA, None)),
    # Haystack 2.x, 3.0 and its integrations
    (f"{_HS}.generators import HuggingFaceLocalGenerator", 'HuggingFaceLocalGenerator("google/flan-t5-large")',
     ("google/flan-t5-large", HUGGINGFACE, None)),
    (f"{_HS}.generators import HuggingFaceLocalGenerator", "HuggingFaceLocalGenerator(task='text-generation')", ("Qwen/Qwen3-0.6B", HUGGINGFACE, None)),
    (f"{_HS}.generators.chat import HuggingFaceLocalChatGenerator", "HuggingFaceLocalChatGenerator()", ("Qwen/Qwen3-0.6B", HUGGINGFACE, None)),
    (f"{_HI}.generators.transformers import TransformersChatGenerator", 'TransformersChatGenerator("HuggingFaceTB/SmolLM3-3B")',
     ("HuggingFaceTB/SmolLM3-3B", HUGGINGFACE, None)),
    (f"{_HS}.readers import ExtractiveReader", "ExtractiveReader()", ("deepset/roberta-base-squad2-distilled", HUGGINGFACE, None)),
    (f"{_HS}.rankers import TransformersSimilarityRanker", "TransformersSimilarityRanker()", ("cross-encoder/ms-marco-MiniLM-L-6-v2", HUGGINGFACE, None)),
    (f"{_HS}.routers import TransformersZeroShotTextRouter", 'TransformersZeroShotTextRouter(labels=["a", "b"])',
     ("MoritzLaurer/deberta-v3-base-zeroshot-v1.1-all-33", HUGGINGFACE, None)),
    (f"{_HS}.routers import TransformersTextRouter", 'TransformersTextRouter("papluca/xlm-roberta-base-language-detection")',
     ("papluca/xlm-roberta-base-language-detection", HUGGINGFACE, None)),
    (f"{_HS}.classifiers import TransformersZeroShotDocumentClassifier", 'TransformersZeroShotDocumentClassifier("facebook/bart-large-mnli", labels=["a"])',
     ("facebook/bart-large-mnli", HUGGINGFACE, None)),
    (f"{_HS}.extractors import NamedEntityExtractor", 'NamedEntityExtractor(backend="hugging_face", model="dslim/bert-base-NER")',
     ("dslim/bert-base-NER", HUGGINGFACE, None)),
    (f"{_HS}.extractors import NamedEntityExtractor", 'NamedEntityExtractor(backend="spacy", model="en_core_web_trf")', None),
    (f"{_HS}.embedders import SentenceTransformersTextEmbedder", "SentenceTransformersTextEmbedder()",
     ("sentence-transformers/all-mpnet-base-v2", HUGGINGFACE, None)),
    (f"{_HI}.embedders.sentence_transformers import SentenceTransformersDocumentEmbedder",
     'SentenceTransformersDocumentEmbedder(model="all-MiniLM-L6-v2")', ("sentence-transformers/all-MiniLM-L6-v2", HUGGINGFACE, None)),
    (f"{_HS}.embedders import SentenceTransformersSparseTextEmbedder", "SentenceTransformersSparseTextEmbedder()",
     ("prithivida/Splade_PP_en_v2", HUGGINGFACE, None)),
    (f"{_HS}.embedders.image import SentenceTransformersDocumentImageEmbedder", "SentenceTransformersDocumentImageEmbedder()",
     ("sentence-transformers/clip-ViT-B-32", HUGGINGFACE, None)),
    (f"{_HS}.rankers import SentenceTransformersDiversityRanker", "SentenceTransformersDiversityRanker()",
     ("sentence-transformers/all-MiniLM-L6-v2", HUGGINGFACE, None)),
    (f"{_HS}.rankers import SentenceTransformersSimilarityRanker", 'SentenceTransformersSimilarityRanker(model="BAAI/bge-reranker-base")',
     ("BAAI/bge-reranker-base", HUGGINGFACE, None)),
    (f"{_HS}.audio import LocalWhisperTranscriber", "LocalWhisperTranscriber()", ("large-v3", "openai-whisper", None)),
    (f"{_HS}.generators.chat import HuggingFaceAPIChatGenerator",
     'HuggingFaceAPIChatGenerator(api_type="serverless_inference_api", api_params={"model": "Qwen/Qwen2.5-7B-Instruct", "provider": "together"})',
     ("Qwen/Qwen2.5-7B-Instruct", HUGGINGFACE, None)),
    (f"{_HS}.generators import HuggingFaceAPIGenerator",
     'HuggingFaceAPIGenerator(api_type="serverless_inference_api", api_params={"model": "HuggingFaceH4/zephyr-7b-beta"})',
     ("HuggingFaceH4/zephyr-7b-beta", HUGGINGFACE, None)),
    (f"{_HS}.evaluators import SASEvaluator", "SASEvaluator()",
     ("sentence-transformers/paraphrase-multilingual-mpnet-base-v2", HUGGINGFACE, None)),
    (f"{_HI}.embedders.nvidia import NvidiaTextEmbedder",
     'NvidiaTextEmbedder(model="NV-Embed-QA", api_url=f"{nim_url}/v1")',
     ("NV-Embed-QA", HOSTED, "nvidia")),
    (f"{_HI}.generators.nvidia import NvidiaGenerator", 'NvidiaGenerator(model="meta/llama3-8b-instruct")',
     ("meta/llama3-8b-instruct", HOSTED, "nvidia")),
    (f"{_HI}.generators.nvidia import NvidiaChatGenerator", "NvidiaChatGenerator()",
     ("meta/llama-3.1-8b-instruct", HOSTED, "nvidia")),
    (f"{_HI}.rankers.nvidia import NvidiaRanker", 'NvidiaRanker(model="nvidia/nv-rerankqa-mistral-4b-v3")',
     ("nvidia/nv-rerankqa-mistral-4b-v3", HOSTED, "nvidia")),
    (f"{_HS}.audio import LocalWhisperTranscriber", 'LocalWhisperTranscriber("small")', ("small", "openai-whisper", None)),
    (f"{_HS}.audio import RemoteWhisperTranscriber", "RemoteWhisperTranscriber()", ("whisper-1", HOSTED, "openai")),
    (f"{_HS}.generators.chat import OpenAIChatGenerator", "OpenAIChatGenerator()", ("gpt-5-mini", HOSTED, "openai")),
    (f"{_HS}.generators.chat import OpenAIChatGenerator", 'OpenAIChatGenerator(model="llama3.2", api_base_url="http://localhost:11434/v1")',
     ("llama3.2:latest", OLLAMA, None)),
    (f"{_HS}.generators import OpenAIGenerator", 'OpenAIGenerator(model="gpt-4o")', ("gpt-4o", HOSTED, "openai")),
    (f"{_HS}.generators.chat import AzureOpenAIChatGenerator", "AzureOpenAIChatGenerator()", ("gpt-4.1-mini", HOSTED, "azure-openai")),
    (f"{_HS}.embedders import OpenAITextEmbedder", "OpenAITextEmbedder()", ("text-embedding-ada-002", HOSTED, "openai")),
    (f"{_HS}.embedders import AzureOpenAITextEmbedder", 'AzureOpenAITextEmbedder(azure_deployment="text-embedding-3-large")',
     ("text-embedding-3-large", HOSTED, "azure-openai")),
    (f"{_HS}.generators import DALLEImageGenerator", "DALLEImageGenerator()", ("gpt-image-2", HOSTED, "openai")),
    (f"{_HI}.generators.ollama import OllamaChatGenerator", "OllamaChatGenerator()", ("qwen3:0.6b", OLLAMA, None)),
    (f"{_HI}.generators.ollama import OllamaGenerator", 'OllamaGenerator("mistral:7b")', ("mistral:7b", OLLAMA, None)),
    (f"{_HI}.embedders.ollama import OllamaTextEmbedder", "OllamaTextEmbedder()", ("nomic-embed-text:latest", OLLAMA, None)),
    (f"{_HI}.embedders.fastembed import FastembedTextEmbedder", "FastembedTextEmbedder()", ("BAAI/bge-small-en-v1.5", HUGGINGFACE, None)),
    (f"{_HI}.embedders.fastembed import FastembedSparseTextEmbedder", "FastembedSparseTextEmbedder()",
     ("prithivida/Splade_PP_en_v1", HUGGINGFACE, None)),
    (f"{_HI}.rankers.fastembed import FastembedRanker", "FastembedRanker()", ("Xenova/ms-marco-MiniLM-L-6-v2", HUGGINGFACE, None)),
    (f"{_HI}.embedders.optimum import OptimumTextEmbedder", "OptimumTextEmbedder()", ("sentence-transformers/all-mpnet-base-v2", HUGGINGFACE, None)),
    (f"{_HI}.generators.llama_cpp import LlamaCppGenerator", 'LlamaCppGenerator("models/openchat-3.5.Q4_K_M.gguf")', None),
    (f"{_HI}.generators.anthropic import AnthropicChatGenerator", "AnthropicChatGenerator()", ("claude-sonnet-4-5", HOSTED, "anthropic")),
    (f"{_HI}.generators.cohere import CohereChatGenerator", "CohereChatGenerator()", ("command-a-03-2025", HOSTED, "cohere")),
    (f"{_HI}.generators.mistral import MistralChatGenerator", "MistralChatGenerator()", ("mistral-small-latest", HOSTED, "mistral")),
    (f"{_HI}.generators.amazon_bedrock import AmazonBedrockChatGenerator", 'AmazonBedrockChatGenerator("amazon.nova-lite-v1:0")',
     ("amazon.nova-lite-v1:0", HOSTED, "aws-bedrock")),
    # Haystack 1.x
    ("from haystack.nodes import PromptNode", "PromptNode()", ("google/flan-t5-base", HUGGINGFACE, None)),
    ("from haystack.nodes import PromptNode", 'PromptNode("gpt-3.5-turbo", api_key="x")', ("gpt-3.5-turbo", HOSTED, "openai")),
    ("from haystack.nodes import FARMReader", 'FARMReader("deepset/roberta-base-squad2")', ("deepset/roberta-base-squad2", HUGGINGFACE, None)),
    ("from haystack.nodes import TransformersReader", "TransformersReader()", ("distilbert-base-uncased-distilled-squad", HUGGINGFACE, None)),
    ("from haystack.nodes import EmbeddingRetriever", 'EmbeddingRetriever(document_store=store, embedding_model="sentence-transformers/multi-qa-mpnet-base-dot-v1")',
     ("sentence-transformers/multi-qa-mpnet-base-dot-v1", HUGGINGFACE, None)),
    ("from haystack.nodes import DensePassageRetriever", 'DensePassageRetriever(store, "facebook/dpr-question_encoder-single-nq-base")',
     ("facebook/dpr-question_encoder-single-nq-base", HUGGINGFACE, None)),
    ("from haystack.nodes import SentenceTransformersRanker", 'SentenceTransformersRanker("cross-encoder/ms-marco-MiniLM-L-12-v2")',
     ("cross-encoder/ms-marco-MiniLM-L-12-v2", HUGGINGFACE, None)),
    # LlamaIndex
    (f"{_LI}.llms.openai import OpenAI", "OpenAI()", ("gpt-3.5-turbo", HOSTED, "openai")),
    (f"{_LI}.llms.openai import OpenAI", 'OpenAI("gpt-4o")', ("gpt-4o", HOSTED, "openai")),
    (f"{_LI}.llms.openai import OpenAIResponses", "OpenAIResponses()", ("gpt-4o-mini", HOSTED, "openai")),
    (f"{_LI}.embeddings.openai import OpenAIEmbedding", "OpenAIEmbedding()", ("text-embedding-ada-002", HOSTED, "openai")),
    (f"{_LI}.llms.ollama import Ollama", 'Ollama("llama3.1", request_timeout=120.0)', ("llama3.1:latest", OLLAMA, None)),
    (f"{_LI}.embeddings.ollama import OllamaEmbedding", 'OllamaEmbedding("nomic-embed-text")', ("nomic-embed-text:latest", OLLAMA, None)),
    (f"{_LI}.llms.huggingface import HuggingFaceLLM", "HuggingFaceLLM()", ("StabilityAI/stablelm-tuned-alpha-3b", HUGGINGFACE, None)),
    (f"{_LI}.llms.huggingface import HuggingFaceLLM", "HuggingFaceLLM(model=loaded, tokenizer=tok)", None),
    (f"{_LI}.llms.huggingface_api import HuggingFaceInferenceAPI", 'HuggingFaceInferenceAPI(model_name="HuggingFaceH4/zephyr-7b-beta")',
     ("HuggingFaceH4/zephyr-7b-beta", HUGGINGFACE, None)),
    (f"{_LI}.llms.openai_like import OpenAILike", 'OpenAILike("Qwen/Qwen2.5-7B-Instruct", api_base="http://localhost:8000/v1")',
     ("Qwen/Qwen2.5-7B-Instruct", HUGGINGFACE, None)),
    (f"{_LI}.llms.llama_cpp import LlamaCPP", "LlamaCPP()", ("TheBloke/Llama-2-13B-chat-GGUF", HUGGINGFACE, None)),
    (f"{_LI}.llms.llama_cpp import LlamaCPP", 'LlamaCPP(model_path="/models/llama-3-8b.Q4_K_M.gguf")', None),
    (f"{_LI}.core.postprocessor import SentenceTransformerRerank", "SentenceTransformerRerank(top_n=3)",
     ("cross-encoder/stsb-distilroberta-base", HUGGINGFACE, None)),
    # Agno: the model is `id`
    (f"{_AG}.agent import Agent", 'Agent(name="helper", instructions="be brief")', ("gpt-5.4", HOSTED, "openai")),
    (f"{_AG}.agent import Agent", 'Agent(model="ollama:llama3.1")', ("llama3.1:latest", OLLAMA, None)),
    (f"{_AG}.agent import Agent\nfrom agno.models.openai import OpenAIChat", 'Agent(model=OpenAIChat(id="gpt-4o"))', ("gpt-4o", HOSTED, "openai")),
    (f"{_AG}.models.openai import OpenAIChat", "OpenAIChat()", ("gpt-5.4-mini", HOSTED, "openai")),
    (f"{_AG}.models.openai import OpenAIResponses", 'OpenAIResponses(id="gpt-5")', ("gpt-5", HOSTED, "openai")),
    (f"{_AG}.models.openai import OpenAILike", 'OpenAILike(id="qwen2.5:7b", base_url="http://localhost:11434/v1")', ("qwen2.5:7b", OLLAMA, None)),
    (f"{_AG}.models.anthropic import Claude", "Claude()", ("claude-sonnet-4-5-20250929", HOSTED, "anthropic")),
    (f"{_AG}.models.google import Gemini", 'Gemini(id="gemini-2.0-flash")', ("gemini-2.0-flash", HOSTED, "google-gemini")),
    (f"{_AG}.models.groq import Groq", "Groq()", ("llama-3.3-70b-versatile", HOSTED, "groq")),
    (f"{_AG}.models.mistral import MistralChat", "MistralChat()", ("mistral-large-latest", HOSTED, "mistral")),
    (f"{_AG}.models.cohere import Cohere", "Cohere()", ("command-a-03-2025", HOSTED, "cohere")),
    (f"{_AG}.models.aws import AwsBedrock", "AwsBedrock()", ("mistral.mistral-small-2402-v1:0", HOSTED, "aws-bedrock")),
    (f"{_AG}.models.azure import AzureOpenAI", 'AzureOpenAI(id="gpt-4o")', ("gpt-4o", HOSTED, "azure-openai")),
    (f"{_AG}.models.deepseek import DeepSeek", 'DeepSeek(id="deepseek-chat")', ("deepseek-chat", HOSTED, "deepseek")),
    (f"{_AG}.models.openrouter import OpenRouter", 'OpenRouter(id="gpt-4o")', ("gpt-4o", HOSTED, "openrouter")),
    (f"{_AG}.models.together import Together", 'Together(id="meta-llama/Llama-3.3-70B-Instruct-Turbo")',
     ("meta-llama/Llama-3.3-70B-Instruct-Turbo", HOSTED, "together")),
    (f"{_AG}.models.xai import xAI", 'xAI(id="grok-3")', ("grok-3", HOSTED, "xai")),
    (f"{_AG}.models.litellm import LiteLLM", 'LiteLLM(id="huggingface/mistralai/Mistral-7B-Instruct-v0.2")',
     ("mistralai/Mistral-7B-Instruct-v0.2", HUGGINGFACE, None)),
    (f"{_AG}.models.ollama import Ollama", "Ollama()", ("llama3.1:latest", OLLAMA, None)),
    (f"{_AG}.models.huggingface import HuggingFace", 'HuggingFace(id="mistralai/Mistral-7B-Instruct-v0.2")',
     ("mistralai/Mistral-7B-Instruct-v0.2", HUGGINGFACE, None)),
    (f"{_AG}.models.lmstudio import LMStudio", 'LMStudio(id="lmstudio-community/Qwen2.5-7B-Instruct-GGUF")',
     ("lmstudio-community/Qwen2.5-7B-Instruct-GGUF", HUGGINGFACE, None)),
    (f"{_AG}.models.lmstudio import LMStudio", "LMStudio()", None),  # its default is an alias of LM Studio's
    (f"{_AG}.models.vllm import VLLM", 'VLLM(id="Qwen/Qwen2.5-7B-Instruct")', ("Qwen/Qwen2.5-7B-Instruct", HUGGINGFACE, None)),
    (f"{_AG}.models.llama_cpp import LlamaCpp", "LlamaCpp()", ("ggml-org/gpt-oss-20b-GGUF", HUGGINGFACE, None)),
    (f"{_AG}.knowledge.embedder.openai import OpenAIEmbedder", "OpenAIEmbedder()", ("text-embedding-3-small", HOSTED, "openai")),
    (f"{_AG}.knowledge.embedder.sentence_transformer import SentenceTransformerEmbedder", 'SentenceTransformerEmbedder(id="all-mpnet-base-v2")',
     ("sentence-transformers/all-mpnet-base-v2", HUGGINGFACE, None)),
    (f"{_AG}.embedder.ollama import OllamaEmbedder", "OllamaEmbedder()", ("openhermes:latest", OLLAMA, None)),
    (f"{_AG}.knowledge.embedder.huggingface import HuggingfaceCustomEmbedder", "HuggingfaceCustomEmbedder()",
     ("intfloat/multilingual-e5-large", HUGGINGFACE, None)),
    (f"{_AG}.knowledge.embedder.fastembed import FastEmbedEmbedder", "FastEmbedEmbedder()", ("BAAI/bge-small-en-v1.5", HUGGINGFACE, None)),
    (f"{_AG}.knowledge.reranker.sentence_transformer import SentenceTransformerReranker", "SentenceTransformerReranker()",
     ("BAAI/bge-reranker-v2-m3", HUGGINGFACE, None)),
    # CrewAI, LangGraph, LangChain agents, Instructor
    ("from crewai import LLM", 'LLM(model="ollama/llama3.1", base_url="http://localhost:11434")', ("llama3.1:latest", OLLAMA, None)),
    ("from crewai import LLM", 'LLM("gemini/gemini-2.0-flash")', ("gemini-2.0-flash", HOSTED, "google-gemini")),
    ("from crewai import Agent", 'Agent(role="r", goal="g", backstory="b", llm="openai/gpt-4o-mini")', ("gpt-4o-mini", HOSTED, "openai")),
    # without llm: the environment's model, else crewai's DEFAULT_LLM_MODEL (newest releases')
    ("from crewai import Agent", 'Agent(role="r", goal="g", backstory="b")', ("gpt-4.1-mini", HOSTED, "openai")),
    ("from crewai import Crew", 'Crew(agents=[], tasks=[], manager_llm="anthropic/claude-3-5-sonnet-20241022")',
     ("claude-3-5-sonnet-20241022", HOSTED, "anthropic")),
    ("from langgraph.prebuilt import create_react_agent", 'create_react_agent("openai:gpt-4o-mini", tools=[])', ("gpt-4o-mini", HOSTED, "openai")),
    ("from langchain.agents import create_agent", 'create_agent("ollama:qwen3", tools=[])', ("qwen3:latest", OLLAMA, None)),
    ("import instructor", 'instructor.from_provider("anthropic/claude-3-5-haiku-latest")', ("claude-3-5-haiku-latest", HOSTED, "anthropic")),
    ("import instructor", 'instructor.from_provider("ollama/llama3.2")', ("llama3.2:latest", OLLAMA, None)),
    ("import instructor", 'instructor.from_provider("vertexai/gemini-1.5-pro")', None),  # a provider of its own: not read
    # Semantic Kernel
    (f"{_SK}.open_ai import OpenAIChatCompletion", 'OpenAIChatCompletion(ai_model_id="gpt-4o-mini")', ("gpt-4o-mini", HOSTED, "openai")),
    (f"{_SK}.open_ai import AzureChatCompletion", 'AzureChatCompletion(deployment_name="gpt-4o")', ("gpt-4o", HOSTED, "azure-openai")),
    (f"{_SK}.hugging_face import HuggingFaceTextCompletion", 'HuggingFaceTextCompletion("gpt2", task="text-generation")', ("gpt2", HUGGINGFACE, None)),
    (f"{_SK}.hugging_face import HuggingFaceTextEmbedding", 'HuggingFaceTextEmbedding(ai_model_id="all-MiniLM-L6-v2")',
     ("sentence-transformers/all-MiniLM-L6-v2", HUGGINGFACE, None)),
    (f"{_SK}.ollama import OllamaChatCompletion", 'OllamaChatCompletion(ai_model_id="llama3.1", host="http://localhost:11434")', ("llama3.1:latest", OLLAMA, None)),
    (f"{_SK}.anthropic import AnthropicChatCompletion", 'AnthropicChatCompletion(ai_model_id="claude-3-5-sonnet-latest")',
     ("claude-3-5-sonnet-latest", HOSTED, "anthropic")),
    (f"{_SK}.google.google_ai import GoogleAIChatCompletion", 'GoogleAIChatCompletion(gemini_model_id="gemini-1.5-flash")',
     ("gemini-1.5-flash", HOSTED, "google-gemini")),
    (f"{_SK}.google.vertex_ai import VertexAIChatCompletion", 'VertexAIChatCompletion(gemini_model_id="gemini-1.5-pro")',
     ("gemini-1.5-pro", HOSTED, "google-vertex")),
    (f"{_SK}.mistral_ai import MistralAIChatCompletion", 'MistralAIChatCompletion(ai_model_id="mistral-large-latest")',
     ("mistral-large-latest", HOSTED, "mistral")),
    (f"{_SK}.bedrock import BedrockChatCompletion", 'BedrockChatCompletion(model_id="amazon.titan-text-premier-v1:0")',
     ("amazon.titan-text-premier-v1:0", HOSTED, "aws-bedrock")),
    (f"{_SK}.onnx import OnnxGenAIChatCompletion", 'OnnxGenAIChatCompletion(ai_model_path="./phi-3-onnx")', None),
    # AutoGen extensions, Google ADK
    ("from autogen_ext.models.anthropic import AnthropicChatCompletionClient", 'AnthropicChatCompletionClient(model="claude-3-7-sonnet-20250219")',
     ("claude-3-7-sonnet-20250219", HOSTED, "anthropic")),
    ("from autogen_ext.models.anthropic import AnthropicBedrockChatCompletionClient",
     'AnthropicBedrockChatCompletionClient(model="anthropic.claude-3-5-sonnet-20240620-v1:0")',
     ("anthropic.claude-3-5-sonnet-20240620-v1:0", HOSTED, "aws-bedrock")),
    ("from autogen_ext.models.llama_cpp import LlamaCppChatCompletionClient",
     'LlamaCppChatCompletionClient(repo_id="unsloth/phi-4-GGUF", filename="phi-4-Q2_K_L.gguf")', ("unsloth/phi-4-GGUF", HUGGINGFACE, None)),
    ("from google.adk.agents import LlmAgent", 'LlmAgent(name="root", model="gemini-2.5-flash")', ("gemini-2.5-flash", HOSTED, "google-gemini")),
    ("from google.adk.agents import LlmAgent", 'LlmAgent(name="child", instruction="help")', None),  # inherits its parent's
    ("from google.adk.models.lite_llm import LiteLlm", 'LiteLlm(model="ollama_chat/llama3.2")', ("llama3.2:latest", OLLAMA, None)),
    ("from google.adk.models import Gemini", "Gemini()", ("gemini-2.5-flash", HOSTED, "google-gemini")),
    ("from autogen_ext.models.openai import OpenAIChatCompletionClient", 'OpenAIChatCompletionClient(model="gpt-4o")', ("gpt-4o", HOSTED, "openai")),
    ("from autogen_ext.models.ollama import OllamaChatCompletionClient", 'OllamaChatCompletionClient(model="llama3.2")', ("llama3.2:latest", OLLAMA, None)),
]  # fmt: skip


def _case_id(case) -> str:
    imports, call, _ = case
    return f"{imports.split()[1]}:{call[:48]}"


@pytest.mark.parametrize("case", FRAMEWORK_CASES, ids=_case_id)
def test_each_framework_callable_names_its_model(tmp_path, case):
    imports, call, want = case
    src = f"{imports}\n\nx = {call}\n"
    line = src.count("\n")
    refs = _refs(tmp_path, {"app.py": src})
    got = [(r.id, r.source, r.provider) for r in refs if r.location.line == line]
    assert got == ([want] if want else []), src
    # a model the call does not write is the library's default, and the evidence says so
    name = want[0].removesuffix(":latest").removesuffix(".pt").rsplit("/", 1)[-1] if want else ""
    written = want is not None and name in call
    implicit = [r.evidence for r in refs if r.evidence.startswith("implicit: the default model of")]
    assert len(implicit) == (want is not None and not written), implicit


def test_every_new_framework_callable_has_a_case():
    k = L.load(cache=False)
    # (the module the case imports from, the name it calls)
    cases = {
        (
            re.match(r"(?:from|import) ([\w.]+)", imports).group(1),
            call.split("(")[0].rsplit(".", 1)[-1],
        )
        for imports, call, _ in FRAMEWORK_CASES
    }
    new = ["pydantic-ai", "dspy", "haystack", "agno", "crewai", "langgraph", "instructor",
           "semantic-kernel", "google-adk", "autogen"]  # fmt: skip
    missing = []
    for name in new:
        lib = k.libraries[name]
        for ld in lib.loaders:
            names = {
                ld.name.rsplit(".", 1)[-1],
                *ld.methods,
                *(q.rsplit(".", 1)[-1] for q in ld.qualnames),
            }
            if not any(
                called in names
                and any(module == i or module.startswith(i + ".") for i in lib.imports)
                for module, called in cases
            ):
                missing.append((name, ld.name))
    assert missing == []


def test_framework_names_outside_their_framework_name_nothing(tmp_path):
    src = """from myapp.agents import Agent, HuggingFaceLocalGenerator, OpenAIChat, LLM
from pydantic_ai.models.test import TestModel
from pydantic_ai.models.function import FunctionModel

Agent("openai:gpt-4o")
HuggingFaceLocalGenerator("google/flan-t5-large")
OpenAIChat(id="gpt-4o")
LLM("ollama/llama3.1")
TestModel()
FunctionModel(call_model)
"""
    assert list(_refs(tmp_path, {"app.py": src})) == []
    # a file that imports no framework: a bare Agent(...) is nothing either
    bare = 'Agent("openai:gpt-4o")\nOllama(id="llama3.1")\n'
    assert list(_refs(tmp_path / "bare", {"app.py": bare})) == []


def test_framework_placeholders_and_stand_ins_name_nothing(tmp_path):
    src = """import dspy
from pydantic_ai import Agent
from pydantic_ai.models.openai import OpenAIChatModel
from haystack.components.generators import HuggingFaceLocalGenerator
from agno.models.openai import OpenAIChat
from agno.models.ollama import Ollama

Agent("openai:<model>")
OpenAIChatModel("your-model-name")
HuggingFaceLocalGenerator("your-org/your-model")
OpenAIChat(id="my-model")
Ollama(id="<model>")
dspy.LM("openai/your-model")
"""
    assert list(_refs(tmp_path, {"app.py": src})) == []


def test_a_provider_model_string_reads_by_the_provider_name(tmp_path):
    src = """from langchain.chat_models import init_chat_model
init_chat_model("together:meta-llama/Llama-3.3-70B-Instruct-Turbo")
init_chat_model("deepseek:deepseek-chat")
init_chat_model("mistral:7b")
init_chat_model("mistral:instruct")
"""
    got = {(r.id, r.source, r.provider, r.location.line) for r in _refs(tmp_path, {"app.py": src})}
    assert got == {
        ("meta-llama/Llama-3.3-70B-Instruct-Turbo", HOSTED, "together", 2),
        ("deepseek-chat", HOSTED, "deepseek", 3),
    }  # mistral:7b and mistral:instruct are Ollama tags, no provider's model names


def test_a_sentence_transformers_prefix_goes_through_its_bare_name_map(tmp_path):
    files = {
        "settings.py": 'EMBEDDING_MODEL = "sentence-transformers:all-mpnet-base-v2"\nRERANK_MODEL = "sentence-transformers:BAAI/bge-small-en-v1.5"\n',
        "config.yaml": "embedding_model: sentence-transformers:all-MiniLM-L6-v2\n",
    }
    got = {(r.id, r.source, r.location.path) for r in _refs(tmp_path, files)}
    assert got == {
        ("sentence-transformers/all-mpnet-base-v2", HUGGINGFACE, "settings.py"),
        ("BAAI/bge-small-en-v1.5", HUGGINGFACE, "settings.py"),
        ("sentence-transformers/all-MiniLM-L6-v2", HUGGINGFACE, "config.yaml"),
    }


def test_a_default_shared_by_two_classes_names_the_class_called(tmp_path):
    src = """from haystack.components.embedders import SentenceTransformersDocumentEmbedder as Docs
from haystack.components.embedders import SentenceTransformersTextEmbedder, SentenceTransformersDocumentEmbedder
SentenceTransformersDocumentEmbedder()
SentenceTransformersTextEmbedder()
Docs()
"""
    refs = sorted(_refs(tmp_path, {"app.py": src}), key=lambda r: r.location.line)
    assert [(r.id, r.location.line) for r in refs] == [
        ("sentence-transformers/all-mpnet-base-v2", n) for n in (3, 4, 5)
    ]
    assert (
        refs[0].evidence
        == "implicit: the default model of haystack SentenceTransformersDocumentEmbedder()"
    )
    assert (
        refs[1].evidence
        == "implicit: the default model of haystack SentenceTransformersTextEmbedder()"
    )
    assert (
        refs[2].evidence
        == "implicit: the default model of haystack SentenceTransformersTextEmbedder()"
    )  # an alias: the entry's name


def test_framework_defaults_record_the_release_read():
    k = L.load(cache=False)
    for qualname, release in [
        ("haystack.components.generators.chat.OpenAIChatGenerator", "2.21.0"),
        ("haystack.components.generators.HuggingFaceLocalGenerator", "2.25.0"),
        ("haystack_integrations.components.generators.ollama.OllamaChatGenerator", "5.0.0"),
        ("agno.agent.Agent", "2.6.0"),
        ("llama_index.llms.openai.OpenAI", "0.8.3"),
        ("crewai.Agent", "1.2.0"),
    ]:
        d = k.loader(qualname).default
        assert d is not None and d.verified and release in (d.note or ""), qualname
        src = d.source
        assert (src.repo and src.commit) or src.version, qualname
    # an agent that inherits its parent's model has none
    assert k.loader("google.adk.agents.LlmAgent").default is None


def test_an_rag_evaluator_loads_its_hallucination_classifier(tmp_path):
    src = """import os
from open_rag_eval.evaluators import TRECEvaluator
from open_rag_eval.models.llm_judges import OpenAIModel

judge = OpenAIModel(model_name="gpt-4o-mini", api_key=os.getenv("OPENAI_API_KEY"))
evaluator = TRECEvaluator(model=judge)
TRECEvaluator.plot_metrics(csv_files=["results.csv"], output_file="metrics.png")
"""
    refs = _refs(tmp_path, {"evaluate.py": src})
    hhem = [r for r in refs if r.id == "vectara/hallucination_evaluation_model"]
    assert [(r.source, r.location.line) for r in hhem] == [(HUGGINGFACE, 6)]
    assert hhem[0].evidence.startswith("implicit: the default model of open-rag-eval")


def test_a_hallucination_metric_of_the_api_backend_or_elsewhere_loads_no_classifier(tmp_path):
    src = """from open_rag_eval.metrics import HallucinationMetric

api = HallucinationMetric(backend_type="vectara_api", api_key="k")
own = HallucinationMetric(model_name="org/my-hhem")
"""
    refs = _refs(tmp_path, {"metrics.py": src})
    assert {(r.id, r.location.line) for r in refs} == {("org/my-hhem", 4)}
    decoy = """from evals.trec import TRECEvaluator

evaluator = TRECEvaluator(model=None)
'''TRECEvaluator from open_rag_eval loads vectara/hallucination_evaluation_model.'''
"""
    assert not _refs(tmp_path / "decoy", {"evaluate.py": decoy})
