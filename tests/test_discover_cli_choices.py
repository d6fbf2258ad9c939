"""Model choices a scaffolding CLI offers per provider, in JS/TS: tables keyed by a provider's
model names, an Ollama module's plain names, a provider named only by its variable names, and
the Hugging Face embeddings of LlamaIndex.TS fed through an alias map."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.model import HOSTED, HUGGINGFACE, OLLAMA

from .discover_helpers import write_files


def refs(tmp_path, files: dict[str, str]) -> set[tuple[str, str, str | None, str, int]]:
    found = discover(write_files(tmp_path, files)).refs
    return {(r.id, r.source, r.provider, r.location.path, r.location.line) for r in found}


def test_the_keys_of_a_provider_s_table_of_models_are_its_model_names(tmp_path):
    src = """const AZURE_CHAT_MODELS: Record<string, { openAIModel: string }> = {
  "gpt-35-turbo-16k": {
    openAIModel: "gpt-3.5-turbo-16k",
  },
  "gpt-4-turbo-2024-04-09": { openAIModel: "gpt-4-turbo" },
  chat: { openAIModel: "gpt-4o" },
};
const AZURE_EMBEDDING_MODELS = {
  "fast-tier": { dimensions: 1536 },
};
"""
    assert refs(tmp_path, {"src/providers/cloud.ts": src}) == {
        ("gpt-35-turbo-16k", HOSTED, "azure-openai", "src/providers/cloud.ts", 2),
        ("gpt-3.5-turbo-16k", HOSTED, "openai", "src/providers/cloud.ts", 3),
        ("gpt-4-turbo-2024-04-09", HOSTED, "azure-openai", "src/providers/cloud.ts", 5),
        ("gpt-4-turbo", HOSTED, "openai", "src/providers/cloud.ts", 5),
        ("gpt-4o", HOSTED, "openai", "src/providers/cloud.ts", 6),
    }  # chat and fast-tier, keys without a version, are labels


def test_plain_names_in_a_module_that_only_runs_ollama_are_ollama_names(tmp_path):
    files = {
        "src/local.ts": """import ollama from "ollama";
const MODELS = ["llama3:8b", "phi3"];
const EMBEDDING_MODELS: Record<string, { dimensions: number }> = {
  "mxbai-embed-large": { dimensions: 1024 },
};
const FALLBACK_MODEL = "gpt-4o-mini";
export const pull = (m: string) => ollama.pull({ model: m });
""",
        # no Ollama client: a bare name says nothing
        "src/other.ts": """const MODELS = ["phi3", "mxbai-embed-large"];
""",
        # another loader library beside it: whose bare names these are is not said
        "src/mixed.ts": """import ollama from "ollama";
import { ChatOpenAI } from "@langchain/openai";
const MODELS = ["phi3"];
""",
    }
    assert refs(tmp_path, files) == {
        ("llama3:8b", OLLAMA, None, "src/local.ts", 2),
        ("phi3:latest", OLLAMA, None, "src/local.ts", 2),
        ("mxbai-embed-large:latest", OLLAMA, None, "src/local.ts", 4),
        ("gpt-4o-mini", HOSTED, "openai", "src/local.ts", 6),
    }


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


def test_llamaindex_ts_openai_takes_the_models_of_a_map_it_looks_up(tmp_path):
    files = {
        "app/azure.ts": """import { OpenAI, OpenAIEmbedding } from "@llamaindex/openai";

export function initSettings() {
  const NAME_MAP: Record<string, string> = {
    "house-chat": "gpt-4o-mini",
    "house-big": "gpt-4.1",
  };
  const llm = new OpenAI({
    model: NAME_MAP[process.env.MODEL!] ?? "gpt-4o",
  });
  const embed = new OpenAIEmbedding({ model: process.env.EMBEDDING_MODEL });
  const bare = new OpenAIEmbedding();
}
""",
    }
    assert refs(tmp_path, files) == {
        ("gpt-4o-mini", HOSTED, "openai", "app/azure.ts", 5),
        ("gpt-4.1", HOSTED, "openai", "app/azure.ts", 6),
        ("gpt-4o", HOSTED, "openai", "app/azure.ts", 9),
    }  # (no default is guessed for the call without a model: it changed across releases)
