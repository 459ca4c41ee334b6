"""The newsroom's part of the OpenAPI document: articles in, plans, what waits for whom, translations out,
webhooks."""
from __future__ import annotations

from tms.services.publishing import CATALOG_TYPES, PAGE_TYPES
from tms.services.schedules import PRIORITIES
from tms.services.webhooks import EVENTS


from tms.web.openapi_common import errors as _errors, json_body as _json, ref as _ref


_ARTICLE = [{"$ref": "#/components/parameters/ArticleId"}]
_CATALOG = _ARTICLE + [{"$ref": "#/components/parameters/Lang"}]
_TZ = {"name": "tz", "in": "query", "schema": {"type": "string", "default": "Asia/Seoul"},
       "description": "IANA time zone of `deadline_local` (default Asia/Seoul)"}
_DEADLINE = {"type": ["string", "null"], "format": "date-time",
             "description": "ISO 8601 with a UTC offset (2026-12-03T18:00:00+09:00); a time without one is refused"}
_PRIORITY = {"oneOf": [{"type": "integer", "minimum": 1, "maximum": 5}, {"type": "string", "enum": list(PRIORITIES.values())},
                       {"type": "null"}], "description": "1 (urgent) to 5 (lowest); 3 (normal) when not set"}
_SUBMIT_FIELDS = {"lang": {"type": "string", "description": "Language of the article (default: detected)"},
                  "id": {"type": "string", "description": "Id (default: from date and title); 409 if taken"},
                  "deadline": _DEADLINE, "priority": _PRIORITY}
_SUBMIT = {"required": True, "content": {
    "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
        "file": {"type": "string", "format": "binary",
                 "description": "Page text, HTML, Markdown, Word (.docx) or HWPX, in any of the eleven languages"},
        **_SUBMIT_FIELDS}}},
    "application/json": {"schema": {"type": "object", "required": ["content", "format"], "properties": {
        "content": {"type": "string"}, "format": {"type": "string", "enum": ["text", "html", "markdown"]},
        **_SUBMIT_FIELDS}, "additionalProperties": False}}}}

SCHEMAS = {
    "Plan": {"type": "object", "properties": {
        "deadline": _DEADLINE, "deadline_local": {"type": ["string", "null"], "description": "In the zone of `tz`"},
        "seconds_left": {"type": ["integer", "null"], "description": "Negative once overdue"},
        "is_overdue": {"type": "boolean"}, "priority": {"type": "integer"}, "priority_label": {"type": "string"},
        "assignee": {"type": "string", "description": "Empty when nobody is assigned"}}},
    "WorkItem": {"allOf": [_ref("Plan"), {"type": "object", "properties": {
        "article": {"type": "string"}, "language": {"type": "string"},
        "headline": {"type": "string", "description": "The title of the original; its id when it has none"},
        "stage": {"type": "string", "enum": ["draft", "machine", "review", "unofficial", "official"]},
        "percent": {"type": "number", "description": "Segments translated or approved, in percent"},
        "to_translate": {"type": "integer", "description": "Segments untranslated, machine output or needing edits"},
        "to_review": {"type": "integer", "description": "Segments translated, not approved"},
        "machine": {"type": "integer", "description": "Segments of machine output no person changed"},
        "suggestions": {"type": "integer", "description": "Open suggestions"},
        "errors": {"type": ["integer", "null"],
                   "description": "Error-level check findings; null when the catalog cannot be checked"},
        "ready_for_certification": {"type": "boolean", "description": "Approved throughout, not yet official"}}}]},
    "Added": {"allOf": [_ref("Plan"), {"type": "object", "properties": {
        "id": {"type": "string"}, "language": {"type": "string"}, "segments": {"type": "integer"},
        "catalogs": {"type": "array", "items": {"type": "string"}, "description": "Languages with a catalog"}}}]},
    "Updated": {"type": "object", "properties": {
        "id": {"type": "string"}, "is_changed": {"type": "boolean", "description": "False: the same version again"},
        "segments": {"type": "integer"},
        "changed": {"type": "array", "items": {"type": "string"},
                    "description": "Keys of edited segments: old translation kept, needs editing, previous source shown"},
        "added": {"type": "array", "items": {"type": "string"}}, "removed": {"type": "array", "items": {"type": "string"}},
        "languages": {"type": "object", "description": "What the merge did to each catalog",
                      "additionalProperties": {"type": "object", "properties": {
                          "kept": {"type": "integer"}, "needs_editing": {"type": "integer"}, "new": {"type": "integer"},
                          "obsoleted": {"type": "integer"}}}}}},
    "Preview": {"type": "object", "properties": {
        "id": {"type": "string"}, "language": {"type": "string"}, "title": {"type": "string"}, "date": {"type": "string"},
        "category": {"type": "string"}, "byline": {"type": "string"}, "format": {"type": "string"},
        "segments": {"type": "array", "items": {"type": "object", "properties": {
            "text": {"type": "string"}, "role": {"type": "string"}, "block": {"type": "integer"}}}}}},
    "Delivery": {"type": "object", "properties": {
        "id": {"type": "integer"}, "event": {"type": "string", "enum": list(EVENTS)}, "url": {"type": "string"},
        "article_id": {"type": "string"}, "lang": {"type": "string"},
        "status": {"type": "string", "enum": ["pending", "sending", "delivered", "failed"]},
        "attempts": {"type": "integer"}, "last_code": {"type": ["integer", "null"]}, "last_answer": {"type": "string"},
        "created": {"type": "string"}, "last_try": {"type": ["string", "null"]}, "next_try": {"type": ["string", "null"]},
        "delivered": {"type": ["string", "null"]}}},
    "WebhookEvent": {"type": "object", "description": "The body POSTed to a receiver, signed with "
                     "`X-TMS-Signature: sha256=<hex HMAC-SHA256 of the body with the secret>`", "properties": {
        "event": {"type": "string", "enum": list(EVENTS)}, "article": {"type": "string"},
        "language": {"type": "string", "description": "The catalog's language; the source's for article events"},
        "publication": {"type": ["string", "null"], "enum": ["draft", "unofficial", "official", None]},
        "render_url": {"type": ["string", "null"]}, "time": {"type": "string", "format": "date-time"}}},
}

_PLAN_BODY = {"type": "object", "properties": {"deadline": _DEADLINE, "priority": _PRIORITY}}

PATHS = {
    "/api/articles/preview": {"post": {
        "summary": "What importing an article would make of it; writes nothing (editor)", "requestBody": _SUBMIT,
        "responses": {"200": _json(_ref("Preview"), "Preview"), **_errors(400, 401, 403)}}},
    "/api/articles/{article_id}/source": {"parameters": _ARTICLE, "put": {
        "summary": "Send a new version of an article; merged as `tms update` does, idempotent (editor)",
        "requestBody": _SUBMIT,
        "responses": {"200": _json(_ref("Updated"), "What changed"), **_errors(400, 401, 403, 404)}}},
    "/api/articles/{article_id}/schedule": {"parameters": _ARTICLE, "get": {
        "summary": "The article's plan and each language's", "parameters": [_TZ],
        "responses": {"200": _json({"allOf": [_ref("Plan"), {"type": "object", "properties": {
            "languages": {"type": "object", "additionalProperties": _ref("Plan")}}}]}, "Plans"), **_errors(401, 404)}},
        "put": {"summary": "Set the article's deadline and priority (editor); a field left out is kept, null clears it",
                "requestBody": {"required": True, "content": {"application/json": {"schema": _PLAN_BODY}}},
                "responses": {"200": _json(_ref("Plan"), "Plan"), **_errors(400, 401, 403, 404)}}},
    "/api/articles/{article_id}/{lang}/schedule": {"parameters": _CATALOG, "put": {
        "summary": "Set one language's deadline, priority and assignee (editor)",
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "properties": {**_PLAN_BODY["properties"], "assignee": {
                "type": ["string", "null"], "description": "An account that may work in the language"}}}}}},
        "responses": {"200": _json(_ref("Plan"), "Plan"), **_errors(400, 401, 403, 404)}}},
    "/api/my-work": {"get": {
        "summary": "The catalogs waiting for the caller, as on the page My work: overdue first, then by deadline, "
                   "priority and the amount of work; 100 a page",
        "description": "Translators get what is left to translate, reviewers also what is translated but not "
                       "approved and open suggestions, approvers also what is ready for certification; a catalog "
                       "assigned to someone else only for what the caller reviews or certifies in it, one assigned "
                       "to the caller until it is official.",
        "parameters": [_TZ, {"name": "lang", "in": "query", "schema": {"type": "array", "items": {"type": "string"}},
                             "style": "form", "explode": True,
                             "description": "Only these of the caller's languages (repeat, or ja,ar); 400 for another"},
                       {"name": "mine", "in": "query", "schema": {"type": "string", "enum": ["1", "0"]},
                        "description": "1: only the catalogs assigned to the caller"},
                       {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1},
                        "description": "A page past the end is the last"}],
        "responses": {"200": _json({"type": "object", "properties": {
            "items": {"type": "array", "items": _ref("WorkItem")},
            "total": {"type": "integer", "description": "Catalogs waiting, on every page"},
            "page": {"type": "integer"}, "pages": {"type": "integer"}}}, "Work waiting"), **_errors(400, 401)}}},
    "/api/articles/{article_id}/{lang}/render": {"parameters": _CATALOG, "get": {
        "summary": "The published page, as `tms render` writes it", "parameters": [
            {"name": "format", "in": "query", "schema": {"type": "string", "enum": list(PAGE_TYPES), "default": "html"}}],
        "responses": {"200": {"description": "The page", "content": {
            mime.split(";")[0]: {"schema": {"type": "string"}} for mime, _ in PAGE_TYPES.values()}},
            "409": _json({"allOf": [_ref("Error"), {"type": "object", "properties": {
                "reasons": {"type": "array", "items": {"type": "string"}}}}]}, "Not publishable yet, and why"),
            **_errors(400, 401, 404)}}},
    "/api/articles/{article_id}/bundle": {"parameters": _ARTICLE, "get": {
        "summary": "A zip of the article in every publishable language ({id}.{lang}.html) with its files",
        "parameters": [{"name": "format", "in": "query", "schema": {"type": "string", "enum": list(PAGE_TYPES)}}],
        "responses": {"200": {"description": "Zip; header X-TMS-Languages lists the languages", "content": {
            "application/zip": {"schema": {"type": "string", "format": "binary"}}}}, **_errors(400, 401, 404)}}},
    "/api/articles/{article_id}/{lang}/catalog": {"parameters": _CATALOG, "get": {
        "summary": "The catalog as PO (as stored), MO (as `tms compile` writes it) or XLIFF 1.2",
        "parameters": [{"name": "format", "in": "query", "schema": {"type": "string", "enum": list(CATALOG_TYPES),
                                                                     "default": "po"}}],
        "responses": {"200": {"description": "The file", "content": {
            mime.split(";")[0]: {"schema": {"type": "string", "format": "binary"}} for mime in CATALOG_TYPES.values()}},
            **_errors(400, 401, 404)}}},
    "/api/articles/{article_id}/{lang}/xliff": {"parameters": _CATALOG, "post": {
        "summary": "Merge a translated XLIFF file, as `tms import-translations` does (translators of the language)",
        "requestBody": {"required": True, "content": {
            "multipart/form-data": {"schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}},
            "application/x-xliff+xml": {"schema": {"type": "string"}}}},
        "responses": {"200": _json({"type": "object", "properties": {
            "updated": {"type": "integer"}, "unchanged": {"type": "integer"}, "untranslated": {"type": "integer"},
            "conflicts": {"type": "array", "items": {"type": "string"}}}}, "Merged"), **_errors(400, 401, 403, 404)}}},
    "/api/webhooks/deliveries": {"get": {
        "summary": "Webhook deliveries, newest first (admin)", "parameters": [
            {"name": "status", "in": "query", "schema": {"type": "string"}}],
        "responses": {"200": _json({"type": "object", "properties": {"deliveries": {
            "type": "array", "items": _ref("Delivery")}}}, "Deliveries"), **_errors(401, 403)}}},
}

#: ``POST /api/articles``, beside the existing ``GET``.
ADD_ARTICLE = {"summary": "Import a new article (editor); the same reading and messages as `tms import`",
               "requestBody": _SUBMIT,
               "responses": {"201": _json(_ref("Added"), "Imported"), **_errors(400, 401, 403, 409)}}
