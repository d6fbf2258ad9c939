"""``lazyre.compile`` answers as ``re.compile`` and compiles only when first used."""

from __future__ import annotations

import re
import subprocess
import sys

from licaudit import lazyre


def test_answers_as_re_compile():
    eager = re.compile(r"(?P<org>[a-z]+)/(?P<name>\w+)", re.IGNORECASE)
    lazy = lazyre.compile(r"(?P<org>[a-z]+)/(?P<name>\w+)", re.IGNORECASE)
    text = "see Org/Name and x/y_2, not /z"
    assert lazy.search(text).groupdict() == eager.search(text).groupdict()
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert lazy.sub(r"\g<name>", text) == eager.sub(r"\g<name>", text)
    assert lazy.findall(text) == eager.findall(text)
    assert lazy.fullmatch("a/b") and not lazy.fullmatch("a/b c")
    assert lazy.match(" a/b") is None
    assert (lazy.pattern, lazy.flags, lazy.groups, lazy.groupindex) == (
        eager.pattern,
        eager.flags,
        eager.groups,
        eager.groupindex,
    )
    assert lazy.compiled() is lazy.compiled()
    assert isinstance(lazy.compiled(), re.Pattern)
    bound = lazy.match  # a bound method kept from before is the compiled pattern's own
    assert bound("a/b").group(0) == "a/b"


def test_compiled_on_first_use_only():
    # a fresh interpreter: importing discovery compiles none of the id patterns; using one
    # compiles that one
    probe = (
        "from licaudit.discover import ids\n"
        "state = lambda: '_compiled' in ids._HF_ID.__dict__\n"
        "before = state()\n"
        "ids.hub_id('org/name')\n"
        "print(before, state(), '_compiled' in ids._HF_REPO_URL.__dict__)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "True", "False"]


def test_a_bad_pattern_fails_where_it_is_used():
    bad = lazyre.compile("(")
    try:
        bad.match("x")
    except re.error:
        pass
    else:
        raise AssertionError("an invalid pattern must raise re.error when used")
