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


# --- names of the other files of a package -------------------------------------------------------


def _refs(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, str, str, int]]:
    result = discover(write_files(tmp_path, files))
    return [(r.id, r.source, r.location.path, r.location.line) for r in result.refs]


PACKAGE = {
    "app/consts.go": """package main

import openai "github.com/sashabaranov/go-openai"

const DefaultModel = "llama3.2"

const chatName = "acme/go-chat-across"

var (
	embedder = "nomic-embed-text"
	Fallback = openai.GPT4oMini
)

const title = "acme/go-title-across"
""",
    "app/main.go": """package main

import "github.com/ollama/ollama/api"

func run(label string) {
	_ = &api.ChatRequest{Model: DefaultModel}
	cfg := Config{Model: chatName, Title: title}
	_ = &api.EmbedRequest{Model: embedder}
	opts := Options{Model: Fallback, Name: label}
	_, _ = cfg, opts
}
""",
}


def test_a_constant_of_another_file_of_the_package_is_followed(tmp_path):
    """Go packages span the files of a folder: a name main.go uses without declaring it is
    the package-level constant or variable consts.go declares, reported where it is used, the
    evidence naming the file and line it is written on. consts.go alone names no model:
    ``llama3.2`` is an Ollama name only in an Ollama place, chatName and Fallback say nothing."""
    result = discover(write_files(tmp_path, PACKAGE))
    assert [(r.id, r.source, r.location.path, r.location.line) for r in result.refs] == [
        ("llama3.2:latest", OLLAMA, "app/main.go", 6),
        ("acme/go-chat-across", HUGGINGFACE, "app/main.go", 7),
        ("nomic-embed-text:latest", OLLAMA, "app/main.go", 8),
        ("gpt-4o-mini", HOSTED, "app/main.go", 9),
    ]
    evidence = [r.evidence for r in result.refs]
    assert evidence[0] == (
        "ollama-go: api.ChatRequest{Model} (through DefaultModel, written in app/consts.go line 5)"
    )
    assert evidence[3] == (
        "hosted model field Model (through Fallback, written in app/consts.go line 11) ("
        "go-openai constant openai.GPT4oMini)"
    )


def test_what_another_file_of_the_folder_declares_is_not_always_the_packages(tmp_path):
    """Decoys: a test file's constant is not seen by the package's other files, a file of
    another package in the folder (an external test package) is not the package, a name
    the file declares itself (a parameter, a loop variable) is never looked up, and a
    folder's package is not its parent's or its child's."""
    files = {
        "app/main.go": """package main

import "github.com/ollama/ollama/api"

func run(model string, models []string) {
	_ = &api.ChatRequest{Model: model}
	_ = &api.ChatRequest{Model: testModel}
	_ = &api.ChatRequest{Model: externalModel}
	_ = &api.ChatRequest{Model: parentModel}
	_ = &api.ChatRequest{Model: childModel}
	for _, m := range models {
		_ = &api.ChatRequest{Model: m}
	}
}
""",
        "app/fixtures_test.go": 'package main\n\nconst testModel = "go-test-only:1b"\n',
        "app/external_test.go": 'package main_test\n\nconst externalModel = "go-external:1b"\n',
        "app/shadow.go": 'package main\n\nconst model = "go-shadowed:1b"\n\nconst m = "go-loop:1b"\n',
        "parent.go": 'package parent\n\nconst parentModel = "go-parent:1b"\n',
        "app/sub/child.go": 'package main\n\nconst childModel = "go-child:1b"\n',
    }
    got = _refs(tmp_path, files)
    assert [r for r in got if r[2] == "app/main.go"] == []
    assert len(got) == 5  # each constant whose name says model is one where it is written


def test_a_test_file_sees_the_package_and_its_own_test_files(tmp_path):
    files = {
        "app/main.go": 'package main\n\nconst DefaultModel = "go-main:1b"\n',
        "app/main_test.go": """package main

import "github.com/ollama/ollama/api"

var req = api.ChatRequest{Model: DefaultModel}
var other = api.ChatRequest{Model: testOnly}
""",
        "app/helpers_test.go": 'package main\n\nconst testOnly = "go-helper:1b"\n',
    }
    assert _refs(tmp_path, files) == [
        ("go-main:1b", OLLAMA, "app/main.go", 3),
        ("go-main:1b", OLLAMA, "app/main_test.go", 5),
        ("go-helper:1b", OLLAMA, "app/main_test.go", 6),
    ]


def test_a_name_declared_once_with_a_string_is_followed_twice_it_is_not(tmp_path):
    text = """package x

import "github.com/ollama/ollama/api"

func a() {
	name := "go-once"
	_ = api.ChatRequest{Model: name}
	label := "go-twice"
	_ = api.ChatRequest{Model: label}
}

func b() {
	label := "go-other"
	_ = api.PullRequest{Model: label}
	again := "go-first"
	again = "go-second"
	_ = api.PullRequest{Model: again}
}
"""
    assert found(tmp_path, text) == [("go-once:latest", OLLAMA, 6)]


# --- the Go libraries of the loader data ---------------------------------------------------------


def test_the_ollama_clients_requests_name_ollama_models(tmp_path):
    text = """package x

import (
	"context"

	"github.com/ollama/ollama/api"
)

func f(client *api.Client, ctx context.Context) {
	_ = client.Chat(ctx, &api.ChatRequest{Model: "llama3.2"}, nil)
	_ = client.Generate(ctx, &api.GenerateRequest{Model: "mistral:7b", Prompt: "hi"}, nil)
	_, _ = client.Embed(ctx, &api.EmbedRequest{Model: "nomic-embed-text"})
	_ = client.Pull(ctx, &api.PullRequest{Name: "phi3"}, nil)
	_, _ = client.Show(ctx, &api.ShowRequest{Model: "qwen2.5:0.5b"})
	_ = client.Create(ctx, &api.CreateRequest{Model: "acme/go-created", From: "gemma2:2b"}, nil)
	_ = client.Copy(ctx, &api.CopyRequest{Source: "llama3.1", Destination: "acme/go-copy"})
	_ = client.Push(ctx, &api.PushRequest{Model: "acme/go-pushed"}, nil)
	_ = client.Delete(ctx, &api.DeleteRequest{Model: "acme/go-deleted"})
	_ = ChatRequest{Model: "go-not-the-client"}
}
"""
    assert found(tmp_path, text) == [
        ("llama3.2:latest", OLLAMA, 10),
        ("mistral:7b", OLLAMA, 11),
        ("nomic-embed-text:latest", OLLAMA, 12),
        ("phi3:latest", OLLAMA, 13),
        ("qwen2.5:0.5b", OLLAMA, 14),
        ("gemma2:2b", OLLAMA, 15),
        ("llama3.1:latest", OLLAMA, 16),
    ]


def test_langchaingo_options_by_their_package(tmp_path):
    text = """package x

import (
	"context"

	"github.com/tmc/langchaingo/embeddings/huggingface"
	"github.com/tmc/langchaingo/llms"
	"github.com/tmc/langchaingo/llms/anthropic"
	"github.com/tmc/langchaingo/llms/googleai"
	"github.com/tmc/langchaingo/llms/ollama"
	"github.com/tmc/langchaingo/llms/openai"
	mine "example.com/app/ollama"
)

func f(ctx context.Context) {
	a, _ := ollama.New(ollama.WithModel("llama3"))
	b, _ := openai.New(openai.WithModel("gpt-4o"), openai.WithEmbeddingModel("text-embedding-3-small"))
	c, _ := openai.New(openai.WithBaseURL("http://localhost:11434/v1"), openai.WithModel("qwen2.5"))
	opts := []openai.Option{openai.WithModel("acme/go-vllm"), openai.WithBaseURL("http://127.0.0.1:8000/v1")}
	d, _ := anthropic.New(anthropic.WithModel("claude-3-5-haiku-latest"))
	e, _ := googleai.New(ctx, googleai.WithDefaultModel("gemini-2.0-flash"))
	g, _ := huggingface.NewHuggingface(huggingface.WithModel("BAAI/bge-small-en-v1.5"))
	_, _ = a.GenerateContent(ctx, nil, llms.WithModel("gpt-4o-mini"))
	h, _ := mine.New(mine.WithModel("go-not-langchaingo"))
	i, _ := openai.New(openai.WithModel("deepseek-reasoner"), openai.WithBaseURL("https://api.deepseek.com"))
	_, _ = a.GenerateContent(ctx, nil, llms.WithModel("gpt2"))
	_, _, _, _, _, _, _, _ = b, c, opts, d, e, g, h, i
}
"""
    result = discover(write_files(tmp_path, {"x.go": text}))
    assert [(r.id, r.source, r.provider, r.location.line) for r in result.refs] == [
        ("llama3:latest", OLLAMA, None, 16),
        ("gpt-4o", HOSTED, "openai", 17),
        ("text-embedding-3-small", HOSTED, "openai", 17),
        ("qwen2.5:latest", OLLAMA, None, 18),
        ("acme/go-vllm", HUGGINGFACE, None, 19),
        ("claude-3-5-haiku-latest", HOSTED, "anthropic", 20),
        ("gemini-2.0-flash", HOSTED, "google-gemini", 21),
        ("BAAI/bge-small-en-v1.5", HUGGINGFACE, None, 22),
        ("gpt-4o-mini", HOSTED, "openai", 23),
        ("deepseek-reasoner", HOSTED, "deepseek", 25),  # the base URL says whose
        ("gpt2", HUGGINGFACE, None, 26),  # any provider's: what the name Model says
    ]
    assert result.refs[0].evidence == "langchaingo: ollama.WithModel()"


def test_sdk_model_constants_name_hosted_models_where_a_model_goes(tmp_path):
    text = """package x

import (
	"context"

	"github.com/anthropics/anthropic-sdk-go"
	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/shared"
	goopenai "github.com/sashabaranov/go-openai"
)

const embeddingModel = goopenai.AdaEmbeddingV2

func f(ctx context.Context) {
	_, _ = c.CreateChatCompletion(ctx, goopenai.ChatCompletionRequest{Model: goopenai.GPT4oMini})
	_, _ = c.CreateEmbeddings(ctx, goopenai.EmbeddingRequest{Model: embeddingModel})
	_, _ = oc.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{Model: openai.ChatModelGPT4o})
	_, _ = oc.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{Model: shared.ChatModelO3Mini})
	_, _ = ac.Messages.New(ctx, anthropic.MessageNewParams{Model: anthropic.ModelClaude3_5SonnetLatest})
	model := goopenai.Whisper1
	_ = model
}
"""
    result = discover(write_files(tmp_path, {"x.go": text}))
    assert [(r.id, r.source, r.provider, r.location.line) for r in result.refs] == [
        ("text-embedding-ada-002", HOSTED, "openai", 12),
        ("gpt-4o-mini", HOSTED, "openai", 15),
        ("gpt-4o", HOSTED, "openai", 17),
        ("o3-mini", HOSTED, "openai", 18),
        ("claude-3-5-sonnet-latest", HOSTED, "anthropic", 19),
        ("whisper-1", HOSTED, "openai", 20),
    ]
    assert result.refs[1].evidence == (
        "go-openai: goopenai.ChatCompletionRequest{Model} (go-openai constant goopenai.GPT4oMini)"
    )


def test_the_sdks_field_wrapper_of_their_first_releases_hands_back_its_argument(tmp_path):
    text = """package x

import (
	"github.com/anthropics/anthropic-sdk-go"
	"github.com/openai/openai-go"
)

var p = openai.ChatCompletionNewParams{Model: openai.F(openai.ChatModelGPT4oMini)}
var q = anthropic.MessageNewParams{Model: anthropic.F(anthropic.ModelClaude_3_5_Sonnet_20240620)}
var r = openai.ChatCompletionNewParams{Model: other.F(openai.ChatModelGPT4o)}
var s = openai.ChatCompletionNewParams{Model: openai.F(openai.ChatModelGPT4o, 1)}
"""
    assert found(tmp_path, text) == [
        ("gpt-4o-mini", HOSTED, 8),
        ("claude-3-5-sonnet-20240620", HOSTED, 9),
    ]


def test_sdk_constants_elsewhere_and_go_decoys_are_not_references(tmp_path):
    """Decoys: a constant in a comparison, a switch case, a map of token limits, a log call or
    under a name that says nothing; a constant the map does not know; a package of the same
    name from another path; a struct tag, a JSON payload of a test, a comment, a log message
    and container images."""
    text = """package v1

import (
	"log"
	"testing"

	openai "github.com/sashabaranov/go-openai"
	other "example.com/openai"
)

// The default model is "llama3.2" (ollama://llama3.2); gpt-4o works too.
type Request struct {
	Model string `json:"model" default:"gpt-4o"`
}

func TestPayload(t *testing.T) {
	body := `{"model": "gpt-4o-mini", "messages": []}`
	log.Printf("model %s loaded from %s", "llama3.2", "meta-llama/Llama-3.2-1B")
	t.Logf("using %s", openai.GPT4o)
	if r.Model == openai.GPT4oMini {
		t.Fatal(body)
	}
	limits := map[string]int{openai.GPT4: 8192}
	switch r.Model {
	case openai.O1:
	}
	name := openai.GPT4oMini
	req := Request{Model: openai.GPT9000}
	req2 := Request{Model: other.GPT4o}
	pod := Pod{Image: "ollama/ollama:0.5.7", ModelImage: "vllm/vllm-openai:v0.6.0"}
	_, _, _, _, _ = limits, name, req, req2, pod
}
"""
    assert found(tmp_path, text, "api/v1/payload_test.go") == []


def test_package_paths_and_the_names_they_are_used_by():
    assert golang.package_path("github.com/openai/openai-go/v3/shared") == (
        "github.com/openai/openai-go/shared"
    )
    assert golang.package_path("k8s.io/api/core/v1") == "k8s.io/api/core"
    assert golang.assumed_name("github.com/sashabaranov/go-openai") == "openai"
    assert golang.assumed_name("github.com/openai/openai-go/v3") == "openai"
    assert golang.assumed_name("github.com/anthropics/anthropic-sdk-go") == "anthropic"
    assert golang.assumed_name("github.com/ollama/ollama/api") == "api"


def test_a_request_struct_variable_whose_field_is_set_later(tmp_path):
    text = """package x

import "github.com/ollama/ollama/api"

var pull api.PullRequest

func f() {
	chat := &api.ChatRequest{Messages: nil}
	chat.Model = "llama3.2"
	pull.Model = "qwen2.5:0.5b"
	create := api.CreateRequest{}
	create.Model = "acme/go-created-later"
	create.From = "gemma2"
	other.Model = "go-untyped"
}

func g() {
	req := Request{}
	req.Model = "go-another-req"
	chat := 1
}
"""
    assert found(tmp_path, text) == [("qwen2.5:0.5b", OLLAMA, 10), ("gemma2:latest", OLLAMA, 13)]
    once = text.replace("\tchat := 1\n", "")
    assert found(tmp_path, once) == [
        ("llama3.2:latest", OLLAMA, 9),
        ("qwen2.5:0.5b", OLLAMA, 10),
        ("gemma2:latest", OLLAMA, 13),
    ]


def test_a_model_type_conversion_is_its_argument(tmp_path):
    text = """package x

import (
	"github.com/anthropics/anthropic-sdk-go"
	"github.com/openai/openai-go/v2"
)

var p = openai.ChatCompletionNewParams{Model: openai.ChatModel("gpt-4.1-mini")}
var f = openai.FineTuningJobNewParamsModel("gpt-4o-mini")
var q = anthropic.MessageNewParams{Model: anthropic.Model("claude-sonnet-4-5")}
var r = anthropic.MessageNewParams{Model: anthropic.Role("go-not-a-model-type")}
"""
    assert found(tmp_path, text) == [("gpt-4.1-mini", HOSTED, 8), ("claude-sonnet-4-5", HOSTED, 10)]


MODULE = {
    "go.mod": "module github.com/acme/app/v2\n\ngo 1.22\n",
    "internal/config/config.go": """package config

import openai "github.com/sashabaranov/go-openai"

const (
	ChatName   = "llama3.2"
	EmbedName  = "acme/go-embed-module"
	ChatHosted = openai.GPT4o
	private    = "go-private"
)
""",
    "internal/config/config_test.go": 'package config\n\nconst TestName = "go-test-name"\n',
    "cmd/app/main.go": """package main

import (
	"github.com/acme/app/v2/internal/config"
	"github.com/ollama/ollama/api"
	other "github.com/elsewhere/config"
)

var a = api.ChatRequest{Model: config.ChatName}
var b = Settings{EmbeddingModel: config.EmbedName}
var c = Settings{Model: config.ChatHosted}
var d = api.ChatRequest{Model: config.private}
var e = api.ChatRequest{Model: config.TestName}
var f = api.ChatRequest{Model: other.ChatName}
""",
}


def test_a_constant_of_a_package_of_the_module_is_followed(tmp_path):
    """``config.ChatName``, ``config`` imported from the repository's own module (the path its
    go.mod declares): the exported constant of that folder, reported where it is used; an
    unexported name, a test file's and another module's package are not followed."""
    result = discover(write_files(tmp_path, MODULE))
    main = [r for r in result.refs if r.location.path == "cmd/app/main.go"]
    assert [(r.id, r.source, r.location.line) for r in main] == [
        ("llama3.2:latest", OLLAMA, 9),
        ("acme/go-embed-module", HUGGINGFACE, 10),
        ("gpt-4o", HOSTED, 11),
    ]
    assert main[0].evidence == (
        "ollama-go: api.ChatRequest{Model} (through config.ChatName, written in "
        "internal/config/config.go line 6)"
    )


def test_another_file_that_cannot_be_read_safely_is_not_followed(tmp_path, monkeypatch):
    """Fail closed: a symbolic link (it may lead out of the tree), a file over the size limit,
    binary bytes and a broken file are never read for their names; nothing crashes."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.go").write_text('package main\n\nconst linked = "acme/go-linked"\n')
    files = {
        "repo/app/main.go": """package main

var a = Config{Model: linked}
var b = Config{Model: huge}
var c = Config{Model: binary}
var d = Config{Model: broken}
var e = Config{Model: fine}
""",
        "repo/app/binary.go": 'package main\x00\nconst binary = "acme/go-binary"\n',
        "repo/app/broken.go": 'package main\n\nconst broken = "acme/go-broken"\n\nfunc x( {\n',
        "repo/app/fine.go": 'package main\n\nconst fine = "acme/go-fine"\n',
    }
    root = write_files(tmp_path, files) / "repo"
    (root / "app" / "link.go").symlink_to(outside / "x.go")
    monkeypatch.setattr(golang, "MAX_PACKAGE_FILE_BYTES", 1000)
    (root / "app" / "huge.go").write_text(
        'package main\n\nconst huge = "acme/go-huge"\n' + "// padding\n" * 200
    )
    got = [(r.id, r.location.line) for r in discover(root).refs if r.location.path == "app/main.go"]
    assert got == [("acme/go-broken", 6), ("acme/go-fine", 7)]  # a broken file keeps its names


def test_a_package_of_too_many_files_is_not_looked_into(tmp_path, monkeypatch):
    monkeypatch.setattr(golang, "MAX_PACKAGE_FILES", 3)
    files = {f"app/f{i}.go": "package main\n" for i in range(4)}
    files["app/consts.go"] = 'package main\n\nconst chatName = "acme/go-crowded"\n'
    files["app/main.go"] = "package main\n\nvar a = Config{Model: chatName}\n"
    assert _refs(tmp_path, files) == []
