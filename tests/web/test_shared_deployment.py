"""Two app machines on one shared project folder (two bind mounts of it), one PostgreSQL, one Redis, two
workers: ``benchmarks/shared_fs.py`` with fewer clients. Needs root (bind mounts in a private mount
namespace), PostgreSQL and redis-server, as ``scripts/bootstrap.sh --browser`` installs them."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.storage.conftest import postgres_bindir

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "shared_fs.py"


def test_two_instances_on_two_paths_lose_no_save_and_show_the_same(tmp_path):
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("bind mounts need root and unshare")
    if postgres_bindir() is None or shutil.which("redis-server") is None:
        pytest.fail("PostgreSQL and redis-server are needed: run scripts/bootstrap.sh --browser")
    done = subprocess.run([sys.executable, str(SCRIPT), "--clients", "8", "--saves", "10"], capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert "errors 0; lost 0; history 96 for 96 saves" in done.stdout
    assert "prefill job queued on instance A: done" in done.stdout
    assert "same /api/status on both: True; same dashboard on both: True" in done.stdout
