"""The days before the measured day, on the served nation (scripts/two-workers N DAY).

    .venv/bin/python bench/served_before.py dd/mm/yyyy

On THIDUA_DATABASE_URL and THIDUA_DATA_DIR/forms, as bench/day_parts.py plays them for
bench/reminder_day.py: the ticks since the last working day queued (marked sent, never
sent: scale_check leaves them out), their forms, and the forms prepared ahead over the week.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.day_parts import earlier_days
from infra.settings import get_settings


def main(day_text: str) -> None:
    """Play them and say what they did."""
    day = datetime.strptime(day_text, "%d/%m/%Y").date()
    settings = get_settings()
    before, _ = earlier_days(settings.effective_database_url, day, settings.data_dir / "forms")
    for line in before.told():
        print(line)


if __name__ == "__main__":
    main(sys.argv[1])
