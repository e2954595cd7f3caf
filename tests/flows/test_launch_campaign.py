"""launch-campaign: a plan file in, every unit told about the campaign and its deadlines."""

from __future__ import annotations

import json
from datetime import datetime
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from docx import Document
from prefect.exceptions import PrefectException
from sqlmodel import select

from flows.launch_campaign import launch_campaign
from infra.database import get_engine, transaction
from infra.settings import get_settings
from models import tables as t
from tasks.documents import pdf
from tasks.documents.templating import TemplateRefused
from tasks.plans.files import PlanRejected
from tests.conftest import REPO
from tests.flows.answers import summary
from tests.flows.deployment import World

LAUNCH = datetime(2025, 1, 2, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
MO_LAO = str(REPO / "campaigns" / "004-mo-lao.yaml")
CONVERTER = pdf.converter() is not None  # LibreOffice here: the PDF goes with the Word file
FORMATS = "PDF/Word" if CONVERTER else "Word"


def test_every_unit_gets_the_announcement_with_its_calendar_and_the_plan(
        deployment: World) -> None:
    launched = launch_campaign(MO_LAO, now=LAUNCH, return_state=True)
    first, again = launched.result(), launch_campaign(MO_LAO, now=LAUNCH)
    box = deployment.smtp.box
    assert len(box.messages) == 25 and first["queued"] == 50 and again["queued"] == 0
    vp = next(m for m in box.messages if str(m["To"]) == "vp@molao.example.vn")
    assert str(vp["Subject"]) == "[Phát động] Kế hoạch tuyên truyền Cải cách hành chính Nhà " \
                                 "nước năm 2025"
    text = vp.get_body(("plain",))
    assert text is not None
    body = text.get_content()
    assert "thứ Hai, 10/03/2025: Báo cáo kết quả CCHC quý I/2025" in body
    assert "thứ Tư, 10/12/2025: Báo cáo kết quả CCHC năm 2025" in body
    assert f"Kèm theo thư này: Kế hoạch (Lịch các mốc thời hạn: {FORMATS})." in body
    *converted, word = list(vp.iter_attachments())
    assert [a.get_filename() for a in [*converted, word]] == [
        *(["lich-moc-thoi-han.pdf"] if CONVERTER else []), "lich-moc-thoi-han.docx"]
    assert all(a.get_content().startswith(b"%PDF") for a in converted)
    annex = Document(BytesIO(word.get_content()))
    lines = [p.text for p in annex.paragraphs]
    assert lines[:2] == ["PHỤ LỤC", "Lịch các mốc thời hạn"]
    assert lines[2].startswith("(Kèm theo Kế hoạch số …/KH-UBND ngày … tháng … năm … của UBND "
                               "phường Mộ Lao về tuyên truyền")
    assert "KẾ HOẠCH" not in lines  # the system never restates the plan
    schedule = [[c.text for c in r.cells] for r in annex.tables[0].rows]
    assert ["chậm nhất ngày 10/12/2025", "10/12/2025"] in [r[4:6] for r in schedule]
    village = next(m for m in box.messages if str(m["To"]) == "tdp07@molao.example.vn")
    village_text = village.get_body(("plain",))
    assert village_text is not None and "không có mốc hạn riêng" in village_text.get_content()
    assert len(deployment.zalo.calls) == 25
    zalo = json.loads(deployment.zalo.calls[0].body)
    said = json.dumps(zalo, ensure_ascii=False)
    assert f"Kế hoạch (Lịch các mốc thời hạn: {FORMATS}) và lịch hạn đã gửi kèm email" in said
    with transaction(get_engine(deployment.url)) as session:
        assert session.exec(select(t.Campaign)).one().code == "mo-lao-tuyen-truyen-cchc-2025"
    assert launched.message == ("Đã phát động kế hoạch Tuyên truyền Cải cách hành chính Nhà "
                                "nước năm 2025 đến 25 đơn vị; 50 tin mới")
    answer = summary(launched)
    assert "| Email | 25 | 25 | 0 | 25: " in answer and "| Zalo OA | 25 | 25 | 0 | 25: " in answer
    files = f"{get_settings().files_url.rstrip('/')}/documents/mo-lao-tuyen-truyen-cchc-2025"
    assert f"- Kế hoạch (Word): [lich-moc-thoi-han.docx]({files}/lich-moc-thoi-han.docx)" \
        in answer


def test_without_libreoffice_the_plan_goes_as_word_only(
        deployment: World, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    monkeypatch.setattr(pdf, "_said_missing", False)
    launch_campaign(MO_LAO, now=LAUNCH)
    vp = next(m for m in deployment.smtp.box.messages if str(m["To"]) == "vp@molao.example.vn")
    assert [a.get_filename() for a in vp.iter_attachments()] == ["lich-moc-thoi-han.docx"]
    text = vp.get_body(("plain",))
    assert text is not None and \
        "Kèm theo thư này: Kế hoạch (Lịch các mốc thời hạn: Word)." in text.get_content()


def test_a_bad_plan_stops_the_launch_and_writes_nothing(deployment: World,
                                                        tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(Path(MO_LAO).read_text(encoding="utf-8").replace(
        'end: "31/12/2025"', 'end: "31/02/2025"'), encoding="utf-8")
    with pytest.raises((PlanRejected, PrefectException)) as error:
        launch_campaign(str(bad), now=LAUNCH)
    assert "window.end: không có ngày này trong lịch (nhận được '31/02/2025')" in str(error.value)
    with transaction(get_engine(deployment.url)) as session:
        assert session.exec(select(t.Campaign)).all() == []
    assert deployment.smtp.box.messages == []


def test_a_broken_template_stops_the_run_before_anything_is_stored(deployment: World) -> None:
    own = deployment.folder / "templates" / "lich-moc-thoi-han.docx"
    own.parent.mkdir()
    word = Document(str(REPO / "tasks" / "documents" / "templates" / "lich-moc-thoi-han.docx"))
    word.add_paragraph("{{ so_ke_hoach }}")
    word.save(str(own))
    with pytest.raises(TemplateRefused,
                       match=r"lich-moc-thoi-han\.docx: đoạn \d+: biến 'so_ke_hoach'"):
        launch_campaign(MO_LAO, now=LAUNCH)
    with transaction(get_engine(deployment.url)) as session:
        assert session.exec(select(t.Campaign)).all() == []
    assert deployment.smtp.box.messages == []


def test_the_offices_signed_plan_goes_first_then_the_annex(deployment: World,
                                                           tmp_path: Path) -> None:
    (tmp_path / "KH-23-2025.pdf").write_bytes(b"%PDF-1.4 the signed plan")
    plan = tmp_path / "mo-lao.yaml"
    plan.write_text(Path(MO_LAO).read_text(encoding="utf-8") + "\nsigned_file: KH-23-2025.pdf\n",
                    encoding="utf-8")
    launch_campaign(str(plan), now=LAUNCH)
    vp = next(m for m in deployment.smtp.box.messages if str(m["To"]) == "vp@molao.example.vn")
    signed, *annex = list(vp.iter_attachments())
    assert signed.get_filename() == "KH-23-2025.pdf"
    assert signed.get_content() == b"%PDF-1.4 the signed plan"
    assert annex[-1].get_filename() == "lich-moc-thoi-han.docx"
    text = vp.get_body(("plain",))
    assert text is not None and ("Kèm theo thư này: Kế hoạch (bản đã ký: PDF; Lịch các mốc "
                                 f"thời hạn: {FORMATS}).") in text.get_content()
