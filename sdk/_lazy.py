"""A thread-safe cached property: a Page view is computed once, whoever asks first.

Each view has its own lock. With one lock for the whole page, a view computed by another thread
on its behalf deadlocked: the host computes `page.article` by calling the plugin's
`masthead_article` in a worker thread, and that worker needs `page.blocks`.
"""

from __future__ import annotations

from collections.abc import Callable
from threading import RLock
from typing import Any, Generic, TypeVar

T = TypeVar("T")
_MISSING = object()


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
            return value
        with obj._view_lock:
            lock = obj.__dict__.setdefault("_view_locks", {}).setdefault(self.name, RLock())
        with lock:
            value = cache.get(self.name, _MISSING)
            if value is _MISSING:
                value = self.func(obj)
                cache[self.name] = value
        return value
