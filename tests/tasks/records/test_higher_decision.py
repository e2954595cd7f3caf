"""Recording the level above's decision on a round proposed to it: the round leaves the
awaiting list, each proposed nomination's history says its outcome, the commune's books never
move, and every wrong recording is refused in Vietnamese."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import col, func, select

from infra.database import get_engine, transaction
from models import tables as t
from tasks.plans.files import read_plan
from tasks.plans.store import store_plan
from tasks.records.higher_decision import HigherRefused, awaiting_rounds, record_higher
from tests.conftest import REPO

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CAMPAIGN, ROUND = "vinh-thuy-cchc-2025-h2", "de-nghi-cap-tren-2025"
NOW = datetime(2026, 1, 22, 9, tzinfo=VN)


def _proposed(url: str) -> list[int]:
    """The round as council-review leaves it: reviewed, two approved and one not, its Tờ
    trình in the TTr-UBND book."""
    with transaction(get_engine(url)) as session:
        store_plan(session, read_plan(REPO / "campaigns" / "002-vinh-thuy.yaml"), source="002",
                   as_of=datetime(2025, 8, 20, tzinfo=VN))
        row = session.exec(select(t.AwardRound).where(t.AwardRound.code == ROUND)).one()
        row.status = "reviewed"
        units = {u.code: u.id for u in session.exec(select(t.Unit)) if u.id is not None}
        assert row.id is not None
        ids: list[int] = []
        for code, kind, name, status in (("KT", "collective", "Phòng Kinh tế", "approved"),
                                         ("VHXH", "individual", "Lê Thị Kim Oanh", "approved"),
                                         ("VP", "collective", "Văn phòng", "not_approved")):
            n = t.Nomination(round_id=row.id, unit_id=units[code], kind=kind, name=name,
                             gender="Nữ" if kind == "individual" else None, status=status,
                             submitted_at=datetime(2025, 11, 20, tzinfo=VN))
            session.add(n)
            session.flush()
            assert n.id is not None
            ids.append(n.id)
        camp = session.get(t.Campaign, row.campaign_id)
        assert camp is not None
        session.add(t.Decision(commune_id=camp.commune_id, campaign_id=row.campaign_id,
                               round_id=row.id, kind="proposal", year=2025, seq=5,
                               symbol="TTr-UBND", issued_on=date(2025, 12, 10),
                               title="proposal", details={}))
    return ids


def _books(url: str) -> tuple[object, ...]:
    with transaction(get_engine(url)) as session:
        return (session.exec(select(func.count()).select_from(t.Decision)).one(),
                tuple(session.exec(select(t.NumberBook.symbol, t.NumberBook.last).order_by(
                    col(t.NumberBook.symbol))).all()))


def test_recording_closes_the_round_and_leaves_the_books(migrated_url: str) -> None:
    kt, oanh, vp = _proposed(migrated_url)
    engine = get_engine(migrated_url)
    [waiting] = awaiting_rounds(engine)
    assert (waiting.campaign, waiting.round_code, waiting.proposal) == (CAMPAIGN, ROUND,
                                                                         "05/TTr-UBND")
    assert waiting.proposed == ((kt, "Phòng Kinh tế"), (oanh, "Lê Thị Kim Oanh"))
    books = _books(migrated_url)
    done = record_higher(engine, CAMPAIGN, ROUND, "1234/QĐ-UBND", "20/01/2026", None, [kt],
                         None, NOW, "clerk")
    assert (done.issuer, done.again) == ("Chủ tịch UBND tỉnh Quảng Trị", False)
    assert [a.name for a in done.awarded] == ["Phòng Kinh tế"]
    assert [a.name for a in done.not_awarded] == ["Bà Lê Thị Kim Oanh"]
    assert awaiting_rounds(engine) == []
    assert _books(migrated_url) == books  # a province's number is not the commune's
    with transaction(engine) as session:
        said = {c.nomination_id: c.reason for c in session.exec(
            select(t.NominationStatusChange))}
        statuses = {n.id: n.status for n in session.exec(select(t.Nomination))}
    reason = "Quyết định số 1234/QĐ-UBND ngày 20/01/2026 của Chủ tịch UBND tỉnh Quảng Trị"
    assert said == {kt: f"{reason}: được khen", oanh: f"{reason}: không được khen"}
    assert statuses == {kt: "approved", oanh: "approved", vp: "not_approved"}
    again = record_higher(engine, CAMPAIGN, ROUND, "1234/QĐ-UBND", date(2026, 1, 20), None,
                          [kt], None, NOW, "clerk")
    assert again.again
    with pytest.raises(HigherRefused, match="đã ghi Quyết định số 1234/QĐ-UBND ngày "
                                            "20/01/2026 .*không ghi lần hai"):
        record_higher(engine, CAMPAIGN, ROUND, "1240/QĐ-UBND", date(2026, 1, 20), None, None,
                      None, NOW, "clerk")
    with transaction(engine) as session:
        assert len(session.exec(select(t.NominationStatusChange)).all()) == 2


@pytest.mark.parametrize(("round_code", "number", "day", "awarded", "said"), [
    ("tong-ket-2025", "12/QĐ-UBND", "20/01/2026", None, "do Chủ tịch UBND xã quyết định"),
    (ROUND, "1234", "20/01/2026", None, "không đúng dạng số/ký hiệu, ví dụ 1234/QĐ-UBND"),
    (ROUND, "1234/QĐ-UBND", "09/12/2025", None, "trước ngày Tờ trình số 05/TTr-UBND"),
    (ROUND, "1234/QĐ-UBND", "31/02/2026", None, "ngày quyết định"),
    (ROUND, "1234/QĐ-UBND", "20/01/2026", [999], "hồ sơ số 999 không có trong danh sách"),
])
def test_a_wrong_recording_is_refused_and_changes_nothing(
        migrated_url: str, round_code: str, number: str, day: str, awarded: list[int] | None,
        said: str) -> None:
    _proposed(migrated_url)
    engine = get_engine(migrated_url)
    with pytest.raises(HigherRefused, match=said) as refused:
        record_higher(engine, CAMPAIGN, round_code, number, day, None, awarded, None, NOW,
                      "clerk")
    assert "Error" not in str(refused.value) and "\n" not in str(refused.value)
    assert len(awaiting_rounds(engine)) == 1
    with transaction(engine) as session:
        assert session.exec(select(t.HigherDecision)).all() == []


def test_a_round_not_yet_reviewed_awaits_nothing(migrated_url: str) -> None:
    _proposed(migrated_url)
    engine = get_engine(migrated_url)
    with transaction(engine) as session:
        session.exec(select(t.AwardRound).where(t.AwardRound.code == ROUND)).one().status = \
            "under_review"
    assert awaiting_rounds(engine) == []
    with pytest.raises(HigherRefused, match="Hội đồng chưa xét"):
        record_higher(engine, CAMPAIGN, ROUND, "1234/QĐ-UBND", "20/01/2026", None, None, None,
                      NOW, "clerk")
