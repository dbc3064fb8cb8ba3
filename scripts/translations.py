"""Refresh the pt-BR translation: lupdate → fill from the catalogues → lrelease.

    uv run python scripts/translations.py           # update .ts, fill, compile .qm
    uv run python scripts/translations.py --check   # exit 1 if any UI string lacks pt-BR

``resources/translations/pluggto_desktop_pt_BR.ts`` is a normal Qt Linguist file (translators may
edit it with ``pyside6-linguist``); the JSON catalogues in ``resources/translations/catalog/`` are
the authoring aid from which unfinished entries are filled (see the README there).

Plurals, both languages:

* English is the source language, but a source like ``"%n order(s)"`` is no English sentence:
  ``pluggto_desktop_en.ts``/``.qm`` holds only the plural messages, with their English forms from
  ``catalog/en/plurals.json`` ("1 order", "2 orders", "0 orders").
* Qt's plural rule for Portuguese (Brazil) is French-style — 0 and 1 singular, "0 pedido" — but
  the app writes "0 pedidos", "1 pedido", "2 pedidos". lrelease takes the rule from the .ts
  language and has no option for it, so the compiled ``pluggto_desktop_pt_BR.qm`` gets the
  English-style rule (only 1 is singular) written into its NumerusRules block.
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "pluggto_desktop" / "ui"
TRANSLATIONS = ROOT / "resources" / "translations"
TS = TRANSLATIONS / "pluggto_desktop_pt_BR.ts"
QM = TRANSLATIONS / "pluggto_desktop_pt_BR.qm"
EN_TS = TRANSLATIONS / "pluggto_desktop_en.ts"
EN_QM = TRANSLATIONS / "pluggto_desktop_en.qm"
CATALOGS = TRANSLATIONS / "catalog"
EN_PLURALS = CATALOGS / "en" / "plurals.json"

#: .qm file format (qtranslator.cpp): 16-byte magic, then blocks of tag (1 byte), length (4,
#: big-endian), data. NumerusRules holds the plural rule as bytecode: Q_EQ = 0x01, Q_LEQ = 0x03.
QM_MAGIC_LEN = 16
QM_TAG_NUMERUS_RULES = 0x88
#: form 0 when n == 1, else form 1: "0 pedidos", "1 pedido", "2 pedidos"
ONE_IS_SINGULAR = bytes([0x01, 0x01])


def tool(name: str) -> str:
    """A PySide6 tool next to this interpreter, or on PATH."""
    candidate = Path(sys.executable).with_name(name)
    found = str(candidate) if candidate.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install the project's dependencies (uv sync)")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in UI.rglob("*.py"))


def mixin_hosts() -> dict[str, list[str]]:
    """Classes of ui/ that other classes of ui/ are built from (``class QueuePage(QueueFilters,
    …, QWidget)``, ``class PairTable(RowTable)``), with every class built from them. lupdate files
    a base's ``self.tr()`` strings under the base's name, but at run time Qt looks them up under
    the object's own class (``QueuePage``, ``PairTable``): those need them too."""
    bases_of: dict[str, list[str]] = {}
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases_of[node.name] = [b.id for b in node.bases if isinstance(b, ast.Name)]
    hosts: dict[str, list[str]] = {}
    for host in bases_of:
        seen, todo = set(), list(bases_of[host])
        while todo:  # every ui/ ancestor, not just the direct bases
            base = todo.pop()
            if base in bases_of and base not in seen:
                seen.add(base)
                hosts.setdefault(base, []).append(host)
                todo += bases_of[base]
    return hosts


def host_mixin_strings(tree: ET.ElementTree, hosts: dict[str, list[str]]) -> int:
    """Copy each mixin context's messages into its hosts' contexts (see :func:`mixin_hosts`)."""
    root = tree.getroot()
    contexts = {c.findtext("name"): c for c in root.iter("context")}
    copied = 0
    for mixin, host_names in hosts.items():
        source = contexts.get(mixin)
        if source is None:
            continue
        for host in host_names:
            target = contexts.get(host)
            if target is None:
                target = ET.SubElement(root, "context")
                ET.SubElement(target, "name").text = host
                contexts[host] = target
            have = {m.findtext("source") for m in target.iter("message")}
            for message in source.iter("message"):
                if message.findtext("source") not in have:
                    target.append(copy.deepcopy(message))
                    copied += 1
    return copied


def load_catalog() -> dict[str, str | list[str]]:
    catalog: dict[str, str | list[str]] = {}
    for path in sorted(CATALOGS.glob("*.json")):
        catalog.update(json.loads(path.read_text(encoding="utf-8")))
    return catalog


def fill(tree: ET.ElementTree, catalog: dict[str, str | list[str]]) -> tuple[int, list[str]]:
    """Fill unfinished messages from the catalogue; returns (filled, still missing sources)."""
    filled, missing = 0, []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation", type="unfinished")
        if translation.get("type") != "unfinished":  # finished, obsolete or vanished: left alone
            continue
        wanted = catalog.get(source)
        if wanted is None:
            missing.append(source)
            continue
        for child in list(translation):
            translation.remove(child)
        if message.get("numerus") == "yes":
            forms = wanted if isinstance(wanted, list) else [wanted, wanted]
            translation.text = None
            for form in forms:
                ET.SubElement(translation, "numerusform").text = form
        else:
            translation.text = wanted if isinstance(wanted, str) else wanted[-1]
        del translation.attrib["type"]
        filled += 1
    return filled, missing


def set_numerus_rules(qm: Path, rules: bytes) -> bool:
    """Rewrite the plural rule of a compiled .qm; False when it had no NumerusRules block."""
    data = bytearray(qm.read_bytes())
    at = QM_MAGIC_LEN
    while at + 5 <= len(data):
        tag, length = data[at], int.from_bytes(data[at + 1:at + 5], "big")
        if tag == QM_TAG_NUMERUS_RULES:
            data[at:at + 5 + length] = bytes([tag]) + len(rules).to_bytes(4, "big") + rules
            qm.write_bytes(bytes(data))
            return True
        at += 5 + length
    return False


def plural_sources(tree: ET.ElementTree) -> list[str]:
    return [m.findtext("source") or "" for m in tree.getroot().iter("message") if m.get("numerus") == "yes"]


def english_plurals(pt_tree: ET.ElementTree) -> tuple[ET.ElementTree, list[str]]:
    """The English .ts: only the plural messages, filled from catalog/en/plurals.json; returns it
    and the plural sources that have no English forms there."""
    forms: dict[str, list[str]] = json.loads(EN_PLURALS.read_text(encoding="utf-8"))
    root = ET.Element("TS", version="2.1", language="en")
    missing = []
    for context in pt_tree.getroot().iter("context"):
        messages = [m for m in context.iter("message") if m.get("numerus") == "yes"]
        if not messages:
            continue
        out = ET.SubElement(root, "context")
        ET.SubElement(out, "name").text = context.findtext("name")
        for message in messages:
            source = message.findtext("source") or ""
            copy = ET.SubElement(out, "message", numerus="yes")
            for location in message.iter("location"):
                ET.SubElement(copy, "location", location.attrib)
            ET.SubElement(copy, "source").text = source
            translation = ET.SubElement(copy, "translation")
            wanted = forms.get(source)
            if not (isinstance(wanted, list) and len(wanted) == 2):
                missing.append(source)
                translation.set("type", "unfinished")
                continue
            for form in wanted:
                ET.SubElement(translation, "numerusform").text = form
    return ET.ElementTree(root), missing


def unfinished(tree: ET.ElementTree) -> list[str]:
    return [m.findtext("source") or "" for m in tree.getroot().iter("message")
            if (m.find("translation") is None or m.find("translation").get("type") == "unfinished")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only report untranslated strings")
    args = parser.parse_args()
    if args.check:
        missing = unfinished(ET.parse(TS)) + unfinished(ET.parse(EN_TS))
        for source in missing:
            print(f"untranslated: {source!r}")
        return 1 if missing else 0
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    subprocess.run([tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-ts", str(TS)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    tree = ET.parse(TS)
    host_mixin_strings(tree, mixin_hosts())
    filled, missing = fill(tree, load_catalog())
    ET.indent(tree)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    if not set_numerus_rules(QM, ONE_IS_SINGULAR):
        raise SystemExit(f"{QM.name} has no plural rule block: cannot make 0 plural")
    english, no_english = english_plurals(tree)
    ET.indent(english)
    english.write(EN_TS, encoding="utf-8", xml_declaration=True)
    subprocess.run([tool("pyside6-lrelease"), str(EN_TS), "-qm", str(EN_QM)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    print(f"filled {filled} entries; {len(missing)} still untranslated")
    for source in missing:
        print(f"  missing: {source!r}")
    for source in no_english:
        print(f"  missing English plural forms ({EN_PLURALS.relative_to(ROOT)}): {source!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
