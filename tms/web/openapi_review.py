"""The OpenAPI description of the review desk's endpoints: suggestions and notifications, and the
confirmation a change to an official catalog needs."""
from __future__ import annotations


from tms.web.openapi_common import errors as _errors, json_body as _json, ref as _ref


_SEGMENT = [{"$ref": "#/components/parameters/ArticleId"}, {"$ref": "#/components/parameters/Lang"},
            {"$ref": "#/components/parameters/Key"}]
_PROPOSAL = _SEGMENT + [{"name": "proposal_id", "in": "path", "required": True, "schema": {"type": "integer"}}]
#: What a change that would end a catalog's official status must carry (else 409 with confirm=withdraw_official).
WITHDRAWAL = {
    "withdraw_official": {"type": "boolean", "description": "Confirm that this change withdraws the catalog's "
                                                            "official status (needed on a certified catalog)"},
    "reason": {"type": "string", "maxLength": 2000, "description": "Why; required with withdraw_official"},
}

SCHEMAS = {
    "Suggestion": {"type": "object", "required": ["id", "author", "target", "created"], "properties": {
        "id": {"type": "integer"}, "author": {"type": "string"}, "target": {"type": "string"},
        "created": {"type": "string", "format": "date-time"},
        "status": {"type": "string", "enum": ["open", "accepted", "rejected"]},
        "base_target": {"type": "string", "description": "The translation it proposed to replace"},
        "decided_by": {"type": ["string", "null"]}, "decided": {"type": ["string", "null"]},
        "reason": {"type": ["string", "null"], "description": "Why it was rejected"}}},
    "PlannedChange": {"type": "object", "properties": {
        "number": {"type": "integer"}, "key": {"type": "string"}, "revision": {"type": "string"},
        "source": {"type": "string"}, "before": {"type": "string"}, "after": {"type": "string"}}},
    "BulkRequest": {"type": "object", "required": ["segments", "confirm"], "properties": {
        "segments": {"type": "array", "items": {"type": "object", "required": ["key", "revision"], "properties": {
            "key": {"type": "string"}, "revision": {"type": "string"}}}},
        "confirm": {"type": "boolean", "const": True, "description": "After the preview"}, **WITHDRAWAL}},
    "Notification": {"type": "object", "properties": {
        "id": {"type": "integer"}, "event": {"type": "string"}, "text": {"type": "string"},
        "link": {"type": "string"}, "article": {"type": "string"}, "language": {"type": "string"},
        "created": {"type": "string", "format": "date-time"}, "read": {"type": "boolean"}}},
}

PATHS = {
    "/api/articles/{article_id}/{lang}/segments/{key}/suggestions": {"parameters": _SEGMENT, "get": {
        "summary": "Suggestions for a segment, oldest first (open ones unless ?status=accepted|rejected|all)",
        "parameters": [{"name": "status", "in": "query", "schema": {"type": "string"}}],
        "responses": {"200": _json({"type": "object", "properties": {
            "suggestions": {"type": "array", "items": _ref("Suggestion")}}}, "Suggestions"),
            **_errors(400, 401, 404)}}},
    "/api/articles/{article_id}/{lang}/segments/{key}/suggestions/{proposal_id}/accept": {
        "parameters": _PROPOSAL, "post": {
            "summary": "Accept a suggestion: it becomes the approved translation (reviewer)",
            "requestBody": {"content": {"application/json": {"schema": {"type": "object",
                                                                        "properties": WITHDRAWAL}}}},
            "responses": {"200": _json(_ref("SaveResult"), "Accepted"), **_errors(400, 401, 403, 404, 409)}}},
    "/api/articles/{article_id}/{lang}/segments/{key}/suggestions/{proposal_id}/reject": {
        "parameters": _PROPOSAL, "post": {
            "summary": "Reject a suggestion with a reason (reviewer)",
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["reason"], "properties": {"reason": {"type": "string"}}}}}},
            "responses": {"200": _json({"type": "object", "properties": {"suggestion": _ref("Suggestion")}},
                                       "Rejected"), **_errors(400, 401, 403, 404, 409)}}},
    "/api/articles/{article_id}/{lang}/segments/{key}/checks/{check_id}/dismiss": {
        "parameters": _SEGMENT + [{"name": "check_id", "in": "path", "required": True, "schema": {"type": "string"}}],
        "post": {
            "summary": "Dismiss a check's finding on a segment as a false positive, with a reason (approver)",
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["reason"], "properties": {"reason": {"type": "string"}}}}}},
            "responses": {"200": _json({"type": "object", "properties": {
                "change": {"type": "integer"}, "check": {"type": "string"}}}, "Dismissed"),
                **_errors(400, 401, 403, 404, 409)}}},
    "/api/articles/{article_id}/{lang}/approve-all": {"parameters": _SEGMENT[:2], "get": {
        "summary": "The translated segments that pass the checks: what approving all would approve (reviewer)",
        "responses": {"200": _json({"type": "object", "properties": {
            "segments": {"type": "array", "items": _ref("PlannedChange")}}}, "Preview"),
            **_errors(400, 401, 403, 404)}}, "post": {
        "summary": "Approve the previewed segments (reviewer)",
        "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("BulkRequest")}}},
        "responses": {"200": _json({"type": "object", "properties": {
            "approved": {"type": "array", "items": {"type": "string"}}}}, "Approved"),
            **_errors(400, 401, 403, 404, 409)}}},
    "/api/articles/{article_id}/{lang}/replace": {"parameters": _SEGMENT[:2], "get": {
        "summary": "The segments whose translation contains `find`, before and after the replacement",
        "parameters": [{"name": "find", "in": "query", "required": True, "schema": {"type": "string"}},
                       {"name": "replace", "in": "query", "schema": {"type": "string"}}],
        "responses": {"200": _json({"type": "object", "properties": {
            "segments": {"type": "array", "items": _ref("PlannedChange")}}}, "Preview"),
            **_errors(400, 401, 403, 404)}}, "post": {
        "summary": "Replace in the previewed segments (approved ones become suggestions for a translator)",
        "requestBody": {"required": True, "content": {"application/json": {"schema": {"allOf": [
            _ref("BulkRequest"), {"type": "object", "required": ["find", "replace"], "properties": {
                "find": {"type": "string"}, "replace": {"type": "string"}}}]}}}},
        "responses": {"200": _json({"type": "object", "properties": {
            "saved": {"type": "array", "items": {"type": "string"}},
            "suggested": {"type": "array", "items": {"type": "string"}}}}, "Replaced"),
            **_errors(400, 401, 403, 404, 409)}}},
    "/api/articles/{article_id}/{lang}/segments/{key}/other-languages": {"parameters": _SEGMENT, "get": {
        "summary": "The segment's translations in the article's other languages, approved first",
        "responses": {"200": _json({"type": "object", "properties": {"translations": {"type": "array", "items": {
            "type": "object", "properties": {"language": {"type": "string"}, "target": {"type": "string"},
                                             "state": {"type": "string"}}}}}}, "Translations"),
            **_errors(401, 404)}}},
    "/api/articles/{article_id}/{lang}/concordance": {"parameters": _SEGMENT[:2], "get": {
        "summary": "Translated segments of the project whose source or translation contains q (approved first)",
        "parameters": [{"name": "q", "in": "query", "required": True, "schema": {"type": "string"}}],
        "responses": {"200": _json({"type": "object", "properties": {"hits": {"type": "array", "items": {
            "type": "object", "properties": {"source": {"type": "string"}, "target": {"type": "string"},
                                             "article": {"type": "string"}, "approved": {"type": "boolean"}}}}}},
            "Hits"), **_errors(400, 401, 404)}}},
    "/api/notifications": {"get": {
        "summary": "The caller's notifications, newest first, and how many are unread",
        "parameters": [{"name": "unread", "in": "query", "schema": {"type": "string", "enum": ["1"]}}],
        "responses": {"200": _json({"type": "object", "properties": {
            "unread": {"type": "integer"}, "notifications": {"type": "array", "items": _ref("Notification")}}},
            "Notifications"), **_errors(401)}}},
    "/api/notifications/read": {"post": {
        "summary": "Mark notifications read: the given ids, or all",
        "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {
            "ids": {"type": "array", "items": {"type": "integer"}}}}}}},
        "responses": {"200": _json({"type": "object", "properties": {
            "marked": {"type": "integer"}, "unread": {"type": "integer"}}}, "Marked"), **_errors(400, 401)}}},
}


def extend(paths: dict, schemas: dict) -> tuple[dict, dict]:
    """The API's paths and schemas with the review desk's added: the suggestion endpoints, the 202 of a save
    kept as a suggestion, and the confirmation fields of changes to official catalogs."""
    paths, schemas = {**paths, **PATHS}, {**schemas, **SCHEMAS}
    for name in ("SaveRequest",):
        schema = dict(schemas[name])
        schema["properties"] = {**schema["properties"], **WITHDRAWAL}
        schemas[name] = schema
    result = dict(schemas["SaveResult"])
    result["properties"] = {**result["properties"], "suggestion": {
        **_ref("Suggestion"), "description": "On 202: the change was kept as a suggestion for review"}}
    schemas["SaveResult"] = result
    save = "/api/articles/{article_id}/{lang}/segments/{key}"
    put = dict(paths[save]["put"])
    put["responses"] = {**put["responses"], "202": _json(_ref("SaveResult"), "Kept as a suggestion for review "
                                                                             "(the segment is approved, or the "
                                                                             "caller may not edit the language)")}
    paths[save] = {**paths[save], "put": put}
    error = dict(schemas["Error"])
    error["properties"] = {**error["properties"], "confirm": {
        "type": "string", "description": "On 409: what to confirm (withdraw_official) to go ahead"}}
    schemas["Error"] = error
    return paths, schemas
