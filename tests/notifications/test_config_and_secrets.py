"""notify.yaml: Apprise URLs with secrets from the environment, masked wherever they could leak."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from notifications.config import NotifyConfigError, load_channel_config
from notifications.message import ChannelKind
from notifications.secrets import Masker, MaskingFilter


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
    ("email: mailto://u:${MISSING}@h\n", "email: biến môi trường MISSING chưa đặt"),
    ("sms: x://y\n", "sms: kênh không có"),
    ("email: 42\n", "email: cần một URL Apprise (got 42)"),
    ("- email\n", "cần các khoá email/zalo_oa/zns/webhook"),
    ("email: [unclosed\n", "không đọc được YAML"),
])
def test_bad_config_names_file_key_and_problem(tmp_path: Path, text: str, expected: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(NotifyConfigError) as error:
        load_channel_config(path, {})
    assert str(error.value).startswith(str(path)) and expected in str(error.value)


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
