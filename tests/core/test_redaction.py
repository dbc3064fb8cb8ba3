"""redact(): realistic samples lose every sensitive value and keep the useful ones."""

from __future__ import annotations

import json
import time

import pytest

from pluggto_desktop.logs import redact, register_secret

ORDER_JSON = json.dumps(
    {
        "Order": {
            "id": "606a7d2de2dc666bac3206b5",
            "order_id": 1234567,
            "status": "approved",
            "channel": "MercadoLivre",
            "original_id": "2000001234567890",
            "user_id": "129",
            "total": 100.0,
            "receiver_name": "Andre",
            "receiver_lastname": "Souza",
            "receiver_address": "Rua do Bosque",
            "receiver_address_number": "440",
            "receiver_address_complement": "Ap 22",
            "receiver_neighborhood": "Barra Funda",
            "receiver_city": "São Paulo",
            "receiver_zipcode": "01139000",
            "receiver_phone_area": "11",
            "receiver_phone": "991122111",
            "receiver_email": "comprador@example.com",
            "receiver_cpf": "12345678909",
            "payer_email": "comprador@example.com",
            "payer_cpf": "12345678909",
            "payer_cnpj": None,
            "payer_tax_id": "123.456.789-09",
            "payer_phone": 991122111,
            "sale_intermediary": "03007331000141",
            "payment_intermediary": "10573521000191",
            "intermediary_seller_id": "MINHALOJA123",
            "items": [
                {"sku": "CAM-AZUL", "name": "Camiseta Básica Azul", "quantity": 2, "price": 30,
                 "variation": {"sku": "CAM-AZUL-M", "ean": "7890000000001"}},
                {"sku": "486078", "name": "PRODUTO XYZ", "quantity": 1},
            ],
        }
    },
    ensure_ascii=False,
)

LINX_CUSTOMER = (
    '{"Customer": {"Name": "Andre Souza", "Email": "comprador@example.com", "Type": "F", '
    '"CPF": "12345678909", "CNPJ": null, "Phone": "11991122111"}, "Addresses": [{"AddressType": '
    '"Shipping", "AddressLine": "Rua do Bosque", "Number": "440", "AddressNotes": "Ap 22", '
    '"Landmark": "Prox a padaria", "City": "São Paulo", "PostalCode": "01139000", '
    '"ContactPhone": "11991122111"}], "Items": [{"SKU": "CAM-AZUL-M", "Quantity": 2}]}'
)

CASES = [
    pytest.param(
        ORDER_JSON,
        ["Andre", "Souza", "Rua do Bosque", "01139000", "991122111", "comprador@example.com",
         "12345678909", "123.456.789-09", "03007331000141", "10573521000191", "Ap 22"],
        ["606a7d2de2dc666bac3206b5", "1234567", "2000001234567890", "MercadoLivre", "CAM-AZUL-M",
         "486078", "7890000000001", "Camiseta Básica Azul", "MINHALOJA123", '"user_id": "129"',
         "São Paulo", '"receiver_phone_area": "[redacted]"'],
        id="pluggto-order-json",
    ),
    pytest.param(
        LINX_CUSTOMER,
        ["comprador@example.com", "12345678909", "11991122111", "Rua do Bosque", "01139000", "Prox a padaria"],
        ["CAM-AZUL-M", '"Type": "F"', '"Number": "440"', '"AddressType": "Shipping"'],
        id="linx-customer-json",
    ),
    pytest.param(
        "{'receiver_cpf': '12345678909', 'receiver_email': 'a@b.com', 'sku': 'CAM-AZUL'}",
        ["12345678909", "a@b.com"],
        ["'sku': 'CAM-AZUL'", "'receiver_cpf': '[redacted]'"],
        id="python-dict-repr",
    ),
    pytest.param(
        "GET /orders/606a7d2de2dc666bac3206b5\nAuthorization: Bearer 8de87cb8a1b2c3d4e5f60718293a4b5c69351018",
        ["8de87cb8a1b2c3d4e5f60718293a4b5c69351018"],
        ["Authorization: Bearer [token]", "606a7d2de2dc666bac3206b5"],
        id="authorization-header",
    ),
    pytest.param(
        "headers={'Authorization': 'Basic aW50ZWdyYWNhbzpzZW5oYQ==', 'Accept': 'application/json'}",
        ["aW50ZWdyYWNhbzpzZW5oYQ=="],
        ["'Accept': 'application/json'"],
        id="basic-auth-dict",
    ),
    pytest.param(
        "POST /oauth/token grant_type=password&client_id=0123456789abcdef0123456789abcdef"
        "&client_secret=fedcba9876543210fedcba9876543210&username=1624640222434&password=S3nh4%2BForte",
        ["fedcba9876543210fedcba9876543210", "S3nh4%2BForte", "0123456789abcdef0123456789abcdef"],
        ["grant_type=password", "username=1624640222434", "client_secret=[redacted]", "password=[redacted]"],
        id="token-form-body",
    ),
    pytest.param(
        "grant_type=refresh_token&refresh_token=0f1e2d3c4b5a69780f1e2d3c4b5a69780f1e2d3c&client_id=abc",
        ["0f1e2d3c4b5a69780f1e2d3c4b5a69780f1e2d3c"],
        ["grant_type=refresh_token", "client_id=abc"],
        id="refresh-form-body",
    ),
    pytest.param(
        "GET https://api.plugg.to/orders?access_token=9a8b7c6d5e4f&modified=2024-07-15",
        ["9a8b7c6d5e4f"],
        ["https://api.plugg.to/orders?access_token=[redacted]&modified=2024-07-15"],
        id="access-token-query",
    ),
    pytest.param(
        '{"access_token": "tok-1", "token_type": "bearer", "expires_in": 3600, "refresh_token": "tok-2"}',
        ['"tok-1"', '"tok-2"'],
        ['"expires_in": 3600'],
        id="token-response-json",
    ),
    pytest.param(
        '{"Password": "p\\"quoted", "UserName": "integracao", "client_secret": "x"}',
        ['p\\"quoted', '"x"'],
        ['"UserName": "integracao"'],
        id="json-password-with-escaped-quote",
    ),
    pytest.param(
        "Cliente CPF 123.456.789-09 (ou 98765432100) ligou de (11) 99112-2111, +55 11 99112-2111, "
        "+55 (21) 3333-4444 e 11991122111; e-mail joao.silva+loja@empresa.com.br.",
        ["123.456.789-09", "98765432100", "99112-2111", "3333-4444", "11991122111", "joao.silva", "empresa.com.br"],
        ["Cliente CPF", "ligou de", "e-mail"],
        id="pii-in-a-sentence",
    ),
    pytest.param(
        "CNPJ 03.007.331/0001-41, alfanumérico 12.ABC.345/01DE-35, sem máscara 12ABC34501DE35 e 03007331000141",
        ["03.007.331/0001-41", "12.ABC.345/01DE-35", "12ABC34501DE35", "03007331000141"],
        ["CNPJ", "alfanumérico", "sem máscara"],
        id="cnpjs",
    ),
    pytest.param(
        "Pedido 2000001234567890 do MercadoLivre (order_id 1234567, Linx 100234): SKU CAMISETAAZUL12, "
        "SKU 486078, EAN 7890000000001, ObjectId 606a7d2de2dc666bac3206b5, em 2024-07-15T13:02:11.000Z, "
        "/Date(1721048531000-0300)/, total 1234.56, 3 itens, código unknown_sku",
        [],
        ["2000001234567890", "1234567", "100234", "CAMISETAAZUL12", "486078", "7890000000001",
         "606a7d2de2dc666bac3206b5", "2024-07-15T13:02:11.000Z", "/Date(1721048531000-0300)/", "1234.56",
         "unknown_sku"],
        id="ordinary-values-survive",
    ),
    pytest.param(
        "proxy http://joao:segredo@proxy.local:3128 e token JWT eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.abcDEF123",
        ["segredo", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.abcDEF123"],
        ["http://[redacted]@proxy.local:3128"],
        id="url-credentials-and-jwt",
    ),
    pytest.param(
        "Cookie: session=abc123; csrftoken=xyz\nX-Api-Key: k-123456",
        ["abc123", "xyz", "k-123456"],
        [],
        id="cookie-and-api-key-headers",
    ),
]


@pytest.mark.parametrize(("text", "sensitive", "kept"), CASES)
def test_redaction_table(text, sensitive, kept):
    result = redact(text)
    for value in sensitive:
        assert value not in result, (value, result)
    for value in kept:
        assert value in result, (value, result)


def test_replacement_tokens():
    assert redact("CPF 123.456.789-09") == "CPF [cpf]"
    assert redact("CNPJ 03.007.331/0001-41") == "CNPJ [cnpj]"
    assert redact("mail a@b.com") == "mail [email]"
    assert redact("tel (11) 99112-2111") == "tel [phone]"
    assert redact("tel 11991122111") == "tel [phone]"
    assert redact("cpf 98765432100") == "cpf [cpf]"
    assert redact("Authorization: Bearer abc") == "Authorization: Bearer [token]"
    assert redact("id 0123456789abcdef0123456789abcdef") == "id [token]"


def test_registered_secrets_are_masked_in_every_form():
    register_secret("P@ss w0rd/ünï")
    text = 'plain P@ss w0rd/ünï, form P%40ss+w0rd%2F%C3%BCn%C3%AF, json "P@ss w0rd/\\u00fcn\\u00ef"'
    result = redact(text)
    assert "P@ss" not in result and "P%40ss" not in result
    assert result == 'plain [secret], form [secret], json "[secret]"'
    register_secret("abc")  # too short to register: would wreck every log line
    assert redact("abc def") == "abc def"


def test_keep_protects_whole_order_numbers_only():
    message = "Pedido 12345678909 integrado; CPF do comprador 98765432100; 123456789091"
    result = redact(message, keep=["12345678909", "9"])
    assert "Pedido 12345678909 integrado" in result
    assert "98765432100" not in result
    assert "123456789091" in result  # 12 digits: not a CPF, untouched


def test_never_raises_and_accepts_non_strings():
    assert redact(None) == "None"
    assert redact(12345678909) == "[cpf]"
    assert redact({"payer_email": "a@b.com"}) == "{'payer_email': '[redacted]'}"
    assert redact("") == ""
    assert redact("\ud800 lone surrogate") == "\ud800 lone surrogate"


def test_is_fast_enough_for_every_log_line():
    text = ORDER_JSON * 5
    start = time.perf_counter()
    for _ in range(100):
        redact(text)
    per_call = (time.perf_counter() - start) / 100
    assert per_call < 0.02, per_call


@pytest.mark.parametrize(
    "text",
    ["token" * 20000, "x_cpf_" * 20000, "a@" * 50000, "1." * 50000, "(11) " * 20000, '"a":' * 20000],
)
def test_hostile_input_stays_linear(text):
    start = time.perf_counter()
    redact(text)
    assert time.perf_counter() - start < 1.0


def test_only_the_latest_rotating_secrets_are_remembered():
    from pluggto_desktop import logs

    register_secret("long-lived-password")
    for i in range(logs.MAX_ROTATING_SECRETS + 10):
        register_secret(f"rotating-token-{i:04d}", rotating=True)
    assert redact("rotating-token-0000") == "rotating-token-0000"  # long dead, forgotten
    assert redact(f"rotating-token-{logs.MAX_ROTATING_SECRETS + 9:04d}") == "[secret]"
    assert redact("long-lived-password") == "[secret]"  # never evicted by token rotation
