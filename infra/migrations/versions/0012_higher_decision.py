"""the level above's decision on a round the commune proposed upwards

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-10 09:00:00
"""
import sqlalchemy as sa
from alembic import op

import models.tables.base

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'higherdecision',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('round_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.String(), nullable=False),
        sa.Column('issued_on', sa.Date(), nullable=False),
        sa.Column('issuer', sa.String(), nullable=False),
        sa.Column('awarded', sa.JSON(), nullable=False),
        sa.Column('document_path', sa.String(), nullable=True),
        sa.Column('recorded_at', models.tables.base.AwareDateTime(timezone=True),
                  nullable=False),
        sa.Column('recorded_by', sa.String(), nullable=False),
        sa.ForeignKeyConstraint(['round_id'], ['awardround.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('round_id'),
    )


def downgrade() -> None:
    op.drop_table('higherdecision')
