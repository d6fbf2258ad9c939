"""CAMEL's model backends: ModelFactory.create(model_platform, model_type) with members of the
ModelType and ModelPlatformType enumerations (or their string values). The platform is the API
that serves the model, so its provider; an OpenAI-compatible platform leaves that to ``url``."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.model import HOSTED, HUGGINGFACE

from .discover_helpers import write_files


def refs(tmp_path, files: dict[str, str]) -> list[tuple[str, str, str | None, int]]:
    found = discover(write_files(tmp_path, files)).refs
    return sorted((r.id, r.source, r.provider, r.location.line) for r in found)


def test_model_type_members_name_models_their_platform_serves(tmp_path):
    src = """import os
from camel.models import ModelFactory
from camel.types import ModelPlatformType, ModelType

worker = ModelFactory.create(
    model_platform=ModelPlatformType.OPENAI,
    model_type=ModelType.GPT_5_2,
    model_config_dict={"temperature": 0},
)
planner = ModelFactory.create(
    model_platform=ModelPlatformType.GROQ,
    model_type=ModelType.GROQ_LLAMA_3_3_70B,
)
writer = ModelFactory.create(ModelPlatformType.QWEN, "qwen3.5-plus")
judge = ModelFactory.create(
    model_platform=ModelPlatformType.OPENAI_COMPATIBLE_MODEL,
    model_type="google/gemini-2.0-flash-001",
    url="https://openrouter.ai/api/v1",
)
sec = ModelFactory.create(
    model_platform=ModelPlatformType.OPENAI_COMPATIBLE_MODEL,
    model_type="glm-4-flash",
    api_key=os.getenv("ZHIPUAI_API_KEY"),
    url=os.getenv("ZHIPUAI_API_BASE_URL"),
)
local = ModelFactory.create(
    model_platform=ModelPlatformType.VLLM,
    model_type=os.getenv("VLLM_MODEL_NAME", "meta-llama/Llama-3.1-8B-Instruct"),
    url="http://localhost:8000/v1",
)
"""
    assert refs(tmp_path, {"run.py": src}) == [
        ("gemini-2.0-flash-001", HOSTED, "openrouter", 17),
        ("glm-4-flash", HOSTED, "zhipuai", 22),
        ("gpt-5.2", HOSTED, "openai", 7),
        ("llama-3.3-70b-versatile", HOSTED, "groq", 12),
        ("meta-llama/Llama-3.1-8B-Instruct", HUGGINGFACE, None, 28),
        ("qwen3.5-plus", HOSTED, "alibaba-cloud", 14),
    ]


def test_look_alike_enumerations_and_prose_under_a_model_name_name_no_model(tmp_path):
    src = """from enum import Enum

from camel.models import ModelFactory
from camel.types import ModelPlatformType, ModelType
from house.types import ModelType as HouseType


class Tier(Enum):
    GPT_4O = "gpt-4o"


MODULE_DESCRIPTIONS = {
    "run_openai_compatible_model": "Using openai compatible model to process tasks",
    "run_groq_model": "Using groq model to process tasks",
}
a = HouseType.GPT_4O
b = ModelType.NOT_A_MEMBER
c = ModelPlatformType.OPENAI
d = Tier.GPT_4O
stub = ModelFactory.create(model_platform=ModelPlatformType.STUB, model_type=ModelType.STUB)
"""
    # a house enumeration with the same member, an unknown member, a platform alone, a local
    # enumeration, CAMEL's test stub, and sentences under names that end in a provider's model
    assert refs(tmp_path, {"webapp.py": src}) == []
