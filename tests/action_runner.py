"""A simulated GitHub Actions runner for the composite action in ``action.yml``: each ``run:``
step runs with bash as the runner runs it (``bash --noprofile --norc -eo pipefail``), in the
runner's environment (``GITHUB_WORKSPACE``, ``GITHUB_ACTION_PATH``, ``RUNNER_TEMP``,
``GITHUB_OUTPUT``, ``GITHUB_ENV``, ``GITHUB_STEP_SUMMARY``, the event payload), with the
expressions of ``env``, ``with`` and ``if`` evaluated over ``inputs``, ``github`` and ``steps``.
A ``uses:`` step is not run: its resolved ``with`` is recorded for the test to check.

The expression evaluator knows exactly what the action uses (``&&``, ``||``, ``==``, ``!=``,
parentheses, string literals, ``always()``, ``success()``, ``failure()``, context paths) and
fails on anything else, so the action cannot drift past what is tested.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

_EXPR = re.compile(r"\$\{\{(.*?)\}\}", re.S)
_TOKEN = re.compile(r"\s*(&&|\|\||==|!=|\(|\)|'(?:[^']|'')*'|[A-Za-z_][\w.-]*)")


@dataclass
class Step:
    name: str
    ran: bool
    returncode: int | None = None
    stdout: str = ""
    stderr: str = ""
    outputs: dict[str, str] = field(default_factory=dict)
    uses: str | None = None
    with_: dict[str, str] = field(default_factory=dict)


@dataclass
class Job:
    steps: list[Step]
    summary: str
    outputs: dict[str, str]

    @property
    def failed(self) -> Step | None:
        return next((s for s in self.steps if s.ran and s.returncode), None)

    def step(self, name: str) -> Step:
        return next(s for s in self.steps if s.name == name)


class Runner:
    def __init__(
        self,
        action: Path,
        workspace: Path,
        temp: Path,
        *,
        inputs: dict[str, str],
        event_name: str = "push",
        event: dict[str, Any] | None = None,
        env: dict[str, str] | None = None,
        skip: tuple[str, ...] = (),
    ):
        self.action_path = action.parent
        self.spec = yaml.safe_load(action.read_text(encoding="utf-8"))
        assert self.spec["runs"]["using"] == "composite"
        declared = self.spec["inputs"]
        unknown = set(inputs) - set(declared)
        assert not unknown, f"inputs the action does not declare: {unknown}"
        self.inputs = {k: str(v.get("default", "")) for k, v in declared.items()} | inputs
        self.workspace = workspace
        self.temp = temp
        self.github = {"event_name": event_name, "event": event or {}, "workspace": str(workspace)}
        self.env = dict(env or {})
        self.skip = skip
        self.steps_ctx: dict[str, dict[str, Any]] = {}
        self.status = "success"

    # -- expressions ---------------------------------------------------------------------------
    def value(self, path: str) -> Any:
        head, *rest = path.split(".")
        roots = {"inputs": self.inputs, "github": self.github, "steps": self.steps_ctx}
        assert head in roots, f"unknown context in an expression: {path}"
        here: Any = roots[head]
        for part in rest:
            here = here.get(part) if isinstance(here, dict) else None
        return here

    def evaluate(self, text: str) -> Any:
        tokens = _TOKEN.findall(text)
        assert "".join(tokens).replace(" ", "") == text.replace(" ", ""), f"cannot read: {text}"
        pos = 0

        def peek():
            return tokens[pos] if pos < len(tokens) else None

        def take():
            nonlocal pos
            pos += 1
            return tokens[pos - 1]

        def primary():
            tok = take()
            if tok == "(":
                v = disjunction()
                assert take() == ")"
                return v
            if tok.startswith("'"):
                return tok[1:-1].replace("''", "'")
            if peek() == "(":
                take()
                assert take() == ")", f"functions take no arguments here: {tok}"
                assert tok in ("always", "success", "failure"), f"unknown function {tok}"
                return {
                    "always": True,
                    "success": self.status == "success",
                    "failure": self.status == "failure",
                }[tok]
            return self.value(tok)

        def comparison():
            left = primary()
            if peek() in ("==", "!="):
                op = take()
                right = primary()
                same = str(left or "").lower() == str(right or "").lower()
                return same if op == "==" else not same
            return left

        def conjunction():
            v = comparison()
            while peek() == "&&":
                take()
                right = comparison()
                v = v and right
            return v

        def disjunction():
            v = conjunction()
            while peek() == "||":
                take()
                right = conjunction()
                v = v or right
            return v

        result = disjunction()
        assert pos == len(tokens), f"cannot read: {text}"
        return result

    def render(self, text: str) -> str:
        def one(m: re.Match) -> str:
            v = self.evaluate(m.group(1).strip())
            return "true" if v is True else "false" if v is False else "" if v is None else str(v)

        return _EXPR.sub(one, str(text))

    def condition(self, step: dict[str, Any]) -> bool:
        text = step.get("if")
        if text is None:
            return self.status == "success"
        text = str(text).strip()
        inner = _EXPR.fullmatch(text)
        value = self.evaluate(inner.group(1).strip() if inner else text)
        uses_status = re.search(r"\b(always|success|failure)\(\)", text)
        return bool(value) and (uses_status is not None or self.status == "success")

    # -- running -------------------------------------------------------------------------------
    def run(self) -> Job:
        summary = self.temp / "step_summary.md"
        env_file = self.temp / "github_env"
        event_path = self.temp / "event.json"
        for p in (summary, env_file):
            p.write_text("", encoding="utf-8")
        event_path.write_text(json.dumps(self.github["event"]), encoding="utf-8")
        base = {
            **self.env,
            "CI": "true",
            "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": str(self.workspace),
            "GITHUB_ACTION_PATH": str(self.action_path),
            "GITHUB_EVENT_NAME": self.github["event_name"],
            "GITHUB_EVENT_PATH": str(event_path),
            "GITHUB_STEP_SUMMARY": str(summary),
            "GITHUB_ENV": str(env_file),
            "RUNNER_TEMP": str(self.temp),
        }
        added_env: dict[str, str] = {}
        done: list[Step] = []
        for i, spec in enumerate(self.spec["runs"]["steps"]):
            name = spec.get("name", f"step {i}")
            if name in self.skip or not self.condition(spec):
                done.append(Step(name, ran=False, uses=spec.get("uses")))
                continue
            if "uses" in spec:
                with_ = {k: self.render(v) for k, v in (spec.get("with") or {}).items()}
                done.append(Step(name, ran=False, uses=spec["uses"], with_=with_))
                continue
            assert spec.get("shell") == "bash", f"{name}: a composite run step names its shell"
            output = self.temp / f"output-{i}"
            output.write_text("", encoding="utf-8")
            script = self.temp / f"step-{i}.sh"
            script.write_text(self.render(spec["run"]), encoding="utf-8")
            env = {
                **base,
                **added_env,
                **{k: self.render(v) for k, v in (spec.get("env") or {}).items()},
                "GITHUB_OUTPUT": str(output),
            }
            proc = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                cwd=self.workspace,
                env=env,
                capture_output=True,
                text=True,
                timeout=600,
            )
            outputs = _key_values(output.read_text(encoding="utf-8"))
            added_env.update(_key_values(env_file.read_text(encoding="utf-8")))
            step = Step(name, True, proc.returncode, proc.stdout, proc.stderr, outputs)
            done.append(step)
            if spec.get("id"):
                self.steps_ctx[spec["id"]] = {"outputs": outputs}
            if proc.returncode != 0:
                self.status = "failure"
        outputs = {k: self.render(v["value"]) for k, v in self.spec.get("outputs", {}).items()}
        return Job(done, summary.read_text(encoding="utf-8"), outputs)


def _key_values(text: str) -> dict[str, str]:
    """``KEY=value`` lines and ``KEY<<DELIMITER`` blocks, as the runner reads GITHUB_OUTPUT."""
    out: dict[str, str] = {}
    lines = iter(text.splitlines())
    for line in lines:
        if "<<" in line and "=" not in line.split("<<", 1)[0]:
            key, delimiter = line.split("<<", 1)
            value = []
            for more in lines:
                if more == delimiter:
                    break
                value.append(more)
            out[key] = "\n".join(value)
        elif "=" in line:
            key, value = line.split("=", 1)
            out[key] = value
    return out


def run_steps_text(spec_path: Path) -> list[str]:
    """The ``run:`` scripts of the action, as written."""
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    return [s["run"] for s in spec["runs"]["steps"] if "run" in s]


def os_path_with(*folders: Path) -> str:
    return os.pathsep.join([*(str(f) for f in folders), os.environ.get("PATH", "")])
