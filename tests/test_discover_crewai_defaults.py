"""CrewAI's implicit models: an Agent's default LLM and a RAG tool's default embedder, each the
default of the release the project's lock file (or pins) resolve."""

from __future__ import annotations

import json

from licaudit.discover import discover
from licaudit.model import HOSTED

from .discover_helpers import write_files

_CREW = """from crewai import Agent
from crewai_tools import ScrapeWebsiteTool, WebsiteSearchTool

researcher = Agent(config={"role": "researcher"}, tools=[WebsiteSearchTool(), ScrapeWebsiteTool()])
writer = Agent(role="writer", goal="g", backstory="b", llm="gpt-4o")
"""

_UV_LOCK = """version = 1

[[package]]
name = "crewai"
version = "{crewai}"
source = {{ registry = "https://pypi.org/simple" }}

[[package]]
name = "crewai-tools"
version = "{tools}"
source = {{ registry = "https://pypi.org/simple" }}
"""


def _hosted(tmp_path, files: dict[str, str]) -> set[tuple[str, str, int]]:
    refs = discover(write_files(tmp_path, files)).refs
    return {(r.id, r.location.path, r.location.line) for r in refs if r.source == HOSTED}


def test_an_agent_without_llm_runs_the_default_of_the_locked_release(tmp_path):
    got = _hosted(
        tmp_path,
        {
            "new/crew.py": _CREW,
            "new/uv.lock": _UV_LOCK.format(crewai="1.6.1", tools="1.6.1"),
            "old/crew.py": _CREW,
            "old/uv.lock": _UV_LOCK.format(crewai="0.152.0", tools="0.62.0"),
            "older/crew.py": _CREW,
            "older/requirements.txt": "crewai==0.30.11\n",
            "unpinned/crew.py": _CREW,
        },
    )
    assert ("gpt-4.1-mini", "new/crew.py", 4) in got
    assert ("gpt-4o-mini", "old/crew.py", 4) in got
    assert ("gpt-4", "older/crew.py", 4) in got
    assert ("gpt-4.1-mini", "unpinned/crew.py", 4) in got
    # an agent given its llm runs that one
    assert not {(m, p) for m, p, line in got if line == 5} - {
        ("gpt-4o", f"{d}/crew.py") for d in ("new", "old", "older", "unpinned")
    }


def test_a_rag_tool_without_config_embeds_with_the_default_of_its_release(tmp_path):
    got = _hosted(
        tmp_path,
        {
            "new/crew.py": _CREW,
            "new/uv.lock": _UV_LOCK.format(crewai="1.6.1", tools="1.6.1"),
            "old/crew.py": _CREW,
            "old/poetry.lock": _UV_LOCK.format(crewai="0.152.0", tools="0.62.0"),
        },
    )
    assert ("text-embedding-3-small", "new/crew.py", 4) in got
    assert ("text-embedding-ada-002", "old/crew.py", 4) in got
    assert not any(m.startswith("text-embedding") and line == 5 for m, _, line in got)


def test_a_configured_rag_tool_and_classes_of_other_libraries_have_no_crewai_default(tmp_path):
    src = """from crewai_tools import PDFSearchTool
from myagents import Agent, WebsiteSearchTool

pdf = PDFSearchTool(config=dict(embedding_model=dict(provider="openai", config={})))
agent = Agent(role="r", goal="g", backstory="b")
web = WebsiteSearchTool()
"""
    assert not _hosted(tmp_path, {"app.py": src})


def _notebook(install: str) -> str:
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["Tested with crewai==0.30.11\n"]},
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [],
            "execution_count": None,
            "source": [install],
        },
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [],
            "execution_count": None,
            "source": [
                "from crewai import Agent\n",
                "a = Agent(role='r', goal='g', backstory='b')\n",
            ],
        },
    ]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def test_a_notebook_runs_the_release_its_own_pip_install_pins(tmp_path):
    got = _hosted(
        tmp_path,
        {
            "pinned/crew.ipynb": _notebook("!pip install -qU crewai==0.134.0 crewai-tools\n"),
            # prose naming a release is no pin; an unpinned install runs the newest
            "unpinned/crew.ipynb": _notebook("%pip install -U crewai\n"),
        },
    )
    assert {(m, p) for m, p, _ in got} == {
        ("gpt-4o-mini", "pinned/crew.ipynb"),
        ("gpt-4.1-mini", "unpinned/crew.ipynb"),
    }


def test_an_agent_whose_config_entry_sets_its_llm_runs_that_one(tmp_path):
    crew = """from crewai import Agent
from crewai.project import CrewBase, agent


@CrewBase
class Proj:
    agents_config = "config/agents.yaml"

    @agent
    def researcher(self) -> Agent:
        return Agent(config=self.agents_config["researcher"], verbose=True)

    @agent
    def writer(self) -> Agent:
        return Agent(config=self.agents_config["writer"], verbose=True)
"""
    agents = """researcher:
  role: Researcher
  llm: anthropic/claude-3-5-sonnet-20241022
writer:
  role: Writer
"""
    got = _hosted(tmp_path, {"proj/crew.py": crew, "proj/config/agents.yaml": agents})
    assert ("claude-3-5-sonnet-20241022", "proj/config/agents.yaml", 3) in got
    assert ("gpt-4.1-mini", "proj/crew.py", 15) in got
    assert not any(line == 11 for _, path, line in got if path == "proj/crew.py")


def test_a_hostile_agents_file_leaves_the_default_in_place(tmp_path):
    """An agents.yaml that is an alias bomb is read by the bounded YAML reader: it is no
    configuration entry, so each agent keeps the default of its release, and the scan ends."""
    crew = """from crewai import Agent
from crewai.project import CrewBase, agent


@CrewBase
class Proj:
    agents_config = "config/agents.yaml"

    @agent
    def researcher(self) -> Agent:
        return Agent(config=self.agents_config["researcher"], verbose=True)
"""
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    bomb += "researcher: {role: Researcher, llm: *i}\n"
    got = _hosted(tmp_path, {"proj/crew.py": crew, "proj/config/agents.yaml": bomb})
    assert ("gpt-4.1-mini", "proj/crew.py", 11) in got


def test_a_malformed_or_hostile_pipfile_lock_pins_nothing(tmp_path):
    """A Pipfile.lock nested past the reader's depth, or with lists where sections go, pins no
    release: the scan ends and the agent gets the default of an unpinned project."""
    deep = '{"default": ' + "[" * 50_000 + "]" * 50_000 + "}"
    odd = json.dumps({"default": ["crewai"], "develop": {"crewai": {"version": 3}}})
    got = _hosted(
        tmp_path,
        {
            "deep/crew.py": _CREW,
            "deep/Pipfile.lock": deep,
            "odd/crew.py": _CREW,
            "odd/Pipfile.lock": odd,
        },
    )
    assert ("gpt-4.1-mini", "deep/crew.py", 4) in got
    assert ("gpt-4.1-mini", "odd/crew.py", 4) in got
