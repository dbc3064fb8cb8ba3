"""Every reason reads whole in both languages, for the app's person and the terminal's."""

from __future__ import annotations

import pytest

from pluggto_desktop.domain.reasons import APP, REASONS, TERMINAL, render
from pluggto_desktop.i18n import EN, PT


@pytest.mark.parametrize("code", sorted(REASONS))
@pytest.mark.parametrize("lang", [PT, EN])
def test_hints_name_a_button_in_the_app_and_a_command_in_a_terminal(code: str, lang: str) -> None:
    app = render(code, {}, lang, audience=APP)
    terminal = render(code, {}, lang, audience=TERMINAL, program="pluggto-desktop", ref="abc")
    for text in (app.hint, terminal.hint):
        assert "{" not in text and text.strip()
    assert "Reenviar" not in terminal.hint and "Resend" not in terminal.hint
    if "Reenviar" in app.hint or "Resend" in app.hint:
        assert "`pluggto-desktop retry abc`" in terminal.hint


def test_a_detail_the_app_words_itself_reads_in_english_and_is_stored_in_portuguese() -> None:
    params = {"sku": "CAM-1", "details": "o produto não tem nome", "details_en": "the product has no name"}
    expected = "O produto CAM-1 não pode ser publicado: o produto não tem nome"
    assert render("product_invalid", params, PT).message == expected
    assert render("product_invalid", params, EN).message == "Product CAM-1 cannot be published: the product has no name"
    # a remote's own words come in one language: both renderings show them as they came
    remote = {"sku": "CAM-1", "details": "nome obrigatório"}
    assert render("product_rejected", remote, EN).message == "Plug.to refused product CAM-1: nome obrigatório"
