"""The guard itself: loopback works, anything else fails, in this process and in child processes."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

import network_guard


def test_loopback_is_allowed():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        with socket.create_connection(("localhost", server.getsockname()[1]), timeout=5):
            pass


def test_other_hosts_are_blocked_and_remembered():
    before = len(network_guard.attempts)
    with socket.socket() as sock, pytest.raises(network_guard.NetworkBlocked):
        sock.connect(("93.184.216.34", 80))
    with pytest.raises(network_guard.NetworkBlocked):
        socket.getaddrinfo("pypi.org", 443)
    assert network_guard.attempts[before:] == ["connect to 93.184.216.34", "resolve pypi.org"]
    del network_guard.attempts[before:]  # expected here; any other test that tries fails


def test_python_processes_started_by_the_tests_are_guarded_too():
    code = "import socket\ntry:\n    socket.getaddrinfo('pypi.org', 443)\nexcept OSError as e:\n    print(type(e).__name__)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "NetworkBlocked"
