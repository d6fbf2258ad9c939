"""A list of model names under a ``*_model_name_list`` name holds models as ``*_model_names``
does (every item, not only the one a subscript picks), and a ``tokenizer_hub`` /
``tokenizer_repo`` names the Hub repository a tokenizer is loaded from, as an org/name id only."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.model import HUGGINGFACE

from .discover_helpers import write_files


def refs(tmp_path, files: dict[str, str]) -> set[tuple[str, str, int]]:
    return {(r.id, r.source, r.location.line) for r in discover(write_files(tmp_path, files)).refs}


def test_every_item_of_a_model_name_list_is_a_model(tmp_path):
    src = """from transformers import AutoModelForCausalLM

assistant_model_name_list = [
    "acme-labs/chat-3b-instruct",
    "acme-labs/chat-8b-instruct",
]


def load(name):
    return AutoModelForCausalLM.from_pretrained(name)


load(assistant_model_name_list[0])
"""
    found = refs(tmp_path, {"ui.py": src})
    assert ("acme-labs/chat-3b-instruct", HUGGINGFACE, 4) in found
    assert ("acme-labs/chat-8b-instruct", HUGGINGFACE, 5) in found


def test_a_list_under_another_name_still_names_only_what_is_loaded(tmp_path):
    src = """from transformers import AutoModelForCausalLM

voice_list = ["acme-labs/voice-a", "acme-labs/voice-b"]
AutoModelForCausalLM.from_pretrained(voice_list[0])
"""
    found = {(i, s) for i, s, _ in refs(tmp_path, {"ui.py": src})}
    assert ("acme-labs/voice-a", HUGGINGFACE) in found
    assert ("acme-labs/voice-b", HUGGINGFACE) not in found


def test_tokenizer_hub_fields_of_a_table_of_model_settings(tmp_path):
    src = """from pydantic import BaseModel


class Limits(BaseModel):
    max_tokens: int | None = None
    tokenizer_hub: str | None = None


DEFAULTS = {
    "gpt-4o": Limits(max_tokens=128000, tokenizer_hub="acme-labs/gpt-4o-tokenizer"),
    "local": Limits(max_tokens=4096, tokenizer_hub="cl100k_base"),
}
encoder = {"tokenizer_repo": "acme-labs/encoder-tokenizer"}
"""
    found = refs(tmp_path, {"config.py": src})
    assert ("acme-labs/gpt-4o-tokenizer", HUGGINGFACE, 10) in found
    assert ("acme-labs/encoder-tokenizer", HUGGINGFACE, 13) in found
    assert not {r for r in found if r[0] == "cl100k_base"}
