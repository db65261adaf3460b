"""Blocks every network connection except to loopback, in this process and in the Python processes the
tests start (the Streamlit server, the CLI): the product must work on a closed network.

A blocked attempt raises NetworkBlocked and is remembered in `attempts`, so a test fails even when the code
under test swallows the error."""

from __future__ import annotations

import ipaddress
import socket

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", ""})
attempts: list[str] = []


class NetworkBlocked(OSError):
    """A connection to a host other than this machine."""


def _is_loopback(host: object) -> bool:
    if not isinstance(host, str):
        return False
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _check(host: object, what: str) -> None:
    if not _is_loopback(host):
        attempts.append(f"{what} {host}")
        raise NetworkBlocked(f"network access blocked by the test guard: {what} {host}")


def install() -> None:
    """Patch the socket module's connect, connect_ex, sendto and getaddrinfo; Unix sockets stay allowed."""
    original_connect, original_connect_ex = socket.socket.connect, socket.socket.connect_ex
    original_sendto, original_getaddrinfo = socket.socket.sendto, socket.getaddrinfo

    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _check(address[0], "connect to")
        return original_connect(self, address)

    def connect_ex(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _check(address[0], "connect to")
        return original_connect_ex(self, address)

    def sendto(self, data, *args):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _check(args[-1][0], "send to")
        return original_sendto(self, data, *args)

    def getaddrinfo(host, *args, **kwargs):
        _check(host.decode() if isinstance(host, bytes) else host if host is not None else "", "resolve")
        return original_getaddrinfo(host, *args, **kwargs)

    socket.socket.connect, socket.socket.connect_ex = connect, connect_ex
    socket.socket.sendto, socket.getaddrinfo = sendto, getaddrinfo
