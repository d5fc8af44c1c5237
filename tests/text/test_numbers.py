"""Numbers typed by people: ASCII digits only, one way everywhere; anything else a clear InputError."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sti_geo import InputError
from sti_geo.text.numbers import decimal, integer, is_integer

# every kind of character a link can carry: digits of other scripts (Nd), superscripts and circled numbers
# (No), letter numbers (Nl), spaces, punctuation, letters
ANY_TEXT = st.text(st.characters(categories=("Nd", "No", "Nl", "Zs", "Po", "Pd", "Ll", "Lo", "Sm")), max_size=8)


@pytest.mark.parametrize("text", ["²²²²", "①②③④", "١٢", "２０２３", "1_000", " 12", "12 ", "", "+", "1.0", "Ⅻ"])
def test_what_str_isdigit_or_int_accept_but_a_reader_does_not_is_refused(text):
    assert not is_integer(text)
    with pytest.raises(InputError, match="is not a whole number"):
        integer(text, "year")


@pytest.mark.parametrize("text", ["nan", "inf", "-Infinity", "1_0.5", "١٫٥", "٣٧.٥", "0x1A", "", "1e999", "37,5"])
def test_what_float_accepts_but_a_reader_does_not_is_refused(text):
    with pytest.raises(InputError):
        decimal(text, "coordinate")


@pytest.mark.parametrize(("text", "value"), [("2023", 2023), ("-5", -5), ("+7", 7), ("007", 7)])
def test_ascii_integers_read(text, value):
    assert is_integer(text) and integer(text) == value


@pytest.mark.parametrize(("text", "value"), [("37.5", 37.5), ("-122", -122.0), (".5", 0.5), ("5.", 5.0),
                                             ("1e3", 1000.0)])
def test_ascii_decimals_read(text, value):
    assert decimal(text) == value


@given(ANY_TEXT)
def test_any_text_is_a_number_read_in_ascii_or_an_input_error(text):
    try:
        value = integer(text)
    except InputError:
        assert not (text.isascii() and text.lstrip("+-").isdigit() and text[:1] not in " ")
    else:
        assert text.isascii() and value == int(text)
    try:
        number = decimal(text)
    except InputError:
        pass
    else:
        assert text.isascii() and number == float(text)
