"""A valid SaveOrder body (linx-contract.md §3) for the tests to break one rule at a time."""

from __future__ import annotations

import copy
from typing import Any

from pluggto_desktop.linx import contract as c


def order_body(
    original_id: str = "2000001234567890",
    brand: str = "MercadoLivre",
    items: list[tuple[str, int, float]] | None = None,
    delivery: float = 10.0,
) -> dict[str, Any]:
    """Totals add up; every SKU (default CAM-AZUL-M ×2, CANECA-01 ×1) is in the demo catalogue."""
    items = items if items is not None else [("CAM-AZUL-M", 2, 30.0), ("CANECA-01", 1, 30.0)]
    lines = [
        {"SKU": sku, "Qty": qty, "Price": price, "DiscountAmount": 0.0, "Total": round(qty * price, 2),
         "ProductName": sku}
        for sku, qty, price in items
    ]
    subtotal = round(sum(line["Total"] for line in lines), 2)
    address = {
        "AddressType": c.ADDRESS_TYPE_SHIPPING, "Name": "Andre Souza", "AddressLine": "Rua do Bosque",
        "Number": "440", "AddressNotes": "Ap 22", "Landmark": "", "Neighbourhood": "Barra Funda",
        "City": "São Paulo", "State": "SP", "PostalCode": "01139000", "Country": "BR",
        "ContactPhone": "11991122111",
    }
    billing = copy.deepcopy(address)
    billing["AddressType"] = c.ADDRESS_TYPE_BILLING
    return {
        "OriginalOrderID": original_id,
        "MarketPlaceBrand": brand,
        "WebSiteID": 1,
        "CreatedChannel": c.CREATED_CHANNEL,
        "Customer": {"Name": "Andre Souza", "Email": "comprador@example.com", "Type": "F",
                     "CPF": "12345678909", "CNPJ": None, "TradingName": None, "Phone": "11991122111"},
        "Addresses": [address, billing],
        "Items": lines,
        "SubTotal": subtotal,
        "DeliveryAmount": delivery,
        "DiscountAmount": 0.0,
        "Total": round(subtotal + delivery, 2),
        "PaymentMethods": [{"Amount": round(subtotal + delivery, 2), "Installments": 1,
                            "PaymentInfo": {"Alias": "Pix", "PaymentType": "pix", "Provider": brand}}],
        "DeliveryMethods": [{"Carrier": "Correios", "Method": "PAC", "Amount": delivery,
                             "EstimatedDeliveryDate": "2026-11-30"}],
        "Properties": [
            {"Name": c.PROP_PLUGGTO_ORDER_ID, "Value": f"plg-{original_id}"},
            {"Name": c.PROP_INTERMEDIARY_CNPJ, "Value": "03007331000141"},
            {"Name": c.PROP_INTERMEDIARY_CNPJ_SOURCE, "Value": "order"},
        ],
    }
