"""Library knowledge as data for speech, OCR and document libraries: what a library downloads
under a name of its own, its implicit defaults, and the models it loads along with another
(``implies``): each found where the code asks for it, each saying which library default it is."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.discover import loaders as L
from licaudit.model import HUGGINGFACE, LOCAL

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
        ("silero_encoder_v5.onnx", LOCAL, 5)
    ]
    assert refs[0].metadata.license == "mit"
    assert refs[0].evidence.startswith("implicit: the default model of faster-whisper")
    decoy = "from mylib.vad import get_vad_model\nget_vad_model()\nVadOptions = 1\n"
    assert not _refs(tmp_path / "decoy", {"vad.py": decoy})


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
    assert ("QuartzNet15x5Base-En", LOCAL, 4) in got
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
        ("large-v2.pt", LOCAL),
    ):
        assert (rid, source, "configs/defaults.yaml", 3) in got, rid
    assert ("facebook/nllb-200-1.3B", HUGGINGFACE, "configs/defaults.yaml", 6) in got
    assert ("UVR-MDX-NET-Inst_HQ_4", LOCAL, "configs/defaults.yaml", 8) in got
    assert ("Systran/faster-whisper-medium.en", HUGGINGFACE, "params.py", 4) in got
    assert ("medium.en.pt", LOCAL, "params.py", 4) in got
    assert ("Systran/faster-whisper-tiny", HUGGINGFACE, "t.py", 1) in got
    assert ("tiny.pt", LOCAL, "t.py", 1) in got
    assert ("UVR-MDX-NET-Inst_3", LOCAL, "t.py", 2) in got
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
    assert "base.pt" in ids
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
    assert ("UVR-MDX-NET-Inst_HQ_4", LOCAL, 5) in got
    assert ("UVR-MDX-NET-Inst_3", LOCAL, 5) in got
    assert ("UVR-MDX-NET-Inst_1", LOCAL, 7) in got
    assert ("UVR-MDX-NET-Inst_1", LOCAL, 11) in got  # MDX's own default
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
    assert ("craft_mlt_25k.pth", LOCAL, 3) in got
    assert ("pretrained_ic15_res18.pt", LOCAL, 4) in got
    assert not any(r.id == "craft_mlt_25k.pth" and r.location.line == 4 for r in refs)
    craft = next(r for r in refs if r.id == "craft_mlt_25k.pth")
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
        ("eng.traineddata", LOCAL, 5),
        ("osd.traineddata", LOCAL, 5),  # tesseract-ocr depends on tesseract-ocr-osd
        ("chi_sim.traineddata", LOCAL, 5),
        ("deu.traineddata", LOCAL, 5),
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
"""
    refs = _refs(tmp_path, {"ocr.py": src})
    got = {(r.id, r.location.line) for r in refs}
    assert ("eng.traineddata", 4) in got
    assert ("deu.traineddata", 5) in got
    assert not any(r.location.line == 6 for r in refs)  # a "+" list is not split
    eng = next(r for r in refs if r.id == "eng.traineddata")
    assert eng.evidence.startswith("implicit: the default model of tesseract image_to_string()")


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
    assert ("cyrillic_g2.pth", 8) in got  # mn: the Cyrillic recognizer
    assert ("craft_mlt_25k.pth", 8) in got  # the detector is loaded next to it
    assert ("japanese_g2.pth", 10) in got
    assert ("craft_mlt_25k.pth", 11) in got
    assert not any(r.location.line == 11 and r.id != "craft_mlt_25k.pth" for r in refs)
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
    assert ("large-v3-turbo.pt", 1) in got  # the --model default of the whisper command
    assert ("small.pt", 2) in got
    assert not any(r.location.line == 2 and r.id != "small.pt" for r in refs)
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
    assert k.map_name("easyocr:recognizers", "en").not_a_reference
    nemo = k.map_name("nemo:catalog", "QuartzNet15x5Base-En")
    assert nemo is not None and "api.ngc.nvidia.com" in nemo.weights
    assert nemo.source.tag == "v1.23.0"
