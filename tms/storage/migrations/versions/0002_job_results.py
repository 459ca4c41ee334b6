"""Jobs keep their outcome: a JSON summary of what a finished job did.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 17:40:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("result", sa.Text(), nullable=False, server_default=""))
        batch_op.create_index("ix_jobs_created", ["created"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_index("ix_jobs_created")
        batch_op.drop_column("result")
