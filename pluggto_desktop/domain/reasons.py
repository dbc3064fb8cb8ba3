"""Why a job needs attention, in words a store owner understands — pt-BR first, English second.

A reason is stored on a job as its ``code`` plus the ``params`` that fill the templates, and also
rendered in pt-BR (title, message, hint) so the queue, Plug.to's ``log_history`` and a support
agent reading the database all see the same sentence. The UI re-renders from code + params when
the user runs the app in English.

Templates use ``str.format`` fields; a missing parameter renders as ``?`` instead of raising.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pluggto_desktop.i18n import EN, PT, pick


@dataclass(frozen=True)
class ReasonText:
    title: str
    message: str
    hint: str


@dataclass(frozen=True)
class ReasonDef:
    code: str
    pt: ReasonText
    en: ReasonText


@dataclass(frozen=True)
class Reason:
    """A rendered reason: what the queue shows and what goes to Plug.to's log."""

    code: str
    title: str
    message: str
    hint: str
    params: dict[str, Any] = field(default_factory=dict)

    def english(self) -> "Reason":
        """The same reason in English (the timeline and the activity keep both languages)."""
        return render(self.code, self.params, EN)

    def log_line(self) -> str:
        """One line for Plug.to's ``log_history`` (message and hint, no personal data)."""
        return f"{self.message} {self.hint}".strip()


class _Defaults(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def _r(code: str, pt: tuple[str, str, str], en: tuple[str, str, str]) -> ReasonDef:
    return ReasonDef(code, ReasonText(*pt), ReasonText(*en))


REASONS: dict[str, ReasonDef] = {
    r.code: r
    for r in [
        _r(
            "unknown_sku",
            (
                "SKU não cadastrado na Linx",
                "O SKU {sku} não existe na Linx Commerce.",
                "Cadastre o SKU ou corrija o de-para no Plug.to e {resend}.",
            ),
            (
                "SKU not registered in Linx",
                "SKU {sku} does not exist in Linx Commerce.",
                "Register the SKU or fix the SKU mapping in Plug.to, then {resend}.",
            ),
        ),
        _r(
            "intermediary_cnpj_missing",
            (
                "CNPJ do intermediador ausente",
                "O pedido do {marketplace} não informa um CNPJ do intermediador válido e o canal "
                "não tem um CNPJ padrão.",
                "Informe o CNPJ do intermediador padrão (ou o da tabela por marketplace) nas "
                "configurações do canal e {resend}.",
            ),
            (
                "Intermediary CNPJ missing",
                "The {marketplace} order carries no valid intermediary CNPJ and the channel has no "
                "fallback CNPJ.",
                "Set the fallback intermediary CNPJ (or the per-marketplace one) in the channel "
                "settings, then {resend}.",
            ),
        ),
        _r(
            "invalid_postal_code",
            (
                "CEP inválido",
                "O CEP do endereço ({field}) não tem 8 dígitos: veio \"{value}\".",
                "Corrija o endereço do pedido no Plug.to e {resend}.",
            ),
            (
                "Invalid postal code",
                "The address postal code ({field}) does not have 8 digits: it came as \"{value}\".",
                "Fix the order address in Plug.to, then {resend}.",
            ),
        ),
        _r(
            "invalid_state",
            (
                "UF inválida",
                "O estado do endereço ({field}) não é uma UF brasileira: veio \"{value}\".",
                "Corrija o endereço do pedido no Plug.to e {resend}.",
            ),
            (
                "Invalid state",
                "The address state ({field}) is not a Brazilian state: it came as \"{value}\".",
                "Fix the order address in Plug.to, then {resend}.",
            ),
        ),
        _r(
            "missing_customer_name",
            (
                "Nome do comprador ausente",
                "O pedido não traz o nome do comprador.",
                "Complete os dados do comprador no Plug.to e {resend}.",
            ),
            (
                "Buyer name missing",
                "The order does not carry the buyer's name.",
                "Complete the buyer's data in Plug.to, then {resend}.",
            ),
        ),
        _r(
            "empty_items",
            (
                "Pedido sem itens",
                "O pedido não tem nenhum item.",
                "Verifique o pedido no Plug.to; se estiver correto, ignore-o aqui.",
            ),
            (
                "Order without items",
                "The order has no items.",
                "Check the order in Plug.to; if it is correct, ignore it here.",
            ),
        ),
        _r(
            "totals_mismatch",
            (
                "Totais não conferem",
                "A Linx recusou o pedido porque os totais não conferem ({details}).",
                "Confira valores, frete e descontos do pedido no Plug.to e {resend}.",
            ),
            (
                "Totals do not add up",
                "Linx refused the order because the totals do not add up ({details}).",
                "Check the prices, shipping and discounts in Plug.to, then {resend}.",
            ),
        ),
        _r(
            "linx_rejected",
            (
                "Pedido recusado pela Linx",
                "A Linx Commerce recusou o pedido: {details}",
                "Corrija o dado indicado e {resend}.",
            ),
            (
                "Order refused by Linx",
                "Linx Commerce refused the order: {details}",
                "Fix the field named above, then {resend}.",
            ),
        ),
        _r(
            "linx_order_not_found",
            (
                "Pedido não encontrado na Linx",
                "O pedido {linx_order_id} não foi encontrado na Linx Commerce.",
                "Verifique o pedido no painel da Linx; se ele foi removido, ignore-o aqui.",
            ),
            (
                "Order not found in Linx",
                "Order {linx_order_id} was not found in Linx Commerce.",
                "Check the order in the Linx admin; if it was removed, ignore it here.",
            ),
        ),
        _r(
            "duplicate_marketplace_order",
            (
                "Venda já integrada por outro pedido do Plug.to",
                "A venda {mp_id} do {marketplace} já está na loja (pedido Linx nº {linx_number}), "
                "criada pelo pedido {other_pluggto_id} do Plug.to. Nada foi criado de novo, para não "
                "duplicar a venda.",
                "Confira no painel do Plug.to: se este pedido é uma cópia, use Ignorar aqui. Se forem "
                "vendas diferentes, fale com o suporte do Plug.to.",
            ),
            (
                "Sale already integrated by another Plug.to order",
                "Sale {mp_id} from {marketplace} is already in the store (Linx order no. {linx_number}), "
                "created by Plug.to order {other_pluggto_id}. Nothing was created again, so the sale "
                "is not duplicated.",
                "Check the Plug.to panel: if this order is a copy, use Ignore here. If they are "
                "different sales, contact Plug.to support.",
            ),
        ),
        _r(
            "pluggto_order_not_found",
            (
                "Pedido não encontrado no Plug.to",
                "O Plug.to não encontrou o pedido {pluggto_id}.",
                "Confira o ID do pedido no painel do Plug.to; se ele foi removido, ignore-o aqui.",
            ),
            (
                "Order not found in Plug.to",
                "Plug.to could not find order {pluggto_id}.",
                "Check the order id in the Plug.to panel; if it was removed, ignore it here.",
            ),
        ),
        _r(
            "pluggto_rejected",
            (
                "Plug.to recusou a atualização",
                "O Plug.to recusou a atualização ({type}): {details}",
                "Confira o pedido no painel do Plug.to e {resend}.",
            ),
            (
                "Plug.to refused the update",
                "Plug.to refused the update ({type}): {details}",
                "Check the order in the Plug.to panel, then {resend}.",
            ),
        ),
        _r(
            "retries_exhausted",
            (
                "Falha de comunicação persistente",
                "Não foi possível concluir após {attempts} tentativas. Último erro: {last_error}",
                "Verifique a internet e o status do Plug.to e da Linx, depois {resend}.",
            ),
            (
                "Persistent communication failure",
                "Could not finish after {attempts} attempts. Last error: {last_error}",
                "Check the internet connection and the status of Plug.to and Linx, then "
                "{resend}.",
            ),
        ),
        _r(
            "status_not_imported",
            (
                "Status não importado",
                "O pedido está com o status \"{status}\" no Plug.to e não foi encontrado na "
                "Linx. Pedidos nesse status não são criados automaticamente.",
                "Se o pedido deve entrar na loja, inclua esse status em \"Status a importar\" nas "
                "configurações do canal e {resend}; se não, ignore-o.",
            ),
            (
                "Status not imported",
                "The order has status \"{status}\" in Plug.to and was not found in Linx. Orders "
                "with this status are not created automatically.",
                "If the order belongs in the store, add this status to \"Statuses to import\" in "
                "the channel settings and {resend}; otherwise, ignore it.",
            ),
        ),
        _r(
            "status_unknown",
            (
                "Status desconhecido",
                "O Plug.to informou o status \"{status}\", que o aplicativo não conhece. O pedido "
                "foi registrado e aguarda a próxima mudança de status.",
                "Confira o pedido no painel do Plug.to. Quando o status mudar, o pedido segue "
                "sozinho; se ele já deve entrar na loja, avise o suporte.",
            ),
            (
                "Unknown status",
                "Plug.to reported the status \"{status}\", which the app does not know. The order "
                "was recorded and waits for its next status change.",
                "Check the order in the Plug.to panel. When its status changes the order goes on "
                "by itself; if it should already be in the store, tell support.",
            ),
        ),
        _r(
            "product_rejected",
            (
                "Produto recusado pelo Plug.to",
                "O Plug.to recusou o produto {sku}: {details}",
                "Corrija o cadastro do produto na Linx Commerce e {resend}.",
            ),
            (
                "Product refused by Plug.to",
                "Plug.to refused product {sku}: {details}",
                "Fix the product in Linx Commerce, then {resend}.",
            ),
        ),
        _r(
            "product_invalid",
            (
                "Produto incompleto",
                "O produto {sku} não pode ser publicado: {details}",
                "Complete o cadastro do produto na Linx Commerce; ele é reenviado na próxima "
                "alteração. Para reenviar agora, {resend}.",
            ),
            (
                "Incomplete product",
                "Product {sku} cannot be published: {details}",
                "Complete the product in Linx Commerce; it is sent again on its next change. To "
                "send it now, {resend}.",
            ),
        ),
        _r(
            "status_back_rejected",
            (
                "Plug.to recusou a atualização do pedido",
                "O Plug.to recusou {what}: {details}",
                "Corrija o dado no pedido da loja (Linx Commerce); a atualização é reenviada "
                "quando o pedido mudar, ou {resend}.",
            ),
            (
                "Plug.to refused the order update",
                "Plug.to refused {what}: {details}",
                "Fix the data on the store's order (Linx Commerce); the update is sent again when "
                "the order changes, or {resend}.",
            ),
        ),
        _r(
            "invalid_nfe_key",
            (
                "Chave da NF-e inválida",
                "A chave da nota fiscal do pedido na Linx não tem 44 dígitos ({nfe_key}).",
                "Corrija a nota fiscal do pedido na Linx Commerce; ela é reenviada ao Plug.to "
                "quando o pedido mudar, ou {resend}.",
            ),
            (
                "Invalid NF-e key",
                "The invoice key of the order in Linx does not have 44 digits ({nfe_key}).",
                "Fix the order's invoice in Linx Commerce; it is sent to Plug.to again when the "
                "order changes, or {resend}.",
            ),
        ),
        _r(
            "internal_error",
            (
                "Erro interno — envie o diagnóstico",
                "O aplicativo encontrou um erro inesperado ao processar este pedido ({error}), "
                "mesmo após {attempts} tentativas. Os demais pedidos seguem normalmente.",
                "{diagnose} e envie o arquivo ao suporte; depois {resend}.",
            ),
            (
                "Internal error — send the diagnostics",
                "The app hit an unexpected error while processing this order ({error}), even "
                "after {attempts} attempts. Other orders go on as usual.",
                "{diagnose} and send the file to support; then {resend}.",
            ),
        ),
        _r(
            "remote_rejected",
            (
                "Operação recusada",
                "O serviço recusou a operação: {details}",
                "Verifique os dados indicados e {resend}.",
            ),
            (
                "Operation refused",
                "The service refused the operation: {details}",
                "Check the data named above, then {resend}.",
            ),
        ),
    ]
}


#: Who reads the hint: the app's person clicks buttons, a terminal's person runs commands.
APP, TERMINAL = "app", "terminal"


def _actions(lang: str, audience: str, program: str, ref: str) -> dict[str, str]:
    """The hint's ``{resend}`` and ``{diagnose}``: a button in the app, a command in a terminal
    (there is no "Reenviar" to click there)."""
    if audience == TERMINAL:
        return {
            "resend": pick(lang, f"rode `{program} retry {ref}`", f"run `{program} retry {ref}`"),
            "diagnose": pick(lang, f"Rode `{program} diagnose -o diagnostico.zip`",
                             f"Run `{program} diagnose -o diagnostics.zip`"),
        }
    return {
        "resend": pick(lang, "clique em Reenviar", "click Resend"),
        "diagnose": pick(lang, "Em Suporte, clique em \"Exportar diagnóstico…\"", "In Support, click \"Export diagnostics…\""),
    }


def render(code: str, params: dict[str, Any] | None = None, lang: str = PT, *, audience: str = APP,
           program: str = "pluggto-desktop", ref: str = "<id>") -> Reason:
    """Render a reason in ``lang``; an unknown code falls back to ``remote_rejected``'s text.

    ``audience`` ``"terminal"`` names commands (``{program} retry {ref}``) where the app names
    buttons; the stored pt-BR text is always the app's."""
    params = dict(params or {})
    definition = REASONS.get(code) or REASONS["remote_rejected"]
    text = definition.pt if lang == PT else definition.en
    values = _Defaults({k: ("" if v is None else v) for k, v in params.items()})
    values.update(_actions(lang, audience, program, ref))
    return Reason(
        code=code,
        title=text.title.format_map(values),
        message=text.message.format_map(values),
        hint=text.hint.format_map(values),
        params=params,
    )


__all__ = ["APP", "EN", "PT", "REASONS", "TERMINAL", "Reason", "ReasonDef", "render"]
