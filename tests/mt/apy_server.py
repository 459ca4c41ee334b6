"""Debian's Apertium, for tests: the installed pairs, and an APy server started on 127.0.0.1.

The server is the real ``apertium-apy`` (Debian package ``apertium-apy``) serving the pairs installed
under ``/usr/share/apertium``; tests that need Apertium skip where the Debian packages are missing.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

DATA_DIR = Path("/usr/share/apertium")
PAIRS = ("eng-spa", "es-fr")      # modes of apertium-eng-spa and apertium-fr-es


def require_apertium() -> None:
    """Skip unless the apertium command and the English-Spanish and French-Spanish pairs are installed."""
    if shutil.which("apertium") is None:
        pytest.skip("the Debian package apertium is not installed (scripts/bootstrap.sh installs it)")
    for mode in PAIRS:
        if not (DATA_DIR / "modes" / f"{mode}.mode").is_file():
            pytest.skip(f"the Apertium mode {mode} is not installed (scripts/bootstrap.sh installs it)")


def free_port() -> int:
    """A TCP port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class ApyServer:
    """A running APy server."""

    url: str
    process: subprocess.Popen


def start_apy(data_dir: Path = DATA_DIR, timeout: float = 30.0) -> ApyServer:
    """Start ``apertium-apy`` on a free port and wait until it lists its pairs."""
    port = free_port()
    process = subprocess.Popen(["apertium-apy", "-p", str(port), str(data_dir / "modes")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"apertium-apy exited with {process.returncode}")
        try:
            if requests.get(url + "/listPairs", timeout=1).status_code == 200:
                return ApyServer(url, process)
        except requests.RequestException:
            pass
        time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"apertium-apy did not answer on {url} within {timeout:g} s")


def stop_apy(server: ApyServer) -> None:
    """Stop the server and its pipelines."""
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture(scope="module")
def apy_server():
    """A real APy server on 127.0.0.1 for the tests of one module."""
    require_apertium()
    if shutil.which("apertium-apy") is None:
        pytest.skip("the Debian package apertium-apy is not installed (scripts/bootstrap.sh --browser installs it)")
    server = start_apy()
    yield server
    stop_apy(server)
