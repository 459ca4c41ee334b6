"""Pieces every part of the OpenAPI document is written with."""
from __future__ import annotations


def ref(name: str) -> dict:
    """A reference to a schema of the document's components."""
    return {"$ref": f"#/components/schemas/{name}"}


def json_body(schema: dict, description: str) -> dict:
    """A JSON request or response body of ``schema``."""
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def errors(*codes: int) -> dict:
    """The document's shared error responses for ``codes``."""
    return {str(code): {"$ref": f"#/components/responses/E{code}"} for code in codes}
