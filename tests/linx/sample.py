"""A valid SaveOrder body, in the names of Linx's read model (linx/contract.py), for the tests to
break one rule at a time."""

from __future__ import annotations

import copy
from typing import Any

from pluggto_desktop.linx import contract as c


def sale(number: str = "2000001234567890", brand: str = "MercadoLivre") -> str:
    """The OriginalOrderID (a GUID) of a marketplace sale."""
    return c.sale_uuid(brand, number)


def order_body(
    original_id: str = "2000001234567890",
    brand: str = "MercadoLivre",
    items: list[tuple[str, int, float]] | None = None,
    delivery: float = 10.0,
) -> dict[str, Any]:
    """Totals add up; every SKU (default CAM-AZUL-M ×2, CANECA-01 ×1) is in the demo catalogue.
    ``original_id`` is the marketplace's order number; the body carries its sale GUID."""
    items = items if items is not None else [("CAM-AZUL-M", 2, 30.0), ("CANECA-01", 1, 30.0)]
    lines = [
        {"SKU": sku, "Qty": qty, "Price": price, "DiscountAmount": 0.0, "Total": round(qty * price, 2),
         "ProductName": sku}
        for sku, qty, price in items
    ]
    subtotal = round(sum(line["Total"] for line in lines), 2)
    address = {
        "AddressType": c.ADDRESS_TYPE_SHIPPING, "Name": "Andre Souza", "ContactName": "Andre Souza",
        "AddressLine": "Rua do Bosque", "Number": "440", "AddressNotes": "Ap 22", "Landmark": "",
        "Neighbourhood": "Barra Funda", "City": "São Paulo", "State": "SP", "PostalCode": "01139000",
        "ContactPhone": "11991122111",
    }
    billing = copy.deepcopy(address)
    billing["AddressType"] = c.ADDRESS_TYPE_BILLING
    return {
        "OriginalOrderID": sale(original_id, brand),
        "MarketPlaceBrand": brand,
        "WebSiteID": 1,
        "CreatedChannel": c.CREATED_CHANNEL,
        "Remarks": f"Pedido {brand} {original_id}",
        "CustomerType": "P", "CustomerName": "Andre Souza", "CustomerEmail": "comprador@example.com",
        "CustomerPhone": "11991122111", "CustomerCPF": "12345678909", "CustomerCNPJ": None,
        "CustomerTradingName": None,
        "Addresses": [address, billing],
        "Items": lines,
        "SubTotal": subtotal,
        "DeliveryAmount": delivery,
        "DiscountAmount": 0.0,
        "PaymentTaxAmount": 0.0,
        "Total": round(subtotal + delivery, 2),
        "PaymentMethods": [{"Amount": round(subtotal + delivery, 2), "Installments": 1,
                            "PaymentInfo": {"Alias": "Pix", "Provider": brand}}],
        "DeliveryMethods": [{"CarrierName": "Correios", "DeliveryMethodAlias": "PAC", "Amount": delivery,
                             "DeliveryEstimatedDate": "2026-11-30"}],
        "Properties": [
            {"Name": c.PROP_PLUGGTO_ORDER_ID, "Value": f"plg-{original_id}"},
            {"Name": c.PROP_MARKETPLACE_ORDER_NUMBER, "Value": original_id},
            {"Name": c.PROP_INTERMEDIARY_CNPJ, "Value": "03007331000141"},
            {"Name": c.PROP_INTERMEDIARY_CNPJ_SOURCE, "Value": "order"},
        ],
    }
