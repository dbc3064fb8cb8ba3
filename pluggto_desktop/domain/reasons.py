"""Why a job needs attention, in words a store owner understands — pt-BR first, English second.

A reason is stored on a job as its ``code`` plus the ``params`` that fill the templates, and also
rendered in pt-BR (title, message, hint) so the queue, Plug.to's ``log_history`` and a support
agent reading the database all see the same sentence. The UI re-renders from code + params when
the user runs the app in English.

Each reason is three :class:`~pluggto_desktop.text.Text` (title, message, hint) whose named
placeholders the params fill; a missing parameter renders as ``?`` instead of raising. Most
params are data (a SKU, a status) or a remote's own words; a detail the app words itself is kept
in both languages, ``details`` (pt-BR) beside ``details_en``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pluggto_desktop.text import EN, PT, Text, placeholders


@dataclass(frozen=True)
class ReasonDef:
    """A reason's words: what happened (``title``, ``message``) and what to do (``hint``)."""

    code: str
    title: Text
    message: Text
    hint: Text


@dataclass(frozen=True)
class Reason:
    """A rendered reason: what the queue shows and what goes to Plug.to's log."""

    code: str
    title: str
    message: str
    hint: str
    params: dict[str, Any] = field(default_factory=dict)

    def english(self) -> Reason:
        """The same reason in English (the timeline and the activity keep both languages)."""
        return render(self.code, self.params, EN)

    def log_line(self) -> str:
        """One line for Plug.to's ``log_history`` (message and hint, no personal data)."""
        return f"{self.message} {self.hint}".strip()


REASONS: dict[str, ReasonDef] = {
    r.code: r
    for r in [
        ReasonDef(
            "unknown_sku",
            title=Text("SKU não cadastrado na Linx",
                       "SKU not registered in Linx"),
            message=Text("O SKU {sku} não existe na Linx Commerce.",
                         "SKU {sku} does not exist in Linx Commerce."),
            hint=Text("Cadastre o SKU ou corrija o de-para no Plug.to e {resend}.",
                      "Register the SKU or fix the SKU mapping in Plug.to, then {resend}."),
        ),
        ReasonDef(
            "intermediary_cnpj_missing",
            title=Text("CNPJ do intermediador ausente",
                       "Intermediary CNPJ missing"),
            message=Text("O pedido do {marketplace} não informa um CNPJ do intermediador válido e o canal não tem "
                         "um CNPJ padrão.",
                         "The {marketplace} order carries no valid intermediary CNPJ and the channel has no "
                         "fallback CNPJ."),
            hint=Text("Informe o CNPJ do intermediador padrão (ou o da tabela por marketplace) nas configurações do "
                      "canal e {resend}.",
                      "Set the fallback intermediary CNPJ (or the per-marketplace one) in the channel settings, "
                      "then {resend}."),
        ),
        ReasonDef(
            "invalid_postal_code",
            title=Text("CEP inválido",
                       "Invalid postal code"),
            message=Text('O CEP do endereço ({field}) não tem 8 dígitos: veio "{value}".',
                         'The address postal code ({field}) does not have 8 digits: it came as "{value}".'),
            hint=Text("Corrija o endereço do pedido no Plug.to e {resend}.",
                      "Fix the order address in Plug.to, then {resend}."),
        ),
        ReasonDef(
            "invalid_state",
            title=Text("UF inválida",
                       "Invalid state"),
            message=Text('O estado do endereço ({field}) não é uma UF brasileira: veio "{value}".',
                         'The address state ({field}) is not a Brazilian state: it came as "{value}".'),
            hint=Text("Corrija o endereço do pedido no Plug.to e {resend}.",
                      "Fix the order address in Plug.to, then {resend}."),
        ),
        ReasonDef(
            "missing_customer_name",
            title=Text("Nome do comprador ausente",
                       "Buyer name missing"),
            message=Text("O pedido não traz o nome do comprador.",
                         "The order does not carry the buyer's name."),
            hint=Text("Complete os dados do comprador no Plug.to e {resend}.",
                      "Complete the buyer's data in Plug.to, then {resend}."),
        ),
        ReasonDef(
            "empty_items",
            title=Text("Pedido sem itens",
                       "Order without items"),
            message=Text("O pedido não tem nenhum item.",
                         "The order has no items."),
            hint=Text("Verifique o pedido no Plug.to; se estiver correto, ignore-o aqui.",
                      "Check the order in Plug.to; if it is correct, ignore it here."),
        ),
        ReasonDef(
            "totals_mismatch",
            title=Text("Totais não conferem",
                       "Totals do not add up"),
            message=Text("A Linx recusou o pedido porque os totais não conferem ({details}).",
                         "Linx refused the order because the totals do not add up ({details})."),
            hint=Text("Confira valores, frete e descontos do pedido no Plug.to e {resend}.",
                      "Check the prices, shipping and discounts in Plug.to, then {resend}."),
        ),
        ReasonDef(
            "linx_rejected",
            title=Text("Pedido recusado pela Linx",
                       "Order refused by Linx"),
            message=Text("A Linx Commerce recusou o pedido: {details}",
                         "Linx Commerce refused the order: {details}"),
            hint=Text("Corrija o dado indicado e {resend}.",
                      "Fix the field named above, then {resend}."),
        ),
        ReasonDef(
            "linx_order_not_found",
            title=Text("Pedido não encontrado na Linx",
                       "Order not found in Linx"),
            message=Text("O pedido {linx_order_id} não foi encontrado na Linx Commerce.",
                         "Order {linx_order_id} was not found in Linx Commerce."),
            hint=Text("Verifique o pedido no painel da Linx; se ele foi removido, ignore-o aqui.",
                      "Check the order in the Linx admin; if it was removed, ignore it here."),
        ),
        ReasonDef(
            "duplicate_marketplace_order",
            title=Text("Venda já integrada por outro pedido do Plug.to",
                       "Sale already integrated by another Plug.to order"),
            message=Text("A venda {mp_id} do {marketplace} já está na loja (pedido Linx nº {linx_number}), criada "
                         "pelo pedido {other_pluggto_id} do Plug.to. Nada foi criado de novo, para não duplicar a "
                         "venda.",
                         "Sale {mp_id} from {marketplace} is already in the store (Linx order no. {linx_number}), "
                         "created by Plug.to order {other_pluggto_id}. Nothing was created again, so the sale is "
                         "not duplicated."),
            hint=Text("Confira no painel do Plug.to: se este pedido é uma cópia, use Ignorar aqui. Se forem vendas "
                      "diferentes, fale com o suporte do Plug.to.",
                      "Check the Plug.to panel: if this order is a copy, use Ignore here. If they are different "
                      "sales, contact Plug.to support."),
        ),
        ReasonDef(
            "pluggto_order_not_found",
            title=Text("Pedido não encontrado no Plug.to",
                       "Order not found in Plug.to"),
            message=Text("O Plug.to não encontrou o pedido {pluggto_id}.",
                         "Plug.to could not find order {pluggto_id}."),
            hint=Text("Confira o ID do pedido no painel do Plug.to; se ele foi removido, ignore-o aqui.",
                      "Check the order id in the Plug.to panel; if it was removed, ignore it here."),
        ),
        ReasonDef(
            "pluggto_rejected",
            title=Text("Plug.to recusou a atualização",
                       "Plug.to refused the update"),
            message=Text("O Plug.to recusou a atualização ({type}): {details}",
                         "Plug.to refused the update ({type}): {details}"),
            hint=Text("Confira o pedido no painel do Plug.to e {resend}.",
                      "Check the order in the Plug.to panel, then {resend}."),
        ),
        ReasonDef(
            "retries_exhausted",
            title=Text("Falha de comunicação persistente",
                       "Persistent communication failure"),
            message=Text("Não foi possível concluir após {attempts} tentativas. Último erro: {last_error}",
                         "Could not finish after {attempts} attempts. Last error: {last_error}"),
            hint=Text("Verifique a internet e o status do Plug.to e da Linx, depois {resend}.",
                      "Check the internet connection and the status of Plug.to and Linx, then {resend}."),
        ),
        ReasonDef(
            "status_not_imported",
            title=Text("Status não importado",
                       "Status not imported"),
            message=Text('O pedido está com o status "{status}" no Plug.to e não foi encontrado na Linx. Pedidos '
                         "nesse status não são criados automaticamente.",
                         'The order has status "{status}" in Plug.to and was not found in Linx. Orders with this '
                         "status are not created automatically."),
            hint=Text('Se o pedido deve entrar na loja, inclua esse status em "Status a importar" nas configurações '
                      "do canal e {resend}; se não, ignore-o.",
                      'If the order belongs in the store, add this status to "Statuses to import" in the channel '
                      "settings and {resend}; otherwise, ignore it."),
        ),
        ReasonDef(
            "status_unknown",
            title=Text("Status desconhecido",
                       "Unknown status"),
            message=Text('O Plug.to informou o status "{status}", que o aplicativo não conhece. O pedido foi '
                         "registrado e aguarda a próxima mudança de status.",
                         'Plug.to reported the status "{status}", which the app does not know. The order was '
                         "recorded and waits for its next status change."),
            hint=Text("Confira o pedido no painel do Plug.to. Quando o status mudar, o pedido segue sozinho; se ele "
                      "já deve entrar na loja, avise o suporte.",
                      "Check the order in the Plug.to panel. When its status changes the order goes on by itself; "
                      "if it should already be in the store, tell support."),
        ),
        ReasonDef(
            "product_rejected",
            title=Text("Produto recusado pelo Plug.to",
                       "Product refused by Plug.to"),
            message=Text("O Plug.to recusou o produto {sku}: {details}",
                         "Plug.to refused product {sku}: {details}"),
            hint=Text("Corrija o cadastro do produto na Linx Commerce e {resend}.",
                      "Fix the product in Linx Commerce, then {resend}."),
        ),
        ReasonDef(
            "product_invalid",
            title=Text("Produto incompleto",
                       "Incomplete product"),
            message=Text("O produto {sku} não pode ser publicado: {details}",
                         "Product {sku} cannot be published: {details}"),
            hint=Text("Complete o cadastro do produto na Linx Commerce; ele é reenviado na próxima alteração. Para "
                      "reenviar agora, {resend}.",
                      "Complete the product in Linx Commerce; it is sent again on its next change. To send it now, "
                      "{resend}."),
        ),
        ReasonDef(
            "status_back_rejected",
            title=Text("Plug.to recusou a atualização do pedido",
                       "Plug.to refused the order update"),
            message=Text("O Plug.to recusou {what}: {details}",
                         "Plug.to refused {what}: {details}"),
            hint=Text("Corrija o dado no pedido da loja (Linx Commerce); a atualização é reenviada quando o pedido "
                      "mudar, ou {resend}.",
                      "Fix the data on the store's order (Linx Commerce); the update is sent again when the order "
                      "changes, or {resend}."),
        ),
        ReasonDef(
            "invalid_nfe_key",
            title=Text("Chave da NF-e inválida",
                       "Invalid NF-e key"),
            message=Text("A chave da nota fiscal do pedido na Linx não tem 44 dígitos ({nfe_key}).",
                         "The invoice key of the order in Linx does not have 44 digits ({nfe_key})."),
            hint=Text("Corrija a nota fiscal do pedido na Linx Commerce; ela é reenviada ao Plug.to quando o pedido "
                      "mudar, ou {resend}.",
                      "Fix the order's invoice in Linx Commerce; it is sent to Plug.to again when the order "
                      "changes, or {resend}."),
        ),
        ReasonDef(
            "internal_error",
            title=Text("Erro interno — envie o diagnóstico",
                       "Internal error — send the diagnostics"),
            message=Text("O aplicativo encontrou um erro inesperado ao processar este pedido ({error}), mesmo após "
                         "{attempts} tentativas. Os demais pedidos seguem normalmente.",
                         "The app hit an unexpected error while processing this order ({error}), even after "
                         "{attempts} attempts. Other orders go on as usual."),
            hint=Text("{diagnose} e envie o arquivo ao suporte; depois {resend}.",
                      "{diagnose} and send the file to support; then {resend}."),
        ),
        ReasonDef(
            "remote_rejected",
            title=Text("Operação recusada",
                       "Operation refused"),
            message=Text("O serviço recusou a operação: {details}",
                         "The service refused the operation: {details}"),
            hint=Text("Verifique os dados indicados e {resend}.",
                      "Check the data named above, then {resend}."),
        ),
    ]
}


#: Who reads the hint: the app's person clicks buttons, a terminal's person runs commands.
APP, TERMINAL = "app", "terminal"

#: The hint's ``{resend}`` and ``{diagnose}``: a button in the app, a command in a terminal
#: (there is no "Reenviar" to click there).
_RESEND = {
    APP: Text("clique em Reenviar", "click Resend"),
    TERMINAL: Text("rode `{program} retry {ref}`", "run `{program} retry {ref}`"),
}
_DIAGNOSE = {
    APP: Text('Em Suporte, clique em "Exportar diagnóstico…"', 'In Support, click "Export diagnostics…"'),
    TERMINAL: Text("Rode `{program} diagnose -o diagnostico.zip`", "Run `{program} diagnose -o diagnostics.zip`"),
}


def render(code: str, params: dict[str, Any] | None = None, lang: str = PT, *, audience: str = APP,
           program: str = "pluggto-desktop", ref: str = "<id>") -> Reason:
    """Render a reason in ``lang``; an unknown code falls back to ``remote_rejected``'s text.

    ``audience`` ``"terminal"`` names commands (``{program} retry {ref}``) where the app names
    buttons; the stored pt-BR text is always the app's."""
    params = dict(params or {})
    definition = REASONS.get(code) or REASONS["remote_rejected"]
    who = TERMINAL if audience == TERMINAL else APP
    values = {k: ("" if v is None else v) for k, v in params.items()}
    values["resend"] = _RESEND[who](lang, program=program, ref=ref)
    values["diagnose"] = _DIAGNOSE[who](lang, program=program)
    return Reason(
        code=code,
        title=_fill(definition.title, lang, values),
        message=_fill(definition.message, lang, values),
        hint=_fill(definition.hint, lang, values),
        params=params,
    )


def _fill(text: Text, lang: str, values: dict[str, Any]) -> str:
    """``text`` in ``lang`` with the values it names; one without a value reads ``?`` (a reason
    stored by an older version may lack a parameter a newer template names). A value the app
    wrote itself may come with its English as ``<name>_en``, used when rendering in English."""
    return text(lang, **{name: _value(values, name, lang) for name in placeholders(text.pt)})


def _value(values: dict[str, Any], name: str, lang: str) -> Any:
    english = values.get(f"{name}_en")
    if lang != PT and english not in (None, ""):
        return english
    return values.get(name, "?")


__all__ = ["APP", "EN", "PT", "REASONS", "TERMINAL", "Reason", "ReasonDef", "render"]
