"""campaign.launched_at: when a loaded plan was launched (the UI offers the others to launch)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 11:45:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("campaign") as batch:
        batch.add_column(sa.Column("launched_at", sa.DateTime(timezone=True), nullable=True))
    # A campaign whose launch was announced before this column existed was launched then.
    op.execute("UPDATE campaign SET launched_at = (SELECT MIN(o.created_at) FROM outboxmessage o "
               "WHERE o.campaign_id = campaign.id AND o.obligation_key = 'launch')")


def downgrade() -> None:
    with op.batch_alter_table("campaign") as batch:
        batch.drop_column("launched_at")
