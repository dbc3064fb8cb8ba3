"""CNPJ validation in both formats (docs/business-rules.md §6), as the rest of the app relies on it.

The module is shared (``domain/cnpj.py``); these tests pin its documented behaviour: the worked
examples, masks, the rejection rules, and that nothing ever raises on odd input.
"""

from __future__ import annotations

import string

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from pluggto_desktop.domain import cnpj

BASE_ALPHABET = string.digits + string.ascii_uppercase

# --- Worked examples of docs/business-rules.md §6 --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "03007331000141",
        "03.007.331/0001-41",
        " 03.007.331/0001-41 ",
        "03 007 331 0001 41",
        "12ABC34501DE35",
        "12.ABC.345/01DE-35",
        "12abc34501de35",
        "12.abc.345/01de-35",
    ],
)
def test_documented_valid_examples_masked_bare_and_lower_case(text: str) -> None:
    assert cnpj.is_valid(text)
    assert cnpj.describe_problem(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "22211221000121",  # the docs' invalid example (it is Plug.to's own sample value)
        "22.211.221/0001-21",
        "03007331000142",  # last check digit off by one
        "12ABC34501DE36",
        "0300733100014",  # 13 characters
        "030073310001411",  # 15 characters
        "12ABC34501DE3A",  # a letter in the check digits
        "",
        "   ",
    ],
)
def test_invalid_examples(text: str) -> None:
    assert not cnpj.is_valid(text)


@pytest.mark.parametrize("char", list(BASE_ALPHABET))
def test_fourteen_identical_characters_are_rejected(char: str) -> None:
    assert not cnpj.is_valid(char * 14)
    assert not cnpj.is_valid(cnpj.format(char * 14))


def test_all_zero_is_rejected_even_masked() -> None:
    assert not cnpj.is_valid("00.000.000/0000-00")
    assert cnpj.describe_problem("00.000.000/0000-00") == "repeated"


def test_all_zero_passes_the_checksum_but_is_still_rejected() -> None:
    # 00000000000000 has correct check digits; only the explicit rule rejects it.
    assert cnpj.check_digits("000000000000") == "00"
    assert cnpj.describe_problem("00000000000000") == "repeated"


def test_check_digits_of_the_documented_examples() -> None:
    assert cnpj.check_digits("030073310001") == "41"
    assert cnpj.check_digits("12ABC34501DE") == "35"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03007331000141", "03.007.331/0001-41"),
        ("12abc34501de35", "12.ABC.345/01DE-35"),
        ("12.ABC.345/01DE-35", "12.ABC.345/01DE-35"),
        ("22211221000121", "22.211.221/0001-21"),  # format does not require validity
        ("123.45", "12345"),  # not 14 characters: normalised, unmasked
        (None, ""),
    ],
)
def test_format(text: object, expected: str) -> None:
    assert cnpj.format(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12.abc.345/01de-35", "12ABC34501DE35"),
        (" 03.007.331/0001-41\n", "03007331000141"),
        (3007331000141, "03007331000141"),  # a JSON number lost its leading zero
        (None, ""),
        (True, ""),
        (-5, ""),
        (["03007331000141"], ""),
        (12.5, ""),
    ],
)
def test_normalize(text: object, expected: str) -> None:
    assert cnpj.normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        (None, "empty"),
        ("123", "length"),
        ("12ABC34501DE3A", "characters"),
        ("12ABC3450!DE35", "characters"),
        ("AAAAAAAAAAAAAA", "characters"),  # letters are not allowed in the check digits
        ("77777777777777", "repeated"),
        ("22211221000121", "check_digits"),
        ("03007331000141", None),
        ("12.ABC.345/01DE-35", None),
    ],
)
def test_describe_problem_codes(text: object, code: str | None) -> None:
    assert cnpj.describe_problem(text) == code


def test_is_alphanumeric() -> None:
    assert cnpj.is_alphanumeric("12.abc.345/01de-35")
    assert not cnpj.is_alphanumeric("03.007.331/0001-41")


# --- Properties -------------------------------------------------------------------------------


def _reference_is_valid(value: str) -> bool:
    """An independent reading of the Receita Federal rule, to check the module against."""
    if len(value) != 14 or len(set(value)) == 1:
        return False
    if any(c not in BASE_ALPHABET for c in value[:12]) or not value[12:].isdigit():
        return False
    values = [ord(c) - ord("0") for c in value[:12]]
    for weights in ([5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2], [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]):
        remainder = sum(v * w for v, w in zip(values, weights)) % 11
        values.append(0 if remainder < 2 else 11 - remainder)
    return value[12:] == f"{values[12]}{values[13]}"


numeric_bases = st.text(alphabet=string.digits, min_size=12, max_size=12)
alphanumeric_bases = st.text(alphabet=BASE_ALPHABET, min_size=12, max_size=12)
any_base = st.one_of(numeric_bases, alphanumeric_bases)


def _complete(base: str) -> str:
    return base + cnpj.check_digits(base)


@given(any_base)
def test_generated_cnpjs_validate_bare_masked_and_lower_case(base: str) -> None:
    full = _complete(base)
    assume(len(set(full)) > 1)
    assert cnpj.is_valid(full)
    assert cnpj.is_valid(cnpj.format(full))
    assert cnpj.is_valid(full.lower())
    assert cnpj.normalize(cnpj.format(full)) == full
    assert _reference_is_valid(full)


@given(any_base, st.integers(min_value=12, max_value=13), st.sampled_from(string.digits))
def test_changing_a_check_digit_always_invalidates(base: str, position: int, digit: str) -> None:
    full = _complete(base)
    assume(len(set(full)) > 1 and full[position] != digit)
    changed = full[:position] + digit + full[position + 1 :]
    assert not cnpj.is_valid(changed)


@given(any_base, st.integers(min_value=0, max_value=11), st.sampled_from(BASE_ALPHABET))
def test_changing_a_base_character_invalidates_when_mod_11_can_see_it(
    base: str, position: int, char: str
) -> None:
    """Mod-11 check digits catch a substitution unless the two characters' values differ by a
    multiple of 11 (e.g. "6" and "A", worth 6 and 17) or the first check digit is 0 (remainders
    0 and 1 both give 0). Digit-for-digit typos differ by at most 9, so with DV1 ≠ 0 they are
    always caught."""
    full = _complete(base)
    assume(len(set(full)) > 1 and full[position] != char)
    changed = full[:position] + char + full[position + 1 :]
    delta = ord(char) - ord(full[position])
    if delta % 11 != 0 and full[12] != "0":
        assert not cnpj.is_valid(changed)
    # Whatever the case, the module agrees with the reference reading of the rule.
    assert cnpj.is_valid(changed) == _reference_is_valid(changed)


def test_a_blind_spot_of_the_official_algorithm_is_accepted() -> None:
    """Pinned on purpose: Receita's own validator accepts both, so must we (swapping "6" for "A"
    changes a value by 11, invisible to mod 11). Do not "fix" this by rejecting valid CNPJs."""
    base = "126345010635"
    full = _complete(base)
    swapped = full.replace("6", "A", 1)
    assert cnpj.is_valid(full) and cnpj.is_valid(swapped)


@given(st.text(alphabet=BASE_ALPHABET + "./- ", min_size=0, max_size=20))
def test_is_valid_matches_the_reference_on_mask_like_text(text: str) -> None:
    assert cnpj.is_valid(text) == _reference_is_valid(cnpj.normalize(text))


@given(
    st.one_of(
        st.text(),
        st.none(),
        st.integers(),
        st.floats(),
        st.booleans(),
        st.lists(st.text()),
        st.dictionaries(st.text(), st.text()),
        st.binary(),
    )
)
def test_functions_never_raise_on_arbitrary_input(value: object) -> None:
    assert isinstance(cnpj.is_valid(value), bool)
    assert isinstance(cnpj.normalize(value), str)
    assert isinstance(cnpj.format(value), str)
    problem = cnpj.describe_problem(value)
    assert problem is None or isinstance(problem, str)
    assert (problem is None) == cnpj.is_valid(value)
