"""Masthead's built-in plugins. Each is a sub-package registered through the `masthead`
entry-point group, exactly like a third-party plugin, and imports only `masthead.sdk`."""
