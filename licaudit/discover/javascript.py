"""JavaScript/TypeScript: transformers.js ``pipeline(task, "org/name")`` and ``from_pretrained``,
ollama-js ``{ model: "..." }`` calls. Comments are blanked first; constants are followed."""

from __future__ import annotations

import bisect
import re

from ..model import ModelRef, Unresolvable
from .common import Context, Found, Trigger, line_col, location_at, make_ref
from .ids import classify
from .interface import FunctionScanner

TRIGGER = Trigger(b"pipeline", b"from_pretrained", b"ollama", b"@huggingface/inference")

_STR = r"""(?:'([^'\\\n]*)'|"([^"\\\n]*)"|`([^`\\$]*)`|([A-Za-z_$][\w$]*))"""
_PIPELINE = re.compile(
    r"\bpipeline\s*\(\s*" + r"""(?:'[^']*'|"[^"]*"|`[^`]*`|[A-Za-z_$][\w$.]*)""" + r"\s*,\s*" + _STR
)
_FROM_PRETRAINED = re.compile(r"\.from_pretrained\s*\(\s*" + _STR)
_MODEL_PROP = re.compile(r"\bmodel(?:Name)?\s*:\s*" + _STR)
_CONST = re.compile(
    r"""\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::\s*[\w<>\[\]| ]+)?=\s*(?:'([^'\\\n]*)'|"([^"\\\n]*)"|`([^`\\$]*)`)"""
)
_OLLAMA_IMPORT = re.compile(
    r"""(?:from\s+['"]ollama(?:/browser)?['"]|require\(\s*['"]ollama['"]\s*\)|['"]@langchain/ollama['"]|['"]ollama-ai-provider['"]|ChatOllama|new\s+Ollama\s*\()"""
)
_HF_INFERENCE_IMPORT = re.compile(r"""['"]@huggingface/inference['"]""")
_HF_INFERENCE_CALL = re.compile(
    r"\b\w+\s*\.\s*(?:textGeneration|textGenerationStream|chatCompletion|chatCompletionStream|featureExtraction|"
    r"summarization|translation|textClassification|tokenClassification|questionAnswering|sentenceSimilarity|"
    r"fillMask|zeroShotClassification|textToImage|imageToText|automaticSpeechRecognition|textToSpeech|"
    r"imageClassification|objectDetection)\s*\(\s*\{"
)
_OLLAMA_CALL = re.compile(
    r"\b(?:ollama|client|\w*[oO]llama\w*)\s*\.\s*(?:chat|generate|pull|embed|embeddings|show|push)\s*\(\s*\{"
)


def blank_comments(text: str, strings: list[tuple[int, int]] | None = None) -> str:
    """Replace // and /* */ comments with spaces (positions and newlines kept); the spans of
    string literals are appended to ``strings``."""
    out = list(text)
    i, n = 0, len(text)
    quote = None
    start = 0
    while i < n:
        c = text[i]
        if quote:
            if c == "\\":
                i += 2
                continue
            if c == quote or (c == "\n" and quote != "`"):
                quote = None
                if strings is not None:
                    strings.append((start, i))
        elif c in "'\"`":
            quote = c
            start = i
        elif c == "/" and i + 1 < n and text[i + 1] == "/":
            j = text.find("\n", i)
            j = n if j < 0 else j
            for k in range(i, j):
                out[k] = " "
            i = j
            continue
        elif c == "/" and i + 1 < n and text[i + 1] == "*":
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            for k in range(i, j):
                if out[k] != "\n":
                    out[k] = " "
            i = j
            continue
        i += 1
    return "".join(out)


def _object_end(code: str, start: int) -> int:
    """Index of the brace closing the object literal that opens at ``start`` (bounded)."""
    depth, j = 0, start
    end = min(len(code), start + 2000)
    while j < end:
        if code[j] == "{":
            depth += 1
        elif code[j] == "}":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return end


def scan(text: str, ctx: Context) -> Found:
    spans: list[tuple[int, int]] = []
    code = blank_comments(text, spans)
    starts = [a for a, _ in spans]

    def in_string(pos: int) -> bool:
        k = bisect.bisect_right(starts, pos) - 1
        return k >= 0 and spans[k][0] < pos < spans[k][1]

    lines = text.splitlines()
    consts: dict[str, str | None] = {}
    for m in _CONST.finditer(code):
        value = next((g for g in m.groups()[1:] if g is not None), None)
        consts[m.group(1)] = None if m.group(1) in consts and consts[m.group(1)] != value else value
    refs: list[ModelRef] = []
    unresolvable: list[Unresolvable] = []

    def take(m: re.Match, evidence: str, ollama: bool) -> None:
        if in_string(m.start()):
            return
        literal = next((g for g in m.groups()[:3] if g is not None), None)
        name = m.group(4)
        start = (
            m.start(1)
            if m.group(1) is not None
            else m.start(2)
            if m.group(2) is not None
            else m.start(3)
            if m.group(3) is not None
            else m.start(4)
        )
        line, col = line_col(code, start)
        value = literal
        if value is None and name is not None:
            value = consts.get(name)
            if value is None:
                unresolvable.append(
                    Unresolvable(
                        location_at(ctx, lines, line, col),
                        name,
                        f"model id of {evidence} is computed at run time",
                    )
                )
                return
        ident = classify(value, ollama=ollama, bare=not ollama and evidence != "pipeline()")
        if ident and not ctx.is_local_path(value):
            refs.append(make_ref(ident, ctx, lines, line, col, evidence))

    for m in _PIPELINE.finditer(code):
        take(m, "pipeline()", False)
    for m in _FROM_PRETRAINED.finditer(code):
        take(m, "from_pretrained()", False)
    if _HF_INFERENCE_IMPORT.search(code):
        for call in _HF_INFERENCE_CALL.finditer(code):
            m = _MODEL_PROP.search(code, call.end(), _object_end(code, call.end() - 1))
            if m:
                take(m, "@huggingface/inference model", False)
    if _OLLAMA_IMPORT.search(code):
        for call in _OLLAMA_CALL.finditer(code):
            m = _MODEL_PROP.search(code, call.end(), _object_end(code, call.end() - 1))
            if m:
                take(m, "ollama-js model", True)
        for ctor in re.finditer(r"new\s+(?:ChatOllama|Ollama|OllamaEmbeddings)\s*\(\s*\{", code):
            m = _MODEL_PROP.search(code, ctor.end(), min(len(code), ctor.end() + 1000))
            if m:
                take(m, "ChatOllama model", True)
    return refs, unresolvable


SCANNER = FunctionScanner("javascript", TRIGGER, scan)
