"""The plan workbook's sheets for award rounds, their dossiers and criteria, and the council."""

from __future__ import annotations

from models.plan_sheet_types import Column as C, Sheet

_R = "award_rounds[]."
ROUNDS = Sheet("Đợt khen thưởng", "table", "award_rounds[]", "Mỗi dòng một đợt khen thưởng: "
               "hạn nộp hồ sơ, nơi nhận, số lượng, hình thức khen, điều kiện.", (
    C(_R + "code", "Mã đợt", "Ví dụ: tong-ket-2025"),
    C(_R + "kind", "Loại đợt", "Tổng kết, Sơ kết, Hằng năm hoặc Đột xuất"),
    C(_R + "title", "Tên đợt", "Ví dụ: Tổng kết phong trào thi đua năm 2025"),
    C(_R + "covers.start", "Thành tích từ ngày", "Ví dụ: 01/07/2025; để trống cả hai ô nếu "
      "kế hoạch không ghi"),
    C(_R + "covers.end", "Thành tích đến ngày", "Ví dụ: 31/12/2025"),
    C(_R + "nomination_deadline", "Hạn nộp hồ sơ", "Như kế hoạch in, ví dụ: từ ngày 25/7 đến "
      "ngày 31/7/2025; trước ngày 30/11/2025; thêm (dự kiến) nếu chưa chắc. Đợt đột xuất "
      "được để trống"),
    C(_R + "receiving_unit", "Đơn vị nhận hồ sơ", "Mã đơn vị", pick="units"),
    C(_R + "receiving_label", "Nơi nhận (như kế hoạch ghi)", "Ví dụ: Thường trực Hội đồng "
      "Thi đua - Khen thưởng xã (qua Phòng Văn hóa - Xã hội)"),
    C(_R + "quota.collectives", "Số tập thể tối đa", "Để trống cả ba ô số lượng nếu kế hoạch "
      "không giới hạn"),
    C(_R + "quota.individuals", "Số cá nhân tối đa", "Ví dụ: 5"),
    C(_R + "quota.extra_allowed", "Được đề nghị vượt số lượng", "Có khi kế hoạch cho đề nghị "
      "thêm trường hợp xuất sắc"),
    C(_R + "award", "Hình thức khen (tập thể)", "Ví dụ: Giấy khen của Chủ tịch UBND xã"),
    C(_R + "individual_award", "Hình thức khen (cá nhân)", "Để trống nếu giống tập thể"),
    C(_R + "outcome", "Kết quả đợt", "Khen thưởng tại cấp xã (UBND xã quyết định), hoặc đề "
      "nghị cấp trên khen thưởng"),
    C(_R + "propose_to", "Đề nghị lên", "Khi đề nghị cấp trên, ví dụ: Chủ tịch UBND tỉnh "
      "Quảng Trị"),
    C(_R + "propose_via", "Qua cơ quan", "Ví dụ: Sở Nội vụ tỉnh Quảng Trị"),
    C(_R + "hand_in", "Cách nộp hồ sơ", "Ví dụ: Nộp trực tiếp, Cổng Dịch vụ công"),
    C(_R + "hand_in_note", "Nộp ở đâu, thế nào", "Như kế hoạch ghi, ví dụ: tại Trung tâm "
      "Phục vụ hành chính công xã"),
    C(_R + "dossier_copies", "Số bộ hồ sơ", "Ví dụ: 2"),
    C(_R + "eligibility.collective_rating", "Xếp loại tối thiểu (tập thể)", "Chọn mức"),
    C(_R + "eligibility.individual_rating", "Xếp loại tối thiểu (cá nhân)", "Chọn mức"),
    C(_R + "eligibility.index_components_not_decreased", "Chỉ số thành phần không giảm",
      "Có nếu kế hoạch đòi hỏi"),
    C(_R + "eligibility.initiative_recognised", "Phải có sáng kiến được công nhận",
      "Có nếu kế hoạch đòi hỏi"),
    C(_R + "eligibility.initiative_recognisers", "Cấp công nhận sáng kiến", "Ví dụ: Hội đồng "
      "sáng kiến xã"),
    C(_R + "eligibility.rating_units", "Xếp loại chỉ áp dụng cho", "Mã đơn vị; để trống là "
      "mọi đơn vị"),
    C(_R + "eligibility.rating_scope", "Cách kế hoạch gọi các đơn vị đó", "Ví dụ: trực tiếp "
      "tham mưu CCHC"),
    C(_R + "council_review", "Hội đồng xét", "Ví dụ: trước ngày 15/12/2025"),
    C(_R + "summary", "Tổng kết", "Ví dụ: Trong tháng 12/2025 (dự kiến)"),
    C(_R + "late", "Hồ sơ nộp muộn", "Không nhận, hoặc nhận và ghi là nộp muộn"),
), rows=50)
DOSSIER = Sheet("Hồ sơ khen thưởng", "table", "award_rounds[].dossier[]", "Thành phần hồ sơ "
                "của mỗi đợt, mỗi dòng một thành phần, theo thứ tự trong hồ sơ.", (
    C(_R + "dossier[].code", "Mã thành phần", "Ví dụ: bao-cao-thanh-tich"),
    C(_R + "dossier[].name", "Tên thành phần", "Ví dụ: Báo cáo thành tích"),
    C(_R + "dossier[].forms", "Theo mẫu", "Tên mẫu chính thức, ví dụ: Mẫu số 07, Nghị định "
      "152/2025/NĐ-CP"),
    C(_R + "dossier[].required", "Bắt buộc", "Có hoặc Không"),
    C(_R + "dossier[].applies_to", "Áp dụng cho", "Tập thể và cá nhân, Tập thể hoặc Cá nhân"),
), rows=400)
CRITERIA = Sheet("Tiêu chuẩn khen thưởng", "lines", "award_rounds[].eligibility.criteria",
                 "Tiêu chuẩn của mỗi đợt, mỗi dòng một tiêu chuẩn.",
                 (C(_R + "eligibility.criteria", "Tiêu chuẩn", "Chép như kế hoạch"),), rows=400)

COUNCIL = Sheet("Hội đồng", "table", "members[]", "Hội đồng Thi đua - Khen thưởng của xã, theo "
                "thứ tự trong biên bản: đúng một Chủ tịch Hội đồng và một Thư ký. Để trống "
                "nếu danh sách đã nạp không đổi.", (
    C("members[].name", "Họ và tên", "Ví dụ: Thái Nam Sơn"),
    C("members[].office", "Chức vụ", "Ví dụ: Chủ tịch UBND xã"),
    C("members[].role", "Vai trò trong Hội đồng", "Chọn vai trò"),
), rows=30)
