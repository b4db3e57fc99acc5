from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rodloeber.domain.identifiers import (
    cvr_problem,
    is_kommune_code_format,
    is_valid_cvr,
    normalise_cvr,
)


@pytest.mark.parametrize(
    ("raw", "valid"),
    [
        ("13585628", True),  # a published example that passes modulus 11
        ("DK 13585628", True),
        ("13 58 56 28", True),
        ("90000012", True),
        ("13585627", False),  # one digit off
        ("03585628", False),  # leading zero
        ("1358562", False),  # 7 digits
        ("135856281", False),  # 9 digits
        ("1358562A", False),
        ("", False),
    ],
)
def test_cvr_validation(raw: str, valid: bool) -> None:
    assert is_valid_cvr(raw) is valid


def test_cvr_problem_explains_in_both_languages() -> None:
    problem = cvr_problem("13585627")
    assert problem is not None
    assert problem.code == "cvr_checksum"
    assert "modulus 11" in problem.message_da
    assert "modulus-11" in problem.message_en


def test_normalise_cvr() -> None:
    assert normalise_cvr(" dk-1358-5628 ") == "13585628"


@given(st.from_regex(r"[1-9][0-9]{6}", fullmatch=True))
def test_exactly_one_check_digit_or_none_completes_a_prefix(prefix: str) -> None:
    completions = [d for d in "0123456789" if is_valid_cvr(prefix + d)]
    assert len(completions) <= 1


@pytest.mark.parametrize(
    ("code", "ok"),
    [("0561", True), ("0101", True), ("851", False), ("0051", False), ("abcd", False)],
)
def test_kommune_code_format(code: str, ok: bool) -> None:
    assert is_kommune_code_format(code) is ok
