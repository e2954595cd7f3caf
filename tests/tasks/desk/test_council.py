"""council-review's answer once the council's answer is accepted: the approved with their
award, the decision's number, links that open the papers, who is being told."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time
from pathlib import Path

import pytest

from infra.settings import get_settings
from models.council import MinutesFacts, judge
from models.council_answer import Answer, Ballot
from models.eligibility import assess
from models.nominee import Candidate
from notifications.message import ChannelKind
from tasks.desk.council import council_decided
from tasks.desk.sending import Sending
from tasks.desk.summary import gist, render
from tasks.messages.traffic import Traffic
from tasks.plans.files import read_plan
from tasks.plans.roster import read_roster
from tasks.records.council import RoundState
from tests.conftest import REPO

PLAN = read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml")
ROUND = PLAN.round("hang-nam-2026")
ROSTER = read_roster(REPO / "campaigns" / "council" / "thuong-phuc.yaml")
DOCS = frozenset({"to-trinh", "bien-ban", "bao-cao-thanh-tich"})
CANDIDATES = [Candidate(id=i, unit=PLAN.unit(unit).name, unit_code=unit,
                        kind="collective", name=name,
                        rating="Hoàn thành xuất sắc nhiệm vụ", documents=DOCS,
                        index_components_not_decreased=True,
                        initiative_recognised_by=None if i == 3 else "Hội đồng Sáng kiến xã")
              for i, unit, name in ((1, "VP", "Văn phòng | *HĐND*"), (2, "KT", "Phòng Kinh tế"),
                                    (3, "TTPVHCC", "Tổ một cửa"))]
STATE = RoundState(round_id=1, commune_id=1, campaign_id=1, plan=PLAN, round=ROUND,
                   candidates=CANDIDATES)


def _facts() -> MinutesFacts:
    present = tuple(m.name for m in ROSTER.members if m.name != "Phan Văn Toàn")
    verdict = judge(assess(CANDIDATES, ROUND), plan=PLAN, round_=ROUND, roster=ROSTER,
                    answer=Answer(day=date(2026, 12, 4), present=present, place="Trụ sở",
                                  ballots=(Ballot(1, 6), Ballot(2, 2, 4)), start=time(14),
                                  end=time(16)))
    assert verdict.facts is not None, verdict.problems
    return verdict.facts


@pytest.fixture
def papers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """The three papers under a data folder whose documents are published at a known address."""
    monkeypatch.setenv("THIDUA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("THIDUA_FILES_URL", "http://127.0.0.1:4555/")
    get_settings.cache_clear()
    folder = tmp_path / "documents" / PLAN.code / ROUND.code
    yield {"minutes": str(folder / "minutes-01.docx"), "minutes_number": "01/BB-HĐTĐKT",
           "submission": str(folder / "submission-01.docx"), "submission_number": "01/TTr-VHXH",
           "decision": str(folder / "decision-01.docx"), "decision_number": "01/QĐ-UBND"}
    get_settings.cache_clear()


def test_the_answer_lists_the_approved_and_links_the_papers(papers: dict[str, str]) -> None:
    pdf = papers["decision"].replace(".docx", ".pdf")
    told = Sending(frozenset({ChannelKind.EMAIL}), Traffic.of([(ChannelKind.EMAIL, "VP")] * 3))
    summary = council_decided(STATE, _facts(), papers, [pdf, papers["decision"]], told)
    text = render(summary)
    base = f"http://127.0.0.1:4555/documents/{PLAN.code}/{ROUND.code}"
    assert summary.title == (f"Hội đồng đã xét {ROUND.title}: Quyết định số 01/QĐ-UBND, 1/3 "
                             "hồ sơ được khen")
    assert gist(summary) == "Quyết định số 01/QĐ-UBND: 1 tập thể được khen (1/3 hồ sơ, đợt " \
        f"{ROUND.code})"
    assert f"### Được tặng {ROUND.award}\n" in text
    assert f"| 1 | Văn phòng \\| \\*HĐND\\* | {PLAN.unit('VP').name} | 6/6 |" in text
    assert "| Phòng Kinh tế |" not in text  # 2 of 6: not approved
    assert "| Không được đề nghị | số 2, số 3 |" in text
    assert "| Thành viên có mặt | 6/7 |" in text
    assert f"- Biên bản họp số 01/BB-HĐTĐKT: [minutes-01.docx]({base}/minutes-01.docx)" in text
    assert f"- Tờ trình số 01/TTr-VHXH: [submission-01.docx]({base}/submission-01.docx)" in text
    assert (f"- Quyết định số 01/QĐ-UBND (PDF): [decision-01.pdf]({base}/decision-01.pdf)\n"
            f"- Quyết định số 01/QĐ-UBND (Word): [decision-01.docx]({base}/decision-01.docx)"
            ) in text
    assert "| Email | 3 |" in text


def test_no_channel_is_a_warning_first_not_a_green_silence(papers: dict[str, str]) -> None:
    summary = council_decided(STATE, _facts(), papers, [], Sending(frozenset()))
    said = gist(summary)  # what was done first, then the warning
    assert said.startswith("Quyết định số 01/QĐ-UBND: 1 tập thể được khen")
    assert "⚠ Chưa cấu hình kênh gửi nào" in said
    assert f"[decision-01.docx](http://127.0.0.1:4555/documents/{PLAN.code}/" in render(summary)
