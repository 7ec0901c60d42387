"""One virtual environment for the whole session, with Masthead installed from its wheel.

Building the wheel and installing it costs seconds, so the wheel, third-party and scaffold tests
share it: each installs its own plugin package on top, as an operator would. The wheel is built
from a copy of the sources, so no `build/` folder is left in the checkout to leak stale files
into a later wheel.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from foundation.layout import package_folders
from foundation.venvs import Venv, copy_tree, pip, run
from support import ROOT

PACKAGE_FOLDERS = tuple(package_folders().values())


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Masthead's wheel, built from a copy of the files a build reads."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for item in ROOT.iterdir():
        if item.is_file() and not item.name.startswith("."):
            shutil.copy2(item, source / item.name)
    for folder in PACKAGE_FOLDERS:
        copy_tree(ROOT / folder, source / folder)
    pip("wheel", "-q", "--no-deps", "-w", work / "dist", source, cwd=work)
    (built,) = (work / "dist").glob("masthead-*.whl")
    return built


@pytest.fixture(scope="session")
def venv(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Venv:
    """A fresh venv with Masthead installed from the wheel, and a work folder beside it."""
    base = tmp_path_factory.mktemp("venv")
    env = Venv(base / "venv", base / "work")
    env.workdir.mkdir()
    run(sys.executable, "-m", "venv", "--without-pip", env.path, cwd=base)
    env.pip_install(wheel)
    return env
