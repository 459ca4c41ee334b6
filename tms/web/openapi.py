"""The OpenAPI 3.1 document of the JSON API, served at ``/api/openapi.json``."""
from __future__ import annotations

from tms import __version__
from tms.languages import CODES
from tms.model import PublicationStatus, SegmentState


from tms.web.openapi_common import json_body as _json, ref as _ref


def _errors(*codes: int) -> dict:
    text = {400: "Bad input (unknown language, invalid id, malformed body)", 401: "No token and no session",
            403: "The account may not do this", 404: "No such article, catalog or segment",
            409: "Conflict: stale revision, or the catalog cannot be certified yet",
            423: "The catalog cannot be written now (read-only folder, full disk): nothing was saved"}
    return {str(code): {"$ref": f"#/components/responses/E{code}"} for code in codes if code in text}


_PARAMS = {
    "ArticleId": {"name": "article_id", "in": "path", "required": True, "description": "Article id",
                  "schema": {"type": "string", "pattern": "^[a-z0-9](?:[a-z0-9._-]{0,118}[a-z0-9])?$"}},
    "Lang": {"name": "lang", "in": "path", "required": True, "description": "Target language code",
             "schema": {"type": "string", "enum": list(CODES)}},
    "Key": {"name": "key", "in": "path", "required": True, "description": "Segment key",
            "schema": {"type": "string", "pattern": "^[0-9a-f]{12}$"}},
}
_CATALOG = [{"$ref": "#/components/parameters/ArticleId"}, {"$ref": "#/components/parameters/Lang"}]
_SEGMENT = _CATALOG + [{"$ref": "#/components/parameters/Key"}]

_SCHEMAS = {
    "Error": {"type": "object", "required": ["error"], "properties": {
        "error": {"type": "string"}, "status": {"type": "integer"},
        "current": {**_ref("Segment"), "description": "On 409 for a stale revision: the segment as it is now"}}},
    "State": {"type": "string", "enum": [s.slug for s in SegmentState]},
    "Publication": {"type": "string", "enum": [p.value for p in PublicationStatus]},
    "Segment": {"type": "object", "required": ["key", "source", "target", "state", "revision"], "properties": {
        "key": {"type": "string"}, "number": {"type": "integer", "description": "Place in the article, from 1"},
        "source": {"type": "string"}, "target": {"type": "string"}, "state": _ref("State"),
        "revision": {"type": "string", "description": "Send it back when saving; changes with every edit"},
        "context": {"type": ["string", "null"]},
        "role": {"type": "string", "description": "title, heading, paragraph, list-item, caption, byline, credit, "
                                                  "image (its alt text), table-cell"},
        "block": {"type": "integer"}, "sentence": {"type": "integer"},
        "machine": {"oneOf": [{"type": "null"}, {"type": "object", "properties": {
            "text": {"type": "string"}, "engine": {"type": "string"}, "score": {"type": ["number", "null"]},
            "pivot": {"type": ["string", "null"],
                      "description": "The language the engine translated through, where it had no direct pair"},
            "origin": {"type": "string"}}}]},
        "approval": {"oneOf": [{"type": "null"}, {"type": "object", "properties": {
            "by": {"type": "string"}, "date": {"type": "string"}}}]},
        "unmodified_share": {"type": ["number", "null"], "minimum": 0, "maximum": 1,
                             "description": "How much of the machine translation no person changed"},
        "tags": {"type": "object", "additionalProperties": {"type": "string"},
                 "description": "What the source's inline tags stand for, by number: a link's address, an "
                                "image's source (the tags themselves are in the text, as <a1>…</a1>)"},
        "previous_source": {"type": ["string", "null"],
                            "description": "The source before the article changed (gettext's #| msgid), until a person saves"},
        "source_diff": {"type": "array", "description": "How the source changed, word by word", "items": {
            "type": "object", "properties": {"op": {"type": "string", "enum": ["same", "deleted", "inserted"]},
                                             "text": {"type": "string"}}}}}},
    "Catalog": {"type": "object", "required": ["article", "language", "publication", "segments"], "properties": {
        "article": {"type": "string"}, "language": {"type": "string"}, "source_language": {"type": "string"},
        "direction": {"type": "string", "enum": ["ltr", "rtl"]}, "publication": _ref("Publication"),
        "publication_label": {"type": "string"},
        "certification": {"oneOf": [{"type": "null"}, {"type": "object", "properties": {
            "by": {"type": "string"}, "date": {"type": "string"}}}]},
        "segments": {"type": "array", "items": _ref("Segment")}}},
    "SaveRequest": {"type": "object", "required": ["target", "revision"], "properties": {
        "target": {"type": "string", "maxLength": 20000},
        "state": {"type": "string", "enum": ["untranslated", "needs-editing", "translated", "approved"],
                  "description": "Default: translated (untranslated for an empty target); approved needs a reviewer"},
        "revision": {"type": "string"}}},
    "SaveResult": {"type": "object", "required": ["segment", "publication"], "properties": {
        "segment": _ref("Segment"), "publication": _ref("Publication"),
        "change": {"type": ["integer", "null"], "description": "History entry; null when nothing changed"}}},
    "Change": {"type": "object", "properties": {
        "id": {"type": "integer"}, "when": {"type": "string", "format": "date-time"}, "user": {"type": "string"},
        "action": {"type": "string", "enum": ["save", "approve", "revert", "certify"]},
        "article_id": {"type": "string"}, "lang": {"type": "string"}, "key": {"type": "string"},
        "old_target": {"type": "string"}, "new_target": {"type": "string"},
        "old_state": {"type": "string"}, "new_state": {"type": "string"}}},
    "Comment": {"type": "object", "properties": {
        "id": {"type": "integer"}, "article": {"type": "string"}, "language": {"type": "string"},
        "key": {"type": "string"}, "author": {"type": "string"}, "text": {"type": "string"},
        "created": {"type": "string", "format": "date-time"}}},
    "Job": {"type": "object", "properties": {
        "id": {"type": "string"}, "kind": {"type": "string"},
        "state": {"type": "string", "enum": ["queued", "running", "done", "failed"]},
        "engine": {"type": "string"}, "user": {"type": "string"},
        "article_id": {"type": "string", "description": "The article, when the job is about one"},
        "lang": {"type": "string", "description": "The language, when the job is about one"},
        "ids": {"type": "array", "items": {"type": "string"}, "description": "Articles asked for (empty: all)"},
        "langs": {"type": "array", "items": {"type": "string"}, "description": "Languages asked for (empty: all)"},
        "done": {"type": "integer"}, "total": {"type": "integer"}, "percent": {"type": "number"},
        "message": {"type": "string"}, "enqueued": {"type": "string"}, "started": {"type": "string"},
        "finished": {"type": "string"}, "updated": {"type": "string", "description": "The worker's last report"},
        "is_stalled": {"type": "boolean", "description": "Running, but no report for 15 minutes"},
        "summary": {"type": "object"}}},
    "Status": {"type": "object", "description": "The document of `tms status --format json` (see docs/status.md)"},
    "Term": {"type": "object", "properties": {
        "source": {"type": "string"},
        "translations": {"type": "array", "items": {"type": "string"}, "description": "Empty when do_not_translate"},
        "do_not_translate": {"type": "boolean"}, "note": {"type": "string"},
        "where": {"type": "string", "description": "The glossary file and line, e.g. glossary/ja.csv:4"}}},
}


def _op(summary: str, ok: dict, *errors: int, body: dict | None = None, params=None) -> dict:
    op = {"summary": summary, "responses": {"200": ok, **_errors(401, *errors)}}
    if body is not None:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    if params:
        op["parameters"] = params
    return op


#: Every path of the API with its operations (the schemas they name are in _SCHEMAS).
_PATHS = {
    "/api/openapi.json": {"get": {"summary": "This document", "security": [],
                                  "responses": {"200": {"description": "OpenAPI 3.1 document"}}}},
    "/api/me": {"get": _op("The account of the token", _json({"type": "object"}, "Account"))},
    "/api/status": {"get": _op("Statistics of every catalog, as `tms status --format json`",
                               _json(_ref("Status"), "Status document"), 400, params=[
        {"name": "article", "in": "query", "schema": {"type": "string"}, "description": "Repeatable"},
        {"name": "lang", "in": "query", "schema": {"type": "string"}, "description": "Repeatable"}])},
    "/api/articles": {"get": _op("Articles and their languages", _json({"type": "object"}, "Articles"))},
    "/api/articles/{article_id}/{lang}": {"parameters": _CATALOG, "get": _op(
        "Segments of one article in one language", _json(_ref("Catalog"), "Catalog"), 400, 403, 404)},
    "/api/articles/{article_id}/{lang}/segments/{key}": {"parameters": _SEGMENT, "get": _op(
        "One segment", _json(_ref("Segment"), "Segment"), 400, 404), "put": _op(
        "Save a translation", _json(_ref("SaveResult"), "Saved"), 400, 403, 404, 409, 423, body=_ref("SaveRequest"))},
    "/api/articles/{article_id}/{lang}/segments/{key}/approve": {"parameters": _SEGMENT, "post": _op(
        "Approve a segment (reviewer)", _json(_ref("SaveResult"), "Approved"), 400, 403, 404, 409, 423,
        body={"type": "object", "required": ["revision"], "properties": {"revision": {"type": "string"}}})},
    "/api/articles/{article_id}/{lang}/segments/{key}/history": {"parameters": _SEGMENT, "get": _op(
        "Changes of a segment, newest first", _json({"type": "object", "properties": {
            "changes": {"type": "array", "items": _ref("Change")}}}, "History"), 400, 404)},
    "/api/articles/{article_id}/{lang}/segments/{key}/terms": {"parameters": _SEGMENT, "get": _op(
        "Glossary terms in the segment's source", _json({"type": "object", "properties": {
            "terms": {"type": "array", "items": _ref("Term")}}}, "Terms"), 400, 404)},
    "/api/changes/{change_id}/revert": {"parameters": [
        {"name": "change_id", "in": "path", "required": True, "schema": {"type": "integer"}}], "post": _op(
        "Put a segment back as it was before a change", _json(_ref("SaveResult"), "Reverted"),
        400, 403, 404, 409, 423, body={"type": "object", "properties": {"revision": {"type": "string"}}})},
    "/api/articles/{article_id}/{lang}/comments": {"parameters": _CATALOG, "get": _op(
        "Comments of a catalog", _json({"type": "object", "properties": {
            "comments": {"type": "array", "items": _ref("Comment")}}}, "Comments"), 400, 404, params=[
            {"name": "key", "in": "query", "schema": {"type": "string"}}]), "post": {
        "summary": "Add a comment", "requestBody": {"required": True, "content": {"application/json": {
            "schema": {"type": "object", "required": ["text"], "properties": {
                "text": {"type": "string"}, "key": {"type": "string"}}}}}},
        "responses": {"201": _json(_ref("Comment"), "Created"), **_errors(400, 401, 403, 404)}}},
    "/api/comments/{comment_id}": {"parameters": [
        {"name": "comment_id", "in": "path", "required": True, "schema": {"type": "integer"}}], "delete": {
        "summary": "Delete a comment (author or admin)",
        "responses": {"204": {"description": "Deleted"}, **_errors(401, 403, 404)}}},
    "/api/articles/{article_id}/{lang}/certification": {"parameters": _CATALOG, "get": _op(
        "Whether the catalog can be certified now, and why not", _json({"type": "object", "properties": {
            "can_certify": {"type": "boolean"}, "reasons": {"type": "array", "items": {"type": "string"}},
            "max_unmodified_machine_percent": {"type": "number"}}}, "Readiness"), 400, 404)},
    "/api/articles/{article_id}/{lang}/certify": {"parameters": _CATALOG, "post": _op(
        "Certify the catalog official (approver)", _json(_ref("Catalog"), "Certified"), 400, 403, 404, 409, 423)},
    "/api/jobs": {"get": _op("Recorded background jobs, newest first", _json({"type": "object", "properties": {
        "jobs": {"type": "array", "items": _ref("Job")}}}, "Jobs"), 400, params=[
        {"name": name, "in": "query", "schema": {"type": "string"}} for name in ("article", "lang", "user")] + [
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500}}])},
    "/api/jobs/{job_id}": {"parameters": [
        {"name": "job_id", "in": "path", "required": True, "schema": {"type": "string"}}], "get": _op(
        "One job: parameters, state, progress, summary", _json(_ref("Job"), "Job"), 404)},
    "/api/jobs/prefill": {"post": {
        "summary": "Queue a prefill of untranslated segments (run by `tms worker`)",
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "properties": {
                "articles": {"type": "array", "items": {"type": "string"}, "description": "Empty: all"},
                "languages": {"type": "array", "items": {"type": "string"}, "description": "Empty: all"},
                "engine": {"type": "string", "description": "Default: [prefill] engine of tms.toml"}},
            "additionalProperties": False}}}},
        "responses": {"202": _json(_ref("Job"), "Queued"), **_errors(400, 401, 403, 404)}}},
}


def openapi_document() -> dict:
    """The OpenAPI 3.1 document."""
    from tms.web import openapi_newsroom as newsroom
    from tms.web.openapi_review import extend

    paths, schemas = extend(_PATHS, _SCHEMAS)
    paths = {**paths, **newsroom.PATHS}
    paths["/api/articles"] = {**paths["/api/articles"], "post": newsroom.ADD_ARTICLE}
    schemas = {**schemas, **newsroom.SCHEMAS}
    responses = {f"E{code}": _json(_ref("Error"), text) for code, text in (
        (400, "Bad input"), (401, "Not signed in"), (403, "Forbidden"), (404, "Not found"), (409, "Conflict"),
        (423, "Not saved: the catalog cannot be written now"))}
    return {
        "openapi": "3.1.0",
        "info": {"title": "tms API", "version": __version__,
                 "description": "Translation catalogs of the news service: articles in, segments read, saved, "
                                "approved and certified, translations out."},
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "paths": paths,
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                           "description": "A token from `tms user token NAME`"}},
            "parameters": _PARAMS, "schemas": schemas, "responses": responses,
        },
    }
