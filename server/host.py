"""The plugin host: finds plugins, calls each hook implementation on its own, and reports.

Isolation is the point. Every implementation runs with a time budget, a third-party one on a
worker thread (or in a worker process), Masthead's own on the request's thread under a watchdog
(`inline.py`); one that raises, hangs, returns output that fails the schema, or modifies the
shared page is reported by name in the response while every other plugin's results still arrive.
A plugin that hangs repeatedly is paused by its circuit breaker (`breaker.py`) and tried again
later, so abandoned threads cannot pile up and one burst of heavy pages does not switch it off for
good.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import importlib.metadata
import json
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

import pluggy
from marshmallow import ValidationError

from masthead.sdk import ViewError, deadline, hookspecs
from masthead.sdk.annotations import Annotation, Findings, Link, Target
from masthead.sdk.article import Article, default_article
from masthead.sdk.outlets import OUTLET_LAYERS, Outlet, OutletLayer, OutletRegistry
from masthead.sdk.page import Page
from masthead.sdk.schemas import AnnotationSchema, first_message
from masthead.sdk.settings import Settings
from masthead.sdk.text import Block

from . import inline, processes
from .breaker import Breaker
from .compiled_schema import compile_loader
from .quarantine import SharedQuarantine
from .redact import where
from .repair import repair
from .workers import Call, WorkerPool

log = logging.getLogger("masthead.host")

ENTRY_POINT_GROUP = "masthead"
PAGE_HOOKS = ("masthead_detect", "masthead_annotate", "masthead_article")
MAX_ANNOTATIONS_PER_CALL = 1000
BUILT_IN_DISTRIBUTION = "masthead"  # its plugins run on threads whatever `isolation` says
ISOLATIONS = ("thread", "process")

_annotation_schema = AnnotationSchema()
# The schema's own checks, compiled; None sends an item to `load`, which words the error.
_fast_load = compile_loader(_annotation_schema)


@dataclass
class PluginRecord:
    """A plugin the host knows of, whether it loaded or not."""

    name: str
    version: str
    status: str = "loaded"  # loaded | failed | disabled | quarantined
    error: str | None = None
    module: Any = None
    timeouts: int = 0
    breaker: Breaker = field(default_factory=Breaker)
    isolation: str = "thread"  # thread | process (see `processes.py`)
    built_in: bool = False  # shipped with Masthead

    @property
    def hooks(self) -> list[str]:
        if self.module is None:
            return []
        return sorted(
            name
            for name in dir(self.module)
            if name.startswith("masthead_") and callable(getattr(self.module, name, None))
        )


@dataclass
class PluginRun:
    """How one plugin fared on one page."""

    name: str
    version: str
    status: str = "ok"  # ok | error | timeout | invalid | skipped
    error: str | None = None
    ms: float = 0.0

    def fail(self, status: str, error: str) -> None:
        if self.status in ("ok", "skipped") or status == "timeout":
            self.status = status
        self.error = f"{self.error}; {error}" if self.error else error

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "version": self.version,
            "status": self.status,
            "error": self.error,
            "ms": round(self.ms, 3),
        }


@dataclass
class Analysis:
    """What `PluginHost.analyze` found on one page, and how each plugin fared.

    `runs` are the plugins that were called; `skipped` are those that could not be (failed to
    load or start, or paused by their breaker), reported as the API reports them.
    """

    page: Page
    annotations: list[Annotation] = field(default_factory=list)
    runs: dict[str, PluginRun] = field(default_factory=dict)
    deadline: float | None = None  # time.monotonic() by which the whole request must be done
    fingerprint: bytes | None = None  # `page.fingerprint()` before the first call on a thread
    skipped: dict[str, PluginRun] = field(default_factory=dict)

    def report(self) -> list[PluginRun]:
        """Every plugin's run, the skipped ones included, in name order: what a response lists."""
        return sorted([*self.runs.values(), *self.skipped.values()], key=lambda run: run.name)


class _Timeout(Exception):
    pass


class PluginHost:
    """Loads plugins through the `masthead` entry-point group and runs them on pages."""

    def __init__(
        self,
        enabled: Iterable[str] | None = None,
        settings: Settings | None = None,
        timeout: float = 5.0,
        max_timeouts: int = 3,
        timeout_window: float = 60.0,
        cooldown: float = 30.0,
        discover: bool = True,
        shared: SharedQuarantine | None = None,
        isolation: str = "thread",
        memory_limit_mb: int = 512,
        startup_timeout: float = 60.0,
    ) -> None:
        if isolation not in ISOLATIONS:
            raise ValueError(f"isolation must be one of {', '.join(ISOLATIONS)}, not {isolation!r}")
        if isolation == "process" and not processes.available():
            log.warning("process isolation needs fork(); third-party plugins run on threads")
            isolation = "thread"
        #: How third-party plugins run; the built-in ones always run on threads.
        self.isolation = isolation
        self.memory_limit_mb = memory_limit_mb
        #: Seconds each `masthead_startup` and `masthead_outlets` call may take.
        self.startup_timeout = startup_timeout
        self.enabled = None if enabled is None else set(enabled)
        self.settings = _bounded(settings or Settings())
        self.timeout = timeout
        self.max_timeouts = max_timeouts
        self.timeout_window, self.cooldown = timeout_window, cooldown
        #: Where every worker's breakers meet (Redis); None: each process on its own.
        self.shared = shared
        self.pm = pluggy.PluginManager(hookspecs.PROJECT)
        self.pm.add_hookspecs(hookspecs)
        self.records: dict[str, PluginRecord] = {}
        self.outlets = OutletRegistry()
        self._outlet_sources: list[tuple[str, Iterable[Outlet]]] = []
        if discover:
            self._discover()

    # -- loading ----------------------------------------------------------------------------
    def _discover(self) -> None:
        loaded: list[tuple[str, Any, str, bool]] = []
        for ep in sorted(
            importlib.metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name
        ):
            version = ep.dist.version if ep.dist else "0"
            if ep.name in self.records:
                continue
            if self.enabled is not None and ep.name not in self.enabled:
                self.records[ep.name] = PluginRecord(ep.name, version, status="disabled")
                continue
            try:
                module = ep.load()
            except Exception as exc:  # a broken plugin must not stop the server
                log.warning("plugin %s failed to load: %s", ep.name, exc)
                self.records[ep.name] = PluginRecord(
                    ep.name, version, status="failed", error=f"failed to load: {_describe(exc)}"
                )
                continue
            self.records[ep.name] = PluginRecord(ep.name, version)  # listed in name order
            built_in = ep.dist is not None and ep.dist.name == BUILT_IN_DISTRIBUTION
            loaded.append((ep.name, module, version, built_in))
        # pluggy calls the most recently registered implementation first: registering in
        # reverse name order makes installed plugins run in name order, as before.
        for name, module, version, built_in in reversed(loaded):
            record = self.register(module, name, version, isolation="thread" if built_in else None)
            record.built_in = built_in

    def register(
        self, plugin: Any, name: str, version: str | None = None, isolation: str | None = None
    ) -> PluginRecord:
        """Register a plugin object or module by hand (tests, embedding); `isolation` is the
        host's unless given.

        A class is instantiated, once for this host: its instance owns the plugin's state, so
        two hosts in one process share none (an entry point may name a class for this)."""
        version = version or str(getattr(plugin, "__version__", "0"))
        if isinstance(plugin, type):
            try:
                plugin = plugin()
            except Exception as exc:
                record = PluginRecord(
                    name, version, status="failed", error=f"failed to load: {_describe(exc)}"
                )
                self.records[name] = record
                return record
        try:
            self.pm.register(plugin, name=name)
        except (ValueError, pluggy.PluginValidationError) as exc:
            record = PluginRecord(name, version, status="failed", error=_describe(exc))
        else:
            wrappers = _wrappers(self.pm, plugin)
            if wrappers:
                self.pm.unregister(plugin)
                error = (
                    f"hook wrappers are not supported ({', '.join(wrappers)}): the host calls "
                    "each implementation on its own, with its own thread and time budget, so "
                    "none can wrap the others"
                )
                log.warning("plugin %s refused: %s", name, error)
                record = PluginRecord(name, version, status="failed", error=error)
            else:
                record = PluginRecord(name, version, module=plugin)
                record.isolation = isolation or self.isolation
                if record.isolation == "process" and not processes.available():
                    record.isolation = "thread"
                record.breaker = Breaker(
                    self.max_timeouts,
                    self.timeout_window,
                    self.cooldown,
                    name=name,
                    shared=self.shared,
                )
        self.records[name] = record
        return record

    def unregister(self, name: str) -> None:
        self.pm.unregister(name=name)
        self.records.pop(name, None)

    def add_outlets(self, origin: str, outlets: Iterable[Outlet]) -> None:
        """Outlet records from outside the plugins (the operator's imports), in order. They sit
        above the plugins' `curated` layer and below their `plugin` layer."""
        self._outlet_sources.append((origin, outlets))

    def start(self) -> PluginHost:
        """Call every `masthead_startup`, then build the outlet registry."""
        for name, impl in self._impls("masthead_startup"):
            kwargs = _kwargs(impl, {"settings": self.settings})
            self._set_up(name, "startup", functools.partial(impl.function, **kwargs))
        self.rebuild_outlets()
        return self

    def _set_up(self, name: str, what: str, function: Callable[[], Any]) -> tuple[bool, Any]:
        """A start-up call (in the server's process: what it sets up must persist) on a pooled
        thread with `startup_timeout` s; one that fails or hangs fails its plugin, not `serve`."""
        call = _workers.run(function, self.startup_timeout)
        if not call.done.is_set():
            self._fail_record(name, f"{what} did not finish within {self.startup_timeout:g} s")
            return False, None
        if call.error is not None:
            self._fail_record(name, f"{what} failed: {_describe(call.error)}")
            return False, None
        return True, call.value

    def rebuild_outlets(self) -> None:
        """The registry, layer by layer, each overriding the facts it states: the plugins'
        `curated` records, then the records added from outside (`add_outlets`), then the
        plugins' own (`plugin`) records; within a layer, in hook order."""
        layers: dict[str, list[tuple[str, list[Outlet]]]] = {layer: [] for layer in OUTLET_LAYERS}
        for name, impl in self._impls("masthead_outlets"):
            ok, provided = self._set_up(name, "outlets", functools.partial(_listed, impl.function))
            if not ok:
                continue
            try:
                layer = provided.layer if isinstance(provided, OutletLayer) else "plugin"
                records = provided.records if isinstance(provided, OutletLayer) else provided
                items = [_outlet(item) for item in cast("Iterable[Any]", records or ())]
            except Exception as exc:
                self._fail_record(name, f"outlets failed: {_describe(exc)}")
                continue
            layers[layer].append(("curated" if layer == "curated" else f"plugin:{name}", items))
        registry = OutletRegistry()
        for origin, outlets in [*layers["curated"], *self._outlet_sources, *layers["plugin"]]:
            for outlet in outlets:
                registry.add(outlet, origin=origin)
        self.outlets = registry

    def _fail_record(self, name: str, error: str) -> None:
        log.warning("plugin %s: %s", name, error)
        record = self.records[name]
        record.status, record.error = "failed", error
        if self.pm.is_registered(record.module):
            self.pm.unregister(record.module)

    # -- running ----------------------------------------------------------------------------
    @property
    def active(self) -> list[PluginRecord]:
        return [r for r in self.records.values() if r.status == "loaded"]

    def signature(self) -> str:
        """Which plugins, at which versions, would run: part of the result cache key."""
        return ",".join(f"{r.name}={r.version}" for r in sorted(self.active, key=lambda r: r.name))

    def _half_open(self) -> None:
        """Plugins another worker paused are paused here too; paused plugins whose cool-down
        has passed get a trial call on this page."""
        if self.shared is not None:
            running = [r.name for r in self.records.values() if r.status in _BREAKABLE]
            for name, (seconds_left, reason) in self.shared.paused(running).items():
                record = self.records[name]
                if record.breaker.adopt(seconds_left):
                    record.status = "quarantined"
                    record.error = f"paused by another worker: {reason}"
        for record in self.records.values():
            if record.status == "quarantined" and record.breaker.allows():
                record.status, record.error = "loaded", None

    def _impls(self, hook: str) -> list[tuple[str, pluggy.HookImpl]]:
        """The loaded plugins' implementations in pluggy's call order: `tryfirst` ones first,
        then the most recently registered, `trylast` ones last."""
        caller = getattr(self.pm.hook, hook)
        return [
            (impl.plugin_name, impl)
            for impl in reversed(caller.get_hookimpls())
            if (record := self.records.get(impl.plugin_name)) and record.status == "loaded"
        ]

    def analyze(self, page: Page, deadline: float | None = None) -> Analysis:
        """Run every plugin on `page`: the one entry the server and `masthead.sdk.testing` use.

        Past `deadline` (a `time.monotonic()` value) no call starts and a running one is waited
        for only until then, each reported by name. Plugins that could not run are in
        `Analysis.skipped`."""
        self._half_open()
        result = Analysis(page, deadline=deadline)
        for record in self.records.values():
            if record.status == "loaded":
                result.runs[record.name] = PluginRun(record.name, record.version)
        self._provide_article(result)
        counters: Counter[tuple[str, str]] = Counter()
        for name, impl in self._impls("masthead_detect"):
            result.annotations += self._run(result, name, impl, {"page": result.page}, counters)
        findings = Findings(result.annotations)
        for name, impl in self._impls("masthead_annotate"):
            kwargs = {"page": result.page, "findings": findings, "outlets": self.outlets}
            result.annotations += self._run(result, name, impl, kwargs, counters)
        for record in self.records.values():
            if record.status in ("failed", "quarantined") and record.name not in result.runs:
                result.skipped[record.name] = PluginRun(
                    record.name, record.version, "skipped", record.error
                )
        return result

    def article(self, page: Page) -> Article:
        """The page's article view alone, as an analysis would compute it (the origin index
        fingerprints feed items with it)."""
        result = Analysis(page)
        for record in self.active:
            result.runs[record.name] = PluginRun(record.name, record.version)
        self._provide_article(result)
        return result.page.article

    def _provide_article(self, result: Analysis) -> None:
        """Compute `page.article` once, timed and guarded under the providing plugin's name."""
        providers = self._impls("masthead_article")
        page = result.page

        def provide(p: Page) -> Article:
            article = None
            for name, impl in providers:
                outcome = self._guarded(result, name, impl, {"page": p})
                if isinstance(outcome, Article):
                    article = outcome
                    break
                if outcome is not None and outcome is not _FAILED:
                    result.runs[name].fail("invalid", "masthead_article returned a non-Article")
            # Computed once: the page lets go of this closure, which holds the analysis and
            # so the page. Otherwise every page was cyclic garbage, freed only at the garbage
            # collector's next pass, and those passes over whole trees took ~8% of the CPU.
            p.use_article_provider(None)
            return article if article is not None else self._fallback_article(result, p)

        if providers:  # without one, the page's own default is what `provide` would return
            page.use_article_provider(provide)
            # If it fails it is cached as failed: the plugins that read it are told, by name.
            with contextlib.suppress(ViewError):
                _ = page.article

    def _fallback_article(self, result: Analysis, page: Page) -> Article:
        """The plain default article, under a plugin's budget: after a provider ran out of time
        on a huge page, this runs on the request's own thread, under the watchdog as a built-in
        call. Out of time, the article is the body with no text read: where, not what."""
        until = time.monotonic() + self.timeout
        if result.deadline is not None:
            until = min(until, result.deadline)
        call = inline.run(functools.partial(default_article, page), until)
        if isinstance(call.error, deadline.OutOfTime):
            return Article((page.body,), provider="default")
        if call.error is not None:
            raise call.error
        article: Article = call.value
        return article

    def _run(
        self,
        result: Analysis,
        name: str,
        impl: pluggy.HookImpl,
        kwargs: Mapping[str, Any],
        counters: Counter[tuple[str, str]],
    ) -> list[Annotation]:
        output = self._guarded(result, name, impl, kwargs)
        if output is _FAILED or output is None:
            return []
        run = result.runs[name]
        try:
            items = list(output) if not isinstance(output, (str, bytes, dict)) else None
        except Exception as exc:
            items, reason = None, _describe(exc)
        else:
            reason = f"returned {_type_name(output)}, not a list of annotations"
        if items is None:
            run.fail("invalid", f"{impl.function.__name__} {reason}")
            return []
        if len(items) > MAX_ANNOTATIONS_PER_CALL:
            run.fail(
                "invalid", f"returned {len(items)} annotations; at most {MAX_ANNOTATIONS_PER_CALL}"
            )
            items = items[:MAX_ANNOTATIONS_PER_CALL]
        accepted = []
        for position, item in enumerate(items):
            loaded: dict[str, Any] | None
            try:
                loaded = _validate(item)
            except (ValidationError, TypeError, ValueError) as exc:
                loaded = _repaired(item, position, run)
                if loaded is None:
                    detail = (
                        first_message(exc.messages)
                        if isinstance(exc, ValidationError)
                        else str(exc)
                    )
                    where = _field_path(exc)
                    run.fail("invalid", f"annotation {position}{where}: {detail}")
                    continue
            key = (name, loaded["kind"])
            accepted.append(_annotation(loaded, name, f"{name}/{loaded['kind']}/{counters[key]}"))
            counters[key] += 1
        return accepted

    def _guarded(
        self, result: Analysis, name: str, impl: pluggy.HookImpl, kwargs: Mapping[str, Any]
    ) -> Any:
        """Call one implementation (a built-in one on this thread, a third-party one on a pooled
        thread or in a worker process); on failure, record it and return _FAILED."""
        record, run = self.records[name], result.runs[name]
        if record.status != "loaded":
            run.fail("skipped", record.error or record.status)
            return _FAILED
        page = result.page
        isolated = record.isolation == "process"
        if not isolated and not record.built_in and result.fingerprint is None:
            result.fingerprint = page.fingerprint()  # the page every plugin must see

        def target() -> Any:
            with deadline.budget(until):  # `check_time()` in the call stops it at its budget
                value = impl.function(**_kwargs(impl, kwargs))
                # A generator (or any lazy iterable) does its work when consumed: consume it
                # here, inside the budget and the guard, not later in the host's own code.
                if isinstance(value, Iterable) and not isinstance(value, _EAGER):
                    value = list(value)
            return value

        hook = impl.function.__name__
        budget, cut_by_deadline = self.timeout, False
        if result.deadline is not None:
            left = result.deadline - time.monotonic()
            if left <= 0:
                run.fail("timeout", f"{hook} not run: the request deadline had passed")
                return _FAILED
            budget, cut_by_deadline = min(budget, left), left < budget
        started = time.perf_counter()
        until = time.monotonic() + budget
        if isolated:
            memory = self.memory_limit_mb * 1024 * 1024
            call: Call = processes.run(
                lambda: _portable(hook, target()), budget, memory, in_child=page._after_fork
            )
        elif record.built_in:  # Masthead's own: on this thread, under the watchdog
            call = inline.run(target, until)
        else:
            call = _workers.run(target, budget)
        run.ms += (time.perf_counter() - started) * 1000
        # A call that stopped itself at its budget (`check_time()`) timed out like one the host
        # stopped waiting for; only its thread is free again.
        out_of_time = isinstance(call.error, deadline.OutOfTime) or (
            isinstance(call.error, processes.ChildError) and call.error.kind == "OutOfTime"
        )
        finished = call.done.is_set() and not out_of_time
        if not finished and cut_by_deadline:
            # The request ran out of time, not the plugin: not counted against its breaker.
            run.fail("timeout", f"{hook} did not finish within the request deadline")
            return _FAILED
        if not finished:
            record.timeouts += 1
            message = f"{hook} did not finish within {self.timeout:g} s"
            if record.breaker.timed_out(call.running):
                record.status, record.error = "quarantined", record.breaker.describe()
                message += f"; plugin paused for {self.cooldown:g} s"
            run.fail("timeout", message)
            log.warning("plugin %s: %s", name, message)
            return _FAILED
        if call.error is not None:
            error = call.error
            if isinstance(error, processes.ChildError) and error.kind == "ProcessExit":
                run.fail("error", f"{hook} ended: {error}")
                log.warning("plugin %s: %s ended: %s", name, hook, error)
                return _FAILED
            message = f"{hook} raised {_describe(error)}"
            if isinstance(error, processes.ChildError) and error.kind == "MemoryError":
                message += f" (over its memory limit of {self.memory_limit_mb} MiB)"
            run.fail("error", message)
            # The message goes to the client only: it may quote the page, which is never logged.
            place = error.place if isinstance(error, processes.ChildError) else where(error)
            log.warning("plugin %s: %s raised %s", name, hook, place)
            return _FAILED
        if isolated:  # the child's copy of the page is gone with it: nothing to check
            record.breaker.succeeded()
            return _from_portable(hook, call.value, page)
        # Masthead's own plugins are not checked here: a test runs each over every page of
        # the corpora and compares the page's fingerprint (`test_built_ins_read_only.py`).
        if not record.built_in and page.fingerprint() != result.fingerprint:
            run.fail("error", f"{hook} modified the shared page; its output was discarded")
            result.page, result.fingerprint = page.copy(), None
            return _FAILED
        record.breaker.succeeded()
        return call.value


_FAILED = object()
_BREAKABLE = ("loaded", "quarantined")
_EAGER = (list, tuple, str, bytes, dict)
# One pool for every host in the process: its size follows how many calls run at once.
_workers = WorkerPool()


def _bounded(settings: Settings) -> Settings:
    """The settings plugins get: the origin index's lookups bounded for inline calls."""
    origins = settings.origins
    if origins is None or isinstance(origins, inline.BoundedOrigins):
        return settings
    return dataclasses.replace(settings, origins=inline.BoundedOrigins(origins, _workers))


def _listed(function: Callable[..., Any]) -> Any:
    """A hook's iterable output consumed where the hook runs, inside its budget."""
    value = function()
    return value if isinstance(value, OutletLayer) else list(value or ())


def _wrappers(pm: pluggy.PluginManager, plugin: Any) -> list[str]:
    """The hooks a plugin implements as a wrapper (`wrapper=True` or `hookwrapper=True`)."""
    return sorted(
        f"{impl.function.__name__} ({'wrapper' if impl.wrapper else 'hookwrapper'}=True)"
        for caller in pm.get_hookcallers(plugin) or ()
        for impl in caller.get_hookimpls()
        if impl.plugin is plugin and (impl.wrapper or impl.hookwrapper)
    )


def _outlet(item: Any) -> Outlet:
    if isinstance(item, Outlet):
        return item
    if isinstance(item, Mapping):
        return Outlet(**item)
    raise TypeError(f"expected an Outlet or a dict, got {type(item).__name__}")


def _kwargs(impl: pluggy.HookImpl, available: Mapping[str, Any]) -> dict[str, Any]:
    return {arg: available[arg] for arg in impl.argnames if arg in available}


def _describe(exc: BaseException) -> str:
    name = exc.kind if isinstance(exc, processes.ChildError) else type(exc).__name__
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{name}: {text[:300]}" if text else name


class _Foreign:
    """What a worker process returned that was not an annotation, by its type's name."""

    def __init__(self, type_name: str, why: str = "") -> None:
        self.type_name, self.why = type_name, why


def _type_name(value: Any) -> str:
    return value.type_name if isinstance(value, _Foreign) else type(value).__name__


def _portable(hook: str, value: Any) -> Any:
    """A hook's output as JSON-ready data, in the worker process (see `_from_portable`)."""
    if value is None:
        return None
    if hook == "masthead_article":
        if not isinstance(value, Article):
            return {"type": type(value).__name__}
        return {
            "article": {
                "elements": [_path(el) for el in value.elements],
                "excluded": [_path(el) for el in value.excluded],
                "blocks": [[_path(b.element), b.text, b.link_chars] for b in value.blocks],
                "provider": value.provider,
            }
        }
    if isinstance(value, (str, bytes, dict)) or not isinstance(value, list):
        return {"type": type(value).__name__}
    items: list[Any] = []
    for item in value:
        try:
            data = _as_dict(item)
            json.dumps(data, allow_nan=False)
        except (TypeError, ValueError, RecursionError) as exc:
            items.append({"foreign": type(item).__name__, "why": str(exc)[:300]})
        else:
            items.append({"item": data})
    return {"items": items}


def _from_portable(hook: str, value: Any, page: Page) -> Any:
    """The output a worker process reported, back in the server's terms. The report is data
    from a child that ran plugin code: every shape is checked, nothing is trusted."""
    if value is None:
        return None
    if not isinstance(value, dict):
        return _Foreign(type(value).__name__)
    if hook == "masthead_article":
        try:
            return _article_at(value["article"], page)
        except (KeyError, TypeError, ValueError, IndexError):
            return _Foreign(str(value.get("type", "unreadable output")))
    if not isinstance(value.get("items"), list):
        return _Foreign(str(value.get("type", "unreadable output")))
    out: list[Any] = []
    for entry in value["items"]:
        if isinstance(entry, dict) and isinstance(entry.get("item"), dict):
            out.append(entry["item"])
        elif isinstance(entry, dict):
            out.append(_Foreign(str(entry.get("foreign", "?")), str(entry.get("why", ""))))
        else:
            out.append(_Foreign(type(entry).__name__))
    return out


def _path(el: Any) -> list[int]:
    """Where an element sits: child positions from the root."""
    steps: list[int] = []
    parent = el.getparent()
    while parent is not None:
        steps.append(parent.index(el))
        el, parent = parent, parent.getparent()
    return steps[::-1]


def _element_at(path: Any, page: Page) -> Any:
    if not isinstance(path, list) or len(path) > 256:
        raise ValueError("not an element path")
    el = page.root
    for step in path:
        if not isinstance(step, int) or step < 0:
            raise ValueError("not an element path")
        el = el[step]
    return el


def _article_at(data: dict[str, Any], page: Page) -> Article:
    blocks = []
    for path, text, link_chars in data["blocks"]:
        if not isinstance(text, str) or not isinstance(link_chars, int):
            raise ValueError("not a block")
        blocks.append(Block(_element_at(path, page), text, link_chars))
    return Article(
        elements=tuple(_element_at(path, page) for path in data["elements"]),
        blocks=tuple(blocks),
        excluded=tuple(_element_at(path, page) for path in data["excluded"]),
        provider=str(data["provider"]),
    )


def _field_path(exc: Exception) -> str:
    if isinstance(exc, ValidationError) and isinstance(exc.messages, dict) and exc.messages:
        return f" field {next(iter(exc.messages))!r}"
    return ""


def _as_dict(item: Any) -> dict[str, Any]:
    if isinstance(item, Annotation):
        data = item.to_dict()
        data.pop("id"), data.pop("plugin")
        if data["target"] is None:
            data.pop("target")
        return data
    if isinstance(item, Mapping):
        data = dict(item)
        data.pop("id", None), data.pop("plugin", None)
        if isinstance(data.get("target"), Target):
            data["target"] = data["target"].to_dict()
        if "links" in data and isinstance(data["links"], (list, tuple)):
            data["links"] = [
                {"href": link.href, "label": link.label} if isinstance(link, Link) else link
                for link in data["links"]
            ]
        return data
    if isinstance(item, _Foreign) and item.why:
        raise TypeError(item.why)
    raise TypeError(f"expected an Annotation or a dict, got {_type_name(item)}")


def _repaired(item: Any, position: int, run: PluginRun) -> dict[str, Any] | None:
    """The annotation with its bad fields cut (`repair.py`), reported on the run; None when
    cutting them does not make it valid."""
    try:
        data, notes = repair(_as_dict(item))
        loaded = _validate(data) if notes else None
    except (ValidationError, TypeError, ValueError):
        return None
    if loaded is not None:
        run.fail("invalid", f"annotation {position} kept, but {', '.join(notes)}")
    return loaded


def _validate(item: Any) -> dict[str, Any]:
    """What the schema loads from the item (raises as `AnnotationSchema.load` does)."""
    data = _as_dict(item)
    loaded = _fast_load(data)
    if loaded is None:
        loaded = _annotation_schema.load(data)
    return loaded


def _annotation(loaded: dict[str, Any], plugin: str, ident: str) -> Annotation:
    """The accepted annotation, built once from what the schema loaded, with the host's
    `plugin` and `id` (never the plugin's own)."""
    target = loaded["target"]
    return Annotation(
        kind=loaded["kind"],
        title=loaded["title"],
        text=loaded["text"],
        display=loaded["display"],
        severity=loaded["severity"],
        presentation=loaded["presentation"],
        confidence=loaded["confidence"],
        target=Target(tuple(target["selectors"])) if target else None,
        links=tuple(Link(link["href"], link["label"]) for link in loaded["links"]),
        data=loaded["data"],
        plugin=plugin,
        id=ident,
    )
