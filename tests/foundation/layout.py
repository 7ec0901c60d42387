"""Where each import name's sources live: setup.py's `FOLDERS`, read without running setup()."""

from __future__ import annotations

import ast

from support import ROOT


def package_folders() -> dict[str, str]:
    """setup.py's `FOLDERS`: import name → folder, read without running setup()."""
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    (value,) = [
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "FOLDERS"
    ]
    return dict(ast.literal_eval(value))
