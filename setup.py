"""Build hook: the wheel carries the top-level ``web/`` folder (templates and static files) as ``tms/_web``.

``web/`` stays at the top of the repository, beside ``tms/``; an editable install and a source checkout use
it where it is (see ``tms.web.WEB_DIR``). Everything else is declared in ``pyproject.toml``.
"""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

WEB = Path(__file__).resolve().parent / "web"


class BuildWithWeb(build_py):
    """``build_py`` that also copies ``web/`` into the built package as ``tms/_web``."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "tms" / "_web"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(WEB, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))


setup(cmdclass={"build_py": BuildWithWeb})
