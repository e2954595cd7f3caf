"""outbox claims live by the database's clock, not a caller's `now`; a send with no answer is
'unknown'

Claims taken before this revision carry a lapse moment on the caller's clock (a run given
now=2099 wrote 2099): they are cleared, so the next pass takes those messages again.
Upgrade with no sender running, as every schema upgrade.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-09 09:00:00
"""
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE outboxmessage SET claimed_until = NULL WHERE status = 'sending'")


def downgrade() -> None:
    # Older code knows no 'unknown': such a message is a retry there.
    op.execute("UPDATE outboxmessage SET status = 'retry' WHERE status = 'unknown'")
