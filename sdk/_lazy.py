"""A thread-safe cached property: a Page view is computed once, whoever asks first."""

from __future__ import annotations

import threading
from collections.abc import Callable
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
        # One lock per view, not per page: the article view is computed by a provider running
        # in another thread, which must still be able to compute `blocks` or `links` meanwhile.
        with obj._view_lock:
            locks = cache.setdefault("_view_locks", {})
            lock = locks.setdefault(self.name, threading.RLock())
        with lock:
            value = cache.get(self.name, _MISSING)
            if value is _MISSING:
                value = self.func(obj)
                cache[self.name] = value
        return value
