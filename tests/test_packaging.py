"""The wheel built from the repository carries the web UI's templates and static files, and the package
installed from it (not editable) serves the UI."""
from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "tms", "web")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel of a copy of the repository, built offline with the test environment's setuptools."""
    tree, out = tmp_path_factory.mktemp("tree"), tmp_path_factory.mktemp("wheel")
    for name in SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, tree / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, tree / name)
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                           "-w", str(out), str(tree)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    (found,) = out.glob("tms-*.whl")
    return found


def test_the_wheel_carries_templates_static_files_and_migrations(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in (REPO / "web").rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            assert f"tms/_web/{path.relative_to(REPO / 'web').as_posix()}" in names, path
    assert "tms/storage/migrations/script.py.mako" in names
    versions = {p.name for p in (REPO / "tms/storage/migrations/versions").glob("*.py")}
    assert {n.rsplit("/", 1)[1] for n in names if "/migrations/versions/" in n} >= versions
    assert not any(n.startswith(("web/", "tests/")) for n in names)


_SERVE = """
import sys
from pathlib import Path
import tms
from tms.web import WEB_DIR, create_app

installed = Path(sys.argv[1]).resolve()
assert Path(tms.__file__).resolve().is_relative_to(installed), tms.__file__
assert WEB_DIR.is_relative_to(installed), WEB_DIR
client = create_app({"SECRET_KEY": "x"}, project_root=sys.argv[2]).test_client()
page = client.get("/login")
assert page.status_code == 200 and b"Sign in" in page.data, page.status_code
css = client.get("/static/tms.css")
assert css.status_code == 200 and css.data, css.status_code
print("served", len(page.data), len(css.data))
"""


def test_the_installed_wheel_serves_the_ui(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             capture_output=True, text=True, check=True).stdout.strip()
    # The dependencies come from the test environment's own site-packages (no network); its .pth files,
    # the editable install of tms among them, are not run from a folder named in a .pth file.
    Path(purelib, "test-dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                           "--no-index", "-q", str(wheel)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (Path(purelib) / "tms" / "_web" / "templates" / "base.html").is_file()
    project = tmp_path / "project"
    project.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "TMS_ROOT", "TMS_DATABASE_URL")}
    served = subprocess.run([str(python), "-c", _SERVE, purelib, str(project)], capture_output=True, text=True,
                            cwd=tmp_path, env=env, timeout=120)
    assert served.returncode == 0, served.stdout + served.stderr
    assert served.stdout.startswith("served ")
