"""Suporte → Diagnóstico de conexão: "Testar conexões" runs the connection doctor
(``doctor.run_doctor``) in the background and lists its steps for Plug.to and Linx (✓/✗, time,
what was seen, and for a failure what to do); "Copiar relatório" copies the plain-text report.
The latest report is kept in the profile, so the box opens on it.

What each step and failure means is the doctor's (``doctor/``); this box only lays it out.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from pluggto_desktop.doctor import (
    REMOTE_TITLES,
    STEP_MARKS,
    STEP_TITLES,
    DoctorReport,
    RemoteReport,
    Step,
    load_report,
    run_doctor,
)
from pluggto_desktop.ui.forms import muted_label
from pluggto_desktop.ui.widgets.cnpj_field import BAD_COLOUR, MUTED_COLOUR, OK_COLOUR

#: a step's colour by its ``ok`` (its mark is the doctor's)
MARK_COLOURS = {True: OK_COLOUR, False: BAD_COLOUR, None: MUTED_COLOUR}


def _wrapped(text: str) -> QLabel:
    """A selectable label that wraps inside its grid cell, its first line level with the row's."""
    label = QLabel(text)
    policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)  # a plain setSizePolicy would drop it: rows would keep blank lines
    label.setSizePolicy(policy)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class RemoteBox(QGroupBox):
    """One remote's steps, a line each — mark, step, time, what was seen — and under a failed
    step what it means and what to do."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.base_title = title
        self.column = QVBoxLayout(self)
        self.column.setSpacing(4)
        self.proxy = muted_label()
        self.column.addWidget(self.proxy)
        self.rows: list[dict[str, QLabel]] = []
        self._lines: list[QWidget] = []

    def clear(self) -> None:
        for line in self._lines:
            self.column.removeWidget(line)
            line.deleteLater()
        self._lines = []
        self.rows = []

    def _title_width(self, lang: str) -> int:
        bold = self.font()
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        return max(metrics.horizontalAdvance(step.title(lang)) for step in _sample_steps()) + 12

    def show_remote(self, remote: RemoteReport, lang: str, proxy_label: str) -> None:
        self.clear()
        self.setTitle(f"{remote.title} — {remote.url}" if remote.url else remote.title)
        self.proxy.setText(proxy_label.replace("%1", remote.proxy.get(lang) or remote.proxy.get("en", "")))
        self.proxy.setVisible(bool(remote.proxy))
        title_width = self._title_width(lang)
        ms_width = self.fontMetrics().horizontalAdvance("99999 ms") + 4
        for step in remote.steps:
            self.rows.append(self._add_step(step, lang, title_width, ms_width))

    def _add_step(self, step: Step, lang: str, title_width: int, ms_width: int) -> dict[str, QLabel]:
        line = QWidget()
        row = QHBoxLayout(line)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        colour = MARK_COLOURS[step.ok]
        mark = QLabel(STEP_MARKS[step.ok])
        mark.setFixedWidth(self.fontMetrics().horizontalAdvance("✓✗") + 2)
        mark.setStyleSheet(f"color: {colour}; font-weight: 700;")
        title = QLabel(step.title(lang))
        title.setFixedWidth(title_width)
        title.setStyleSheet("font-weight: 600;" if step.ok is not None else f"color: {MUTED_COLOUR};")
        ms = QLabel(f"{step.ms:.0f} ms" if step.ms is not None else "")
        ms.setFixedWidth(ms_width)
        ms.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        ms.setStyleSheet(f"color: {MUTED_COLOUR};")
        detail = _wrapped(step.detail_in(lang))
        if step.ok is None:
            detail.setStyleSheet(f"color: {MUTED_COLOUR};")
        for widget in (mark, title, ms):
            row.addWidget(widget, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(detail, 1)
        self.column.addWidget(line)
        self._lines.append(line)
        labels = {"mark": mark, "title": title, "ms": ms, "detail": detail}
        if step.ok is False and step.explanation_in(lang):
            explanation = _wrapped("→ " + step.explanation_in(lang))
            explanation.setStyleSheet(f"color: {BAD_COLOUR}; margin-left: {mark.width() + 10}px;"
                                      " padding: 1px 0 6px 0;")
            self.column.addWidget(explanation)
            self._lines.append(explanation)
            labels["explanation"] = explanation
        return labels

    def show_empty(self, text: str) -> None:
        self.clear()
        self.setTitle(self.base_title)
        self.proxy.hide()
        label = muted_label(text)
        self.column.addWidget(label)
        self._lines.append(label)


def _sample_steps() -> list[Step]:
    return [Step(name, True) for name in STEP_TITLES]


class ConnectionCheckBox(QGroupBox):
    """The connection check: the buttons, a one-line result and a :class:`RemoteBox` per remote."""

    #: a new report is on screen (the diagnostics zip carries the latest one)
    report_changed = Signal()

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.service = controller.service
        self.report: DoctorReport | None = load_report(self.service.profile)
        self._testing = False
        self._status_key: tuple[str, ...] = ("idle",)
        check = QVBoxLayout(self)
        check.setSpacing(8)
        self.check_intro = muted_label()
        check.addWidget(self.check_intro)
        buttons = QHBoxLayout()
        self.test_button = QPushButton()
        self.test_button.setDefault(True)
        self.test_button.clicked.connect(self.test_connections)
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copy_report)
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.copy_button)
        self.check_status = QLabel()
        self.check_status.setWordWrap(True)
        buttons.addWidget(self.check_status, 1)
        check.addLayout(buttons)
        self.remote_boxes = {name: RemoteBox(title) for name, title in REMOTE_TITLES.items()}
        for box in self.remote_boxes.values():
            check.addWidget(box)

    @property
    def lang(self) -> str:
        return self.controller.lang

    def retranslate(self) -> None:
        self.setTitle(self.tr("Connection check"))
        self.check_intro.setText(self.tr(
            "Follows the path to Plug.to and to the Linx store step by step — name (DNS), connection, "
            "certificate, HTTP answer, sign-in and one real read — and says what to do when a step fails."))
        self.test_button.setText(self.tr("Testing…") if self._testing else self.tr("Test connections"))
        self.copy_button.setText(self.tr("Copy report"))
        self._show_report()
        self._show_check_status()

    def test_connections(self) -> Any:
        if self._testing:
            return None
        self._testing = True
        self._status_key = ("testing",)
        self.test_button.setEnabled(False)
        self.test_button.setText(self.tr("Testing…"))
        self._show_check_status()
        return self.controller.run(self._run_doctor(), what=self.tr("test the connections"))

    async def _run_doctor(self) -> DoctorReport | None:
        try:
            report = await run_doctor(self.service.settings, self.service.secrets, lang=self.lang,
                                      profile=self.service.profile)
        finally:
            if shiboken6.isValid(self):
                self._testing = False
                self.test_button.setEnabled(True)
                self.test_button.setText(self.tr("Test connections"))
        if not shiboken6.isValid(self):
            return report
        self.report = report
        self._status_key = ("done",)
        self._show_report()
        self._show_check_status()
        self.report_changed.emit()
        return report

    def _show_report(self) -> None:
        report = self.report
        for name, box in self.remote_boxes.items():
            remote = report.remote(name) if report is not None else None
            if remote is None:
                box.show_empty(self.tr("Not tested yet: press “Test connections”."))
            else:
                box.show_remote(remote, self.lang, self.tr("Proxy: %1"))
        self.copy_button.setEnabled(report is not None)

    def _show_check_status(self) -> None:
        kind = self._status_key[0]
        report = self.report
        if kind == "testing":
            text, colour = self.tr("Testing the connections…"), MUTED_COLOUR
        elif kind == "copied":
            text, colour = self.tr("Report copied: paste it in the message to support."), OK_COLOUR
        elif report is None:
            text, colour = "", MUTED_COLOUR
        else:
            when = _when(report.started_at)
            failed = [f"{r.title}: {r.failed_step.title(self.lang)}" for r in report.remotes if r.failed_step]
            if not failed:
                text = self.tr("Everything works (tested %1).").replace("%1", when)
                colour = OK_COLOUR
            else:
                text = self.tr("Failed at %1 (tested %2).").replace("%1", "; ".join(failed)).replace("%2", when)
                colour = BAD_COLOUR
        self.check_status.setStyleSheet(f"color: {colour};")
        self.check_status.setText(text)

    def copy_report(self) -> None:
        if self.report is None:
            return
        QGuiApplication.clipboard().setText(self.report.as_text(self.lang))
        self._status_key = ("copied",)
        self._show_check_status()


def _when(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%d/%m %H:%M")
    except ValueError:
        return iso


__all__ = ["ConnectionCheckBox", "RemoteBox"]
