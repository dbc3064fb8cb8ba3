"""The connection doctor: why can't this computer talk to Plug.to or to the Linx store?

For each remote (Plug.to's API URL, the Linx store URL) it walks the path a request takes, one
step at a time, timing each and stopping at the first that fails:

1. **dns** — name resolution (of the proxy, when one is used: the proxy resolves the target);
2. **tcp** — a TCP connection (to the proxy, when one is used);
3. **proxy** — only with a proxy: does it let us through (``CONNECT`` for https)? 407 = it wants
   a user and password;
4. **tls** — the TLS handshake, verified like every client of the app: the operating system's
   trust store plus the extra CA file (``net.ssl_context``). A certificate from an untrusted
   issuer means an antivirus or proxy is inspecting HTTPS; a certificate "not yet valid" or
   "expired" while the computer's clock is off means the clock is wrong. ``http://`` URLs (the
   simulators) skip this step, with a note;
5. **http** — an HTTP answer through the app's own client factory (``net.make_client``);
6. **auth** — the credentials: Plug.to's password grant, Linx's Basic auth on SearchOrderStatus;
7. **read** — one real read: Plug.to ``GET /orders?limit=1``, Linx SearchOrderStatus.

Every failure carries a plain explanation with what to do, in pt-BR and English. The result is a
:class:`DoctorReport` (``as_text(lang)`` for "Copiar relatório", ``to_dict()`` for JSON); the
latest one is kept in the profile (``cache/doctor.json``) for the diagnostics bundle.

* :mod:`.checks` — :func:`run_doctor` and the checks of the two remotes;
* :mod:`.probes` — the network steps (DNS, TCP, proxy, TLS, HTTP);
* :mod:`.explanations` — what each failure means, in both languages;
* :mod:`.report` — the report, its text and where it is kept.
"""

from __future__ import annotations

from pluggto_desktop.doctor.checks import STEP_TIMEOUT, run_doctor
from pluggto_desktop.doctor.probes import EARLIEST_PLAUSIBLE
from pluggto_desktop.doctor.report import (
    AUTH,
    CLOCK_TOLERANCE_S,
    CONFIG,
    DNS,
    HTTP,
    PROXY,
    READ,
    REMOTE_TITLES,
    REPORT_FILE,
    STEP_MARKS,
    STEP_TITLES,
    TCP,
    TLS,
    DoctorReport,
    RemoteReport,
    Step,
    load_report,
    save_report,
)

__all__ = [
    "AUTH",
    "CLOCK_TOLERANCE_S",
    "CONFIG",
    "DNS",
    "EARLIEST_PLAUSIBLE",
    "HTTP",
    "PROXY",
    "READ",
    "REMOTE_TITLES",
    "REPORT_FILE",
    "STEP_MARKS",
    "STEP_TIMEOUT",
    "STEP_TITLES",
    "TCP",
    "TLS",
    "DoctorReport",
    "RemoteReport",
    "Step",
    "load_report",
    "run_doctor",
    "save_report",
]
