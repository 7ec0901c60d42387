"""Masthead built as a wheel and installed into a clean venv works from outside the checkout."""

from __future__ import annotations

import json
import tomllib
import zipfile
from fnmatch import fnmatch
from pathlib import Path

import pytest

from foundation.layout import package_folders
from support import ROOT, SEED_HTML

pytestmark = pytest.mark.slow

# The layout: import names mapped onto the top-level folders (setup.py's FOLDERS).
PACKAGE_FOLDERS = {folder: name.replace(".", "/") for name, folder in package_folders().items()}
FOLDERS = tuple(f for f in PACKAGE_FOLDERS if f != "package")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))

BUILT_INS = sorted(p.name for p in (ROOT / "plugins").iterdir() if (p / "__init__.py").is_file())


def shipped_sources() -> list[str]:
    """Where each source file that belongs in the wheel should land in it."""
    globs = ["*.py", *PYPROJECT["tool"]["setuptools"]["package-data"]["*"]]
    expected = []
    for folder, inside in PACKAGE_FOLDERS.items():
        for path in (ROOT / folder).rglob("*"):
            if "__pycache__" in path.parts or not path.is_file():
                continue
            if any(fnmatch(path.name, glob) for glob in globs):
                relative = path.relative_to(ROOT / folder).as_posix()
                expected.append(f"{inside}/{relative}")
    return sorted(expected)


def test_wheel_holds_every_module_and_data_file(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in shipped_sources() if name not in names]
    assert not missing, f"not in the wheel (a data folder without __init__.py?): {missing}"
    assert not [n for n in names if n.startswith(("tests/", "masthead/tests", "examples/"))]


def test_imports_come_from_the_venv_not_the_checkout(venv):
    modules = [f"masthead.{folder}" for folder in FOLDERS if folder != "plugins"]
    modules += [f"masthead.plugins.{p}" for p in BUILT_INS]
    script = (
        "import importlib, json, sys\n"
        f"print(json.dumps([importlib.import_module(m).__file__ for m in {modules!r}]))"
    )
    files = json.loads(venv.run("python", "-c", script).stdout)
    assert len(files) == len(modules)
    for file in files:
        assert Path(file).is_relative_to(venv.path), file


def test_built_in_plugins_load_through_their_entry_points(venv):
    listing = json.loads(venv.run("masthead", "plugins", "--json").stdout)["plugins"]
    by_name = {p["name"]: p for p in listing}
    for name in BUILT_INS:
        assert by_name[name]["status"] == "loaded", by_name.get(name)
        assert by_name[name]["error"] is None


def test_analyze_reads_the_seed_page(venv):
    document = json.loads(venv.run("masthead", "analyze", SEED_HTML, "--json").stdout)
    page = document["page"]
    assert page["domain"] == "21stcenturywire.com"
    assert page["canonical"].startswith("https://21stcenturywire.com/")
    assert page["site_name"] == "21st Century Wire"
    assert page["publisher"] == "21st Century Wire"
    statuses = {run["name"]: run["status"] for run in document["plugins"]}
    assert {name: statuses.get(name) for name in BUILT_INS} == dict.fromkeys(BUILT_INS, "ok")


def test_cli_runs_as_an_installed_command(venv):
    version = PYPROJECT["project"]["version"]
    assert venv.run("masthead", "--version").stdout.strip() == f"masthead, version {version}"
    # and as a module, where the script is not on PATH; the usage line names `masthead`
    assert venv.run("python", "-m", "masthead", "--version").stdout.strip() == (
        f"masthead, version {version}"
    )
    assert venv.run("python", "-m", "masthead", "--help").stdout.startswith("Usage: masthead ")
