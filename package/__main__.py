"""`python -m masthead`: the `masthead` command, where its script is not on PATH."""

from masthead.server.cli import main

main(prog_name="masthead")
