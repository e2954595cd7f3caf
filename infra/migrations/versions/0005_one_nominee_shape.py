"""nomination columns named as the one nominee shape names them

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 07:30:00
"""
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

RENAMED = (('nominee_kind', 'kind'), ('nominee_name', 'name'), ('nominee_title', 'title'))


def upgrade() -> None:
    with op.batch_alter_table('nomination', schema=None) as batch_op:
        for old, new in RENAMED:
            batch_op.alter_column(old, new_column_name=new)


def downgrade() -> None:
    with op.batch_alter_table('nomination', schema=None) as batch_op:
        for old, new in RENAMED:
            batch_op.alter_column(new, new_column_name=old)
