"""The same segment in the article's other languages, approved first."""
from __future__ import annotations

import pytest

from tms.errors import NotFound
from tms.services import review
from tms.services.context import other_languages
from tms.services.users import Account, AccountRole
from tms.storage.database import close_databases
from tests.web.factory import build_article

ADMIN = Account(1, "ada", AccountRole.ADMIN)


@pytest.fixture
def demo(project, monkeypatch):
    monkeypatch.delenv("TMS_DATABASE_URL", raising=False)
    build_article(project, langs=("ja", "ar", "de", "fr"))
    yield project
    close_databases()


def _save(project, lang, text, state=None):
    segment = review.get_segments(project, "demo", lang).segments[1]
    review.save_segment(project, ADMIN, "demo", lang, segment.key, text, state, segment.revision)
    return segment.key


def test_other_languages_approved_first_machine_output_left_out(demo):
    key = _save(demo, "fr", "Les ministres se sont rencontrés à Séoul lundi.")
    _save(demo, "de", "Die Minister trafen sich am Montag in Seoul.", "approved")
    found = other_languages(demo, "demo", "ja", key)
    assert [(o.lang, o.state.slug) for o in found] == [("de", "approved"), ("fr", "translated")]
    assert [o.lang for o in other_languages(demo, "demo", "de", key)] == ["fr"]     # ja is machine output
    with pytest.raises(NotFound):
        other_languages(demo, "demo", "ja", "0" * 12)
