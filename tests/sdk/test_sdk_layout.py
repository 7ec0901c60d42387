"""The SDK's modules import one another in one direction, and never the server at import time."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SDK = Path(__file__).resolve().parents[2] / "sdk"


def _sdk_imports(path: Path) -> set[str]:
    """The sibling SDK modules a module imports, TYPE_CHECKING blocks and function bodies too."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and node.module:
                found.add(node.module.split(".")[0])
            elif node.level == 1:
                found.update(alias.name for alias in node.names)
            elif (node.module or "").startswith("masthead.sdk."):
                found.add(node.module.split(".")[2])
    return found - {path.stem}


def test_sdk_modules_form_no_import_cycle():
    graph = {p.stem: _sdk_imports(p) for p in SDK.glob("*.py") if p.stem != "__init__"}
    graph = {name: deps & graph.keys() for name, deps in graph.items()}
    visiting: list[str] = []
    done: set[str] = set()

    def visit(name: str) -> None:
        if name in done:
            return
        assert name not in visiting, f"import cycle: {' -> '.join([*visiting, name])}"
        visiting.append(name)
        for dep in sorted(graph[name]):
            visit(dep)
        visiting.pop()
        done.add(name)

    for name in sorted(graph):
        visit(name)
    assert "page" not in graph["article"]  # the cycle this test was written for


def test_importing_the_sdk_and_its_harness_loads_no_server_module():
    code = (
        "import sys, masthead.sdk, masthead.sdk.testing, masthead.sdk.pytest_plugin\n"
        "print(sorted(m for m in sys.modules if m.startswith('masthead.server')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
