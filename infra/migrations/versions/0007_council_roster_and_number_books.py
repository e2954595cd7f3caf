"""the council's roster per commune, and each issuer's yearly book of document numbers

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 08:45:00
"""
from alembic import op
import sqlalchemy as sa
import models.tables.base


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'councilmember',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('commune_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(), nullable=False),
        sa.Column('office', sa.String(), nullable=False),
        sa.Column('role', sa.String(), nullable=False),
        sa.ForeignKeyConstraint(['commune_id'], ['commune.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('commune_id', 'name'),
    )
    op.create_index('ix_councilmember_commune_id', 'councilmember', ['commune_id'])
    op.create_table(
        'numberbook',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('commune_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('symbol', sa.String(), nullable=False),
        sa.Column('last', sa.Integer(), nullable=False),
        sa.Column('updated_at', models.tables.base.AwareDateTime(timezone=True),
                  nullable=False),
        sa.ForeignKeyConstraint(['commune_id'], ['commune.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('commune_id', 'year', 'symbol'),
    )
    op.create_index('ix_numberbook_commune_id', 'numberbook', ['commune_id'])


def downgrade() -> None:
    op.drop_index('ix_numberbook_commune_id', table_name='numberbook')
    op.drop_table('numberbook')
    op.drop_index('ix_councilmember_commune_id', table_name='councilmember')
    op.drop_table('councilmember')
