"""Every hook is documented, and every example in docs/plugins.md runs as it stands.

Each ```python block in the guide starts with `# file: NAME.py`; they are written out as files and
the `test_*.py` ones run under pytest, with the `masthead_plugin` fixture, as a plugin author would
run them. An example that no longer works fails here.
"""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from masthead.sdk import hookspecs
from support import ROOT

GUIDE = ROOT / "docs" / "plugins.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```\s*$", re.M | re.S)
FILE_HEADER = re.compile(r"\A# file: ([a-z_][a-z0-9_]*\.py)\n")
HOOKS = sorted(
    name
    for name, value in vars(hookspecs).items()
    if callable(value) and hasattr(value, f"{hookspecs.PROJECT}_spec")
)


def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def blocks(text: str, language: str) -> list[str]:
    return [code for lang, code in FENCE.findall(text) if lang == language]


def section(text: str, heading: str) -> str:
    """The text under `### heading`, up to the next heading outside a code block."""
    lines, inside, fenced = [], False, False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("#"):
            if inside:
                break
            inside = line.startswith("### ") and line[4:].strip(" `").startswith(heading)
            continue
        if inside:
            lines.append(line)
    assert lines, f"docs/plugins.md has no '### {heading}' section"
    return "\n".join(lines) + "\n"


def files(text: str) -> dict[str, str]:
    named: dict[str, str] = {}
    for code in blocks(text, "python"):
        header = FILE_HEADER.match(code)
        assert header, f"a python block does not start with '# file: NAME.py':\n{code[:200]}"
        assert header.group(1) not in named, f"two blocks are both {header.group(1)}"
        named[header.group(1)] = code
    return named


def test_hooks_are_found():
    assert {"masthead_detect", "masthead_annotate", "masthead_outlets"} <= set(HOOKS)


@pytest.mark.parametrize("name", HOOKS)
def test_hook_has_a_docstring(name):
    doc = inspect.getdoc(getattr(hookspecs, name)) or ""
    assert len(doc.splitlines()[0] if doc else "") >= 20, f"{name} needs a docstring"


@pytest.mark.parametrize("name", HOOKS)
def test_hook_has_a_section_with_its_summary_and_a_runnable_example(name):
    text = section(guide(), name)
    summary = inspect.getdoc(getattr(hookspecs, name)).splitlines()[0]
    assert summary in " ".join(text.split()), f"the {name} section should quote: {summary}"
    code = blocks(text, "python")
    implements = re.compile(rf"^( *)@hookimpl.*\n\1def {name}\(", re.M)  # a function or a method
    assert any(implements.search(c) for c in code), f"no example implements {name}"
    tests = [c for c in code if FILE_HEADER.match(c).group(1).startswith("test_")]
    assert any("analyze(" in t for t in tests), f"no test runs the {name} example"


def test_every_example_module_is_exercised_by_a_test():
    named = files(guide())
    tests = "\n".join(code for name, code in named.items() if name.startswith("test_"))
    for name in named:
        module = name.removesuffix(".py")
        if not name.startswith("test_"):
            assert re.search(rf"^(import {module}|from {module} import)", tests, re.M), name


def test_toml_examples_parse():
    for code in blocks(guide(), "toml"):
        tomllib.loads(code)


def test_examples_run(tmp_path: Path):
    named = files(guide())
    for name, code in named.items():
        (tmp_path / name).write_text(code, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    report = tmp_path / "report.xml"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={report}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    ran = {case.get("classname") for case in ET.parse(report).iter("testcase")}
    test_files = {name.removesuffix(".py") for name in named if name.startswith("test_")}
    assert ran == test_files, "every test_*.py example must hold tests, and all of them ran"
