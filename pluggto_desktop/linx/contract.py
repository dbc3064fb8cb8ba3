"""Every Linx Commerce name the connector relies on, in one place.

Linx publishes no full reference for its back-office API ("Layer"); linx-contract.md tags each
name [KNOWN] or [ASSUMED]. A support engineer who finds that a real tenant uses another name for
an [ASSUMED] item changes it here, and nothing else in the code base needs to move: the client,
the order mapping and the simulator all read these constants.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Operation:
    """``POST /v1/{module}/API.svc/web/{name}``."""

    module: str
    name: str

    @property
    def path(self) -> str:
        return f"/v1/{self.module}/API.svc/web/{self.name}"


# --- Base URL (linx-contract.md §1) ---------------------------------------------------------
BASE_URL_TEMPLATE = "https://{tenant}.layer.core.dcg.com.br"  # [KNOWN]
HOMOLOG_BASE_URL_TEMPLATE = "https://{tenant}.layer.core-hlg.dcg.com.br"  # [KNOWN]

# --- Operations (linx-contract.md §2) -------------------------------------------------------
OP_SEARCH_ORDER_STATUS = Operation("Sales", "SearchOrderStatus")  # L1 [KNOWN] connection test
OP_SEARCH_ORDERS = Operation("Sales", "SearchOrders")  # L2 [KNOWN]
OP_SAVE_ORDER = Operation("Sales", "SaveOrder")  # L3 [ASSUMED] follows the Save* convention
OP_UPDATE_ORDER = Operation("Sales", "UpdateOrder")  # L4 [KNOWN call]
OP_GET_QUEUE_ORDERS = Operation("Sales", "GetQueueOrders")  # L5 [KNOWN]
OP_DEQUEUE_QUEUE_ITEMS = Operation("Queue", "DequeueQueueItems")  # L6 [KNOWN]
OP_SEARCH_QUEUE_ITEMS = Operation("Queue", "SearchQueueItems")  # L7 [KNOWN]
OP_GET_PRODUCT = Operation("Catalog", "GetProduct")  # L8 [KNOWN call, ASSUMED shape]
OP_SEARCH_PRODUCT = Operation("Catalog", "SearchProduct")  # L9 [KNOWN]

ALL_OPERATIONS = (
    OP_SEARCH_ORDER_STATUS,
    OP_SEARCH_ORDERS,
    OP_SAVE_ORDER,
    OP_UPDATE_ORDER,
    OP_GET_QUEUE_ORDERS,
    OP_DEQUEUE_QUEUE_ITEMS,
    OP_SEARCH_QUEUE_ITEMS,
    OP_GET_PRODUCT,
    OP_SEARCH_PRODUCT,
)

# --- Values -----------------------------------------------------------------------------------
CANCEL_WORKFLOW_TYPE = "CANCELLED"  # L4 [ASSUMED] value of WorkflowType that cancels an order
CREATED_CHANNEL = "Pluggto"  # value of CreatedChannel on orders we create [ASSUMED]
CUSTOMER_TYPE_PERSON = "F"  # Customer.Type for a CPF [KNOWN]
CUSTOMER_TYPE_COMPANY = "J"  # Customer.Type for a CNPJ [KNOWN]
ADDRESS_TYPE_SHIPPING = "Shipping"  # [ASSUMED]
ADDRESS_TYPE_BILLING = "Billing"  # [ASSUMED]
DEFAULT_COUNTRY = "BR"

# Order properties through which Plug.to data travels to the ERP [ASSUMED] (§3).
PROP_PLUGGTO_ORDER_ID = "PluggtoOrderID"
PROP_INTERMEDIARY_CNPJ = "IntermediaryCNPJ"
PROP_INTERMEDIARY_CNPJ_SOURCE = "IntermediaryCNPJSource"
PROP_INTERMEDIARY_SELLER_ID = "IntermediarySellerID"
PROP_PAYMENT_INTERMEDIARY_CNPJ = "PaymentIntermediaryCNPJ"

# GlobalStatus values the status-back flow acts on [ASSUMED names] (§4).
STATUS_INVOICED = "INVOICED"
STATUS_SHIPPED = "SHIPPED"
STATUS_DELIVERED = "DELIVERED"
STATUS_CANCELLED = "CANCELLED"

# Queue feeds (§2, L5/L7).
ORDER_QUEUE_ENTITY_KEY = "OrderID"  # [KNOWN]
ORDER_ENTITY_TYPE = "EZ.Store.Model.Sales.Order"  # [KNOWN]
PRODUCT_QUEUE_ENTITY_KEY = "ProductID"  # [ASSUMED]
PRODUCT_ENTITY_TYPE = "EZ.Store.Model.Catalog.Product"  # [KNOWN]
QUEUE_ORDER_BY = "QueueItemID"  # [KNOWN]
PRODUCT_ORDER_BY = "ProductID"  # [KNOWN]

# Field names used in Where expressions.
FIELD_ORIGINAL_ORDER_ID = "OriginalOrderID"  # [KNOWN]
FIELD_MARKETPLACE_BRAND = "MarketPlaceBrand"  # [KNOWN]

#: Date literals in ``Where`` are written in the store's time zone without an offset [ASSUMED].
STORE_TIMEZONE = "America/Sao_Paulo"
STORE_UTC_OFFSET_HOURS = -3

# Error codes the simulator uses in Errors[].ErrorCode and the client recognises. Real tenants
# may use other codes; the client also reads the field Key, which is [KNOWN] to name the field.
ERROR_SKU_NOT_FOUND = "SKU_NOT_FOUND"  # [ASSUMED]
ERROR_INVALID_POSTAL_CODE = "INVALID_POSTAL_CODE"  # [ASSUMED]
ERROR_INVALID_STATE = "INVALID_STATE"  # [ASSUMED]
ERROR_REQUIRED = "REQUIRED"  # [ASSUMED]
ERROR_EMPTY_ITEMS = "EMPTY_ITEMS"  # [ASSUMED]
ERROR_TOTALS_MISMATCH = "TOTALS_MISMATCH"  # [ASSUMED]
ERROR_ORDER_NOT_FOUND = "ORDER_NOT_FOUND"  # [ASSUMED]

#: The 27 Brazilian federative units (for validating addresses before sending).
BRAZILIAN_STATES = frozenset(
    "AC AL AP AM BA CE DF ES GO MA MT MS MG PA PB PR PE PI RJ RN RS RO RR SC SP SE TO".split()
)
