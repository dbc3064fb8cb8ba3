"""The forms of the setup wizard and of the settings page, one per step/tab, one per module.

* :mod:`.base` — :class:`SetupForm`, what every form does (rows, errors, the core's verdict);
* :mod:`.connection_form` — :class:`ConnectionForm`, credentials and "Testar conexão";
* :mod:`.pluggto_form`, :mod:`.linx_form`, :mod:`.channel_form`, :mod:`.engine_form`,
  :mod:`.app_form` — the five forms;
* :mod:`.pair_table` — :class:`PairTable`, the name → value table of the channel form;
* :mod:`.common` — small pieces the pages share (message lines, splitting a problem line).
"""

from __future__ import annotations

from pluggto_desktop.ui.forms.app_form import AppForm
from pluggto_desktop.ui.forms.base import SetupForm, draft_of, secret_values_of, typed_rows_of
from pluggto_desktop.ui.forms.channel_form import ChannelForm
from pluggto_desktop.ui.forms.common import (
    INVALID_STYLE,
    WARN_COLOUR,
    TextFn,
    error_detail,
    message_label,
    muted_label,
    set_invalid,
    show_message,
    split_list,
    split_problem,
)
from pluggto_desktop.ui.forms.connection_form import ConnectionForm
from pluggto_desktop.ui.forms.engine_form import EngineForm
from pluggto_desktop.ui.forms.linx_form import LinxForm
from pluggto_desktop.ui.forms.pair_table import PairTable
from pluggto_desktop.ui.forms.pluggto_form import DEFAULT_PLUGGTO_URL, PluggtoForm

__all__ = [
    "DEFAULT_PLUGGTO_URL",
    "INVALID_STYLE",
    "WARN_COLOUR",
    "AppForm",
    "ChannelForm",
    "ConnectionForm",
    "EngineForm",
    "LinxForm",
    "PairTable",
    "PluggtoForm",
    "SetupForm",
    "TextFn",
    "draft_of",
    "error_detail",
    "message_label",
    "muted_label",
    "secret_values_of",
    "set_invalid",
    "show_message",
    "split_list",
    "split_problem",
    "typed_rows_of",
]
