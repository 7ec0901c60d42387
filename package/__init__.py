"""Masthead: the plugin SDK (`masthead.sdk`), the server (`masthead.server`), the article
extractor (`masthead.extract`) and the built-in plugins (`masthead.plugins`)."""
