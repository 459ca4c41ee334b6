"""The progress chart's geometry."""
from __future__ import annotations

from datetime import date, timedelta

from tms.services.progress import DayProgress
from tms.web.charts import HEIGHT, progress_chart


def test_chart_lines_bars_and_summary():
    start = date(2026, 11, 1)
    history = [DayProgress(start + timedelta(days=i), changes=i % 3, translated=i, approved=i // 2, certified=0)
               for i in range(10)]
    chart = progress_chart(history)
    points = [tuple(map(float, p.split(","))) for p in chart.translated.split()]
    assert len(points) == 10 and points == sorted(points)             # left to right
    assert points[0][1] > points[-1][1]                               # rising line: y shrinks upwards
    assert all(0 <= y <= HEIGHT for _, y in points)
    assert len(chart.bars) == sum(1 for d in history if d.changes)
    assert chart.y_ticks[-1][1] >= 9 and chart.x_ticks[0][1] == "Nov 01"
    assert "9 segments translated and 4 approved" in chart.summary and not chart.is_empty


def test_an_empty_history_draws_nothing():
    chart = progress_chart([DayProgress(date(2026, 11, 1), 0, 0, 0, 0)])
    assert chart.is_empty and chart.summary == ""
    assert progress_chart([]).is_empty
