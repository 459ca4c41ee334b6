"""The archive memory: translation units imported from TMX or tab-separated files, or aligned.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 02:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "memory_units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("source_lang", sa.String(length=8), nullable=False),
        sa.Column("target_lang", sa.String(length=8), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("origin", sa.String(length=255), nullable=False),
        sa.Column("origin_date", sa.DateTime(timezone=True), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("added", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("digest", name="uq_memory_units_digest"),
    )
    with op.batch_alter_table("memory_units", schema=None) as batch_op:
        batch_op.create_index("ix_memory_units_pair", ["source_lang", "target_lang"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("memory_units", schema=None) as batch_op:
        batch_op.drop_index("ix_memory_units_pair")
    op.drop_table("memory_units")
