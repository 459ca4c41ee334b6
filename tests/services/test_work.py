"""What waits for each person: the role rules, the assignees, the order, the filters and the figures."""
from __future__ import annotations

from datetime import timedelta

import pytest

from tests.memory.helpers import unit, write_article, write_catalog
from tms.errors import InputError
from tms.model import Certification, MachineInfo, SegmentState as S
from tms.services import schedules, work
from tms.services.users import Account, AccountRole, create_user
from tms.storage.database import utcnow
from tms.storage.pofile import load_catalog, save_catalog

EDITOR = Account(1, "eddie", AccountRole.EDITOR)
TINA = Account(3, "tina", AccountRole.TRANSLATOR, ("ja",))
RITA = Account(4, "rita", AccountRole.REVIEWER, ("ja",))
ALEX = Account(5, "alex", AccountRole.APPROVER, ("ja",))


def _original(project, article_id: str, title: str = "") -> None:
    project.originals_dir.mkdir(exist_ok=True)
    heading = f"title: {title}\n" if title else ""
    project.original_path(article_id).write_text(f"---\nid: {article_id}\nlanguage: en\n{heading}---\n\nOne.\n",
                                                 encoding="utf-8")


def _article(project, article_id: str, states: dict[str, S], langs=("ja",), title: str = "") -> None:
    """An article of as many segments as ``states`` names, each in its state, in every language of ``langs``."""
    write_article(project, article_id, list(states), langs=langs)
    for lang in langs:
        write_catalog(project, article_id, lang, [_unit(lang, source, state) for source, state in states.items()])
    _original(project, article_id, title)


def _unit(lang: str, source: str, state: S):
    if state is S.UNTRANSLATED:
        return unit(source)
    target = f"[{lang}] {source}"
    machine = MachineInfo("pseudo", target, "2026-01-01T00:00:00Z") if state is S.MACHINE else None
    return unit(source, target, state, machine=machine)


def _certify(project, article_id: str, lang: str = "ja") -> None:
    path = project.po_path(article_id, lang)
    catalog = load_catalog(path)
    catalog.certification = Certification("alex", "2026-01-01T00:00:00Z", catalog.translations_digest())
    save_catalog(path, catalog)


def _ids(page) -> list[str]:
    return [item.article_id for item in page.items]


def test_each_role_sees_its_own_work_and_someone_elses_assignment_only_to_review(project):
    _article(project, "fresh", {"One.": S.UNTRANSLATED, "Two.": S.MACHINE})
    _article(project, "translated", {"One.": S.TRANSLATED, "Two.": S.APPROVED})
    _article(project, "approved", {"One.": S.APPROVED, "Two.": S.APPROVED})
    _article(project, "official", {"One.": S.APPROVED})
    _certify(project, "official")
    _article(project, "theirs", {"One.": S.UNTRANSLATED, "Two.": S.TRANSLATED})
    create_user(project, "dana", "translator", "a long password", "ja")
    schedules.set_schedule(project, EDITOR, "theirs", "ja", assignee="dana")

    assert sorted(_ids(work.my_work(project, TINA))) == ["fresh"]       # translators: what is left to translate
    assert sorted(_ids(work.my_work(project, RITA))) == ["fresh", "theirs", "translated"]   # and what to review
    assert sorted(_ids(work.my_work(project, ALEX))) == ["approved", "fresh", "theirs", "translated"]
    items = {item.article_id: item for item in work.my_work(project, ALEX).items}
    assert items["approved"].is_ready_for_certification and not items["translated"].is_ready_for_certification
    theirs = items["theirs"]
    assert (theirs.to_translate, theirs.to_review, theirs.amount, theirs.plan.assignee) == (1, 1, 1, "dana")
    fresh = items["fresh"]
    assert (fresh.to_translate, fresh.machine, fresh.to_review, fresh.percent) == (2, 1, 0, 0.0)


def test_a_catalog_assigned_to_the_person_is_listed_until_it_is_official(project):
    _article(project, "done", {"One.": S.TRANSLATED})
    _article(project, "official", {"One.": S.APPROVED})
    _certify(project, "official")
    create_user(project, "tina", "translator", "a long password", "ja")
    for article_id in ("done", "official"):
        schedules.set_schedule(project, EDITOR, article_id, "ja", assignee="tina")
    page = work.my_work(project, TINA)
    assert _ids(page) == ["done"] and page.items[0].amount == 0       # nothing left to translate, still hers


def test_overdue_first_then_deadline_priority_own_assignment_and_amount(project):
    """The order of the newsroom's "my work" and of the queue, in one list."""
    _article(project, "late", {"One.": S.UNTRANSLATED})
    _article(project, "later", {"One.": S.UNTRANSLATED})
    _article(project, "urgent", {"One.": S.UNTRANSLATED})
    _article(project, "big", {"One.": S.UNTRANSLATED, "Two.": S.UNTRANSLATED, "Three.": S.MACHINE})
    _article(project, "small", {"One.": S.UNTRANSLATED})
    _article(project, "mine", {"One.": S.UNTRANSLATED})
    _article(project, "ko-only", {"One.": S.UNTRANSLATED}, langs=("ko",))
    create_user(project, "tina", "translator", "a long password", "ja")
    schedules.set_schedule(project, EDITOR, "late", deadline=(utcnow() - timedelta(hours=1)).isoformat())
    schedules.set_schedule(project, EDITOR, "later", deadline="2090-01-01T00:00Z")
    schedules.set_schedule(project, EDITOR, "urgent", priority="urgent")
    schedules.set_schedule(project, EDITOR, "mine", "ja", assignee="tina")
    page = work.my_work(project, TINA)
    assert _ids(page) == ["late", "later", "urgent", "mine", "big", "small"]     # not Korean: not hers
    assert page.items[0].plan.is_overdue() and not page.items[1].plan.is_overdue()
    assert page.total == 6 and page.langs == ["ja"]


def test_the_old_newsrooms_rules_hold(project):
    write_article(project, "done", ["One."], langs=("ja",), done={"ja": {"One.": ("一。", S.TRANSLATED)}})
    write_article(project, "late", ["One."], langs=("ja", "ko"))
    write_article(project, "later", ["One."], langs=("ja",))
    write_article(project, "theirs", ["One."], langs=("ja",))
    for article_id in ("done", "late", "later", "theirs"):
        _original(project, article_id)
    create_user(project, "rita", "reviewer", "a long password", "ja")
    schedules.set_schedule(project, EDITOR, "late", deadline="2001-01-01T00:00Z")
    schedules.set_schedule(project, EDITOR, "later", deadline="2030-01-01T00:00Z")
    schedules.set_schedule(project, EDITOR, "theirs", "ja", assignee="rita")
    mine = [(i.article_id, i.lang, i.plan.is_overdue()) for i in work.my_work(project, TINA).items]
    assert mine == [("late", "ja", True), ("later", "ja", False)]       # not done, not someone else's, not ko
    assert _ids(work.my_work(project, RITA)) == ["late", "later", "theirs", "done"]   # then her own first


def test_filters_by_language_and_assignment_and_pages(project):
    for number in range(5):
        _article(project, f"a{number}", {"One.": S.UNTRANSLATED}, langs=("ja", "ar", "de"))
    create_user(project, "rita", "reviewer", "a long password", "ja,ar")
    schedules.set_schedule(project, EDITOR, "a3", "ar", assignee="rita")
    rita = Account(4, "rita", AccountRole.REVIEWER, ("ja", "ar"))
    everything = work.my_work(project, rita)
    assert everything.total == 10 and {i.lang for i in everything.items} == {"ja", "ar"}
    assert everything.items[0].article_id == "a3" and everything.items[0].lang == "ar"   # her own first
    arabic = work.my_work(project, rita, langs=["ar"])
    assert arabic.total == 5 and {i.lang for i in arabic.items} == {"ar"} and arabic.langs == ["ar"]
    assigned = work.my_work(project, rita, is_assigned_only=True)
    assert [(i.article_id, i.lang) for i in assigned.items] == [("a3", "ar")]
    second = work.my_work(project, rita, page=2, per_page=4)
    assert (second.page, second.pages, len(second.items)) == (2, 3, 4)
    assert work.my_work(project, rita, page=9, per_page=4).page == 3             # past the end: the last page
    with pytest.raises(InputError, match=r"you do not work in German \(de\); your languages: ja, ar"):
        work.my_work(project, rita, langs=["de"])
    with pytest.raises(InputError, match="unknown language"):
        work.my_work(project, rita, langs=["xx"])
    with pytest.raises(InputError, match="page"):
        work.my_work(project, rita, page=0)


def test_shown_items_carry_headline_suggestions_and_error_count(project):
    _article(project, "summit", {"The 3 ministers met.": S.TRANSLATED, "Two.": S.UNTRANSLATED},
             title="Ministers meet in Seoul")
    path = project.po_path("summit", "ja")
    catalog = load_catalog(path)
    catalog.units[0].target = "大臣が会談した。"            # the number 3 is missing: an error-level finding
    save_catalog(path, catalog)
    from tms.services.proposals import create_proposal

    create_proposal(project, "tina", "summit", "ja", catalog.units[1].key, "二。", "")
    (item,) = work.my_work(project, RITA).items
    assert (item.headline, item.suggestions, item.errors, item.to_review) == ("Ministers meet in Seoul", 1, 1, 1)
    assert item.to_json()["errors"] == 1 and item.to_json()["headline"] == "Ministers meet in Seoul"
