"""The code prefilter: a Python file whose trigger words are all in comments and docstrings is not
parsed, and nothing is lost by it. The lexer is checked against Python's own tokenizer and parser
on every Python file of this project, and on sources written to be hard to lex."""

from __future__ import annotations

import ast
import io
import json
import tokenize
from pathlib import Path

import pytest

import licaudit.discover as discover_mod
from licaudit.discover import discover, prefilter
from licaudit.discover.common import Trigger
from licaudit.discover.prefilter import CannotLex, in_code, python_tokens

from .conftest import REPO_ROOT
from .discover_helpers import augment_corpus

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
WORDS = Trigger(b"from_pretrained", b"pipeline", b"ollama")


def _reference_tokens(data: bytes) -> tuple[dict[tuple[int, int], str], set[tuple[int, int]]]:
    """(byte span -> 'comment' | 'string' of every top-level comment and string literal, as the
    tokenizer sees them; byte spans of the strings that are statements, as the parser sees them)."""
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0  # the tokenizer counts after it
    data = data[bom:]
    starts = [0]
    for i, b in enumerate(data):
        if b == 10:
            starts.append(i + 1)
    lines = data.split(b"\n")

    def offset(row: int, col: int) -> int:
        prefix = lines[row - 1].decode("utf-8")[:col].encode("utf-8")
        return bom + starts[row - 1] + len(prefix)

    spans: dict[tuple[int, int], str] = {}
    fstring_type = getattr(tokenize, "FSTRING_START", None)
    depth, opened = 0, []
    for tok in tokenize.tokenize(io.BytesIO(data).readline):
        if fstring_type is not None and tok.type == fstring_type:  # 3.12: f-strings in pieces
            depth += 1
            opened.append(tok.start)
        elif fstring_type is not None and tok.type == tokenize.FSTRING_END:
            depth -= 1
            start = opened.pop()
            if depth == 0:
                spans[(offset(*start), offset(*tok.end))] = "string"
        elif depth == 0 and tok.type in (tokenize.COMMENT, tokenize.STRING):
            kind = "comment" if tok.type == tokenize.COMMENT else "string"
            spans[(offset(*tok.start), offset(*tok.end))] = kind
    statements = set()
    for node in ast.walk(ast.parse(data)):
        if isinstance(node, ast.Expr) and isinstance(node.value, (ast.Constant, ast.JoinedStr)):
            v = node.value
            statements.add((offset(v.lineno, v.col_offset), offset(v.end_lineno, v.end_col_offset)))
    return spans, statements


def _agrees(data: bytes) -> None:
    spans, statements = _reference_tokens(data)
    mine = {(s, e): prose for s, e, prose in python_tokens(data.lower())}
    assert set(mine) == set(spans)
    for (start, end), prose in mine.items():
        if spans[(start, end)] == "comment":
            assert prose
        elif prose:  # never a value: only a string that is a statement of its own
            assert (start, end) in statements, data[start:end]
        elif (start, end) in statements:  # a statement sharing its line is taken for code
            line_start = data.rfind(b"\n", 0, start) + 1
            line_end = data.find(b"\n", end) % (len(data) + 1)
            beside = data[line_start:start] + data[end:line_end]
            assert beside.split(b"#")[0].strip(b" \t\r"), data[start:end]


TRICKY = [
    # escapes, prefixes, quotes inside other quotes
    b'x = "a\\"b" + \'c\\\'d\' + r"\\\\" + b\'\\x00\' + rb"q" + Rb"Q" + u"u" + BR"z"\n',
    b"s = 'it''s'  # adjacent literals\n",
    b"d = \"\"\"one \"two\" ''three'' \"\"\" + '''a \"\" b'''\n",
    b'"""module docstring with # no comment"""\nimport os  # a comment with "quotes"\n',
    b'def f():\n    """doc"""\n    return "value"  # trailing\n',
    b'class C:\n    """doc\n    on lines\n    """\n    x = 1\n    "an attribute docstring"\n',
    # a string alone on its line that is not a statement
    b'CALL = dict(\n    a="x",\n)\nVALUES = [\n    "org/one",\n    "org/two"\n]\n',
    b'M = {\n    "k":\n        "org/value",\n}\nP = (\n    "implicit "\n    "concatenation"\n)\n',
    b'x = \\\n    "after a continuation"\n',
    b'if True:\n    pass\n"""a bare statement after a block"""\n',
    b'x = 1; "after a semicolon"\n',
    b'"""doc""" ; y = 2\n',
    # f-strings: fields, format specs, nested quotes of the other kind, doubled braces
    b'name = f"{a!r:>{width}} {{literal}} {d[\'k\']}"\nf"""{x}""" if 0 else None\n',
    b'v = f"{cfg or {}} and {x:{y}.{z}f}"\n',
    b"# only a comment, no newline at the end",
    b'x = "a" if y else "b"\r\nz = """crlf\r\nlines"""\r\n',
    b'x = "line \\\n continued"\n',
    b"\xef\xbb\xbf'''a BOM before the docstring'''\n",
    b'caf\xc3\xa9 = "\xc3\xa9t\xc3\xa9"  # non-ASCII names\n',
]


@pytest.mark.parametrize("source", TRICKY)
def test_lexer_agrees_with_pythons_tokenizer_and_parser(source):
    _agrees(source)


def test_lexer_agrees_on_every_python_file_of_the_package_and_corpus():
    files = [*sorted((REPO_ROOT / "licaudit").rglob("*.py")), *sorted(CORPUS.rglob("*.py"))]
    assert len(files) > 60
    for path in files:
        data = path.read_bytes()
        try:
            ast.parse(data)
        except SyntaxError:
            continue  # a fixture written not to parse
        _agrees(data)


@pytest.mark.parametrize(
    "source",
    [
        b'x = "never closed\n',
        b'x = """never closed\n',
        b"x = 'never closed",
        b'x = f"{d["key"]}"\n',  # 3.12 lets an f-string nest its own quotes
    ],
)
def test_what_cannot_be_lexed_is_said_so(source):
    with pytest.raises(CannotLex):
        list(python_tokens(source.lower()))
    assert in_code(source, WORDS, python_tokens)  # and the file is parsed


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (b'"""Call from_pretrained to load a model."""\nimport os\n', False),
        (b"# from_pretrained in a comment only\nx = 1\n", False),
        (b'def f():\n    """pipeline() docs"""\n    return 1\n', False),
        (b"model = AutoModel.from_pretrained(path)\n", True),
        (b'"""doc"""\nfrom ollama import chat\n', True),
        (b'TASK = "pipeline"\n', True),  # a trigger word in a string of the code
        (b'"""from_pretrained"""\nNAME = "org/name"\n', True),  # an id-shaped literal
        (b'"""from_pretrained"""\nTAG = "llama3.2:3b"\n', True),
        (b'"""from_pretrained"""\nTEXT = "no id here"\nURL = "https://x"\n', False),
        (b'"""from_pretrained"""\nPATH = "data/train.json"\n', True),  # shaped alike: parsed
        (b'"""first from_pretrained"""\n"""then pipeline"""\nx = 1\n', False),
        (b'"""from_pretrained"""\nx = pipeline\n', True),  # a later word, in code
    ],
)
def test_trigger_words_count_in_code_only(source, expected):
    assert in_code(source, WORDS, python_tokens) is expected


def test_a_file_naming_loaders_only_in_prose_is_not_parsed(tmp_path, monkeypatch):
    """The scanner never sees the prose-only file; with the code stage off it does, and the
    result is the same."""
    root = tmp_path / "repo"
    root.mkdir()
    (root / "docs.py").write_text(
        '"""Load with AutoModel.from_pretrained("org/name") or pipeline()."""\n'
        "# from_pretrained(...) is called elsewhere\n"
        "def helper(x):\n"
        '    """Returns x; see from_pretrained."""\n'
        "    return x\n"
    )
    (root / "load.py").write_text(
        "from transformers import AutoModel\n"
        'AutoModel.from_pretrained("org/real")  # from_pretrained\n'
    )
    seen: list[str] = []
    scanner = discover_mod.SCANNERS.scanner("python")
    real = type(scanner).scan

    def recording(self, text, ctx):
        seen.append(ctx.rel)
        return real(self, text, ctx)

    monkeypatch.setattr(type(scanner), "scan", recording)
    with_code = discover(root)
    assert seen == ["load.py"]
    monkeypatch.setenv("LICAUDIT_PREFILTER", "bytes")
    seen.clear()
    assert not prefilter.enabled()
    assert discover(root) == with_code
    assert seen == ["docs.py", "load.py"]
    assert [r.id for r in with_code.refs] == ["org/real"]


def test_reports_are_the_same_without_the_code_prefilter(run_licaudit, tmp_path):
    """The JSON report of the discovery corpus, byte for byte, with and without the code stage."""
    import shutil

    root = tmp_path / "repo"
    shutil.copytree(CORPUS, root, symlinks=True)
    augment_corpus(root)
    args = ("scan", "--offline", "--format", "json", "--no-cache", "--exclude", "expected.yaml")
    with_code = run_licaudit(*args, ".", cwd=root)
    without = run_licaudit(*args, ".", cwd=root, env={"LICAUDIT_PREFILTER": "bytes"})
    assert with_code.returncode == without.returncode
    assert with_code.stdout == without.stdout
    assert json.loads(with_code.stdout)["models"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # a model-naming word is in the code, but the only string that could be an id is prose
        (b'"""Pass "org/name" as the model."""\ndef f(model):\n    return model.eval()\n', False),
        (b'"""Pass "org/name" as the model."""\nMODEL = "gpt-4o"\n', True),
        (b"# load it with from_pretrained\ndef f(model):\n    return model\n", False),
        (b"from transformers import AutoModel\n", True),  # a loader's import is enough
    ],
)
def test_the_scanners_own_trigger_decides_on_the_code(source, expected):
    """The Python trigger asks for a loader word, or a model-naming word with a string that can
    be an id beside it: on the code, each as the trigger itself says."""
    from licaudit.discover.python import TRIGGER

    assert TRIGGER.search(source)  # the byte prefilter lets each of them through
    assert in_code(source, TRIGGER, python_tokens) is expected
