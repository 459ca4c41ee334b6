"""The newsroom service: a submission checked before reading, an article added or updated, what is due."""
from __future__ import annotations

import pytest

from tests.memory.helpers import write_article
from tms.errors import Conflict, InputError, PermissionDenied
from tms.model import SegmentState as S
from tms.services import newsroom, schedules
from tms.services.users import Account, AccountRole

EDITOR = Account(1, "eddie", AccountRole.EDITOR)
TEXT = "Ministers met in Seoul on Monday. They agreed on a plan.\n\nThe next meeting is in Jakarta.\n"


def test_a_submission_is_checked_before_anything_is_read(project):
    with pytest.raises(InputError, match="send the article as a file"):
        newsroom.submission(project)
    with pytest.raises(InputError, match="the file is empty"):
        newsroom.submission(project, data=b"", name="a.txt")
    item = newsroom.submission(project, content=TEXT, fmt="text", deadline="2030-01-01T09:00+09:00", priority="high")
    assert (item.name, item.priority, item.deadline.hour) == ("article.txt", 2, 0)


def test_add_then_update_then_conflict(project):
    added = newsroom.add_article(project, EDITOR, newsroom.submission(project, content=TEXT, fmt="text", article_id="seoul"))
    assert (added.article_id, added.language, added.segments, len(added.catalogs)) == ("seoul", "en", 4, 10)
    with pytest.raises(Conflict, match="article 'seoul' exists"):
        newsroom.add_article(project, EDITOR, newsroom.submission(project, content=TEXT, fmt="text", article_id="seoul"))
    same = newsroom.update_source(project, EDITOR, "seoul", newsroom.submission(project, content=TEXT, fmt="text"))
    assert not same.is_changed and same.changed == same.added == same.removed == []
    with pytest.raises(PermissionDenied):
        newsroom.add_article(project, Account(2, "tina", AccountRole.TRANSLATOR), newsroom.submission(
            project, content=TEXT, fmt="text"))


def test_due_work_by_role_deadline_and_assignee(project):
    write_article(project, "done", ["One."], langs=("ja",), done={"ja": {"One.": ("一。", S.TRANSLATED)}})
    write_article(project, "late", ["One."], langs=("ja", "ko"))
    write_article(project, "later", ["One."], langs=("ja",))
    write_article(project, "theirs", ["One."], langs=("ja",))
    for article_id in ("done", "late", "later", "theirs"):
        project.original_path(article_id).parent.mkdir(exist_ok=True)
        project.original_path(article_id).write_text(f"---\nid: {article_id}\nlanguage: en\n---\n\nOne.\n")
    from tms.services.users import create_user

    create_user(project, "rita", "reviewer", "a long password", "ja")
    schedules.set_schedule(project, EDITOR, "late", deadline="2001-01-01T00:00Z")
    schedules.set_schedule(project, EDITOR, "later", deadline="2030-01-01T00:00Z")
    schedules.set_schedule(project, EDITOR, "theirs", "ja", assignee="rita")
    tina = Account(3, "tina", AccountRole.TRANSLATOR, ("ja",))
    mine = [(i.plan.article_id, i.plan.lang, i.plan.is_overdue()) for i in newsroom.due_work(project, tina)]
    assert mine == [("late", "ja", True), ("later", "ja", False)]       # not done, not someone else's, not ko
    rita = Account(4, "rita", AccountRole.REVIEWER, ("ja",))
    assert [i.plan.article_id for i in newsroom.due_work(project, rita)] == ["late", "later", "theirs", "done"]   # then her own first


def test_an_assignee_is_notified(project):
    from tms.services.notifications import list_notifications, unread_count
    from tms.services.users import create_user

    create_user(project, "tina", "translator", "quiet harbour lantern 42", "ja")
    newsroom.assigned(project, "seoul", "ja", "tina", "eddie")
    assert unread_count(project, "tina") == 1
    (told,) = list_notifications(project, "tina")
    assert told.event == "assigned" and "eddie assigned you seoul (ja)" in told.text
    assert told.link == "/articles/seoul/ja"


def test_articles_sent_at_once_with_one_title_each_get_their_own_id(project):
    from concurrent.futures import ThreadPoolExecutor

    def send(_):
        return newsroom.add_article(project, EDITOR, newsroom.submission(project, content=TEXT, fmt="text")).article_id

    with ThreadPoolExecutor(4) as pool:
        ids = list(pool.map(send, range(6)))
    assert len(set(ids)) == 6 and sorted(p.stem for p in project.originals_dir.glob("*.md")) == sorted(ids)
    assert all(len(project.catalog_languages(article_id)) == 10 for article_id in ids)
