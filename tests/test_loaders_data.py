"""Loader knowledge (licaudit/discover/loaders/*.yaml): every file validates and every fact has
a source; the data knows everything today's scanners know; spot checks of facts read upstream;
malformed files are clear errors naming the file."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from licaudit.discover import ids, javascript, python
from licaudit.discover import loaders as L
from licaudit.errors import ConfigError
from licaudit.licensing import KnowledgeBase
from licaudit.resources import validation_errors


@pytest.fixture(scope="module")
def k() -> L.LoaderKnowledge:
    return L.load(cache=False)


def _docs() -> list[tuple[str, dict]]:
    return [
        (p.name, yaml.safe_load(p.read_text(encoding="utf-8")))
        for p in sorted(L.FOLDER.glob("*.yaml"))
    ]


# --- every file validates, every fact has a source ----------------------------------------------


def test_every_file_validates_and_loads(k):
    names = {p.name for p in L.FOLDER.glob("*.yaml")}
    assert L.VOCABULARY_FILE in names
    assert {f"{lib}.yaml" for lib in k.libraries} == names - {L.VOCABULARY_FILE}
    for name, doc in _docs():
        assert validation_errors("loaders", doc) == [], name


def test_the_libraries_the_discovery_issue_names_are_there(k):
    wanted = {
        "transformers", "sentence-transformers", "diffusers", "peft", "trl", "huggingface_hub",
        "vllm", "llama-cpp-python", "mlx-lm", "unsloth", "openai-whisper", "faster-whisper",
        "ultralytics", "spacy", "timm", "open_clip", "torchvision", "langchain", "llama-index",
        "ollama", "openai", "anthropic", "litellm", "transformers.js", "ollama-js", "ai-sdk",
        "langchain.js", "datasets",
    }  # fmt: skip
    assert wanted <= set(k.libraries)
    packages = {name for lib in k.libraries.values() for _, name in lib.packages}
    assert {"@huggingface/transformers", "@xenova/transformers", "langchain-community",
            "langchain-huggingface", "langchain-ollama", "langchain-openai"} <= packages  # fmt: skip


def test_every_fact_names_a_source_and_whether_it_was_verified():
    facts = 0
    for name, doc in _docs():
        for where, fact in L._facts(doc):
            facts += 1
            assert fact["source"] in doc["sources"], f"{name} {where}"
            assert isinstance(fact.get("verified"), bool), f"{name} {where}"
        for kind in ("callables", "commands", "task_defaults", "name_maps"):
            for item in doc.get(kind, ()):
                assert isinstance(item["verified"], bool) and item["source"], f"{name} {kind}"
        for entry in doc.get("names", ()):
            assert isinstance(entry["verified"], bool)
    assert facts > 600


def test_verified_facts_cite_a_commit_or_a_released_version(k):
    verified = 0
    for lib in k.libraries.values():
        for ld in lib.loaders:
            if ld.verified:
                verified += 1
                assert (ld.source.repo and ld.source.commit) or ld.source.version, ld.name
    for ctx in (k.name_context(n) for n in ("model_name_or_path", "hub_model_id")):
        assert ctx.verified
        assert ctx.source.commit or ctx.source.version
    assert verified > 150


def test_every_license_in_the_data_is_in_the_knowledge_base_and_every_hub_id_is_one():
    kb = KnowledgeBase.load()
    licenses, hub_ids = set(), set()

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("license"), str):
                licenses.add(node["license"])
            if isinstance(node.get("hub_id"), str):
                hub_ids.add(node["hub_id"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for _, doc in _docs():
        walk(doc)
    assert {"agpl-3.0", "mit", "gpl-3.0", "cc-by-nc-sa-3.0"} <= licenses
    assert [lic for lic in sorted(licenses) if kb.get(lic) is None] == []
    assert len(hub_ids) > 100
    # a legacy id with no organization (bert-base-uncased) is written as the library names it
    legacy = L.load(cache=False).legacy_hub_ids
    assert [h for h in sorted(hub_ids) if ids.hub_id(h) != h and h.lower() not in legacy] == []


def test_defaults_and_task_defaults_are_hub_ids_unless_hosted_or_mapped(k):
    for lib in k.libraries.values():
        for table in lib.task_tables:
            for row in table.tasks.values():
                assert ids.hub_id(row["model"]) == row["model"], (lib.name, row)
        for ld in lib.loaders:
            d = ld.default
            if d is None:
                continue
            mode = d.id or ld.id
            if mode == "hub":
                assert ids.hub_id(d.model) == d.model, (lib.name, ld.name)
            elif mode == "hosted":
                assert ld.kind == "hosted" and (d.provider or ld.provider), (lib.name, ld.name)


# --- a superset of today's scanners -------------------------------------------------------------
# These read the lists the scanners hold today. When the scanners read this data instead, delete
# the list-reading tests along with the lists: the data then is the only list.


def test_the_special_python_calls_today_are_in_the_data(k):
    peft = k.loaders_for_call(
        "from_pretrained", receiver="PeftModelForCausalLM", ecosystem="python"
    )[0]
    assert peft.library == "peft"
    assert peft.arg(position=1).role == "adapter" and peft.arg(keyword="model_id").role == "adapter"
    assert k.loaders_for_call("from_pretrained", receiver="PeftMixedModel")[0].library == "peft"
    # an OpenAI client on the Ollama port: completions / embeddings name Ollama models
    create = k.loaders_for_call("create", receiver="completions", built_from="openai.OpenAI")[0]
    assert create.local_server and {"chat.completions", "embeddings"} <= set(create.receiver.chain)
    assert k.local_server("http://localhost:11434/v1").then == "ollama"
    calls = {e["call"] for e in k.env_lookups}
    assert {"os.getenv", "os.environ.get", "getenv"} <= calls
    runners = {e["call"] for e in k.command_runners}
    assert {f"subprocess.{f}" for f in ("run", "call", "check_call", "check_output", "Popen")} | {
        "os.system"
    } <= runners


def test_the_python_prefilter_is_built_from_the_data(k):
    # a loader is recognised through its import: every library's module reaches a literal, as do
    # the methods that count on any receiver and the words of every model-naming name
    literals = {lit.decode() for lit in python.TRIGGER.literals}
    for lib in k.libraries.values():
        if lib.ecosystem != "python":
            continue
        for module in lib.imports:
            assert any(lit in module.lower() for lit in literals), module
        for ld in lib.loaders:
            if ld.receiver is not None and ld.receiver.any and ld.kind != "destination":
                assert any(lit in ld.name.lower() for lit in literals), ld.name
    for nc in k.names():
        if nc.names_model and nc.match != "contains":
            assert any(lit in nc.name.lower() for lit in literals), nc.name


def _alternation(pattern: str) -> set[str]:
    """The names of the first (?:a|b|c) group made of plain names."""
    group = re.search(r"\(\?:([A-Za-z|]+)\)", pattern)
    return set(group.group(1).split("|"))


def test_every_javascript_call_today_is_in_the_data(k):
    ecosystem = "javascript"
    pipe = k.loaders_for_call("pipeline", module="@huggingface/transformers", ecosystem=ecosystem)[
        0
    ]
    assert pipe.arg(position=1).role == "model" and pipe.task_defaults
    assert k.loaders_for_call("pipeline", module="@xenova/transformers")[0] is pipe
    fp = k.loaders_for_call("from_pretrained", receiver="AutoModel", ecosystem=ecosystem)[0]
    assert fp.arg(position=0).role == "model"
    hf = k.loaders_for_call(
        "chatCompletion", receiver="hf", built_from="HfInference", ecosystem=ecosystem
    )[0]
    # the methods and imports the line-pattern scanner knew before the scanner read the data
    assert {"textGeneration", "chatCompletion", "featureExtraction", "textToImage"} <= set(
        hf.methods
    )
    assert "@huggingface/inference" in k.libraries[hf.library].imports
    for method in ("chat", "generate", "pull", "embed", "embeddings", "show", "push"):
        for receiver in ("ollama", "client", "myOllama"):
            got = k.loaders_for_call(method, receiver=receiver, ecosystem=ecosystem)
            assert any(ld.library == "ollama-js" and ld.arg(keyword="model") for ld in got), (
                method,
                receiver,
            )
    imports = {i for lib in k.libraries.values() if lib.ecosystem == ecosystem for i in lib.imports}
    assert {"ollama", "ollama/browser", "@langchain/ollama", "ollama-ai-provider"} <= imports
    for ctor in ("ChatOllama", "Ollama", "OllamaEmbeddings"):
        got = k.loaders_for_call(ctor, module="@langchain/ollama", ecosystem=ecosystem)[0]
        assert {"model", "modelName"} <= {
            kw for a in got.model_args for kw in a.keywords
        } and got.id == "ollama"
    # the scanner's prefilter and callee names come from the data
    assert set(k.triggers(ecosystem)) <= set(javascript.TRIGGER.literals)
    assert {
        "pipeline",
        "from_pretrained",
        "chat",
        "ChatOllama",
        "openai",
    } <= javascript._index().callees


# the flags, commands and keys the command-line and configuration scanners knew as code before
# they read the loader data: the data must go on knowing every one of them
_FORMER_MODEL_FLAGS = {
    "model", "model-id", "model-name", "model-name-or-path", "model-path", "model-repo", "base-model",
    "base-model-name-or-path", "pretrained-model-name-or-path", "pretrained", "hf-repo", "hf", "hfr",
    "draft-model", "speculative-model", "embedding-model", "reranker-model", "teacher-model",
    "student-model", "hf-model", "hf-model-id", "adapter-id", "lora-id",
}  # fmt: skip
_FORMER_DOWNLOAD_VALUE_FLAGS = {
    "repo-type", "revision", "local-dir", "cache-dir", "token", "include", "exclude", "max-workers",
    "local-dir-use-symlinks",
}  # fmt: skip


def test_every_command_line_known_before_the_data_is_in_it(k):
    for flag in sorted(_FORMER_MODEL_FLAGS):
        assert k.flag_context(flag).names_model, flag
    for flag in ("hf-repo", "hf", "hfr"):
        assert k.flag_context(flag).value == "repo-with-quant", flag
    for flag in ("dataset", "dataset-name", "dataset-id", "dataset-name-or-path"):
        assert k.flag_context(flag).role == "dataset", flag
    ctx = k.flag_context("model-args")
    assert ctx.value == "key-value-list"
    assert {L.norm_flag(key) for key in ctx.keys} >= {"pretrained", "peft", "model", "base-model"}
    for sub in ("pull", "run", "show", "push", "cp"):
        cmd, used = k.match_command(["ollama", sub, "llama3"])
        assert used == 2 and cmd.positional.names_model and cmd.id == "ollama", sub
    cmd, used = k.match_command(["/usr/bin/vllm", "serve", "org/name"])
    assert (cmd.library, used, cmd.positional.role) == ("vllm", 2, "model")
    for program in ("huggingface-cli", "hf"):
        cmd, used = k.match_command([program, "download", "org/name"])
        assert (
            cmd.library == "huggingface_hub" and cmd.arg_for_flag("--repo-type").role == "repo-type"
        )
        assert {L.norm_flag(f) for f in cmd.value_flags} >= _FORMER_DOWNLOAD_VALUE_FLAGS
    tgi, _ = k.match_command(["text-generation-launcher", "--model-id", "org/name"])
    assert tgi.arg_for_flag("--model-id").role == "model"
    server, _ = k.match_command(["llama-server", "-hf", "org/name:Q4_K_M"])
    assert server.arg_for_flag("-hf").value == "repo-with-quant"


def test_every_id_rule_today_is_in_the_data(k):
    hosted = {p.prefix.rstrip("/") for p in k.prefixes if p.kind in ("hosted", "depends")}
    assert hosted >= ids._API_PROVIDERS
    for value, kind in [
        ("ollama/llama3", "ollama"), ("ollama_chat/llama3", "ollama"), ("huggingface/org/x", "hub"),
        ("hf.co/org/x:Q4_K_M", "hub"), ("huggingface.co/org/x", "hub"), ("hf_hub:org/x", "hub"),
        ("hf-hub:org/x", "hub"),
    ]:  # fmt: skip
        assert k.prefix(value)[0].kind == kind, value
    openai_api = ["gpt-3.5-turbo", "gpt-4", "gpt-4o", "gpt-5", "o1", "o3-mini", "o4-mini", "chatgpt-4o-latest",
                  "text-embedding-3-small", "dall-e-3", "tts-1", "whisper-1", "davinci-002", "babbage-002"]  # fmt: skip
    for name in openai_api:
        assert ids._OPENAI_API_MODEL.match(name), name
        assert k.hosted_provider(name).provider == "openai", name
    for builder in sorted(ids._PACKAGED_BUILDERS):
        assert k.map_name("datasets:packaged-builders", builder).not_a_reference, builder
    ext = set()
    for alt in re.search(r"\\\.\((.*)\)\$", ids._FILE_EXT.pattern).group(1).split("|"):
        m = re.fullmatch(r"([a-z0-9]*?)([a-z0-9])\?([a-z0-9]*)", alt)
        ext.update({m.group(1) + m.group(3), m.group(1) + m.group(2) + m.group(3)} if m else {alt})
    assert ext <= set(k.file_extensions)


_FORMER_MODEL_KEYS = {
    "model", "models", "modelid", "modelname", "modelnameorpath", "modelidorpath", "modelrepo",
    "modelrepoid", "modelurl", "modeluri", "modelpath", "basemodel", "basemodelnameorpath",
    "basemodelid", "pretrained", "pretrainedmodel", "pretrainedmodelnameorpath", "hfmodel",
    "hfmodelid", "hfmodelname", "hfrepo", "hfrepoid", "huggingfacemodel", "huggingfacemodelid",
    "embeddingmodel", "embeddingsmodel", "embedmodel", "reranker", "rerankermodel", "rerankmodel",
    "llm", "llmmodel", "chatmodel", "draftmodel", "speculativemodel", "teachermodel", "studentmodel",
    "tokenizername", "tokenizernameorpath", "adapter", "adapterid", "adaptermodel", "loraadapter",
    "peftmodel", "peftmodelid",
}  # fmt: skip
_FORMER_STRUCTURE_KEYS = {
    "command-key": {
        "command", "commands", "args", "arguments", "entrypoint", "run", "script", "scripts", "cmd",
        "beforescript", "afterscript", "exec", "shell", "start", "serve", "launch", "prestart",
        "poststart", "setup", "install", "test", "build", "postcreatecommand", "oncreatecommand",
        "poststartcommand", "postattachcommand", "updatecontentcommand", "initializecommand",
    },
    "env-key": {"environment", "env", "envs", "variables", "environmentvariables"},
    "provider-key": {"provider", "type", "backend", "apitype", "llmprovider", "engine", "client", "api"},
    "url-key": {"baseurl", "apibase", "host", "endpoint", "url", "ollamahost", "ollamabaseurl"},
    "own-key": {"licaudit", "waivers"},
}  # fmt: skip


def test_every_key_rule_known_before_the_data_is_in_it(k):
    for key in sorted(_FORMER_MODEL_KEYS):
        assert k.is_model_name(key), key
    for suffix in ("model", "modelid", "modelname", "modelnameorpath", "modelrepo", "modelrepoid"):
        assert k.is_model_name("generation" + suffix), suffix
    for key in ("servedmodelname", "modeltype", "modelclass", "datamodel", "modelformat"):
        assert not k.is_model_name(key) and k.is_decoy_name(key), key
    for key in ("dataset", "datasets", "datasetname", "datasetid", "datasetrepo", "hfdataset",
                "hfdatasetid", "traindataset", "evaldataset", "testdataset", "datasetnameorpath"):  # fmt: skip
        assert k.is_dataset_name(key), key
    for word in ("openai", "openrouter", "together", "groq", "anthropic", "azure", "bedrock",
                 "fireworks", "deepinfra", "replicate", "perplexity", "gemini", "vertex", "cohere",
                 "claude", "gpt"):  # fmt: skip
        assert k.name_context(f"{word}_model").role == "hosted-model", word
        # a provider word qualifies a name that says model; its key or URL is not a model
        assert k.name_context(f"{word}_api_key") is None, word
    # names the former key rule took for models that the data knows better: output and upload
    # destinations (the discovery issue's decoys)
    for name in ("hubmodelid", "pushtohubmodelid", "newmodel", "newmodelname", "outputmodelname",
                 "metricforbestmodel"):  # fmt: skip
        assert k.is_decoy_name(name), name
    for role, keys in _FORMER_STRUCTURE_KEYS.items():
        for key in sorted(keys):
            assert k.name_context(key).role == role, key


# --- spot checks of facts read upstream ---------------------------------------------------------


def test_the_sentiment_analysis_default_of_transformers(k):
    for version in ("4.44.2", "5.0.0", None):
        d = k.task_default("transformers", "sentiment-analysis", version=version)
        assert (d.model, d.revision) == (
            "distilbert/distilbert-base-uncased-finetuned-sst-2-english",
            "714eb0f",
        )
        assert d.verified and d.source.package == "transformers"
        assert "pipeline('text-classification')" in d.origin
    # defaults that changed between releases follow the version
    assert (
        k.task_default("transformers", "text-generation", version="4.57.1").model
        == "openai-community/gpt2"
    )
    assert (
        k.task_default("transformers", "text-generation", version="5.3").model
        == "HuggingFaceTB/SmolLM3-3B"
    )
    assert (
        k.task_default("transformers", "translation_en_to_fr", version="4.40").model
        == "google-t5/t5-base"
    )
    assert k.default_model("transformers", "pipeline", "ner", version="4.57").model == (
        "dbmdz/bert-large-cased-finetuned-conll03-english"
    )
    assert k.task_default("transformers", "no-such-task") is None


def test_transformers_js_task_defaults_per_line(k):
    assert (
        k.task_default("transformers.js", "feature-extraction").model
        == "onnx-community/all-MiniLM-L6-v2-ONNX"
    )
    assert (
        k.task_default("transformers.js", "embeddings", version="3.8.1").model
        == "Xenova/all-MiniLM-L6-v2"
    )
    assert (
        k.task_default("transformers.js", "text-generation", package="@xenova/transformers").model
        == "Xenova/gpt2"
    )


def test_sentence_transformers_bare_names(k):
    st = k.loaders_for_call("SentenceTransformer", module="sentence_transformers")[0]
    assert st.name_map == "sentence-transformers:bare-names"
    assert (
        k.map_name(st.name_map, "all-MiniLM-L6-v2").hub_id
        == "sentence-transformers/all-MiniLM-L6-v2"
    )
    assert (
        k.map_name(st.name_map, "bert-base-uncased") is None
    )  # a legacy transformers id stays bare
    assert k.map_name(st.name_map, "BERT-base-uncased") is None
    assert k.map_name(st.name_map, "BAAI/bge-small-en-v1.5") is None
    lc = k.loader("langchain_huggingface.HuggingFaceEmbeddings")
    assert (
        lc.default.model == "sentence-transformers/all-mpnet-base-v2" and lc.name_map == st.name_map
    )


def test_ultralytics_weights_are_agpl(k):
    yolo = k.loaders_for_call("YOLO", module="ultralytics")[0]
    for name in ("yolov8n.pt", "yolo11n-seg.pt", "yolov8n", yolo.default.model):
        m = k.map_name(yolo.name_map, name)
        assert (m.license, m.licensor) == ("agpl-3.0", "Ultralytics"), name
        assert m.verified and m.source.path == "README.md" and "ultralytics/assets" in m.weights
    assert k.map_name(yolo.name_map, "yolo11n.yaml").not_a_reference
    assert k.map_name(yolo.name_map, "rtdetr-l.pt").license is None  # third-party, not recorded
    assert k.map_name(yolo.name_map, "best.pt") is None  # a local checkpoint


def test_whisper_sizes(k):
    load = k.loaders_for_call("load_model", module="whisper")[0]
    large = k.map_name(load.name_map, "large-v3")
    assert (large.license, large.licensor, large.hub_id) == ("mit", "OpenAI", None)
    assert large.weights.endswith("/large-v3.pt") and large.verified
    assert k.map_name(load.name_map, "turbo").weights.endswith("/large-v3-turbo.pt")
    assert k.map_name(load.name_map, "large").weights == large.weights
    fw = k.loaders_for_call("WhisperModel", module="faster_whisper")[0]
    assert k.map_name(fw.name_map, "large-v3").hub_id == "Systran/faster-whisper-large-v3"
    assert k.default_model("openai-whisper", "whisper").model == "turbo"


def test_spacy_timm_open_clip_names(k):
    assert k.map_name("spacy:packages", "en_core_web_sm").license == "mit"
    it = k.map_name("spacy:packages", "it_core_news_sm")
    assert (it.license, it.license_declared) == ("cc-by-nc-sa-3.0", "CC BY-NC-SA 3.0")
    assert k.map_name("spacy:hub", "de_core_news_lg").hub_id == "spacy/de_core_news_lg"
    timm = k.loaders_for_call("create_model", module="timm")[0]
    assert k.map_name(timm.name_map, "resnet50").hub_id == "timm/resnet50.a1_in1k"
    assert (
        k.map_name(timm.name_map, "convnext_tiny.fb_in22k").hub_id == "timm/convnext_tiny.fb_in22k"
    )
    assert k.map_name(timm.name_map, "hf-hub:org/model@v1").hub_id == "org/model"
    assert (
        timm.loads({"pretrained": True})
        and not timm.loads({})
        and not timm.loads({"pretrained": False})
    )
    assert timm.loads({}, ("resnet50", True))
    clip = k.loaders_for_call("create_model_and_transforms", module="open_clip")[0]
    assert (
        k.map_name(clip.name_map, "ViT-B-32", tag="laion2b_s34b_b79k").hub_id
        == "laion/CLIP-ViT-B-32-laion2B-s34B-b79K"
    )
    assert (
        k.map_name(clip.name_map, "ViT-B-32", tag="openai").hub_id
        == "timm/vit_base_patch32_clip_224.openai"
    )
    assert k.map_name(clip.name_map, "hf-hub:laion/CLIP-ViT-g-14-laion2B-s12B-b42K").hub_id == (
        "laion/CLIP-ViT-g-14-laion2B-s12B-b42K"
    )
    tv = k.loader("torchvision.models.resnet50")
    assert (
        tv.loads({"weights": "DEFAULT"})
        and tv.loads({"pretrained": True})
        and not tv.loads({"weights": None})
    )


def test_hosted_models_and_local_servers(k):
    chat = k.loader("langchain_openai.ChatOpenAI")
    assert (chat.kind, chat.provider) == ("hosted", "openai") and chat.local_server
    for name, provider in [
        ("gpt-4o", "openai"), ("o3-mini", "openai"), ("claude-3-5-sonnet-20241022", "anthropic"),
        ("gemini-2.5-flash", "google-gemini"), ("anthropic.claude-3-5-sonnet-20241022-v2:0", "aws-bedrock"),
        ("us.meta.llama3-1-8b-instruct-v1:0", "aws-bedrock"), ("ibm/granite-13b-instruct-v2", "ibm-watsonx"),
        ("command-r-plus-08-2024", "cohere"), ("llama-3.1-8b-instant", "groq"), ("grok-4", "xai"),
    ]:  # fmt: skip
        assert k.hosted_provider(name).provider == provider, name
    for open_weights in (
        "gpt-oss-120b",
        "gpt2",
        "gemma-2-9b-it",
        "Qwen/Qwen2.5-7B-Instruct",
        "llama3.2:3b",
        "ibm-granite/granite-3.0-8b-instruct",
    ):
        assert k.hosted_provider(open_weights) is None, open_weights
    assert k.local_server("http://localhost:8000/v1").then == "hub"
    assert k.local_server("http://192.168.1.20:11434").then == "ollama"
    assert k.local_server("http://ollama:11434/api").server == "ollama"
    assert k.local_server("https://api.openai.com/v1") is None
    assert k.local_server("https://api.groq.com:8080/openai/v1") is None
    assert k.provider_for_url("https://my-res.openai.azure.com/openai").provider == "azure-openai"
    assert k.provider_for_name("OPENROUTER_MODEL").provider == "openrouter"
    p, rest = k.prefix("bedrock/anthropic.claude-3-haiku-20240307-v1:0")
    assert (p.kind, p.provider, rest) == (
        "hosted",
        "aws-bedrock",
        "anthropic.claude-3-haiku-20240307-v1:0",
    )


def test_the_go_libraries(k):
    """The Go clients are loader data of the go ecosystem, by package path (major version
    dropped) and name; their SDKs' model constants are name maps of the package."""
    for lib in ("ollama-go", "langchaingo", "go-openai", "openai-go", "anthropic-sdk-go"):
        assert k.libraries[lib].ecosystem == "go", lib
    chat = k.loader("github.com/ollama/ollama/api:ChatRequest")
    assert (chat.form, chat.id, chat.arg(keyword="Model").role) == ("struct", "ollama", "model")
    create = k.loader("github.com/ollama/ollama/api:CreateRequest")
    assert create.arg(keyword="Model").role == "destination"
    assert create.arg(keyword="From").role == "base-model"
    option = k.loader("github.com/tmc/langchaingo/llms/ollama:WithModel")
    assert (option.form, option.id, option.arg(position=0).role) == ("function", "ollama", "model")
    assert (
        "WithBaseURL"
        in k.loader("github.com/tmc/langchaingo/llms/openai:WithModel").local_server["keywords"]
    )
    for package, member, model, provider in [
        ("github.com/sashabaranov/go-openai", "GPT4oMini", "gpt-4o-mini", "openai"),
        ("github.com/sashabaranov/go-openai", "AdaEmbeddingV2", "text-embedding-ada-002", "openai"),
        ("github.com/sashabaranov/go-openai", "GPT4TurboPreview", "gpt-4-turbo-preview", "openai"),
        ("github.com/openai/openai-go", "ChatModelGPT4o", "gpt-4o", "openai"),
        ("github.com/openai/openai-go/shared", "ChatModelO3Mini", "o3-mini", "openai"),
        ("github.com/anthropics/anthropic-sdk-go", "ModelClaude3_5SonnetLatest",
         "claude-3-5-sonnet-latest", "anthropic"),
        ("github.com/anthropics/anthropic-sdk-go", "ModelClaude_3_5_Sonnet_20240620",
         "claude-3-5-sonnet-20240620", "anthropic"),
    ]:  # fmt: skip
        m = k.map_name(k.enumeration(package), member)
        assert (m.hosted_id, m.provider) == (model, provider), member
    assert k.map_name(k.enumeration("github.com/sashabaranov/go-openai"), "GPT9000") is None
    assert k.wrapper("github.com/openai/openai-go:F")
    assert not k.wrapper("github.com/sashabaranov/go-openai:F")
    # a Go loader is never a Python or JavaScript call of the same name
    assert not k.loaders_for_call("WithModel", ecosystem="python")
    assert not k.loaders_for_call("ChatRequest", ecosystem="javascript")


def test_model_naming_names_and_decoys(k):
    for name in ("model_id", "MODEL_NAME_OR_PATH", "baseModel", "teacher_model", "reward_model", "ref_model",
                 "tokenizer", "embedding_model", "embed_model", "reranker", "GENERATION_MODEL", "sft_model_path",
                 "checkpoint", "draft_model"):  # fmt: skip
        assert k.is_model_name(name), name
    for name in (
        "output_dir",
        "hub_model_id",
        "served_model_name",
        "push_to_hub_model_id",
        "model_type",
        "run_name",
    ):
        assert k.is_decoy_name(name) and not k.is_model_name(name), name
    assert (
        k.name_context("model").strength == "weak"
        and k.name_context("model_id").strength == "strong"
    )
    assert k.name_context("OPENAI_MODEL").role == "hosted-model"
    assert k.name_context("temperature") is None
    assert k.flag_context("--served-model-name").role == "destination"
    for value, role in [("username/model-name", "placeholder"), ("your-org/your-model", "placeholder"),
                        ("<org>/<model>", "placeholder"), ("rewards/chosen", "metric-key"),
                        ("ghcr.io/huggingface/text-generation-inference", "container-image"),
                        ("actions/checkout@v4", "action"), ("application/json", "not-a-model")]:  # fmt: skip
        assert k.value_role(value) == role, value
    for real in (
        "Qwen/Qwen2.5-7B-Instruct",
        "meta-llama/Llama-3.1-8B",
        "sentence-transformers/all-MiniLM-L6-v2",
    ):
        assert k.value_role(real) is None, real


def test_calls_resolve_by_import_and_receiver(k):
    assert [ld.library for ld in k.loaders_for_call("chat", module="ollama")] == ["ollama"]
    assert k.loaders_for_call("chat") == ()  # a bare chat() is nothing until its import is known
    assert k.loaders_for_call("LLM", module="vllm")[0].library == "vllm"
    assert k.loaders_for_call("LLM", module="ultralytics") == ()
    assert k.loaders_for_call("completion", receiver="litellm")[0].id == "prefixed"
    assert k.loaders_for_call("push_to_hub", receiver="model")[0].kind == "destination"
    assert k.loaders_for_call("openai", module="@ai-sdk/openai")[0].provider == "openai"
    assert (
        k.loaders_for_call("embedding", receiver="openai", ecosystem="javascript")[0].library
        == "ai-sdk"
    )
    assert k.loader("@ai-sdk/openai:openai").arg(position=0).role == "model"
    # ModelScope's client takes ModelScope ids; a snapshot_download of the Hub client Hub ids
    assert [
        (ld.library, ld.id) for ld in k.loaders_for_call("snapshot_download", module="modelscope")
    ] == [("modelscope", "modelscope")]
    assert k.loaders_for_call("snapshot_download", module="huggingface_hub")[0].id == "repo"


# --- malformed files are clear errors naming the file --------------------------------------------


def _folder(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "loaders"
    folder.mkdir()
    shutil.copy(L.FOLDER / L.VOCABULARY_FILE, folder / L.VOCABULARY_FILE)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


_GOOD = """\
library: {library}
title: T
ecosystem: python
packages: [{{registry: pypi, name: x}}]
sources:
  s: {{repo: org/x, commit: {commit}, path: x.py}}
  page: {{url: "https://example.invalid/x"}}
callables:
  - {{name: Loader, form: constructor, kind: {kind}, id: hub, args: [{{position: 0, role: model}}], source: {source}, verified: {verified}}}
"""


def _good(**kw) -> str:
    values = {
        "library": "x",
        "commit": "a" * 40,
        "kind": "model",
        "source": "s",
        "verified": "true",
    }
    values.update(kw)
    return _GOOD.format(**values)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("x.yaml", _good(kind="modell"), "callables.0.kind"),
        ("x.yaml", _good(source="nowhere"), "source 'nowhere' is not one of this file's sources"),
        ("x.yaml", _good(source="page"), "verified facts need a source read at a commit"),
        ("x.yaml", _good(commit="abc"), "sources.s.commit"),
        ("y.yaml", _good(), "library 'x' does not match the file name"),
        ("x.yaml", "library: x\n  title: [", "invalid YAML"),
        (
            "x.yaml",
            _good()
            + "name_maps:\n  - {id: m, kind: pattern, description: d, entries: [{pattern: '(['}], source: s, verified: true}\n",
            "not a regular expression",
        ),
        (
            "x.yaml",
            _good().replace("args:", "name_map: nope, args:"),
            "name map 'nope' is not defined",
        ),
    ],
)
def test_a_malformed_loader_file_is_a_clear_error_naming_it(tmp_path, name, text, message):
    folder = _folder(tmp_path, name, text)
    with pytest.raises(ConfigError) as err:
        L.load(folder, cache=False)
    assert str(err.value).startswith(f"loader file {name}:")
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_a_callable_claimed_by_two_files_names_both(tmp_path):
    folder = _folder(
        tmp_path,
        "x.yaml",
        _good().replace("name: Loader,", "name: Loader, qualnames: [pkg.Loader],"),
    )
    (folder / "z.yaml").write_text(
        _good(library="z").replace("name: Loader,", "name: Loader, qualnames: [pkg.Loader],"),
        encoding="utf-8",
    )
    with pytest.raises(
        ConfigError, match=r"loader file z\.yaml: 'pkg\.Loader' is also a callable of x"
    ):
        L.load(folder, cache=False)


@pytest.mark.parametrize(
    "entry",
    [
        '{prefix: "acme:", kind: hosted, provider: openai, name_map: "x:m", source: observed, verified: false}',
        '{prefix: "acme:", kind: hub, name_map: "x:nope", source: observed, verified: false}',
    ],
)
def test_a_prefix_naming_a_map_it_cannot_use_is_an_error(tmp_path, entry):
    folder = _folder(tmp_path, "x.yaml", _good())
    vocab = folder / L.VOCABULARY_FILE
    text = vocab.read_text(encoding="utf-8")
    vocab.write_text(
        text.replace("provider_prefixes:\n", f"provider_prefixes:\n  - {entry}\n", 1),
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match=r"prefix 'acme:' names map 'x:(m|nope)'"):
        L.load(folder, cache=False)
    # the vocabulary's own sentence-transformers: prefix, in a folder without that library,
    # reads its bare names as before
    (tmp_path / "other").mkdir()
    assert (
        L.load(_folder(tmp_path / "other", "x.yaml", _good()), cache=False)
        .prefix("sentence-transformers:all-MiniLM-L6-v2")[0]
        .name_map
        is None
    )
    assert (
        L.load(cache=False).prefix("sentence-transformers:x")[0].name_map
        == "sentence-transformers:bare-names"
    )


def test_a_folder_without_the_vocabulary_is_an_error(tmp_path):
    folder = tmp_path / "only"
    folder.mkdir()
    (folder / "x.yaml").write_text(_good(), encoding="utf-8")
    with pytest.raises(ConfigError, match="vocabulary.yaml is missing"):
        L.load(folder, cache=False)


def test_validated_files_are_cached_and_a_changed_file_is_validated_again(tmp_path, monkeypatch):
    monkeypatch.setenv("LICAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    folder = _folder(tmp_path, "x.yaml", _good())
    first = L.load(folder)
    assert list((tmp_path / "cache" / L.CACHE_NAMESPACE).glob("validated-*.json"))
    assert L.load(folder).libraries["x"] == first.libraries["x"]
    (folder / "x.yaml").write_text(_good(kind="modell"), encoding="utf-8")
    with pytest.raises(ConfigError, match="loader file x.yaml"):
        L.load(folder)


def test_the_knowledge_loads_lazily_once():
    code = (
        "import sys, licaudit.discover.loaders as L\n"
        "heavy = [m for m in ('yaml', 'jsonschema') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "assert L.knowledge() is L.knowledge()\n"
        "print(len(L.knowledge().libraries))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert int(proc.stdout) == len(list(L.FOLDER.glob("*.yaml"))) - 1
