"""AssemblyAI's hosted speech models: the speech_model of a TranscriptionConfig, written as a
member of the SDK's SpeechModel enumeration (through the module or imported from it) or as its
string value."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.model import HOSTED

from .discover_helpers import write_files


def refs(tmp_path, files: dict[str, str]) -> list[tuple[str, str, str | None, int]]:
    found = discover(write_files(tmp_path, files)).refs
    return sorted((r.id, r.source, r.provider, r.location.line) for r in found)


def test_a_speech_model_member_names_the_hosted_model(tmp_path):
    src = """import assemblyai as aai
from assemblyai import SpeechModel, TranscriptionConfig, Transcriber
from assemblyai.types import SpeechModel as Tier


def transcribe(audio, quality):
    config = aai.TranscriptionConfig(speech_model=aai.SpeechModel.nano)
    if quality == "best":
        config = aai.TranscriptionConfig(speech_model=aai.SpeechModel.best)
    return aai.Transcriber(config=config).transcribe(audio)


def fast(audio):
    cfg = TranscriptionConfig(speech_model=SpeechModel.slam_1, punctuate=True)
    return Transcriber(config=cfg).transcribe(audio)


def default_tier():
    return TranscriptionConfig(speech_model=Tier.universal)


def by_value():
    return TranscriptionConfig(speech_model="nano")
"""
    assert refs(tmp_path, {"reader.py": src}) == [
        ("best", HOSTED, "assemblyai", 9),
        ("nano", HOSTED, "assemblyai", 7),
        ("nano", HOSTED, "assemblyai", 23),
        ("slam-1", HOSTED, "assemblyai", 14),
        ("universal", HOSTED, "assemblyai", 19),
    ]


def test_look_alike_enumerations_and_configs_name_no_model(tmp_path):
    src = """import assemblyai as aai
import house
from enum import Enum
from house.speech import SpeechModel as HouseSpeech


class SpeechModel(str, Enum):
    best = "best"
    nano = "nano"


def quality():
    a = house.SpeechModel.best
    b = aai.SpeechModel.fastest
    c = aai.TranscriptionConfig(punctuate=True, format_text=False)
    d = aai.TranscriptionConfig(speech_model=aai.SpeechModel.best.value.upper())
    e = house.TranscriptionConfig(speech_model=house.SpeechModel.best)
    f = aai.LanguageCode.en
    g = SpeechModel.best
    h = HouseSpeech.nano
    return a, b, c, d, e, f, g, h
"""
    # a house enumeration with the same members, an unknown member, a config without a speech
    # model, a value computed at run time, another library's config, another SDK enumeration
    assert refs(tmp_path, {"reader.py": src}) == []


def test_assemblyai_has_a_contracting_entity():
    from licaudit.resolve.catalog import provider

    assert provider("assemblyai") == ("AssemblyAI, Inc.", "US")
