"""`thidua notify test` and `thidua outbox` as staff run them, against local servers."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from infra.database import current_revision, dispose_engines, get_engine
from infra.settings import get_settings
from notifications.message import ChannelKind, Outcome
from notifications.redaction import Masker
from notifications.zalo_tokens import TokenStore
from tasks.messages.outbox import Envelope, claim, enqueue, record
from tests.conftest import REPO
from thidua.cli import app
from thidua.stand_ins import HttpServer, SmtpServer

runner = CliRunner()
VINH_THUY = str(REPO / "campaigns" / "002-vinh-thuy.yaml")
SMTP_PASSWORD = "cli-smtp-pass-77"
NOW = datetime(2025, 11, 25, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def servers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[SmtpServer,
                                                                             HttpServer]]:
    """A data folder whose notify.yaml points at a local SMTP server and Zalo stand-in."""
    with SmtpServer(login=("cchc", SMTP_PASSWORD)) as smtp, HttpServer() as zalo:
        tokens = tmp_path / "tokens.json"
        TokenStore(tokens, "a", "s-secret", zalo.url, Masker()).seed("r", "acc-1",
                                                                   time.time() + 3600)
        (tmp_path / "notify.yaml").write_text(
            f"email: mailto://cchc:${{PW}}@127.0.0.1:{smtp.port}?from=cchc@x.example.vn"
            "&mode=insecure\n"
            f"zalo_oa: zalooa://a:s-secret@1?api={zalo.url}&oauth={zalo.url}&tokens={tokens}\n",
            encoding="utf-8")
        monkeypatch.setenv("THIDUA_DATA_DIR", str(tmp_path))
        monkeypatch.delenv("THIDUA_DATABASE_URL", raising=False)
        monkeypatch.delenv("THIDUA_NOTIFY_CONFIG", raising=False)
        monkeypatch.setenv("PW", SMTP_PASSWORD)
        get_settings.cache_clear()
        dispose_engines()
        yield smtp, zalo
    get_settings.cache_clear()
    dispose_engines()


def test_notify_test_reports_every_channel(servers: tuple[SmtpServer, HttpServer]) -> None:
    smtp, zalo = servers
    zalo.answer("/v3.0/oa/message/cs", (200, {"error": -213, "message": "not a follower"}))
    result = runner.invoke(app, ["notify", "test", "--unit", "KT", "--plan", VINH_THUY])
    assert result.exit_code == 1  # one channel failed
    assert "OK  email    kt@vinhthuy.example.vn" in result.stdout
    assert "HỎNG zalo_oa  1000000000000000402: Zalo lỗi -213: not a follower" in result.stdout
    [message] = smtp.box.messages
    assert str(message["Subject"]) == "[Thử nghiệm] Kiểm tra kênh nhắc việc – Phòng Kinh tế"
    assert SMTP_PASSWORD not in result.output


def test_notify_test_names_a_missing_unit(servers: tuple[SmtpServer, HttpServer]) -> None:
    result = runner.invoke(app, ["notify", "test", "--unit", "XYZ", "--plan", VINH_THUY])
    assert result.exit_code == 1
    assert "không có đơn vị XYZ (có: VP, KT, VHXH, TTPVHCC)" in result.stderr


def test_outbox_list_and_retry(servers: tuple[SmtpServer, HttpServer]) -> None:
    runner.invoke(app, ["plan", "load", VINH_THUY])
    engine = get_engine()
    assert current_revision() != "none"  # loading the plan created the schema
    enqueue(engine, [Envelope(1, "KT", ChannelKind.EMAIL, "sai@x.example.vn", "report_due",
                              "Nhắc hạn báo cáo", "…")], NOW)
    [item] = claim(engine, NOW)
    record(engine, [(item, Outcome.refused("550 không có hộp thư", code="550"))], NOW)
    listed = runner.invoke(app, ["outbox", "list", "--failed"])
    assert listed.exit_code == 0 and "sai@x.example.vn" in listed.stdout
    assert "550 không có hộp thư" in listed.stdout and "1 tin." in listed.stdout
    retried = runner.invoke(app, ["outbox", "retry"])
    assert retried.exit_code == 0 and "Đã đưa 1 tin" in retried.stdout
    assert "0 tin." in runner.invoke(app, ["outbox", "list", "--failed"]).stdout


def test_zalo_token_is_exchanged_and_stored(servers: tuple[SmtpServer, HttpServer],
                                            tmp_path: Path) -> None:
    _, zalo = servers
    zalo.answer("/v4/oa/access_token", (200, {"access_token": "acc-new-9", "refresh_token":
                                             "ref-new-9", "expires_in": "90000"}))
    result = runner.invoke(app, ["notify", "zalo-token"], input="ref-first-9\n")
    assert result.exit_code == 0, result.output
    assert "ref-first-9" in zalo.calls[0].body.decode()
    stored = (tmp_path / "tokens.json").read_text()
    assert "acc-new-9" in stored and "ref-new-9" in stored and "ref-first-9" not in stored
    assert "ref-first-9" not in result.stdout.replace("Refresh token", "")


@pytest.mark.parametrize("command", [
    ["notify", "test", "--unit", "KT", "--plan", VINH_THUY], ["notify", "zalo-token"]],
    ids=["notify-test", "zalo-token"])
def test_a_broken_notify_yaml_is_placed_and_its_secret_kept(
        command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    notify = tmp_path / "data" / "notify.yaml"
    notify.parent.mkdir(parents=True, exist_ok=True)
    notify.write_text('email: "mailto://cchc:S3cretPass@smtp.example.vn\n'
                      "zns: zalozns://a:b@1\n", encoding="utf-8")
    monkeypatch.setenv("THIDUA_ZALO_REFRESH_TOKEN", "r")
    result = runner.invoke(app, command)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"Lỗi cấu hình kênh: {notify}:1:8: không đọc được YAML: dấu ngoặc mở ở đây chưa được "
        "đóng; cần đóng ngoặc cùng loại ở cuối giá trị, trên cùng dòng")
    secret = "S3cretPass"
    assert not [secret[i:i + 4] for i in range(len(secret) - 3)
                if secret[i:i + 4] in result.output]
