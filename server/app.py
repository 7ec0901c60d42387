"""The Flask app factory."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from flask import Flask, Response, request
from flask_cors import CORS

from masthead.sdk.outlets import Outlet
from masthead.sdk.settings import Settings

from .api import api
from .cache import Cache, RedisCache, ResultCache
from .config import Config
from .errors import register_error_handlers
from .host import PluginHost
from .json_response import JSONResponses
from .ops import ops
from .origins import OriginIndex, index_in_use
from .outlet_sources import ImportedOutlets, load_outlet_sources, open_store
from .quarantine import SharedQuarantine
from .state import ServerState
from .store import FeedbackStore, OutletStore, Store, StoreError

log = logging.getLogger("masthead.app")


def build_host(
    config: Config,
    origins: OriginIndex | None = None,
    imported: Iterable[Outlet] | None = None,
) -> PluginHost:
    """Discover, load and start the plugins the configuration allows; `origins` is the origin
    index plugins receive in `masthead_startup` (`settings.origins`), `imported` the imported
    outlet records (read from the configured store when not given)."""
    host = PluginHost(
        enabled=config.plugins,
        settings=Settings(
            plugins=config.plugin_settings, data_dir=config.data_dir, origins=origins
        ),
        timeout=config.plugin_timeout,
        isolation=config.plugin_isolation,
        memory_limit_mb=config.plugin_memory_mb,
        startup_timeout=config.plugin_startup_timeout,
        shared=SharedQuarantine(config.cache_url) if config.cache_url else None,
    )
    for origin, outlets in load_outlet_sources(config, imported):
        host.add_outlets(origin, outlets)
    return host.start()


def open_cache(config: Config) -> Cache:
    if config.cache_url:
        return RedisCache(config.cache_url, config.cache_ttl)
    return ResultCache(config.cache_entries, config.cache_ttl)


def startup_lines(app: Flask) -> list[str]:
    """What every way of starting the server reports: each plugin's status and the token."""
    st: ServerState = app.extensions["masthead"]
    lines = []
    for record in sorted(st.host.records.values(), key=lambda r: r.name):
        note = f" — {record.error}" if record.error else ""
        lines.append(f"plugin {record.name} {record.version}: {record.status}{note}")
    if st.store is not None:
        lines.append(f"store: {st.store.location}")
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
    app.json = JSONResponses(app)
    store = open_store(config)
    if store.exists():  # the default SQLite file appears only with the first import
        try:
            store.migrate()
        except StoreError as exc:  # serve without imported records; /ready says why
            log.warning("%s", exc)
    imported = ImportedOutlets(OutletStore(store))
    try:  # reports kept in their own file by an older Masthead move into the store, once
        FeedbackStore(store).import_old_file(config.data_dir)
    except StoreError as exc:  # kept where it is, moved at the next start or `masthead feedback`
        log.warning("old feedback reports not moved yet: %s", exc)
    wanted = config.origins.configured or with_origins
    origins = _origin_index(store, wanted)
    app.extensions["masthead"] = ServerState(
        config=config,
        host=host or build_host(config, origins, imported),
        cache=open_cache(config),
        origins=origins,
        store=store,
        imported=imported,
        started=True,
    )
    if config.cors_origins:
        CORS(app, resources={r"/api/*": {"origins": list(config.cors_origins)}})
    register_error_handlers(app)
    app.register_blueprint(api)
    app.register_blueprint(ops)
    app.after_request(_count)
    return app


def _origin_index(store: Store, wanted: bool) -> OriginIndex | None:
    """The origin index in the server's store; None (served without it) when the store fails."""
    try:
        return index_in_use(store, wanted)
    except StoreError as exc:
        log.warning("origin index unavailable: %s", exc)
        return None


def _count(response: Response) -> Response:
    """Requests by endpoint name and status: never the path, which could carry a URL."""
    from .metrics import metrics

    metrics().requests.labels(request.endpoint or "unknown", str(response.status_code)).inc()
    return response
