"""Templates for `masthead new-plugin` (`string.Template`, `${name}` placeholders).

A package only so that the templates ship in the wheel beside the code that reads them.
"""
