"""JavaScript / TypeScript discovery: each shape apps write, found where its id is written, and
its decoy not found. Real files in a temporary folder, scanned by the real discovery."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from licaudit.discover import discover, javascript
from licaudit.discover.loaders import knowledge
from licaudit.model import HOSTED, HUGGINGFACE, OLLAMA

from .discover_helpers import write_files


def found(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, str, int]]:
    result = discover(write_files(tmp_path, files))
    return [(r.id, r.source, r.location.line) for r in result.refs]


def one(tmp_path: Path, name: str, text: str):
    return discover(write_files(tmp_path, {name: text}))


# ---------------------------------------------------------------- names that say model


def test_class_fields_constants_and_assignments(tmp_path):
    text = """import { AutoModel } from "@huggingface/transformers";
export class Embedder {
  static model_id = "onnx-community/all-MiniLM-L6-v2-ONNX";
  static task = "feature-extraction";
  #tokenizer = "Xenova/bert-base-uncased";
  constructor() { this.model = "Xenova/distilgpt2"; }
}
const MODEL_ID = "onnx-community/Qwen3-0.6B-ONNX";
let embeddingModel;
embeddingModel = "BAAI/bge-small-en-v1.5";
const OUTPUT_DIR = "acme/my-finetune";
const repoUrl = "huggingface/transformers.js";
"""
    assert found(tmp_path, {"src/embed.ts": text}) == [
        ("onnx-community/all-MiniLM-L6-v2-ONNX", HUGGINGFACE, 3),
        ("Xenova/bert-base-uncased", HUGGINGFACE, 5),
        ("Xenova/distilgpt2", HUGGINGFACE, 6),
        ("onnx-community/Qwen3-0.6B-ONNX", HUGGINGFACE, 8),
        ("BAAI/bge-small-en-v1.5", HUGGINGFACE, 10),
    ]


def test_object_properties_in_any_call(tmp_path):
    text = """const agent = createAgent({ model: "gpt-4.1-mini", temperature: 0.2 });
const rag = buildPipeline({ embedding_model: "nomic-ai/nomic-embed-text-v1.5", reranker: "BAAI/bge-reranker-base" });
const cfg = { served_model_name: "meta-llama/Llama-3.1-8B", image: "vllm/vllm-openai:latest" };
const headers = { "content-type": "application/json", model: "username/model-name" };
const evals = runEval({ dataset: "HuggingFaceH4/ultrachat_200k", output_dir: "acme/eval-run" });
"""
    assert found(tmp_path, {"agent.js": text}) == [
        ("gpt-4.1-mini", HOSTED, 1),
        ("nomic-ai/nomic-embed-text-v1.5", HUGGINGFACE, 2),
        ("BAAI/bge-reranker-base", HUGGINGFACE, 2),
        ("HuggingFaceH4/ultrachat_200k", "huggingface-dataset", 5),
    ]


def test_lists_and_maps_of_model_options(tmp_path):
    text = """export const DEFAULT_CHAT_MODEL = "google/gemini-2.5-flash-lite";
export const chatModels: ChatModel[] = [
  { id: "anthropic/claude-haiku-4.5", name: "Claude Haiku 4.5", provider: "anthropic" },
  { id: "openai/gpt-4.1-mini", name: "GPT-4.1 Mini", description: "Fast" },
  { id: "xai/grok-4", name: "Grok 4" },
];
export const SUPPORTED_MODELS = ["Qwen/Qwen2.5-0.5B-Instruct", "HuggingFaceTB/SmolLM2-360M-Instruct"] as const;
export const MODELS = { fast: "llama3.2:3b", smart: "qwen3:14b" };
export const providerLogos = ["openai/logo.svg", "anthropic/logo"];
"""
    refs = one(tmp_path, "lib/ai/models.ts", text).refs
    assert [(r.id, r.source, r.provider, r.location.line) for r in refs] == [
        ("gemini-2.5-flash-lite", HOSTED, "google-gemini", 1),
        ("claude-haiku-4.5", HOSTED, "anthropic", 3),
        ("gpt-4.1-mini", HOSTED, "openai", 4),
        ("grok-4", HOSTED, "xai", 5),
        ("Qwen/Qwen2.5-0.5B-Instruct", HUGGINGFACE, None, 7),
        ("HuggingFaceTB/SmolLM2-360M-Instruct", HUGGINGFACE, None, 7),
        ("llama3.2:3b", OLLAMA, None, 8),
        ("qwen3:14b", OLLAMA, None, 8),
    ]


def test_a_record_takes_its_id_not_its_display_name(tmp_path):
    text = """export enum OpenAIModelID {
  GPT_3_5 = "gpt-3.5-turbo",
  GPT_4 = "gpt-4",
  LOCAL = "/models/llama-2-7b-chat.bin",
}
export const OpenAIModels: Record<OpenAIModelID, OpenAIModel> = {
  [OpenAIModelID.GPT_3_5]: { id: OpenAIModelID.GPT_3_5, name: "GPT-3.5" },
};
export const embedModel = { name: "nomic-embed-text:v1.5", dims: 768 };
"""
    assert found(tmp_path, {"types/openai.ts": text}) == [
        ("gpt-3.5-turbo", HOSTED, 2),
        ("gpt-4", HOSTED, 3),
        ("nomic-embed-text:v1.5", OLLAMA, 9),
    ]


def test_parameter_defaults_and_jsx_attributes(tmp_path):
    text = """export function Chat({ model = "gpt-4o", title = "org/title" }) {
  return <ModelSelect defaultModel="anthropic/claude-sonnet-4.5" className="org/cls" placeholder="Select a model" />;
}
function embed(text, embeddingModel = "mixedbread-ai/mxbai-embed-large-v1") { return text; }
"""
    assert found(tmp_path, {"Chat.jsx": text}) == [
        ("gpt-4o", HOSTED, 1),
        ("claude-sonnet-4.5", HOSTED, 2),
        ("mixedbread-ai/mxbai-embed-large-v1", HUGGINGFACE, 4),
    ]


def test_environment_defaults_name_the_variable(tmp_path):
    text = """const MODEL = process.env.MODEL ?? "qwen3:8b";
const embed = process.env.EMBEDDING_MODEL || "nomic-ai/nomic-embed-text-v1.5";
const cfg = { model: import.meta.env.VITE_MODEL ?? "meta-llama/Llama-3.2-1B-Instruct" };
const OPENAI_API_TYPE = process.env.OPENAI_API_TYPE || "openai";
const OPENAI_API_VERSION = process.env.OPENAI_API_VERSION || "2023-03-15-preview";
const key = process.env.OPENAI_API_KEY || "sk-not-a-model";
const host = process.env.OLLAMA_HOST || "http://localhost:11434";
"""
    refs = one(tmp_path, "config.ts", text).refs
    assert [(r.id, r.source, r.location.line) for r in refs] == [
        ("qwen3:8b", OLLAMA, 1),
        ("nomic-ai/nomic-embed-text-v1.5", HUGGINGFACE, 2),
        ("meta-llama/Llama-3.2-1B-Instruct", HUGGINGFACE, 3),
    ]
    assert "environment variable MODEL" in refs[0].evidence
    assert "environment variable EMBEDDING_MODEL" in refs[1].evidence
    assert "environment variable VITE_MODEL" in refs[2].evidence


# ---------------------------------------------------------------- loaders


def test_transformers_js_pipeline_and_from_pretrained(tmp_path):
    text = """import { pipeline, AutoTokenizer, AutoModelForCausalLM } from "@huggingface/transformers";
const EMBED = "Xenova/all-MiniLM-L6-v2";
const extractor = await pipeline("feature-extraction", EMBED);
const generator = await pipeline(
  "text-generation",
  "onnx-community/Qwen2.5-0.5B-Instruct",
  { dtype: "q4", device: "webgpu" },
);
const tok = await AutoTokenizer.from_pretrained("Xenova/gpt2");
const lm = await AutoModelForCausalLM.from_pretrained("HuggingFaceTB/SmolLM2-135M-Instruct", { dtype: "q4f16" });
const dyn = await pipeline("feature-extraction", `Xenova/${size}`);
"""
    result = one(tmp_path, "app.js", text)
    assert [(r.id, r.location.line) for r in result.refs] == [
        ("Xenova/all-MiniLM-L6-v2", 2),
        ("onnx-community/Qwen2.5-0.5B-Instruct", 6),
        ("Xenova/gpt2", 9),
        ("HuggingFaceTB/SmolLM2-135M-Instruct", 10),
    ]
    assert "pipeline()" in result.refs[0].evidence and "EMBED" in result.refs[0].evidence
    assert [(u.location.line, u.expression) for u in result.unresolvable] == [
        (11, "`Xenova/${size}`")
    ]


def test_pipeline_without_a_model_is_the_task_default_of_the_release_line(tmp_path):
    files = {
        "v4/app.js": 'import { pipeline } from "@huggingface/transformers";\n'
        'const gen = await pipeline("text-generation");\n',
        "v4/package.json": json.dumps({"dependencies": {"@huggingface/transformers": "^4.2.0"}}),
        "v3/app.js": 'import { pipeline } from "https://cdn.jsdelivr.net/npm/@huggingface/transformers@3.0.0";\n'
        'const gen = await pipeline("text-generation");\n',
        "v2/sketch.js": "let pipeline = await loadTransformers();\n"
        "const classifier = await pipeline('sentiment-analysis');\n",
        "v2/helper.js": "async function loadTransformers() {\n"
        "  const m = await import('https://cdn.jsdelivr.net/npm/@xenova/transformers@2.17.2');\n"
        "  return m.pipeline;\n}\n",
    }
    result = discover(write_files(tmp_path, files))
    got = {r.location.path: r for r in result.refs}
    assert got["v4/app.js"].id == "onnx-community/Qwen3-0.6B-ONNX"
    assert got["v3/app.js"].id == "Xenova/gpt2"
    assert got["v2/sketch.js"].id == "Xenova/distilbert-base-uncased-finetuned-sst-2-english"
    assert "v2/helper.js" not in got  # a CDN URL is a library, not a model
    assert "pipeline('text-classification')" in got["v2/sketch.js"].evidence
    assert "@xenova/transformers 2.17.2" in got["v2/sketch.js"].evidence
    assert "3.0.0" in got["v3/app.js"].evidence


def test_a_pipeline_of_another_library_is_not_transformers_js(tmp_path):
    text = """import { pipeline } from "node:stream/promises";
await pipeline(source, "text-generation", dest);
const pipelineTask = await run("sentiment-analysis");
"""
    assert found(tmp_path, {"stream.mjs": text}) == []


def test_ollama_js_calls_clients_and_parameters(tmp_path):
    text = """import ollama, { Ollama } from "ollama";
const client = new Ollama({ host: "http://127.0.0.1:11434" });
await ollama.chat({ model: "llama3.2", messages: [] });
await client.generate({ model: "x/z-image-turbo", prompt: "a cat" });
const model = "llama3.1";
await ollama.pull({ model, stream: true });
async function run(model: string) {
  return ollama.chat({ model: model, messages: [] });
}
run("mistral").catch(console.error);
for (const name of ["phi3:mini", "gemma3"]) { await client.pull({ model: name }); }
await ollama.create({ model: "my-assistant", from: "qwen3:8b" });
await client.generate({ model: "dummy", prompt: "mocked" });
console.log("Using model: gemma3");
"""
    assert found(tmp_path, {"examples/run.ts": text}) == [
        ("llama3.2:latest", OLLAMA, 3),
        ("x/z-image-turbo:latest", OLLAMA, 4),
        ("llama3.1:latest", OLLAMA, 5),
        ("mistral:latest", OLLAMA, 10),
        ("phi3:mini", OLLAMA, 11),
        ("gemma3:latest", OLLAMA, 11),
        ("qwen3:8b", OLLAMA, 12),
    ]


def test_a_client_call_without_its_library_is_nothing(tmp_path):
    assert found(tmp_path, {"a.js": "client.chat({ messages: [], stream: true });\n"}) == []


def test_ai_sdk_providers_gateway_and_local_servers(tmp_path):
    text = """import { generateText, embed } from "ai";
import { openai, createOpenAI } from "@ai-sdk/openai";
import { anthropic } from "@ai-sdk/anthropic";
import { gateway } from "@ai-sdk/gateway";
import { ollama } from "ollama-ai-provider";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
await generateText({ model: openai("gpt-4o"), prompt });
await generateText({ model: anthropic("claude-3-5-haiku-latest"), prompt });
await generateText({ model: ollama("llama3.1"), prompt });
await generateText({ model: "openai/gpt-4.1-nano", prompt });
const title = gateway.languageModel("anthropic/claude-haiku-4.5");
const vendor = gateway("meta/llama-3.3-70b");
await embed({ model: openai.embedding("text-embedding-3-small"), value });
const local = createOpenAI({ baseURL: "http://localhost:11434/v1" });
await generateText({ model: local("qwen2.5-coder"), prompt });
const lmstudio = createOpenAICompatible({ name: "lmstudio", baseURL: "http://localhost:1234/v1" });
await generateText({ model: lmstudio("Qwen/Qwen2.5-7B-Instruct-GGUF"), prompt });
"""
    refs = one(tmp_path, "app/route.ts", text).refs
    assert [(r.id, r.source, r.provider, r.location.line) for r in refs] == [
        ("gpt-4o", HOSTED, "openai", 7),
        ("claude-3-5-haiku-latest", HOSTED, "anthropic", 8),
        ("llama3.1:latest", OLLAMA, None, 9),
        ("gpt-4.1-nano", HOSTED, "openai", 10),
        ("claude-haiku-4.5", HOSTED, "anthropic", 11),
        ("llama-3.3-70b", HOSTED, "vercel-ai-gateway", 12),
        ("text-embedding-3-small", HOSTED, "openai", 13),
        ("qwen2.5-coder:latest", OLLAMA, None, 15),
        ("Qwen/Qwen2.5-7B-Instruct-GGUF", HUGGINGFACE, None, 17),
    ]


def test_langchain_js_classes_and_their_defaults(tmp_path):
    text = """import { ChatOllama, OllamaEmbeddings } from "@langchain/ollama";
import { ChatOpenAI } from "@langchain/openai";
import { HuggingFaceTransformersEmbeddings } from "@langchain/community/embeddings/huggingface_transformers";
import { initChatModel } from "langchain/chat_models/universal";
const llm = new ChatOllama({ model: "llama3.1:8b", baseUrl: "http://localhost:11434" });
const embeddings = new OllamaEmbeddings();
const gpt = new ChatOpenAI({ model: "gpt-4o-mini" });
const local = new HuggingFaceTransformersEmbeddings({ model: "Xenova/bge-small-en-v1.5" });
const universal = await initChatModel("ollama:qwen3:8b");
const hosted = await initChatModel("openai:gpt-4.1");
const opts = { ...base };
const unknown = new ChatOllama(opts);
"""
    refs = one(tmp_path, "chain.ts", text).refs
    assert [(r.id, r.source, r.location.line) for r in refs] == [
        ("llama3.1:8b", OLLAMA, 5),
        ("mxbai-embed-large:latest", OLLAMA, 6),
        ("gpt-4o-mini", HOSTED, 7),
        ("Xenova/bge-small-en-v1.5", HUGGINGFACE, 8),
        ("qwen3:8b", OLLAMA, 9),
        ("gpt-4.1", HOSTED, 10),
    ]
    assert "default model of langchain.js OllamaEmbeddings" in refs[1].evidence


def test_huggingface_inference_client(tmp_path):
    text = """import { InferenceClient } from "@huggingface/inference";
const hf = new InferenceClient(process.env.HF_TOKEN);
const out = await hf.chatCompletion({
  model: "meta-llama/Llama-3.1-8B-Instruct",
  messages: [{ role: "user", content: "hi" }],
});
"""
    assert found(tmp_path, {"a.mjs": text}) == [
        ("meta-llama/Llama-3.1-8B-Instruct", HUGGINGFACE, 4)
    ]


# ---------------------------------------------------------------- what is never a reference


def test_comments_jsdoc_prose_and_urls_are_not_references(tmp_path):
    text = """// const model = "comment/line";
/* pipeline("feature-extraction", "block/comment") */
/**
 * @param model e.g. "jsdoc/model"
 * @example const m = await pipeline("text-generation", "jsdoc/example")
 */
const prompt = `Use model org/prose-in-template for ${task}`;
const help = "model: org/in-a-string";
const module = await import("https://cdn.jsdelivr.net/npm/@huggingface/transformers@3.0.0");
import("https://esm.sh/@xenova/transformers@2.17.2");
console.log("loading", "Xenova/logged");
if (task === "org/compared") { throw new Error("unsupported model org/message"); }
const re = /model: "org\\/regex"/;
"""
    assert found(tmp_path, {"prose.ts": text}) == []


def test_placeholders_and_mock_models_are_not_references(tmp_path):
    text = """import ollama from "ollama";
await ollama.generate({ model: "dummy", prompt: "x" });
await ollama.chat({ model: "dummy-image", messages: [] });
const modelId = "mock-model";
const model = provider("model-id");
export const testModel = "your-org/your-model";
"""
    assert found(tmp_path, {"test/mock.test.ts": text}) == []


def test_a_suppression_on_the_use_line_covers_the_literal(tmp_path):
    text = """import { pipeline } from "@huggingface/transformers";
const M = "Xenova/distilgpt2";
const gen = await pipeline("text-generation", M); // licaudit: ignore
"""
    (ref,) = one(tmp_path, "a.js", text).refs
    assert (ref.id, ref.location.line, ref.suppressed) == ("Xenova/distilgpt2", 2, True)


# ---------------------------------------------------------------- robustness and cost


def test_syntax_errors_and_hostile_input_do_not_end_the_scan(tmp_path):
    deep = "const x = " + "[" * 5000 + "]" * 5000 + ";\n"
    files = {
        "broken.ts": 'const model = "Qwen/Qwen2.5-7B-Instruct";\nfunction (((( {\n',
        "deep.js": deep + 'const model_id = "org/deep-model";\n',
        "long.js": "const a = '" + "x" * 200_000 + "';\nconst model = 'org/after-long';\n",
        "nul.ts": 'const model = "org/\x00nul";\n',
    }
    result = discover(write_files(tmp_path, files))
    assert ("Qwen/Qwen2.5-7B-Instruct", "broken.ts") in {
        (r.id, r.location.path) for r in result.refs
    }
    assert ("org/deep-model", "deep.js") in {(r.id, r.location.path) for r in result.refs}
    assert ("org/after-long", "long.js") in {(r.id, r.location.path) for r in result.refs}


def test_columns_count_characters_not_bytes(tmp_path):
    text = 'const label = "héllo wörld"; const model = "org/after-accents";\n'
    (ref,) = one(tmp_path, "a.ts", text).refs
    assert ref.location.column == text.index("org/after-accents") + 1


def test_the_prefilter_covers_every_model_naming_name():
    k = knowledge()
    words = {w.decode().replace("_", "") for w in javascript.NAME_WORDS}
    names = [
        n.name
        for n in [*k._exact.values(), *(c for _, c in k._suffix)]
        if n.names_model or n.role == "dataset"
    ]
    assert names
    for name in names:
        key = name.lower().replace("_", "")
        assert any(w in key for w in words), name


def test_the_parser_loads_only_when_a_javascript_file_is_scanned(tmp_path):
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from licaudit.discover import discover\n"
        "import licaudit.discover.javascript\n"
        "assert 'tree_sitter' not in sys.modules, 'imported with the module'\n"
        f"discover(Path({str(tmp_path / 'py')!r}))\n"
        "assert 'tree_sitter' not in sys.modules, 'imported for a Python-only tree'\n"
        f"r = discover(Path({str(tmp_path / 'js')!r}))\n"
        "assert 'tree_sitter' in sys.modules\n"
        "print(r.refs[0].id)\n"
    )
    write_files(tmp_path, {"py/a.py": "x = 1\n", "js/a.ts": 'const model = "org/m";\n'})
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "org/m"


@pytest.mark.parametrize(
    ("specifier", "expected"),
    [
        (
            "@huggingface/transformers",
            ("@huggingface/transformers", None, "@huggingface/transformers"),
        ),
        (
            "https://cdn.jsdelivr.net/npm/@huggingface/transformers@3.0.0",
            ("@huggingface/transformers", "3.0.0", "@huggingface/transformers"),
        ),
        (
            "https://esm.sh/@xenova/transformers@2.17.2",
            ("@xenova/transformers", "2.17.2", "@xenova/transformers"),
        ),
        (
            "@langchain/community/embeddings/hf",
            ("@langchain/community", None, "@langchain/community/embeddings/hf"),
        ),
        ("ollama/browser", ("ollama", None, "ollama/browser")),
        ("./models", ("./models", None, "./models")),
    ],
)
def test_import_specifiers(specifier, expected):
    assert javascript.package_of(specifier) == expected


def test_a_fifo_or_a_link_beside_a_script_is_never_read(tmp_path):
    """The files read for the release line (package.json, the folder's other scripts) go through
    discovery's bounded reader: a FIFO does not block the scan, a link does not leave the tree."""
    outside = tmp_path / "outside"
    write_files(
        outside, {"lib.js": "import('https://cdn.jsdelivr.net/npm/@xenova/transformers@2.17.2')\n"}
    )
    root = tmp_path / "repo"
    write_files(root, {"app/sketch.js": "const c = await pipeline('text-generation');\n"})
    os.mkfifo(root / "app" / "package.json")
    (root / "app" / "helper.js").symlink_to(outside / "lib.js")
    code = (
        "from pathlib import Path\n"
        "from licaudit.discover import discover\n"
        f"r = discover(Path({str(root)!r}), files=['app/sketch.js'])\n"
        "print(r.refs[0].id)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    # neither the FIFO nor the link's target decided the line: the newest release's default
    assert proc.stdout.strip() == "onnx-community/Qwen3-0.6B-ONNX"


def test_every_provider_prefix_ends_in_its_only_separator():
    for p in knowledge().prefixes:
        assert p.prefix[-1] in "/:" and not any(c in "/:" for c in p.prefix[:-1]), p.prefix


def test_a_constant_imported_from_another_module_of_the_repository(tmp_path):
    files = {
        "src/lib/constants.ts": 'export const EMBED = "Xenova/all-MiniLM-L6-v2";\n'
        'export const CHAT = process.env.CHAT ?? "onnx-community/Qwen3-0.6B-ONNX";\n'
        'import { OTHER } from "./more.js";\nexport const VIA = OTHER;\n'
        'import { LOOP } from "./cycle";\nexport const BACK = LOOP;\n',
        "src/lib/more.ts": 'export const OTHER = "Xenova/t5-small";\n',
        "src/lib/cycle.ts": 'import { BACK } from "./constants";\nexport const LOOP = BACK;\n',
        "src/app.ts": 'import { pipeline } from "@huggingface/transformers";\n'
        'import { EMBED, CHAT, VIA, BACK } from "./lib/constants";\n'
        'import { GONE } from "./lib/nowhere";\n'
        'const e = await pipeline("feature-extraction", EMBED);\n'
        'const c = await pipeline("text-generation", CHAT);\n'
        'const v = await pipeline("text2text-generation", VIA);\n'
        'const b = await pipeline("text2text-generation", BACK);\n'
        'const g = await pipeline("text2text-generation", GONE);\n',
    }
    result = discover(write_files(tmp_path, files))
    refs = [(r.id, r.location.path, r.location.line) for r in result.refs]
    assert refs == [
        ("Xenova/all-MiniLM-L6-v2", "src/app.ts", 4),
        ("onnx-community/Qwen3-0.6B-ONNX", "src/app.ts", 5),
        ("Xenova/t5-small", "src/app.ts", 6),
    ]
    assert "lib/constants.ts line 1" in result.refs[0].evidence
    assert "environment variable CHAT" in result.refs[1].evidence
    assert "src/lib/more.ts line 1" in result.refs[2].evidence
    reasons = {u.location.line: u.reason for u in result.unresolvable}
    assert "imported from ./lib/constants" in reasons[7]  # a cycle is not followed forever
    assert "imported from ./lib/nowhere" in reasons[8]


def test_a_deep_method_chain_costs_linear_time(tmp_path):
    """Each call of a chain is reached from the tree's query, walking down (walking up from each
    call of a deep tree costs its depth squared, and so does a query pattern that looks into a
    call's callee: 20,000 chained calls took minutes; now about a second)."""
    chain = '.from_pretrained("acme/js-deep").then()' * 10000
    write_files(tmp_path, {"x.js": f"const m = this.load(){chain};\n"})
    code = (
        "from pathlib import Path\n"
        "from licaudit.discover import discover\n"
        f"refs = discover(Path({str(tmp_path)!r})).refs\n"
        "print(len(refs), {(r.id, r.source, r.location.line) for r in refs})\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "10000 {('acme/js-deep', 'huggingface', 1)}"


def test_webllm_model_ids_are_the_prebuilt_configs_hub_repositories(tmp_path):
    files = {
        "engine.js": """import { CreateMLCEngine, CreateWebWorkerMLCEngine } from "@mlc-ai/web-llm";
const SELECTED = "Qwen2.5-1.5B-Instruct-q4f16_1-MLC";
export const a = await CreateMLCEngine("Llama-3.1-8B-Instruct-q4f32_1-MLC-1k");
export const b = await CreateWebWorkerMLCEngine(new Worker("./w.js"), SELECTED);
export const c = await CreateMLCEngine("MyOwnModel-q4f16_1-MLC");
""",
        # the same names outside WebLLM are nothing
        "other.js": """import { CreateMLCEngine } from "./local-engine.js";
export const d = await CreateMLCEngine("Phi-3.5-mini-instruct-q4f16_1-MLC");
""",
    }
    assert sorted(found(tmp_path, files)) == [
        ("mlc-ai/Llama-3.1-8B-Instruct-q4f32_1-MLC", HUGGINGFACE, 3),
        ("mlc-ai/Qwen2.5-1.5B-Instruct-q4f16_1-MLC", HUGGINGFACE, 2),
    ]


def test_a_webllm_id_under_a_model_name_in_a_webllm_project_is_its_hub_repository(tmp_path):
    # a configuration posted to a worker: no loader call of the file reaches the value, the
    # package.json that declares WebLLM and the prebuilt config's id say what it is
    files = {
        "package.json": '{"dependencies": {"@mlc-ai/web-llm": "^0.2.62"}}',
        "components/Chat.tsx": """const modelConfigs = {
  webllm: { model: "Phi-3.5-mini-instruct-q4f16_1-MLC", chatOptions: { temperature: 0.1 } },
};
const title = "Llama-3.2-1B-Instruct-q4f16_1-MLC";
const custom = { model: "MyOwnModel-q4f16_1-MLC" };
worker.postMessage({ modelConfig: modelConfigs.webllm, title, custom });
""",
    }
    assert found(tmp_path, files) == [
        ("mlc-ai/Phi-3.5-mini-instruct-q4f16_1-MLC", HUGGINGFACE, 2),
    ]


def test_a_webllm_id_outside_a_webllm_project_is_nothing(tmp_path):
    files = {
        "package.json": '{"dependencies": {"react": "18.2.0"}}',
        "app.ts": 'const settings = { model: "Phi-3.5-mini-instruct-q4f16_1-MLC" };\n',
    }
    assert found(tmp_path, files) == []


def test_a_record_under_a_providers_key_is_that_providers_model(tmp_path):
    text = """const modelConfigs = {
  ollama: { baseUrl: "http://localhost:11435", temperature: 0.3, model: "mistral" },
  groq: { model: "llama3-8b-8192" },
  chrome_ai: {},
};
const presets = { fast: { model: "mistral" }, ollama: { label: "mistral" } };
const byKey = { ollama: "mistral" };
"""
    assert hosted_refs(tmp_path, {"components/Chat.tsx": text}) == [
        ("mistral:latest", OLLAMA, None, "components/Chat.tsx", 2),
        ("llama3-8b-8192", HOSTED, "groq", "components/Chat.tsx", 3),
    ]


def test_langchain_js_webllm_and_chrome_ai_classes(tmp_path):
    text = """import { ChatWebLLM } from "@langchain/community/chat_models/webllm";
import { ChromeAI } from "@langchain/community/experimental/llms/chrome_ai";
const webllm = new ChatWebLLM({ model: "Phi-3.5-mini-instruct-q4f16_1-MLC", chatOptions: {} });
const nano = new ChromeAI({ temperature: 0.5 });
const fromWorker = new ChromeAI(event.data.modelConfig);
"""
    refs = one(tmp_path, "app/worker.ts", text).refs
    assert [(r.id, r.source, r.location.line) for r in refs] == [
        ("mlc-ai/Phi-3.5-mini-instruct-q4f16_1-MLC", HUGGINGFACE, 3),
        ("gemini-nano", "chrome-built-in-ai", 4),
        ("gemini-nano", "chrome-built-in-ai", 5),
    ]
    assert "without a model" in refs[1].evidence


def test_a_class_named_like_chrome_ai_of_another_module_is_nothing(tmp_path):
    text = """import { ChromeAI } from "./chrome-ai";
const nano = new ChromeAI({ temperature: 0.5 });
"""
    assert found(tmp_path, {"app/worker.ts": text}) == []


# ---------------------------------------------------------------- option tables of hosted models


def hosted_refs(
    tmp_path: Path, files: dict[str, str]
) -> list[tuple[str, str, str | None, str, int]]:
    result = discover(write_files(tmp_path, files))
    return [(r.id, r.source, r.provider, r.location.path, r.location.line) for r in result.refs]


def test_a_record_names_the_provider_of_its_model_and_its_display_name_is_no_model(tmp_path):
    text = """import { LLM } from "./types";
const LLAMA3_8B: LLM = {
  modelId: "llama3-8b-8192",
  modelName: "LLaMA3-8b-chat",
  provider: "groq",
  hostedId: "llama3-8b-8192",
  platformLink: "https://groq.com/",
};
const SONAR = { modelId: "sonar-small-chat", modelName: "Sonar-Small-Chat", provider: "perplexity" };
export const chatModels = [{ id: "mixtral-8x7b-instruct", name: "Mixtral 8x7B", provider: "perplexity" }];
const HOUSE = { modelId: "house-router-2", provider: "custom" };
const ROW = { modelId: "llama3-70b-8192", provider: "groq", userId: "3f2a9c1e-8b7d-4e5f-a6b7-c8d9e0f1a2b3" };
"""
    assert hosted_refs(tmp_path, {"lib/models/llm-list.ts": text}) == [
        ("llama3-8b-8192", HOSTED, "groq", "lib/models/llm-list.ts", 3),
        ("llama3-8b-8192", HOSTED, "groq", "lib/models/llm-list.ts", 6),
        ("sonar-small-chat", HOSTED, "perplexity", "lib/models/llm-list.ts", 9),
        ("mixtral-8x7b-instruct", HOSTED, "perplexity", "lib/models/llm-list.ts", 10),
        ("llama3-70b-8192", HOSTED, "groq", "lib/models/llm-list.ts", 12),
    ]


def test_a_record_typed_as_a_model_holds_its_ids_under_id_keys(tmp_path):
    text = """const GPT4o: LLM = { modelId: "gpt-4o", hostedId: "gpt-4o-2024-05-13" };
export const OPTIONS: ChatModel[] = [{ apiId: "claude-3-haiku-20240307", title: "Haiku" }];
const GEMMA: LLM = { modelId: "gemma-7b-it", provider: "groq", hostedId: "gemma-7b-it", workspaceId: "ws-1234" };
const AZURE: Record<string, LLM> = { fast: { modelId: "gpt-4o", provider: "azure", deploymentId: "gpt-4o" } };
const settings: Settings = { hostedId: "gpt-4o-mini" };
const untyped = { hostedId: "gpt-4-turbo" };
const typo: LLM = { valid: "gpt-4", paid: "gpt-4o", uuid: "claude-2.1", providerId: "openai" };
"""
    assert hosted_refs(tmp_path, {"models.ts": text}) == [
        ("gpt-4o", HOSTED, "openai", "models.ts", 1),
        ("gpt-4o-2024-05-13", HOSTED, "openai", "models.ts", 1),
        ("claude-3-haiku-20240307", HOSTED, "anthropic", "models.ts", 2),
        ("gemma-7b-it", HOSTED, "groq", "models.ts", 3),
        ("gemma-7b-it", HOSTED, "groq", "models.ts", 3),
        ("gpt-4o", HOSTED, "azure-openai", "models.ts", 4),
        ("gpt-4o", HOSTED, "azure-openai", "models.ts", 4),
    ]


def test_a_union_type_of_model_ids_lists_its_models_and_its_name_the_provider(tmp_path):
    text = """export type GroqLLMID =
  | "llama3-8b-8192" // LLaMA3-8b
  | "gemma-7b-it" // Gemma-7b IT
export type CerebrasChatModelId = "llama3.1-8b" | "llama-3.3-70b" | (string & {});
export type GatewayModelId = "meta/llama-3.3-70b" | "openai/gpt-oss-120b" | "bfl/flux-pro-1.1";
export type ModelId = "gpt-4o" | "org/not-a-model-shape" | "plain";
export type Theme = "dark" | "llama3-8b-8192";
export type ModelProvider = "openai" | "groq";
export type ModelSize = "small" | "large";
"""
    assert hosted_refs(tmp_path, {"types/llms.ts": text}) == [
        ("llama3-8b-8192", HOSTED, "groq", "types/llms.ts", 2),
        ("gemma-7b-it", HOSTED, "groq", "types/llms.ts", 3),
        ("llama3.1-8b", HOSTED, "cerebras", "types/llms.ts", 4),
        ("llama-3.3-70b", HOSTED, "cerebras", "types/llms.ts", 4),
        ("llama-3.3-70b", HOSTED, "vercel-ai-gateway", "types/llms.ts", 5),
        ("gpt-oss-120b", HOSTED, "openai", "types/llms.ts", 5),
        ("bfl/flux-pro-1.1", HOSTED, "vercel-ai-gateway", "types/llms.ts", 5),
        ("gpt-4o", HOSTED, "openai", "types/llms.ts", 6),
        ("org/not-a-model-shape", HUGGINGFACE, None, "types/llms.ts", 6),
    ]
    # JavaScript has no type aliases: the same text is not parsed as one
    assert hosted_refs(tmp_path / "js", {"x.js": 'const Theme = "dark";\n'}) == []


def test_a_record_keyed_by_a_model_id_type_imported_through_a_path_alias(tmp_path):
    files = {
        "tsconfig.json": """{
  // comments and trailing commas, as TypeScript reads them
  "compilerOptions": { "paths": { "@/*": ["./*"], }, },
}
""",
        "types/index.ts": 'export * from "./chat"\nexport * from "./llms"\n',
        "types/chat.ts": 'export type ChatRole = "user" | "assistant"\n',
        "types/llms.ts": "export type LLMID = OpenAILLMID | GroqLLMID | PerplexityLLMID\n"
        'export type OpenAILLMID = "gpt-4o"\n'
        'export type GroqLLMID = "gemma-7b-it"\n'
        'export type PerplexityLLMID = "mistral-7b-instruct"\n',
        "lib/limits.ts": 'import { LLMID } from "@/types"\n'
        "type Limits = { MAX: number }\n"
        "export const CHAT_SETTING_LIMITS: Record<LLMID, Limits> = {\n"
        '  "gpt-4o": { MAX: 1 },\n'
        '  "gemma-7b-it": { MAX: 2 },\n'
        '  "mistral-7b-instruct": { MAX: 3 },\n'
        "}\n"
        'export const LABELS: Record<string, Limits> = { "gemma-7b-it": { MAX: 4 } }\n'
        'export const ROLES: Record<ChatRole, Limits> = { "claude-2.1": { MAX: 5 } }\n',
    }
    refs = [r for r in hosted_refs(tmp_path, files) if r[3] == "lib/limits.ts"]
    assert refs == [
        ("gpt-4o", HOSTED, "openai", "lib/limits.ts", 4),
        ("gemma-7b-it", HOSTED, "groq", "lib/limits.ts", 5),
        ("mistral-7b-instruct", HOSTED, "perplexity", "lib/limits.ts", 6),
    ]
    # without the alias the type is not found: only the keys with a shape of their own count
    (tmp_path / "tsconfig.json").write_text('{"compilerOptions": {}}', encoding="utf-8")
    refs = [
        r for r in hosted_refs(tmp_path, files | {"tsconfig.json": "{}"}) if r[3] == "lib/limits.ts"
    ]
    assert refs == [("gpt-4o", HOSTED, "openai", "lib/limits.ts", 4)]


def test_a_constant_imported_through_a_path_alias_and_a_re_export(tmp_path):
    files = {
        "jsconfig.json": '{"compilerOptions": {"baseUrl": "src", "paths": {"~models": ["lib/models.js"]}}}',
        "src/lib/models.js": 'export { EMBED as DEFAULT_EMBED } from "./constants.js";\n',
        "src/lib/constants.js": 'export const EMBED = "Xenova/all-MiniLM-L6-v2";\n',
        "src/app.js": 'import { pipeline } from "@huggingface/transformers";\n'
        'import { DEFAULT_EMBED } from "~models";\n'
        'import { OTHER } from "@scope/package";\n'
        'const e = await pipeline("feature-extraction", DEFAULT_EMBED);\n'
        'const o = await pipeline("feature-extraction", OTHER);\n',
    }
    result = discover(write_files(tmp_path, files))
    assert [(r.id, r.location.path, r.location.line) for r in result.refs] == [
        ("Xenova/all-MiniLM-L6-v2", "src/app.js", 4),
    ]
    assert "src/lib/constants.js line 1" in result.refs[0].evidence
    assert [u.location.line for u in result.unresolvable] == [5]


def test_a_comparison_or_a_switch_case_names_the_model_it_branches_on(tmp_path):
    text = """export function limits(chatSettings, provider, role) {
  const vision = chatSettings.model === "gpt-4-vision-preview" || "gpt-4o" == chatSettings.model;
  if (payload.chatSettings.model !== "gemini-pro-vision") return;
  switch (chatSettings.model) {
    case "gpt-3.5-turbo":
      return 1;
    case "plain-name":
      return 2;
  }
  if (provider === "openai" || chatSettings.provider === "gpt-4") return 3;
  switch (role) { case "claude-2.1": return 4; }
  if (modelId === model) return 5;
}
"""
    assert hosted_refs(tmp_path, {"app/api/chat/route.ts": text}) == [
        ("gpt-4-vision-preview", HOSTED, "openai", "app/api/chat/route.ts", 2),
        ("gpt-4o", HOSTED, "openai", "app/api/chat/route.ts", 2),
        ("gemini-pro-vision", HOSTED, "google-gemini", "app/api/chat/route.ts", 3),
        ("gpt-3.5-turbo", HOSTED, "openai", "app/api/chat/route.ts", 5),
    ]


def test_a_mode_suffix_an_app_adds_to_a_model_name_is_not_part_of_it(tmp_path):
    text = """export const chatModels = [
  { id: "anthropic/claude-3.7-sonnet-thinking", name: "Claude 3.7 Sonnet" },
  { id: "xai/grok-code-fast-1-thinking", name: "Grok Code Fast" },
  { id: "anthropic/claude-3.7-sonnet:thinking", name: "via a router" },
  { id: "openai/gpt-5.1-thinking", name: "a name OpenAI gives" },
  { id: "moonshotai/kimi-k2-thinking", name: "a Hub repository" },
];
"""
    assert hosted_refs(tmp_path, {"lib/ai/models.ts": text}) == [
        ("claude-3.7-sonnet", HOSTED, "anthropic", "lib/ai/models.ts", 2),
        ("grok-code-fast-1", HOSTED, "xai", "lib/ai/models.ts", 3),
        ("claude-3.7-sonnet", HOSTED, "anthropic", "lib/ai/models.ts", 4),
        ("gpt-5.1-thinking", HOSTED, "openai", "lib/ai/models.ts", 5),
        ("moonshotai/kimi-k2-thinking", HUGGINGFACE, None, "lib/ai/models.ts", 6),
    ]
    evidence = [r.evidence for r in discover(tmp_path).refs]
    assert "(-thinking: an application's mode of claude-3.7-sonnet" in evidence[0]
    assert "(:thinking: an application's mode of claude-3.7-sonnet" in evidence[2]
    assert "application's mode" not in evidence[3]


def test_hostile_project_files_and_type_cycles_end_in_time(tmp_path):
    members = " | ".join(f'"gpt-4o-{i}"' for i in range(3000))
    files = {
        "tsconfig.json": '{"compilerOptions": {"paths": {"@/*": ["../../outside/*"], "~/*": ["/etc/*"]',
        "a/tsconfig.json": "\x00\xff" * 1000,
        "types/a.ts": 'export * from "./b"\nexport type LoopModelId = OtherModelId\n',
        "types/b.ts": 'export * from "./a"\nexport type OtherModelId = LoopModelId | MissingModelId\n',
        "types/big.ts": f"export type ModelId = {members}\n",
        "lib/limits.ts": 'import { LoopModelId } from "../types/a"\nimport { X } from "@/x"\n'
        'import { Y } from "~/passwd"\n'
        'import { NoneModelId } from "../types/b"\n'
        'export const L: Record<LoopModelId, number> = { "gpt-4o": 1 }\n'
        'export const K: Record<NoneModelId, number> = { "gpt-4o-mini": 3 }\n'
        'export const M: Record<ModelId, number> = { "claude-2.1": 2 }\n'
        "export const N = { model: X ?? Y }\n",
        "a/x.ts": 'import { Q } from "@/q"\nexport const model = Q\n',
    }
    result = discover(write_files(tmp_path, files))
    refs = {(r.id, r.location.path) for r in result.refs}
    for model in ("gpt-4o", "claude-2.1", "gpt-4o-mini"):  # each key by its own shape
        assert (model, "lib/limits.ts") in refs
    assert len([r for r in result.refs if r.location.path == "types/big.ts"]) == 3000
