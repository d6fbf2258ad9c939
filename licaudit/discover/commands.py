"""Command lines wherever they appear: shell scripts, Dockerfile RUN/CMD, compose ``command``,
Kubernetes ``args``, CI ``run:``, Makefiles, Terraform, notebook ``!`` lines, Python argv lists.

What a command takes is loader data (``discover/loaders/``): the commands that take a model
(``vllm serve ID``, ``hf download ID``, ``ollama pull NAME``, ``llama-server -hf ID:QUANT``,
``lm_eval --model_args pretrained=ID`` ...) with their positional arguments, flags and the flags
that take a value, and the vocabulary's flags that name a model anywhere (``--model``,
``--model_name_or_path``, ``--base-model``, ``--tokenizer`` ...; ``--served-model-name`` and
``--output-dir`` are decoys). The values are decided by ``context.py``, as in every scanner.

Lines are read the way scripts are written: backslash continuations are one line,
``--model=ID`` is ``--model ID``, ``KEY=VALUE`` words (environment prefixes such as
``MODEL=org/x python app.py``, ``export``, Dockerfile ``ENV``/``ARG``, Hydra-style
``model_name=org/x`` overrides) count when the key names a model, ``${MODEL:-org/x}`` is its
default ``org/x`` (the evidence says so), a variable assigned earlier in the file is followed
(and its value reported where it is assigned too: ``POLICY=org/x`` ... ``--model $POLICY``),
a namespaced flag (``--actor.model_name_or_path``) takes what its last parts say (the
vocabulary's ``flag_context``), a ``sh -c '...'`` string is a command line of its own (heredoc
bodies and the lines of a bash array are read where they are written; the items of an array
whose name says models, ``SFT_MODELS=( org/a org/b )``, are models), and a word that is a
JSON object (``curl -d '{"model": "org/x"}'``) is read like a JSON file.
A Hub file URL (``curl -LO https://huggingface.co/org/x/resolve/main/x.gguf``) counts anywhere,
and a clone of a Hub model repository (``git clone https://huggingface.co/org/x``) is that model.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
import shlex
from collections.abc import Iterator, Sequence

from ..model import HUGGINGFACE, MODELSCOPE, ModelRef, Unresolvable
from ..recordtype import dataclass
from .common import (
    WEIGHTS_WORDS,
    Context,
    Found,
    Trigger,
    dataset_value,
    find_in_lines,
    location_at,
    make_refs,
)
from .context import (
    LOCAL_COPY_NOTE,
    Identity,
    copied_id,
    downloaded_dirs,
    downloaded_id,
    mapped,
    model_value,
    named_or_mapped,
    self_evident,
    weights_file,
    with_implied,
    with_metadata,
)
from .ids import hub_id, hub_repo_url
from .interface import FunctionScanner
from .loaders import MODEL_ROLES, Arg, Command, knowledge, norm_flag

TRIGGER = Trigger(
    b"model",
    b"pretrained",
    b"vllm",
    b"huggingface",
    b"hf.co",
    b"download",
    b"ollama",
    b"text-generation-launcher",
    b"text-generation-benchmark",  # --tokenizer-name: the Hub tokenizer it loads
    b"-hf",
    b"dataset",
    b"lora",
    b"adapter",
    b"torch-path",  # a converter's folder of original weights
    b"tower",  # --vision_tower, --mm_vision_tower: a vision-language model's image encoder
    *WEIGHTS_WORDS,
    # packages that install model files (Tesseract's tessdata)
    b"tesseract-ocr",
    # programs whose model is named by their own configuration files (T-Few's -c)
    b"pl_train",
)

_SEPARATORS = {"&&", "||", ";", "|", "&", "(", ")", ";;"}
_VAR = re.compile(r"^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$")
_ASSIGN = re.compile(r"^(?:export\s+|ENV\s+|ARG\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$")
# ${NAME:-default}, ${NAME-default}, ${NAME:=default}, ${NAME=default} (innermost first)
# (a default may hold a plain variable: ${RM_PATH:-${HOME}/models/org/x})
_DEFAULT = re.compile(
    r"\$\{([A-Za-z_][A-Za-z0-9_]*):?[-=]((?:[^${}]|\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$(?!\{))*)\}"
)
_PYTHON = re.compile(r"^python(?:[0-9]+(?:\.[0-9]+)*)?$")
_SHELLS = frozenset({"sh", "bash", "zsh", "dash", "ash", "ksh"})
_SHELL_C = re.compile(r"^-[a-z]*c[a-z]*$")  # -c, -lc, -ec, -xc
_URL = re.compile(r"(?:https?|hf|ollama)://[^\s'\"<>]+")


class Variables(dict[str, str]):
    """The shell variables a file has assigned so far (name -> value), and where each one that
    names no model by its own name was assigned (``places``: name -> (line, column, cell)): a
    value passed by that variable to a model-taking place (``POLICY=org/x`` ... ``--model
    $POLICY``) is reported at the assignment (once) as well as at each use."""

    def __init__(self) -> None:
        super().__init__()
        self.places: dict[str, tuple[int, int, int | None]] = {}


@dataclass(frozen=True)
class Hit:
    """One value a command line gives a model-taking place: ``token`` as written (for the
    location), the identity (None when the value is only known at run time: ``why`` says so)."""

    token: str
    ident: Identity | None
    evidence: str
    why: str | None = None
    offset: int = 0  # where the value starts in ``token`` (model=x: after the key)
    via: str | None = None  # the shell variable the value was passed by (``$MODEL``)


def _collect(hits: Iterator[Hit], into: list[Hit]) -> int:
    """Run a reader step that yields hits and returns the next index: the hits go to ``into``."""
    while True:
        try:
            into.append(next(hits))
        except StopIteration as stop:
            return stop.value


def _flag_name(token: str) -> tuple[str, str | None] | None:
    if not token.startswith("-") or token in ("-", "--") or token[1:2].isdigit():
        return None
    name, sep, value = token.partition("=")
    return norm_flag(name), (value if sep else None)


# a Hydra / OmegaConf override on a command line: ``actor_rollout_ref.model.path=org/x``,
# ``+model.tokenizer=org/t`` (add), ``++trainer.x=y`` (force); dotted, so never an environment
# assignment
_OVERRIDE = re.compile(r"(?:\+\+?|~)?([A-Za-z_][\w-]*(?:\.[\w-]+)+)=(.*)", re.S)


def _argument_string(token: str, after_flag: bool) -> list[str] | None:
    """The words of a word that is itself the arguments handed to another program as one
    string, the value of a flag (``--args "--port 8080 --model-id org/x"`` when ``after_flag``,
    or ``--args="--model-id org/x"``): it starts with a flag and holds another word. None for
    any other word (``echo "--model org/x"`` prints it)."""
    if " " not in token or not token.startswith("-"):
        return None
    name, sep, value = token.partition("=")
    if sep and " " not in name and value.startswith("-"):
        token = value  # --args="--model-id org/x"
    elif not after_flag:
        return None
    words = tokenize(token)
    if len(words) < 2 or _flag_name(words[0]) is None:
        return None
    return words


def _override_name(token: str) -> tuple[str, str | None] | None:
    """A dotted ``key=value`` override read as the flag ``--key=value`` (the key's longest known
    tail says what it takes: ``actor_rollout_ref.model.path`` is a ``model_path``)."""
    m = _OVERRIDE.fullmatch(token)
    return (norm_flag(m.group(1)), m.group(2)) if m else None


def tokenize(line: str) -> list[str]:
    try:
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        lexer.commenters = "#"
        return list(lexer)
    except ValueError:
        return line.split()


def expand_defaults(value: str) -> tuple[str, list[str]]:
    """``value`` with every ``${NAME:-default}`` replaced by its default (nested ones too), and
    the names whose defaults were taken, outermost first."""
    names: list[str] = []
    for _ in range(8):  # nesting deeper than this is not written by hand
        m = _DEFAULT.search(value)
        if m is None:
            break
        names.insert(0, m.group(1))
        value = value[: m.start()] + m.group(2) + value[m.end() :]
    return value, names


def shell_value(raw: str, variables: dict[str, str]) -> tuple[str | None, str | None, str | None]:
    """(value, the variable whose default or value it is, why it is unknown) for one word."""
    m = _VAR.match(raw)
    if m:
        name = m.group(1)
        if name in variables:
            return variables[name], None, None
        return None, None, f"shell variable ${name} is set at run time"
    value, names = expand_defaults(raw)
    if ("$" in value or "`" in value) and copied_id(value) is None and not downloaded_id(value):
        # (a local copy's folder may come from a variable: $HOME/models/org/name)
        return None, None, "built from shell variables at run time"
    return value, (names[0] if names else None), None


_SHELL_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)")
# a variable set to the script's own folder: DIR="$( cd "$( dirname "${BASH_SOURCE[0]}" )" &&
# pwd )", HERE=$(dirname "$0"), ROOT="$(dirname "$(realpath "$0")")"
_SOURCE = (
    r"\"?(?:\$\{BASH_SOURCE(?:\[0\])?\}|\$0|\$\(\s*(?:realpath|readlink\s+-f)\s+\"?\$0\"?\s*\))\"?"
)
_DIRNAME = r"\$\(\s*dirname\s+" + _SOURCE + r"\s*\)"
_SCRIPT_DIR = re.compile(
    r"^(?:" + _DIRNAME + r"|\$\(\s*cd\s+\"?" + _DIRNAME + r"\"?\s*(?:&&|;)\s*pwd(?:\s+-P)?\s*\))$"
)
_SCRIPT_DIR_ASSIGN = re.compile(r"^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$")


def script_folder(value: str) -> bool:
    """``value`` (quotes stripped) is the shell idiom for the running script's own folder."""
    return _SCRIPT_DIR.match(value.strip().strip("'\"")) is not None


def _substituted(raw: str, variables: dict[str, str]) -> str | None:
    """``raw`` with each ``$VAR`` / ``${VAR}`` the file has set replaced by its value (the
    script's own folder by ``.``); None when one is set only at run time."""
    missing = False

    def one(m: re.Match) -> str:
        nonlocal missing
        name = m.group(1) or m.group(2)
        if name not in variables:
            missing = True
            return ""
        return variables[name]

    out = _SHELL_VAR.sub(one, expand_defaults(raw)[0])
    return None if missing or "$" in out or "`" in out else out


@functools.lru_cache(maxsize=4096)
def _program(token: str) -> str:
    """How a word is compared with the loader data's command words: the base name of a program,
    any ``python3.11`` as ``python``."""
    base = token.rsplit("/", 1)[-1]
    return "python" if _PYTHON.match(base) else base


def _known_flag(token: str) -> bool:
    """A flag without an inline value whose value the vocabulary reads (``--model_args``); the
    value of any other flag (``docker run -e MODEL=org/x``, ``-k load_weight=x.pt``) is a
    ``KEY=VALUE`` word like any other."""
    flag = _flag_name(token)
    return flag is not None and flag[1] is None and knowledge().flag_context(flag[0]) is not None


def _via(raw: str, variables: dict[str, str]) -> str | None:
    """The assigned shell variable a word is (``$MODEL``, ``${MODEL}``), else None."""
    m = _VAR.match(raw)
    return m.group(1) if m and m.group(1) in variables else None


def _by_default(evidence: str, default_of: str | None) -> str:
    return f"{evidence}: the default of ${default_of}" if default_of else evidence


def _split_value(
    arg_value: str, shape: str, keys: tuple[str, ...], role: str = "model"
) -> list[tuple[str, str]]:
    """(part, label) for each model a flag's value holds: ``org/x:Q4_K_M`` is ``org/x``;
    ``pretrained=org/x,peft=org/y`` gives the listed keys' values; ``name=org/x`` the source;
    an adapter list ``org/a,org/b`` each adapter."""
    if shape == "repo-with-quant":
        if ":" in arg_value and "/" in arg_value and "://" not in arg_value:
            return [(arg_value.rsplit(":", 1)[0], "")]
        return [(arg_value, "")]
    if shape == "key-value-list":
        wanted = {norm_flag(k) for k in keys}
        out = []
        for part in arg_value.split(","):
            k, sep, v = part.partition("=")
            if sep and norm_flag(k.strip()) in wanted and v.strip():
                out.append((v.strip(), f" {k.strip()}="))
        return out
    if shape == "name-equals-source":
        _, sep, source = arg_value.partition("=")
        return [(source, "")] if sep and source else []
    if role == "adapter" and "," in arg_value:  # TGI --lora-adapters a,b
        return [(part.strip(), "") for part in arg_value.split(",") if part.strip()]
    return [(arg_value, "")]


class _Reader:
    """Reads one argument vector: known commands by the loader data, flags by the vocabulary."""

    def __init__(self, tokens: Sequence[str], ctx: Context, variables: dict[str, str]):
        self.tokens = list(tokens)
        self.words = [_program(t) for t in self.tokens]
        self.ctx = ctx
        self.variables = variables
        self.used: set[int] = set()  # tokens already read as a value

    def hits(self) -> Iterator[Hit]:
        k = knowledge()
        i, n = 0, len(self.tokens)
        while i < n:
            if self.tokens[i] in _SEPARATORS:
                i += 1
                continue
            word = self.words[i]
            if word in _SHELLS and i + 2 < n and _SHELL_C.match(self.tokens[i + 1]):
                # sh -c 'yolo predict model=...': the string is a command line of its own
                self.used.add(i + 2)
                inner = _Reader(tokenize(self.tokens[i + 2]), self.ctx, self.variables)
                yield from inner.hits()
                i += 3
                continue
            matched = k.match_command(self.words, i) if k.is_command_program(word) else None
            if matched is not None:
                cmd, count = matched
                i = yield from self._command(cmd, i, count)
                continue
            after_flag = i > 0 and "=" not in self.tokens[i - 1]
            after_flag = after_flag and _flag_name(self.tokens[i - 1]) is not None
            inner_args = _argument_string(self.tokens[i], after_flag)
            if inner_args is not None:
                # runpodctl create pods --args "--port 8080 --model-id org/x": the arguments
                # handed to another program as one string are an argument vector of their own
                self.used.add(i)
                yield from _Reader(inner_args, self.ctx, self.variables).hits()
                i += 1
                continue
            flag = _flag_name(self.tokens[i])
            if flag is None and i and "=" in self.tokens[i]:
                flag = _override_name(self.tokens[i])
            if flag is not None:
                i = yield from self._flag(i, flag, None)
                continue
            i += 1
        yield from self._json_words()
        yield from self._downloads()
        yield from self._urls()

    def _downloads(self) -> Iterator[Hit]:
        """``gdown -O "$DIR/data/x.pt" URL``, ``wget -O weights/x.onnx URL``: a weights file a
        download program (the vocabulary's ``download_programs``) writes, when the URL does
        not name a weights file itself (a Google Drive id; a URL that does is the reference):
        the local model the command leaves there (``weights_file``: relative to the script's
        folder; a variable holding the script's own folder is that folder)."""
        programs = knowledge().download_programs
        tokens, n = self.tokens, len(self.tokens)
        for i, word in enumerate(self.words):
            flags = programs.get(word)
            if not flags:
                continue
            end = i + 1
            while end < n and tokens[end] not in _SEPARATORS:
                end += 1
            if any(self_evident(u) for t in tokens[i + 1 : end] for u in _URL.findall(t)):
                continue  # the URL names the file: reported by itself (_urls)
            for j in range(i + 1, end):
                tok = tokens[j]
                if tok in flags and j + 1 < end:
                    at, raw = j + 1, tokens[j + 1]
                elif "=" in tok and tok.split("=", 1)[0] in flags:
                    at, raw = j, tok.split("=", 1)[1]
                else:
                    continue
                value = _substituted(raw, self.variables)
                ident = weights_file(value, self.ctx) if value else None
                if ident is not None:
                    self.used.add(at)
                    yield Hit(raw, ident, f"weights file downloaded by {word} into {raw}")

    def _urls(self) -> Iterator[Hit]:
        """URLs that say what they are in any word (a Hub download, a weights file, an
        ``ollama://`` URI), also inside ``NAME[key]=URL`` and ``--flag=URL`` words."""
        for j, tok in enumerate(self.tokens):
            if j in self.used or "://" not in tok:
                continue
            value, default_of, _ = shell_value(tok, self.variables)
            if value is None:
                continue
            for url in _URL.findall(value):
                evident = self_evident(url)
                if evident is not None:
                    shown = url if url in tok else tok
                    yield Hit(shown, evident[0], _by_default(evident[1], default_of))

    # --- one known command

    def _command(self, cmd: Command, start: int, count: int) -> Iterator[Hit]:
        words = " ".join(self.words[start : start + count])
        value_flags = {norm_flag(f) for f in cmd.value_flags}
        revision = repo_type = None
        pending: list[tuple[int, Arg]] = []  # positional values, read once the flags are known
        given = False  # a model argument is written (the command's default does not apply)
        position = 0
        i, n = start + count, len(self.tokens)
        found: list[Hit] = []
        exits = False  # --help, --version: the command prints and exits, loading nothing
        while i < n and self.tokens[i] not in _SEPARATORS:
            tok = self.tokens[i]
            flag = _flag_name(tok)
            if flag is not None and tok in knowledge().exit_flags:
                exits = True
            if flag is not None:
                arg = cmd.arg_for_flag(tok.split("=", 1)[0])
                if arg is not None and arg.role in ("revision", "repo-type"):
                    raw, i = self._flag_value(i, flag)
                    if arg.role == "revision":
                        revision = raw
                    else:
                        repo_type = (raw or "").lower()
                    continue
                if (
                    arg is None
                    and flag[0] in value_flags
                    and knowledge().flag_context(flag[0]) is None
                ):
                    _, i = self._flag_value(i, flag)
                    continue
                if arg is not None and arg.role == "model":
                    given = True  # a value for the model, even one that names no model here
                i = _collect(self._flag(i, flag, arg, cmd), found)
                continue
            if "=" in tok and not tok.startswith("="):
                key = tok.split("=", 1)[0]
                arg = next((a for a in cmd.args if key in a.keywords), None)
                if arg is not None and arg.names_model:
                    self.used.add(i)
                    given = given or arg.role == "model"
                    value = tok.split("=", 1)[1]
                    found.extend(
                        self._values(tok, value, arg, cmd, f"{words} {key}=", offset=len(key) + 1)
                    )
                    i += 1
                    continue
            arg = next(
                (
                    a
                    for a in cmd.args
                    if not a.flags
                    and a.position is not None
                    and (a.position == position or a.rest and position > a.position)
                ),
                None,
            )
            if arg is not None:
                pending.append((i, arg))
                given = given or arg.role == "model"
            position += 1
            i += 1
        for j, arg in pending:
            tok = self.tokens[j]
            if arg.role == "model" and repo_type in ("dataset", "datasets"):
                value, default_of, why = shell_value(tok, self.variables)
                self.used.add(j)
                ds = dataset_value(value, self.ctx) if value else None
                if ds is not None:
                    ident = Identity(*ds, revision=revision)
                    found.append(Hit(tok, ident, words, via=_via(tok, self.variables)))
                elif why:
                    found.append(Hit(tok, None, words, why))
            elif arg.names_model and repo_type in (None, "", "model"):
                self.used.add(j)
                found.extend(self._values(tok, tok, arg, cmd, words, revision=revision))
        if (
            cmd.default is not None
            and not found
            and not given
            and not exits
            and repo_type in (None, "", "model")
        ):
            found.extend(self._default(cmd, start))
        yield from found
        return i

    def _default(self, cmd: Command, start: int) -> list[Hit]:
        """The command's own default model, when no value was given for a model (a value
        known only at run time counts as given, and so does a local folder)."""
        d = cmd.default
        arg = next((a for a in cmd.args if a.names_model), None)
        if arg is None:
            return []
        ident = self._ident(d.model, d.id or arg.id or cmd.id, arg, cmd)
        if ident is None:
            return []
        return [
            Hit(
                self.tokens[start],
                with_implied(ident, d.implies, self.ctx),
                f"implicit: {d.origin}",
            )
        ]

    # --- flags

    def _flag_value(self, i: int, flag: tuple[str, str | None]) -> tuple[str | None, int]:
        """The value of the flag at ``i`` (``--x=v`` or ``--x v``) and the index after it."""
        if flag[1] is not None:
            return flag[1], i + 1
        nxt = self.tokens[i + 1] if i + 1 < len(self.tokens) else None
        if nxt is None or nxt in _SEPARATORS or nxt.startswith("-") and len(nxt) > 1:
            return None, i + 1
        self.used.add(i + 1)
        return nxt, i + 2

    def _flag(
        self, i: int, flag: tuple[str, str | None], arg: Arg | None, cmd: Command | None = None
    ) -> Iterator[Hit]:
        name = flag[0]
        nc = knowledge().flag_context(name) if arg is None else None
        if arg is None and nc is None:
            return i + 1
        role = arg.role if arg is not None else nc.role
        if arg is None and (nc.is_decoy or role not in _TAKES):
            _, nxt = self._flag_value(i, flag)  # a decoy's value is read and dropped
            return nxt
        raw, nxt = self._flag_value(i, flag)
        if raw is None:
            return nxt
        token = raw
        evidence = f"{self.tokens[i].split('=', 1)[0]} flag"
        shape = (arg.value if arg is not None else nc.value) or "plain"
        keys = arg.keys if arg is not None else nc.keys
        if role == "dataset":
            value, default_of, why = shell_value(raw, self.variables)
            if value is None:
                yield Hit(token, None, evidence, why)
                return nxt
            ds = dataset_value(value, self.ctx)
            if ds is not None:
                yield Hit(
                    token,
                    Identity(*ds),
                    _by_default(evidence, default_of),
                    via=_via(raw, self.variables),
                )
            return nxt
        if arg is not None and not (arg.names_model or arg.role == "local-path"):
            return nxt
        # vllm --lora-modules a=org/x b=org/y: every name=source word that follows
        extra: list[str] = []
        if shape == "name-equals-source":
            while (
                nxt < len(self.tokens)
                and "=" in self.tokens[nxt]
                and not self.tokens[nxt].startswith("-")
            ):
                extra.append(self.tokens[nxt])
                self.used.add(nxt)
                nxt += 1
        for word in [raw, *extra]:
            yield from self._flag_word(word, name, evidence, shape, keys, arg, cmd)
        return nxt

    def _flag_word(
        self,
        word: str,
        name: str,
        evidence: str,
        shape: str,
        keys: tuple[str, ...],
        arg: Arg | None,
        cmd: Command | None,
    ) -> Iterator[Hit]:
        if shape == "plus-list" and "+" in word:  # -c t03b.json+ia3.json+${dataset}.json
            for part in word.split("+"):
                if part:
                    yield from self._flag_word(part, name, evidence, "plain", keys, arg, cmd)
            return
        value, default_of, why = shell_value(word, self.variables)
        if value is None:
            yield Hit(word, None, evidence, why)
            return
        role = arg.role if arg is not None else "model"
        for part, label in _split_value(value, shape, keys, role):
            found = named_or_mapped(name, part, self.ctx, what="flag") if arg is None else None
            if arg is not None and cmd is not None:
                mode = "local-path" if arg.role == "local-path" else arg.id or cmd.id
                ident = self._ident(part, mode, arg, cmd)
                found = (ident, evidence) if ident is not None else None
            if found is not None:
                ev = f"--{name} {label.strip()}" if label else evidence
                at = word.find(part)
                yield Hit(
                    word,
                    found[0],
                    _by_default(ev, default_of),
                    offset=max(at, 0),
                    via=_via(word, self.variables),
                )

    # --- values

    def _values(
        self,
        token: str,
        raw: str,
        arg: Arg,
        cmd: Command,
        evidence: str,
        *,
        revision=None,
        offset: int = 0,
    ) -> list[Hit]:
        value, default_of, why = shell_value(raw, self.variables)
        if value is None:
            return [Hit(token, None, evidence, why, offset)]
        out = []
        for part, _ in _split_value(value, arg.value or "plain", arg.keys, arg.role):
            ident = self._ident(part, arg.id or cmd.id, arg, cmd)
            if ident is not None:
                if revision and ident.revision is None:
                    ident = Identity(ident.id, ident.source, ident.provider, revision)
                out.append(
                    Hit(
                        token,
                        ident,
                        _by_default(evidence, default_of),
                        offset=offset,
                        via=_via(raw, self.variables),
                    )
                )
        return out

    def _ident(self, value: str, mode: str, arg: Arg, cmd: Command) -> Identity | None:
        if mode == "local-path":
            return weights_file(value, self.ctx)
        if mode == "hub-url":  # git clone https://huggingface.co/org/x: that model repository
            cloned = hub_repo_url(value)  # (a dataset, a Space, any other host: nothing)
            return Identity(cloned, HUGGINGFACE) if cloned is not None else None
        if mode == "mapped":  # the library's name map (yolo model=yolov8n.pt, whisper --model)
            ref = arg.name_map
            if not ref:
                return weights_file(value, self.ctx) if "/" in value else None
            got = mapped(ref if ":" in ref else f"{cmd.library}:{ref}", value, self.ctx)
            return with_metadata(got) if got is not None else None
        ident = model_value(value, self.ctx, ollama=mode == "ollama", bare=mode == "hub-bare")
        return ident if ident is not None else weights_file(value, self.ctx)

    def _json_words(self) -> Iterator[Hit]:
        """A word that is a JSON object (a request body: ``curl -d '{"model": "org/x"}'``)."""
        for j, tok in enumerate(self.tokens):
            if j in self.used or not tok.startswith("{") or not tok.endswith("}"):
                continue
            try:
                data = json.loads(tok)
            except ValueError:
                continue
            from .config import values_in_data  # not at the top: config reads command lines

            for value, ident, ev in values_in_data(data, self.ctx):
                yield Hit(value, ident, ev)


# flag roles whose value is worth reading (the others' values are read and dropped)
_TAKES = MODEL_ROLES | {"dataset", "hosted-model"}


def argv_hits(
    tokens: Sequence[str], ctx: Context, variables: dict[str, str] | None = None
) -> Iterator[Hit]:
    """Every model value one argument vector gives (see the module docstring)."""
    yield from _Reader(tokens, ctx, {} if variables is None else variables).hits()


def logical_lines(text: str) -> list[tuple[int, int, str]]:
    """(first line, last line, joined text) with backslash continuations joined."""
    out = []
    buf: list[str] = []
    first = 0
    for n, line in enumerate(text.splitlines(), 1):
        if not buf:
            first = n
        stripped = line.rstrip()
        if stripped.endswith("\\") and not stripped.endswith("\\\\"):
            buf.append(stripped[:-1])
            continue
        buf.append(line)
        out.append((first, n, " ".join(buf)))
        buf = []
    if buf:
        out.append((first, first + len(buf) - 1, " ".join(buf)))
    return out


def refs_from_argv(
    tokens: Sequence[str],
    ctx: Context,
    lines: list[str],
    first: int,
    last: int,
    variables: dict[str, str] | None = None,
    *,
    cell: int | None = None,
) -> Found:
    """References (and values known only at run time) in one argument vector written on file
    lines ``first..last``: shell words, a Dockerfile exec form, a compose or Kubernetes list, a
    Python ``subprocess`` argv."""
    refs: list[ModelRef] = []
    unresolvable: list[Unresolvable] = []
    seen: set[tuple] = set()
    places = getattr(variables, "places", {})
    # where each (word, model) was last placed: the same value given to a second flag of one
    # command (--model_name_or_path org/x ... --reward_model_path org/x) is its next occurrence
    placed: dict[tuple[str, str], tuple[int, int]] = {}
    for hit in argv_hits(tokens, ctx, variables):
        again = placed.get((hit.token, hit.ident.id)) if hit.ident is not None else None
        line, col = find_in_lines(lines, hit.token, first, last, again)
        if hit.ident is not None:
            placed[(hit.token, hit.ident.id)] = (line, col)
        if hit.offset and 0 < line <= len(lines) and hit.token in lines[line - 1]:
            col += hit.offset  # the token was found as written: point at its value
        if hit.ident is None:
            if hit.why:
                unresolvable.append(
                    Unresolvable(location_at(ctx, lines, line, col, cell=cell), hit.token, hit.why)
                )
            continue
        key = (hit.ident.id, hit.ident.source, line, col)
        if key in seen:
            continue
        seen.add(key)
        refs.extend(make_refs(hit.ident, ctx, lines, line, col, hit.evidence, cell=cell))
        place = places.pop(hit.via, None) if hit.via is not None else None
        if place is not None:
            # the assignment that bound the value, once: where a reader changes the model
            at_line, at_col, at_cell = place
            refs.extend(
                make_refs(
                    hit.ident,
                    ctx,
                    lines,
                    at_line,
                    at_col,
                    f"{hit.evidence} (by ${hit.via}, assigned here)",
                    cell=at_cell,
                )
            )
    return refs, unresolvable


def scan_command_text(
    text: str,
    ctx: Context,
    lines: list[str] | None = None,
    *,
    line_offset: int = 0,
    variables: dict[str, str] | None = None,
    cell: int | None = None,
    assignments: bool = True,
) -> Found:
    """References in shell-like text. ``lines`` are the file's lines (for positions and
    snippets); ``line_offset`` is added to the line numbers of ``text``."""
    lines = lines if lines is not None else text.splitlines()
    variables = Variables() if variables is None else variables
    refs: list[ModelRef] = []
    unresolvable: list[Unresolvable] = []
    for first, last, logical in logical_lines(text):
        r, u = scan_logical(
            logical,
            ctx,
            lines,
            first + line_offset,
            last + line_offset,
            variables,
            cell=cell,
            assignments=assignments,
        )
        refs.extend(r)
        unresolvable.extend(u)
    return refs, unresolvable


def assigned(
    key: str,
    raw: str,
    ctx: Context,
    *,
    what: str = "env",
    ollama: bool = False,
    within: str | None = None,
) -> tuple[Identity, str] | None:
    """(identity, evidence) for ``KEY=VALUE`` (an environment variable, a shell or Makefile
    variable, a ``.env`` line, a compose ``environment`` entry; with ``what="key"`` a
    configuration key): the value under a model-naming key, ``${OTHER:-default}`` defaults
    included (under ``KEY`` or ``OTHER``), or a value that says what it is wherever it is (a Hub
    file URL). ``within``: the section holding a configuration key (``whisper.model_size``),
    which may name the library the key configures."""
    value, names = expand_defaults(raw.strip().strip("'\""))
    if ("$" in value or "`" in value) and copied_id(value) is None and not downloaded_id(value):
        return None
    default_of = names[0] if names else None
    for name in [key, *names]:
        found = named_or_mapped(
            name, value, ctx, what=what, ollama=ollama, default_of=default_of, within=within
        )
        if found is not None:
            return found
    evident = self_evident(value)
    if evident is not None:
        return evident[0], _by_default(f"{evident[1]} ({key})", default_of)
    return None


def scan_logical(
    logical: str,
    ctx: Context,
    lines: list[str],
    first: int,
    last: int,
    variables: dict[str, str],
    *,
    cell: int | None = None,
    assignments: bool = True,
) -> Found:
    """One logical command line spanning file lines ``first..last``."""
    refs: list[ModelRef] = []
    unresolvable: list[Unresolvable] = []
    stripped = logical.strip()
    if not stripped or stripped.startswith("#"):
        return refs, unresolvable
    folder = _SCRIPT_DIR_ASSIGN.match(stripped)
    if folder and script_folder(folder.group(2)):
        variables[folder.group(1)] = "."  # paths under it are the script folder's
        return refs, unresolvable
    tokens = tokenize(stripped)
    # KEY=VALUE words: shell and .env assignments, environment prefixes, Dockerfile ENV/ARG,
    # Hydra-style overrides
    for n, tok in enumerate(tokens):
        m = _ASSIGN.match(tok)
        if not m or n and _known_flag(tokens[n - 1]):
            continue  # a known flag's value (--model_args pretrained=org/x) is the flag's
        key, value = m.group(1), m.group(2)
        known = expand_defaults(value)[0]  # MODEL="${MODEL:-org/x}": org/x unless overridden
        places = getattr(variables, "places", None)
        if places is not None:
            places.pop(key, None)
        bound = "$" not in known and "`" not in known
        if bound:
            variables[key] = known
        found = assigned(key, value, ctx) if assignments else None
        if found:
            line, col = find_in_lines(lines, value, first, last)
            refs.extend(make_refs(found[0], ctx, lines, line, col, found[1], cell=cell))
        elif places is not None and bound and known:
            places[key] = (*find_in_lines(lines, value, first, last), cell)
    r, u = refs_from_argv(tokens, ctx, lines, first, last, variables, cell=cell)
    # a KEY=VALUE word a known command reads (yolo model=...) is that command's reference
    seen = {(x.id, x.source, x.location.line) for x in r}
    refs = [x for x in refs if (x.id, x.source, x.location.line) not in seen] + r
    unresolvable.extend(u)
    return refs, unresolvable


# hf download org/name --local-dir DIR (huggingface-cli too), in a command or a comment
_LOCAL_DIR = re.compile(
    r"(?:huggingface-cli|\bhf)\s+download\s+([A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*)\b[^\n#]*?"
    r"--local-dir(?:=|\s+)(\"[^\"\n]+\"|'[^'\n]+'|[^\s;&|]+)"
)


def download_dirs(text: str) -> dict[str, str]:
    """The folders a script's download commands put Hub models in, folder -> id, from its
    commands and from comments that tell the reader to run one (``# huggingface-cli download
    org/x --local-dir $HOME/models/x``): what a path to that folder elsewhere in the script
    loads. A folder two ids are downloaded into names neither."""
    if "--local-dir" not in text:
        return {}
    found: dict[str, set[str]] = {}
    for m in _LOCAL_DIR.finditer(text):
        hid = hub_id(m.group(1))
        if hid is not None:
            found.setdefault(m.group(2).strip("'\""), set()).add(hid)
    return {d: next(iter(ids)) for d, ids in found.items() if len(ids) == 1}


# NAME=( at the start of a line (also declared: declare -a NAME=(, local NAME=(, readonly)
_ARRAY_OPEN = re.compile(
    r"^[ \t]*(?:(?:export|local|readonly|declare|typeset)(?:[ \t]+-[A-Za-z]+)*[ \t]+)?"
    r"([A-Za-z_][A-Za-z0-9_]*)=\(",
    re.M,
)
_ARRAY_ITEMS = 256  # a hand-written list of models is short; more is data
_ARRAY_LINES = 400


def array_items(text: str) -> Iterator[tuple[str, str, int]]:
    """(array name, item, 1-based line) for every item of a bash array assignment written over
    one or more lines (``SFT_MODELS=(`` ... ``)``), comments dropped; an unclosed array or one
    longer than a hand-written list yields nothing past its bounds."""
    lines = text.splitlines()
    n, at = 1, 0
    read = 0  # the last line an array before took (bash reads on to its closing parenthesis)
    for m in _ARRAY_OPEN.finditer(text):
        name = m.group(1)
        n, at = n + text.count("\n", at, m.start()), m.start()  # the line the array opens on
        if n <= read:
            continue  # inside the array before: every line is read once
        end = text.find("\n", m.end())
        rest = text[m.end() : end if end >= 0 else len(text)]
        count = 0
        for k in range(n, min(len(lines), n + _ARRAY_LINES) + 1):
            read = k
            body = rest if k == n else lines[k - 1]
            try:
                lexer = shlex.shlex(body, posix=True)
                lexer.whitespace_split = True
                lexer.commenters = "#"
                words = list(lexer)
            except ValueError:
                break  # an unbalanced quote: not a list this reader can follow
            closed = False
            for word in words:
                if word == ")" or word.endswith(")") and not word.startswith("("):
                    word, closed = word[:-1], True
                if word and count < _ARRAY_ITEMS:
                    count += 1
                    yield name, word, k
                if closed:
                    break
            if closed:
                break


def _array_refs(text: str, ctx: Context) -> list[ModelRef]:
    """The items of a bash array whose name says models (``SFT_MODELS=( org/a org/b )``) are
    its models, each where it is written; an item packing fields with ``|``
    (``"display-name|org/x"``, split later with ``${ENTRY##*|}``) gives each field that reads
    as a model."""
    if "=(" not in text:
        return []
    lines = text.splitlines()
    refs: list[ModelRef] = []
    k = knowledge()
    for name, item, n in array_items(text):
        nc = k.name_context(name)
        if nc is None or not nc.names_model:
            continue
        for part in item.split("|") if item.count("|") < 4 else ():
            part = part.strip()
            if not part or "$" in part:
                continue
            found = assigned(name, part, ctx, what="variable")
            if found is None:
                continue
            line, col = find_in_lines(lines, part, n, n)
            refs.extend(make_refs(found[0], ctx, lines, line, col, f"{found[1]} (array item)"))
    return refs


def scan_shell(text: str, ctx: Context) -> Found:
    with downloaded_dirs(download_dirs(text)):
        refs, unresolvable = scan_command_text(text, ctx)
        arrays = _array_refs(text, ctx)
    if arrays:
        seen = {(r.id, r.source, r.location.line) for r in refs}
        refs = refs + [r for r in arrays if (r.id, r.source, r.location.line) not in seen]
    switch = modelscope_switch(text)
    if switch is not None:
        refs = [on_modelscope_by(ref, switch) for ref in refs]
    return refs, unresolvable


def modelscope_switch(text: str) -> str | None:
    """The environment variable the script sets to true (``export VERL_USE_MODELSCOPE=True``,
    ``VLLM_USE_MODELSCOPE=1 vllm serve ...``) that makes its library download model ids from
    ModelScope (the vocabulary's ``modelscope_switches``), else None."""
    switches = knowledge().modelscope_switches
    if not switches or not any(s in text for s in switches):
        return None
    for line in text.splitlines():
        code = line.split("#", 1)[0]
        for m in _SWITCH.finditer(code):
            if m.group(1) in switches:
                return m.group(1)
    return None


_SWITCH = re.compile(
    r"(?:^|[\s;&|])(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=([\"']?)(?i:true|1|yes|on)\2(?=[\s;&|]|$)"
)


def on_modelscope_by(ref: ModelRef, switch: str) -> ModelRef:
    """A Hub id the script names, downloaded from ModelScope under ``switch``: that ModelScope
    model; a Hub URL, an ``hf://`` URI and a local copy stay what they say they are."""
    snippet = ref.location.snippet or ""
    if (
        ref.source != HUGGINGFACE
        or LOCAL_COPY_NOTE in ref.evidence
        or any(u in snippet for u in ("huggingface.co/", "hf.co/", "hf://"))
    ):
        return ref
    note = f" ({switch}=true: downloaded from ModelScope)"
    return dataclasses.replace(ref, source=MODELSCOPE, evidence=ref.evidence + note)


_DOCKER_INSTR = re.compile(r"^\s*(RUN|CMD|ENTRYPOINT|ENV|ARG)\s+(.*)$", re.I)


def scan_dockerfile(text: str, ctx: Context) -> Found:
    """Dockerfile: RUN/CMD/ENTRYPOINT command lines and ENV/ARG model keys; ``FROM`` names a
    container image, never a model."""
    lines = text.splitlines()
    refs: list[ModelRef] = []
    unresolvable: list[Unresolvable] = []
    variables = Variables()
    for first, last, logical in logical_lines(text):
        m = _DOCKER_INSTR.match(logical)
        if not m:
            continue
        instr, body = m.group(1).upper(), m.group(2).strip()
        if instr in ("CMD", "ENTRYPOINT", "RUN") and body.startswith("["):
            try:
                argv = json.loads(body)
            except ValueError:
                argv = None
            if isinstance(argv, list) and all(isinstance(a, str) for a in argv):
                r, u = refs_from_argv(argv, ctx, lines, first, last, variables)
                refs.extend(r)
                unresolvable.extend(u)
                continue
        if instr in ("ENV", "ARG") and "=" not in body.split()[0] and len(body.split()) >= 2:
            key, value = body.split(None, 1)
            body = f"{key}={value}"
        r, u = scan_logical(body, ctx, lines, first, last, variables)
        refs.extend(r)
        unresolvable.extend(u)
    return refs, unresolvable


def scan_makefile(text: str, ctx: Context) -> Found:
    """Makefile recipes are shell lines; ``VAR = value``, ``VAR := value`` and ``VAR ?= value``
    are assignments, ``$(VAR)`` a variable."""
    normalized = re.sub(r"(?m)^([A-Za-z_][A-Za-z0-9_]*)\s*[:?+]?=\s*", r"\1=", text)
    normalized = re.sub(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", r"${\1}", normalized)
    return scan_command_text(normalized, ctx, text.splitlines())


SHELL = FunctionScanner("shell", TRIGGER, scan_shell)
DOCKERFILE = FunctionScanner("dockerfile", TRIGGER, scan_dockerfile)
MAKEFILE = FunctionScanner("makefile", TRIGGER, scan_makefile)
