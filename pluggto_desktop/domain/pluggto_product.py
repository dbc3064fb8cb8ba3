"""Plug.to's product (``GET /skus/{sku}``, ``GET /products/{id}``), read leniently: its
variations, attributes, dimensions, photos and categories, and :func:`parse_product`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from pluggto_desktop.domain.coerce import (
    as_dict,
    as_dicts,
    to_float,
    to_float_or_none,
    to_int,
    to_str_or_none,
    unwrap,
)


@dataclass
class ProductAttribute:
    """``attributes[]`` entry: ``{code, label, value: {code, label}}`` flattened."""

    code: str | None
    label: str | None = None
    value: str | None = None  # the value's label, else its code (or the plain value)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ProductAttribute:
        raw_value = data.get("value")
        if isinstance(raw_value, dict):
            value = to_str_or_none(raw_value.get("label")) or to_str_or_none(raw_value.get("code"))
        else:
            value = to_str_or_none(raw_value)
        return cls(
            code=to_str_or_none(data.get("code")),
            label=to_str_or_none(data.get("label")),
            value=value,
        )


@dataclass
class Dimension:
    """``dimension``; Plug.to does not document units (cm/kg in practice)."""

    length: float | None = None
    width: float | None = None
    height: float | None = None
    weight: float | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Dimension:
        return cls(
            length=to_float_or_none(data.get("length")),
            width=to_float_or_none(data.get("width")),
            height=to_float_or_none(data.get("height")),
            weight=to_float_or_none(data.get("weight")),
        )


@dataclass
class PluggtoVariation:
    """One variation of a product; it is a SKU of its own (stock updates target it)."""

    sku: str | None
    id: str | None = None
    name: str | None = None
    price: float | None = None
    special_price: float | None = None
    quantity: int = 0
    ean: str | None = None
    photos: list[str] = field(default_factory=list)
    attributes: list[ProductAttribute] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PluggtoVariation:
        return cls(
            sku=to_str_or_none(data.get("sku")),
            id=to_str_or_none(data.get("id")),
            name=to_str_or_none(data.get("name")),
            price=to_float_or_none(data.get("price")),
            special_price=to_float_or_none(data.get("special_price")),
            quantity=to_int(data.get("quantity")),
            ean=to_str_or_none(data.get("ean")),
            photos=_photo_urls(data.get("photos")),
            attributes=[ProductAttribute.from_dict(a) for a in as_dicts(data.get("attributes"))],
        )


@dataclass
class PluggtoProduct:
    """A Plug.to product; ``variations`` is empty for a simple product."""

    sku: str | None
    id: str | None = None
    name: str | None = None
    price: float | None = None
    special_price: float | None = None
    quantity: int = 0
    ean: str | None = None
    brand: str | None = None
    photos: list[str] = field(default_factory=list)  # URLs, in Plug.to's order
    categories: list[str] = field(default_factory=list)  # names, e.g. "Moda > Camisetas"
    attributes: list[ProductAttribute] = field(default_factory=list)
    variations: list[PluggtoVariation] = field(default_factory=list)
    dimension: Dimension = field(default_factory=Dimension)
    raw: dict[str, Any] = field(default_factory=dict)


def _photo_urls(value: Any) -> list[str]:
    """``photos[]`` entries are objects with ``url`` (sorted by ``order`` when given) or strings."""
    entries: list[tuple[float, int, str]] = []
    for position, entry in enumerate(value if isinstance(value, list) else []):
        if isinstance(entry, dict):
            url = to_str_or_none(entry.get("url"))
            rank = to_float(entry.get("order"), default=math.inf)
        else:
            url, rank = to_str_or_none(entry), math.inf
        if url:
            entries.append((rank, position, url))
    return [url for _, _, url in sorted(entries)]


def _category_names(value: Any) -> list[str]:
    names = []
    for entry in value if isinstance(value, list) else []:
        name = to_str_or_none(entry.get("name") if isinstance(entry, dict) else entry)
        if name:
            names.append(name)
    return names


def parse_product(data: Any) -> PluggtoProduct:
    """Build a :class:`PluggtoProduct` from ``{"Product": {...}}`` or the bare product dict.

    Raises ``ValueError`` only when ``data`` is not a dict or has neither ``sku`` nor ``id``.
    """
    data = unwrap(data, "Product")
    if not isinstance(data, dict):
        raise ValueError(f"a Plug.to product must be a JSON object, got {type(data).__name__}")
    sku = to_str_or_none(data.get("sku"))
    product_id = to_str_or_none(data.get("id"))
    if sku is None and product_id is None:
        raise ValueError("the Plug.to product has neither sku nor id")
    return PluggtoProduct(
        sku=sku,
        id=product_id,
        name=to_str_or_none(data.get("name")),
        price=to_float_or_none(data.get("price")),
        special_price=to_float_or_none(data.get("special_price")),
        quantity=to_int(data.get("quantity")),
        ean=to_str_or_none(data.get("ean")),
        brand=to_str_or_none(data.get("brand")),
        photos=_photo_urls(data.get("photos")),
        categories=_category_names(data.get("categories")),
        attributes=[ProductAttribute.from_dict(a) for a in as_dicts(data.get("attributes"))],
        variations=[PluggtoVariation.from_dict(v) for v in as_dicts(data.get("variations"))],
        dimension=Dimension.from_dict(as_dict(data.get("dimension"))),
        raw=data,
    )
