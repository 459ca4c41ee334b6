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


def test_concordance_finds_text_in_sources_and_translations_approved_first(demo):
    from tms.errors import InputError
    from tms.services.context import concordance

    build_article(demo, "earlier", langs=("de",), machine=False)
    _save(demo, "de", "Die Minister trafen sich am Montag in Seoul.")
    earlier = review.get_segments(demo, "earlier", "de").segments
    review.save_segment(demo, ADMIN, "earlier", "de", earlier[3].key, "Die Minister geben sich die Hand.", "approved",
                        earlier[3].revision)
    hits = concordance(demo, "en", "de", "MINISTER")
    assert [(h.target, h.is_approved) for h in hits] == [("Die Minister geben sich die Hand.", True),
                                                          ("Die Minister trafen sich am Montag in Seoul.", False)]
    assert [h.article_id for h in concordance(demo, "en", "de", "montag")] == ["demo"]
    assert concordance(demo, "en", "de", "nowhere") == []
    with pytest.raises(InputError, match="at least two characters"):
        concordance(demo, "en", "de", "M")
