"""Go discovery: each shape Go programs and their tests write, found where its id is written, and
its decoy not found. Real files in a temporary folder, scanned by the real discovery."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from licaudit.discover import discover, golang
from licaudit.model import HOSTED, HUGGINGFACE, MODELSCOPE, OLLAMA

from .discover_helpers import write_files


def found(tmp_path: Path, text: str, name: str = "pkg/x.go") -> list[tuple[str, str, int]]:
    result = discover(write_files(tmp_path, {name: text}))
    return [(r.id, r.source, r.location.line) for r in result.refs]


def test_struct_literal_fields_name_models(tmp_path):
    text = """package x

var cfg = Config{
	ModelID:   "acme/go-field",
	Tokenizer: "acme/go-tokenizer",
	Name:      "acme/go-display-name",
	OutputDir: "acme/go-output",
}
var m = map[string]string{"model": "acme/go-map-value", "title": "acme/go-map-title"}
var req = ChatRequest{Model: "gpt-4o-mini"}
"""
    assert found(tmp_path, text) == [
        ("acme/go-field", HUGGINGFACE, 4),
        ("acme/go-tokenizer", HUGGINGFACE, 5),
        ("acme/go-map-value", HUGGINGFACE, 9),
        ("gpt-4o-mini", HOSTED, 10),
    ]


def test_constants_variables_and_assignments(tmp_path):
    text = """package x

const DefaultModel = "acme/go-const"
const (
	embeddingModel, rerankModel = "acme/go-embed", "acme/go-rerank"
	greeting = "acme/go-greeting"
)

func f(c *Config) {
	draftModel := "acme/go-draft"
	c.BaseModel = "acme/go-base"
	c.Title = "acme/go-title"
	label := "acme/go-label"
	_ = label
}
"""
    assert found(tmp_path, text) == [
        ("acme/go-const", HUGGINGFACE, 3),
        ("acme/go-embed", HUGGINGFACE, 5),
        ("acme/go-rerank", HUGGINGFACE, 5),
        ("acme/go-draft", HUGGINGFACE, 10),
        ("acme/go-base", HUGGINGFACE, 11),
    ]


def test_a_constant_used_by_name_is_reported_where_it_is_written(tmp_path):
    text = """package x

const qwen = "acme/go-through-a-constant"

var spec = Spec{ModelID: qwen}
var other = Spec{Title: qwen}
"""
    result = discover(write_files(tmp_path, {"x.go": text}))
    assert [(r.id, r.location.line, r.evidence) for r in result.refs] == [
        ("acme/go-through-a-constant", 3, "model field ModelID (through qwen)")
    ]


def test_setters_and_builders_by_the_field_they_set(tmp_path):
    text = """package x

func f() {
	m := wrapper.MakeModel("acme/go-object-name").FamilyName("acme/go-family").
		ModelSourceWithModelID("acme/go-builder", "weights.gguf", "main").Obj()
	opts := NewOptions().WithModel("acme/go-with").SetTokenizer("acme/go-set")
	c.SetTitle("acme/go-set-title")
	Model("acme/go-bare-call")
}
"""
    result = discover(write_files(tmp_path, {"x.go": text}))
    assert [(r.id, r.location.line) for r in result.refs] == [
        ("acme/go-builder", 5),
        ("acme/go-with", 6),
        ("acme/go-set", 6),
    ]
    assert result.refs[0].evidence == ("model setter ModelSourceWithModelID of the field ModelID")


def test_setter_names():
    assert golang.setter_field("ModelSourceWithModelID") == "ModelID"
    assert golang.setter_field("WithModel") == "Model"
    assert golang.setter_field("SetEmbeddingModel") == "EmbeddingModel"
    assert golang.setter_field("UseHFModel") == "HFModel"
    assert golang.setter_field("MakeModel") is None
    assert golang.setter_field("With") is None
    assert golang.setter_field("Settings") is None


def test_environment_defaults_and_command_lists(tmp_path):
    text = """package x

func f() {
	model := getEnv("MODEL_ID", "acme/go-env-default")
	region := getEnv("REGION", "acme/go-env-region")
	other := lookup("MODEL_ID", "acme/go-not-an-env-helper")
	args := []string{"serve", "--model", "acme/go-flag", "--port", "8000"}
	names := []string{"acme/go-list-a", "acme/go-list-b"}
	models := []string{"acme/go-models-a", "acme/go-models-b"}
}
"""
    result = discover(write_files(tmp_path, {"x.go": text}))
    assert [(r.id, r.location.line, r.evidence) for r in result.refs] == [
        ("acme/go-env-default", 4, "model, the default of MODEL_ID"),
        ("acme/go-flag", 7, "--model flag"),
        ("acme/go-models-a", 9, "model variable models"),
        ("acme/go-models-b", 9, "model variable models"),
    ]


def test_self_evident_uris_anywhere_and_what_never_is(tmp_path):
    text = """package x

import "github.com/acme/go-import-path"

// ModelID is the Hub id, for example "acme/go-doc-comment" or ollama://go-doc:latest.
/* ModelID: "acme/go-block-comment" */
func f() {
	src := NewSource().WithURI("ollama://qwen2:0.5b")
	url := "https://huggingface.co/acme/go-url/resolve/main/model.gguf"
	msg := fmt.Sprintf("loading %s", "acme/go-format-arg")
	c.Model = "acme/go-\\u0041escaped"
	c.Model = "username/model-name"
	c.Model = "some/model"
	c.Image = "vllm/vllm-openai"
	fixtures := []Model{{URL: "hf://test-repo/test-model"}, {URL: "ollama://test-repo/test-model"}}
	other := Model{URL: "hf://some-repo/some-model", Adapter: "hf://test-user/model-name"}
	real := Model{URL: "hf://acme/go-hf-uri"}
	pull := "ollama://gemma2:2b?pull=false"
	pvc := "pvc://my-pvc/path?model=qwen2:0.5b&pull=true"
	other := "https://example.com/search?q=acme/go-query-value"
}
"""
    assert found(tmp_path, text) == [
        ("qwen2:0.5b", OLLAMA, 8),
        ("acme/go-url", HUGGINGFACE, 9),
        ("acme/go-hf-uri", HUGGINGFACE, 17),
        ("gemma2:2b", OLLAMA, 18),
        ("qwen2:0.5b", OLLAMA, 19),
    ]


@pytest.mark.parametrize(
    "value",
    [
        "hf://test-repo/test-model",
        "hf://test-org/test-model",
        "hf://some-repo/some-model",
        "hf://test-user/model-name",
        "ollama://test-repo/test-model",
        "https://huggingface.co/test-repo/test-model/resolve/main/model.gguf",
    ],
)
def test_a_uri_around_a_placeholder_is_a_placeholder(value):
    from licaudit.discover.context import self_evident

    assert self_evident(value) is None


def test_modelscope_from_a_sibling_field_or_the_builder_chain(tmp_path):
    text = """package x

var hubs = []ModelHub{
	{Name: "ModelScope", ModelID: "LLM-Research/go-sibling"},
	{Name: "Huggingface", ModelID: "acme/go-hub"},
}

func f() {
	a := wrapper.MakeModel("m").ModelSourceWithModelID("Qwen/go-after", "", "").ModelSourceWithModelHub("ModelScope").Obj()
	b := wrapper.MakeModel("m").ModelSourceWithModelHub("ModelScope").ModelSourceWithModelID("Qwen/go-before", "", "").Obj()
	c := wrapper.MakeModel("m").ModelSourceWithModelHub("Huggingface").ModelSourceWithModelID("Qwen/go-hf", "", "").Obj()
	d := wrapper.MakeModel("m").ModelSourceWithModelHub("ModelScope").ModelSourceWithURI("ollama://go-uri:1b").Obj()
}
"""
    result = discover(write_files(tmp_path, {"x.go": text}))
    got = [(r.id, r.source, r.location.line) for r in result.refs]
    assert got == [
        ("LLM-Research/go-sibling", MODELSCOPE, 4),
        ("acme/go-hub", HUGGINGFACE, 5),
        ("Qwen/go-after", MODELSCOPE, 9),
        ("Qwen/go-before", MODELSCOPE, 10),
        ("Qwen/go-hf", HUGGINGFACE, 11),
        ("go-uri:1b", OLLAMA, 12),
    ]
    assert result.refs[0].evidence == "model field ModelID (a ModelScope source)"


def test_a_broken_file_keeps_its_other_references(tmp_path):
    text = 'package x\n\nconst DefaultModel = "acme/go-kept"\n\nfunc broken( {\n'
    assert found(tmp_path, text) == [("acme/go-kept", HUGGINGFACE, 3)]


def test_an_ignore_marker_suppresses(tmp_path):
    text = 'package x\n\nconst DefaultModel = "acme/go-quiet" // licaudit: ignore\n'
    result = discover(write_files(tmp_path, {"x.go": text}))
    assert [(r.id, r.suppressed) for r in result.refs] == [("acme/go-quiet", True)]


@pytest.mark.parametrize("text", ["", "package x\n", "\x00\x01 model", "model " * 50_000])
def test_hostile_or_empty_files_never_crash(tmp_path, text):
    result = discover(write_files(tmp_path, {"x.go": text}))
    assert not [r for r in result.refs if r.source != HUGGINGFACE]


def test_the_go_parser_loads_only_when_a_go_file_is_scanned(tmp_path):
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from licaudit.discover import discover\n"
        "import licaudit.discover.golang\n"
        "assert 'tree_sitter' not in sys.modules, 'imported with the module'\n"
        f"discover(Path({str(tmp_path / 'py')!r}))\n"
        "assert 'tree_sitter_go' not in sys.modules, 'imported for a Python-only tree'\n"
        f"r = discover(Path({str(tmp_path / 'go')!r}))\n"
        "assert 'tree_sitter_go' in sys.modules\n"
        "print(r.refs[0].id)\n"
    )
    write_files(tmp_path, {"py/a.py": "x = 1\n", "go/a.go": 'package a\nconst Model = "org/m"\n'})
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "org/m"


def test_a_deep_builder_chain_costs_linear_time(tmp_path):
    """Each call of a chain is looked at once (walking up a deep tree would cost its depth
    squared: thousands of chained setters would never finish)."""
    chain = '.WithModel("acme/go-deep")' * 4000
    write_files(tmp_path, {"x.go": f'package x\nvar m = b{chain}.WithModelHub("ModelScope")\n'})
    code = (
        "from pathlib import Path\n"
        "from licaudit.discover import discover\n"
        f"refs = discover(Path({str(tmp_path)!r})).refs\n"
        "print(len(refs), {(r.id, r.source) for r in refs})\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "4000 {('acme/go-deep', 'modelscope')}"
