"""The Suporte page, a box per thing it shows (see :mod:`.page`)."""

from pluggto_desktop.ui.support.page import SupportPage

__all__ = ["SupportPage"]
