"""A Linx product as Plug.to wants it, and what must be sent to bring Plug.to up to date.

Rules (docs/business-rules.md §5 and the channel's product customisation, §2.4):
* which products: active only (setting), optionally only/never some categories or brands;
* shape: a product with several SKUs in Linx (active or not — so the shape never flips when one
  SKU is deactivated) becomes one Plug.to product whose ``sku`` is the product's IntegrationID,
  with one variation per *active* SKU (its options as attributes); a single-SKU product becomes a
  simple product with that SKU's code;
* price = the chosen price field (ListPrice by default); special price = the chosen sale price
  field (RetailPrice) when lower; stock = the chosen warehouse's balance minus the hold-back,
  never below zero;
* properties map to Plug.to attribute codes through the channel's table (unmapped ones are left
  out: marketplace-specific attributes belong in the Plug.to panel).

Change detection: the body is hashed *without* quantities, and quantities are kept per SKU. So
an unchanged product sends nothing, a stock-only change sends just ``PUT /skus/{sku}/stock`` for
the SKUs that changed, and anything else sends the product again.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from pluggto_desktop.domain.models import to_float, to_int, to_str_or_none
from pluggto_desktop.text import Text


@dataclass(frozen=True)
class ProductRules:
    warehouse_id: int = 1
    stock_reserve: int = 0
    price_field: str = "ListPrice"
    special_price_field: str = "RetailPrice"
    only_active: bool = True
    include_categories: tuple[str, ...] = ()
    exclude_categories: tuple[str, ...] = ()
    include_brands: tuple[str, ...] = ()
    exclude_brands: tuple[str, ...] = ()
    attribute_map: dict[str, str] = field(default_factory=dict)


@dataclass
class ProductMapping:
    """What a Linx product becomes. ``body`` is None when the product is not to be published."""

    linx_product_id: int | None
    sku: str  # the Plug.to product sku: the key of the product's job
    title: str
    body: dict[str, Any] | None = None
    stock: dict[str, int] = field(default_factory=dict)  # Plug.to sku → quantity
    content_hash: str | None = None  # the body without quantities
    skip: str | None = None  # "inactive" | "category" | "brand": not published
    problems: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # product_invalid …
    known_skus: tuple[str, ...] = ()  # every SKU code of the product (for zeroing stock)


@dataclass
class ProductPlan:
    """What to send: nothing, the whole product, or only some stock updates."""

    kind: str  # "none" | "full" | "stock"
    stock_updates: dict[str, int] = field(default_factory=dict)
    stock_after: dict[str, int] = field(default_factory=dict)  # what Plug.to will hold


def map_product(product: dict[str, Any], rules: ProductRules) -> ProductMapping:
    skus = [s for s in product.get("SKUs") or [] if isinstance(s, dict) and to_str_or_none(s.get("SKU"))]
    codes = tuple(str(s["SKU"]).strip() for s in skus)
    integration_id = to_str_or_none(product.get("IntegrationID"))
    key = (integration_id or (codes[0] if codes else str(product.get("ProductID", "")))) if len(skus) > 1 \
        else (codes[0] if codes else integration_id or str(product.get("ProductID", "")))
    name = to_str_or_none(product.get("Name")) or ""
    mapping = ProductMapping(linx_product_id=_product_id(product), sku=key, title=name or key, known_skus=codes)
    skip = _skip_reason(product, rules)
    if skip:
        mapping.skip = skip
        return mapping
    problems = _problems(product, skus, rules)
    if problems:
        mapping.problems = problems
        return mapping
    active = [s for s in skus if s.get("IsActive", True) is not False]
    if not active:
        mapping.skip = "inactive"
        return mapping
    body = _common(product, rules)
    if len(skus) > 1:
        variations = [_variation(s, rules) for s in active]
        first = variations[0]
        body.update(sku=key, price=first["price"], quantity=sum(v["quantity"] for v in variations),
                    variations=variations)
        # price and special_price belong to each variation: a product-level sale price would be
        # applied by Plug.to to every variation, so it is sent only when they all share it
        # (docs/business-rules.md, "Product prices")
        special = {v.get("special_price") for v in variations}
        if len(special) == 1 and None not in special:
            body["special_price"] = first["special_price"]
        mapping.stock = {v["sku"]: v["quantity"] for v in variations}
    else:
        single = _variation(skus[0], rules)
        body.update(sku=key, price=single["price"], quantity=single["quantity"])
        if "special_price" in single:
            body["special_price"] = single["special_price"]
        if single.get("ean"):
            body["ean"] = single["ean"]
        mapping.stock = {key: single["quantity"]}
    mapping.body = body
    mapping.content_hash = content_hash(body)
    return mapping


def plan(mapping: ProductMapping, previous_hash: str | None, previous_stock: dict[str, int] | None) -> ProductPlan:
    """Compare with what Plug.to last accepted (``previous_*``, None when never published)."""
    previous_stock = dict(previous_stock or {})
    if mapping.body is None:
        # not published (inactive or filtered out): zero what was published before, once
        updates = {sku: 0 for sku, qty in previous_stock.items() if qty}
        after = {sku: 0 for sku in previous_stock}
        return ProductPlan("stock" if updates else "none", updates, after)
    after = dict(mapping.stock)
    if previous_hash != mapping.content_hash:
        # SKUs published before but now left out (deactivated) keep stock 0 in Plug.to
        stale = {sku: 0 for sku, qty in previous_stock.items() if sku not in after and qty}
        after.update({sku: 0 for sku in previous_stock if sku not in after})
        return ProductPlan("full", stale, after)
    updates = {sku: qty for sku, qty in after.items() if previous_stock.get(sku) != qty}
    for sku, qty in previous_stock.items():
        if sku not in after:
            after[sku] = 0
            if qty:
                updates[sku] = 0
    return ProductPlan("stock" if updates else "none", updates, after)


def content_hash(body: dict[str, Any]) -> str:
    """A hash of the product without its quantities (stock changes are handled apart)."""
    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "quantity"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    canonical = json.dumps(strip(body), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]


# -- pieces -----------------------------------------------------------------------------------------
def _product_id(product: dict[str, Any]) -> int | None:
    value = to_int(product.get("ProductID"), default=-1)
    return value if value >= 0 else None


def _skip_reason(product: dict[str, Any], rules: ProductRules) -> str | None:
    if rules.only_active and product.get("IsActive", True) is False:
        return "inactive"
    categories = [_norm(c.get("Name")) for c in product.get("Categories") or [] if isinstance(c, dict)]
    brand = _norm(product.get("Brand"))
    if rules.include_categories and not _matches(categories, rules.include_categories):
        return "category"
    if rules.exclude_categories and _matches(categories, rules.exclude_categories):
        return "category"
    if rules.include_brands and brand not in {_norm(b) for b in rules.include_brands}:
        return "brand"
    if rules.exclude_brands and brand in {_norm(b) for b in rules.exclude_brands}:
        return "brand"
    return None


def _matches(categories: list[str], wanted: tuple[str, ...]) -> bool:
    """A category matches a rule when the rule names it or one of its parents ("Moda")."""
    for rule in (_norm(w) for w in wanted):
        for category in categories:
            if category == rule or category.startswith(rule + " > "):
                return True
    return False


#: Why a product cannot be published: the ``details`` of a ``product_invalid`` reason, kept in both
#: languages (``details`` / ``details_en``: see domain/reasons.py).
_NO_SKUS = Text("o produto não tem SKUs", "the product has no SKUs")
_NO_NAME = Text("o produto não tem nome", "the product has no name")
_NO_PRICE = Text("o SKU {sku} não tem preço ({field})", "SKU {sku} has no price ({field})")


def _problems(product: dict[str, Any], skus: list[dict[str, Any]], rules: ProductRules) -> list[tuple[str, dict]]:
    key = to_str_or_none(product.get("IntegrationID")) or str(product.get("ProductID", "?"))
    if not skus:
        return [_invalid(key, _NO_SKUS.both())]
    if not to_str_or_none(product.get("Name")):
        return [_invalid(key, _NO_NAME.both())]
    for sku in skus:
        if sku.get("IsActive", True) is not False and to_float(sku.get(rules.price_field), default=0.0) <= 0:
            return [_invalid(sku.get("SKU"), _NO_PRICE.both(sku=sku.get("SKU"), field=rules.price_field))]
    return []


def _invalid(sku: Any, why: tuple[str, str]) -> tuple[str, dict[str, Any]]:
    """A ``product_invalid`` problem; ``why`` is its details in (pt-BR, English)."""
    details, details_en = why
    return "product_invalid", {"sku": sku, "details": details, "details_en": details_en}


def _common(product: dict[str, Any], rules: ProductRules) -> dict[str, Any]:
    body: dict[str, Any] = {"name": to_str_or_none(product.get("Name")) or ""}
    description = to_str_or_none(product.get("Description"))
    if description:
        body["description"] = description
    brand = to_str_or_none(product.get("Brand"))
    if brand:
        body["brand"] = brand
    dims = product.get("Dimensions") or {}
    if isinstance(dims, dict) and dims:
        body["dimension"] = {
            "length": to_float(dims.get("Depth")), "width": to_float(dims.get("Width")),
            "height": to_float(dims.get("Height")), "weight": to_float(dims.get("Weight")),
        }
    photos = sorted((i for i in product.get("Images") or [] if isinstance(i, dict) and i.get("Url")),
                    key=lambda i: to_int(i.get("Order"), default=0))
    if photos:
        body["photos"] = [{"url": p["Url"], "order": n} for n, p in enumerate(photos, start=1)]
    categories = _category_levels(product.get("Categories") or [])
    if categories:
        body["categories"] = [{"name": c} for c in categories]
    attributes = [
        _attribute(p.get("PropertyName"), p.get("Value"), rules.attribute_map[p["PropertyName"]])
        for p in product.get("Properties") or []
        if isinstance(p, dict) and p.get("PropertyName") in rules.attribute_map and p.get("Value") is not None
    ]
    if attributes:
        body["attributes"] = attributes
    return body


def _category_levels(categories: list[Any]) -> list[str]:
    """"Moda > Camisetas" → ["Moda", "Moda > Camisetas"] (Plug.to: one entry per level)."""
    levels: list[str] = []
    for category in categories:
        name = to_str_or_none(category.get("Name")) if isinstance(category, dict) else None
        if not name:
            continue
        parts = [p.strip() for p in name.split(">") if p.strip()]
        for i in range(1, len(parts) + 1):
            level = " > ".join(parts[:i])
            if level not in levels:
                levels.append(level)
    return levels


def _variation(sku: dict[str, Any], rules: ProductRules) -> dict[str, Any]:
    price = round(to_float(sku.get(rules.price_field)), 2)
    sale = round(to_float(sku.get(rules.special_price_field)), 2)
    balance = 0
    for row in sku.get("Inventory") or []:
        if isinstance(row, dict) and to_int(row.get("WarehouseID"), default=-1) == rules.warehouse_id:
            balance = to_int(row.get("StockBalance"))
    variation: dict[str, Any] = {
        "sku": str(sku["SKU"]).strip(),
        "name": to_str_or_none(sku.get("Name")) or str(sku["SKU"]),
        "price": price,
        "quantity": max(0, balance - max(0, rules.stock_reserve)),
    }
    if 0 < sale < price:
        variation["special_price"] = sale
    ean = to_str_or_none(sku.get("EAN"))
    if ean:
        variation["ean"] = ean
    attributes = [
        _attribute(o.get("PropertyName"), o.get("Value"), rules.attribute_map.get(o["PropertyName"]))
        for o in sku.get("Options") or [] if isinstance(o, dict) and o.get("PropertyName")
    ]
    if attributes:
        variation["attributes"] = attributes
    return variation


def _attribute(name: Any, value: Any, code: str | None) -> dict[str, Any]:
    label = str(name)
    text = str(value)
    return {"code": code or _slug(label), "label": label, "value": {"code": text, "label": text}}


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_") or "attribute"


def _norm(value: Any) -> str:
    return " ".join(str(value or "").split()).casefold()
