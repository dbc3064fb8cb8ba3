"""What working an order job tells people: its timeline notes and its activity lines.

Each is a :class:`~pluggto_desktop.text.Text` (pt-BR and English, named placeholders). A timeline
note is stored in pt-BR with its English in the event's data; an activity entry keeps both
(``message_pt`` / ``message_en``). Words that differ per language beyond the placeholders (a
status label, a reason's title) are filled in each language by :func:`in_both`.
"""

from __future__ import annotations

from typing import Any

from pluggto_desktop.domain.status import status_label
from pluggto_desktop.errors import CredentialError, SyncError, TransientError
from pluggto_desktop.text import EN, PT, Text, placeholders

# -- timeline notes ---------------------------------------------------------------------------------
WAITING_FOR_CREDENTIALS = Text("Aguardando credenciais válidas; o pedido voltou para a fila",
                               "Waiting for valid credentials; the order went back to the queue")
FETCHED = Text("Pedido lido do Plug.to (status {status})", "Order read from Plug.to (status {status})")
UNCHANGED = Text("Sem mudanças desde a última leitura", "No change since the last read")
SALE_BUSY = Text("Outro pedido do Plug.to com a mesma venda está sendo integrado agora; este será conferido em "
                 "seguida",
                 "Another Plug.to order for the same sale is being integrated right now; this one will be checked "
                 "next")
FOUND_IN_LINX = Text("Pedido já existe na Linx (nº {number}); identificadores adotados, nada foi criado de novo",
                     "Order already in Linx (no. {number}); its ids were adopted, nothing created again")
WAITING_PAYMENT = Text("Status {status}: aguardando pagamento", "Status {status}: waiting for payment")
TO_CREATE = Text("Status {status}: criar na Linx", "Status {status}: create in Linx")
CANCELED_BEFORE_INTEGRATION = Text("Cancelado no Plug.to antes de integrar: nada foi criado",
                                   "Canceled in Plug.to before integration: nothing was created")
UNKNOWN_STATUS = Text('Status desconhecido "{status}": aguardando a próxima mudança',
                      'Unknown status "{status}": waiting for the next change')
CREATED = Text("Pedido criado na Linx (nº {number})", "Order created in Linx (no. {number})")
ACK_FAILED = Text("Não foi possível confirmar o pedido no Plug.to: {error}",
                  "Could not acknowledge the order in Plug.to: {error}")
ACKED = Text("Integração confirmada no Plug.to (ack)", "Integration acknowledged in Plug.to")
INTEGRATED = Text("Pedido integrado", "Order integrated")
ALREADY_CANCELED = Text("Pedido já cancelado na loja", "Order already canceled in the store")
CANCELED_IN_LINX = Text("Pedido cancelado também na Linx", "Order canceled in Linx too")
LOG_HISTORY_FAILED = Text("Não foi possível registrar o motivo no Plug.to ({why}); o motivo continua aqui",
                          "Could not write the reason to Plug.to's order log ({why}); the reason is still shown here")
LOG_HISTORY_WRITTEN = Text("Motivo registrado no histórico do pedido no Plug.to",
                           "Reason written to the order's log in Plug.to")
INTERNAL_ERROR = Text("Erro interno ({error}); nova tentativa em {wait:.0f} s",
                      "Internal error ({error}); retrying in {wait:.0f} s")
#: A detail of the ``remote_rejected`` reason: Plug.to sent something that is not an order.
UNREADABLE_ORDER = Text("pedido ilegível recebido do Plug.to", "unreadable order received from Plug.to")

#: Why a write to Plug.to failed (``{why}`` above).
_CREDENTIALS_REFUSED = Text("credenciais recusadas", "credentials refused")
_NO_ANSWER = Text("o Plug.to não respondeu", "Plug.to did not answer")
_WRITE_REFUSED = Text("o Plug.to recusou a gravação", "Plug.to refused the write")

#: What mapping an order for Linx adjusted on the way (``domain.mapping`` warnings), by code.
MAPPING_WARNINGS = {
    "totals_differ": Text(
        "O total calculado ({computed}) difere do total do Plug.to ({pluggto}); o pedido segue com o valor calculado",
        "The computed total ({computed}) differs from Plug.to's ({pluggto}); the order goes with the computed value"),
    "billing_address_from_receiver": Text("O comprador não tem endereço de cobrança: usado o de entrega",
                                          "The buyer has no billing address: the delivery address was used"),
    "payment_interest": Text(
        "O comprador pagou {interest} de juros do parcelamento; enviado à Linx como PaymentTaxAmount",
        "The buyer paid {interest} of installment interest; sent to Linx as PaymentTaxAmount"),
    "payments_short": Text(
        "Os pagamentos ({paid}) somam menos que o total ({total}); o pedido segue com o total dos itens",
        "The payments ({paid}) add up to less than the total ({total}); the order goes with the items' total"),
    "payment_intermediary_invalid": Text("CNPJ da instituição de pagamento inválido: não foi enviado",
                                         "Invalid payment institution CNPJ: not sent"),
}

# -- activity lines ({mp_id}: the marketplace's order number, {mp}: the marketplace) ----------------
ORDER_INTEGRATED = Text("Pedido {mp_id} do {mp} integrado (pedido Linx {linx})",
                        "Order {mp_id} from {mp} integrated (Linx order {linx})")
ORDER_CANCELED = Text("Pedido {mp_id} do {mp} cancelado antes de entrar na loja",
                      "Order {mp_id} from {mp} canceled before reaching the store")
ORDER_CANCELED_IN_STORE = Text("Pedido {mp_id} do {mp} cancelado no marketplace: cancelado também na loja",
                               "Order {mp_id} from {mp} canceled on the marketplace: canceled in the store too")
ORDER_NEEDS_ATTENTION = Text("Pedido {mp_id} do {mp} precisa de atenção: {title}",
                             "Order {mp_id} from {mp} needs attention: {title}")


def in_both(text: Text, values: dict[str, Any] | None = None, **per_language: tuple[Any, Any]) -> tuple[str, str]:
    """``text`` in (pt-BR, English): ``values`` the same in both, ``per_language`` as (pt-BR, English)
    pairs (``status=(label_pt, label_en)``)."""
    same = values or {}
    return (text(PT, **same, **{k: pair[0] for k, pair in per_language.items()}),
            text(EN, **same, **{k: pair[1] for k, pair in per_language.items()}))


def status_words(text: Text, status: str | None) -> tuple[str, str]:
    """A note naming Plug.to's status, each language with its own label."""
    return in_both(text, status=(status_label(status, PT), status_label(status, EN)))


def log_history_failed(exc: SyncError | CredentialError) -> tuple[str, str]:
    """The note of a reason Plug.to's order log did not take, saying why in plain words."""
    if isinstance(exc, CredentialError):
        why = _CREDENTIALS_REFUSED
    elif isinstance(exc, TransientError):
        why = _NO_ANSWER
    else:
        why = _WRITE_REFUSED
    return in_both(LOG_HISTORY_FAILED, why=why.both())


def mapping_warning(code: str, params: dict[str, Any]) -> tuple[str, str]:
    """A mapping warning's note; an unknown code reads as itself. A missing value reads
    ``None``, as the message always did."""
    text = MAPPING_WARNINGS.get(code)
    if text is None:
        return code, code
    return text.both(**{name: params.get(name) for name in placeholders(text.pt)})

