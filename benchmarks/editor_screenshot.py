"""Takes docs/editor.png: the editor on the Korea.net seed article in Japanese, in Debian's chromium.

    .venv/bin/python benchmarks/editor_screenshot.py [--out docs/editor.png]

Imports the seed article into a throwaway project, translates its first segments by hand (two approved,
one translated, one needing edits), prefills the rest with the offline ``pseudo`` engine so machine
output shows, adds a small glossary, serves the application on 127.0.0.1 and photographs the editor as
an approver sees it.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from werkzeug.serving import make_server  # noqa: E402

from tms.model import SegmentState  # noqa: E402
from tms.services import review  # noqa: E402
from tms.services.importing import import_files  # noqa: E402
from tms.services.prefill import prefill  # noqa: E402
from tms.services.users import create_user  # noqa: E402
from tms.storage.layout import Project  # noqa: E402

PASSWORD = "screenshot password"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
#: Japanese translations of the first four segments, and the state each is saved in.
JAPANESE = [
    ("韓国と国際社会は、ISISとして知られる過激派組織を根絶するという共通の意志を再確認した。", SegmentState.APPROVED),
    ("尹炳世（ユン・ビョンセ）外交部長官は3月22日、ワシントンD.C.で開かれたISIS打倒有志連合の外相会合で、"
     "ISISによるテロ攻撃という「世界平和への重大な脅威」を退ける国際社会の取り組みに韓国政府も加わると強調した。",
     SegmentState.APPROVED),
    ("レックス・ティラーソン米国務長官が主宰した会合には、計65か国の外相と高官が集まり、ISISの恒久的な打倒に向けた"
     "作戦を点検し、加速させた。", SegmentState.TRANSLATED),
    ("参加国は、イラクの治安とシリアの政治移行を進める必要性を強調する共同声明を採択した", SegmentState.NEEDS_EDITING),
]


#: A small project glossary, so that the picture shows the terms beside the segments.
GLOSSARY = {
    "all.csv": "source,do_not_translate,note\nISIS,yes,the group's name stays as written\n",
    "ja.csv": "source,target\nGlobal Coalition to Counter ISIS,ISIS打倒有志連合\nMinister of Foreign Affairs,外交部長官|外相\n",
}


def build(project: Project) -> None:
    (project.root / "glossary").mkdir()
    for name, text in GLOSSARY.items():
        (project.root / "glossary" / name).write_text(text, encoding="utf-8")
    import_files(project, [ROOT / "tests" / "data" / "seeds" / "korea-net-article.txt"], lang="en",
                 article_id="korea-net")
    account = create_user(project, "alex", "approver", PASSWORD, "ja")
    for segment, (text, state) in zip(review.get_segments(project, "korea-net", "ja").segments, JAPANESE):
        review.save_segment(project, account, "korea-net", "ja", segment.key, text, state, segment.revision)
    prefill(project, ["korea-net"], ["ja"], "pseudo")


def photograph(project: Project, out: Path) -> None:
    import logging

    from playwright.sync_api import sync_playwright

    from tms.web import create_app

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app = create_app({"SECRET_KEY": "screenshot"}, project_root=project.root)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 1100}, device_scale_factor=1)
            page.goto(f"{base}/login")
            page.get_by_label("Username").fill("alex")
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url(f"{base}/")
            page.goto(f"{base}/articles/korea-net/ja")
            page.get_by_label(re.compile(r"^Segment 3 \(Japanese\)$")).focus()
            page.locator("#suggestions .suggestions-note").wait_for()
            page.evaluate("window.scrollTo(0, 0)")
            page.wait_for_timeout(500)
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out))
            browser.close()
    finally:
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "editor.png")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        project = Project(folder)
        build(project)
        photograph(project, args.out)
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
