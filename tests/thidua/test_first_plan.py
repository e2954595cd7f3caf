"""Done when (issue 23): a commune fills a fresh plan workbook from its own instructions,
imports it and runs it in the demo end to end."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from zipfile import ZipFile

import pytest
from docx import Document
from sqlalchemy import create_engine
from sqlmodel import Session, select
from typer.testing import CliRunner

from infra.database import dispose_engines
from infra.settings import get_settings
from models import tables as t
from tasks.records.higher_decision import awaiting_rounds
from tests.thidua.first_plan_fill import Fields, Pick, Table, Value, fill
from thidua.cli import app

CODE = "tan-an-cchc-2026-h1"
ROUND_A, ROUND_B = "so-ket-2026", "de-nghi-cap-tren-2026"
EXAMPLE = "tanan.example.vn"


def _head(code: str, name: str, kind: str, head: str, title: str) -> dict[str, Value]:
    return {"code": code, "name": name, "kind": Pick(kind), "head.name": head,
            "head.title": title, "head.email": f"{code.lower()}@{EXAMPLE}",
            "head.phone": "0912345678"}


UNITS: Table = [
    _head("VP", "Văn phòng HĐND và UBND xã", "Phòng", "Trần Thị Mai", "Chánh Văn phòng"),
    _head("VHXH", "Phòng Văn hóa - Xã hội", "Phòng", "Lê Văn Hùng",
          "Trưởng phòng Văn hóa - Xã hội"),
    _head("THON01", "Thôn Đông", "Thôn", "Nguyễn Văn Tư", "Trưởng thôn Đông"),
    _head("THON02", "Thôn Tây", "Thôn", "Phạm Thị Lan", "Trưởng thôn Tây"),
]
PLAN: Fields = {
    "code": CODE, "number": "12/KH-UBND",
    "title": "Phát động phong trào thi đua thực hiện công tác CCHC trên địa bàn xã Tân An "
             "6 tháng đầu năm 2026",
    "issued_on": "05/01/2026", "issuer": "UBND xã Tân An", "commune.name": "Tân An",
    "commune.kind": Pick("xã"), "commune.province": "Tỉnh Quảng Trị",
    "subject.name": "cải cách hành chính", "subject.short": "CCHC",
    "window.start": "05/01/2026", "window.end": "30/06/2026", "standing_office": "VHXH",
    "signer.title": "CHỦ TỊCH", "signer.name": "Hoàng Văn Sơn",
    "chairman.name": "Hoàng Văn Sơn", "chairman.title": "Chủ tịch UBND xã",
    "chairman.email": f"chutich@{EXAMPLE}",
}
REPORTING: Fields = {
    "reporting.recipient": "Sở Nội vụ tỉnh Quảng Trị", "reporting.reporters": ["cac-phong"],
    "reporting.periods": [Pick("Quý I"), Pick("6 tháng")],
}
TARGETS: Table = [
    {"code": "T01", "text": "100% hồ sơ thủ tục hành chính được giải quyết đúng hạn.",
     "metric": "ty_le_ho_so_dung_han", "comparator": Pick(">="), "threshold": 100,
     "unit": Pick("%"), "owner": "VP", "by": "30/06/2026"},
    {"code": "T02", "text": "Nâng cao Chỉ số hài lòng của người dân.", "metric": "sipas_tang",
     "comparator": Pick("Định tính"), "owner": "VHXH"},
]
TASKS: Table = [
    {"no": 1, "content": "Ban hành Kế hoạch phát động phong trào thi đua.", "lead": "VHXH",
     "due": "trước ngày 15/01/2026", "product": "Kế hoạch", "done": "Khi ban hành"},
    {"no": 2, "content": "Niêm yết công khai thủ tục hành chính tại các thôn.", "lead": "VP",
     "cooperating": ["cac-thon"], "due": "chậm nhất ngày 31/03/2026", "product": "Báo cáo"},
    {"no": 3, "content": "Tuyên truyền phong trào thi đua trên loa truyền thanh.",
     "lead": "VHXH", "cooperating": ["Tất cả"], "due": "Thường xuyên"},
]


def _round(code: str, kind: str, title: str, due: str, award: str) -> dict[str, Value]:
    return {"code": code, "kind": Pick(kind), "title": title, "covers.start": "05/01/2026",
            "covers.end": "30/06/2026", "nomination_deadline": due, "receiving_unit": "VHXH",
            "receiving_label": "Phòng Văn hóa - Xã hội", "award": award,
            "hand_in": [Pick("Nộp trực tiếp")],
            "hand_in_note": "tại Trung tâm Phục vụ hành chính công xã"}


ROUNDS: Table = [
    {**_round(ROUND_A, "Sơ kết", "Sơ kết 6 tháng đầu năm 2026 phong trào thi đua CCHC",
              "trước ngày 05/06/2026", "Giấy khen của Chủ tịch UBND xã"),
     "quota.collectives": 2, "quota.individuals": 3, "outcome": Pick("tại cấp xã"),
     "individual_award": "Giấy khen của Chủ tịch UBND xã (cá nhân)"},
    {**_round(ROUND_B, "Sơ kết", "Đề nghị cấp trên khen thưởng 6 tháng đầu năm 2026",
              "từ ngày 25/5 đến ngày 05/6/2026", "Bằng khen của Chủ tịch UBND tỉnh"),
     "outcome": Pick("Đề nghị"), "propose_to": "Chủ tịch UBND tỉnh Quảng Trị",
     "propose_via": "Sở Nội vụ tỉnh Quảng Trị"},
]
DOSSIER: Table = [
    {"^award_rounds[]": r, "code": "bao-cao-thanh-tich", "name": "Báo cáo thành tích",
     "forms": ["Mẫu số 07, Nghị định 152/2025/NĐ-CP"], "required": Pick("Có"),
     "applies_to": [Pick("Tập thể"), Pick("Cá nhân")]} for r in (ROUND_A, ROUND_B)]
COUNCIL: Table = [
    {"name": name, "office": office, "role": Pick(role)} for name, office, role in (
        ("Hoàng Văn Sơn", "Chủ tịch UBND xã", "Chủ tịch Hội đồng"),
        ("Đặng Thị Thu", "Phó Chủ tịch UBND xã", "Phó Chủ tịch Hội đồng"),
        ("Lê Văn Hùng", "Trưởng phòng Văn hóa - Xã hội", "Phó Chủ tịch Hội đồng"),
        ("Trần Thị Mai", "Chánh Văn phòng HĐND và UBND xã", "Ủy viên"),
        ("Võ Văn Nam", "Chủ tịch Ủy ban MTTQ Việt Nam xã", "Ủy viên"),
        ("Bùi Thị Hoa", "Chủ tịch Hội Liên hiệp Phụ nữ xã", "Ủy viên"),
        ("Ngô Văn Khánh", "Công chức Văn hóa - Xã hội", "Thư ký"))]
SPEC: dict[str, Fields | Table] = {  # Đơn vị and Đợt first, as the Hướng dẫn sheet says
    "Đơn vị": UNITS, "Đợt khen thưởng": ROUNDS, "Kế hoạch": PLAN,
    "Căn cứ": [{"legal_bases": "Luật Thi đua, khen thưởng ngày 15/6/2022"}],
    "Nơi nhận": [{"distribution": "Sở Nội vụ tỉnh Quảng Trị"}, {"distribution": "Lưu: VT"}],
    "Nhóm đơn vị": [
        {"code": "cac-phong", "name": "Các phòng", "units": ["VP", "VHXH"]},
        {"code": "cac-thon", "name": "Các thôn", "units": ["THON01", "THON02"]}],
    "Báo cáo": REPORTING, "Chỉ tiêu": TARGETS, "Nhiệm vụ": TASKS,
    "Hồ sơ khen thưởng": DOSSIER,
    "Tiêu chuẩn khen thưởng": [
        {"^award_rounds[]": r, "eligibility.criteria": "Hoàn thành tốt nhiệm vụ được giao"}
        for r in (ROUND_A, ROUND_B)],
    "Nhắc việc": {"reminders.escalation.to": ["VHXH"]},
    "Hội đồng": COUNCIL,
}
runner = CliRunner()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Own data folder, database and Prefect home; the demo's settings put back after."""
    for name, value in (("THIDUA_DATA_DIR", tmp_path / "data"),
                        ("THIDUA_DATABASE_URL", f"sqlite:///{tmp_path / 'thidua.db'}"),
                        ("THIDUA_NOTIFY_CONFIG", tmp_path / "notify.yaml"),
                        ("PREFECT_HOME", tmp_path / "prefect")):
        monkeypatch.setenv(name, str(value))
    monkeypatch.setenv("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    get_settings.cache_clear()
    dispose_engines()
    yield tmp_path
    get_settings.cache_clear()
    dispose_engines()


def test_a_commune_fills_its_first_plan_imports_it_and_runs_it(home: Path) -> None:
    book = home / "ke-hoach.xlsx"
    made = runner.invoke(app, ["form", "plan", "--out", str(book)])
    assert made.exit_code == 0, made.output
    fill(book, SPEC)

    imported = runner.invoke(app, ["import", str(book)])
    assert imported.exit_code == 0, imported.output
    assert (home / "data" / "plans" / f"{CODE}.yaml").is_file()
    engine = create_engine(f"sqlite:///{home / 'thidua.db'}")
    with Session(engine) as session:
        campaign = session.exec(select(t.Campaign).where(t.Campaign.code == CODE)).one()
        members = session.exec(select(t.CouncilMember)).all()
    engine.dispose()
    assert campaign.code == CODE and len(members) == len(COUNCIL)

    out = home / "demo"
    played = runner.invoke(app, ["demo", str(book), "--output", str(out)])
    assert played.exit_code == 0, played.output
    papers = out / "data" / "documents"
    engine = create_engine(f"sqlite:///{out / 'data' / 'thidua.db'}")
    with Session(engine) as session:
        rounds = {r.id: r.code for r in session.exec(select(t.AwardRound))}
        papers_of = {(rounds.get(d.round_id), d.kind): d for d in session.exec(select(t.Decision))}
        higher = session.exec(select(t.HigherDecision)).all()
        stored = session.exec(select(t.Campaign).where(t.Campaign.code == CODE)).one()
    waiting = awaiting_rounds(engine)
    engine.dispose()
    assert stored.plan["award_rounds"][1]["propose_to"] == "Chủ tịch UBND tỉnh Quảng Trị"
    decided = papers_of[ROUND_A, "decision"]
    assert decided.symbol == "QĐ-UBND" and "QUYẾT ĐỊNH" in _text(decided.document_path)
    assert (ROUND_B, "decision") not in papers_of  # the commune proposes, it does not decide
    proposed = papers_of[ROUND_B, "proposal"]
    said = _text(proposed.document_path)
    assert proposed.symbol == "TTr-UBND"  # the commune's own submission, to the level above
    assert "TỜ TRÌNH" in said and "CHỦ TỊCH UBND TỈNH QUẢNG TRỊ" in said
    packed = [z for z in papers.rglob("*.zip") if ROUND_B in str(z)]
    assert len(packed) == 1, sorted(papers.rglob("*"))
    names = ZipFile(packed[0]).namelist()  # the Tờ trình, then each dossier's files, numbered
    assert any(n.startswith("01-to-trinh") and n.endswith(".docx") for n in names), names
    assert any(n.endswith("bao-cao-thanh-tich.pdf") for n in names), names
    assert [rounds[h.round_id] for h in higher] == [ROUND_B]
    assert higher[0].issuer == "Chủ tịch UBND tỉnh Quảng Trị" and higher[0].awarded
    reports = sorted(p.name for p in papers.rglob(f"bao-cao-{CODE}-*.docx"))
    assert len(reports) == 2, reports  # the commune's reports of Q1 and H1
    assert waiting == []  # recorded: the round no longer waits for the level above


def _text(path: str | None) -> str:
    assert path and path.endswith(".docx"), path
    document = Document(path)
    return "\n".join(p.text for p in document.paragraphs).upper()
