"""Every Linx Commerce name and value the connector relies on, each with its evidence.

Linx publishes no full reference for its back-office API ("Layer"). Each constant below carries a
one-line comment that starts with its evidence:

* ``KNOWN <source>: <what the source shows>`` — seen in public code that real stores run; the
  source key names a repository and a path in :data:`SOURCES`;
* ``ASSUMED: <why>`` — our best reading where nothing public settles it. A support engineer with
  a real tenant verifies these first.

``docs/linx-contract.md`` is generated from this file (``python scripts/contract_table.py``) and a
test keeps the two in step. A tenant that uses another name for an ASSUMED item is corrected here
and nowhere else: the client, the order mapping, status back and the simulator all read these.

Ground rule for the order the connector *writes* (``SaveOrder``, itself ASSUMED): its fields are
the names Linx uses when it *returns* orders (the read model below), since no public client shows
a hub order being written.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

#: Where the evidence comes from: key → (repository, path). ``NB`` is a Linx Commerce client
#: written by a store's own team; the others are Plug.to's SDK, modules and public connectors.
SOURCES: dict[str, tuple[str, str]] = {
    "NB-Order": ("CayoKume/Newbloomers",
                 "src/Jobs/LinxCommerce/Domain.LinxCommerce/Entities/Order/Order.cs"),
    "NB-OrderAddress": ("CayoKume/Newbloomers",
                        "src/Jobs/LinxCommerce/Domain.LinxCommerce/Entities/Order/OrderAddress.cs"),
    "NB-OrderItem": ("CayoKume/Newbloomers",
                     "src/Jobs/LinxCommerce/Domain.LinxCommerce/Entities/Order/OrderItem.cs"),
    "NB-OrderPaymentMethod": ("CayoKume/Newbloomers",
                              "src/Jobs/LinxCommerce/Domain.LinxCommerce/Entities/Order/OrderPaymentMethod.cs"),
    "NB-OrderPaymentInfo": ("CayoKume/Newbloomers",
                            "src/Jobs/LinxCommerce/Domain.LinxCommerce/Entities/Order/OrderPaymentInfo.cs"),
    "NB-OrderDeliveryMethod": ("CayoKume/Newbloomers",
                               "src/Jobs/LinxCommerce/Domain.LinxCommerce/Entities/Order/OrderDeliveryMethod.cs"),
    "NB-OrderShipment": ("CayoKume/Newbloomers",
                         "src/Jobs/LinxCommerce/Domain.LinxCommerce/Entities/Order/OrderShipment.cs"),
    "NB-OrderPackage": ("CayoKume/Newbloomers",
                        "src/Jobs/LinxCommerce/Domain.LinxCommerce/Entities/Order/OrderPackage.cs"),
    "NB-OrderInvoice": ("CayoKume/Newbloomers",
                        "src/Jobs/LinxCommerce/Domain.LinxCommerce/Entities/Order/OrderInvoice.cs"),
    "NB-QueueItem": ("CayoKume/Newbloomers",
                     "src/Jobs/LinxCommerce/Domain.LinxCommerce/Entities/Queue/QueueItem.cs"),
    "NB-OrderService": ("CayoKume/Newbloomers",
                        "src/Jobs/LinxCommerce/Application.LinxCommerce/Services/OrderService.cs"),
    "NB-CustomerService": ("CayoKume/Newbloomers",
                           "src/Jobs/LinxCommerce/Application.LinxCommerce/Services/CustomerService.cs"),
    "NB-SKUService": ("CayoKume/Newbloomers",
                      "src/Jobs/LinxCommerce/Application.LinxCommerce/Services/SKUService.cs"),
    "NB-APICall": ("CayoKume/Newbloomers",
                   "src/Jobs/LinxCommerce/Infrastructure.LinxCommerce/Api/APICall.cs"),
    "NB-DependencyInjection": ("CayoKume/Newbloomers",
                               "src/Jobs/LinxCommerce/Infrastructure.LinxCommerce/DependencyInjection.cs"),
    "NB-SearchOrder": ("CayoKume/Newbloomers",
                       "src/Jobs/LinxCommerce/Domain.LinxCommerce/Entities/Responses/SearchOrder.cs"),
    "NB-SearchQueuedOrder": ("CayoKume/Newbloomers",
                             "src/Jobs/LinxCommerce/Domain.LinxCommerce/Entities/Responses/SearchQueuedOrder.cs"),
    "NB-OrderShipmentValidator": ("CayoKume/Newbloomers",
                                  "src/Jobs/LinxCommerce/Domain.LinxCommerce/CustomValidations/Order/"
                                  "OrderShipmentValidator.cs"),
    "NB-SearchOrderStatus": ("CayoKume/Newbloomers",
                             "src/Jobs/LinxCommerce/Domain.LinxCommerce/Entities/Responses/SearchOrderStatus.cs"),
    "BI-Property": ("CayoKume/bloomersintegrations", "LinxCommerce/Domain/Entities/Property.cs"),
    "BI-OrderService": ("CayoKume/bloomersintegrations", "LinxCommerce/Application/Services/Order/OrderService.cs"),
}


@dataclass(frozen=True)
class Operation:
    """``POST /v1/{module}/API.svc/web/{name}``."""

    module: str
    name: str

    @property
    def path(self) -> str:
        return f"/v1/{self.module}/API.svc/web/{self.name}"


# --- Base URL and transport --------------------------------------------------------------------
BASE_URL_TEMPLATE = "https://{tenant}.layer.core.dcg.com.br"  # KNOWN NB-DependencyInjection: BaseAddress
HOMOLOG_BASE_URL_TEMPLATE = "https://{tenant}.layer.core-hlg.dcg.com.br"  # ASSUMED: Linx help pages only

# --- Operations (every one a POST with a JSON body and HTTP Basic auth: KNOWN NB-APICall) ------------
OP_SEARCH_ORDER_STATUS = Operation("Sales", "SearchOrderStatus")  # KNOWN NB-OrderService: connection test
OP_SEARCH_ORDERS = Operation("Sales", "SearchOrders")  # KNOWN NB-OrderService: Page/Where/OrderBy body
OP_SAVE_ORDER = Operation("Sales", "SaveOrder")  # ASSUMED: Linx's help names it; no public client calls it
OP_UPDATE_ORDER = Operation("Sales", "UpdateOrder")  # KNOWN NB-OrderService: UpdateTrackingNumberOrder
OP_GET_QUEUE_ORDERS = Operation("Sales", "GetQueueOrders")  # KNOWN NB-OrderService: SearchOrdersByQueue
OP_DEQUEUE_QUEUE_ITEMS = Operation("Queue", "DequeueQueueItems")  # KNOWN NB-OrderService: {QueueItems: [...]}
OP_SEARCH_QUEUE_ITEMS = Operation("Queue", "SearchQueueItems")  # KNOWN NB-SKUService: product feed
OP_GET_PRODUCT = Operation("Catalog", "GetProduct")  # KNOWN NB-APICall: bare int body (shape ASSUMED)
OP_SEARCH_PRODUCT = Operation("Catalog", "SearchProduct")  # KNOWN NB-SKUService: SearchProduct

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

# --- Request / response envelope ------------------------------------------------------------------
KEY_PAGE = "Page"  # KNOWN NB-OrderService: Page = {PageIndex, PageSize}
KEY_PAGE_INDEX = "PageIndex"  # KNOWN NB-OrderService: 0-based
KEY_PAGE_SIZE = "PageSize"  # KNOWN NB-OrderService: PageSize = 500
KEY_PAGE_COUNT = "PageCount"  # KNOWN NB-SearchOrder: Page.PageCount
KEY_RECORD_COUNT = "RecordCount"  # KNOWN NB-SearchOrder: Page.RecordCount
KEY_WHERE = "Where"  # KNOWN NB-OrderService: ModifiedDate>="…" expressions
KEY_WHERE_METADATA = "WhereMetadata"  # KNOWN NB-OrderService: sent empty
KEY_ORDER_BY = "OrderBy"  # KNOWN NB-OrderService: OrderBy = "OrderNumber"
KEY_RESULT = "Result"  # KNOWN NB-SearchOrder: List<Result> Result
KEY_IS_VALID = "IsValid"  # ASSUMED: Linx's API help (no public client reads it)
KEY_ERRORS = "Errors"  # ASSUMED: Linx's API help
KEY_WARNINGS = "Warnings"  # ASSUMED: Linx's API help
KEY_ERROR_KEY = "Key"  # ASSUMED: names the offending field, e.g. "Items[0].SKU"
KEY_ERROR_CODE = "ErrorCode"  # ASSUMED: Linx's API help
KEY_ERROR_MESSAGE = "ErrorMessage"  # ASSUMED: Linx's API help
KEY_WORKFLOW_TYPE = "WorkflowType"  # KNOWN NB-OrderService: UpdateOrder {OrderID, WorkflowType}
KEY_QUEUE_ID = "QueueID"  # KNOWN NB-OrderService: QueueID = 21 (set up per tenant)
KEY_QUEUE_ITEMS = "QueueItems"  # KNOWN NB-OrderService: DequeueQueueItems {QueueItems}
KEY_QUEUE_ORDER = "Order"  # KNOWN NB-SearchQueuedOrder: Result {Order, QueueItem}
KEY_QUEUE_ITEM = "QueueItem"  # KNOWN NB-SearchQueuedOrder: Result {Order, QueueItem}

# --- Values -------------------------------------------------------------------------------------------
WORKFLOW_SHIPPED = "SHIPPED"  # KNOWN NB-OrderService: the only WorkflowType any public client sends
CANCEL_WORKFLOW_TYPE = "CANCELLED"  # ASSUMED: by analogy with "SHIPPED"; no public client cancels
CREATED_CHANNEL = "Pluggto"  # ASSUMED: our value for CreatedChannel (a free string in NB-Order)
CUSTOMER_TYPE_PERSON = "P"  # KNOWN NB-CustomerService: CustomerType == "P" → GetPerson (CPF)
CUSTOMER_TYPE_COMPANY = "C"  # KNOWN NB-CustomerService: any other → GetCompany (CNPJ); "C" in Linx's help
ADDRESS_TYPE_SHIPPING = 68  # ASSUMED: Int32 type KNOWN (NB-OrderAddress); 68 = 'D', read so by one public client
ADDRESS_TYPE_BILLING = 66  # ASSUMED: 'B' by analogy with 68 = 'D' for delivery
ADDRESS_TYPES = (ADDRESS_TYPE_SHIPPING, ADDRESS_TYPE_BILLING)

# Order properties through which Plug.to data travels to the ERP (Properties is KNOWN, BI-Property).
PROP_PLUGGTO_ORDER_ID = "PluggtoOrderID"  # ASSUMED: our property name
PROP_MARKETPLACE_ORDER_NUMBER = "MarketplaceOrderNumber"  # ASSUMED: our property name
PROP_INTERMEDIARY_CNPJ = "IntermediaryCNPJ"  # ASSUMED: our property name (NT 2020.006)
PROP_INTERMEDIARY_CNPJ_SOURCE = "IntermediaryCNPJSource"  # ASSUMED: our property name
PROP_INTERMEDIARY_SELLER_ID = "IntermediarySellerID"  # ASSUMED: our property name
PROP_PAYMENT_INTERMEDIARY_CNPJ = "PaymentIntermediaryCNPJ"  # ASSUMED: our property name

# GlobalStatus values status back acts on. Public clients show the field but no values (one reads
# it as a number), so status back prefers KNOWN data: OrderInvoice.IsIssued, the packages'
# tracking, CancelledDate; only "delivered" depends on a status value.
STATUS_NEW = "NEW"  # ASSUMED: GlobalStatus of a new order (the connector does not act on it)
STATUS_INVOICED = "INVOICED"  # ASSUMED: no public source lists GlobalStatus values
STATUS_SHIPPED = "SHIPPED"  # ASSUMED: same word as the KNOWN WorkflowType "SHIPPED"
STATUS_DELIVERED = "DELIVERED"  # ASSUMED: no public source lists GlobalStatus values
STATUS_CANCELLED = "CANCELLED"  # ASSUMED: no public source lists GlobalStatus values
# ShipmentStatus is one character in NB-OrderShipmentValidator (MaximumLength(1)).
SHIPMENT_STATUS_SHIPPED = "S"  # ASSUMED: one character (KNOWN width), value unknown
SHIPMENT_STATUS_DELIVERED = "D"  # ASSUMED: one character (KNOWN width), value unknown

# --- Queue feeds -------------------------------------------------------------------------------------
ORDER_QUEUE_ENTITY_KEY = "OrderID"  # KNOWN NB-OrderService: Where EntityKeyName=="OrderID"
ORDER_ENTITY_TYPE = "EZ.Store.Model.Sales.Order"  # ASSUMED: by analogy with the KNOWN product type
PRODUCT_QUEUE_ENTITY_KEY = "ProductID"  # ASSUMED: NB-SKUService filters products by type only
PRODUCT_ENTITY_TYPE = "EZ.Store.Model.Catalog.Product"  # KNOWN NB-SKUService: EntityTypeName filter
QUEUE_ORDER_BY = "QueueItemID"  # KNOWN NB-OrderService: OrderBy = "QueueItemID"
PRODUCT_ORDER_BY = "ProductID"  # ASSUMED: NB-SKUService pages products without OrderBy

# --- Where fields ----------------------------------------------------------------------------------------
FIELD_ORIGINAL_ORDER_ID = "OriginalOrderID"  # KNOWN NB-Order: Guid? OriginalOrderID
FIELD_MARKETPLACE_BRAND = "MarketPlaceBrand"  # KNOWN NB-Order: string? MarketPlaceBrand

#: Date literals in ``Where`` are written in the store's time zone (America/Sao_Paulo) without an
#: offset: NB-OrderService writes ModifiedDate>="yyyy-MM-ddT00:00:00" from the server's local date.
STORE_UTC_OFFSET_HOURS = -3  # KNOWN NB-OrderService: offset-less local dates in Where

# --- Error codes (the simulator writes them; the client also reads the field Key) -----------------------
ERROR_SKU_NOT_FOUND = "SKU_NOT_FOUND"  # ASSUMED: our simulator's code
ERROR_INVALID_POSTAL_CODE = "INVALID_POSTAL_CODE"  # ASSUMED: our simulator's code
ERROR_INVALID_STATE = "INVALID_STATE"  # ASSUMED: our simulator's code
ERROR_REQUIRED = "REQUIRED"  # ASSUMED: our simulator's code
ERROR_EMPTY_ITEMS = "EMPTY_ITEMS"  # ASSUMED: our simulator's code
ERROR_TOTALS_MISMATCH = "TOTALS_MISMATCH"  # ASSUMED: our simulator's code
ERROR_ORDER_NOT_FOUND = "ORDER_NOT_FOUND"  # ASSUMED: our simulator's code
ERROR_PRODUCT_NOT_FOUND = "PRODUCT_NOT_FOUND"  # ASSUMED: our simulator's code
ERROR_INVALID_VALUE = "INVALID_VALUE"  # ASSUMED: a value the deserializer refuses (text in a GUID…)

# --- The order (read model; SaveOrder sends the same names) ------------------------------------------
ORDER_ID = "OrderID"  # KNOWN NB-Order: Guid? OrderID
ORDER_NUMBER = "OrderNumber"  # KNOWN NB-Order: string? OrderNumber
ORDER_GLOBAL_STATUS = "GlobalStatus"  # KNOWN NB-Order: string? GlobalStatus
ORDER_SHIPMENT_STATUS = "ShipmentStatus"  # KNOWN NB-Order: string? ShipmentStatus
ORDER_CREATED_DATE = "CreatedDate"  # KNOWN NB-Order: DateTimeOffset? CreatedDate
ORDER_MODIFIED_DATE = "ModifiedDate"  # KNOWN NB-Order: DateTimeOffset? ModifiedDate
ORDER_CANCELLED_DATE = "CancelledDate"  # KNOWN NB-Order: DateTimeOffset? CancelledDate
ORDER_WEBSITE_ID = "WebSiteID"  # KNOWN NB-Order: int? WebSiteID
ORDER_CREATED_CHANNEL = "CreatedChannel"  # KNOWN NB-Order: string? CreatedChannel
ORDER_REMARKS = "Remarks"  # KNOWN NB-Order: string? Remarks
ORDER_CUSTOMER_TYPE = "CustomerType"  # KNOWN NB-Order: string? CustomerType ("P"/"C")
ORDER_CUSTOMER_NAME = "CustomerName"  # KNOWN NB-Order: string? CustomerName
ORDER_CUSTOMER_EMAIL = "CustomerEmail"  # KNOWN NB-Order: string? CustomerEmail
ORDER_CUSTOMER_PHONE = "CustomerPhone"  # KNOWN NB-Order: string? CustomerPhone
ORDER_CUSTOMER_CPF = "CustomerCPF"  # KNOWN NB-Order: string? CustomerCPF
ORDER_CUSTOMER_CNPJ = "CustomerCNPJ"  # KNOWN NB-Order: string? CustomerCNPJ
ORDER_CUSTOMER_TRADING_NAME = "CustomerTradingName"  # KNOWN NB-Order: string? CustomerTradingName
ORDER_ADDRESSES = "Addresses"  # KNOWN NB-Order: List<OrderAddress> Addresses
ADDRESS_TYPE = "AddressType"  # KNOWN NB-OrderAddress: Int32? AddressType
ADDRESS_NAME = "Name"  # KNOWN NB-OrderAddress: string? Name
ADDRESS_CONTACT_NAME = "ContactName"  # KNOWN NB-OrderAddress: string? ContactName
ADDRESS_LINE = "AddressLine"  # KNOWN NB-OrderAddress: string? AddressLine
ADDRESS_NUMBER = "Number"  # KNOWN NB-OrderAddress: string? Number
ADDRESS_NOTES = "AddressNotes"  # KNOWN NB-OrderAddress: string? AddressNotes
ADDRESS_LANDMARK = "Landmark"  # KNOWN NB-OrderAddress: string? Landmark
ADDRESS_NEIGHBOURHOOD = "Neighbourhood"  # KNOWN NB-OrderAddress: string? Neighbourhood
ADDRESS_CITY = "City"  # KNOWN NB-OrderAddress: string? City
ADDRESS_STATE = "State"  # KNOWN NB-OrderAddress: string? State
ADDRESS_POSTAL_CODE = "PostalCode"  # KNOWN NB-OrderAddress: string? PostalCode
ADDRESS_CONTACT_PHONE = "ContactPhone"  # KNOWN NB-OrderAddress: string? ContactPhone
ORDER_ITEMS = "Items"  # KNOWN NB-Order: List<OrderItem> Items
ITEM_SKU = "SKU"  # KNOWN NB-OrderItem: string? SKU
ITEM_QTY = "Qty"  # KNOWN NB-OrderItem: decimal? Qty
ITEM_PRICE = "Price"  # KNOWN NB-OrderItem: decimal? Price
ITEM_DISCOUNT_AMOUNT = "DiscountAmount"  # KNOWN NB-OrderItem: decimal? DiscountAmount
ITEM_TOTAL = "Total"  # KNOWN NB-OrderItem: decimal? Total
ITEM_PRODUCT_NAME = "ProductName"  # KNOWN NB-OrderItem: string? ProductName
ORDER_SUB_TOTAL = "SubTotal"  # KNOWN NB-Order: decimal? SubTotal
ORDER_DELIVERY_AMOUNT = "DeliveryAmount"  # KNOWN NB-Order: decimal? DeliveryAmount
ORDER_DISCOUNT_AMOUNT = "DiscountAmount"  # KNOWN NB-Order: decimal? DiscountAmount
ORDER_PAYMENT_TAX_AMOUNT = "PaymentTaxAmount"  # KNOWN NB-Order: decimal? PaymentTaxAmount (interest)
ORDER_TOTAL = "Total"  # KNOWN NB-Order: decimal? Total (= SubTotal + Delivery − Discount + PaymentTax: ASSUMED)
ORDER_PAYMENT_METHODS = "PaymentMethods"  # KNOWN NB-Order: List<OrderPaymentMethod> PaymentMethods
PAYMENT_AMOUNT = "Amount"  # KNOWN NB-OrderPaymentMethod: decimal? Amount
PAYMENT_INSTALLMENTS = "Installments"  # KNOWN NB-OrderPaymentMethod: Int32? Installments
PAYMENT_INSTALLMENT_AMOUNT = "InstallmentAmount"  # KNOWN NB-OrderPaymentMethod: decimal? InstallmentAmount
PAYMENT_INTEREST_VALUE = "InterestValue"  # KNOWN NB-OrderPaymentMethod: decimal? InterestValue
PAYMENT_INFO = "PaymentInfo"  # KNOWN NB-OrderPaymentMethod: OrderPaymentInfo PaymentInfo
PAYMENT_INFO_ALIAS = "Alias"  # KNOWN NB-OrderPaymentInfo: string? Alias
PAYMENT_INFO_PROVIDER = "Provider"  # KNOWN NB-OrderPaymentInfo: string? Provider
#: An Int32 code with no public list of values: the connector never sends it (text would be refused).
PAYMENT_INFO_TYPE = "PaymentType"  # KNOWN NB-OrderPaymentInfo: Int32? PaymentType
ORDER_DELIVERY_METHODS = "DeliveryMethods"  # KNOWN NB-Order: List<OrderDeliveryMethod> DeliveryMethods
DELIVERY_CARRIER_NAME = "CarrierName"  # KNOWN NB-OrderDeliveryMethod: string? CarrierName
DELIVERY_METHOD_ALIAS = "DeliveryMethodAlias"  # KNOWN NB-OrderDeliveryMethod: string? DeliveryMethodAlias
DELIVERY_ESTIMATED_DATE = "DeliveryEstimatedDate"  # KNOWN NB-OrderDeliveryMethod: DateTimeOffset?
DELIVERY_AMOUNT = "Amount"  # KNOWN NB-OrderDeliveryMethod: decimal? Amount
ORDER_PROPERTIES = "Properties"  # KNOWN BI-Property: List<Property> with Name/Value (and more)
ORDER_PROPERTY_NAME = "Name"  # KNOWN BI-Property: Name
ORDER_PROPERTY_VALUE = "Value"  # KNOWN BI-Property: Value
ORDER_INVOICE = "OrderInvoice"  # KNOWN NB-Order: OrderInvoice OrderInvoice
INVOICE_ID = "OrderInvoiceID"  # KNOWN NB-OrderInvoice: Guid? OrderInvoiceID
INVOICE_CODE = "Code"  # KNOWN NB-OrderInvoice: string? Code (the 44-digit NF-e key)
INVOICE_NUMBER = "Number"  # KNOWN NB-OrderInvoice: string? Number
INVOICE_SERIES = "Series"  # KNOWN NB-OrderInvoice: string? Series
INVOICE_ISSUED_AT = "IssuedAt"  # KNOWN NB-OrderInvoice: DateTimeOffset? IssuedAt
INVOICE_URL = "Url"  # KNOWN NB-OrderInvoice: string? Url
INVOICE_CFOP = "CFOP"  # KNOWN NB-OrderInvoice: string? CFOP
INVOICE_IS_ISSUED = "IsIssued"  # KNOWN NB-OrderInvoice: bool? IsIssued
ORDER_SHIPMENTS = "Shipments"  # KNOWN NB-Order: List<OrderShipment> Shipments
SHIPMENT_ID = "OrderShipmentID"  # KNOWN NB-OrderShipment: Guid? OrderShipmentID
SHIPMENT_NUMBER = "ShipmentNumber"  # KNOWN NB-OrderShipment: string? ShipmentNumber
SHIPMENT_STATUS = "ShipmentStatus"  # KNOWN NB-OrderShipment: string? ShipmentStatus
SHIPMENT_PACKAGES = "Packages"  # KNOWN NB-OrderShipment: List<OrderPackage> Packages
PACKAGE_TRACKING_NUMBER = "TrackingNumber"  # KNOWN NB-OrderPackage: string? TrackingNumber
PACKAGE_TRACKING_URL = "TrackingNumberUrl"  # KNOWN NB-OrderPackage: string? TrackingNumberUrl
PACKAGE_SHIPPED_DATE = "ShippedDate"  # KNOWN NB-OrderPackage: DateTimeOffset? ShippedDate
#: No public source has a delivered date: status back falls back to the order's ModifiedDate.
SHIPMENT_DELIVERED_DATE = "DeliveredDate"  # ASSUMED: read if a tenant sends it, never relied on

# L1 (SearchOrderStatus) result entries; only the simulator writes them.
ORDER_STATUS_ID = "OrderStatusID"  # KNOWN NB-SearchOrderStatus: int OrderStatusID
ORDER_STATUS_NAME = "Status"  # KNOWN NB-SearchOrderStatus: string? Status

# --- Queue items ------------------------------------------------------------------------------------
QUEUE_ITEM_ID = "QueueItemID"  # KNOWN NB-QueueItem: QueueItemID
QUEUE_ENTITY_KEY_NAME = "EntityKeyName"  # KNOWN NB-QueueItem: string? EntityKeyName
QUEUE_ENTITY_KEY_VALUE = "EntityKeyValue"  # KNOWN NB-QueueItem: string? EntityKeyValue
QUEUE_ENTITY_TYPE_NAME = "EntityTypeName"  # KNOWN NB-QueueItem: string? EntityTypeName
QUEUE_DOMAIN_EVENT = "DomainEventTypeName"  # KNOWN NB-QueueItem: string? DomainEventTypeName
QUEUE_ATTEMPTS = "Attempts"  # KNOWN NB-QueueItem: Int32? Attempts
QUEUE_CREATED_DATE = "CreatedDate"  # KNOWN NB-QueueItem: DateTimeOffset? CreatedDate
QUEUE_LOCK_DATE = "LockDate"  # KNOWN NB-QueueItem: DateTimeOffset? LockDate

# DomainEventTypeName values the simulator puts on the feeds; the connector reads the order itself,
# not these, so a tenant using other event names needs no change.
EVENT_ORDER_INVOICED = "OrderInvoiced"  # ASSUMED: simulator only
EVENT_ORDER_SHIPPED = "OrderShipped"  # ASSUMED: simulator only
EVENT_ORDER_DELIVERED = "OrderDelivered"  # ASSUMED: simulator only
EVENT_ORDER_CANCELLED = "OrderCancelled"  # ASSUMED: simulator only
EVENT_PRODUCT_CHANGED = "ProductChanged"  # ASSUMED: simulator only

# --- Products (L8/L9): no public client reads prices or stock this way ----------------------------------
PRODUCT_ID = "ProductID"  # ASSUMED: product shape (NB reads products through other fields)
PRODUCT_INTEGRATION_ID = "IntegrationID"  # ASSUMED: product shape
PRODUCT_NAME = "Name"  # ASSUMED: product shape
PRODUCT_DESCRIPTION = "Description"  # ASSUMED: product shape
PRODUCT_BRAND = "Brand"  # ASSUMED: product shape
PRODUCT_IS_ACTIVE = "IsActive"  # ASSUMED: product shape
PRODUCT_MODIFIED_DATE = "ModifiedDate"  # ASSUMED: product shape
PRODUCT_CATEGORIES = "Categories"  # ASSUMED: product shape
CATEGORY_NAME = "Name"  # ASSUMED: product shape
PRODUCT_IMAGES = "Images"  # ASSUMED: product shape
IMAGE_URL = "Url"  # ASSUMED: product shape
IMAGE_ORDER = "Order"  # ASSUMED: product shape
PRODUCT_PROPERTIES = "Properties"  # ASSUMED: product shape
PROPERTY_NAME = "PropertyName"  # ASSUMED: product properties and SKU options
PROPERTY_VALUE = "Value"  # ASSUMED: product shape
PRODUCT_DIMENSIONS = "Dimensions"  # ASSUMED: product shape
DIMENSION_WEIGHT = "Weight"  # ASSUMED: kg
DIMENSION_HEIGHT = "Height"  # ASSUMED: cm
DIMENSION_WIDTH = "Width"  # ASSUMED: cm
DIMENSION_DEPTH = "Depth"  # ASSUMED: cm
PRODUCT_SKUS = "SKUs"  # ASSUMED: product shape
SKU_ID = "SkuID"  # ASSUMED: product shape
SKU_CODE = "SKU"  # ASSUMED: product shape
SKU_NAME = "Name"  # ASSUMED: product shape
SKU_EAN = "EAN"  # ASSUMED: product shape
SKU_LIST_PRICE = "ListPrice"  # ASSUMED: product shape
SKU_RETAIL_PRICE = "RetailPrice"  # ASSUMED: product shape
SKU_IS_ACTIVE = "IsActive"  # ASSUMED: product shape
SKU_OPTIONS = "Options"  # ASSUMED: list of {PropertyName, Value}
SKU_INVENTORY = "Inventory"  # ASSUMED: product shape
INVENTORY_WAREHOUSE_ID = "WarehouseID"  # ASSUMED: product shape
INVENTORY_STOCK_BALANCE = "StockBalance"  # ASSUMED: product shape


# --- Identity of a marketplace sale in the store --------------------------------------------------------
#: ``OriginalOrderID`` is a GUID (NB-Order), so the marketplace's order number can never go there.
#: The connector sends the deterministic UUID of the sale: the same sale always gets the same id,
#: which is what makes the search-before-create exactly-once rule work across crashes.
SALE_ID_NAMESPACE = uuid.NAMESPACE_URL  # ASSUMED: our formula (docs/linx-contract.md, "Identity")
SALE_ID_PREFIX = "https://plugg.to/sales/"  # ASSUMED: our formula (docs/linx-contract.md, "Identity")


def sale_uuid(brand: str, marketplace_order_number: str) -> str:
    """The ``OriginalOrderID`` of a marketplace sale: ``uuid5(NAMESPACE_URL,
    "https://plugg.to/sales/<MarketPlaceBrand>/<number>")``, lower case with dashes."""
    return str(uuid.uuid5(SALE_ID_NAMESPACE, f"{SALE_ID_PREFIX}{brand}/{marketplace_order_number}"))


def parse_guid(value: object) -> str | None:
    """A GUID as Linx's deserializer reads it (any of .NET's usual forms: dashes or not, braces,
    any case), normalised to lower case with dashes; None when it is not a GUID."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.startswith("{") and text.endswith("}"):
        text = text[1:-1]
    if len(text) not in (32, 36):
        return None
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return None


def guid_text(value: object) -> str:
    """An id Linx gave (``OrderID``…) as the connector keeps it: the canonical GUID form when it is
    one, so ids compare equal whatever case or form a response used; else its text ("" for None)."""
    return parse_guid(value) or ("" if value is None else str(value))
