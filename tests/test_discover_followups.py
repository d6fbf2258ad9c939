"""Local model folders (a LICENSE file is read as `licaudit licenses identify` reads it; a
vendored card's EU exclusion reaches the record) and suppression of ids imported from other modules."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.model import LOCAL
from licaudit.resolve import resolve

from .test_licensing_identify import llama_text


def test_a_utf16_license_file_in_a_model_folder_is_identified(make_repo):
    repo = make_repo(
        {
            "models/chat/config.json": '{"architectures": ["LlamaForCausalLM"]}',
            "models/chat/LICENSE": llama_text("llama3.1").encode("utf-16"),
        }
    )
    (ref,) = [r for r in discover(repo).refs if r.source == LOCAL]
    assert ref.id == "models/chat"
    assert ref.metadata.license == "llama3.1"
    assert (ref.metadata.source, ref.metadata.path) == ("license-file", "models/chat/LICENSE")
    assert ref.metadata.license_file.license == "llama3.1"


def test_a_vendored_cards_eu_exclusion_reaches_the_record(make_repo):
    card = "---\nlicense: llama3.2\nextra_gated_eu_disallowed: true\n---\n# Vision model\n"
    repo = make_repo(
        {
            "models/vision/README.md": card,
            "models/vision/config.json": '{"architectures": ["MllamaForConditionalGeneration"]}',
        }
    )
    refs = [r for r in discover(repo).refs if r.source == LOCAL]
    record = resolve(refs, offline=True).get("models/vision", LOCAL)
    assert record.eu_disallowed is True
    assert record.license == "llama3.2"


def test_a_marker_at_the_end_of_a_long_line_suppresses_an_imported_id(make_repo):
    long_call = (
        "model = AutoModel.from_pretrained(CHAT, "
        + ", ".join(f"option_{i}=True" for i in range(30))
        + ")"
    )
    repo = make_repo(
        {
            "app/settings.py": 'CHAT = "org/chat-model"\n',
            "app/main.py": f"from transformers import AutoModel\nfrom .settings import CHAT\n{long_call}  # licaudit: ignore\n",
        }
    )
    assert len(long_call) > 200
    (ref,) = discover(repo).refs
    assert ref.id == "org/chat-model" and ref.suppressed
