"""The newsroom service: a submission checked before reading, an article added or updated, an assignee told
(what is due for each person: tests/services/test_work.py)."""
from __future__ import annotations

import pytest

from tms.errors import Conflict, InputError, PermissionDenied
from tms.services import newsroom
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
