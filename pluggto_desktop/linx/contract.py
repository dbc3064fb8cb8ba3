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

#: Date literals in ``Where`` are written in the store's time zone (America/Sao_Paulo, no daylight
#: saving since 2019) without an offset [ASSUMED].
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

# ==============================================================================================
# Added with the Linx client and simulator: the JSON names they read and write. Nothing above
# was renamed; these only give every remaining Linx name a single home.
# ==============================================================================================

# --- Request / response envelope (§1) [KNOWN] -------------------------------------------------
KEY_PAGE = "Page"
KEY_PAGE_INDEX = "PageIndex"  # 0-based
KEY_PAGE_SIZE = "PageSize"
KEY_PAGE_COUNT = "PageCount"
KEY_RECORD_COUNT = "RecordCount"
KEY_WHERE = "Where"
KEY_WHERE_METADATA = "WhereMetadata"
KEY_ORDER_BY = "OrderBy"
KEY_RESULT = "Result"
KEY_IS_VALID = "IsValid"
KEY_ERRORS = "Errors"
KEY_WARNINGS = "Warnings"
KEY_ERROR_KEY = "Key"  # names the offending field, e.g. "Items[0].SKU"
KEY_ERROR_CODE = "ErrorCode"
KEY_ERROR_MESSAGE = "ErrorMessage"
KEY_WORKFLOW_TYPE = "WorkflowType"  # L4
KEY_QUEUE_ID = "QueueID"  # L5, L7 request; also a queue item field
KEY_QUEUE_ITEMS = "QueueItems"  # L6 request: list of QueueItemID
KEY_QUEUE_ORDER = "Order"  # L5 Result entry: the full order ...
KEY_QUEUE_ITEM = "QueueItem"  # ... and the queue item that names it

# --- Order fields (§3 written, §4 read) --------------------------------------------------------
ORDER_ID = "OrderID"  # 32-hex id given by the store [KNOWN]
ORDER_NUMBER = "OrderNumber"  # human-facing number, a string [KNOWN]
ORDER_GLOBAL_STATUS = "GlobalStatus"  # [KNOWN]
ORDER_CREATED_DATE = "CreatedDate"
ORDER_MODIFIED_DATE = "ModifiedDate"
ORDER_WEBSITE_ID = "WebSiteID"
ORDER_CREATED_CHANNEL = "CreatedChannel"
ORDER_CUSTOMER = "Customer"
CUSTOMER_NAME = "Name"
ORDER_ADDRESSES = "Addresses"
ADDRESS_POSTAL_CODE = "PostalCode"
ADDRESS_STATE = "State"
ORDER_ITEMS = "Items"
ITEM_SKU = "SKU"
ITEM_QTY = "Qty"
ITEM_PRICE = "Price"
ITEM_DISCOUNT_AMOUNT = "DiscountAmount"
ITEM_TOTAL = "Total"
ITEM_PRODUCT_NAME = "ProductName"
ORDER_SUB_TOTAL = "SubTotal"
ORDER_DELIVERY_AMOUNT = "DeliveryAmount"
ORDER_DISCOUNT_AMOUNT = "DiscountAmount"
ORDER_TOTAL = "Total"
ORDER_PROPERTIES = "Properties"  # list of {"Name", "Value"} [ASSUMED]
ORDER_PROPERTY_NAME = "Name"
ORDER_PROPERTY_VALUE = "Value"
ORDER_INVOICE = "OrderInvoice"  # §4
INVOICE_CODE = "Code"  # the 44-digit NF-e key
INVOICE_NUMBER = "Number"
INVOICE_SERIES = "Series"
INVOICE_ISSUED_AT = "IssuedAt"
INVOICE_URL = "Url"
INVOICE_CFOP = "CFOP"
INVOICE_IS_ISSUED = "IsIssued"
ORDER_SHIPMENTS = "Shipments"
SHIPMENT_NUMBER = "ShipmentNumber"
SHIPMENT_STATUS = "ShipmentStatus"
SHIPMENT_CARRIER = "Carrier"
SHIPMENT_METHOD = "Method"
SHIPMENT_TRACKING_NUMBER = "TrackingNumber"
SHIPMENT_TRACKING_URL = "TrackingUrl"
SHIPMENT_SHIPPED_DATE = "ShippedDate"
SHIPMENT_DELIVERED_DATE = "DeliveredDate"

#: GlobalStatus of a freshly created order; the connector does not act on it [ASSUMED].
STATUS_NEW = "NEW"

# L1 (SearchOrderStatus) result entries [ASSUMED]; only the simulator writes them.
ORDER_STATUS_ID = "OrderStatusID"
ORDER_STATUS_NAME = "Name"

# --- Queue items (§2, L5/L6/L7) [KNOWN] -------------------------------------------------------
QUEUE_ITEM_ID = "QueueItemID"
QUEUE_ENTITY_KEY_NAME = "EntityKeyName"
QUEUE_ENTITY_KEY_VALUE = "EntityKeyValue"
QUEUE_ENTITY_TYPE_NAME = "EntityTypeName"
QUEUE_DOMAIN_EVENT = "DomainEventTypeName"
QUEUE_ATTEMPTS = "Attempts"
QUEUE_CREATED_DATE = "CreatedDate"
QUEUE_LOCK_DATE = "LockDate"

# DomainEventTypeName values the simulator puts on the feeds [ASSUMED]; the connector reads
# GlobalStatus, not these, so a tenant using other event names needs no change.
EVENT_ORDER_INVOICED = "OrderInvoiced"
EVENT_ORDER_SHIPPED = "OrderShipped"
EVENT_ORDER_DELIVERED = "OrderDelivered"
EVENT_ORDER_CANCELLED = "OrderCancelled"
EVENT_PRODUCT_CHANGED = "ProductChanged"

# --- Product fields (§5, L8/L9) [ASSUMED shape] -------------------------------------------------
PRODUCT_ID = "ProductID"
PRODUCT_INTEGRATION_ID = "IntegrationID"
PRODUCT_NAME = "Name"
PRODUCT_DESCRIPTION = "Description"
PRODUCT_BRAND = "Brand"
PRODUCT_IS_ACTIVE = "IsActive"
PRODUCT_MODIFIED_DATE = "ModifiedDate"
PRODUCT_CATEGORIES = "Categories"
CATEGORY_NAME = "Name"
PRODUCT_IMAGES = "Images"
IMAGE_URL = "Url"
IMAGE_ORDER = "Order"
PRODUCT_PROPERTIES = "Properties"
PROPERTY_NAME = "PropertyName"  # product properties and SKU options
PROPERTY_VALUE = "Value"
PRODUCT_DIMENSIONS = "Dimensions"
DIMENSION_WEIGHT = "Weight"  # kg
DIMENSION_HEIGHT = "Height"  # cm
DIMENSION_WIDTH = "Width"  # cm
DIMENSION_DEPTH = "Depth"  # cm
PRODUCT_SKUS = "SKUs"
SKU_ID = "SkuID"
SKU_CODE = "SKU"
SKU_NAME = "Name"
SKU_EAN = "EAN"
SKU_LIST_PRICE = "ListPrice"
SKU_RETAIL_PRICE = "RetailPrice"
SKU_IS_ACTIVE = "IsActive"
SKU_OPTIONS = "Options"  # list of {"PropertyName", "Value"}
SKU_INVENTORY = "Inventory"
INVENTORY_WAREHOUSE_ID = "WarehouseID"
INVENTORY_STOCK_BALANCE = "StockBalance"

# --- More error codes (simulator writes them; the client reports them as linx_rejected) ---------
ERROR_PRODUCT_NOT_FOUND = "PRODUCT_NOT_FOUND"  # [ASSUMED]
ERROR_INVALID_VALUE = "INVALID_VALUE"  # [ASSUMED] a malformed Where, an unknown WorkflowType…
