"""Virtual environments for the tests that install packages.

Driven the way a user's shell would: a clean environment, commands run from outside the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a fresh shell: nothing from this test run's Python leaks in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(PYTHONDONTWRITEBYTECODE="1", PIP_DISABLE_PIP_VERSION_CHECK="1", **extra)
    return env


def run(*args: object, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check and result.returncode != 0:
        pytest.fail(f"{' '.join(map(str, args))} failed:\n{result.stdout}\n{result.stderr}")
    return result


@dataclass
class Venv:
    """A virtual environment outside the checkout, driven the way a user's shell would."""

    path: Path
    workdir: Path

    def bin(self, name: str) -> Path:
        return self.path / "bin" / name

    def run(self, name: str, *args: object, cwd: Path | None = None, check: bool = True):
        return run(self.bin(name), *args, cwd=cwd or self.workdir, check=check)

    def pip_install(self, *requirements: object) -> None:
        """Install with this test run's pip; dependencies come from pip's cache."""
        pip("--python", self.bin("python"), "install", "-q", *requirements, cwd=self.workdir)


def pip(*args: object, cwd: Path) -> subprocess.CompletedProcess:
    """This test run's pip, which can install into other environments (`--python`)."""
    return run(sys.executable, "-m", "pip", *args, cwd=cwd)


def copy_tree(source: Path, target: Path) -> Path:
    """A copy without caches and build leftovers, to build or install from."""
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "build", "dist", ".*cache")
    shutil.copytree(source, target, ignore=ignore)
    return target
