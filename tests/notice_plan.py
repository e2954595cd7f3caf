"""A commune's Thông báo on building new countryside, no CCHC in it: its papers and messages
must name it by its own kind and subject. Its one round opens on 25/7 ("từ ngày 25/7 đến
ngày 31/7/2025"), with dossiers handed in at the centre and on the province's portal."""

from __future__ import annotations

import copy
from typing import Any

from models.plan import Plan

NUMBER = "12/TB-UBND"
ROUND = "ntm-2025"
OPENS = "từ ngày 25/7 đến ngày 31/7/2025"

_DATA: dict[str, Any] = {
    "code": "ntm-tan-lap-2025",
    "document_kind": "Thông báo",
    "number": NUMBER,
    "issued_on": "01/07/2025",
    "title": "Về việc phát động phong trào thi đua chung sức xây dựng nông thôn mới năm 2025",
    "subject": {"name": "xây dựng nông thôn mới", "short": "NTM"},
    "commune": {"name": "Tân Lập", "kind": "xã", "province": "Tỉnh Phú Thọ"},
    "issuer": "UBND xã Tân Lập",
    "signer": {"title": "CHỦ TỊCH", "name": "Hà Văn Bình"},
    "window": {"start": "01/07/2025", "end": "31/12/2025"},
    "standing_office": "VHXH",
    "units": [
        {"code": "VHXH", "name": "Phòng Văn hóa - Xã hội", "kind": "office",
         "head": {"title": "Trưởng phòng", "email": "vhxh@tanlap.example.vn"}},
        {"code": "KT", "name": "Phòng Kinh tế", "kind": "office",
         "head": {"title": "Trưởng phòng", "email": "kt@tanlap.example.vn",
                  "zalo_user_id": "1000000000000000001"}},
        {"code": "THON1", "name": "Thôn Đồng Tâm", "kind": "village",
         "head": {"title": "Trưởng thôn", "email": "dongtam@tanlap.example.vn"}},
    ],
    "reporting": {"periods": ["YEAR"], "recipient": "UBND huyện",
                  "due": {"day_of_last_month": 10, "wording": "trước ngày"}},
    "targets": [{"code": "T01", "text": "Tỷ lệ đường thôn được cứng hóa", "metric": "road_rate",
                 "comparator": ">=", "threshold": 90, "unit": "%", "owner": "KT",
                 "by": "31/12/2025"}],
    "tasks": [{"no": 1, "content": "Tuyên truyền phong trào trên loa truyền thanh",
               "lead": "VHXH", "cooperating": "all", "due": "Trong tháng 8/2025",
               "product": "Bản tin"},
              {"no": 2, "content": "Làm đường bê tông thôn Đồng Tâm", "lead": "THON1",
               "due": "chậm nhất ngày 30/11/2025"}],
    "award_rounds": [{
        "code": ROUND, "kind": "annual", "title": "Khen thưởng phong trào năm 2025",
        "nomination_deadline": OPENS, "receiving_unit": "VHXH",
        "award": "Giấy khen của Chủ tịch UBND xã",
        "individual_award": "Giấy khen của Chủ tịch UBND xã (cá nhân)",
        "hand_in": ["in_person", "public_service_portal"],
        "hand_in_note": "Bộ phận một cửa xã",
        "quota": {"collectives": 2, "individuals": 3, "extra_allowed": True},
        "dossier": [{"code": "BC", "name": "Báo cáo thành tích", "forms": ["Mẫu 07"]}],
    }],
    "reminders": {"escalation": {"to": ["VHXH"]}},
}


def notice_data() -> dict[str, Any]:
    """A fresh deep copy of the Thông báo, as YAML would load it."""
    return copy.deepcopy(_DATA)


def notice_plan(**changes: Any) -> Plan:
    """The Thông báo, validated, with `changes` to its top-level fields."""
    return Plan.model_validate(notice_data() | changes)
