"""A run's answer as the clerk reads it: warnings first, counts per channel and unit, links,
refusals as typed; and the log filter that says a refusal's line instead of its traceback."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from flows.desk import RefusalsInWords
from infra.settings import get_settings
from models.refusal import Refused
from notifications.message import ChannelKind
from tasks.desk.sending import NO_CHANNEL, Sending
from tasks.desk.summary import RunSummary, code_span, gist, render
from tasks.intake.typed import EntryRefused
from tasks.messages.deliver import Tally
from tasks.messages.traffic import Traffic

EMAIL, ZALO = ChannelKind.EMAIL, ChannelKind.ZALO_OA


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("THIDUA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("THIDUA_FILES_URL", "http://thidua.local:4201/")
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


@pytest.mark.parametrize("problem", [
    "KT.xlsx: Báo cáo!E12: cần một số (nhận được 'abc')",
    "KT.xlsx: Báo cáo!E12: cần một số (nhận được '`rm -rf`')",
    "KT.xlsx: Khen thưởng!C7: (nhận được '``` ](http://x) ``')",
])
def test_a_problem_stays_inside_its_code_span(problem: str) -> None:
    span = code_span(problem)
    fence = re.match("`+", span)
    assert fence is not None
    longest_inside = max((len(run) for run in re.findall("`+", problem)), default=0)
    assert len(fence.group()) > longest_inside  # no run inside can close the span early
    assert span == f"{fence.group()} {problem} {fence.group()}"


def test_no_channel_is_a_warning_first_and_in_the_gist(data: Path) -> None:
    answer = RunSummary(title="Đã phát động kế hoạch X đến 3 đơn vị; 0 tin mới",
                        facts=[("Chiến dịch", "x-2025")],
                        sending=Sending(frozenset(), Traffic(), Tally()))
    assert gist(answer) == f"⚠ {NO_CHANNEL} Đã phát động kế hoạch X đến 3 đơn vị; 0 tin mới"
    lines = render(answer).splitlines()
    assert lines[:4] == ["## Đã phát động kế hoạch X đến 3 đơn vị; 0 tin mới", "",
                         f"⚠ **{NO_CHANNEL}**", ""]
    assert "Không có kênh gửi nào, không có tin nào." in lines


def test_messages_are_counted_per_channel_with_their_units_and_failures(data: Path) -> None:
    units = [f"U{n:02d}" for n in range(10)]
    queued = Traffic.of([(EMAIL, u) for u in units] + [(ZALO, "U01")])
    sent = Tally(claimed=11, sent=10, failed=[7], delivered=[(EMAIL, u) for u in units[1:]]
                 + [(ZALO, "U01")], lost=[(EMAIL, "U00")])
    document = data / "documents" / "x-2025" / "ke-hoach.docx"
    answer = RunSummary(title="Đã phát động", documents=[("Kế hoạch (Word)", str(document))],
                        sending=Sending(frozenset({EMAIL, ZALO}), queued, sent))
    text = render(answer)
    assert "| Email | 10 | 9 | 1 | 10: U00, U01, U02, U03, U04, U05, U06, U07 và 2 đơn vị " \
           "khác |" in text
    assert "| Zalo OA | 1 | 1 | 0 | 1: U01 |" in text
    assert "- Kế hoạch (Word): [ke-hoach.docx](http://thidua.local:4201/documents/x-2025/" \
           "ke-hoach.docx)" in text
    assert text.splitlines()[2].startswith("⚠ **1 tin gửi không được")
    assert gist(answer).startswith("⚠ 1 tin gửi không được")


def test_text_a_unit_typed_is_inert_and_a_refusal_lists_every_reason(data: Path) -> None:
    refused = EntryRefused([f"T{n:02d}: bắt buộc, chưa nhập" for n in range(1, 8)])
    answer = render(RunSummary(title="Đã ghi hồ sơ số 3: [x](http://evil) ",
                               problems=refused.reasons))
    assert answer.startswith("## Đã ghi hồ sơ số 3: \\[x\\](http://evil)\n")
    assert "- ` T07: bắt buộc, chưa nhập `" in answer
    assert refused.line() == ("T01: bắt buộc, chưa nhập; T02: bắt buộc, chưa nhập; T03: bắt "
                              "buộc, chưa nhập; T04: bắt buộc, chưa nhập; T05: bắt buộc, chưa "
                              "nhập; … và 2 lỗi khác")


def _record(message: str, error: BaseException | None = None, **extra: str) -> logging.LogRecord:
    info = (type(error), error, error.__traceback__) if error else None
    record = logging.LogRecord("prefect.task_runs", logging.ERROR, __file__, 1, message, (),
                               info)
    record.__dict__.update(extra)
    return record


def test_a_refusal_is_logged_as_its_line_and_other_errors_keep_their_traceback() -> None:
    words = RefusalsInWords()
    try:
        raise EntryRefused(["T05: cần một số (nhận được 'x')", "T08: bắt buộc, chưa nhập"])
    except Refused:
        refused = sys.exc_info()[1]
    assert isinstance(refused, Refused)
    failed = _record("Task run failed with exception: EntryRefused(...)", refused,
                     task_run_id="t1")
    assert words.filter(failed) and failed.exc_info is None
    assert failed.getMessage() == ("Từ chối: T05: cần một số (nhận được 'x'); T08: bắt buộc, "
                                   "chưa nhập")
    finished = _record("Finished in state Failed('Task run encountered an exception …')",
                       task_run_id="t1")
    assert words.filter(finished)
    assert finished.getMessage().startswith("Kết thúc: từ chối (T05: cần một số")
    assert not words.filter(_record("Engine execution exited with unexpected exception",
                                    refused, flow_run_id="f1"))
    crash = _record("Task run failed with exception: ValueError('x')", ValueError("x"),
                    task_run_id="t2")
    assert words.filter(crash) and crash.exc_info is not None
