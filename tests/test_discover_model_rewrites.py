"""What an application does to a model name before it sends it: aliases it matches and writes a
new name over, a suffix it appends only to the names an ``if`` admits, LiteLLM's ``openai/``
route to an OpenAI-compatible API whose base URL the code sets beside it, a route's stand-in
name, and a family name that is the Ollama library's but not a hosted API's."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.model import HOSTED, HUGGINGFACE, OLLAMA

from .discover_helpers import write_files


def refs(tmp_path, files: dict[str, str]) -> set[tuple[str, str, int]]:
    found = discover(write_files(tmp_path, files)).refs
    return {(r.id, r.source, r.location.line) for r in found}


def ids(tmp_path, files: dict[str, str]) -> set[tuple[str, str]]:
    return {(i, s) for i, s, _line in refs(tmp_path, files)}


def test_aliases_matched_and_rewritten_are_not_models(tmp_path):
    src = """import litellm

def complete(model, messages):
    if model in ["claude-3.5", "claude-3-5-sonnet"]:
        model = "claude-3-5-sonnet-20240620"
    return litellm.completion(model=model, messages=messages)
"""
    found = ids(tmp_path, {"llm.py": src})
    assert ("claude-3-5-sonnet-20240620", HOSTED) in found
    assert ("claude-3.5", HOSTED) not in found
    assert ("claude-3-5-sonnet", HOSTED) not in found


def test_a_comparison_whose_branch_uses_the_name_still_names_a_model(tmp_path):
    # decoy of the rewrite: the branch reads the name it tested (or writes another name)
    src = """import litellm

def complete(model, messages):
    if model == "claude-3-5-sonnet-latest":
        print("using", model)
        model = model + "-x"
    if model == "gpt-4o-mini":
        max_tokens = 100
    return litellm.completion(model=model, messages=messages)
"""
    found = ids(tmp_path, {"llm.py": src})
    assert ("claude-3-5-sonnet-latest", HOSTED) in found
    assert ("gpt-4o-mini", HOSTED) in found


def test_a_suffix_appended_under_a_prefix_test_only_takes_the_names_it_admits(tmp_path):
    src = """class LLM:
    def __init__(self):
        self.model = "gpt-4o"

    def load(self):
        if self.model.startswith("ollama/") and not ":" in self.model:
            self.model = self.model + ":latest"
"""
    found = ids(tmp_path, {"llm.py": src})
    assert ("gpt-4o", HOSTED) in found
    assert not any(s == OLLAMA for _i, s in found)


def test_a_suffix_appended_to_names_the_if_admits_is_kept(tmp_path):
    src = """class LLM:
    def __init__(self):
        self.model = "ollama/llama3"

    def load(self):
        if self.model.startswith("ollama/") and not ":" in self.model:
            self.model = self.model + ":latest"
"""
    assert ("llama3:latest", OLLAMA) in ids(tmp_path, {"llm.py": src})


def test_an_openai_route_beside_a_remote_base_url_is_that_apis_model(tmp_path):
    src = """def setup(llm):
    if llm.model == "house":
        llm.api_base = "https://api.example-llm.com/v0"
        llm.model = "openai/house"
"""
    found = ids(tmp_path, {"llm.py": src})
    assert ("house", HOSTED) in found
    assert ("openai/house", HUGGINGFACE) not in found


def test_an_openai_hub_repo_without_a_base_url_stays_a_hub_repo(tmp_path):
    # decoy: no base URL beside it; and a Hub repo beside a local server's base URL
    src = """def transcribe():
    model = "openai/whisper-large-v3"

def local(llm):
    llm.api_base = "http://localhost:8080/v1"
    model = "openai/clip-vit-base-patch32"
"""
    found = ids(tmp_path, {"app.py": src})
    assert ("openai/whisper-large-v3", HUGGINGFACE) in found
    assert ("openai/clip-vit-base-patch32", HUGGINGFACE) in found


def test_a_routes_stand_in_name_is_not_a_model(tmp_path):
    src = """def local(interpreter):
    interpreter.llm.model = "openai/local"
    interpreter.llm.api_base = "http://localhost:8080/v1"
    other = {"model": "openai/local-gpt2"}
"""
    found = ids(tmp_path, {"setup.py": src})
    assert not any(i.lower() in ("openai/local", "local") for i, _s in found)
    assert ("openai/local-gpt2", HUGGINGFACE) in found  # decoy: a real-looking name


def test_bare_codestral_is_not_a_mistral_api_name(tmp_path):
    src = """priority_models = ["llama3", "codestral"]
model = "codestral-latest"
"""
    found = ids(tmp_path, {"app.py": src})
    assert ("codestral", HOSTED) not in found
    assert ("codestral-latest", HOSTED) in found
