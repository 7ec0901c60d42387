"""`masthead new-plugin` makes a package that installs, is found by Masthead, and passes its tests.

The command runs from the wheel-installed Masthead, so this also proves the templates ship.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from foundation.venvs import run
from masthead.server.cli import main

NAME = "demo-plugin"


@pytest.fixture(scope="module")
def scaffolded(venv) -> Path:
    folder = venv.workdir / "scaffold"
    folder.mkdir()
    result = venv.run("masthead", "new-plugin", NAME, cwd=folder)
    assert "pip install -e '.[test]'" in result.stdout and "test.yml" in result.stdout
    return folder / NAME


def test_creates_an_installable_package(scaffolded: Path):
    files = sorted(
        p.relative_to(scaffolded).as_posix() for p in scaffolded.rglob("*.*") if p.is_file()
    )
    assert files == [
        ".github/workflows/test.yml",
        ".gitignore",
        "README.md",
        "demo_plugin/__init__.py",
        "pyproject.toml",
        "tests/test_demo_plugin.py",
    ]
    pyproject = (scaffolded / "pyproject.toml").read_text()
    assert '[project.entry-points.masthead]\ndemo-plugin = "demo_plugin"' in pyproject
    assert "masthead_plugin" in (scaffolded / "tests" / "test_demo_plugin.py").read_text()


def test_the_ci_workflow_runs_the_readmes_install_and_test_commands(scaffolded: Path):
    import yaml

    workflow = yaml.safe_load((scaffolded / ".github" / "workflows" / "test.yml").read_text())
    (job,) = workflow["jobs"].values()
    commands = [step["run"] for step in job["steps"] if "run" in step]
    assert commands == ["python -m pip install -e '.[test]'", "python -m pytest"]
    assert job["strategy"]["matrix"]["python"][0] == "3.11"  # the package's requires-python
    readme = (scaffolded / "README.md").read_text()
    assert all(command in readme for command in commands)
    assert set(workflow[True]) == {"push", "pull_request"}  # YAML 1.1 reads `on` as True


@pytest.mark.slow
def test_generated_code_is_lint_clean(scaffolded: Path):
    for command in (["check"], ["format", "--check"]):
        run(sys.executable, "-m", "ruff", *command, "--no-cache", ".", cwd=scaffolded)


@pytest.mark.slow
def test_installed_plugin_passes_its_generated_tests(venv, scaffolded: Path):
    venv.pip_install("-e", f"{scaffolded}[test]")
    listing = json.loads(venv.run("masthead", "plugins", "--json").stdout)["plugins"]
    assert {"name": NAME, "status": "loaded"}.items() <= next(
        p for p in listing if p["name"] == NAME
    ).items()
    result = venv.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=scaffolded)
    assert "6 passed" in result.stdout, result.stdout


def test_never_writes_over_an_existing_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "fresh-plugin").mkdir()
    (tmp_path / "fresh-plugin" / "README.md").write_text("my own notes")
    result = CliRunner().invoke(main, ["new-plugin", "fresh-plugin"])
    assert result.exit_code == 1
    assert "already exists; not overwriting" in result.output
    assert [p.name for p in tmp_path.rglob("*")] == ["fresh-plugin", "README.md"]
    assert (tmp_path / "fresh-plugin" / "README.md").read_text() == "my own notes"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("Demo", "lower-case letters"),
        ("demo_plugin", "lower-case letters"),
        ("1demo", "starting with a letter"),
        ("demo--plugin", "single hyphens"),
        ("-demo", "lower-case letters"),
        ("demo-", "lower-case letters"),
        ("d" * 61, "at most 60"),
        ("../demo", "lower-case letters"),
        ("json", "would hide Python's own"),
        ("class", "would hide Python's own"),
        ("masthead", "would hide Masthead itself"),
        ("click", "already installed"),
        ("promo", "already has a plugin named 'promo'"),
        ("masthead-promo", "already has a plugin named 'promo'"),
    ],
)
def test_refuses_names_that_cannot_work(tmp_path, monkeypatch, name, reason):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["new-plugin", "--", name])
    assert result.exit_code == 2
    assert reason in result.output
    assert not list(tmp_path.iterdir())


def test_refuses_a_missing_parent_folder(tmp_path):
    result = CliRunner().invoke(main, ["new-plugin", NAME, "--directory", tmp_path / "nope"])
    assert result.exit_code == 1
    assert "does not exist" in result.output
