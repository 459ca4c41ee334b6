"""Status reports: the JSON document's totals, an empty report, and CSV rows with the documented fields."""
from __future__ import annotations

import pytest

from tests.services.test_stats import translate
from tms.model import SegmentState
from tms.services.reports import CSV_FIELDS, csv_rows, status_report, translated_coverage
from tms.services.stats import collect_stats


def test_status_report_totals(seeded_project):
    translate(seeded_project, "mofa", "ja", 18, SegmentState.APPROVED)
    translate(seeded_project, "mofa", "de", 9)
    translate(seeded_project, "korea-net", "de", 5, SegmentState.MACHINE)
    stats = collect_stats(seeded_project)
    report = status_report(stats)
    assert report["format"] == "tms-status" and report["version"] == 1
    assert len(report["catalogs"]) == 20
    ja = report["languages"]["ja"]
    assert ja["catalogs"] == 2 and ja["unofficial"] == 1 and ja["draft"] == 1
    assert ja["segments"]["approved"] == 18 and ja["segments"]["total"] == 37
    assert ja["approved_percent"] == pytest.approx(100 * 18 / 37, abs=0.01)
    mofa = report["articles"]["mofa"]
    assert mofa["source_language"] == "en" and mofa["segments"]["total"] == 180
    assert mofa["translated_percent"] == pytest.approx(100 * 27 / 180, abs=0.01)
    de_korea = next(c for c in report["catalogs"] if c["article"] == "korea-net" and c["language"] == "de")
    assert de_korea["segments"]["machine"] == 5 and de_korea["unmodified_machine_percent"] == 100.0
    assert de_korea["publication"] == "draft" and de_korea["publication_label"] == "draft"
    assert report["languages"]["de"]["machine_output_words"] == de_korea["machine_output_words"] > 0
    assert report["total"]["segments"]["total"] == 370
    assert report["coverage"] == pytest.approx(100 * 27 / 370, abs=0.01)
    assert translated_coverage(stats) == pytest.approx(100 * 27 / 370)
    words = report["total"]["words"]
    assert words["total"] == sum(v for k, v in words.items() if k != "total")


def test_empty_report():
    report = status_report([])
    assert report["catalogs"] == [] and report["languages"] == {} and report["coverage"] == 100.0
    assert report["total"]["segments"]["total"] == 0


def test_csv_rows_have_the_documented_fields(seeded_project):
    translate(seeded_project, "mofa", "ja", 4)
    rows = list(csv_rows(collect_stats(seeded_project, ids=["mofa"], langs=["ja"])))
    assert len(rows) == 1 and list(rows[0]) == CSV_FIELDS
    assert rows[0]["translated_segments"] == 4 and rows[0]["total_segments"] == 18
    assert rows[0]["publication"] == "draft"
