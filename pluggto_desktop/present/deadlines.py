"""The deadline watch for people: the Painel's card and an order's deadline line (the rule and
its words are ``domain/deadlines.py``'s)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pluggto_desktop.domain import deadlines as rules
from pluggto_desktop.domain.deadlines import LATE, NEAR, Deadline
from pluggto_desktop.text import Text

NONE_CLOSE = Text("Nenhum pedido perto do prazo de faturar ou de enviar.",
                  "No order close to its invoice or shipping deadline.")
#: the Pedidos filter's choices: (key, words)
FILTERS = (("watch", Text("Perto do prazo ou atrasados", "Close to or past the deadline")),
           (NEAR, Text("Perto do prazo", "Close to the deadline")),
           (LATE, Text("Atrasados", "Late")))


@dataclass(frozen=True)
class Card:
    late: int
    near: int
    late_label: str
    near_label: str
    summary: str  # "2 pedidos atrasados para faturar; …", or that none is close
    level: str  # "error" with late orders, "warning" with close ones, else "ok"


def card(counts: Mapping[str, Mapping[str, int]], lang: str) -> Card:
    late, near = rules.total(counts, (LATE,)), rules.total(counts, (NEAR,))
    return Card(late, near, rules.state_label(LATE, lang), rules.state_label(NEAR, lang),
                rules.summary_text(counts, lang) or NONE_CLOSE(lang),
                "error" if late else "warning" if near else "ok")


def job_line(deadline: Deadline | None, now: float, lang: str) -> str | None:
    """An order's deadline in words for its details ("Atrasado para faturar (prazo 02/12 14:00)"),
    None when it is not watched."""
    return rules.describe(deadline, now, lang) if deadline is not None else None


def empty_counts() -> dict[str, dict[str, int]]:
    return rules.empty_counts()


__all__ = ["FILTERS", "NONE_CLOSE", "Card", "card", "empty_counts", "job_line"]
