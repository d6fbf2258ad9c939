"""Settings from the environment: one parser for every knob, and a malformed value never stops
an audit."""

from __future__ import annotations

import pytest

from licaudit.env import env_flag, env_float
from licaudit.resolve.cache import DEFAULT_TTL, default_ttl
from licaudit.resolve.hub import HubClient, offline_from_env


@pytest.mark.parametrize(
    "raw, expected",
    [
        (None, 7.0),
        ("", 7.0),
        ("  ", 7.0),
        ("2.5", 2.5),
        (" 3 ", 3.0),
        ("-4", 0.0),  # clamped to the minimum
        ("abc", 7.0),
        ("nan", 7.0),
        ("inf", 7.0),
        ("1e400", 7.0),  # overflows to infinity
    ],
)
def test_env_float(monkeypatch, raw, expected):
    if raw is None:
        monkeypatch.delenv("LICAUDIT_TEST_KNOB", raising=False)
    else:
        monkeypatch.setenv("LICAUDIT_TEST_KNOB", raw)
    assert env_float("LICAUDIT_TEST_KNOB", 7.0) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [("1", True), ("TRUE", True), (" yes ", True), ("On", True), ("0", False), ("", False)],
)
def test_env_flag(monkeypatch, raw, expected):
    monkeypatch.setenv("HF_HUB_OFFLINE", raw)
    assert env_flag("HF_HUB_OFFLINE") is expected
    assert offline_from_env() is expected


def test_the_hub_and_cache_knobs_use_it(monkeypatch):
    monkeypatch.setenv("LICAUDIT_HUB_TIMEOUT", "0.25")
    monkeypatch.setenv("LICAUDIT_HUB_RETRIES", "inf")  # was an internal error (int(inf))
    monkeypatch.setenv("LICAUDIT_HUB_BACKOFF", "-1")
    monkeypatch.setenv("LICAUDIT_HUB_MAX_WAIT", "x")
    client = HubClient(cache=None)
    assert (client.timeout, client.retries, client.backoff, client.max_wait) == (0.25, 2, 0.0, 10.0)
    monkeypatch.setenv("LICAUDIT_CACHE_TTL", "junk")
    assert default_ttl() == DEFAULT_TTL
    monkeypatch.setenv("LICAUDIT_CACHE_TTL", "60")
    assert default_ttl() == 60.0
