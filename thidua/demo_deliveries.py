"""Per channel, the messages the outbox marked sent against those the stand-ins received,
counted by outbox id (email header X-Thidua-Message, Zalo's call header of the same name)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, text

# Zalo OA and ZNS both reach the Zalo stand-in.
CHANNELS = {"email": "email", "zalo_oa": "Zalo", "zns": "Zalo"}
HEADER = "X-Thidua-Message:"


@dataclass
class Channel:
    """One channel's messages: marked sent by the outbox, received, and the outbox's others."""

    name: str
    sent: set[int] = field(default_factory=set)
    received: Counter[int] = field(default_factory=Counter)
    other: Counter[str] = field(default_factory=Counter)  # outbox status → count

    @property
    def missing(self) -> set[int]:
        """Marked sent, never received."""
        return self.sent - set(self.received)

    @property
    def twice(self) -> set[int]:
        """Received more than once."""
        return {i for i, n in self.received.items() if n > 1}

    @property
    def ok(self) -> bool:
        """Every message marked sent arrived once, nothing else arrived, nothing is left."""
        return not self.missing and not self.twice and set(self.received) <= self.sent \
            and not self.other

    def told(self) -> str:
        """One line: sent against received, and what is wrong."""
        line = (f"{self.name}: outbox đánh dấu đã gửi {len(self.sent)}, "
                f"nhận được {sum(self.received.values())}")
        wrong = [f"thiếu {len(self.missing)}" if self.missing else "",
                 f"nhận hai lần {len(self.twice)}" if self.twice else "",
                 f"ngoài outbox {len(set(self.received) - self.sent)}"
                 if set(self.received) - self.sent else "",
                 ", ".join(f"{n} tin {status}" for status, n in sorted(self.other.items()))]
        wrong = [w for w in wrong if w]
        return line + (f" — ⚠ {'; '.join(wrong)}" if wrong else " — khớp")


@dataclass
class Deliveries:
    """Both channels."""

    email: Channel
    zalo: Channel

    @property
    def ok(self) -> bool:
        """Both channels delivered what the outbox marked sent."""
        return self.email.ok and self.zalo.ok

    def told(self) -> list[str]:
        """One line per channel."""
        return [self.email.told(), self.zalo.told()]


def outbox_id(tracking: str) -> int | None:
    """`outbox-17` → 17."""
    number = tracking.strip().removeprefix("outbox-")
    return int(number) if number.isdigit() else None


def mail_ids(folder: Path) -> list[int | None]:
    """The outbox id of every .eml in the folder (None where a message carries none)."""
    found: list[int | None] = []
    for path in sorted(folder.glob("*.eml")):
        head = path.read_bytes().split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
        lines = [line for line in head.decode("utf-8", "replace").splitlines()
                 if line.startswith(HEADER)]
        found.append(outbox_id(lines[0][len(HEADER):]) if lines else None)
    return found


def zalo_ids(log: Path) -> list[int | None]:
    """The outbox id of every call in the Zalo stand-in's log."""
    if not log.exists():
        return []
    return [outbox_id(str(json.loads(line).get("outbox", "")))
            for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]


def count(engine: Engine, email: Iterable[int | None], zalo: Iterable[int | None]) -> Deliveries:
    """The outbox's rows against the ids received on each channel."""
    channels = {"email": Channel("Email (SMTP)"), "Zalo": Channel("Zalo (OA, ZNS)")}
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, channel, status FROM outboxmessage")).all()
    for number, channel, status in rows:
        kept = channels.get(CHANNELS.get(str(channel), ""))
        if kept is None:
            continue  # a webhook: no stand-in here
        if status == "sent":
            kept.sent.add(int(number))
        else:
            kept.other[str(status)] += 1
    for name, ids in (("email", email), ("Zalo", zalo)):
        channels[name].received.update(-1 if i is None else i for i in ids)
    return Deliveries(channels["email"], channels["Zalo"])


def deliveries(output: Path, engine: Engine) -> Deliveries:
    """What a demo's folder received (mail/*.eml, zalo.jsonl) against its outbox."""
    return count(engine, mail_ids(output / "mail"), zalo_ids(output / "zalo.jsonl"))
