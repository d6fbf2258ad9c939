"""An audit of every family pattern in the built-in catalog against known model ids.

A family pattern (``Qwen/Qwen2.5-*``) is a promise about every model it matches, present and
future. The trap is a size, a variant (Omni, VL, Math, Coder, Audio) or a newer generation that
carries another license: ``Qwen/Qwen2.5-Omni-3B`` fell to the Apache pattern of Qwen2.5 although,
like every Qwen2.5 3B model, it is under the research-only Qwen Research License. The table below
lists known model ids, the traps first, with the license each really carries and where that was
read. Every pattern must be exercised by at least one id of the table, and every id must resolve
to its license (``None``: the catalog must not claim one, the model stays unknown offline).

Sources: "card" = the model card's front matter or license section (read in a verbatim copy unless
marked primary), "family" = the licensor's own statement for the family, "review" = the catalog
review of December 2026 (license-review-2026-12), "secondary" = a third-party report.
"""

from __future__ import annotations

import pytest

from licaudit.resolve.catalog import Catalog

# (model id, license or None, modalities to check or None, source)
KNOWN: list[tuple[str, str | None, tuple[str, ...] | None, str]] = [
    # --- Qwen: sizes and variants within a generation differ
    ("Qwen/Qwen-7B-Chat-Int4", "tongyi-qianwen", None, "card (Qwen 1 family)"),
    ("Qwen/Qwen-1_8B-Chat-Int4", "tongyi-qianwen-research", None, "QwenLM/Qwen README (secondary)"),
    ("Qwen/Qwen-VL-Chat", "tongyi-qianwen", ("image", "text"), "card (secondary)"),
    ("Qwen/Qwen-Audio-Chat", "tongyi-qianwen", ("audio", "text"), "card (secondary)"),
    ("Qwen/Qwen-Image", None, None, "newer than Qwen 1; license not read here"),
    ("Qwen/Qwen1.5-7B-Chat-AWQ", "tongyi-qianwen", None, "card (secondary)"),
    ("Qwen/Qwen1.5-0.5B-Chat-GGUF", "tongyi-qianwen-research", None, "card (secondary)"),
    ("Qwen/Qwen1.5-1.8B-Chat-AWQ", "tongyi-qianwen-research", None, "card (secondary)"),
    ("Qwen/Qwen1.5-4B-Chat-GPTQ-Int4", "tongyi-qianwen-research", None, "card (secondary)"),
    ("Qwen/CodeQwen1.5-7B-Chat-GGUF", "tongyi-qianwen-research", None, "card (secondary)"),
    ("Qwen/Qwen2-7B-Instruct-GGUF", "apache-2.0", ("text",), "card (secondary)"),
    ("Qwen/Qwen2-72B-Instruct-AWQ", "tongyi-qianwen", None, "card: license_name tongyi-qianwen"),
    ("Qwen/Qwen2-Math-72B-Instruct", "tongyi-qianwen", None, "Qwen2 72B rule (unverified)"),
    ("Qwen/Qwen2-Math-7B-Instruct", "apache-2.0", None, "Qwen2 below 72B (unverified)"),
    ("Qwen/Qwen2-VL-7B-Instruct-AWQ", "apache-2.0", ("image", "text", "video"), "card"),
    ("Qwen/Qwen2-VL-72B-Instruct-AWQ", "qwen", ("image", "text"), "card (unverified)"),
    ("Qwen/Qwen2-Audio-7B", "apache-2.0", ("audio", "text"), "card (unverified)"),
    ("Qwen/Qwen2.5-14B-Instruct-1M", "apache-2.0", ("text",), "card (secondary)"),
    ("Qwen/Qwen2.5-3B-Instruct-AWQ", "qwen-research", None, "card: license_name qwen-research"),
    ("Qwen/Qwen2.5-72B-Instruct-GPTQ-Int4", "qwen", None, "card: license_name qwen"),
    ("Qwen/Qwen2.5-Coder-3B-Instruct-GGUF", "qwen-research", None, "card (secondary)"),
    ("Qwen/Qwen2.5-Coder-32B-Instruct", "apache-2.0", None, "card (secondary)"),
    ("Qwen/Qwen2.5-Math-72B-Instruct", "qwen", None, "card (review)"),
    ("Qwen/Qwen2.5-Math-RM-72B", "qwen", None, "72B Qwen2.5 rule (unverified)"),
    ("Qwen/Qwen2.5-Math-PRM-72B", "qwen", None, "72B Qwen2.5 rule (unverified)"),
    ("Qwen/Qwen2.5-VL-3B-Instruct-AWQ", "qwen-research", ("image", "text"), "card (review)"),
    ("Qwen/Qwen2.5-VL-7B-Instruct-AWQ", "apache-2.0", ("image", "text"), "card (review)"),
    ("Qwen/Qwen2.5-VL-72B-Instruct-AWQ", "qwen", ("image", "text"), "card (review)"),
    ("Qwen/Qwen2.5-Omni-3B", "qwen-research", ("audio", "image", "text", "video"), "card (review)"),
    ("Qwen/Qwen2.5-Omni-3B-GPTQ-Int4", "qwen-research", None, "as Qwen2.5-Omni-3B"),
    ("Qwen/Qwen2.5-Omni-7B-AWQ", "apache-2.0", ("audio", "image", "text", "video"), "card"),
    ("Qwen/QwQ-32B-AWQ", "apache-2.0", None, "card (secondary)"),
    ("Qwen/QVQ-72B-Preview", "qwen", ("image", "text"), "card (review)"),
    ("Qwen/Qwen3-8B-AWQ", "apache-2.0", ("text",), "card (secondary)"),
    ("Qwen/Qwen3-VL-32B-Instruct-FP8", "apache-2.0", ("image", "text", "video"), "card"),
    ("Qwen/Qwen3-Omni-30B-A3B-Instruct", "apache-2.0", ("audio", "image", "text", "video"), "card"),
    ("Qwen/Qwen3.5-397B-A17B", "apache-2.0", ("image", "text"), "Qwen3.5 release (secondary)"),
    # --- Mistral: generations of one product line differ
    ("mistralai/Mistral-7B-Instruct-v0.3", "apache-2.0", None, "card (secondary)"),
    ("mistralai/Mixtral-8x22B-Instruct-v0.1", "apache-2.0", None, "card (secondary)"),
    ("mistralai/Mistral-Nemo-Instruct-2407", "apache-2.0", None, "card (secondary)"),
    ("mistralai/Mistral-Small-3.2-24B-Instruct-2506", "apache-2.0", None, "card (secondary)"),
    ("mistralai/Mistral-Small-24B-Base-2501", "apache-2.0", None, "card (secondary)"),
    ("mistralai/Mistral-Small-Instruct-2409", "mrl", None, "card: license_name mrl"),
    ("mistralai/Mistral-Large-Instruct-2411", "mrl", None, "card: license_name mrl (primary copy)"),
    ("mistralai/Mistral-Large-Instruct-2407-FP8", "mrl", None, "card: license_name mrl"),
    ("mistralai/Mistral-Large-3-675B-Instruct-2512", "apache-2.0", ("image", "text"), "secondary"),
    ("mistralai/Mistral-Large-4-Instruct", None, None, "not released: stays unknown"),
    ("mistralai/Ministral-8B-Instruct-2410", "mrl", None, "card (review)"),
    (
        "mistralai/Ministral-3-14B-Reasoning-2512",
        "apache-2.0",
        ("image", "text"),
        "paper (secondary)",
    ),
    ("mistralai/Ministral-3-3B-Base-2512", "apache-2.0", None, "paper (secondary)"),
    ("mistralai/Ministral-4-8B", None, None, "not released: stays unknown"),
    ("mistralai/Codestral-22B-v0.1", "mnpl", None, "card: license_name mnpl"),
    ("mistralai/Codestral-25.08", None, None, "no open weights under the MNPL known"),
    ("mistralai/Pixtral-12B-2409", "apache-2.0", ("image", "text"), "card (unverified)"),
    ("mistralai/Pixtral-12B-Base-2409-FP8", "apache-2.0", None, "as Pixtral-12B"),
    ("mistralai/Devstral-Small-2505", "apache-2.0", None, "card (secondary)"),
    ("mistralai/Devstral-Small-2-24B-Instruct-2512", "apache-2.0", None, "secondary (groundy.com)"),
    ("mistralai/Devstral-2-123B-Instruct-2512", "mistral-modified-mit", None, "secondary"),
    ("mistralai/Devstral-Medium-2507", None, None, "API model: no open weights license"),
    # --- Meta
    ("meta-llama/Llama-2-13b-chat-hf", "llama2", None, "family (primary, llama-models)"),
    ("meta-llama/CodeLlama-7b-Instruct-hf", "llama2", None, "Code Llama uses the Llama 2 license"),
    ("meta-llama/Meta-Llama-3-70B-Instruct", "llama3", None, "family (primary)"),
    ("meta-llama/Meta-Llama-3.1-8B-Instruct", "llama3.1", None, "family (primary)"),
    ("meta-llama/Llama-3.1-405B-Instruct-FP8", "llama3.1", None, "family (primary)"),
    ("meta-llama/Llama-3.2-3B-Instruct-QLORA_INT4_EO8", "llama3.2", ("text",), "family (primary)"),
    ("meta-llama/Llama-3.2-90B-Vision-Instruct", "llama3.2", ("image", "text"), "family (primary)"),
    ("meta-llama/Llama-3.3-70B-Instruct", "llama3.3", None, "hub-docs (primary)"),
    ("meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8", "llama4", ("image", "text"), "family"),
    # --- Google
    ("google/gemma-2-9b-it", "gemma", None, "family (primary)"),
    ("google/gemma-3-12b-it-qat-q4_0-unquantized", "gemma", ("image", "text"), "family"),
    ("google/gemma-3-270m", "gemma", ("text",), "card: text-only 270M"),
    ("google/gemma-3-270m-it", "gemma", ("text",), "card: text-only 270M"),
    ("google/gemma-3-1b-it", "gemma", ("text",), "card"),
    ("google/gemma-3n-E4B-it-litert-preview", "gemma", None, "family"),
    ("google/gemma-scope-2b-pt-res", None, None, "not a Gemma model: excluded"),
    ("google/codegemma-1.1-7b-it", "gemma", None, "family"),
    ("google/paligemma2-10b-mix-448", "gemma", ("image", "text"), "family"),
    ("google/shieldgemma-9b", "gemma", None, "family"),
    ("google/flan-t5-xxl", "apache-2.0", None, "card (secondary)"),
    # --- speech: conversions and distillations of Whisper declare their own license (MIT)
    ("Systran/faster-whisper-medium", "mit", ("audio", "text"), "family: sizes read say MIT"),
    ("Systran/faster-whisper-large-v1", "mit", None, "family (unverified)"),
    ("Systran/faster-distil-whisper-large-v3", "mit", None, "family (unverified)"),
    ("distil-whisper/distil-large-v3.5", "mit", ("audio", "text"), "family (unverified)"),
    ("openai/whisper-large-v3", "apache-2.0", None, "the Hub's Whisper: Apache, unlike the above"),
    ("facebook/nllb-200-distilled-1.3B", "cc-by-nc-4.0", None, "family (unverified)"),
    ("facebook/nllb-200-3.3B", "cc-by-nc-4.0", None, "card (primary)"),
    ("pyannote/speaker-diarization-community-1", None, None, "no pyannote family pattern"),
    # --- DeepSeek
    ("deepseek-ai/deepseek-coder-6.7b-instruct", "deepseek", None, "card: deepseek-license"),
    ("deepseek-ai/deepseek-llm-67b-chat", "deepseek", None, "card (secondary)"),
    ("deepseek-ai/DeepSeek-V2-Lite-Chat", "deepseek", None, "card (secondary)"),
    ("deepseek-ai/DeepSeek-V2.5-1210", "deepseek", None, "card copy: license_name deepseek"),
    ("deepseek-ai/DeepSeek-Coder-V2-Lite-Instruct", "deepseek", None, "card (secondary)"),
    ("deepseek-ai/DeepSeek-V3.1-Terminus", "mit", None, "card (unverified)"),
    # --- Microsoft, OpenAI, AllenAI, IBM, Hugging Face, 01.AI
    ("microsoft/phi-2", "mit", None, "card (secondary)"),
    ("microsoft/Phi-3-mini-128k-instruct-onnx", "mit", None, "card (secondary)"),
    ("microsoft/Phi-4-mini-flash-reasoning", "mit", None, "card (unverified)"),
    ("openai/whisper-large-v3-turbo", "apache-2.0", ("audio", "text"), "card (secondary)"),
    ("openai/gpt-oss-120b", "apache-2.0", None, "card (secondary)"),
    ("allenai/OLMo-2-1124-7B-Instruct", "apache-2.0", None, "card (secondary)"),
    ("allenai/OLMoE-1B-7B-0924", "apache-2.0", None, "card (secondary)"),
    ("ibm-granite/granite-4.0-h-small", "apache-2.0", None, "card (unverified)"),
    ("HuggingFaceTB/SmolLM2-1.7B-Instruct", "apache-2.0", None, "card (secondary)"),
    ("HuggingFaceTB/SmolLM3-3B-Base", "apache-2.0", None, "card (unverified)"),
    ("01-ai/Yi-1.5-34B-Chat", "apache-2.0", None, "01-ai/Yi relicensing (primary)"),
    # --- Cohere
    ("CohereForAI/c4ai-command-r-plus-4bit", "cc-by-nc-4.0", None, "card (secondary)"),
    ("CohereLabs/c4ai-command-a-03-2025", "cc-by-nc-4.0", None, "card (secondary)"),
    ("CohereForAI/aya-expanse-8b", "cc-by-nc-4.0", None, "card (secondary)"),
    ("CohereForAI/aya-101", "apache-2.0", None, "card: mT5-based aya-101 (exact entry)"),
    ("CohereLabs/aya-vision-32b", "cc-by-nc-4.0", None, "card (unverified)"),
    # --- BigScience, BigCode, Stability, TII, NVIDIA
    ("bigscience/bloomz-7b1", "bigscience-bloom-rail-1.0", None, "card (secondary)"),
    ("bigcode/starcoder2-15b-instruct-v0.1", "bigcode-openrail-m", None, "card (secondary)"),
    ("stabilityai/stable-diffusion-3.5-large", "stability-ai-community", None, "card (secondary)"),
    ("tiiuae/Falcon3-10B-Instruct", "falcon-llm-license", None, "card copy (secondary)"),
    ("tiiuae/Falcon-H1-7B-Instruct", "falcon-llm-license", None, "card copy (secondary)"),
    ("tiiuae/falcon-180B-chat", "falcon-180b", None, "card mirror (secondary)"),
    ("nvidia/Nemotron-4-340B-Reward", "nvidia-open-model-license", None, "card (unverified)"),
    ("nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-BF16", "nvidia-open-model-license", None, "secondary"),
    # --- embeddings
    ("sentence-transformers/all-mpnet-base-v2", "apache-2.0", None, "card (secondary)"),
    ("cross-encoder/ms-marco-MiniLM-L-6-v2", "apache-2.0", None, "card (secondary)"),
    ("BAAI/bge-small-en", "mit", None, "card (secondary)"),
    ("BAAI/bge-reranker-v2-m3", "apache-2.0", None, "card (exact entry)"),
    ("BAAI/bge-reranker-v2-gemma", None, None, "built on Gemma: excluded from the MIT family"),
    ("BAAI/bge-reranker-v2-minicpm-layerwise", None, None, "built on MiniCPM: excluded"),
    ("BAAI/bge-multilingual-gemma2", "gemma", None, "card (exact entry)"),
    ("intfloat/multilingual-e5-large-instruct", "mit", None, "card (secondary)"),
    ("Snowflake/snowflake-arctic-embed-m-v1.5", "apache-2.0", None, "card (secondary)"),
    ("mixedbread-ai/mxbai-rerank-large-v1", "apache-2.0", None, "card (secondary)"),
    # --- quantized and converted copies the publishers ship themselves: the family pattern answers
    ("Snowflake/snowflake-arctic-embed-m-v2.0-onnx", "apache-2.0", None, "family"),
    ("deepseek-ai/DeepSeek-Coder-V2-Instruct-0724", "deepseek", None, "card (secondary)"),
    ("stabilityai/stable-diffusion-3.5-medium-tensorrt", "stability-ai-community", None, "family"),
    ("mistralai/Mistral-Small-24B-Instruct-2501-FP8", "apache-2.0", None, "family"),
    ("deepseek-ai/deepseek-coder-33b-instruct-AWQ", "deepseek", None, "family"),
    ("meta-llama/Llama-3.2-11B-Vision-Instruct-FP8", "llama3.2", ("image", "text"), "family"),
    ("meta-llama/Meta-Llama-3.1-70B-Instruct-FP8", "llama3.1", None, "family (primary)"),
    ("deepseek-ai/deepseek-llm-7b-base-AWQ", "deepseek", None, "family"),
    (
        "mistralai/Mistral-Small-3.1-24B-Instruct-2503-FP8",
        "apache-2.0",
        ("image", "text"),
        "family",
    ),
    ("meta-llama/Meta-Llama-3-8B-Instruct-GGUF", "llama3", None, "family (primary)"),
    ("mistralai/Codestral-22B-v0.1-FP8", "mnpl", None, "family"),
    ("deepseek-ai/DeepSeek-V2-Chat-0628", "deepseek", None, "card (secondary)"),
    ("mistralai/Ministral-8B-Instruct-2410-FP8", "mrl", None, "family"),
    ("mistralai/Mistral-Nemo-Instruct-2407-FP8", "apache-2.0", None, "family"),
    ("sentence-transformers/static-retrieval-mrl-en-v1", "apache-2.0", None, "card (unverified)"),
    ("meta-llama/CodeLlama-70b-Instruct-hf-GGUF", "llama2", None, "family"),
    ("meta-llama/Llama-3.1-8B-Instruct-FP8", "llama3.1", None, "family (primary)"),
    ("meta-llama/Llama-3.3-70B-Instruct-FP8", "llama3.3", None, "family (primary)"),
    ("mistralai/Mistral-7B-Instruct-v0.3-GPTQ", "apache-2.0", None, "family"),
    ("Qwen/Qwen2.5-Math-72B-Instruct-AWQ", "qwen", None, "family (review)"),
    ("mixedbread-ai/mxbai-embed-2d-large-v1", "apache-2.0", None, "card (unverified)"),
    ("bigcode/starcoder2-7b-instruct", "bigcode-openrail-m", None, "family"),
    ("meta-llama/Llama-2-70b-chat-hf-GGUF", "llama2", None, "family (primary)"),
    ("meta-llama/Llama-4-Scout-17B-16E-Original", "llama4", ("image", "text"), "family (primary)"),
    ("Qwen/Qwen2-Math-72B-Instruct-AWQ", "tongyi-qianwen", None, "Qwen2 72B rule (unverified)"),
    ("mistralai/Mixtral-8x7B-Instruct-v0.1-AWQ", "apache-2.0", None, "family"),
    ("tiiuae/falcon-180B-GPTQ", "falcon-180b", None, "family"),
    ("google/gemma-3-1b-it-qat-int4-unquantized", "gemma", ("text",), "family"),
    ("Qwen/Qwen2-Audio-7B-Instruct-AWQ", "apache-2.0", ("audio", "text"), "family"),
    ("tiiuae/Falcon-H1-0.5B-Base-GGUF", "falcon-llm-license", None, "family (secondary)"),
    ("bigscience/bloom-1b7-intermediate", "bigscience-bloom-rail-1.0", None, "family"),
    ("CohereForAI/aya-23-8B-GGUF", "cc-by-nc-4.0", None, "family"),
    ("openai/gpt-oss-safeguard-20b", "apache-2.0", None, "card (unverified)"),
    ("openai/whisper-large-v3-distil", "apache-2.0", ("audio", "text"), "family"),
    ("tiiuae/Falcon3-7B-Instruct-GGUF", "falcon-llm-license", None, "card copy (secondary)"),
    ("allenai/OLMoE-1B-7B-0125-Instruct", "apache-2.0", None, "card (unverified)"),
    ("cross-encoder/stsb-roberta-large", "apache-2.0", None, "card (unverified)"),
    ("microsoft/phi-1_5-onnx", "mit", None, "family"),
    ("allenai/OLMo-3-7B-Instruct", "apache-2.0", None, "card (unverified)"),
    ("google/gemma-2-2b-jpn-it", "gemma", None, "family"),
    ("Qwen/Qwen2.5-7B-Instruct-GPTQ-Int8", "apache-2.0", ("text",), "family"),
    ("intfloat/e5-base-unsupervised", "mit", None, "card (unverified)"),
    ("Qwen/QVQ-72B-Preview-AWQ", "qwen", ("image", "text"), "family"),
    ("01-ai/Yi-6B-200K-AWQ", "apache-2.0", None, "01-ai/Yi relicensing (primary)"),
    # --- classic and current families, fixtures
    (
        "depth-anything/Depth-Anything-V2-Small-hf",
        "apache-2.0",
        ("image",),
        "Depth Anything V2 README",
    ),
    ("depth-anything/Depth-Anything-V2-Large-hf", "cc-by-nc-4.0", None, "Depth Anything V2 README"),
    ("depth-anything/Depth-Anything-V2-Base", "cc-by-nc-4.0", None, "Depth Anything V2 README"),
    ("HuggingFaceH4/zephyr-7b-gemma-v0.1", "gemma", None, "a Gemma fine-tune (unverified)"),
    (
        "alignment-handbook/zephyr-7b-dpo-full",
        "apache-2.0",
        None,
        "a Mistral 7B fine-tune (unverified)",
    ),
    ("HuggingFaceH4/starchat2-15b-v0.1", "bigcode-openrail-m", None, "a StarCoder2 fine-tune"),
    ("answerdotai/ModernBERT-large", "apache-2.0", None, "card (unverified)"),
    ("facebook/detr-resnet-101", "apache-2.0", ("image",), "card (unverified)"),
    ("HuggingFaceTB/SmolVLM2-2.2B-Instruct", "apache-2.0", ("image", "text"), "card (unverified)"),
    ("NousResearch/Llama-2-13b-chat-hf", "llama2", None, "an ungated copy of Meta's weights"),
    ("trl-internal-testing/tiny-Qwen2ForCausalLM-2.5", None, None, "test fixture: no license"),
    ("hf-internal-testing/tiny-random-gpt2", None, None, "test fixture: no license"),
    ("urchade/gliner_medium-v2.1", "apache-2.0", None, "GLiNER release table (secondary)"),
    ("urchade/gliner_multi-v2.1", "apache-2.0", None, "GLiNER release table (secondary)"),
    ("urchade/gliner_base", "cc-by-nc-4.0", None, "GLiNER release table (secondary)"),
    ("urchade/gliner_large-v1", "cc-by-nc-4.0", None, "GLiNER release table (secondary)"),
    ("PaddlePaddle/PP-OCRv5_server_det", "apache-2.0", None, "PaddleOCR (unverified)"),
    ("albert/albert-xxlarge-v2", "apache-2.0", None, "card (unverified)"),
    ("bigscience/T0_3B", "apache-2.0", None, "card (unverified)"),
    ("bigscience/bloomz-560m", "bigscience-bloom-rail-1.0", None, "not T0: the BLOOM family"),
    ("facebook/opt-6.7b", "opt-175b", None, "OPT-175B license (primary text)"),
    ("facebook/opt-iml-max-1.3b", "opt-175b", None, "OPT family"),
    ("spacy/en_core_web_sm", "mit", None, "spaCy models (unverified)"),
    ("huggyllama/llama-7b", "llama-license", None, "a copy of LLaMA 1: research only"),
    ("EleutherAI/pythia-1b-deduped", "apache-2.0", None, "card (unverified)"),
    ("EleutherAI/gpt-neo-1.3B", "mit", None, "card (unverified)"),
    ("LiquidAI/LFM2-1.2B", "lfm-open-license", None, "Liquid AI's license guide (secondary)"),
    ("LiquidAI/LFM2-VL-450M", "lfm-open-license", ("image", "text"), "Liquid AI's license guide"),
    ("zai-org/GLM-4.5V-FP8", "mit", ("image", "text"), "card (unverified)"),
    ("zai-org/GLM-4.5-Air-FP8", "mit", None, "card (unverified)"),
    ("zai-org/GLM-4.6", "mit", None, "card (unverified)"),
    (
        "moonshotai/Kimi-K2-Instruct-0905",
        "moonshot-modified-mit",
        None,
        "Kimi K2 LICENSE (secondary)",
    ),
    ("moonshotai/Kimi-K2-Thinking", "moonshot-modified-mit", None, "Kimi K2 LICENSE (secondary)"),
    ("ByteDance-Seed/Seed-OSS-36B-Instruct", "apache-2.0", None, "card (unverified)"),
    ("microsoft/harrier-oss-v1-0.6b", "mit", None, "release reports (secondary)"),
    ("microsoft/harrier-oss-v1-27b", "mit", None, "release reports (secondary)"),
]


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return Catalog.load()


@pytest.mark.parametrize(("model_id", "license", "modalities", "source"), KNOWN)
def test_known_model_resolves_to_its_license(cat, model_id, license, modalities, source):
    entry = cat.model(model_id)
    got = entry.license if entry is not None else None
    assert got == license, f"{model_id}: catalog says {got} via {entry and entry.key}; {source}"
    if modalities is not None:
        assert entry is not None and set(entry.modalities) == set(modalities), model_id


def test_every_family_pattern_is_audited(cat):
    """Each pattern is the one that answers for at least one known id: a new pattern needs its
    rows in the table (including the sizes and variants that would fall to it)."""
    answered = {cat.model(mid).key for mid, *_ in KNOWN if cat.model(mid) is not None}
    unaudited = [e.key for e in cat.patterns if e.key not in answered]
    assert unaudited == []
