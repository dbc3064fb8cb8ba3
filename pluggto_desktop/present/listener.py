"""The notification listener's address as a person sets it up: the URL to register in Plug.to for
what the form holds, and whether it is reachable beyond this computer without HTTPS in front.

The rules themselves live with the listener (``engine/listener.py``), which serves by them; the
setup form asks here, so a view never reaches into the engine.
"""

from __future__ import annotations

from pluggto_desktop.engine.listener import exposed_without_https, listener_url

__all__ = ["exposed_without_https", "listener_url"]
