"""campaign states: draft, running, closed (every stored "active" campaign is running)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-10 09:00:00
"""
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE campaign SET status = 'running' WHERE status = 'active'")


def downgrade() -> None:
    # Before 0008 a campaign was "active" or nothing; a closed one would be reminded again.
    op.execute("UPDATE campaign SET status = 'active'")
