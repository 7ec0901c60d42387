"""No rule names a site: the plugins' and the extractor's code holds no host-name literal.

A rule that names a publisher's host fits that site and no other. Strings in the plugins' code
(docstrings aside, which explain with examples) must not be host names, except in the two
registries whose subject is a set of services rather than publishers: the wire agencies and
their domains (a dateline's "(AP)" has to map to an outlet), and the platforms of sharing,
app-store, donation and affiliate links. Reserved example names (example.com) are fine.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REGISTRIES = {
    Path("plugins/attribution/lexicon.py"): "wire agencies and their domains",
    Path("plugins/promo/links.py"): "sharing, app-store, donation and affiliate platforms",
}
HOST = re.compile(
    r"(?<![\w@/.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
    r"(?:com|org|net|info|news|tv|io|co|de|at|ch|uk|fr|es|it|nl|be|ru|cn|jp|kr|in|au|ca|us|eu|"
    r"pl|cz|se|no|dk|fi|pt|br|mx|ar|tr|gr|ie|nz|za|il|ua|kz|lt|lv|ee|hu|ro|bg|sk|si|hr|rs)"
    r"(?![\w-])",
    re.I,
)
RESERVED = re.compile(r"(?:^|\.)example\.(?:com|org|net)$|\.(?:test|example|invalid)$", re.I)


def host_literals(source: str) -> list[tuple[int, str]]:
    """(line, host) for every host name in a string constant that is not a docstring."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) in docstrings:
                continue
            for match in HOST.finditer(node.value):
                if not RESERVED.search(match.group(0)):
                    found.append((node.lineno, match.group(0)))
    return found


def test_the_scanner_finds_host_literals_and_skips_docstrings() -> None:
    source = '"""Like news.example.org or bbc.co.uk."""\nRULE = ("www.bbc.co.uk", "Agency")\n'
    assert host_literals(source) == [(2, "www.bbc.co.uk")]
    assert host_literals('x = "see example.com, mail me@host.de, 3.14, v1.2"') == []
    assert host_literals('PATTERN = r"\\\\.com\\\\b"') == []


def test_no_plugin_names_a_host() -> None:
    offenders = []
    for path in sorted([*(ROOT / "plugins").rglob("*.py"), *(ROOT / "extract").rglob("*.py")]):
        relative = path.relative_to(ROOT)
        if relative in REGISTRIES:
            continue
        for line, host in host_literals(path.read_text(encoding="utf-8")):
            offenders.append(f"{relative}:{line}: {host}")
    assert offenders == [], "host names in plugin code (a rule for one site):\n" + "\n".join(
        offenders
    )
