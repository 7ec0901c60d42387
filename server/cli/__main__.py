"""`python -m masthead.server.cli` runs the `masthead` command."""

from . import main

main(prog_name="masthead")
