"""The answer of a nomination typed in the UI names the person as the papers will."""

from __future__ import annotations

import pytest

from models.nominee import GenderChoice, NominationForm, NomineeKind
from models.plan_parts import Rating
from tasks.desk.intake import nomination_stored
from tasks.intake.reports import Receipt


@pytest.mark.parametrize(("kind", "gender", "shown"), [
    (NomineeKind.INDIVIDUAL, GenderChoice.FEMALE, "Cá nhân: Bà Trần Thị Lan"),
    (NomineeKind.INDIVIDUAL, GenderChoice.MALE, "Cá nhân: Ông Trần Thị Lan"),
    (NomineeKind.COLLECTIVE, GenderChoice.NONE, "Tập thể: Trần Thị Lan"),
])
def test_the_answer_names_the_nominee_with_ong_or_ba(kind: NomineeKind, gender: GenderChoice,
                                                     shown: str) -> None:
    form = NominationForm(campaign="c", round_code="r", unit="KT", kind=kind,
                          name="Trần Thị Lan", gender=gender, rating=Rating.GOOD)
    answer = nomination_stored(form, Receipt(id=7, version=1, late=False, obligation_key="k"), [])
    assert ("Tập thể / cá nhân", shown) in answer.facts
