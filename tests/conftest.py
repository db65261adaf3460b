"""The network guard for the whole suite: this process and every Python process it starts may connect
to loopback only (tests/network_guard). Hypothesis runs without its per-example deadline: a busy machine
makes examples slow, and speed goals live in the benchmarks, not in tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

import network_guard

GUARD_DIR = Path(__file__).resolve().parent / "network_guard"

settings.register_profile("strike-map", deadline=None)
settings.load_profile("strike-map")
network_guard.install()
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(GUARD_DIR), os.environ.get("PYTHONPATH")]))


@pytest.fixture(autouse=True)
def no_network_attempts():
    """Fails the test if anything it ran tried to reach another host, even if the error was caught."""
    before = len(network_guard.attempts)
    yield
    tried = network_guard.attempts[before:]
    assert not tried, f"the test tried to use the network: {tried}"
