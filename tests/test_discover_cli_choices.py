"""Model choices a scaffolding CLI offers per provider, in JS/TS: tables keyed by a provider's
model names, an Ollama module's plain names, a provider named only by its variable names, and
the Hugging Face embeddings of LlamaIndex.TS fed through an alias map."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.model import HOSTED, HUGGINGFACE

from .discover_helpers import write_files


def refs(tmp_path, files: dict[str, str]) -> set[tuple[str, str, str | None, str, int]]:
    found = discover(write_files(tmp_path, files)).refs
    return {(r.id, r.source, r.provider, r.location.path, r.location.line) for r in found}


def test_a_list_under_the_llm_hub_s_name_holds_its_hosted_models(tmp_path):
    src = """export const HUB_API_URL = "https://llm-server.llmhub.t-systems.net/v2";
const LLMHUB_MODELS = ["Llama-3-70B-Instruct", "CodeLlama-2", "gpt-35-turbo"];
const LLMHUB_EMBEDDING_MODELS = ["text-embedding-bge-m3"];
const LLMHUB_TIMEOUT = "30s";
"""
    assert refs(tmp_path, {"src/hub.ts": src}) == {
        ("Llama-3-70B-Instruct", HOSTED, "t-systems", "src/hub.ts", 2),
        ("CodeLlama-2", HOSTED, "t-systems", "src/hub.ts", 2),
        ("gpt-35-turbo", HOSTED, "t-systems", "src/hub.ts", 2),
        ("text-embedding-bge-m3", HOSTED, "t-systems", "src/hub.ts", 3),
    }


def test_llamaindex_ts_hugging_face_embeddings_take_model_type(tmp_path):
    files = {
        "app/settings.ts": """import { HuggingFaceEmbedding } from "@llamaindex/huggingface";
import { Settings } from "llamaindex";

export function initSettings() {
  const embedModelMap: Record<string, string> = {
    "small": "Xenova/bge-small-en-v1.5",
    "base": "Xenova/bge-base-en-v1.5",
  };
  Settings.embedModel = new HuggingFaceEmbedding({
    modelType: embedModelMap[process.env.EMBEDDING_MODEL!],
  });
}
""",
        "app/default.ts": """import { HuggingFaceEmbedding } from "@llamaindex/huggingface";
export const embed = new HuggingFaceEmbedding();
""",
        # another library's modelType: an architecture, no model
        "app/other.ts": """import { Widget } from "acme-widgets";
export const w = new Widget({ modelType: "bert" });
""",
    }
    assert refs(tmp_path, files) == {
        ("Xenova/bge-small-en-v1.5", HUGGINGFACE, None, "app/settings.ts", 6),
        ("Xenova/bge-base-en-v1.5", HUGGINGFACE, None, "app/settings.ts", 7),
        ("Xenova/all-MiniLM-L6-v2", HUGGINGFACE, None, "app/default.ts", 2),
    }
