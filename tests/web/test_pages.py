"""The pages: dashboard, editor (with its forms and fragments), preview and jobs, through Flask's test client."""
from __future__ import annotations

import re

import pytest

from tms.services.proposals import list_proposals
from tms.model import SegmentState
from tms.services.checking import check_catalog
from tms.storage.pofile import load_catalog
from tests.web.conftest import login
from tests.web.factory import HUMAN_JA, MACHINE_JA, unit_keys

JSON = {"Accept": "application/json", "X-Requested-With": "fetch"}
FRAGMENT = {"X-Requested-With": "fetch"}


def page_token(client, path: str = "/") -> str:
    """The CSRF token a page hands its forms and script."""
    html = client.get(path).get_data(as_text=True)
    match = re.search(r'<meta name="csrf-token" content="([^"]+)"', html)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def signed_in(client, user):
    assert login(client, user).status_code == 302
    return client


def unit(project, index: int, lang: str = "ja"):
    return load_catalog(project.po_path("demo", lang)).active_units()[index]


def save(client, project, index: int, target: str, *, action: str = "save", lang: str = "ja", headers=None,
         revision: str | None = None, token: str | None = None, **extra):
    key = unit_keys(project, lang=lang)[index]
    data = {"csrf_token": token or page_token(client), "target": target, "action": action,
            "revision": revision if revision is not None else unit(project, index, lang).revision, **extra}
    return client.post(f"/articles/demo/{lang}/segments/{key}", data=data, headers=headers or {})


# -- who may see what ------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/", "/articles/demo/ja", "/preview/demo/ja", "/jobs/abc"])
def test_pages_need_a_signed_in_user(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_fragments_need_a_signed_in_user(client, web_project):
    key = unit_keys(web_project)[0]
    for what in ("history", "comments", "suggestions"):
        response = client.get(f"/articles/demo/ja/segments/{key}/{what}", headers=JSON)
        assert response.status_code == 401, what


def test_forms_need_the_csrf_token(client, users, web_project):
    signed_in(client, users.translator)
    key = unit_keys(web_project)[1]
    response = client.post(f"/articles/demo/ja/segments/{key}",
                           data={"target": "x", "revision": unit(web_project, 1).revision})
    assert response.status_code == 400
    assert unit(web_project, 1).target == "閣僚たちは月曜日にソウルで会談した。"


def test_login_page_uses_the_site_layout(client):
    html = client.get("/login").get_data(as_text=True)
    assert '<label for="username">Username</label>' in html and '<label for="password">Password</label>' in html
    assert 'value="Sign in"' in html and "/static/tms.css" in html
    assert "Sign out" not in html


def test_static_files_are_served_locally(client):
    assert b":lang(ja)" in client.get("/static/tms.css").data
    assert b"X-CSRFToken" in client.get("/static/tms.js").data
    html = client.get("/login").get_data(as_text=True)
    assert not re.search(r'(src|href)="(https?:)?//', html), "no CDN: everything is served by tms itself"


# -- dashboard -------------------------------------------------------------------------------------
def test_dashboard_opens_on_the_persons_languages_with_headlines(client, users, web_project):
    web_project.originals_dir.mkdir(parents=True, exist_ok=True)
    web_project.original_path("demo").write_text("---\nid: demo\nlanguage: en\ntitle: Korea and Japan agree on "
                                                 "a new exchange programme\n---\n", encoding="utf-8")
    signed_in(client, users.translator)                 # Japanese only
    html = client.get("/").get_data(as_text=True)
    assert dict(re.findall(r'<td class="cell" data-lang="(\w+)" data-status="(\w+)"', html)) == {"ja": "machine"}
    assert '<span class="headline">Korea and Japan agree on a new exchange programme</span>' in html
    all_languages = client.get("/?" + "&".join(f"lang={c}" for c in ("ja", "ar", "de"))).get_data(as_text=True)
    assert len(re.findall(r'<td class="cell" data-lang=', all_languages)) == 3


def test_dashboard_shows_articles_by_language_with_badges(client, users):
    signed_in(client, users.admin)                      # every language
    html = client.get("/").get_data(as_text=True)
    assert 'class="article-id">demo<' in html
    cells = dict(re.findall(r'<td class="cell" data-lang="(\w+)" data-status="(\w+)"', html))
    assert cells == {"ja": "machine", "ar": "draft", "de": "draft"}
    assert 'href="/articles/demo/ja"' in html and "50% translated" not in html
    assert html.count('<th scope="col"') == 12          # the article column and eleven languages
    assert "1 article" in html
    assert 'class="badge badge-missing"' in html       # English is the source: no catalog


def test_dashboard_filters_by_language_status_and_date(client, users):
    signed_in(client, users.translator)
    only_ja = client.get("/?lang=ja").get_data(as_text=True)
    assert only_ja.count('<th scope="col"') == 2 and 'data-lang="ar"' not in only_ja
    assert "demo" in client.get("/?status=machine").get_data(as_text=True)
    official = client.get("/?status=official").get_data(as_text=True)
    assert "No article matches these filters." in official and "0 articles" in official
    assert "No article matches" in client.get("/?changed_to=2000-01-01").get_data(as_text=True)
    assert 'class="article-id">demo<' in client.get("/?changed_from=2000-01-01").get_data(as_text=True)


@pytest.mark.parametrize("query", ["status=finished", "lang=xx", "changed_from=yesterday", "page=0", "page=x"])
def test_dashboard_refuses_bad_filters(client, users, query):
    signed_in(client, users.translator)
    response = client.get(f"/?{query}")
    assert response.status_code == 400
    assert "<html" in response.get_data(as_text=True)


def test_dashboard_pages_many_articles(client, users, web_project):
    from tests.web.factory import build_article

    for number in range(60):
        build_article(web_project, f"extra-{number:02d}", langs=("ja",), machine=False)
    signed_in(client, users.translator)
    first = client.get("/").get_data(as_text=True)
    assert "61 articles, page 1 of 2" in first and first.count('class="article-id"') == 50
    second = client.get("/?page=2").get_data(as_text=True)
    assert second.count('class="article-id"') == 11 and 'rel="prev"' in second
    assert client.get("/?page=9").status_code == 200        # past the end: the last page


def test_dashboard_totals_and_chart_follow_the_work(client, users, web_project):
    signed_in(client, users.reviewer)
    assert "No change has been made through the editor yet." in client.get("/").get_data(as_text=True)
    for index, text in enumerate(HUMAN_JA):
        assert save(client, web_project, index, text, action="approve").status_code == 302
    html = client.get("/").get_data(as_text=True)
    assert re.search(r'data-lang="ja" data-status="review"', html) is None
    assert 'data-lang="ja" data-status="unofficial"' in html
    assert re.search(r'<td class="total" data-lang="ja">.*?100% translated', html, re.S)
    assert "<svg" in html and 'class="series-translated"' in html
    assert "4 segments translated and 4 approved through the editor" in html


def _cell(html: str, lang: str) -> str:
    match = re.search(rf'<td class="cell" data-lang="{lang}".*?</td>', html, re.S)
    assert match, f"no {lang} cell"
    return match.group(0)


def test_dashboard_cells_count_what_is_left_and_link_to_those_segments(client, users, web_project):
    signed_in(client, users.reviewer)                   # Japanese and Arabic
    cell = _cell(client.get("/").get_data(as_text=True), "ja")
    # four segments to do, two of them machine output, and both flagged by the pseudo engine's check
    assert re.search(r'href="/articles/demo/ja\?state=untranslated&amp;state=machine&amp;state=needs-editing">'
                     r'4 to translate</a>', cell)
    assert 'href="/articles/demo/ja?state=errors">2 errors</a>' in cell
    assert 'href="/articles/demo/ja?state=machine">2 machine</a>' in cell
    assert "to review" not in cell
    assert "to translate" in _cell(client.get("/").get_data(as_text=True), "ar")
    assert save(client, web_project, 0, HUMAN_JA[0]).status_code == 302
    cell = _cell(client.get("/").get_data(as_text=True), "ja")
    assert ">3 to translate</a>" in cell and ">1 to review</a>" in cell
    assert ">1 error</a>" in cell and ">1 machine</a>" in cell      # counted again for the new version
    for index, text in enumerate(HUMAN_JA[1:], start=1):
        assert save(client, web_project, index, text, action="approve").status_code == 302
    cell = _cell(client.get("/").get_data(as_text=True), "ja")
    assert '<ul class="counts">' in cell and ">1 to review</a>" in cell
    assert "error" not in cell and "machine</a>" not in cell and "to translate" not in cell


def test_dashboard_error_counts_follow_the_project_checks(client, users, web_project):
    signed_in(client, users.translator)
    assert ">2 errors</a>" in _cell(client.get("/").get_data(as_text=True), "ja")
    web_project.config_path.write_text('[checks]\ndisabled = ["pseudo"]\n', encoding="utf-8")
    assert "error" not in _cell(client.get("/").get_data(as_text=True), "ja")


# -- editor ----------------------------------------------------------------------------------------
def test_editor_shows_source_and_target_side_by_side_in_order(client, users):
    signed_in(client, users.translator)
    html = client.get("/articles/demo/ja").get_data(as_text=True)
    labels = re.findall(r'aria-label="(Segment \d+ \(Japanese\))"', html)
    assert labels == [f"Segment {n} (Japanese)" for n in (1, 2, 3, 4)]
    assert html.index("Korea and Japan agree") < html.index("The ministers met") < html.index("shake hands")
    assert re.search(r'<textarea[^>]*lang="ja" dir="ltr"', html)
    assert '<span class="role">title</span>' in html and '<span class="role">caption</span>' in html
    assert "state-machine" in html and "state-untranslated" in html
    assert ">Save</button>" in html and ">Approve</button>" not in html        # a translator does not approve
    assert "Ctrl+Shift+Enter" not in html               # nor is shown the approve shortcut
    assert "Alt+↓ / Alt+↑" in html and "Ctrl+M" in html
    assert "Certify as official" not in html


def test_editor_says_through_which_language_a_machine_translation_went(client, users, web_project):
    from tms.model import MachineInfo
    from tms.storage.pofile import save_catalog

    path = web_project.po_path("demo", "ja")
    catalog = load_catalog(path)
    first = catalog.active_units()[0]
    first.machine = MachineInfo("apertium", first.target, "2026-11-23T10:00:00Z", pivot="es")
    save_catalog(path, catalog)
    signed_in(client, users.translator)
    html = client.get("/articles/demo/ja").get_data(as_text=True)
    assert "machine translation: apertium through es" in html
    assert "machine translation: pseudo, score 80" in html


def test_editor_shows_the_unmodified_machine_share_of_the_text_that_certification_uses(client, users, web_project):
    from tms.services.certification import unmodified_text_percent

    signed_in(client, users.translator)

    def shown() -> float:
        html = client.get("/articles/demo/ja").get_data(as_text=True)
        return float(re.search(r'Unmodified machine output: <span id="machine-share">([\d.]+)</span>% of the text',
                               html).group(1))

    before = shown()
    # two of four segments are untouched machine output: a share of the text, neither 0 nor 100
    assert 0 < before < 100
    assert before == round(unmodified_text_percent(load_catalog(web_project.po_path("demo", "ja")), "ja"), 1)
    assert save(client, web_project, 0, "日韓、新しい交流プログラムで一致").status_code == 302
    after = shown()
    assert 0 < after < before


def test_editor_escapes_markup_in_source_and_target(client, users, web_project):
    signed_in(client, users.translator)
    assert save(client, web_project, 2, HUMAN_JA[2]).status_code == 302
    html = client.get("/articles/demo/ja").get_data(as_text=True)
    assert "<script>alert" not in html
    assert "They signed &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; a memorandum." in html
    assert "両者は&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;覚書に署名した。" in html


def test_arabic_is_laid_out_right_to_left(client, users):
    signed_in(client, users.reviewer)
    html = client.get("/articles/demo/ar").get_data(as_text=True)
    assert re.search(r'<textarea[^>]*lang="ar" dir="rtl"[^>]*aria-label="Segment 1 \(Arabic\)"', html)
    assert ">Approve</button>" in html


def test_editor_outside_the_granted_languages_only_suggests(client, users, web_project):
    signed_in(client, users.translator_de)
    html = client.get("/articles/demo/ja").get_data(as_text=True)
    assert ">Save</button>" not in html and 'id="suggestions"' not in html and ">Approve</button>" not in html
    assert ">Suggest</button>" in html and "readonly" not in html
    assert save(client, web_project, 1, "提案です。").status_code == 302
    assert unit(web_project, 1).target == MACHINE_JA[1]             # the catalog stays as it was
    assert [p.target for p in list_proposals(web_project, "demo", "ja")] == ["提案です。"]


def test_editor_filters_by_state_checks_and_text(client, users, web_project):
    signed_in(client, users.translator)

    def numbers(query: str) -> list[str]:
        html = client.get(f"/articles/demo/ja?{query}").get_data(as_text=True)
        return re.findall(r'data-number="(\d+)"', html)

    assert numbers("state=machine") == ["1", "2"]
    assert numbers("state=untranslated") == ["3", "4"]
    assert numbers("state=machine&state=untranslated") == ["1", "2", "3", "4"]
    assert numbers("q=seoul") == ["2"]                      # in the source, any case
    assert numbers("q=ソウル") == ["2"]                      # in the translation
    assert numbers("state=approved") == []
    save(client, web_project, 2, "両者は覚書に署名した。")   # the markup of the source is missing
    failing = {f.unit_key for f in check_catalog(web_project, "demo", "ja")}
    expected = [str(n) for n, key in enumerate(unit_keys(web_project), start=1) if key in failing]
    assert "3" in expected and numbers("state=failing") == expected
    assert numbers("state=failing&state=approved") == expected
    assert client.get("/articles/demo/ja?state=done").status_code == 400


def test_editor_shows_check_warnings_beside_the_segment(client, users, web_project):
    signed_in(client, users.translator)
    save(client, web_project, 2, "両者は覚書に署名した。")
    html = client.get("/articles/demo/ja").get_data(as_text=True)
    segment = html[html.index('id="seg-3"'):html.index('id="seg-4"')]
    assert re.search(r'<li class="severity-(error|warning)">[^<]+</li>', segment)


def _glossary(project, text: str, lang: str = "ja") -> None:
    folder = project.root / "glossary"
    folder.mkdir(exist_ok=True)
    (folder / f"{lang}.csv").write_text(text, encoding="utf-8")


def test_editor_shows_the_glossary_terms_of_each_segment(client, users, web_project):
    _glossary(web_project, 'source,target,do_not_translate,note\nmemorandum,覚書|<b>MoU</b>,,"signed, not drafted"\n'
                           'Seoul,,yes,\n')
    signed_in(client, users.translator)
    html = client.get("/articles/demo/ja").get_data(as_text=True)
    segment = html[html.index('id="seg-3"'):html.index('id="seg-4"')]
    assert 'aria-label="Glossary terms in segment 3"' in segment
    assert re.search(r'<button type="button" class="term-insert secondary" lang="ja" dir="ltr"\s+'
                     r'data-text="覚書" aria-label="Insert “覚書” into segment 3">覚書</button>', segment)
    assert "&lt;b&gt;MoU&lt;/b&gt;" in segment and "<b>MoU" not in segment      # glossary text is escaped
    assert "signed, not drafted" in segment
    second = html[html.index('id="seg-2"'):html.index('id="seg-3"')]
    assert ">Seoul</span>" in second and "keep as written" in second
    first = html[html.index('id="seg-1"'):html.index('id="seg-2"')]
    assert "Glossary terms" not in first


def test_glossary_terms_cannot_be_inserted_where_the_account_may_not_edit(client, users, web_project):
    _glossary(web_project, "source,target\nmemorandum,覚書\n")
    signed_in(client, users.translator_de)
    html = client.get("/articles/demo/ja").get_data(as_text=True)
    assert '<span class="term-target" lang="ja" dir="ltr">覚書</span>' in html and "term-insert" not in html


@pytest.mark.parametrize("path", ["/articles/demo/xx", "/articles/Bad..Id/ja", "/articles/nothere/ja",
                                  "/articles/demo/ko"])
def test_editor_refuses_unknown_articles_and_languages(client, users, path):
    signed_in(client, users.admin)
    assert client.get(path).status_code in (400, 404)


# -- saving ----------------------------------------------------------------------------------------
def test_saving_through_the_form_writes_the_po_file(client, users, web_project):
    signed_in(client, users.translator)
    response = save(client, web_project, 1, HUMAN_JA[1], next="/articles/demo/ja?state=machine")
    assert response.status_code == 302
    assert response.headers["Location"] == "/articles/demo/ja?state=machine#seg-2"
    saved = unit(web_project, 1)
    assert (saved.target, saved.state) == (HUMAN_JA[1], SegmentState.TRANSLATED)
    assert "Segment 2 saved." in client.get("/articles/demo/ja").get_data(as_text=True)


def test_saving_never_redirects_to_another_site(client, users, web_project):
    signed_in(client, users.translator)
    response = save(client, web_project, 1, HUMAN_JA[1], next="https://evil.example/")
    assert response.headers["Location"] == "/articles/demo/ja#seg-2"


def test_saving_from_the_script_answers_json(client, users, web_project):
    signed_in(client, users.translator)
    response = save(client, web_project, 0, HUMAN_JA[0], headers=JSON)
    body = response.get_json()
    assert response.status_code == 200
    assert body["segment"]["state"] == "translated" and body["segment"]["state_label"] == "translated"
    assert body["segment"]["revision"] == unit(web_project, 0).revision
    assert body["publication"] == {"value": "draft", "label": "draft", "badge": "draft"}
    assert body["progress"] == "1 of 4 translated, 0 approved"


def test_needs_editing_and_emptying_a_segment(client, users, web_project):
    signed_in(client, users.translator)
    save(client, web_project, 3, "握手", needs_editing="1")
    assert unit(web_project, 3).state is SegmentState.NEEDS_EDITING
    save(client, web_project, 3, "")
    assert unit(web_project, 3).state is SegmentState.UNTRANSLATED and unit(web_project, 3).target == ""


def test_a_stale_revision_is_a_conflict_never_an_overwrite(client, users, web_project):
    signed_in(client, users.translator)
    old = unit(web_project, 1).revision
    save(client, web_project, 1, "最初の版。")
    response = save(client, web_project, 1, "二番目の版。", revision=old, headers=JSON)
    assert response.status_code == 409
    assert response.get_json()["current"]["target"] == "最初の版。"
    form = save(client, web_project, 1, "三番目の版。", revision=old)
    assert form.status_code == 302 and form.headers["Location"].endswith("#seg-2")
    assert unit(web_project, 1).target == "最初の版。"
    assert "Your text was: 三番目の版。" in client.get("/articles/demo/ja").get_data(as_text=True)


def test_permissions_of_saving_and_approving(client, users, web_project):
    signed_in(client, users.translator)
    assert save(client, web_project, 0, "テスト", action="approve").status_code == 403
    assert save(client, web_project, 0, "اختبار", lang="ar").status_code == 302     # kept as a suggestion
    assert unit(web_project, 0, lang="ar").target == ""
    assert [p.target for p in list_proposals(web_project, "demo", "ar")] == ["اختبار"]
    assert save(client, web_project, 0, "x", action="publish").status_code == 400
    assert unit(web_project, 0).state is SegmentState.MACHINE
    client.post("/logout", data={"csrf_token": page_token(client)})
    signed_in(client, users.reviewer)
    assert save(client, web_project, 0, HUMAN_JA[0], action="approve").status_code == 302
    assert unit(web_project, 0).state is SegmentState.APPROVED
    assert save(client, web_project, 0, "مرحبا", lang="ar").status_code == 302


def test_a_page_view_checks_once_and_a_save_reads_the_catalog_once(client, users, web_project, monkeypatch):
    from tms.services import checking
    from tms.storage import catalogcache

    reads, checked, parsed = [], [], []
    real_check, real_read, real_parse = checking.findings_for, catalogcache.read_po_text, catalogcache.parse_catalog
    # every service reads catalogs through tms.storage.catalogs, which reads files here
    monkeypatch.setattr(catalogcache, "read_po_text", lambda path: reads.append(path) or real_read(path))
    real_decode = catalogcache.decode_entry
    monkeypatch.setattr(catalogcache, "parse_catalog", lambda text, name: parsed.append(name) or real_parse(text, name))
    monkeypatch.setattr(catalogcache, "decode_entry", lambda entry, name: parsed.append(name) or real_decode(entry, name))
    monkeypatch.setattr(checking, "findings_for", lambda unit, *a: checked.append(unit.key) or real_check(unit, *a))
    signed_in(client, users.approver)
    page = client.get("/articles/demo/ja").get_data(as_text=True)
    assert "segments are not approved" in page                  # the certification reasons are shown
    keys = unit_keys(web_project)
    assert sorted(checked) == sorted(keys)                      # every unit checked once, not once more for them
    parsed.clear()
    assert client.get("/articles/demo/ja").status_code == 200 and parsed == []    # shown again: nothing parsed
    token = page_token(client)          # the dashboard, which reads catalogs to count their check errors
    reads.clear(), checked.clear()
    body = save(client, web_project, 2, "両者は覚書に署名した", headers=JSON, token=token).get_json()
    assert body["segment"]["target"] == "両者は覚書に署名した" and body["progress"] == "1 of 4 translated, 0 approved"
    assert reads == [web_project.po_path("demo", "ja")]        # read once, under the lock, to save
    assert checked == [keys[2]]                                 # only the saved segment is checked again


def test_certification_by_an_approver_only(client, users, web_project):
    signed_in(client, users.reviewer)
    for index, text in enumerate(HUMAN_JA):
        save(client, web_project, index, text, action="approve")
    token = page_token(client)
    assert client.post("/articles/demo/ja/certify", data={"csrf_token": token}).status_code == 403
    client.post("/logout", data={"csrf_token": token})
    signed_in(client, users.approver)
    html = client.get("/articles/demo/ja").get_data(as_text=True)
    assert "Every segment is approved and checked." in html
    response = client.post("/articles/demo/ja/certify", data={"csrf_token": page_token(client)})
    assert response.status_code == 302
    html = client.get("/articles/demo/ja").get_data(as_text=True)
    assert 'class="badge badge-official">official<' in html and "This translation is official." in html
    assert 'data-lang="ja" data-status="official"' in client.get("/").get_data(as_text=True)


def test_certification_is_refused_with_reasons(client, users, web_project):
    signed_in(client, users.approver)
    html = client.get("/articles/demo/ja").get_data(as_text=True)
    assert "segments are not approved" in html and re.search(r"Certify as official</button>", html)
    assert re.search(r'<button type="submit" class="approve" disabled>Certify as official', html)
    response = client.post("/articles/demo/ja/certify", data={"csrf_token": page_token(client)}, headers=JSON)
    assert response.status_code == 409 and "not approved" in response.get_json()["error"]


# -- history, revert, comments ---------------------------------------------------------------------
def test_history_and_revert(client, users, web_project):
    signed_in(client, users.translator)
    key = unit_keys(web_project)[1]
    save(client, web_project, 1, HUMAN_JA[1])
    fragment = client.get(f"/articles/demo/ja/segments/{key}/history", headers=FRAGMENT).get_data(as_text=True)
    assert "<html" not in fragment and "tina" in fragment and "machine → translated" in fragment
    change_id = re.search(r"/history/(\d+)/revert", fragment).group(1)
    page = client.get(f"/articles/demo/ja/segments/{key}/history").get_data(as_text=True)
    assert "<html" in page and "Back to the editor" in page
    response = client.post(f"/articles/demo/ja/segments/{key}/history/{change_id}/revert",
                           data={"csrf_token": page_token(client), "revision": unit(web_project, 1).revision},
                           headers=JSON)
    assert response.status_code == 200 and response.get_json()["segment"]["state"] == "machine"
    assert unit(web_project, 1).target == "閣僚たちは月曜日にソウルで会談した。"
    other = unit_keys(web_project)[0]
    response = client.post(f"/articles/demo/ja/segments/{other}/history/{change_id}/revert",
                           data={"csrf_token": page_token(client)})
    assert response.status_code == 404           # the change belongs to another segment


def test_comments_are_escaped_and_counted(client, users, web_project):
    signed_in(client, users.translator)
    key = unit_keys(web_project)[0]
    url = f"/articles/demo/ja/segments/{key}/comments"
    response = client.post(url, data={"csrf_token": page_token(client), "text": "Check <script>x()</script>"},
                           headers=JSON)
    assert response.status_code == 201 and response.get_json()["count"] == 1
    fragment = client.get(url, headers=FRAGMENT).get_data(as_text=True)
    assert "Check &lt;script&gt;x()&lt;/script&gt;" in fragment and "<script>" not in fragment
    assert 'Comments (<span class="count">1</span>)' in client.get("/articles/demo/ja").get_data(as_text=True)
    assert client.post(url, data={"csrf_token": page_token(client), "text": "  "}).status_code == 400
    client.post("/logout", data={"csrf_token": page_token(client)})
    signed_in(client, users.translator_de)
    assert client.post(url, data={"csrf_token": page_token(client), "text": "hallo"}).status_code == 403


# -- suggestions -----------------------------------------------------------------------------------
def test_memory_suggestions_with_scores(client, users, web_project):
    from tests.web.factory import build_article

    build_article(web_project, "other", langs=("ja",), machine=False)
    signed_in(client, users.translator)
    key = unit_keys(web_project, "other")[1]
    other = load_catalog(web_project.po_path("other", "ja")).active_units()[1]
    client.post(f"/articles/other/ja/segments/{key}",
                data={"csrf_token": page_token(client), "target": HUMAN_JA[1], "revision": other.revision})
    demo_key = unit_keys(web_project)[1]
    body = client.get(f"/articles/demo/ja/segments/{demo_key}/suggestions", headers=JSON).get_json()
    assert body["memory"][0]["text"] == HUMAN_JA[1] and body["memory"][0]["score"] == pytest.approx(100)
    assert "translation memory" in body["memory"][0]["origin"] and body["machine"] is None


def test_machine_suggestion_on_request(client, users, web_project):
    key = unit_keys(web_project)[2]
    signed_in(client, users.translator)
    body = client.get(f"/articles/demo/ja/segments/{key}/suggestions?mt=1", headers=JSON).get_json()
    assert body["machine"] is None and "no machine-translation engine is configured" in body["error"]
    web_project.config_path.write_text('[prefill]\nengine = "pseudo"\n', encoding="utf-8")
    body = client.get(f"/articles/demo/ja/segments/{key}/suggestions?mt=1", headers=JSON).get_json()
    assert body["error"] is None and body["machine"]["text"] and "pseudo" in body["machine"]["origin"]


def test_suggestions_only_for_those_who_may_edit(client, users, web_project):
    signed_in(client, users.translator_de)
    key = unit_keys(web_project)[0]
    assert client.get(f"/articles/demo/ja/segments/{key}/suggestions", headers=JSON).status_code == 403


# -- jobs and preview ------------------------------------------------------------------------------
def test_prefill_job_from_the_editor(client, users, web_project):
    signed_in(client, users.translator)
    response = client.post("/jobs/prefill", data={"csrf_token": page_token(client), "article": "demo",
                                                  "lang": "ja", "next": "/articles/demo/ja"})
    assert response.status_code == 302 and response.headers["Location"] == "/articles/demo/ja"
    html = client.get("/articles/demo/ja").get_data(as_text=True)
    job_url = re.search(r'class="job job-\w+" data-url="(/jobs/[^"]+)"', html).group(1)
    assert "<progress" in html
    body = client.get(job_url).get_json()
    assert body["state"] in ("queued", "running", "done") and body["article_id"] == "demo"
    assert body["user"] == users.translator.name and body["langs"] == ["ja"]
    assert client.get("/jobs/not-a-job!").status_code == 404
    assert client.get("/jobs/12345").status_code == 404
    listed = client.get("/jobs/").get_data(as_text=True)
    assert f"#{body['id']}" in listed and "Prefill demo · ja" in listed and users.translator.name in listed
    refused = client.post("/jobs/prefill", data={"csrf_token": page_token(client), "article": "demo", "lang": "de"})
    assert refused.status_code == 403


def test_a_stalled_job_is_shown_as_stalled(client, users, web_project):
    from datetime import timedelta

    from sqlalchemy import update

    from tms.services.jobs import STALLED_AFTER, enqueue_prefill
    from tms.storage.database import Job, get_database, utcnow

    job_id = enqueue_prefill(web_project, ["demo"], ["ja"], "pseudo", user=users.translator.name)
    with get_database(web_project).transaction() as connection:
        connection.execute(update(Job).where(Job.id == int(job_id)).values(
            status="running", updated=utcnow() - STALLED_AFTER - timedelta(minutes=1)))
    signed_in(client, users.translator)
    for page in ("/jobs/", "/articles/demo/ja"):
        html = client.get(page).get_data(as_text=True)
        assert ">stalled<" in html and "the worker may have stopped" in html, page
    assert client.get(f"/jobs/{job_id}").get_json()["is_stalled"] is True


def test_preview_shows_the_rendered_article_with_notice_and_switcher(client, users, web_project):
    from tms.model import Article, ArticleMeta, Block
    from tms.storage.originals import save_article
    from tests.web.factory import SOURCES

    article = Article("demo", "en", ArticleMeta(title=SOURCES[0][1]), [Block(r, t) for r, t in SOURCES])
    save_article(web_project.original_path("demo"), article)
    signed_in(client, users.translator)
    for index, text in enumerate(HUMAN_JA):
        save(client, web_project, index, text)
    html = client.get("/preview/demo/ja").get_data(as_text=True)
    assert '<html lang="ja" dir="ltr">' in html and "非公式翻訳" in html
    assert 'href="/preview/demo/en"' in html and 'href="/preview/demo/ja"' in html
    assert "&lt;script&gt;" in html and "<script>alert" not in html
    assert 'href="/articles/demo/ja">Back to the editor' in html
    arabic = client.get("/preview/demo/ar").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in arabic and "4 segments not yet translated" in arabic
    assert client.get("/preview/nothere/ja").status_code == 404


def test_preview_serves_the_images_a_word_release_carries(client, users, web_project, tmp_path):
    from tests.segmentation.test_office import build_docx, tiny_png
    from tms.services.importing import import_files

    source = tmp_path / "release.docx"
    source.write_bytes(build_docx())
    (result,) = import_files(web_project, [source], lang="en")
    signed_in(client, users.translator)
    response = client.get(f"/preview/{result.article_id}/ja")
    html = response.get_data(as_text=True)
    src = re.search(r'<img[^>]* src="([^"]+)"', html).group(1)
    assert src.startswith(f"{result.article_id}.files/")
    # The page's relative address resolves next to it, where the preview serves the stored file.
    image = client.get(f"/preview/{result.article_id}/{src}")
    assert image.status_code == 200 and image.get_data() == tiny_png()
    policy = response.headers["Content-Security-Policy"]
    assert "img-src 'self' data: https:" in policy and "script-src 'self'" in policy
    for bad in (f"/preview/{result.article_id}/demo.files/{src.rsplit('/', 1)[1]}",
                f"/preview/{result.article_id}/{result.article_id}.files/missing.png",
                f"/preview/{result.article_id}/{result.article_id}.files/..%2F{result.article_id}.md",
                f"/preview/nothere/nothere.files/x.png"):
        assert client.get(bad).status_code == 404, bad
    client.post("/logout", data={"csrf_token": page_token(client)})
    assert client.get(f"/preview/{result.article_id}/{src}").status_code == 302


def test_a_broken_glossary_file_leaves_the_pages_working_and_names_file_and_line(client, users, web_project):
    folder = web_project.root / "glossary"
    folder.mkdir()
    (folder / "ja.csv").write_text("source,target\nministers,閣僚\n,空\n", encoding="utf-8")
    (folder / "all.csv").write_text("source\nSeoul\n", encoding="utf-8")
    signed_in(client, users.translator)
    response = client.get("/articles/demo/ja")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "glossary/ja.csv:3: the source term is empty" in html
    assert "Seoul" in html and 'class="terms"' in html          # the readable file still gives its terms
    key = unit_keys(web_project)[1]
    assert client.get(f"/api/articles/demo/ja/segments/{key}/terms", headers=JSON).status_code == 200
    assert client.get("/").status_code == 200



def test_dates_are_shown_in_the_readers_language_and_time_zone(client, users, web_project):
    from tms.services.notifications import set_preferences

    signed_in(client, users.translator)
    key = unit_keys(web_project)[1]
    assert save(client, web_project, 1, "一").status_code == 302
    html = client.get(f"/articles/demo/ja/segments/{key}/history").get_data(as_text=True)
    assert "GMT+09:00" in html and " UTC" not in html                   # Asia/Seoul by default
    html = client.get(f"/articles/demo/ja/segments/{key}/history", headers={"Accept-Language": "ko"}
                      ).get_data(as_text=True)
    assert re.search(r"\d{4}\. \d{1,2}\. \d{1,2}\.", html)               # Korean date form
    set_preferences(web_project, users.translator.name, time_zone="Europe/Paris")
    html = client.get(f"/articles/demo/ja/segments/{key}/history").get_data(as_text=True)
    assert "GMT+01:00" in html or "GMT+02:00" in html


def test_bulk_work_previews_then_changes_only_what_was_ticked(client, users, web_project):
    signed_in(client, users.translator)
    for index, text in enumerate(HUMAN_JA):
        assert save(client, web_project, index, text).status_code == 302
    html = client.get("/articles/demo/ja/bulk?find=両&replace=二人の").get_data(as_text=True)
    assert "Approve every translated segment" not in html          # translators do not approve
    assert "3 segments would change" in html and "<ins>二人の</ins>" in html
    keys = unit_keys(web_project)
    ticked = [f"{keys[1]}:{unit(web_project, 1).revision}"]
    answer = client.post("/articles/demo/ja/bulk/replace", data={
        "csrf_token": page_token(client), "find": "両", "replace": "二人の", "segment": ticked})
    assert answer.status_code == 302
    assert [unit(web_project, i).target.startswith("二人の") for i in (1, 2, 3)] == [True, False, False]
    client.post("/logout", data={"csrf_token": page_token(client)})
    signed_in(client, users.reviewer)
    html = client.get("/articles/demo/ja/bulk").get_data(as_text=True)
    assert "4 segments would be approved" in html
    ticked = [f"{keys[i]}:{unit(web_project, i).revision}" for i in (0, 1)]
    client.post("/articles/demo/ja/bulk/approve", data={"csrf_token": page_token(client), "segment": ticked})
    assert [unit(web_project, i).state for i in range(4)] == [SegmentState.APPROVED] * 2 + [SegmentState.TRANSLATED] * 2


def test_my_work_lists_what_waits_for_the_person(client, users, web_project):
    from tms.services import review
    from tms.services.users import get_user

    signed_in(client, users.translator)
    html = client.get("/my-work").get_data(as_text=True)
    assert "1 catalog in your languages" in html and "To review" not in html
    assert re.search(r'state=untranslated&amp;state=machine&amp;state=needs-editing">4<', html)
    first = review.get_segments(web_project, "demo", "ja").segments[0]
    review.save_segment(web_project, get_user(web_project, users.translator.name), "demo", "ja", first.key,
                        HUMAN_JA[0], None, first.revision)
    client.post("/logout", data={"csrf_token": page_token(client)})
    signed_in(client, users.reviewer)                   # Japanese and Arabic
    html = client.get("/my-work").get_data(as_text=True)
    assert "2 catalogs in your languages" in html and "Arabic" in html and "German" not in html
    assert re.search(r'state=translated">1<', html)
    # the text the pseudo engine left in segment 2 is an error-level finding
    assert re.search(r'demo/ja\?state=errors">1<', html)


def test_memory_matches_come_with_their_source_compared_to_this_one(client, users, web_project):
    from tests.web.factory import build_article
    from tms.services import review
    from tms.services.users import get_user

    build_article(web_project, "earlier", langs=("ja",), machine=False)
    earlier = review.get_segments(web_project, "earlier", "ja").segments[1]
    review.save_segment(web_project, get_user(web_project, users.translator.name), "earlier", "ja", earlier.key,
                        HUMAN_JA[1], None, earlier.revision)
    signed_in(client, users.translator)
    key = unit_keys(web_project)[1]
    found = client.get(f"/articles/demo/ja/segments/{key}/suggestions", headers=JSON).get_json()["memory"]
    assert found and found[0]["text"] == HUMAN_JA[1]
    assert found[0]["source"] == "The ministers met in Seoul on Monday."
    assert found[0]["source_diff"] == "The ministers met in Seoul on Monday."     # the same source: nothing marked


def test_reverting_in_an_official_catalog_needs_the_confirmation(client, users, web_project):
    from tms.services import certification, review
    from tms.services.users import get_user

    reviewer = get_user(web_project, users.reviewer.name)
    for segment, text in zip(review.get_segments(web_project, "demo", "ja").segments, HUMAN_JA):
        review.save_segment(web_project, reviewer, "demo", "ja", segment.key, text, "approved", segment.revision)
    certification.certify(web_project, get_user(web_project, users.approver.name), "demo", "ja")
    key = unit_keys(web_project)[0]
    change = review.history(web_project, "demo", "ja", key)[0]
    signed_in(client, users.reviewer)
    url = f"/articles/demo/ja/segments/{key}/history/{change.id}/revert"
    refused = client.post(url, data={"csrf_token": page_token(client)}, headers=JSON)
    assert refused.status_code == 409 and refused.get_json()["confirm"] == "withdraw_official"
    done = client.post(url, data={"csrf_token": page_token(client), "withdraw_official": "1",
                                  "reason": "the approval was a mistake"}, headers=JSON)
    assert done.status_code == 200 and done.get_json()["publication"]["value"] == "draft"   # machine output again
    assert review.history(web_project, "demo", "ja")[0].note == "the approval was a mistake"


def test_notification_choices_on_the_account_page_and_the_list(client, users, web_project):
    from tms.services.notifications import get_preferences, notify

    signed_in(client, users.translator)
    html = client.get("/account").get_data(as_text=True)
    assert "A comment mentions me (@name): by e-mail" in html and 'id="pref-zone"' in html
    assert "Someone suggests a translation in a language I review: in the app" in html
    assert "My suggestion is accepted or rejected: by e-mail" in html
    answer = client.post("/account/notifications", data={
        "csrf_token": page_token(client), "email": "tina@news.example", "time_zone": "Europe/Berlin",
        "event-mention": ["app", "email"], "event-new-article": []})
    assert answer.status_code == 302
    chosen = get_preferences(web_project, users.translator.name)
    assert (chosen.email, chosen.time_zone) == ("tina@news.example", "Europe/Berlin")
    assert chosen.channels("mention") == ("app", "email") and chosen.channels("new-article") == ()
    bad = client.post("/account/notifications", data={"csrf_token": page_token(client), "email": "nope",
                                                      "time_zone": "Asia/Seoul"})
    assert bad.status_code == 400
    notify(web_project, "mention", [users.translator.name], "rita mentioned you", link="/articles/demo/ja")
    assert client.get("/notifications/count").get_json() == {"unread": 1}
    html = client.get("/notifications").get_data(as_text=True)
    assert 'href="/articles/demo/ja">rita mentioned you</a>' in html and 'id="unread-count" class="count-badge">1<' in html
    client.post("/notifications/read", data={"csrf_token": page_token(client)})
    assert client.get("/notifications/count").get_json() == {"unread": 0}


def test_a_pivoted_machine_suggestion_says_which_language_it_went_through(client, users, web_project):
    from tests.memory.helpers import write_article
    from tests.mt.apy_server import require_apertium
    from tms.model import unit_key

    require_apertium()
    source = "The government will announce new measures."
    write_article(web_project, "fr-article", [source], langs=("fr",))
    web_project.config_path.write_text('[prefill]\nengine = ["memory", "apertium"]\n', encoding="utf-8")
    signed_in(client, users.admin)
    body = client.get(f"/articles/fr-article/fr/segments/{unit_key(source)}/suggestions?mt=1", headers=JSON).get_json()
    assert body["error"] is None and body["machine"]["pivot"] == "es"
    assert body["machine"]["origin"] == "machine translation (apertium through Spanish)"
