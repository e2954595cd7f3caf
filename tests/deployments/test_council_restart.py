"""A council paused before `thidua serve` stops is answered after it starts again, and ends
with its papers: real processes, the served deployment, the API as the V2 UI calls it."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from infra.database import get_engine, transaction
from models import tables as t
from tasks.documents.board import board_key
from tasks.documents.review import review_key
from tests.deployments.council_seed import CAMPAIGN, PRESENT, ROUND, Nominee, answer
from tests.deployments.served_council import Served, served
from tests.processes import descendants

NOMINEES = (Nominee("VP", "collective", "Tập thể Văn phòng HĐND và UBND xã"),
            Nominee("KT", "collective", "Tập thể Phòng Kinh tế"),
            Nominee("KT", "individual", "Bà Nguyễn Thị Hoa", "Hoàn thành tốt nhiệm vụ"))


def flow_processes(serve: Served) -> list[int]:
    """Flow-run processes `thidua serve` has running now (its runner starts one per run)."""
    assert serve.process is not None
    found = []
    for pid in descendants(serve.process.pid):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"prefect.engine" in command:
            found.append(pid)
    return found


def dossier_rows(serve: Served, numbers: dict[str, int]) -> dict[int, str]:
    """Where the campaign's board says each dossier stands."""
    rows = [line.split(" | ") for line in serve.latest(board_key(CAMPAIGN)).splitlines()]
    return {int(cells[0].strip("| ")): cells[-1].strip("| ") for cells in rows
            if len(cells) == 4 and cells[0].strip("| ").isdigit()
            and int(cells[0].strip("| ")) in numbers.values()}


def test_a_council_paused_before_a_restart_is_answered_after_it(tmp_path: Path) -> None:
    with served(tmp_path, NOMINEES) as (serve, numbers):
        run_id = serve.start_council()
        first = serve.paused(run_id, "hoi-dong-1")
        assert first["name"] == "Suspended"  # waiting on the server, not in a process
        assert dossier_rows(serve, numbers) == dict.fromkeys(numbers.values(),
                                                             "Hội đồng đang xét")
        serve.wait_for("the run's process to end", lambda: not flow_processes(serve))
        few = answer(dict.fromkeys(numbers.values(), 3), members_present=PRESENT[:3])
        serve.resume(run_id, few)
        refused = serve.paused(run_id, "hoi-dong-2")
        reason = "chưa đủ số thành viên dự họp: có mặt 3/7, cần ít nhất 2/3 (5 người)"
        assert reason in serve.run_input(run_id, refused, "description")

        assert serve.stop() == 0  # as a service manager stops it, the council still waiting
        serve.start()

        again = serve.paused(run_id, "hoi-dong-2")  # still there, still asking
        assert again["name"] == "Suspended"
        note = serve.run_input(run_id, again, "description")
        assert note.startswith("**Chưa nhận kết quả họp") and reason in note  # reasons on top
        fields = serve.run_input(run_id, again, "schema")["properties"]
        assert {name: field.get("default") for name, field in fields.items()} == few
        accepted = serve.resume(run_id, answer(dict.fromkeys(numbers.values(), 6)))
        assert accepted["status"] == "ACCEPT"
        done = serve.ended(run_id)
        assert done["type"] == "COMPLETED", (done["message"], serve.tail())
        assert done["message"].startswith("Quyết định số 01/QĐ-UBND: 2 tập thể và 1 cá nhân ")
        [summary] = serve.artifacts(run_id)
        assert "Quyết định số 01/QĐ-UBND" in summary
        assert len(serve.artifacts(run_id, review_key(CAMPAIGN, ROUND))) == 1  # first run only
        assert dossier_rows(serve, numbers) == dict.fromkeys(numbers.values(),
                                                             "Được đề nghị khen")

    engine = get_engine(f"sqlite:///{serve.data / 'thidua.db'}")
    with transaction(engine) as session:
        papers = session.exec(select(t.Decision)).all()
        meetings = session.exec(select(t.CouncilSession)).all()
        statuses = {n.name: n.status for n in session.exec(select(t.Nomination))}
    engine.dispose()
    assert sorted((p.symbol, p.seq) for p in papers) == [
        ("BB-HĐTĐKT", 1), ("QĐ-UBND", 1), ("TTr-VHXH", 1)]  # minutes, decision, submission
    for paper in papers:  # each a Word file where the record says (under the data folder)
        path = serve.data / str(paper.document_path)  # an absolute path stays itself
        assert path.read_bytes()[:2] == b"PK", path
    assert len(meetings) == 1 and meetings[0].members_present == PRESENT
    assert set(statuses.values()) == {"approved"}
