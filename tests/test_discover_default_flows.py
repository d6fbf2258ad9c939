"""Defaults that reach a model: a parameter rebound to what its loader returns, the URL of a
model archive, and the other shapes of a wrapper library's default models."""

from __future__ import annotations

from licaudit.discover import discover

from .discover_helpers import write_files


def _ids(tmp_path, files):
    return {(r.id, r.source) for r in discover(write_files(tmp_path, files)).refs}


def test_a_parameter_rebound_to_its_loaders_result_still_reaches_the_loader(tmp_path):
    src = """def recognize(recognizer, audio, model: str = "base", options=None):
    from faster_whisper import WhisperModel

    model = WhisperModel(model, **options or {})
    return model.transcribe(audio)
"""
    assert _ids(tmp_path, {"rec.py": src}) == {("Systran/faster-whisper-base", "huggingface")}


def test_a_name_rebound_before_the_call_is_the_new_value(tmp_path):
    # the rebinding is a statement before the call: the loader gets the new value only
    src = """def recognize(audio, model: str = "base"):
    from faster_whisper import WhisperModel

    model = "small"
    engine = WhisperModel(model)
    return engine
"""
    assert _ids(tmp_path, {"rec.py": src}) == {("Systran/faster-whisper-small", "huggingface")}


def test_the_url_of_a_model_archive_is_a_model(tmp_path):
    src = """import argparse

def main(argv=None):
    parser = argparse.ArgumentParser(prog="tool")
    sub = parser.add_subparsers(dest="command")
    fetch = sub.add_parser("fetch")
    fetch.add_argument("--url", default="https://example.org/asr/models/asr-model-small-en-0.1.zip")
    fetch.add_argument("--alt", default="https://dl.acme.io/models/acme-model-en.tar.gz")
    return parser.parse_args(argv)
"""
    src = src.replace("example.org", "files.acme-speech.net")
    assert _ids(tmp_path, {"cli.py": src}) == {
        ("https://files.acme-speech.net/asr/models/asr-model-small-en-0.1.zip", "url"),
        ("https://dl.acme.io/models/acme-model-en.tar.gz", "url"),
    }


def test_archives_whose_name_says_no_model_are_no_models(tmp_path):
    # a data set under a models/ folder, a package named ...model, a tool release, a template
    src = """DATA = "http://download.acme.org/models/speech_commands_v0.01.zip"
PKG = "https://files.pythonhosted.org/packages/ea/80/sqlmodel-0.0.25.tar.gz"
TOOL = "https://github.com/acme/pandoc/releases/download/3.6/pandoc-3.6-linux-amd64.tar.gz"
TEMPLATE = "https://dl.acme.io/{name}-model.zip"
LOCAL = "http://localhost:8000/acme-model.zip"
"""
    assert _ids(tmp_path, {"urls.py": src}) == set()
