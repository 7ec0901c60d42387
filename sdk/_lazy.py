"""A thread-safe cached property: a Page view is computed once, whoever asks first.

A view that fails is not retried: the failure is cached too, and every reader gets a `ViewError`
naming the view, inside its own guard. So one page that breaks a view costs the plugins that
read it, once, and not the request.

Each view has its own lock. With one lock for the whole page, a view computed by another thread
on its behalf deadlocked: the host computes `page.article` by calling the plugin's
`masthead_article` in a worker thread, and that worker needs `page.blocks`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from threading import RLock
from typing import Any, Generic, TypeVar

T = TypeVar("T")
_MISSING = object()


class ViewError(RuntimeError):
    """A page view could not be computed; the message names the view and the error's type."""

    def __init__(self, view: str, cause: BaseException) -> None:
        super().__init__(f"page.{view} could not be computed ({type(cause).__name__})")
        self.view = view


class _Failed:
    def __init__(self, view: str, cause: BaseException) -> None:
        self.view, self.cause = view, cause


class lazy(Generic[T]):
    """Like `functools.cached_property`, with a lock so two threads never compute a view twice."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.__doc__ = func.__doc__
        self.name = func.__name__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> T:
        if obj is None:
            return self  # type: ignore[return-value]
        cache = obj.__dict__
        value = cache.get(self.name, _MISSING)
        if value is not _MISSING:
            return value  # type: ignore[no-any-return]
        with obj._view_lock:
            lock = cache.setdefault("_view_locks", {}).setdefault(self.name, RLock())
            failures = cache.setdefault("_view_failures", {})
        with lock:
            value = cache.get(self.name, _MISSING)
            if value is _MISSING and self.name not in failures:
                try:
                    value = self.func(obj)
                except ViewError:
                    raise  # a view this one reads failed: that one is cached already
                except (Exception, RecursionError, MemoryError) as exc:
                    failures[self.name] = _Failed(self.name, exc)
                else:
                    # The instance dict shadows this descriptor from now on: reads are free.
                    cache[self.name] = value
        failed = failures.get(self.name)
        if failed is not None:
            # A fresh error per reader, with no traceback into the page's data.
            raise ViewError(failed.view, failed.cause) from None
        return value  # type: ignore[no-any-return]


def memoize(obj: Any, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` once per object and key, whoever asks first; every later call gets the value.

    The same per-name locks as the views, so two threads asking at once compute it once. A
    failure is not kept: it reaches the caller, and the next caller tries again.
    """
    entries = obj.__dict__.setdefault("_memo", {})
    if key in entries:
        return entries[key]  # type: ignore[no-any-return]
    with obj._view_lock:
        lock = obj.__dict__.setdefault("_memo_locks", {}).setdefault(key, RLock())
    with lock:
        if key not in entries:
            entries[key] = compute()
        return entries[key]  # type: ignore[no-any-return]
