"""The simulated store's catalogue and the marketplaces orders come from.

Both simulators draw from here, so every SKU a generated order sells exists in the Linx
simulator (except the deliberately unknown ones) and the product feed publishes the same items.
Deterministic: the same arguments always give the same catalogue.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Marketplace:
    """A sales channel as Plug.to names it, with a valid intermediary CNPJ standing for it."""

    channel: str
    cnpj: str  # bare digits, valid
    seller_id: str


MARKETPLACES: tuple[Marketplace, ...] = (
    Marketplace("MercadoLivre", "03007331000141", "MINHALOJA123"),
    Marketplace("Amazon", "15436940000103", "A2Q3Y263D00KWC"),
    Marketplace("Magalu", "47960950000121", "minhaloja"),
    Marketplace("Shopee", "35635824000112", "minhaloja.oficial"),
    Marketplace("Netshoes", "07187493000160", "loja-987"),
)

#: Payment institutions (valid CNPJs) that Plug.to reports as ``payment_intermediary``.
PAYMENT_INTERMEDIARIES: tuple[str, ...] = ("10573521000191", "18727053000174", "01027058000191")

#: A SKU no Linx store has: orders selling it fail with ``unknown_sku``.
UNKNOWN_SKU = "CAM-VERDE-XG"


@dataclass(frozen=True)
class SkuDef:
    sku: str
    name: str
    ean: str
    list_price: float
    retail_price: float
    options: tuple[tuple[str, str], ...] = ()
    stock: int = 10
    active: bool = True


@dataclass(frozen=True)
class ProductDef:
    product_id: int
    integration_id: str
    name: str
    brand: str
    category: str
    skus: tuple[SkuDef, ...] = field(default_factory=tuple)
    active: bool = True
    weight: float = 0.3
    height: float = 2.0
    width: float = 30.0
    depth: float = 40.0

    @property
    def has_variations(self) -> bool:
        return len(self.skus) > 1


_COLOURS = (("AZUL", "Azul"), ("PRETO", "Preto"), ("BRANCO", "Branco"), ("VERMELHO", "Vermelho"))
_SIZES = ("P", "M", "G", "GG")
_SIMPLE = (
    ("CANECA-01", "Caneca Porcelana 300 ml", "Casa > Cozinha", "Lar Feliz", 39.9, 34.9),
    ("GARRAFA-750", "Garrafa Térmica 750 ml", "Esporte > Acessórios", "Hidra", 89.9, 79.9),
    ("MOCHILA-URB", "Mochila Urbana 20 L", "Moda > Bolsas", "Trilha", 199.0, 169.0),
    ("FONE-BT", "Fone de Ouvido Bluetooth", "Eletrônicos > Áudio", "SomMax", 149.0, 129.0),
    ("LIVRO-PY", "Livro Python Fluente", "Livros > Tecnologia", "Novatec", 129.0, 119.0),
)


def _ean(n: int) -> str:
    body = f"789{n:09d}"
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def demo_catalogue() -> list[ProductDef]:
    """The small catalogue of the demo and of most tests: 4 T-shirts × 4 sizes, 5 simple items."""
    products: list[ProductDef] = []
    ean = 1
    for i, (code, label) in enumerate(_COLOURS):
        skus = []
        for size in _SIZES:
            skus.append(
                SkuDef(
                    sku=f"CAM-{code}-{size}",
                    name=f"Camiseta Básica {label} - {size}",
                    ean=_ean(ean),
                    list_price=59.9,
                    retail_price=49.9,
                    options=(("Cor", label), ("Tamanho", size)),
                    stock=5 + (ean * 7) % 20,
                )
            )
            ean += 1
        products.append(
            ProductDef(
                product_id=100 + i,
                integration_id=f"CAM-{code}",
                name=f"Camiseta Básica {label}",
                brand="Marca X",
                category="Moda > Camisetas",
                skus=tuple(skus),
            )
        )
    for j, (sku, name, category, brand, list_price, retail) in enumerate(_SIMPLE):
        products.append(
            ProductDef(
                product_id=200 + j,
                integration_id=sku,
                name=name,
                brand=brand,
                category=category,
                skus=(SkuDef(sku, name, _ean(ean), list_price, retail, (), stock=3 + j * 4),),
            )
        )
        ean += 1
    return products


def large_catalogue(products: int, skus_per_product: int = 4, seed: int = 7) -> list[ProductDef]:
    """A generated catalogue of any size (benchmarks): ``products`` × ``skus_per_product``."""
    rng = random.Random(seed)
    result: list[ProductDef] = []
    for p in range(products):
        pid = 10_000 + p
        skus = tuple(
            SkuDef(
                sku=f"P{pid}-{s}",
                name=f"Produto {pid} variação {s}",
                ean=_ean(100_000 + pid * 10 + s),
                list_price=round(rng.uniform(20, 400), 2),
                retail_price=0.0,
                options=(("Tamanho", _SIZES[s % len(_SIZES)]),),
                stock=rng.randint(0, 50),
            )
            for s in range(skus_per_product)
        )
        skus = tuple(
            SkuDef(k.sku, k.name, k.ean, k.list_price, round(k.list_price * 0.9, 2), k.options, k.stock)
            for k in skus
        )
        result.append(
            ProductDef(
                product_id=pid,
                integration_id=f"P{pid}",
                name=f"Produto {pid}",
                brand=rng.choice(("Marca X", "Marca Y", "Marca Z")),
                category=rng.choice(("Moda > Camisetas", "Casa > Cozinha", "Esporte > Acessórios")),
                skus=skus,
            )
        )
    return result


def all_skus(products: list[ProductDef]) -> dict[str, tuple[ProductDef, SkuDef]]:
    """Index: SKU code → (product, sku)."""
    return {s.sku: (p, s) for p in products for s in p.skus}
