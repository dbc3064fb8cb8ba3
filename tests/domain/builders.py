"""Realistic Plug.to order dicts for the domain tests.

Values come from the simulator's catalogue (real-looking marketplaces with valid CNPJs, SKUs the
demo store sells), so the tests read like the orders the app will actually see.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from pluggto_desktop.simulator.catalogue import MARKETPLACES, PAYMENT_INTERMEDIARIES

FIXTURES = Path(__file__).parent / "fixtures"

MERCADO_LIVRE = MARKETPLACES[0]  # MercadoLivre, 03007331000141
AMAZON = MARKETPLACES[1]
VALID_PAYMENT_CNPJ = PAYMENT_INTERMEDIARIES[0]
ALNUM_CNPJ = "12ABC34501DE35"  # valid, new format
INVALID_CNPJ = "22211221000121"  # Plug.to's own sample value: invalid check digits


def fixture_7_1() -> dict[str, Any]:
    """docs/pluggto-contract.md §7, as GET /orders/{id} returns it (wrapped in ``{"Order": …}``)."""
    return json.loads((FIXTURES / "pluggto_order_7_1.json").read_text(encoding="utf-8"))


def person(prefix: str, **extra: Any) -> dict[str, Any]:
    """``receiver_*`` or ``payer_*`` fields of a buyer in São Paulo."""
    fields = {
        "name": "Mariana",
        "lastname": "Costa",
        "address": "Avenida Paulista",
        "address_number": "1578",
        "address_complement": "Conjunto 41",
        "address_reference": "Em frente ao MASP",
        "neighborhood": "Bela Vista",
        "city": "São Paulo",
        "state": "SP",
        "country": "BR",
        "zipcode": "01310-200",
        "phone_area": "11",
        "phone": "98765-4321",
        "email": "mariana.costa@example.com",
    }
    fields.update(extra)
    return {f"{prefix}_{key}": value for key, value in fields.items()}


def order_dict(**overrides: Any) -> dict[str, Any]:
    """A bare Plug.to order (not wrapped) sold on Mercado Livre: a T-shirt variation and a mug.

    Totals add up: 2 × 49.90 + 34.90 = 134.70; shipping 15.00; discount 5.00; total 144.70.
    """
    order: dict[str, Any] = {
        "id": "65f0c1a2b3c4d5e6f7a8b9c0",
        "order_id": 2345678,
        "status": "approved",
        "channel": MERCADO_LIVRE.channel,
        "channel_account": "Loja Principal",
        "original_id": "2000004567890123",
        "external": None,
        "created": "2026-11-26T14:03:11.000Z",
        "modified": "2026-11-26T14:05:40.000Z",
        "user_id": 129,
        "ack": False,
        "total": 144.7,
        "subtotal": 134.7,
        "shipping": 15.0,
        "discount": 5.0,
        "delivery_type": "standard",
        "expected_delivery_date": "2026-12-03",
        **person("receiver"),
        **person("payer"),
        "payer_cpf": "529.982.247-25",
        "sale_intermediary": MERCADO_LIVRE.cnpj,
        "payment_intermediary": VALID_PAYMENT_CNPJ,
        "intermediary_seller_id": MERCADO_LIVRE.seller_id,
        "items": [
            {
                "sku": "CAM-AZUL",
                "name": "Camiseta Básica Azul",
                "quantity": 2,
                "price": 49.9,
                "total": 99.8,
                "discount": None,
                "variation": {
                    "sku": "CAM-AZUL-M",
                    "name": "Camiseta Básica Azul - M",
                    "attributes": [
                        {"code": "size", "label": "Tamanho", "value": {"code": "M", "label": "M"}}
                    ],
                },
            },
            {"sku": "CANECA-01", "name": "Caneca Porcelana 300 ml", "quantity": 1,
             "price": 34.9, "total": 34.9},
        ],
        "payments": [
            {"id": "p1", "payment_type": "credit", "payment_method": "Cartão Visa",
             "payment_installments": 2, "payment_total": 144.7}
        ],
        "shipments": [
            {"id": "6560aa11bb22cc33dd44ee55", "shipping_company": "Correios",
             "shipping_method": "SEDEX", "estimate_delivery_date": "2026-12-01"}
        ],
    }
    order.update(overrides)
    return copy.deepcopy(order)
