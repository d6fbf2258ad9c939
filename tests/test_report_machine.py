"""The machine formats (SARIF, SPDX JSON and tag-value, CycloneDX) and ``licaudit report``.

One realistic repository is scanned through the installed console script: several models, a
fine-tune and a distill whose base license binds them, a quantization, a waiver, and findings at
every severity. Every format is validated with its own validator and checked for content, and
re-rendering the saved JSON report must give the very same bytes.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest

from licaudit.report import FORMATS, load_saved, render
from licaudit.report.bom import content_digest

from .conftest import GIT_ENV, licaudit_executable
from .test_report_human_support import write_repo

FIXTURES = Path(__file__).parent / "fixtures"
MACHINE_FORMATS = ("sarif", "spdx", "spdx-tv", "cyclonedx")

APP = """\
from transformers import AutoModel, pipeline

chat = pipeline("text-generation", model="meta-llama/Llama-3.1-8B-Instruct")
summarizer = pipeline(model="CohereForAI/c4ai-command-r-v01")
encoder = AutoModel.from_pretrained("mistralai/Mistral-7B-Instruct-v0.3")
"""

WORKER = """\
from peft import PeftModel
from transformers import AutoModelForCausalLM

reasoner = AutoModelForCausalLM.from_pretrained("deepseek-ai/DeepSeek-R1-Distill-Llama-8B")
small = AutoModelForCausalLM.from_pretrained("google/gemma-3-1b-it-qat-q4_0-gguf")
ranker = AutoModelForCausalLM.from_pretrained("acme-internal/ranker-v2")
reranker = PeftModel.from_pretrained(ranker, "./models/reranker")
"""

# a local adapter whose card declares an SPDX expression
ADAPTER_CARD = """---
license: apache-2.0 OR mit
base_model: mistralai/Mistral-7B-Instruct-v0.3
base_model_relation: adapter
---
# reranker adapter
"""

POLICY = """\
version: 1
name: acme
extends: default
licenses:
  unknown: info
waivers:
  - model: meta-llama/Llama-3.1-8B-Instruct
    rules: [category-review]
    reason: Legal approved Llama 3.1 for the support chat (ticket LEGAL-42)
    approved_by: jane.doe@acme.example
    expires: "2099-12-31"
"""


def _env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HF_", "LICAUDIT_", "SOURCE_DATE_EPOCH"))
    }
    env.update({"HF_HUB_OFFLINE": "1", "NO_COLOR": "1", **GIT_ENV, **extra})
    env.setdefault(
        "LICAUDIT_CACHE_DIR", os.environ.get("LICAUDIT_CACHE_DIR", "")
    )  # the session's private cache
    return env


def run_cli(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [licaudit_executable(), *args],
        cwd=cwd,
        env=_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def make_project(root: Path, *, app: str = APP) -> Path:
    return write_repo(
        root,
        {
            "src/app.py": app,
            "src/worker.py": WORKER,
            "policy.yaml": POLICY,
            "models/reranker/README.md": ADAPTER_CARD,
            "models/reranker/adapter_config.json": '{"peft_type": "LORA"}\n',
            ".licaudit.yaml": "policy: policy.yaml\n",
            ".gitignore": "out*/\n",  # reports name models too: keep them out of the scan
        },
    )


def scan_all(root: Path, out: str = "out", **env: str) -> subprocess.CompletedProcess:
    return run_cli(
        "scan",
        ".",
        "--offline",
        "--format",
        "json," + ",".join(MACHINE_FORMATS),
        "--output-dir",
        out,
        cwd=root,
        **env,
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("machine") / "acme-support")
    proc = scan_all(root)
    assert proc.returncode == 1, proc.stderr  # the non-commercial model fails the default policy
    assert proc.stdout == ""
    return root


@pytest.fixture(scope="module")
def doc(project) -> dict:
    return load_saved(project / "out" / "licaudit.json")


def output(project: Path, fmt: str) -> str:
    return (project / "out" / FORMATS[fmt].filename).read_text(encoding="utf-8")


def by_model(doc: dict) -> dict[str, dict]:
    return {m["id"]: m for m in doc["models"]}


def test_the_fixture_is_realistic(doc):
    """Guards the other tests: several models, lineage, a waiver and every severity."""
    models = by_model(doc)
    assert {
        "meta-llama/Llama-3.1-8B-Instruct",
        "CohereForAI/c4ai-command-r-v01",
        "mistralai/Mistral-7B-Instruct-v0.3",
        "deepseek-ai/DeepSeek-R1-Distill-Llama-8B",
        "google/gemma-3-1b-it-qat-q4_0-gguf",
        "acme-internal/ranker-v2",
    } <= set(models)
    assert models["meta-llama/Llama-3.1-8B"]["direct"] is False
    assert models["google/gemma-3-1b-it-qat-q4_0-gguf"]["base_model_relation"] == "quantized"
    assert models["models/reranker"]["source"] == "local"
    assert models["models/reranker"]["license_expression"] == "apache-2.0 OR mit"
    severities = {f["severity"] for f in doc["findings"]}
    assert severities == {"error", "warning", "info"}
    waived = [f for f in doc["findings"] if f["waived"]]
    assert [(f["model"], f["rule"]) for f in waived] == [
        ("meta-llama/Llama-3.1-8B-Instruct", "category-review")
    ]


# --- re-rendering -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", *MACHINE_FORMATS])
def test_report_command_rerenders_byte_identical(project, fmt, tmp_path):
    target = tmp_path / f"again.{fmt}"
    proc = run_cli(
        "report", "out/licaudit.json", "--format", fmt, "--output", str(target), cwd=project
    )
    assert proc.returncode == 0, proc.stderr
    assert target.read_bytes() == (project / "out" / FORMATS[fmt].filename).read_bytes()


def test_report_command_writes_several_formats_to_a_directory(project, tmp_path):
    proc = run_cli(
        "report",
        "out/licaudit.json",
        "--format",
        "sarif",
        "--format",
        "spdx-tv,cyclonedx",
        "--output-dir",
        str(tmp_path / "r"),
        cwd=project,
    )
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == sorted(
        FORMATS[f].filename for f in ("sarif", "spdx-tv", "cyclonedx")
    )
    for fmt in ("sarif", "spdx-tv", "cyclonedx"):
        assert (tmp_path / "r" / FORMATS[fmt].filename).read_text(encoding="utf-8") == output(
            project, fmt
        )


def test_report_command_to_stdout(project):
    proc = run_cli("report", "out/licaudit.json", "--format", "sarif", cwd=project)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == output(project, "sarif")


def test_scan_is_deterministic_across_runs(project):
    proc = scan_all(project, out="out2")
    assert proc.returncode == 1, proc.stderr
    for fmt in ("json", *MACHINE_FORMATS):
        name = FORMATS[fmt].filename
        assert (project / "out2" / name).read_bytes() == (project / "out" / name).read_bytes(), fmt


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("report", "broken.json"), "broken.json is not a JSON report"),
        (("report", "notareport.json"), "notareport.json is not a licaudit JSON report"),
        (("report", "missing.json"), "cannot read report missing.json"),
        (("report", "out/licaudit.json", "--format", "pdf"), "unknown format 'pdf'"),
        (
            ("report", "out/licaudit.json", "--format", "sarif,spdx"),
            "several formats (sarif, spdx) need --output-dir DIR",
        ),
        (("report", "out/licaudit.json", "--output", "a", "--output-dir", "b"), "not both"),
        (
            ("scan", ".", "--offline", "--format", "json,sarif"),
            "several formats (json, sarif) need --output-dir DIR",
        ),
    ],
)
def test_usage_errors_exit_2_with_one_line(project, args, message):
    (project / "broken.json").write_text('{"schema_version": "1", "models": [', encoding="utf-8")
    (project / "notareport.json").write_text('{"hello": "world"}', encoding="utf-8")
    proc = run_cli(*args, cwd=project)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("licaudit: error: ") and message in lines[0], (
        proc.stderr
    )


# --- SARIF --------------------------------------------------------------------------------------


def sarif_validator():
    import jsonschema

    schema = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_sarif_validates_against_the_official_schema(project):
    log = json.loads(output(project, "sarif"))
    errors = sorted(sarif_validator().iter_errors(log), key=str)
    assert not errors, errors[0]
    assert log["version"] == "2.1.0"


def test_sarif_validator_is_not_a_rubber_stamp(project):
    log = json.loads(output(project, "sarif"))
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert list(sarif_validator().iter_errors(log))


def test_sarif_rules_come_from_the_policy_rules(project):
    from licaudit.policy.rules import RULES

    driver = json.loads(output(project, "sarif"))["runs"][0]["tool"]["driver"]
    rules = {r["id"]: r for r in driver["rules"]}
    assert set(RULES) <= set(rules)
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for rule in RULES.values():
        entry = rules[rule.id]
        assert entry["shortDescription"]["text"] == rule.title
        assert entry["fullDescription"]["text"] == rule.help
        assert entry["help"]["text"] == rule.help
        assert entry["defaultConfiguration"]["level"] == levels[rule.severity]
    assert driver["name"] == "licaudit"


def test_sarif_results_carry_findings_locations_levels_and_waivers(project, doc):
    run = json.loads(output(project, "sarif"))["runs"][0]
    results = run["results"]
    assert len(results) == len(doc["findings"])
    rules = run["tool"]["driver"]["rules"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]

    def one(rule, model):
        found = [r for r in results if r["ruleId"] == rule and r["properties"]["model"] == model]
        assert len(found) == 1, (rule, model)
        return found[0]

    cohere = one("commercial-use", "CohereForAI/c4ai-command-r-v01")
    assert cohere["level"] == "error"
    assert (
        "commercial use" in cohere["message"]["text"]
        and "cc-by-nc-4.0" in cohere["message"]["text"]
    )
    assert "How to fix:" in cohere["message"]["text"]
    (loc,) = cohere["locations"]
    line = (
        APP.splitlines().index('summarizer = pipeline(model="CohereForAI/c4ai-command-r-v01")') + 1
    )
    assert loc["physicalLocation"]["artifactLocation"] == {
        "uri": "src/app.py",
        "uriBaseId": "SRCROOT",
    }
    region = loc["physicalLocation"]["region"]
    assert region["startLine"] == line
    assert region["startColumn"] == APP.splitlines()[line - 1].index('"CohereForAI') + 1
    context = loc["physicalLocation"]["contextRegion"]
    assert (
        context["startLine"] == line
        and "CohereForAI/c4ai-command-r-v01" in context["snippet"]["text"]
    )
    assert "suppressions" not in cohere

    llama = one("category-review", "meta-llama/Llama-3.1-8B-Instruct")
    assert llama["level"] == "warning"
    (suppression,) = llama["suppressions"]
    assert suppression["kind"] == "external" and suppression["status"] == "accepted"
    assert "LEGAL-42" in suppression["justification"]
    assert (
        "jane.doe@acme.example" in suppression["justification"]
        and "2099-12-31" in suppression["justification"]
    )

    unknown = one("license-unknown", "acme-internal/ranker-v2")
    assert unknown["level"] == "note"
    assert unknown["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "src/worker.py"

    distill = [
        r for r in results if r["properties"]["model"] == "deepseek-ai/DeepSeek-R1-Distill-Llama-8B"
    ]
    assert distill and all("suppressions" not in r for r in distill)
    assert any("meta-llama/Llama-3.1-8B" in r["properties"]["chain"] for r in distill)

    fingerprints = [r["partialFingerprints"]["licauditFinding/v1"] for r in results]
    assert len(set(fingerprints)) == len(fingerprints)
    assert run["properties"]["verdict"] == "fail"


def test_sarif_fingerprints_survive_moving_the_reference(tmp_path):
    root = make_project(tmp_path / "moved", app="# a comment that moves every line down\n\n" + APP)
    assert scan_all(root).returncode == 1
    moved = json.loads((root / "out" / "licaudit.sarif").read_text(encoding="utf-8"))["runs"][0][
        "results"
    ]
    root2 = make_project(tmp_path / "orig")
    assert scan_all(root2).returncode == 1
    orig = json.loads((root2 / "out" / "licaudit.sarif").read_text(encoding="utf-8"))["runs"][0][
        "results"
    ]

    def key(r):
        return (r["ruleId"], r["properties"]["model"])

    orig_by, moved_by = {key(r): r for r in orig}, {key(r): r for r in moved}
    cohere = ("commercial-use", "CohereForAI/c4ai-command-r-v01")
    assert (
        moved_by[cohere]["locations"][0]["physicalLocation"]["region"]["startLine"]
        == orig_by[cohere]["locations"][0]["physicalLocation"]["region"]["startLine"] + 2
    )
    assert {k: r["partialFingerprints"] for k, r in orig_by.items()} == {
        k: r["partialFingerprints"] for k, r in moved_by.items()
    }


# --- SPDX ---------------------------------------------------------------------------------------


def parse_spdx(path: Path):
    from spdx_tools.spdx.parser.parse_anything import parse_file
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

    document = parse_file(str(path))
    messages = validate_full_spdx_document(document)
    assert not messages, [m.validation_message for m in messages]
    return document


def spdx_key(doc: dict, lid: str) -> str:
    return doc["licenses"][lid]["spdx"]


@pytest.mark.parametrize("fmt", ["spdx", "spdx-tv"])
def test_spdx_parses_back_valid_with_packages_licenses_and_relationships(project, doc, fmt):
    from spdx_tools.spdx.model import ExternalPackageRefCategory, RelationshipType, SpdxNoAssertion

    document = parse_spdx(project / "out" / FORMATS[fmt].filename)
    info = document.creation_info
    assert info.spdx_version == "SPDX-2.3"
    # the review's date: the fixture's commit (no SOURCE_DATE_EPOCH)
    assert doc["review"]["date_source"] == "commit"
    reviewed = datetime.fromisoformat(doc["review"]["date"].replace("Z", "+00:00"))
    assert info.created.replace(tzinfo=timezone.utc) == reviewed
    assert info.document_namespace.startswith("https://licaudit.dev/spdxdocs/acme-support-")
    assert [c.name for c in info.creators] == [f"licaudit-{doc['tool']['version']}"]

    packages = {p.name: p for p in document.packages}
    assert set(packages) == {"acme-support"} | {m["id"] for m in doc["models"]}
    by_spdx_id = {p.spdx_id: p.name for p in document.packages}
    root = packages["acme-support"]

    for model in doc["models"]:
        package = packages[model["id"]]
        purls = [(r.category, r.reference_type, r.locator) for r in package.external_references]
        assert purls == (
            [(ExternalPackageRefCategory.PACKAGE_MANAGER, "purl", model["purl"])]
            if model["purl"]
            else []
        )
        if model["license"] and not model["license_expression"]:
            assert str(package.license_declared) == model["license"]["spdx"]
        elif not model["license"]:
            assert isinstance(package.license_declared, SpdxNoAssertion)

    mistral = packages["mistralai/Mistral-7B-Instruct-v0.3"]
    assert str(mistral.license_declared) == str(mistral.license_concluded) == "Apache-2.0"
    assert mistral.supplier.name == "Mistral AI SAS"
    assert str(packages["CohereForAI/c4ai-command-r-v01"].license_declared) == "CC-BY-NC-4.0"
    assert isinstance(packages["acme-internal/ranker-v2"].license_concluded, SpdxNoAssertion)

    # the distill declares its own license, but the Llama license it inherits is concluded too
    distill = packages["deepseek-ai/DeepSeek-R1-Distill-Llama-8B"]
    own = by_model(doc)["deepseek-ai/DeepSeek-R1-Distill-Llama-8B"]["license"]["spdx"]
    llama = spdx_key(doc, "llama3.1")
    assert str(distill.license_declared) == own
    assert set(str(distill.license_concluded).split(" AND ")) == {own, llama}
    assert "Built with Llama" in distill.attribution_texts

    # every LicenseRef is explained: name, URL and a summary
    extracted = {e.license_id: e for e in document.extracted_licensing_info}
    assert llama in extracted
    assert extracted[llama].license_name == doc["licenses"]["llama3.1"]["name"]
    assert extracted[llama].cross_references == [doc["licenses"]["llama3.1"]["url"]]
    assert "700 million monthly active users" in extracted[llama].extracted_text
    refs_used = {
        part
        for p in document.packages
        for expr in (p.license_declared, p.license_concluded)
        for part in str(expr).split(" AND ")
        if part.startswith("LicenseRef-")
    }
    assert refs_used == set(extracted)

    rels = {
        (
            by_spdx_id.get(r.spdx_element_id, r.spdx_element_id),
            r.relationship_type,
            by_spdx_id.get(r.related_spdx_element_id),
        )
        for r in document.relationships
    }
    assert ("SPDXRef-DOCUMENT", RelationshipType.DESCRIBES, "acme-support") in rels
    direct = {m["id"] for m in doc["models"] if m["direct"]}
    assert {t for s, r, t in rels if s == root.name and r == RelationshipType.DEPENDS_ON} == direct
    assert (
        "meta-llama/Llama-3.1-8B-Instruct",
        RelationshipType.DESCENDANT_OF,
        "meta-llama/Llama-3.1-8B",
    ) in rels
    assert (
        "deepseek-ai/DeepSeek-R1-Distill-Llama-8B",
        RelationshipType.DESCENDANT_OF,
        "meta-llama/Llama-3.1-8B",
    ) in rels
    assert (
        "google/gemma-3-1b-it-qat-q4_0-gguf",
        RelationshipType.VARIANT_OF,
        "google/gemma-3-1b-it",
    ) in rels
    assert (
        "models/reranker",
        RelationshipType.DEPENDS_ON,
        "mistralai/Mistral-7B-Instruct-v0.3",
    ) in rels

    # a declared SPDX expression stays an expression, with SPDX ids
    adapter = packages["models/reranker"]
    assert str(adapter.license_declared) == "Apache-2.0 OR MIT"
    assert str(adapter.license_concluded) == "Apache-2.0 AND (Apache-2.0 OR MIT)"
    assert adapter.external_references == []  # a local artifact has no purl


def test_spdx_json_and_tag_value_describe_the_same_document(project):
    from spdx_tools.spdx.jsonschema.document_converter import DocumentConverter

    a = DocumentConverter().convert(parse_spdx(project / "out" / FORMATS["spdx"].filename))
    b = DocumentConverter().convert(parse_spdx(project / "out" / FORMATS["spdx-tv"].filename))
    assert a == b


def test_spdx_namespace_follows_the_content_and_time_follows_source_date_epoch(doc):
    first = json.loads(render(doc, "spdx"))
    changed = copy.deepcopy(doc)
    changed["models"] = [
        m for m in changed["models"] if m["id"] != "mistralai/Mistral-7B-Instruct-v0.3"
    ]
    second = json.loads(render(changed, "spdx"))
    assert first["documentNamespace"] != second["documentNamespace"]
    assert first["creationInfo"]["created"] == doc["review"]["date"]  # the commit's date
    undated = copy.deepcopy(doc)
    del undated["review"]  # a report saved before reviews were dated: the epoch
    assert json.loads(render(undated, "spdx"))["creationInfo"]["created"] == "1970-01-01T00:00:00Z"

    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    try:
        stamped = json.loads(render(doc, "spdx"))
        bom = json.loads(render(doc, "cyclonedx"))
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    assert stamped["creationInfo"]["created"] == "2023-11-14T22:13:20Z"
    assert stamped["documentNamespace"] == first["documentNamespace"]
    assert bom["metadata"]["timestamp"].startswith("2023-11-14T22:13:20")


def test_spdx_merges_and_unknown_licenses(doc):
    """Merges descend from their bases; a license licaudit does not know is a LicenseRef with
    extracted licensing info — on a copy of the real report, edited."""
    from spdx_tools.spdx.model import RelationshipType

    from licaudit.resources import validation_errors

    edited = copy.deepcopy(doc)
    models = by_model(edited)
    models["acme-internal/ranker-v2"].update(
        license={
            "id": "acme-eula",
            "name": "acme-eula",
            "spdx": "LicenseRef-acme-eula",
            "category": "unknown",
            "url": None,
        },
        effective_licenses=[
            {
                "license": "acme-eula",
                "model": "acme-internal/ranker-v2",
                "chain": ["acme-internal/ranker-v2"],
            }
        ],
    )
    models["CohereForAI/c4ai-command-r-v01"].update(
        base_models=["mistralai/Mistral-7B-Instruct-v0.3"], base_model_relation="merge"
    )
    assert not validation_errors("report", edited)
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.spdx"
        path.write_text(render(edited, "spdx-tv"), encoding="utf-8")
        document = parse_spdx(path)
    names = {p.spdx_id: p.name for p in document.packages}
    rels = {
        (
            names.get(r.spdx_element_id),
            r.relationship_type,
            names.get(r.related_spdx_element_id),
            r.comment,
        )
        for r in document.relationships
    }
    assert (
        "CohereForAI/c4ai-command-r-v01",
        RelationshipType.DESCENDANT_OF,
        "mistralai/Mistral-7B-Instruct-v0.3",
        "base_model_relation: merge",
    ) in rels
    extracted = {e.license_id: e for e in document.extracted_licensing_info}
    assert extracted["LicenseRef-acme-eula"].license_name == "acme-eula"
    assert "full text" in extracted["LicenseRef-acme-eula"].extracted_text


# --- CycloneDX ----------------------------------------------------------------------------------


def test_cyclonedx_validates_as_1_6(project):
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    text = output(project, "cyclonedx")
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None
    broken = json.loads(text)
    broken["components"][0]["type"] = "neural-network"
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(json.dumps(broken)) is not None


def test_cyclonedx_ml_bom_content(project, doc):
    bom = json.loads(output(project, "cyclonedx"))
    assert bom["bomFormat"] == "CycloneDX" and bom["specVersion"] == "1.6"
    import uuid

    assert (
        bom["serialNumber"]
        == f"urn:uuid:{uuid.uuid5(uuid.uuid5(uuid.NAMESPACE_URL, 'https://licaudit.dev/cyclonedx'), content_digest(doc))}"
    )
    assert bom["metadata"]["component"]["name"] == "acme-support"
    assert bom["metadata"]["timestamp"].startswith(doc["review"]["date"].removesuffix("Z"))
    components = {c["name"]: c for c in bom["components"]}
    assert set(components) == {m["id"] for m in doc["models"]}
    assert {c["type"] for c in components.values()} == {"machine-learning-model"}
    for model in doc["models"]:
        assert components[model["id"]].get("purl") == model["purl"]

    mistral = components["mistralai/Mistral-7B-Instruct-v0.3"]
    assert mistral["licenses"] == [{"license": {"acknowledgement": "declared", "id": "Apache-2.0"}}]
    assert mistral["supplier"]["name"] == "Mistral AI SAS"
    llama_lic = doc["licenses"]["llama3.1"]
    instruct = components["meta-llama/Llama-3.1-8B-Instruct"]
    assert {"acknowledgement": "declared", "name": llama_lic["name"], "url": llama_lic["url"]} in [
        x["license"] for x in instruct["licenses"]
    ]
    assert [a["name"] for a in instruct["pedigree"]["ancestors"]] == ["meta-llama/Llama-3.1-8B"]
    assert instruct["pedigree"]["notes"] == "base_model_relation: finetune"
    props = {(p["name"], p["value"]) for p in instruct["properties"]}
    assert ("licaudit:license:id", "llama3.1") in props
    assert (
        "licaudit:finding:category-review",
        "waived: " + next(f["message"] for f in doc["findings"] if f["waived"]),
    ) in props
    assert any(n == "licaudit:location" and v.startswith("src/app.py:") for n, v in props)

    distill = components["deepseek-ai/DeepSeek-R1-Distill-Llama-8B"]
    acks = {
        (x["license"]["acknowledgement"], x["license"].get("name") or x["license"].get("id"))
        for x in distill["licenses"]
    }
    assert ("concluded", llama_lic["name"]) in acks
    assert any(a == "declared" for a, _ in acks)

    adapter = components["models/reranker"]
    assert adapter["licenses"] == [
        {"acknowledgement": "declared", "expression": "Apache-2.0 OR MIT"}
    ]
    assert "purl" not in adapter

    quant = components["google/gemma-3-1b-it-qat-q4_0-gguf"]
    chain = []
    node = quant
    while node.get("pedigree"):
        (node,) = node["pedigree"]["ancestors"]
        chain.append(node["name"])
    assert chain[:1] == ["google/gemma-3-1b-it"]

    refs = [c["bom-ref"] for c in bom["components"]]
    deps = {d["ref"]: set(d.get("dependsOn", [])) for d in bom["dependencies"]}
    root_ref = bom["metadata"]["component"]["bom-ref"]
    direct = {components[m["id"]]["bom-ref"] for m in doc["models"] if m["direct"]}
    assert deps[root_ref] == direct
    assert deps[adapter["bom-ref"]] == {mistral["bom-ref"]}  # an adapter needs its base
    assert deps[instruct["bom-ref"]] == set()
    assert set(refs) <= set(deps)


def test_cyclonedx_survives_a_lineage_cycle(doc):
    edited = copy.deepcopy(doc)
    models = by_model(edited)
    models["meta-llama/Llama-3.1-8B"].update(
        base_models=["meta-llama/Llama-3.1-8B-Instruct"], base_model_relation="finetune"
    )
    bom = json.loads(render(edited, "cyclonedx"))
    instruct = next(c for c in bom["components"] if c["name"] == "meta-llama/Llama-3.1-8B-Instruct")
    (base,) = instruct["pedigree"]["ancestors"]
    assert base["name"] == "meta-llama/Llama-3.1-8B" and "pedigree" not in base
    json.loads(render(edited, "spdx"))  # SPDX allows the cycle as two relationships


def test_every_license_in_the_knowledge_base_makes_valid_boms(doc, tmp_path):
    """A report whose models carry every license licaudit knows: SPDX (both serializations)
    and CycloneDX stay valid — ids outside spdx-tools' license list become LicenseRefs."""
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    from licaudit.licensing import knowledge_base
    from licaudit.report.document import license_entry, license_summary
    from licaudit.resources import validation_errors

    kb = knowledge_base()
    ids = sorted({lic.id for lic in (kb.lookup(x) for x in _all_license_ids()) if lic})
    template = by_model(doc)["mistralai/Mistral-7B-Instruct-v0.3"]
    models = []
    for lid in ids:
        mid = f"example/model-{lid}"
        models.append(
            {
                **template,
                "id": mid,
                "purl": f"pkg:huggingface/{mid}",
                "license": license_summary(lid, kb),
                "effective_licenses": [{"license": lid, "model": mid, "chain": [mid]}],
            }
        )
    every = {
        **copy.deepcopy(doc),
        "models": models,
        "findings": [],
        "licenses": {lid: license_entry(lid, kb) for lid in ids},
    }
    assert not validation_errors("report", every)
    assert len(ids) >= 3

    (tmp_path / "all.spdx.json").write_text(render(every, "spdx"), encoding="utf-8")
    document = parse_spdx(tmp_path / "all.spdx.json")
    assert len(document.packages) == len(ids) + 1
    # tag-value: the same validated document (its parser takes ~0.1 s per license expression,
    # so the round trip is checked on the realistic report above)
    assert (
        "PackageLicenseDeclared: NOASSERTION"
        not in render(every, "spdx-tv").split("## Package Information", 2)[2]
    )
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(render(every, "cyclonedx")) is None


def _all_license_ids() -> list[str]:
    from licaudit.resources import data_dir

    return sorted(p.stem for p in data_dir("licenses").glob("*.yaml"))


def test_sarif_findings_without_a_file_point_at_the_policy_file(doc):
    """An expired waiver (a policy-level finding) has no reference in the code: code scanning
    still gets a location, the policy file."""
    edited = copy.deepcopy(doc)
    edited["findings"].append(
        {
            "rule": "waiver-expired",
            "severity": "warning",
            "model": "CohereForAI/c4ai-command-r-v01",
            "message": "the waiver for CohereForAI/c4ai-command-r-v01 expired on 2020-01-01",
            "remediation": "Renew or remove it.",
            "locations": [],
            "waived": None,
            "license": None,
            "chain": [],
        }
    )
    result = json.loads(render(edited, "sarif"))["runs"][0]["results"][-1]
    assert result["ruleId"] == "waiver-expired"
    (loc,) = result["locations"]
    assert loc["physicalLocation"]["artifactLocation"] == {
        "uri": "policy.yaml",
        "uriBaseId": "SRCROOT",
    }
    assert loc["logicalLocations"][0]["name"] == "CohereForAI/c4ai-command-r-v01"
    edited["policy"]["source"] = "builtin:default"
    result = json.loads(render(edited, "sarif"))["runs"][0]["results"][-1]
    assert "physicalLocation" not in result["locations"][0]
    assert not list(sarif_validator().iter_errors(json.loads(render(edited, "sarif"))))


def test_source_date_epoch_sets_the_bom_time_and_must_be_a_number(project, tmp_path):
    proc = run_cli(
        "report",
        "out/licaudit.json",
        "--format",
        "spdx-tv",
        cwd=project,
        SOURCE_DATE_EPOCH="1700000000",
    )
    assert proc.returncode == 0, proc.stderr
    assert "Created: 2023-11-14T22:13:20Z" in proc.stdout.splitlines()
    bad = run_cli(
        "report",
        "out/licaudit.json",
        "--format",
        "cyclonedx",
        cwd=project,
        SOURCE_DATE_EPOCH="yesterday",
    )
    assert bad.returncode == 2 and bad.stdout == ""
    assert (
        bad.stderr.strip()
        == "licaudit: error: SOURCE_DATE_EPOCH must be a Unix timestamp, not 'yesterday'"
    )


EVIL_CARD = """---
license: "evil</text>\\nPackageName: injected\\nSPDXID: SPDXRef-injected"
license_name: "<text>x\\n</TEXT>Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-injected"
base_model: mistralai/Mistral-7B-Instruct-v0.3
base_model_relation: adapter
---
# reranker
"""


def test_a_model_card_cannot_inject_into_the_boms(tmp_path):
    """Card fields end up in SPDX text fields: in tag-value a newline starts a new tag and
    ``</text>`` ends a text block, so neither may survive into the document."""
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    root = make_project(tmp_path / "evil")
    (root / "models" / "reranker" / "README.md").write_text(EVIL_CARD, encoding="utf-8")
    proc = scan_all(root)
    assert proc.returncode == 1, proc.stderr
    doc = load_saved(root / "out" / "licaudit.json")
    assert "PackageName: injected" in by_model(doc)["models/reranker"]["license"]["name"]
    expected = {"evil"} | {m["id"] for m in doc["models"]}
    for fmt in ("spdx", "spdx-tv"):
        document = parse_spdx(root / "out" / FORMATS[fmt].filename)
        assert {p.name for p in document.packages} == expected
        assert {p.spdx_id for p in document.packages if "injected" in p.spdx_id.lower()} == set()
        assert (
            len([r for r in document.relationships if r.relationship_type.name == "DESCRIBES"]) == 1
        )
    assert (
        JsonStrictValidator(SchemaVersion.V1_6).validate_str(output_of(root, "cyclonedx")) is None
    )
    assert not list(sarif_validator().iter_errors(json.loads(output_of(root, "sarif"))))


def output_of(root: Path, fmt: str) -> str:
    return (root / "out" / FORMATS[fmt].filename).read_text(encoding="utf-8")


def test_heavy_libraries_load_only_for_their_format(project):
    import sys

    code = (
        "import json, sys\n"
        "from licaudit.report import load_saved, render\n"
        f"doc = load_saved(__import__('pathlib').Path({str(project / 'out' / 'licaudit.json')!r}))\n"
        "render(doc, 'sarif')\n"
        "print(sorted(m for m in ('spdx_tools', 'cyclonedx', 'license_expression') if m in sys.modules))\n"
        "render(doc, 'cyclonedx')\n"
        "print('cyclonedx' in sys.modules, 'spdx_tools' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["[]", "True True"]


def test_a_catalog_facts_review_state_and_note_reach_the_reports(run_licaudit, tmp_path):
    """The catalog's ``verified`` mark and ``license_note`` are provenance a reviewer reads:
    the JSON report carries them on the catalog fact, the HTML and Markdown reviews show them."""
    from licaudit.resolve.catalog import catalog

    entry = catalog().models["mistralai/mistral-small-instruct-2409"]
    assert entry.verified and entry.license_note  # the fixture fact this test relies on
    proc = run_licaudit(
        "check",
        entry.key,
        "--offline",
        "--format",
        "json",
        "--format",
        "html",
        "--format",
        "markdown",
        "--output-dir",
        str(tmp_path),
        cwd=tmp_path,
    )
    assert proc.returncode in (0, 1), proc.stderr
    doc = json.loads((tmp_path / "licaudit.json").read_text(encoding="utf-8"))
    fact = doc["models"][0]["provenance"]["license"]
    assert fact == {
        "source": "catalog",
        "detail": entry.detail,
        "verified": entry.verified,
        "note": entry.license_note,
    }
    for name in ("licaudit-review.html", "licaudit-review.md"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert f"verified: {entry.verified}" in text, name
        assert entry.license_note in text, name
