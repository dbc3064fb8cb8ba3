"""Write docs/linx-contract.md: every Linx name the connector relies on, with its evidence.

    uv run python scripts/contract_table.py           # rewrite the table
    uv run python scripts/contract_table.py --check   # exit 1 when the file is out of date

The table is generated from the one-line comments of ``pluggto_desktop/linx/contract.py``
(``KNOWN <source>: …`` or ``ASSUMED: …``) so the code and the document can never disagree; a test
runs ``--check``.
"""

from __future__ import annotations

import argparse
import ast
import io
import sys
import tokenize
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = ROOT / "pluggto_desktop" / "linx" / "contract.py"
OUTPUT = ROOT / "docs" / "linx-contract.md"
sys.path.insert(0, str(ROOT))


@dataclass(frozen=True)
class Entry:
    name: str
    value: str
    status: str  # KNOWN | ASSUMED
    source: str | None  # a key of contract.SOURCES (KNOWN only)
    note: str
    section: str


def entries(path: Path = CONTRACT) -> list[Entry]:
    """Every top-level constant whose value is a literal or an ``Operation(...)``, with its comment."""
    text = path.read_text(encoding="utf-8")
    comments = {tok.start[0]: tok.string for tok in tokenize.generate_tokens(io.StringIO(text).readline)
                if tok.type == tokenize.COMMENT}
    section = ""
    sections = {line: c.strip("# -").strip() for line, c in comments.items()
                if c.startswith("# ---")}
    found = []
    for node in ast.parse(text).body:
        for line in sorted(sections):
            if line < node.lineno:
                section = sections[line]
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
            continue
        name = node.targets[0].id
        if not name.isupper() or not _is_plain(node.value):
            continue
        comment = comments.get(node.end_lineno or node.lineno, "").lstrip("#").strip()
        found.append(_entry(name, ast.get_source_segment(text, node.value) or "", comment, section))
    return found


def _is_plain(value: ast.expr) -> bool:
    if isinstance(value, ast.Constant) and isinstance(value.value, (str, int)):
        return True
    return isinstance(value, ast.Call) and getattr(value.func, "id", "") == "Operation"


def _entry(name: str, value: str, comment: str, section: str) -> Entry:
    if comment.startswith("KNOWN "):
        source, _, note = comment[len("KNOWN "):].partition(":")
        return Entry(name, value, "KNOWN", source.strip(), note.strip(), section)
    if comment.startswith("ASSUMED"):
        return Entry(name, value, "ASSUMED", None, comment[len("ASSUMED"):].lstrip(":").strip(), section)
    return Entry(name, value, "", None, comment, section)


def render() -> str:
    from pluggto_desktop.linx.contract import SOURCES

    rows = entries()
    known = sum(1 for e in rows if e.status == "KNOWN")
    lines = [
        "# The Linx Commerce contract, name by name",
        "",
        "Generated from `pluggto_desktop/linx/contract.py` by `scripts/contract_table.py` — do not edit by hand.",
        "",
        f"{len(rows)} names and values: **{known} KNOWN** from public code that real stores run, "
        f"**{len(rows) - known} ASSUMED**. With a real tenant, verify the ASSUMED rows first — above all "
        "`SaveOrder` and its body (no public client writes an order), `AddressType` values, the "
        "`GlobalStatus`/`ShipmentStatus` values and the cancel `WorkflowType`. Each one is corrected in "
        "`linx/contract.py` alone.",
        "",
        "## What public code shows, and what it does not",
        "",
        "* **How a hub order is written to Linx is not public.** Searched again (2026-12): no public "
        "repository calls `Sales/API.svc/web/SaveOrder` or any other order-creating operation of the Layer "
        "API — neither Plug.to's SDK and modules, nor the SAP B1 and Spree connectors, nor the Linx clients "
        "(`CayoKume/Newbloomers` lists no save in its `IOrderService`). Linx's own help page on external "
        "orders names a `SaveOrder` method that \"is not visible in the swagger\" and asks for items, "
        "customer and delivery data, without a body. So the operation and its body stay ASSUMED: the body "
        "uses the read model's names below, which are KNOWN.",
        "* **The read model is known** from a Linx Commerce client a store's own team runs "
        "(`CayoKume/Newbloomers`, `src/Jobs/LinxCommerce/`): GUID ids, flat `Customer*` fields, integer "
        "`AddressType`, tracking in `Shipments[].Packages[]`, the carrier on the delivery method, "
        "`PaymentTaxAmount`, `CancelledDate`. No public source has a delivered date.",
        "* **Status values are not public.** `GlobalStatus`, `ShipmentStatus` (one character wide in that "
        "client) and `PaymentStatus` appear without values; one public script reads them as numbers. Status "
        "back therefore decides from data where it can (invoice issued, packages shipped, cancelled date).",
        "* `AddressType` 68 (`'D'`, delivery) is how one public Python client of this API reads the "
        "shipping address; its repository is not named by the public index we searched, hence ASSUMED.",
        "",
        "## Sources",
        "",
        "| Key | Repository | Path |",
        "|---|---|---|",
    ]
    lines += [f"| {key} | `{repo}` | `{path}` |" for key, (repo, path) in SOURCES.items()]
    section = None
    for entry in rows:
        if entry.section != section:
            section = entry.section
            lines += ["", f"## {section}", "", "| Name | Value | Evidence | Note |", "|---|---|---|---|"]
        evidence = f"KNOWN ({entry.source})" if entry.status == "KNOWN" else entry.status or "—"
        lines.append(f"| `{entry.name}` | `{_cell(entry.value)}` | {evidence} | {_cell(entry.note)} |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/linx-contract.md is out of date")
    args = parser.parse_args()
    text = render()
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT.relative_to(ROOT)} is out of date: run `uv run python scripts/contract_table.py`")
            return 1
        return 0
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
