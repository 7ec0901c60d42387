"""The Flask app factory."""

from __future__ import annotations

from flask import Flask
from flask_cors import CORS

from masthead.sdk.settings import Settings

from .api import api
from .cache import ResultCache
from .config import Config
from .errors import register_error_handlers
from .host import PluginHost
from .origins import OriginIndex, index_in_use
from .outlet_sources import load_outlet_sources
from .state import ServerState


def build_host(config: Config, origins: OriginIndex | None = None) -> PluginHost:
    """Discover, load and start the plugins the configuration allows; `origins` is the origin
    index plugins receive in `masthead_startup` (`settings.origins`)."""
    host = PluginHost(
        enabled=config.plugins,
        settings=Settings(
            plugins=config.plugin_settings, data_dir=config.data_dir, origins=origins
        ),
        timeout=config.plugin_timeout,
    )
    for origin, outlets in load_outlet_sources(config):
        host.add_outlets(origin, outlets)
    return host.start()


def startup_lines(app: Flask) -> list[str]:
    """What every way of starting the server reports: each plugin's status and the token."""
    st: ServerState = app.extensions["masthead"]
    lines = []
    for record in sorted(st.host.records.values(), key=lambda r: r.name):
        note = f" — {record.error}" if record.error else ""
        lines.append(f"plugin {record.name} {record.version}: {record.status}{note}")
    lines.append(f"token {'required' if st.config.token else 'off'}")
    return lines


def create_app(
    config: Config | None = None, host: PluginHost | None = None, with_origins: bool = False
) -> Flask:
    """The app; `with_origins` opens the origin index even before anything was added to it
    (`masthead serve --sync-every` is about to fill it)."""
    config = (config or Config()).check()
    # `masthead` is a namespace package, which Flask cannot locate an instance folder for.
    app = Flask(__name__, instance_path=str(config.data_dir.expanduser().resolve()))
    app.config["MAX_CONTENT_LENGTH"] = config.max_body_bytes
    app.json.sort_keys = False
    app.json.ensure_ascii = False
    wanted = config.origins.configured or with_origins
    origins = index_in_use(config.data_dir, wanted, config.origins.store_url)
    app.extensions["masthead"] = ServerState(
        config=config,
        host=host or build_host(config, origins),
        cache=ResultCache(config.cache_entries),
        origins=origins,
    )
    if config.cors_origins:
        CORS(app, resources={r"/api/*": {"origins": list(config.cors_origins)}})
    register_error_handlers(app)
    app.register_blueprint(api)
    return app
