"""a campaign's obligations of one kind and its period's reports, each on an index of its own

Without statistics (a commune's SQLite is never ANALYZEd) SQLite read these through the
`kind` or `period_code` index, every campaign's rows: 27 ms a commune's summary nationally.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-08 00:30:00
"""
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('obligation', schema=None) as batch_op:
        batch_op.create_index('ix_obligation_campaign_kind', ['campaign_id', 'kind'], unique=False)
    with op.batch_alter_table('unitreport', schema=None) as batch_op:
        batch_op.create_index('ix_unitreport_campaign_period', ['campaign_id', 'period_code'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('unitreport', schema=None) as batch_op:
        batch_op.drop_index('ix_unitreport_campaign_period')
    with op.batch_alter_table('obligation', schema=None) as batch_op:
        batch_op.drop_index('ix_obligation_campaign_kind')
