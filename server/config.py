"""Server configuration: defaults, a TOML file, environment, then command-line flags."""

from __future__ import annotations

import ipaddress
import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .origins.config import OriginsConfig, OriginsConfigError, read_origins

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
DEFAULT_PORT = 7373


class ConfigError(ValueError):
    """The configuration cannot be used; the message says why and what to do."""


def default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "masthead"


@dataclass(frozen=True)
class Config:
    """Everything an operator can set. See `docs/operators.md` for the file format."""

    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    token: str | None = None
    allowed_hosts: tuple[str, ...] = ()
    cors_origins: tuple[str, ...] = ()
    max_body_bytes: int = 8 * 1024 * 1024
    max_html_chars: int = 8 * 1024 * 1024
    max_depth: int = 200
    max_elements: int = 300_000
    plugin_timeout: float = 5.0
    request_deadline: float = 15.0
    #: Seconds a client has to send one whole request (headers and body); then 408.
    read_timeout: float = 30.0
    cache_entries: int = 256
    threads: int = 4
    plugins: tuple[str, ...] | None = None
    #: `[plugins] isolation`: "process" runs each third-party plugin call in a forked child
    #: (killed at its budget, memory-capped); "thread" in the server's own process.
    plugin_isolation: str = "process"
    #: `[plugins] memory_limit_mb`: address space a process-isolated call may add.
    plugin_memory_mb: int = 512
    #: `[plugins] startup_timeout`: seconds each plugin's `masthead_startup` may take.
    plugin_startup_timeout: float = 60.0
    plugin_settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    data_dir: Path = field(default_factory=default_data_dir)
    origins: OriginsConfig = field(default_factory=OriginsConfig)
    #: The WSGI entry cannot see the address its server binds; this says it is loopback only.
    loopback_only: bool = False
    #: `/metrics` without the token (for a scraper on a private network).
    open_metrics: bool = False
    #: `[store] url`: SQLAlchemy URL; None is SQLite in the data folder.
    store_url: str | None = None
    #: `[cache] url`: `redis://…` shares results between workers; None keeps them in memory.
    cache_url: str | None = None
    #: `[cache] ttl`: seconds a cached result lives.
    cache_ttl: float = 3600.0

    @property
    def is_loopback(self) -> bool:
        return is_loopback(self.host)

    def check(self) -> Config:
        """Refuse settings that would expose the server or break it, with the reason."""
        if not self.is_loopback and not self.token:
            raise ConfigError(
                f"refusing to listen on {self.host}: any machine that can reach it could send "
                "pages to it. Set an API token (--token, MASTHEAD_TOKEN or `token` in the config "
                "file), or listen on 127.0.0.1."
            )
        if not 0 <= self.port <= 65535:
            raise ConfigError(f"port {self.port} is not between 0 and 65535")
        if not 1 <= self.max_depth <= 250:
            raise ConfigError("max_depth must be between 1 and 250 (the HTML parser stops at 255)")
        for name in (
            "max_body_bytes",
            "max_html_chars",
            "max_elements",
            "cache_entries",
            "threads",
        ):
            if getattr(self, name) < 0:
                raise ConfigError(f"{name} must not be negative")
        if self.plugin_timeout <= 0:
            raise ConfigError("plugin_timeout must be positive")
        if self.plugin_isolation not in ("thread", "process"):
            raise ConfigError(
                f'[plugins] isolation must be "thread" or "process", not {self.plugin_isolation!r}'
            )
        if self.plugin_memory_mb < 16:
            raise ConfigError("[plugins] memory_limit_mb must be at least 16")
        if self.plugin_startup_timeout <= 0:
            raise ConfigError("[plugins] startup_timeout must be positive")
        if self.read_timeout <= 0:
            raise ConfigError("read_timeout must be positive")
        if self.request_deadline <= 0:
            raise ConfigError("request_deadline must be positive")
        if self.cache_ttl <= 0:
            raise ConfigError("[cache] ttl must be positive")
        if self.cache_url and not self.cache_url.startswith(("redis://", "rediss://", "unix://")):
            raise ConfigError(
                "[cache] url must be redis://, rediss:// or unix:// "
                f"(got {_scheme(self.cache_url)})"
            )
        if self.store_url and not self.store_url.startswith(("sqlite://", "postgresql")):
            raise ConfigError(
                "[store] url must be sqlite:///PATH or postgresql://USER@HOST/DB "
                f"(got {_scheme(self.store_url)})"
            )
        return self

    def check_wsgi(self) -> Config:
        """`check`, for a WSGI server whose bind address the app cannot see.

        `masthead serve` binds `host` itself. Under gunicorn or waitress-serve the operator picks
        the address, so a token-less start is refused unless they say it is loopback only.
        """
        self.check()
        if not self.token and not self.loopback_only:
            raise ConfigError(
                "refusing to start without an API token: under a WSGI server Masthead cannot see "
                "which address it is served on, and any machine that can reach it could send pages "
                "to it. Set MASTHEAD_TOKEN (or `token` in the config file), or, if the server "
                "binds loopback only, MASTHEAD_LOOPBACK_ONLY=1 (`loopback_only = true`)."
            )
        return self


def is_loopback(host: str) -> bool:
    if host.strip("[]").lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


_SECTIONS = {"store": {"url": "store_url"}, "cache": {"url": "cache_url", "ttl": "cache_ttl"}}
_SERVER_KEYS = {f.name for f in fields(Config)} - {
    "plugins",
    "plugin_settings",
    "plugin_isolation",
    "plugin_memory_mb",
    "plugin_startup_timeout",
    "origins",
    *(name for keys in _SECTIONS.values() for name in keys.values()),
}
_TRUE = {"1", "true", "yes", "on"}


def _scheme(url: str) -> str:
    """The scheme of a URL only, so an error message never repeats a password."""
    return (url.split("://", 1)[0] + "://…") if "://" in url else "no scheme"


def load_config(path: str | os.PathLike[str] | None = None, **overrides: Any) -> Config:
    """Defaults ← config file ← environment ← keyword overrides (None means unset).

    The one loader `masthead serve`, the other commands and the WSGI entry share. The file is
    `path`, else `MASTHEAD_CONFIG`; the environment gives `MASTHEAD_TOKEN`,
    `MASTHEAD_LOOPBACK_ONLY`, `MASTHEAD_STORE_URL` and `MASTHEAD_CACHE_URL`.
    """
    values: dict[str, Any] = {}
    path = path if path is not None else os.environ.get("MASTHEAD_CONFIG") or None
    if path is not None:
        values.update(_read_file(Path(path)))
    if os.environ.get("MASTHEAD_TOKEN"):
        values["token"] = os.environ["MASTHEAD_TOKEN"]
    if os.environ.get("MASTHEAD_LOOPBACK_ONLY"):
        values["loopback_only"] = os.environ["MASTHEAD_LOOPBACK_ONLY"].lower() in _TRUE
    for name in ("store_url", "cache_url"):
        if os.environ.get(f"MASTHEAD_{name.upper()}"):
            values[name] = os.environ[f"MASTHEAD_{name.upper()}"]
    values.update({k: v for k, v in overrides.items() if v is not None})
    try:
        config = replace(Config(), **values)
    except TypeError as exc:
        raise ConfigError(str(exc)) from exc
    return config


def _read_file(path: Path) -> dict[str, Any]:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"config file {path} does not exist") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from exc
    server = dict(raw.get("server", {}))
    unknown = set(server) - _SERVER_KEYS
    if unknown:
        raise ConfigError(f"unknown setting(s) in [server]: {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {}
    for key, value in server.items():
        if key in ("allowed_hosts", "cors_origins"):
            value = tuple(value)
        elif key == "data_dir":
            value = Path(value).expanduser()
        values[key] = value
    for section, keys in _SECTIONS.items():
        table = dict(raw.get(section, {}))
        unknown = set(table) - set(keys)
        if unknown:
            raise ConfigError(f"unknown setting(s) in [{section}]: {', '.join(sorted(unknown))}")
        values.update({keys[k]: v for k, v in table.items()})
    plugins = dict(raw.get("plugins", {}))
    if "enabled" in plugins:
        values["plugins"] = tuple(plugins.pop("enabled"))
    for key, name in (
        ("isolation", "plugin_isolation"),
        ("memory_limit_mb", "plugin_memory_mb"),
        ("startup_timeout", "plugin_startup_timeout"),
    ):
        if key in plugins:
            values[name] = plugins.pop(key)
    values["plugin_settings"] = {k: v for k, v in plugins.items() if isinstance(v, dict)}
    if "origins" in raw:
        try:
            values["origins"] = read_origins(dict(raw["origins"]))
        except (OriginsConfigError, TypeError) as exc:
            raise ConfigError(f"config file {path}: {exc}") from exc
    return values
