"""The Masthead server: plugin host, HTTP API and command line.

from masthead.server import create_app, load_config
app = create_app(load_config("masthead.toml"))
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("masthead")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

from .app import build_host, create_app
from .config import Config, ConfigError, load_config
from .host import PluginHost

__all__ = [
    "Config",
    "ConfigError",
    "PluginHost",
    "__version__",
    "build_host",
    "create_app",
    "load_config",
]
