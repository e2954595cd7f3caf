"""notify.yaml: Apprise URLs with secrets from the environment, masked wherever they could leak."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from notifications.config import NotifyConfigError, load_channel_config
from notifications.message import ChannelKind
from notifications.redaction import Masker, MaskingFilter


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "notify.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_urls_get_secrets_from_the_environment(tmp_path: Path) -> None:
    path = _write(tmp_path, "email: mailto://u:${SMTP_PW}@127.0.0.1:2525?from=a@x.vn\n"
                            "webhook: tdhook://127.0.0.1/h?secret=${HOOK}\n")
    config = load_channel_config(path, {"SMTP_PW": "pw-1234", "HOOK": "hook-5678"})
    assert config.urls[ChannelKind.EMAIL] == "mailto://u:pw-1234@127.0.0.1:2525?from=a@x.vn"
    assert config.kinds == {ChannelKind.EMAIL, ChannelKind.WEBHOOK}
    assert config.secrets == {"pw-1234", "hook-5678"}


def test_no_file_means_no_channel(tmp_path: Path) -> None:
    assert load_channel_config(tmp_path / "absent.yaml", {}).kinds == frozenset()


@pytest.mark.parametrize(("text", "expected"), [
    ("email: mailto://u:${MISSING}@h\n", ":1:8: email: biến môi trường MISSING chưa đặt"),
    ("sms: x://y\n", ":1:1: sms: kênh không có"),
    ("email: 42\n", ":1:8: email: cần một URL Apprise (gặp một số)"),
    ("email:\n", ":1:7: email: cần một URL Apprise (gặp ô trống)"),
    ("email: a\nemail: b\n", ":2:8: email: kênh được khai báo hai lần"),
    ("- email\n", ":1:1: cần các khoá email, zalo_oa, zns, webhook"),
    ("email: [unclosed\n", ":2:1: không đọc được YAML: cần ',' hoặc ']', nhưng gặp hết tệp"),
], ids=["missing-variable", "unknown-channel", "number", "empty", "twice", "list", "yaml"])
def test_bad_config_names_file_line_column_and_problem(tmp_path: Path, text: str,
                                                       expected: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(NotifyConfigError) as error:
        load_channel_config(path, {})
    assert str(error.value).startswith(f"{path}{expected}")


SECRET = "S3cretPass"
FRAGMENTS = {SECRET[i:i + 4] for i in range(len(SECRET) - 3)}


def assert_no_secret(text: str) -> None:
    """Neither the secret nor any four characters of it appear in `text`."""
    assert not [f for f in FRAGMENTS if f in text], text


@pytest.mark.parametrize(("text", "expected"), [
    (f'email: "mailto://user:{SECRET}@host\nwebhook: x\n',
     ":1:8: không đọc được YAML: dấu ngoặc mở ở đây chưa được đóng"),
    (f"email: 'mailto://user:{SECRET}@host\n", ":1:8: không đọc được YAML: dấu ngoặc mở"),
    (f"email: mailto://user:{SECRET}@host\n  webhook: x\n",
     ":2:10: không đọc được YAML: gặp dấu ':' không đúng chỗ; cần mỗi kênh một dòng"),
    (f'email: "mailto://user:{SECRET}@host" trailing\n',
     ":1:40: không đọc được YAML: cần hết dòng hoặc một khoá mới, nhưng gặp một giá trị"),
    (f"email:\tmailto://user:{SECRET}@host\n", ":1:7: không đọc được YAML: gặp ký tự tab"),
    (f'email: "mailto://user:\\q{SECRET}@host"\n', ":1:24: không đọc được YAML: gặp '\\'"),
    (f"email: *{SECRET}\n", ":1:8: không đọc được YAML: giá trị bắt đầu bằng '*'"),
    (f"email: !{SECRET}!x y\n", ":1:8: không đọc được YAML: giá trị bắt đầu bằng '!'"),
    (f"email: &{SECRET} a\nzns: &{SECRET} b\n", ":2:6: không đọc được YAML: giá trị bắt đầu"),
    (f"email: mailto://user:{SECRET[:3]}\x07{SECRET[3:]}@host\n",
     ":1:25: không đọc được YAML: có ký tự điều khiển"),
    (f"mailto://user:{SECRET}@host\n", ":1:1: cần các khoá email, zalo_oa, zns, webhook"),
    (f"mailto://user:{SECRET}@host: x\n", ":1:1: khoá này: kênh không có"),
    (f"email: [mailto://user:{SECRET}@host]\n", ":1:8: email: cần một URL Apprise (gặp một"),
    (f"email: !{SECRET} x\n", ":1:8: email: cần một URL Apprise (gặp một giá trị bắt đầu"),
], ids=["double-quote", "single-quote", "indent", "after-quote", "tab", "escape", "alias", "tag",
        "anchor", "control", "no-key", "as-key", "list", "local-tag"])
def test_a_bad_file_never_echoes_a_value(tmp_path: Path, text: str, expected: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(NotifyConfigError) as error:
        load_channel_config(path, {})
    assert str(error.value).startswith(f"{path}{expected}")
    assert_no_secret(str(error.value))


def test_a_file_that_is_not_utf8_is_placed_not_shown(tmp_path: Path) -> None:
    path = tmp_path / "notify.yaml"
    path.write_bytes(b"email: x\nzns: \xff" + SECRET.encode() + b"\n")
    with pytest.raises(NotifyConfigError) as error:
        load_channel_config(path, {})
    assert str(error.value) == (f"{path}:2:6: không phải văn bản UTF-8; cần lưu tệp với bảng "
                                "mã UTF-8")


def test_a_loaded_config_does_not_print_its_urls(tmp_path: Path) -> None:
    config = load_channel_config(_write(tmp_path, f"email: mailto://u:{SECRET}@h\n"), {})
    assert_no_secret(repr(config))


def test_masker_hides_plain_and_url_encoded_forms() -> None:
    masker = Masker(["p@ss/word 1", "abc"])  # too short to mask safely: ignored
    text = "url=smtp://u:p%40ss%2Fword%201@h plain=p@ss/word 1 form=p%40ss%2Fword+1 abc"
    assert masker(text) == "url=smtp://u:***@h plain=*** form=*** abc"


def test_logging_filter_masks_arguments(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("thidua.test-masking")
    logger.addFilter(MaskingFilter(Masker(["token-0042"])))
    with caplog.at_level(logging.INFO, logger="thidua.test-masking"):
        logger.info("refreshed %s", "token-0042")
    assert "token-0042" not in caplog.text and "refreshed ***" in caplog.text
