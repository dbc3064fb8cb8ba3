"""Every Linx name says where it comes from, and docs/linx-contract.md is the table of them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pluggto_desktop.linx import contract as c

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import contract_table  # noqa: E402  (a script, found through the path above)


def test_every_name_is_known_from_a_named_source_or_said_to_be_assumed() -> None:
    entries = contract_table.entries()
    assert len(entries) > 150
    for entry in entries:
        assert entry.status in ("KNOWN", "ASSUMED"), f"{entry.name} has no evidence comment"
        if entry.status == "KNOWN":
            assert entry.source in c.SOURCES, f"{entry.name} cites an unknown source {entry.source!r}"
        assert entry.note, f"{entry.name}: say what the source shows, or why it is assumed"


def test_the_corrected_read_model_is_known_and_the_write_is_assumed() -> None:
    status = {e.name: e.status for e in contract_table.entries()}
    for name in ("FIELD_ORIGINAL_ORDER_ID", "ORDER_ID", "ORDER_CUSTOMER_TYPE", "CUSTOMER_TYPE_PERSON",
                 "CUSTOMER_TYPE_COMPANY", "ADDRESS_TYPE", "PACKAGE_TRACKING_NUMBER", "PACKAGE_TRACKING_URL",
                 "PACKAGE_SHIPPED_DATE", "DELIVERY_CARRIER_NAME", "DELIVERY_METHOD_ALIAS", "ORDER_PAYMENT_TAX_AMOUNT",
                 "WORKFLOW_SHIPPED"):
        assert status[name] == "KNOWN", name
    for name in ("OP_SAVE_ORDER", "CANCEL_WORKFLOW_TYPE", "ADDRESS_TYPE_SHIPPING", "STATUS_DELIVERED"):
        assert status[name] == "ASSUMED", name


def test_the_generated_table_is_up_to_date() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "contract_table.py"), "--check"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_sale_id_formula() -> None:
    assert c.sale_uuid("MercadoLivre", "2000001234567890") == "f574badd-0f49-5812-ba7f-f3af33d989f2"
    assert c.parse_guid("{F574BADD0F495812BA7FF3AF33D989F2}") == "f574badd-0f49-5812-ba7f-f3af33d989f2"
    assert c.parse_guid("2000001234567890") is None and c.parse_guid(None) is None
