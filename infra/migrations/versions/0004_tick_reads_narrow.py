"""campaign reminder policy column, open-obligation index for the daily tick

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 06:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

campaign = sa.table('campaign', sa.column('plan', sa.JSON), sa.column('reminders', sa.JSON))


def upgrade() -> None:
    with op.batch_alter_table('campaign', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reminders', sa.JSON(), nullable=False,
                                      server_default='{}'))
    op.execute(campaign.update().values(reminders=campaign.c.plan['reminders']))
    with op.batch_alter_table('obligation', schema=None) as batch_op:
        batch_op.create_index('ix_obligation_open_due', ['status', 'effective_last_day'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('obligation', schema=None) as batch_op:
        batch_op.drop_index('ix_obligation_open_due')
    with op.batch_alter_table('campaign', schema=None) as batch_op:
        batch_op.drop_column('reminders')
