"""JSON from the outside world, made safe once, where it enters.

JSON may escape a *lone* UTF-16 surrogate (``"\\ud83d"``: half of an emoji cut by a marketplace's
length limit). ``json.loads`` accepts it and gives a Python string that cannot be encoded to
UTF-8, so it breaks much later and far away: the SQLite write of the order, the body sent to Linx,
a log line. Every JSON body a remote sends us (Plug.to, Linx, a notification) is decoded here and
each lone surrogate becomes U+FFFD (�), the character a UTF-8 decoder uses for the same damage.
The rest of the text is untouched.
"""

from __future__ import annotations

import json
import re
from typing import Any

REPLACEMENT = "\ufffd"

# A JSON escape of a surrogate code unit (\uD800–\uDFFF). Only an escape can produce a surrogate:
# real UTF-8 cannot encode one, so a body without this pattern needs no walk at all.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_SURROGATE_ESCAPE_TEXT = re.compile(r"\\u[dD][89a-fA-F]|[\ud800-\udfff]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class TooDeep(ValueError):
    """A JSON document nested deeper than the parser can follow (hostile or broken input)."""


def loads(raw: bytes | str) -> Any:
    """``json.loads`` whose strings (keys included) never hold a lone surrogate.

    Raises ``ValueError`` on malformed input (``json.JSONDecodeError``, ``UnicodeDecodeError``),
    and also on a document nested too deeply for the parser (:class:`TooDeep`), which
    ``json.loads`` reports as a ``RecursionError`` that callers would not expect. A valid
    surrogate *pair* is joined by ``json.loads`` itself.
    """
    try:
        value = json.loads(raw)
    except RecursionError:
        raise TooDeep("the JSON document is nested too deeply") from None
    found = _SURROGATE_ESCAPE_TEXT.search(raw) if isinstance(raw, str) else _SURROGATE_ESCAPE.search(raw)
    if found:
        return clean(value)
    return value


def clean_text(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD."""
    return _LONE_SURROGATE.sub(REPLACEMENT, text)


def clean(value: Any) -> Any:
    """A copy of a decoded JSON value with every string passed through :func:`clean_text`.

    Iterative, so a deeply nested document cannot exhaust the recursion limit here.
    """
    root: list[Any] = [value]
    stack: list[tuple[Any, Any]] = [(root, 0)]
    while stack:
        container, key = stack.pop()
        item = container[key]
        if isinstance(item, str):
            container[key] = clean_text(item)
        elif isinstance(item, list):
            copy = list(item)
            container[key] = copy
            stack.extend((copy, i) for i in range(len(copy)))
        elif isinstance(item, dict):
            copy_dict = {clean_text(k): v for k, v in item.items()}
            container[key] = copy_dict
            stack.extend((copy_dict, k) for k in copy_dict)
    return root[0]


__all__ = ["REPLACEMENT", "TooDeep", "clean", "clean_text", "loads"]
