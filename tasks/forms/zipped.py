"""A zip archive from members deflated beforehand: a form's unchanging parts are compressed once.

zipfile compresses every member on each write (a fifth of a millisecond per member, eleven
per form); here a template's constant members are kept deflated and only the sheets that
carry a unit's text are compressed per form. The archive is the one zipfile writes.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from typing import NamedTuple

LOCAL = struct.Struct("<4s5H3L2H")
CENTRAL = struct.Struct("<4s6H3L5H2L")
END = struct.Struct("<4s4H2LH")
VERSION = 20  # deflate
MADE_BY = 3 << 8 | VERSION  # Unix, as zipfile writes on Linux
DEFLATED = 8
READ_WRITE = 0o600 << 16  # what zipfile gives a member written from bytes


class Member(NamedTuple):
    """One archive member, already deflated."""

    name: bytes
    crc: int
    size: int
    deflated: bytes
    mode: int  # the external attributes: Unix mode and file type


def deflated(name: str, data: bytes, mode: int = READ_WRITE) -> Member:
    """The member `name` holding `data`, compressed as zipfile does (raw deflate, level 6)."""
    packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return Member(name.encode(), zlib.crc32(data), len(data),
                  packer.compress(data) + packer.flush(), mode)


def archive(members: Iterable[Member], stamp: tuple[int, int, int, int, int, int]) -> bytes:
    """The zip file of these members in order, each dated `stamp` (year … second)."""
    year, month, day, hour, minute, second = stamp
    date = (year - 1980) << 9 | month << 5 | day
    time = hour << 11 | minute << 5 | second // 2
    body: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    count = 0
    for name, crc, size, data, mode in members:
        header = LOCAL.pack(b"PK\x03\x04", VERSION, 0, DEFLATED, time, date, crc, len(data),
                            size, len(name), 0)
        directory.append(CENTRAL.pack(b"PK\x01\x02", MADE_BY, VERSION, 0, DEFLATED, time, date,
                                      crc, len(data), size, len(name), 0, 0, 0, 0,
                                      mode, offset) + name)
        body += (header, name, data)
        offset += len(header) + len(name) + len(data)
        count += 1
    central = b"".join(directory)
    return b"".join(body) + central + END.pack(b"PK\x05\x06", 0, 0, count, count,
                                               len(central), offset, 0)
