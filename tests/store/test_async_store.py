"""AsyncStore (pluggto_desktop/store/async_store.py) is the Store, awaited: every public method
has its twin with the same parameters, so a caller's mistake is a type error, not a surprise."""

from __future__ import annotations

import inspect

from pluggto_desktop.store.async_store import AsyncStore
from pluggto_desktop.store.queue import Store

#: Store methods with no awaited twin: closing has its own pair (close / aclose), and a long
#: export streams on a Store of its own thread (see JobQueries.iter_jobs).
NOT_AWAITED = {"close", "iter_jobs"}


def test_every_public_store_method_is_awaitable_with_the_same_signature() -> None:
    public = {name for name, _ in inspect.getmembers(Store, inspect.isfunction) if not name.startswith("_")}
    for name in sorted(public - NOT_AWAITED):
        twin = getattr(AsyncStore, name, None)
        assert inspect.iscoroutinefunction(twin), f"AsyncStore.{name} is missing"
        mine, theirs = inspect.signature(twin), inspect.signature(getattr(Store, name))
        assert mine.parameters == theirs.parameters, name
        assert mine.return_annotation == theirs.return_annotation, name
