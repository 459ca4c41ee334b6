"""The admins' translation-memory page: who may see it, uploads good and bad, and the concordance search."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.web.conftest import csrf_token, login
from tms.memory.archive import ArchiveStore

DATA = Path(__file__).resolve().parent.parent / "data" / "memory"


def _upload(client, data: bytes, name: str, **fields):
    return client.post("/memory/", data={"csrf_token": csrf_token(client), "file": (io.BytesIO(data), name),
                                         **fields}, content_type="multipart/form-data")


@pytest.fixture
def admin(client, users):
    assert login(client, users.admin).status_code == 302
    return client


@pytest.mark.parametrize("role", ["translator", "reviewer", "approver"])
def test_only_admins_see_and_change_the_memory(client, users, role, web_project):
    login(client, getattr(users, role))
    assert client.get("/memory/").status_code == 403
    assert _upload(client, (DATA / "archive-2024.tmx").read_bytes(), "a.tmx").status_code == 403
    assert ArchiveStore.for_project(web_project).stats().total == 0
    assert 'href="/memory/"' not in client.get("/").get_data(as_text=True)


def test_an_upload_adds_units_once_and_the_page_counts_them(admin, web_project):
    data = (DATA / "archive-2024.tmx").read_bytes()
    response = _upload(admin, data, "archive-2024.tmx")
    assert response.status_code == 303
    page = admin.get("/memory/").get_data(as_text=True)
    assert "archive-2024.tmx: 4 units added, 0 already in the memory." in page
    assert "the archive holds 4 units" in page and "<td>ko → en</td><td>0</td><td>3</td>" in page
    _upload(admin, data, "archive-2024.tmx")
    assert "0 units added, 4 already in the memory." in admin.get("/memory/").get_data(as_text=True)
    assert ArchiveStore.for_project(web_project).stats().total == 4


def test_a_tab_separated_upload_with_its_languages(admin, web_project):
    data = (DATA / "briefings.tsv").read_bytes()
    refused = _upload(admin, data, "briefings.tsv")
    assert refused.status_code == 400 and "needs its languages" in refused.get_data(as_text=True)
    assert _upload(admin, data, "briefings.tsv", source_lang="ko", target_lang="en").status_code == 303
    assert ArchiveStore.for_project(web_project).stats().pairs == {("ko", "en"): 2}


def test_a_bad_upload_says_where_and_adds_nothing(admin, web_project):
    response = _upload(admin, b"<tmx version='1.4'><header srclang='ko'/>\n<body><tu>", "broken.tmx")
    assert response.status_code == 400
    assert "broken.tmx:2: not a TMX file" in response.get_data(as_text=True)
    missing = admin.post("/memory/", data={"csrf_token": csrf_token(admin)}, content_type="multipart/form-data")
    assert missing.status_code == 400 and "choose a file to upload" in missing.get_data(as_text=True)
    assert ArchiveStore.for_project(web_project).stats().total == 0


def test_search_shows_units_with_their_origin(admin):
    _upload(admin, (DATA / "archive-2024.tmx").read_bytes(), "archive-2024.tmx")
    page = admin.get("/memory/?q=cooperation&target_lang=en").get_data(as_text=True)
    assert "2 units containing “cooperation”" in page
    assert "imported from archive-2024.tmx, 2024-06-02" in page
    assert '<td lang="ko">양국은 협력을 강화하기로 했다.</td>' in page
    assert "0 units containing" in admin.get("/memory/?q=cooperation&target_lang=ja").get_data(as_text=True)


def test_the_editor_names_the_archive_file_of_a_memory_suggestion(admin, web_project):
    tsv = "The ministers met in Seoul on Tuesday.\t両大臣は火曜日、ソウルで会談した。\n".encode()
    _upload(admin, tsv, "ja-archive.tsv", source_lang="en", target_lang="ja")
    from tests.web.factory import unit_keys

    key = unit_keys(web_project)[1]         # "The ministers met in Seoul on Monday."
    found = admin.get(f"/articles/demo/ja/segments/{key}/suggestions").get_json()["memory"]
    assert found[0]["text"] == "両大臣は火曜日、ソウルで会談した。"
    assert found[0]["origin"].startswith("translation memory, imported from ja-archive.tsv")
