"""Every secret-bearing part of a notify.yaml URL is known before Apprise reads it, and is
masked in errors and log records whether or not the URL is one Apprise can use."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from apprise.plugins.email import NotifyEmail

from notifications.apprise_url import ChannelConfigError, open_plugin
from notifications.channels import Channels
from notifications.config import ChannelConfig, load_channel_config
from notifications.message import ChannelKind, Outgoing
from notifications.redaction import Masker, guard_loggers, mask_record
from notifications.url_secrets import url_secrets
from notifications.webhook_plugin import NotifyThiduaHook

SECRET = "Qz7WLk9Xv2Mp"


@pytest.mark.parametrize("url", [
    f"mailtoo://user:{SECRET}@smtp.example.vn:587?from=a@x.vn",
    f"mailto://user:{SECRET}@?from=a@x.vn",
    f"mailto:user:{SECRET}@smtp.example.vn",
    f"zalooaa://app:{SECRET}@4321000?tokens=data/zalo-tokens.json",
    f"zalooa://app:pa?ss{SECRET}@4321000",  # a '?' inside the password
    f"tdhoooks://relay.example.vn/zalo-group?secret={SECRET}",
    f"tdhooks://relay.example.vn/zalo-group?mode=token&api_key={SECRET}",
    f"json://relay.example.vn/hooks/{SECRET}",
    f"tgram://123456789:{SECRET}/-100200",
    f"zalooaa://…{SECRET}…",
    f"no scheme at all {SECRET}",
], ids=["mailtoo", "no-host", "one-colon", "zalooaa", "question-mark", "query-secret",
        "query-key", "path-token", "bot-token", "ellipsis", "no-scheme"])
def test_the_secret_is_found_however_the_url_is_written(url: str) -> None:
    masked = Masker(url_secrets(url))(f"got {url}")
    assert SECRET not in masked and "***" in masked


def test_what_is_not_secret_is_left_readable() -> None:
    url = ("zalooa://app1:KEY-0042@4321000?api=http://127.0.0.1:8080&oauth=https://oauth.x.vn"
           "&tokens=/srv/thidua/data/zalo-tokens-2025.json")
    found = url_secrets(url)
    assert "KEY-0042" in found
    assert not {"app1", "4321000", "127.0.0.1", "/srv/thidua/data/zalo-tokens-2025.json",
                "zalo-tokens-2025.json", "oauth.x.vn"} & found
    masker = Masker(url_secrets("mailtos://cchc@smtp1.mail-host.example.vn:465?from=cchc@x.vn"))
    told = "máy chủ smtp1.mail-host.example.vn:465 từ chối thư của cchc@x.vn (cchc)"
    assert masker(told) == told


def test_a_percent_encoded_secret_is_known_in_both_forms() -> None:
    masker = Masker(url_secrets("mailto://u:p%40ss%2Fword9@h.example.vn"))
    assert masker("login p@ss/word9 / p%40ss%2Fword9") == "login *** / ***"


def test_a_literal_secret_in_the_file_is_masked_like_a_variable(tmp_path: Path) -> None:
    path = tmp_path / "notify.yaml"
    path.write_text(f"email: mailtoo://cchc:{SECRET}@127.0.0.1:2525?from=a@x.vn\n"
                    "webhook: tdhook://127.0.0.1/h?secret=${HOOK}\n", encoding="utf-8")
    config = load_channel_config(path, {"HOOK": "hook-5678"})
    assert config.secrets == {"hook-5678"} and SECRET in config.to_mask
    masker = Masker()
    outcome = Channels(config, masker).deliver(Outgoing(ChannelKind.EMAIL, "a@x.vn", "s", "t"))
    assert not outcome.ok and outcome.permanent and outcome.code == "config"
    assert outcome.detail == ("email: URL trong notify.yaml bắt đầu bằng mailtoo://; cần "
                              "mailto:// hoặc mailtos:// (dạng mailtos://tài_khoản:mật_khẩu"
                              "@máy_chủ:cổng?from=địa_chỉ_gửi)")
    assert masker(f"x {SECRET} y") == "x *** y"


@pytest.mark.parametrize(("url", "expected"), [
    (f"mailto://u:{SECRET}@127.0.0.1:25?from=not an address",
     "email: không dùng được URL mailto:// trong notify.yaml; cần dạng mailtos://"),
    (f"{SECRET}@127.0.0.1", "email: URL trong notify.yaml không bắt đầu bằng tên_giao_thức://"),
    (f"tdhook://relay.example.vn/h?secret={SECRET}", "email: URL trong notify.yaml bắt đầu "
                                                       "bằng tdhook://; cần mailto://"),
], ids=["apprise-refuses", "no-scheme", "another-channel"])
def test_a_refused_url_is_never_echoed(url: str, expected: str,
                                       caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(1)
    with pytest.raises(ChannelConfigError) as error:
        open_plugin(ChannelKind.EMAIL, url, NotifyEmail)
    assert str(error.value).startswith(expected)
    assert not [s for s in (SECRET, SECRET[:4], SECRET[-4:]) if s in str(error.value)]
    assert not [s for s in (SECRET[:4], SECRET[-4:], f"{SECRET[0]}...{SECRET[-1]}")
                if s in caplog.text]  # Apprise, left to itself, logs the ends of a password


def test_a_good_url_still_opens() -> None:
    plugin = open_plugin(ChannelKind.WEBHOOK, "tdhooks://relay.example.vn/h?secret=k-0042",
                         NotifyThiduaHook)
    assert plugin.secret == "k-0042" and plugin.endpoint == "https://relay.example.vn/h"


def test_records_of_any_logger_and_their_tracebacks_are_masked(
        caplog: pytest.LogCaptureFixture) -> None:
    masker = Masker([SECRET])
    guard_loggers(masker)
    logger = logging.getLogger("prefect.flow_runs.test-masking")  # not a guarded name itself
    with caplog.at_level(logging.INFO):
        logger.warning("outbox 1: %s", f"mailtoo://u:{SECRET}@h")
        try:
            raise ValueError(f"bad url zalooaa://a:{SECRET}@1")
        except ValueError:
            logger.exception("sending failed")
    assert SECRET not in caplog.text
    assert "outbox 1: mailtoo://u:***@h" in caplog.text and "zalooaa://a:***@1" in caplog.text


def test_a_record_without_a_secret_keeps_its_arguments() -> None:
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, "%s %s",
                               ("GET", "/api"), None)
    mask_record(record, Masker([SECRET]))
    assert record.args == ("GET", "/api")  # uvicorn's formatter reads them back


def test_an_email_url_without_a_server_is_refused_before_connecting() -> None:
    config_url = f"mailto://cchc:{SECRET}@?from=cchc@x.example.vn"  # Apprise takes it
    channels = Channels(load_channel_config_from({ChannelKind.EMAIL: config_url}))
    outcome = channels.deliver(Outgoing(ChannelKind.EMAIL, "a@x.vn", "s", "t"))
    assert (outcome.ok, outcome.permanent, outcome.code) == (False, True, "config")
    assert outcome.detail.startswith("email: URL mailto:// trong notify.yaml thiếu máy chủ thư")
    assert SECRET not in outcome.detail


def load_channel_config_from(urls: dict[ChannelKind, str]) -> ChannelConfig:
    """A config as notify.yaml would give it, its URL parts known."""
    return ChannelConfig(urls, url_parts=frozenset(p for u in urls.values()
                                                   for p in url_secrets(u)))
