"""Linx product → Plug.to product, and the smallest set of writes that brings Plug.to up to date."""

from __future__ import annotations

import copy

import pytest

from pluggto_desktop.domain.products import ProductRules, content_hash, map_product, plan


def sku(code: str, *, stock: int = 7, active: bool = True, list_price: float = 59.9, retail: float = 49.9,
        options=(("Tamanho", "M"),), warehouse2: int = 3) -> dict:
    return {"SkuID": 1, "SKU": code, "Name": f"Camiseta - {code}", "EAN": "7890000000001",
            "ListPrice": list_price, "RetailPrice": retail, "IsActive": active,
            "Options": [{"PropertyName": n, "Value": v} for n, v in options],
            "Inventory": [{"WarehouseID": 1, "StockBalance": stock}, {"WarehouseID": 2, "StockBalance": warehouse2}]}


def product(*skus: dict, active: bool = True, brand: str = "Marca X", category: str = "Moda > Camisetas") -> dict:
    return {"ProductID": 123, "IntegrationID": "CAM-AZUL", "Name": "Camiseta Básica Azul",
            "Description": "<p>Algodão</p>", "Brand": brand, "IsActive": active,
            "Categories": [{"Name": category}], "Images": [{"Url": "https://x/2.jpg", "Order": 2},
                                                           {"Url": "https://x/1.jpg", "Order": 1}],
            "Properties": [{"PropertyName": "Material", "Value": "Algodão"}, {"PropertyName": "Origem", "Value": "BR"}],
            "Dimensions": {"Weight": 0.3, "Height": 2, "Width": 30, "Depth": 40}, "SKUs": list(skus)}


RULES = ProductRules(attribute_map={"Material": "material"})


def test_several_skus_become_one_product_with_variations() -> None:
    m = map_product(product(sku("CAM-AZUL-M", stock=7), sku("CAM-AZUL-G", stock=2, options=(("Tamanho", "G"),))), RULES)
    body = m.body
    assert m.sku == body["sku"] == "CAM-AZUL" and m.linx_product_id == 123
    assert [v["sku"] for v in body["variations"]] == ["CAM-AZUL-M", "CAM-AZUL-G"]
    first = body["variations"][0]
    assert first["price"] == 59.9 and first["special_price"] == 49.9 and first["quantity"] == 7
    assert first["attributes"] == [{"code": "tamanho", "label": "Tamanho", "value": {"code": "M", "label": "M"}}]
    assert body["quantity"] == 9
    assert body["categories"] == [{"name": "Moda"}, {"name": "Moda > Camisetas"}]
    assert [p["url"] for p in body["photos"]] == ["https://x/1.jpg", "https://x/2.jpg"]
    assert body["attributes"] == [{"code": "material", "label": "Material",
                                   "value": {"code": "Algodão", "label": "Algodão"}}]  # unmapped Origem left out
    assert body["dimension"] == {"length": 40.0, "width": 30.0, "height": 2.0, "weight": 0.3}
    assert m.stock == {"CAM-AZUL-M": 7, "CAM-AZUL-G": 2}


def test_a_product_level_sale_price_only_when_every_variation_shares_it() -> None:
    """Plug.to applies a product-level special_price to every variation (Plug.to's OpenCart module
    copies it to all of them): one variation on sale must not put the others on sale."""
    on_sale = map_product(product(sku("A-M", retail=39.9), sku("A-G", retail=59.9, options=(("Tamanho", "G"),))), RULES)
    assert "special_price" not in on_sale.body
    assert [v.get("special_price") for v in on_sale.body["variations"]] == [39.9, None]
    large = sku("A-G", retail=44.9, options=(("Tamanho", "G"),))
    different = map_product(product(sku("A-M", retail=39.9), large), RULES)
    assert "special_price" not in different.body
    shared = map_product(product(sku("A-M", retail=39.9), sku("A-G", retail=39.9, options=(("Tamanho", "G"),))), RULES)
    assert shared.body["special_price"] == 39.9


def test_a_single_sku_is_a_simple_product_with_its_code() -> None:
    m = map_product(product(sku("CANECA-01", stock=4)), RULES)
    assert m.sku == m.body["sku"] == "CANECA-01" and "variations" not in m.body
    assert m.body["ean"] == "7890000000001" and m.stock == {"CANECA-01": 4}


def test_price_choice_warehouse_and_hold_back() -> None:
    rules = ProductRules(price_field="RetailPrice", special_price_field="ListPrice", warehouse_id=2, stock_reserve=5)
    m = map_product(product(sku("A", stock=7, warehouse2=3)), rules)
    assert m.body["price"] == 49.9 and "special_price" not in m.body  # the "sale" price is not lower
    assert m.stock == {"A": 0}  # 3 − 5 is never below zero
    same_price = map_product(product(sku("A", list_price=10, retail=10)), RULES)
    assert "special_price" not in same_price.body


def test_an_inactive_sku_is_left_out_but_the_shape_stays() -> None:
    m = map_product(product(sku("A-M"), sku("A-G", active=False)), RULES)
    assert m.sku == "CAM-AZUL" and [v["sku"] for v in m.body["variations"]] == ["A-M"]
    assert m.known_skus == ("A-M", "A-G")


@pytest.mark.parametrize("rules, skip", [
    (ProductRules(include_categories=("Casa",)), "category"),
    (ProductRules(exclude_categories=("moda",)), "category"),  # a parent category, any case
    (ProductRules(include_categories=("Moda",)), None),
    (ProductRules(include_brands=("Outra",)), "brand"),
    (ProductRules(exclude_brands=(" marca  x ",)), "brand"),
])
def test_channel_filters(rules: ProductRules, skip: str | None) -> None:
    assert map_product(product(sku("A")), rules).skip == skip


def test_inactive_products_are_not_published() -> None:
    assert map_product(product(sku("A"), active=False), RULES).skip == "inactive"
    assert map_product(product(sku("A"), active=False), ProductRules(only_active=False)).skip is None


@pytest.mark.parametrize("broken, words", [
    (product(), "não tem SKUs"),
    ({**product(sku("A")), "Name": " "}, "não tem nome"),
    (product(sku("A", list_price=0)), "não tem preço"),
])
def test_invalid_products_are_explained(broken: dict, words: str) -> None:
    m = map_product(broken, RULES)
    assert m.body is None and m.problems[0][0] == "product_invalid" and words in m.problems[0][1]["details"]
    assert m.problems[0][1]["details_en"].startswith(("the product has no", "SKU "))  # and its English beside it


def test_plan_sends_nothing_when_unchanged_and_only_stock_when_only_stock_changed() -> None:
    m = map_product(product(sku("A-M", stock=7), sku("A-G", stock=2)), RULES)
    assert plan(m, None, None).kind == "full"
    assert plan(m, m.content_hash, m.stock).kind == "none"
    stock_only = plan(m, m.content_hash, {"A-M": 7, "A-G": 5})
    assert stock_only.kind == "stock" and stock_only.stock_updates == {"A-G": 2}
    changed = copy.deepcopy(product(sku("A-M", stock=7, list_price=69.9), sku("A-G", stock=2)))
    assert plan(map_product(changed, RULES), m.content_hash, m.stock).kind == "full"


def test_quantities_do_not_change_the_content_hash() -> None:
    a = map_product(product(sku("A", stock=1)), RULES)
    b = map_product(product(sku("A", stock=99)), RULES)
    assert a.content_hash == b.content_hash == content_hash(b.body)


def test_deactivated_skus_and_products_get_stock_zero_once() -> None:
    before = map_product(product(sku("A-M", stock=7), sku("A-G", stock=2)), RULES)
    after = map_product(product(sku("A-M", stock=7), sku("A-G", stock=2, active=False)), RULES)
    p = plan(after, before.content_hash, before.stock)
    assert p.kind == "full" and p.stock_updates == {"A-G": 0} and p.stock_after["A-G"] == 0
    assert plan(after, after.content_hash, p.stock_after).kind == "none"  # not again
    gone = map_product(product(sku("A-M", stock=7), active=False), RULES)
    p = plan(gone, before.content_hash, before.stock)
    assert p.kind == "stock" and p.stock_updates == {"A-M": 0, "A-G": 0}
    assert plan(gone, before.content_hash, p.stock_after).kind == "none"
    never_published = plan(gone, None, None)
    assert never_published.kind == "none"
