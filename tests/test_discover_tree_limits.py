"""Hostile shapes of JavaScript / TypeScript, Go and Python sources: a file past a bound is listed
as partially scanned with the reason (what the rest of it holds is still found), never truncated
in silence, and no shape costs more than linear time. Real generated files, scanned by the real
discovery; the work a shape costs is counted where the code can count it, timed (in CPU seconds) where
it cannot (each timed shape took over ten times its bound before)."""

from __future__ import annotations

import ast
import time
from pathlib import Path

import pytest

from licaudit.discover import discover, javascript, treesitter
from licaudit.discover.common import snippet_at

from .discover_helpers import write_files

DEEP = "partially scanned: nested more than 65,000 levels deep (what lies deeper is not read)"
WALKS = "partially scanned: its names are nested too deeply to resolve (more than 1,000,000 steps)"


def scan(tmp_path: Path, files: dict[str, str], *, bound: float = 20.0, **kw):
    # the CPU time of this process (a scan this small runs in it, workers are never forked):
    # what the shape costs, not how busy the machine is
    start = time.process_time()
    result = discover(write_files(tmp_path, files), **kw)
    elapsed = time.process_time() - start
    assert elapsed < bound, f"scan took {elapsed:.1f} CPU s"
    return result


def ids(result, path: str) -> set[str]:
    return {r.id for r in result.refs if r.location.path == path}


def reasons(result) -> dict[str, str]:
    return {s.path: s.reason for s in result.skipped}


# ---------------------------------------------------------------- deeper than the query reads


def test_a_tree_deeper_than_the_query_reads_is_reported_not_truncated(tmp_path):
    """tree-sitter counts depth in 16 bits: a reference nested past 65,535 levels was lost
    without a word (and a chain of 20,000 calls kept 16,383 of its references). The query reads
    65,000 levels; the file past them is listed, what lies above is found; a file nested just
    under the bound is read whole."""
    shallow = 'const model = "acme/shallow";\n'
    result = scan(
        tmp_path,
        {
            "deep.js": shallow + "{" * 66_000 + 'const model_id = "acme/deep";' + "}" * 66_000,
            "under.js": "{" * 64_000 + 'const model_id = "acme/under";' + "}" * 64_000,
        },
    )
    assert ids(result, "deep.js") == {"acme/shallow"}
    assert ids(result, "under.js") == {"acme/under"}
    assert reasons(result) == {"deep.js": DEEP}


def test_a_go_literal_nested_past_the_bound_is_reported(tmp_path):
    """A Go struct literal nested 17,000 times is 68,000 levels deep (its field was lost in
    silence, and nested 33,000 times the query took minutes); 16,000 times it is read whole."""

    def nested(n: int, model: str) -> str:
        return f'package main\n\nvar top = T{{Model: "acme/go-top"}}\nvar x = {"T{Model: " * n}"{model}"{"}" * n}\n'

    result = scan(
        tmp_path,
        {"deep.go": nested(17_000, "acme/go-deep"), "under.go": nested(16_000, "acme/go-under")},
    )
    assert ids(result, "deep.go") == {"acme/go-top"}
    assert ids(result, "under.go") == {"acme/go-top", "acme/go-under"}
    assert reasons(result) == {"deep.go": DEEP}


def test_a_partially_scanned_file_is_reported_again_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("LICAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    files = {"deep.js": 'const model = "acme/shallow";\n' + "[" * 70_000 + "]" * 70_000 + "\n"}
    first = scan(tmp_path / "repo", files, cache=True)
    again = discover(tmp_path / "repo", cache=True)
    assert reasons(first) == reasons(again) == {"deep.js": DEEP}
    assert ids(again, "deep.js") == {"acme/shallow"}


def test_the_depth_check_looks_only_where_a_tree_can_be_deep():
    parser, _ = javascript._grammar("js")
    for n in (1, 2, 3, 40):
        root = parser.parse(b"x = " + b"[" * n + b"]" * n + b";").root_node
        depth = n + 3  # program, expression_statement, assignment_expression, n arrays
        assert treesitter.deeper_than(root, depth - 1)
        assert not treesitter.deeper_than(root, depth)


# ---------------------------------------------------------------- walks to enclosing nodes


def test_names_resolved_deep_in_the_tree_are_bounded_and_reported(tmp_path):
    """Each name resolved costs a walk from the root to its use: 2,000 calls nested 990 blocks
    deep cost 2,000,000 steps of walking. The walks of a file are bounded; what was found before
    the bound is kept, and the names under which values sit are read still (they take no walks).
    The same calls at the top of a file are read whole."""
    head = 'import { pipeline } from "@huggingface/transformers";\nconst model = "acme/first";\n'
    calls = "\n".join(f"run(x{i}); pipeline('text-generation', m{i});" for i in range(2000))
    result = scan(
        tmp_path,
        {"deep.js": head + "{" * 990 + calls + "}" * 990, "flat.js": head + calls},
        bound=10,
    )
    assert reasons(result) == {"deep.js": WALKS}
    assert "acme/first" in ids(result, "deep.js")
    assert "acme/first" in ids(result, "flat.js")


# ---------------------------------------------------------------- superlinear shapes, now linear


def test_names_nested_in_each_other_cost_linear_time(tmp_path):
    """``{model: {model: ...}}`` nested 16,000 times: each name's holder was found walking up
    from it (its depth squared: 12 s); now the query returns the holder with the name."""
    text = "const config = " + "{model: " * 16_000 + '"acme/deep-obj"' + "}" * 16_000 + ";\n"
    result = scan(tmp_path, {"x.js": text}, bound=6)
    assert ids(result, "x.js") == {"acme/deep-obj"}
    assert reasons(result) == {}


@pytest.mark.parametrize(
    "shape",
    [
        "class A {\n%(fields)s  run() {\n%(uses_this)s  }\n}\n",
        "const M = {\n%(pairs)s};\n%(uses_member)s",
        "enum M {\n%(members)s}\n%(uses_member)s",
    ],
    ids=["class fields", "object keys", "enum members"],
)
def test_a_table_of_thousands_of_models_is_read_once(tmp_path, monkeypatch, shape):
    """3,000 fields, each used once: every use read the table again (3,000 x 3,000 keys: 11 s
    for the class); a table is now indexed once."""
    n = 3000
    text = 'import ollama from "ollama";\n' + shape % {
        "fields": "".join(f'  m{i} = "llama{i}";\n' for i in range(n)),
        "pairs": "".join(f'  m{i}: "llama{i}",\n' for i in range(n)),
        "members": "".join(f'  m{i} = "llama{i}",\n' for i in range(n)),
        "uses_this": "".join(f"    ollama.chat({{model: this.m{i}}});\n" for i in range(n)),
        "uses_member": "".join(f"ollama.chat({{model: M.m{i}}});\n" for i in range(n)),
    }
    keys = []
    real = javascript._key_text
    monkeypatch.setattr(javascript, "_key_text", lambda key: keys.append(1) or real(key))
    result = scan(tmp_path, {"x.ts": text})
    assert ids(result, "x.ts") == {f"llama{i}:latest" for i in range(n)}
    assert len(keys) < 10 * n  # was n * n / 2


def test_a_list_subscripted_thousands_of_times_is_read_once(tmp_path):
    """``MODELS[k]`` is any model of the list: 1,000 lookups of a list of 1,000 each read all of
    it again, and identified each model again (15 s)."""
    n = 1000
    text = (
        'import ollama from "ollama";\nconst MODELS = [\n'
        + "".join(f'  "llama{i}",\n' for i in range(n))
        + "];\n"
        + "".join(f"ollama.chat({{model: MODELS[k{i}]}});\n" for i in range(n))
    )
    result = scan(tmp_path, {"x.js": text}, bound=6)
    assert ids(result, "x.js") == {f"llama{i}:latest" for i in range(n)}


def test_a_function_of_thousands_of_parameters_is_read_once(tmp_path, monkeypatch):
    n = 3000
    text = (
        'import ollama from "ollama";\nfunction run('
        + ", ".join(f"p{i}" for i in range(n))
        + ") {\n"
        + "".join(f"  ollama.chat({{model: p{i}}});\n" for i in range(n))
        + "}\n"
        + 'run("llama-first");\n'
    )
    texts = []
    real = javascript._text
    monkeypatch.setattr(javascript, "_text", lambda node: texts.append(1) or real(node))
    result = scan(tmp_path, {"x.js": text})
    assert ids(result, "x.js") == {"llama-first:latest"}
    assert len(texts) < 20 * n  # was n * n / 2


def test_a_go_map_of_thousands_of_model_fields_costs_linear_time(tmp_path):
    """Each field of a literal asked whether another names ModelScope: 30,000 fields, 40 s."""
    n = 30_000
    text = (
        "package main\n\nvar m = map[string]string{\n"
        + "".join(f'\t"model_{i}": "acme/go-{i}",\n' for i in range(n))
        + '\t"hub": "ModelScope",\n}\n'
    )
    scan(tmp_path, {"x.go": text}, bound=6)


def test_nested_python_loader_calls_are_written_once_each(tmp_path, monkeypatch):
    """``pipeline(pipeline(...))`` nested 199 deep (Python's own limit is 200): each call's
    argument is unresolvable, and its text was unparsed whole (the nesting squared: 20,000 calls
    written for one statement, 2 MiB of them took minutes); now each is written as far as it is
    kept, the inner texts reused."""
    written = []
    real = ast._Unparser.visit_Call
    monkeypatch.setattr(
        ast._Unparser, "visit_Call", lambda self, node: written.append(1) or real(self, node)
    )
    line = "x = " + "pipeline(" * 199 + '"acme/py"' + ")" * 199 + "\n"
    result = scan(tmp_path, {"x.py": "from transformers import pipeline\n" + line * 5})
    unresolvable = [u for u in result.unresolvable if u.location.path == "x.py"]
    assert len(unresolvable) == 5 * 198
    assert unresolvable[0].expression == ("pipeline(" * 23)[:200]
    assert len(written) < 5 * 199 * 3  # was 5 * 199 * 200 / 2


@pytest.mark.parametrize(
    "expression",
    [
        "f(" * 150 + "x" + ")" * 150,
        "a.b(c, d=e)(f'{g(h(1))!r:>{w}}', *args, **kw)[0].i(j)",
        "f'{a(b(c(d)))}' + f\"{'q'}\\n\" + (lambda y: y(y(y)))(z)",
        "load(" + ", ".join(f"'{'x' * i}'" for i in range(40)) + ")",
    ],
)
def test_the_prefix_unparser_writes_what_ast_unparse_writes(expression):
    from licaudit.discover.python import _unparsed

    nodes = [n for n in ast.walk(ast.parse(expression)) if isinstance(n, ast.expr)]
    for order in (nodes, nodes[::-1]):
        memo: dict = {}
        for node in order:
            for limit in (60, 200):
                assert _unparsed(node, limit, memo) == ast.unparse(node)[:limit]


def test_python_nested_too_deeply_for_the_parser_is_reported(tmp_path):
    """Python's own limits: a chain of 5,000 calls passes 200 levels of parentheses for none, but
    its tree is too deep to walk; the file is listed, the scan goes on."""
    chain = "from transformers import AutoModel\nx = AutoModel" + ".from_pretrained('a/b')" * 5000
    result = scan(
        tmp_path, {"chain.py": chain + "\n", "ok.py": "AutoModel.from_pretrained('a/c')\n"}
    )
    assert reasons(result) == {"chain.py": "cannot parse: nested too deeply"}


# ---------------------------------------------------------------- positions and snippets


def test_many_references_on_one_long_line(tmp_path):
    """A minified line of 20,000 references: each one's column was counted from the start of the
    line and its snippet stripped from the whole line; both now stop where they are needed."""
    n = 20_000
    text = 'import ollama from "ollama";const é = 1;' + "".join(
        f'ollama.chat({{model: "llama{i}"}});' for i in range(n)
    )
    result = scan(tmp_path, {"x.js": text + "\n"})
    refs = sorted(result.refs, key=lambda r: r.location.column)
    assert len(refs) == n
    last = refs[-1]
    assert text[last.location.column - 1 :].startswith(f"llama{n - 1}")
    assert last.location.snippet == text[:200]


def test_columns_are_counted_in_characters_on_long_lines():
    src = ("é" * 5000 + 'x = "a"; ' * 2000 + "ü" * 3 + 'y = "b";\n' + "z\n").encode()
    parser, _ = javascript._grammar("js")
    root = parser.parse(src).root_node
    positions = treesitter.Positions(src)
    strings = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "string":
            strings.append(node)
        stack.extend(node.children)
    assert len(strings) == 2001
    for node in strings:
        row, col = node.start_point
        start = node.start_byte - col
        chars = len(src[start : node.start_byte].decode())
        assert positions(node, inside=True) == (row + 1, chars + 2)


@pytest.mark.parametrize(
    "line",
    ["", "   ", "  abc  ", "x" * 300, "a" + " " * 199 + "b", "a" + " " * 300, "\u2003 é" * 150],
)
def test_a_snippet_is_the_stripped_line_cut_to_200_characters(line):
    assert snippet_at([line], 1) == line.strip()[:200]
