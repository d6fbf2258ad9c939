"""The licaudit command line. Thin by design: options in, the pipeline called, output rendered,
exit code chosen. Heavy libraries are imported inside the commands that need them."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__, jsontext
from .errors import LicauditError

EXIT_OK, EXIT_VIOLATIONS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C

FAIL_ON = click.Choice(["error", "warning", "never"])


class OutputError(LicauditError):
    """Standard output cannot take the output (a full disk, a closed pipe)."""


def echo(text: str = "", nl: bool = True) -> None:
    """``click.echo`` to standard output; ``OutputError`` when standard output fails, which then
    points at the null device so that leaving does not fail on it again."""
    try:
        click.echo(text, nl=nl)
    except OSError as exc:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        except (OSError, ValueError):
            pass
        reason = exc.strerror or str(exc)
        raise OutputError(f"cannot write to standard output: {reason}") from exc


def say(line: str, err: bool = False) -> None:
    """One line of a message (not a report) as one plain line (``scrub.one_line``): a model id,
    a file name or a value quoted from a file never reaches the terminal as an escape sequence,
    a carriage return or a second line."""
    from .scrub import one_line

    if err:
        click.echo(one_line(line), err=True)
    else:
        echo(one_line(line))


class LicauditGroup(click.Group):
    """Turns LicauditError (and any unexpected error) into a one-line message and exit code 2;
    Ctrl-C into ``licaudit: interrupted`` and 130."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except LicauditError as exc:
            say(f"licaudit: error: {exc}", err=True)
            ctx.exit(EXIT_ERROR)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("licaudit: interrupted", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except Exception as exc:  # an internal error: one line unless --debug
            if ctx.obj and ctx.obj.get("debug"):
                raise
            msg = str(exc).splitlines()[0] if str(exc) else ""
            say(
                f"licaudit: internal error: {type(exc).__name__}: {msg} (rerun with --debug for details)",
                err=True,
            )
            ctx.exit(EXIT_ERROR)


@click.group(cls=LicauditGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="licaudit")
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Audit the AI models a repository depends on for license compliance.

    Exit codes: 0 nothing at or above the fail-on severity, 1 policy violations,
    2 usage, configuration or internal error.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    _collect_less()


# Python's cyclic garbage collector runs after every 700 net allocations of tracked objects and
# walks what is young each time; a run of licaudit builds millions of objects (records, syntax
# trees, parsed documents) and leaves almost no cycles, so those collections find nothing. One
# every 50,000 allocations keeps the memory a cycle can hold small and costs a fraction.
_GC_THRESHOLD = (50_000, 10, 10)


def _collect_less() -> None:
    import gc

    if gc.get_threshold()[0] < _GC_THRESHOLD[0]:
        gc.set_threshold(*_GC_THRESHOLD)


def complete_formats(ctx, param, incomplete: str):
    """Shell completion of ``--format``: the format names, after any already given (``a,b``)."""
    from click.shell_completion import CompletionItem

    from .report import FORMATS

    head, sep, last = incomplete.rpartition(",")
    given = set(head.split(",")) if sep else set()
    return [
        CompletionItem(f"{head}{sep}{name}")
        for name in FORMATS
        if name.startswith(last.lower()) and name not in given
    ]


def complete_policies(ctx, param, incomplete: str):
    """Shell completion of ``--policy``: the built-in names, and files for a path."""
    from click.shell_completion import CompletionItem

    from .policy import builtin_names

    if "/" in incomplete or incomplete.endswith((".yaml", ".yml")):
        return [CompletionItem(incomplete, type="file")]
    return [CompletionItem(name) for name in builtin_names() if name.startswith(incomplete)] + [
        CompletionItem(incomplete, type="file")
    ]


def use_color(output: str | None) -> bool:
    if output or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def write_output(text: str, output: str | None) -> None:
    """``text`` to the file ``output`` (atomically: a failed write keeps the previous report),
    else to standard output."""
    if output:
        from .atomic import write_text

        try:
            write_text(output, text)
        except OSError as exc:
            raise LicauditError(f"cannot write {output}: {exc.strerror or exc}") from exc
    else:
        echo(text, nl=False)


def _config(root: Path):
    """The configuration of a scan of ``root`` (found upward), its warnings on standard error."""
    from .config import load_config

    config = load_config(root)
    for warning in config.warnings:
        say(f"licaudit: warning: {warning}", err=True)
    return config


def _load_policy(spec: str | None, config):
    """The policy named on the command line, else the configured one (relative to its file)."""
    from .policy import load_policy

    if spec:
        return load_policy(spec)
    return load_policy(config.policy, config.base_dir)


def _split_targets(paths: tuple[str, ...]) -> tuple[Path, list[str] | None]:
    """(root, files): one folder is a root to walk; files are scanned exactly, relative to cwd."""
    if not paths:
        paths = (".",)
    for p in paths:
        if not os.path.lexists(p):
            raise LicauditError(f"path not found: {p}")
    dirs = [p for p in paths if os.path.isdir(p)]
    if dirs:
        if len(paths) > 1:
            raise LicauditError("give one folder to scan, or a list of files")
        return Path(dirs[0]), None
    cwd = Path.cwd()
    files = []
    for p in paths:
        resolved = Path(os.path.abspath(p))
        try:
            files.append(resolved.relative_to(cwd).as_posix())
        except ValueError as exc:
            raise LicauditError(f"file {p} is outside the current directory") from exc
    return Path("."), sorted(set(files))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "fmt",
    multiple=True,
    metavar="FORMAT",
    shell_complete=complete_formats,
    help="Output format(s): text, json, markdown, summary, html, notice, github, sarif, spdx, spdx-tv, cyclonedx. Several as 'a,b' or a repeated --format (with --output-dir).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help="Write the report to FILE instead of standard output (one format).",
)
@click.option(
    "--output-dir",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Write each format to its default file name in DIR (licaudit.sarif, licaudit.spdx.json, ...).",
)
@click.option(
    "--policy",
    "policy_spec",
    shell_complete=complete_policies,
    help="Built-in policy name or policy file (default: the configured policy, else 'default').",
)
@click.option(
    "--offline",
    is_flag=True,
    help="Never use the network: lockfile, local metadata and the built-in catalog only.",
)
@click.option(
    "--fail-on",
    type=FAIL_ON,
    help="Lowest severity that makes the exit code 1 (default: the policy's).",
)
@click.option("--exclude", multiple=True, help="Gitignore-style glob to leave out (repeatable).")
@click.option(
    "--verbose", "-v", is_flag=True, help="Also list model arguments computed at run time."
)
@click.option(
    "--locked",
    is_flag=True,
    help="Fail (exit 1) when a referenced model is not pinned in the lockfile.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Fail (exit 1) when the audit could not see everything: a file skipped, lineage cut, a model the Hub did not answer for.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Read and scan every file: neither use nor update the scan cache.",
)
@click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help="Print only what fails the run and the summary line (text), and no progress.",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False),
    metavar="OLD.json",
    help="A saved JSON report: report and fail only on findings that are new against it.",
)
@click.option(
    "--hf-cache",
    "hf_cache",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[DIR]",
    help="Audit the models on this machine instead of a repository: the Hugging Face cache "
    "(default: the user's), or any folder of model snapshots or unpacked image filesystem. "
    "Offline, from the cached cards and LICENSE files at their exact revisions.",
)
def scan(
    paths,
    fmt,
    output,
    output_dir,
    policy_spec,
    offline,
    fail_on,
    exclude,
    verbose,
    locked,
    strict,
    no_cache,
    quiet,
    baseline,
    hf_cache,
):
    """Scan PATH (default: the current folder) or exactly the given FILES; with --hf-cache,
    the models a Hugging Face cache or a folder of model files holds."""
    from . import audit
    from .report import load_saved

    old = load_saved(Path(baseline)) if baseline else None  # a bad baseline fails before the scan
    if hf_cache is not None:
        if paths:
            raise LicauditError("give --hf-cache DIR or paths to scan, not both")
        from .discover.hfcache import default_cache

        folder = Path(hf_cache) if hf_cache else default_cache()
        if not folder.is_dir():
            raise LicauditError(f"no such folder: {folder}")
        config = _config(Path("."))
        formats = output_formats(fmt or config.format or "text", output, output_dir)
        options = audit.Options(
            fail_on=fail_on or config.fail_on,
            catalogs=config.catalogs,
            strict=strict or config.strict,
            progress=not quiet,
        )
        result = audit.run_cache(folder, _load_policy(policy_spec, config), options)
        report_and_exit(result, formats, output, output_dir, quiet=quiet, baseline=old)
    root, files = _split_targets(paths)
    config = _config(root)
    formats = output_formats(fmt or config.format or "text", output, output_dir)
    policy = _load_policy(policy_spec, config)
    options = audit.Options(
        files=files,
        exclude=tuple(config.exclude) + tuple(exclude),
        offline=offline or config.offline,  # HF_HUB_OFFLINE is honoured by the resolver itself
        fail_on=fail_on or config.fail_on,
        verbose=verbose,
        lockfile=config.lockfile,
        catalogs=config.catalogs,
        locked=locked,
        strict=strict or config.strict,
        progress=not quiet,
        cache=not no_cache,
    )
    from .resolve.lockfile import NotLockedError

    try:
        result = audit.run(root, policy, options)
    except NotLockedError as exc:
        say(f"licaudit: {exc}", err=True)
        sys.exit(EXIT_VIOLATIONS)
    report_and_exit(result, formats, output, output_dir, quiet=quiet, baseline=old)


# === licenses: the knowledge base (licaudit licenses ...) ===

LICENSE_FORMATS = click.Choice(["text", "json"])


@main.group("licenses")
def licenses_group() -> None:
    """The license knowledge base: list, show and identify licenses."""


@licenses_group.command("list")
@click.option(
    "--category", "categories", multiple=True, help="Only licenses in this category (repeatable)."
)
@click.option("--format", "fmt", type=LICENSE_FORMATS, default="text", show_default=True)
def licenses_list(categories, fmt):
    """List every license licaudit knows."""
    from .licensing import knowledge_base
    from .licensing.render import CATEGORIES, list_json, list_text

    for c in categories:
        if c not in CATEGORIES:
            raise LicauditError(f"unknown category '{c}' (choose from {', '.join(CATEGORIES)})")
    selected = [lic for lic in knowledge_base() if not categories or lic.category in categories]
    echo(list_json(selected) if fmt == "json" else list_text(selected), nl=False)


@licenses_group.command("show")
@click.argument("license_id")
@click.option("--format", "fmt", type=LICENSE_FORMATS, default="text", show_default=True)
def licenses_show(license_id, fmt):
    """Show a license by id, SPDX id or alias: its terms in plain language (or the whole record as JSON)."""
    from .licensing import knowledge_base
    from .licensing.render import find, show_json, show_text

    lic = find(knowledge_base(), license_id)
    echo(show_json(lic) if fmt == "json" else show_text(lic), nl=False)


@licenses_group.command("identify")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=LICENSE_FORMATS, default="text", show_default=True)
def licenses_identify(file, fmt):
    """Name the license a LICENSE / USE_POLICY file contains.

    Exit codes: 0 recognised, 1 unrecognised, 2 the file cannot be read.
    """
    from .licensing.identify import identify_file
    from .licensing.render import identification_json, identification_text

    try:
        ident = identify_file(file)
    except OSError as exc:
        raise LicauditError(f"cannot read {file}: {exc.strerror or exc}") from exc
    echo(
        identification_json(file, ident) if fmt == "json" else identification_text(file, ident),
        nl=False,
    )
    sys.exit(EXIT_OK if ident.license else EXIT_VIOLATIONS)


@licenses_group.command("validate")
@click.argument("folder", required=False, type=click.Path(file_okay=False, exists=True))
def licenses_validate(folder):
    """Validate every license file (default: the shipped ones) against the schema, without the cache."""
    from .licensing import KnowledgeBase

    kb = KnowledgeBase.load(Path(folder) if folder else None, cache=False)
    echo(f"{len(kb)} license files valid")


# === lock: resolution pinning (licaudit lock ...) ===


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--offline",
    is_flag=True,
    help="Never use the network: pin what the local metadata and the built-in catalog say.",
)
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Only check that every referenced model is pinned (exit 1 listing the missing ones). Never uses the network.",
)
@click.option(
    "--diff",
    "diff_only",
    is_flag=True,
    help="Compare the pinned records with the Hub now and list every license change (exit 1 when any).",
)
@click.option(
    "--update", is_flag=True, help="Re-resolve every model instead of keeping the existing pins."
)
@click.option("--exclude", multiple=True, help="Gitignore-style glob to leave out (repeatable).")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Read and scan every file: neither use nor update the scan cache.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: the outcome as one JSON document on standard output (schemas/lock-result.schema.json).",
)
@click.option(
    "--quiet", "-q", is_flag=True, help="Print only the summary line and errors, and no progress."
)
def lock(paths, offline, check_only, diff_only, update, exclude, no_cache, fmt, quiet):
    """Pin every referenced model (license, revision, lineage, publisher) in the lockfile.

    Resolves online (the Hugging Face Hub, cached) unless --offline; models already pinned keep
    their pin unless --update. Exit codes: 0 done / all pinned / no drift, 1 references not
    pinned (--check) or license drift (--diff), 2 usage or configuration error.
    """
    from . import audit

    if check_only and diff_only:
        raise LicauditError("--check and --diff cannot be combined")
    if diff_only and offline:
        raise LicauditError("--diff compares with the Hub: it cannot run with --offline")
    root, files = _split_targets(paths)
    config = _config(root)
    options = audit.Options(
        files=files,
        exclude=tuple(config.exclude) + tuple(exclude),
        offline=offline or config.offline,
        lockfile=config.lockfile,
        catalogs=config.catalogs,
        progress=not quiet,
        cache=not no_cache,
    )
    if check_only:
        result = audit.lock_check(root, options)
    elif diff_only:
        result = audit.lock_diff(root, options)
    else:
        result = audit.lock(
            root,
            options,
            update=update,
            waiting=lambda: say(
                f"licaudit: waiting for another licaudit run to finish writing {config.lockfile}",
                err=True,
            ),
        )
    if fmt == "json":
        echo(jsontext.dumps(result.as_dict(config.lockfile), sort_keys=True))
        sys.exit(EXIT_OK if result.ok else EXIT_VIOLATIONS)
    out, err = result.messages(config.lockfile)
    if quiet:  # the summary line and the errors: no warnings, no detail lines
        out = out[:1]
        err = [line for line in err if not line.startswith("licaudit: warning:")]
    for line in err:
        say(line, err=True)
    for line in out:
        say(line)
    sys.exit(EXIT_OK if result.ok else EXIT_VIOLATIONS)


# === check / policy / init: the policy engine ===


def _registry_ref(registry: str, name: str):
    """``REGISTRY:NAME`` on the command line (``torch-hub:owner/repo``, ``ultralytics:yolov8n.pt``,
    a registry of the loader data): the registry's model, with the license the loader data
    records for it (as a scan would find it)."""
    from .discover.common import Context
    from .discover.context import registry_model
    from .discover.loaders import knowledge
    from .model import Location, ModelRef

    k = knowledge()
    ctx = Context(root=Path("."), rel="(command line)")
    for lib in k.libraries.values():
        for map_id, m in lib.name_maps.items():
            if m.get("registry") != registry:
                continue
            got = k.map_name(f"{lib.name}:{map_id}", name.strip())
            if got is not None and got.registry_id and not got.not_a_reference:
                ident, metadata, _ = registry_model(got, ctx)
                return ModelRef(
                    ident.id, registry, Location(path="(command line)"), "command line",
                    metadata=metadata,
                )  # fmt: skip
    raise LicauditError(f"not a {registry} model: '{name}'")


def _check_ref(value: str):
    """A ModelRef for a model named on the command line (Hub id, hf.co URL, Ollama name:tag,
    ``modelscope:org/name``, ``REGISTRY:NAME`` of a registry of the loader data)."""
    from .discover.ids import classify, hub_id
    from .discover.loaders import knowledge
    from .model import HUGGINGFACE, MODELSCOPE, Location, ModelRef
    from .resolve.catalog import catalog

    head, sep, rest = value.partition(":")
    if sep and head.lower() == "modelscope":
        ms = hub_id(rest)
        if ms is None:
            raise LicauditError(f"not a ModelScope model id: '{rest}' (give modelscope:org/name)")
        return ModelRef(ms, MODELSCOPE, Location(path="(command line)"), "command line")
    if sep and head.lower() in knowledge().registry_names:
        return _registry_ref(head.lower(), rest)
    found = (
        classify(value)
        or (
            classify(value, ollama=True)
            if ":" in value
            or value.lower().startswith("ollama")
            or catalog().is_ollama_library(value)  # a bare library name means name:latest
            else None
        )
        or classify(value, bare=True)
    )
    hid = hub_id(value, hub=True) if found is None else None
    if hid is not None and knowledge().hosted_provider(hid.split("/", 1)[1]) is None:
        # an org/name is the Hub repository even when its organization is also a hosted API's
        # provider prefix (databricks/dolly-v2-3b), unless the name is that API's own model
        # name (anthropic/claude-3-opus: a hosted model, with no open-weight license to check)
        found = (hid, HUGGINGFACE)
    if found is None:
        registries = ", ".join(sorted(knowledge().registry_names))
        raise LicauditError(
            f"not a model id: '{value}' (give a Hub id like org/name, an Ollama name:tag, modelscope:org/name or REGISTRY:NAME, a registry being one of {registries}; scan local files with 'licaudit scan')"
        )
    model_id, source = found
    return ModelRef(
        id=model_id,
        source=source,
        location=Location(path="(command line)"),
        evidence="command line",
    )


@main.command()
@click.argument("models", nargs=-1, required=True)
@click.option(
    "--policy",
    "policy_spec",
    shell_complete=complete_policies,
    help="Built-in policy name or policy file (default: the configured policy, else 'default').",
)
@click.option(
    "--format",
    "fmt",
    multiple=True,
    shell_complete=complete_formats,
    help="Output format(s), as for 'scan' (default: text).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help="Write the report to FILE instead of standard output (one format).",
)
@click.option(
    "--output-dir",
    type=click.Path(file_okay=False),
    help="Write each format to its default file name in DIR.",
)
@click.option(
    "--offline", is_flag=True, help="Never use the network: lockfile and the built-in catalog only."
)
@click.option(
    "--fail-on",
    type=FAIL_ON,
    help="Lowest severity that makes the exit code 1 (default: the policy's).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Fail (exit 1) when the audit could not see everything: a file skipped, lineage cut, a model the Hub did not answer for.",
)
@click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help="Print only what fails the run and the summary line (text), and no progress.",
)
def check(models, policy_spec, fmt, output, output_dir, offline, fail_on, strict, quiet):
    """Evaluate the named MODELS against the policy, with no repository: can we use this?

    MODEL is a Hugging Face id (org/name, hf.co/org/name) or an Ollama name[:tag].
    Exit codes as for 'scan'.
    """
    from . import audit

    config = _config(Path("."))
    formats = output_formats(fmt or config.format or "text", output, output_dir)
    policy = _load_policy(policy_spec, config)
    options = audit.Options(
        offline=offline or config.offline,
        fail_on=fail_on or config.fail_on,
        lockfile=config.lockfile,
        catalogs=config.catalogs,
        strict=strict or config.strict,
        progress=not quiet,
    )
    report_and_exit(
        audit.check([_check_ref(m) for m in models], policy, options),
        formats,
        output,
        output_dir,
        quiet=quiet,
    )


@main.group("policy")
def policy_group():
    """Validate and show policies."""


@policy_group.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def policy_validate(files):
    """Check policy FILES (or built-in policy names) against the policy schema (every error,
    with its file line), then load each with its 'extends' chain. Exit 0 when all are valid,
    2 otherwise."""
    from .errors import ConfigError
    from .policy.loader import check_file, load_document, locate

    bad = 0
    for name in files:
        try:
            path, _ = locate(name)  # a file, else a built-in name: as --policy resolves it
        except ConfigError as exc:
            say(f"licaudit: error: {exc}", err=True)
            bad += 1
            continue
        try:
            _, errors = check_file(path, Path(name).as_posix())
            if not errors:
                load_document(name)
        except ConfigError as exc:
            errors = [str(exc)]
        if errors:
            bad += 1
            for line in errors:
                say(line, err=True)
        else:
            say(f"{name}: valid")
    sys.exit(EXIT_ERROR if bad else EXIT_OK)


@policy_group.command("show")
@click.argument("spec", required=False)
def policy_show(spec):
    """Print the fully merged policy (after 'extends') as YAML: a built-in NAME, a FILE,
    or (no argument) the configured policy."""
    import yaml

    policy = _load_policy(spec, None if spec else _config(Path(".")))
    echo(f"# policy {policy.name} ({policy.source}), 'extends' merged")
    echo(
        yaml.safe_dump(policy.doc, sort_keys=True, allow_unicode=True, default_flow_style=False),
        nl=False,
    )


@policy_group.command("rules")
def policy_rules():
    """List the rule ids with their default severity and meaning."""
    from .policy import RULES

    for rule in RULES.values():
        echo(f"{rule.id:<20} {rule.severity:<8} {rule.title}")
        echo(f"{'':<30}{rule.help}")


@main.command("init")
@click.argument("directory", required=False, default=".", type=click.Path(file_okay=False))
@click.option(
    "--policy",
    "base",
    default="default",
    show_default=True,
    help="Built-in policy the starter policy extends.",
)
def init_cmd(directory, base):
    """Write a commented starter policy (licaudit-policy.yaml) and the [tool.licaudit]
    configuration (pyproject.toml, else .licaudit.yaml) into DIRECTORY. Never overwrites."""
    from .policy.starter import init_repository

    for line in init_repository(Path(directory), base):
        say(line)


# === report: re-render a saved JSON report (licaudit report ...) ===


def output_formats(
    fmt: str | tuple[str, ...], output: str | None, output_dir: str | None
) -> list[str]:
    """The formats asked for, checked against where they go: several need --output-dir."""
    from .report import parse_formats

    formats = parse_formats(fmt) or ["text"]
    if output and output_dir:
        raise LicauditError("give --output FILE or --output-dir DIR, not both")
    if len(formats) > 1 and not output_dir:
        raise LicauditError(f"several formats ({', '.join(formats)}) need --output-dir DIR")
    return formats


def report_and_exit(
    result,
    formats: list[str],
    output: str | None,
    output_dir: str | None,
    *,
    quiet: bool = False,
    baseline: dict | None = None,
) -> None:
    """Write the audit's report in every format; exit 1 when its verdict is fail, else 0.
    Against a ``baseline`` report, only the findings new against it decide the verdict."""
    from .report import baseline as against
    from .report.document import build

    doc = build(result)
    if baseline is not None:
        doc = against.apply(doc, baseline)
    emit_reports(doc, formats, output, output_dir, quiet=quiet)
    sys.exit(EXIT_VIOLATIONS if doc["summary"]["verdict"] == "fail" else EXIT_OK)


def emit_reports(
    doc: dict,
    formats: list[str],
    output: str | None,
    output_dir: str | None,
    *,
    quiet: bool = False,
) -> list[Path]:
    """Render ``doc`` in every format: to --output FILE, to DIR/<default name>, or to stdout."""
    from .report import default_filename, render

    written: list[Path] = []
    if output_dir:
        directory = Path(output_dir)
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LicauditError(f"cannot create {output_dir}: {exc.strerror or exc}") from exc
    for fmt in formats:
        target = str(Path(output_dir) / default_filename(fmt)) if output_dir else output
        write_output(render(doc, fmt, color=use_color(target), quiet=quiet), target)
        if target:
            written.append(Path(target))
    return written


@main.command("report")
@click.argument("saved", type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    multiple=True,
    metavar="FORMAT",
    shell_complete=complete_formats,
    help="Output format(s), as for 'scan' (default: text). Several as 'a,b' or a repeated --format (with --output-dir).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help="Write the report to FILE instead of standard output (one format).",
)
@click.option(
    "--output-dir",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Write each format to its default file name in DIR.",
)
def report_cmd(saved, fmt, output, output_dir):
    """Re-render a saved JSON report (from 'licaudit scan --format json') without scanning again.

    The output is byte-identical to what the scan would have written in that format.
    """
    from .report import load_saved

    formats = output_formats(fmt, output, output_dir)
    doc = load_saved(Path(saved))
    emit_reports(doc, formats, output, output_dir)


@main.command("diff")
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown", "github"]),
    default="text",
    show_default=True,
    help="json: schemas/diff.schema.json; github: an annotation per new finding.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help="Write the comparison to FILE instead of standard output.",
)
def diff_cmd(old, new, fmt, output):
    """Compare two saved JSON reports, offline: the models added and removed, license, revision
    and verdict changes, the findings that are new and those resolved.

    Exit codes: 0 no new finding fails NEW's policy, 1 one does, 2 a report cannot be read.
    """
    from .report import load_saved
    from .report.diff import compare, render

    result = compare(load_saved(Path(old)), load_saved(Path(new)))
    write_output(render(result, fmt), output)
    sys.exit(EXIT_VIOLATIONS if result["summary"]["verdict"] == "fail" else EXIT_OK)


if __name__ == "__main__":  # pragma: no cover
    main()
