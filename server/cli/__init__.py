"""The `masthead` command. Each sub-command lives in its own module."""

from __future__ import annotations

import click

from .. import __version__
from .analyze import analyze
from .feedback import feedback
from .origins import origins
from .outlets import outlets
from .plugins import plugins
from .scaffold import new_plugin
from .serve import serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="masthead")
def main() -> None:
    """Masthead: where an article really comes from."""


main.add_command(serve)
main.add_command(analyze)
main.add_command(plugins)
main.add_command(outlets)
main.add_command(feedback)
main.add_command(origins)
main.add_command(new_plugin)
