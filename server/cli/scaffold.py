"""`masthead new-plugin`: a new third-party plugin package, ready to install and test."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import keyword
import re
import sys
from importlib.resources import files
from pathlib import Path
from string import Template

import click

from masthead.sdk.hookspecs import PROJECT

from .. import __version__

# Lower-case words joined by single hyphens: valid as a distribution name, an entry-point name
# and an annotation kind, and as a module name once the hyphens become underscores.
NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
MAX_NAME = 60
TEMPLATE_PACKAGE = "masthead.server.scaffold_template"
FILES = {
    "pyproject.toml.tmpl": "pyproject.toml",
    "README.md.tmpl": "README.md",
    "gitignore.tmpl": ".gitignore",
    "plugin.py.tmpl": "${module}/__init__.py",
    "test_plugin.py.tmpl": "tests/test_${module}.py",
    "ci.yml.tmpl": ".github/workflows/test.yml",
}
# The commands the README, the CI workflow and the command's own message all give.
INSTALL = "python -m pip install -e '.[test]'"
TEST = "python -m pytest"


def check_name(name: str) -> dict[str, str]:
    """The names derived from NAME, or a BadParameter saying what is wrong with it."""
    if len(name) > MAX_NAME or not NAME.match(name):
        raise _bad(
            "use lower-case letters, digits and single hyphens, starting with a letter "
            f"(at most {MAX_NAME} characters), e.g. 'reading-time'"
        )
    module = name.replace("-", "_")
    plugin = name.removeprefix(f"{PROJECT}-") or name
    if module == PROJECT:
        raise _bad("the module 'masthead' would hide Masthead itself")
    if keyword.iskeyword(module) or module in sys.stdlib_module_names:
        raise _bad(f"the module {module!r} would hide Python's own")
    for ep in importlib.metadata.entry_points(group=PROJECT):
        if ep.name == plugin:
            owner = ep.dist.name if ep.dist else "another package"
            raise _bad(f"{owner} already has a plugin named {plugin!r}")
    if importlib.util.find_spec(module) is not None:
        raise _bad(f"a Python module named {module!r} is already installed")
    requirement = PROJECT if __version__ == "0.0.0" else f"{PROJECT}>={__version__}"
    return {
        "dist": name,
        "module": module,
        "plugin": plugin,
        "requirement": requirement,
        "install": INSTALL,
        "test": TEST,
    }


def _bad(message: str) -> click.BadParameter:
    return click.BadParameter(message, param_hint="NAME")


def render(names: dict[str, str]) -> dict[str, str]:
    """Relative path → file content, for every file of the new package."""
    templates = files(TEMPLATE_PACKAGE)
    return {
        Template(target).substitute(names): Template(
            templates.joinpath(source).read_text(encoding="utf-8")
        ).substitute(names)
        for source, target in FILES.items()
    }


@click.command("new-plugin")
@click.argument("name")
@click.option(
    "--directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Where to create the NAME folder.",
)
def new_plugin(name: str, directory: Path) -> None:
    """Create a plugin package in ./NAME: pyproject, one hook, a README, a passing test and a
    CI workflow that runs it.

    NAME is the distribution name; the plugin is called NAME without a leading 'masthead-'.
    """
    names = check_name(name)
    content = render(names)
    root = directory / name
    try:
        root.mkdir(parents=False)  # fails when it exists: never write over someone's work
    except FileExistsError as exc:
        raise click.ClickException(f"{root} already exists; not overwriting it") from exc
    except FileNotFoundError as exc:
        raise click.ClickException(f"{directory} does not exist") from exc
    for relative, text in content.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    click.echo(
        f"Created {root}/: plugin {names['plugin']!r} in the module {names['module']}.\n"
        "Next:\n"
        f"  cd {root}\n"
        f"  {INSTALL}\n"
        f"  {TEST}\n"
        "  masthead plugins\n"
        "(.github/workflows/test.yml runs the same tests on every push.)"
    )
