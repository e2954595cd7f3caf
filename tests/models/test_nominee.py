"""A nominee's gender as the forms take it, a person addressed as Ông/Bà, counts in words."""

from __future__ import annotations

import pytest

from models.cell_rules import CellError
from models.nominee import (
    GENDER_NEEDED,
    GENDER_NOT_FOR_COLLECTIVE,
    GenderChoice,
    NominationForm,
    NomineeKind,
    addressed,
    counted,
    gender_problem,
    parse_gender,
)
from models.plan_parts import Rating


@pytest.mark.parametrize(("typed", "read"), [
    ("Nam", "Nam"), (" nam ", "Nam"), ("Nữ", "Nữ"), ("NỮ", "Nữ"), ("nu", "Nữ"),
    ("Nu\u031b\u0303", "Nữ"),  # NFD, as a Mac types it
])
def test_a_gender_is_read_whatever_the_case_or_form(typed: str, read: str) -> None:
    assert parse_gender(typed) == read


@pytest.mark.parametrize("typed", ["Ông", "Bà", "M", "x"])
def test_anything_else_is_refused_saying_what_is_expected(typed: str) -> None:
    with pytest.raises(CellError, match="cần “Nam” hoặc “Nữ”"):
        parse_gender(typed)


@pytest.mark.parametrize(("kind", "gender", "problem"), [
    ("individual", "Nam", None), ("individual", "Nữ", None),
    ("individual", None, GENDER_NEEDED), ("collective", None, None),
    ("collective", "Nữ", GENDER_NOT_FOR_COLLECTIVE),
])
def test_an_individual_needs_a_gender_and_a_collective_has_none(
        kind: str, gender: str | None, problem: str | None) -> None:
    assert gender_problem(kind, gender) == problem


@pytest.mark.parametrize(("gender", "shown"), [
    ("Nam", "Ông Trần Văn Minh"), ("Nữ", "Bà Trần Văn Minh"), (None, "Trần Văn Minh"),
])
def test_a_person_is_addressed_by_gender_never_by_guess(gender: str | None,
                                                        shown: str) -> None:
    assert addressed("Trần Văn Minh", gender) == shown


@pytest.mark.parametrize(("collectives", "individuals", "said"), [
    (2, 0, "2 tập thể"), (2, 1, "2 tập thể và 1 cá nhân"), (0, 3, "3 cá nhân"), (0, 0, ""),
])
def test_counts_leave_out_a_part_with_no_one(collectives: int, individuals: int,
                                             said: str) -> None:
    assert counted(collectives, individuals) == said


@pytest.mark.parametrize(("choice", "stored"), [
    (GenderChoice.FEMALE, "Nữ"), (GenderChoice.MALE, "Nam"), (GenderChoice.NONE, None)])
def test_the_ui_forms_choice_is_stored_as_the_gender_or_none(choice: GenderChoice,
                                                             stored: str | None) -> None:
    form = NominationForm(campaign="c", round_code="r", unit="KT", kind=NomineeKind.INDIVIDUAL,
                          name="Trần Thị Lan", gender=choice, rating=Rating.EXCELLENT)
    assert form.entry().gender == stored
