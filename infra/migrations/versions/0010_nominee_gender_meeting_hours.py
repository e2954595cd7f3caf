"""nomination.gender (Nam | Nữ: the papers write Ông/Bà) and councilsession's hours and place
(a council holds one meeting at a time)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 16:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: a nomination entered before the forms asked it is written without Ông/Bà.
    with op.batch_alter_table("nomination") as batch:
        batch.add_column(sa.Column("gender", sa.String(), nullable=True))
    with op.batch_alter_table("councilsession") as batch:
        batch.add_column(sa.Column("start_time", sa.Time(), nullable=True))
        batch.add_column(sa.Column("end_time", sa.Time(), nullable=True))
        batch.add_column(sa.Column("place", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("councilsession") as batch:
        batch.drop_column("place")
        batch.drop_column("end_time")
        batch.drop_column("start_time")
    with op.batch_alter_table("nomination") as batch:
        batch.drop_column("gender")
