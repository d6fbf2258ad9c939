"""The one reader of licaudit's data files (policies, configuration, license and catalog files,
the lockfile), met where a user meets it: real files, through the installed command."""

from __future__ import annotations

import time

import pytest

from licaudit import datafile
from licaudit.datafile import DataFileError, LimitError
from licaudit.errors import ConfigError
from licaudit.licensing import KnowledgeBase
from licaudit.resolve import lockfile
from licaudit.resources import data_dir

APP = 'from transformers import AutoModel\nAutoModel.from_pretrained("acme/app-model")\n'

BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""
DEEP = 10_000


def one_line_error(proc, *needles: str) -> str:
    """Exit 2 with one ``licaudit: error:`` line holding every needle, and no traceback."""
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("licaudit: error: "), proc.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def timed(run, *args, **kw):
    start = time.monotonic()
    proc = run(*args, timeout=60, **kw)
    assert time.monotonic() - start < 20, "the reader took too long"
    return proc


# --- limits: alias bombs and deep nesting ---------------------------------------------------


def test_alias_bomb_in_a_policy(make_repo, run_licaudit):
    repo = make_repo({"app.py": APP, "bomb.yaml": BOMB})
    proc = timed(run_licaudit, "scan", ".", "--policy", "bomb.yaml", cwd=repo)
    one_line_error(
        proc, "policy bomb.yaml:5: aliases expand to more than 10000 nodes beyond those written"
    )
    proc = timed(run_licaudit, "policy", "validate", "bomb.yaml", cwd=repo)
    assert proc.returncode == 2 and "policy bomb.yaml:5: aliases expand" in proc.stderr


def test_alias_bomb_in_the_configuration(make_repo, run_licaudit):
    repo = make_repo({"app.py": APP, ".licaudit.yaml": BOMB})
    proc = timed(run_licaudit, "scan", ".", cwd=repo)
    one_line_error(proc, ".licaudit.yaml:5: aliases expand")


def test_anchors_and_aliases_still_work(make_repo, run_licaudit):
    """Aliases are allowed (a waiver's reason written once, used twice): only their expansion
    is bounded."""
    policy = """\
extends: default
waivers:
  - model: acme/app-model
    reason: &reviewed reviewed by legal, LEGAL-12
  - model: acme/other-model
    reason: *reviewed
"""
    repo = make_repo({"app.py": APP, "p.yaml": policy})
    proc = run_licaudit("policy", "show", "p.yaml", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("reason: reviewed by legal, LEGAL-12") == 2


def test_recursive_alias_is_refused():
    with pytest.raises(LimitError, match=r"^policy p:1: alias 'a' is inside the node it names"):
        datafile.load_yaml("waivers: &a [*a]\n", "policy p")


DEEP_FILES = {
    "flow policy": ("p.yaml", "licenses: " + "[" * DEEP + "]" * DEEP + "\n"),
    "block policy": ("p.yaml", "licenses:\n  " + "- " * DEEP + "x\n"),
    # 100 levels: under libyaml's own limit, so the reader's count is what refuses it
    "indented policy": (
        "p.yaml",
        "".join("  " * i + "k:\n" for i in range(100)) + "  " * 100 + "v\n",
    ),
}


@pytest.mark.parametrize("shape", sorted(DEEP_FILES))
def test_deeply_nested_policy(make_repo, run_licaudit, shape):
    name, text = DEEP_FILES[shape]
    repo = make_repo({"app.py": APP, name: text})
    proc = timed(run_licaudit, "scan", ".", "--policy", name, cwd=repo)
    one_line_error(proc, f"policy {name}:", "nested too deeply (more than 64 levels)")


@pytest.mark.parametrize(
    "name, text",
    [
        (".licaudit.yaml", "exclude: " + "[" * DEEP + "]" * DEEP + "\n"),
        ("pyproject.toml", "[tool.licaudit]\nexclude = " + "[" * DEEP + "]" * DEEP + "\n"),
        ("pyproject.toml", "[tool.licaudit]\n" + ".".join(["a"] * DEEP) + " = 1\n"),
    ],
    ids=["yaml", "toml-arrays", "toml-dotted-key"],
)
def test_deeply_nested_configuration(make_repo, run_licaudit, name, text):
    repo = make_repo({"app.py": APP, name: text})
    proc = timed(run_licaudit, "scan", ".", cwd=repo)
    one_line_error(proc, f"{name}:2: nested too deeply" if "toml" in name else f"{name}:1: nested")


def test_deeply_nested_lockfile(make_repo, run_licaudit):
    deep = '{"lockfile_version": 1, "models": ' + "[" * DEEP + "]" * DEEP + "}\n"
    repo = make_repo({"app.py": APP, "licaudit.lock": deep})
    for args in (("scan", "."), ("lock", "--check")):
        proc = timed(run_licaudit, *args, cwd=repo)
        one_line_error(proc, "licaudit.lock:1: nested too deeply", "'licaudit lock --update'")


# --- one semantics, and schema errors with lines and "did you mean" --------------------------


def _license_folder(tmp_path, edit) -> tuple:
    folder = tmp_path / "licenses"
    folder.mkdir()
    text = (data_dir("licenses") / "mit.yaml").read_text(encoding="utf-8")
    new = edit(text)
    assert new != text
    (folder / "mit.yaml").write_text(new, encoding="utf-8")
    return folder, new


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_license_file_schema_error_has_line_and_suggestion(tmp_path, run_licaudit):
    folder, text = _license_folder(
        tmp_path, lambda t: t.replace("  license_copy: true", "  licence_copy: true")
    )
    proc = run_licaudit("licenses", "validate", str(folder))
    line = _line_of(text, "licence_copy")
    one_line_error(
        proc,
        f"license mit.yaml:{line}: terms.licence_copy: unknown key 'licence_copy' "
        "(did you mean 'license_copy'?)",
    )
    assert "required property" not in proc.stderr  # the misspelt key is one error, not two


def test_catalog_file_schema_error_has_line_and_suggestion(make_repo, run_licaudit):
    catalog = "models:\n  - id: acme/app-model\n    licence: mit\n    source: intake review\n"
    repo = make_repo(
        {"app.py": APP, ".licaudit.yaml": "catalog: [legal]\n", "legal/models.yaml": catalog}
    )
    proc = run_licaudit("scan", ".", cwd=repo)
    one_line_error(
        proc,
        "catalog legal/models.yaml:3: models.0.licence: unknown key 'licence' "
        "(did you mean 'license'?)",
    )


def test_catalog_file_duplicate_key_is_an_error(make_repo, run_licaudit):
    catalog = (
        "models:\n  - id: acme/app-model\n    license: mit\n    license: apache-2.0\n"
        "    source: intake review\n"
    )
    repo = make_repo(
        {"app.py": APP, ".licaudit.yaml": "catalog: [legal]\n", "legal/models.yaml": catalog}
    )
    proc = run_licaudit("scan", ".", cwd=repo)
    one_line_error(
        proc,
        "catalog legal/models.yaml:4: models.0.license: duplicate key 'license' (first at line 3)",
    )


def test_yes_reads_the_same_in_a_license_file_and_a_policy(tmp_path, make_repo, run_licaudit):
    """``yes`` is the string "yes" in every file licaudit reads (YAML 1.2 booleans), so a
    boolean written ``yes`` is the same error in a license file and in a policy."""
    folder, text = _license_folder(
        tmp_path, lambda t: t.replace("  license_copy: true", "  license_copy: yes")
    )
    proc = run_licaudit("licenses", "validate", str(folder))
    expected = "'yes' is not of type 'boolean' (only true and false are booleans)"
    one_line_error(
        proc, f"license mit.yaml:{_line_of(text, 'license_copy')}: terms.license_copy: {expected}"
    )
    repo = make_repo({"app.py": APP, "p.yaml": "extends: default\nlineage: yes\n"})
    proc = run_licaudit("policy", "validate", "p.yaml", cwd=repo)
    assert proc.returncode == 2 and f"policy p.yaml:2: lineage: {expected}" in proc.stderr


def test_yes_and_on_are_strings_in_a_license_file(tmp_path, run_licaudit):
    """Where a string belongs, ``on`` and ``yes`` are the strings they look like: a license
    alias ``on`` was the boolean true before, and the file did not validate."""
    folder, _ = _license_folder(
        tmp_path, lambda t: t.replace("- expat\n", "- expat\n- on\n- yes\n")
    )
    proc = run_licaudit("licenses", "validate", str(folder))
    assert proc.returncode == 0 and "1 license files valid" in proc.stdout, proc.stderr
    kb = KnowledgeBase.load(folder, cache=False)
    assert kb.lookup("on").id == "mit" and kb.lookup("yes").id == "mit"


def test_lockfile_schema_error_has_the_line(tmp_path):
    record = lockfile.record_from_dict({"id": "acme/app-model", "source": "huggingface"})
    text = lockfile.dumps([record]).replace('"gated": null', '"gated": "yes"')
    path = tmp_path / "licaudit.lock"
    path.write_text(text, encoding="utf-8")
    line = _line_of(text, '"gated"')
    with pytest.raises(
        ConfigError,
        match=rf"^licaudit\.lock:{line}: models\.0\.gated: 'yes' is not of type 'boolean', 'null'",
    ):
        lockfile.read(path)


def test_toml_and_json_syntax_errors_have_the_line():
    with pytest.raises(DataFileError, match=r"^pyproject\.toml:3: invalid TOML: "):
        datafile.load_toml('[tool.licaudit]\npolicy = "p"\nexclude = [\n', "pyproject.toml")
    with pytest.raises(DataFileError, match=r"^x\.json:2: invalid JSON: Expecting value"):
        datafile.load_json('{"a":\n ]}', "x.json")


def test_one_document_per_data_file():
    with pytest.raises(
        DataFileError, match=r"^policy p:2: invalid YAML: expected a single document"
    ):
        datafile.load_yaml("name: a\n---\nname: b\n", "policy p")


def test_the_pure_python_parser_keeps_the_same_rules(monkeypatch):
    """Without libyaml the reader runs on PyYAML's own parser, with the same limits and values."""
    import yaml

    monkeypatch.delattr(yaml, "CSafeLoader")
    datafile._loader_class.cache_clear()
    try:
        assert datafile._loader_class().__mro__[1] is yaml.SafeLoader
        with pytest.raises(LimitError, match=r"^p:5: aliases expand"):
            datafile.load_yaml(BOMB, "p")
        with pytest.raises(LimitError, match=r"^p:1: nested too deeply"):
            datafile.load_yaml("a: " + "[" * DEEP + "]" * DEEP, "p")
        doc = datafile.load_yaml("a: yes\nb: 2027-06-30\nc: true\n", "p")
        assert doc.data == {"a": "yes", "b": "2027-06-30", "c": True}
    finally:
        monkeypatch.undo()
        datafile._loader_class.cache_clear()


def test_scanners_compose_alias_bombs_without_expanding_them():
    """The discover scanners walk every node once: for them an alias bomb costs nothing."""
    start = time.monotonic()
    (root,) = datafile.compose_yaml(BOMB + "model_id: org/after\n")
    assert root.value[-1][1].value == "org/after"
    assert time.monotonic() - start < 1


def test_every_shipped_data_file_loads():
    """Every license, catalog and policy file goes through the reader and validates."""
    for folder, schema in (("licenses", "license"), ("policies", "policy")):
        for path in sorted(data_dir(folder).glob("*.yaml")):
            datafile.read(path).validate(schema)
    for path in sorted((data_dir("licenses") / "catalog").rglob("*.yaml")):
        datafile.read(path).validate("catalog")
