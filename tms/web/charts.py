"""The dashboard's progress-over-time chart as inline SVG geometry: no chart library, no script."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tms.services.progress import DayProgress

WIDTH, HEIGHT = 720, 200
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 28


@dataclass
class Chart:
    """Everything the template needs to draw the chart."""

    width: int
    height: int
    translated: str                  # polyline points
    approved: str
    bars: list[tuple[float, float, float, float, str]] = field(default_factory=list)   # x, y, w, h, title
    y_ticks: list[tuple[float, int]] = field(default_factory=list)
    x_ticks: list[tuple[float, str]] = field(default_factory=list)
    summary: str = ""
    is_empty: bool = True


def _nice_max(value: int) -> int:
    if value <= 5:
        return 5
    magnitude = 10 ** (len(str(value)) - 1)
    for step in (1, 2, 2.5, 5, 10):
        top = int(step * magnitude)
        if top >= value:
            return top
    return value


def progress_chart(history: Sequence[DayProgress]) -> Chart:
    """Lines of the running totals (translated, approved) over bars of the day's changes."""
    chart = Chart(WIDTH, HEIGHT, "", "")
    if not history:
        return chart
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top = _nice_max(max(max(d.translated, d.approved, d.changes) for d in history))
    step = plot_w / max(len(history) - 1, 1)

    def x(index: int) -> float:
        return round(LEFT + index * step, 1)

    def y(value: int) -> float:
        return round(TOP + plot_h - plot_h * max(value, 0) / top, 1)

    chart.translated = " ".join(f"{x(i)},{y(d.translated)}" for i, d in enumerate(history))
    chart.approved = " ".join(f"{x(i)},{y(d.approved)}" for i, d in enumerate(history))
    bar_w = max(min(step * 0.6, 14), 2)
    for i, d in enumerate(history):
        if d.changes:
            chart.bars.append((round(x(i) - bar_w / 2, 1), y(d.changes), round(bar_w, 1),
                               round(TOP + plot_h - y(d.changes), 1),
                               f"{d.day.isoformat()}: {d.changes} changes, {d.translated} translated, "
                               f"{d.approved} approved"))
    chart.y_ticks = [(y(top * k // 4), top * k // 4) for k in range(5)]
    every = max(len(history) // 6, 1)
    chart.x_ticks = [(x(i), d.day.strftime("%b %d")) for i, d in enumerate(history) if i % every == 0]
    last = history[-1]
    chart.summary = (f"From {history[0].day.isoformat()} to {last.day.isoformat()}: "
                     f"{sum(d.changes for d in history)} changes; {last.translated} segments translated and "
                     f"{last.approved} approved through the editor so far.")
    chart.is_empty = not any(d.changes for d in history) and not last.translated and not last.approved
    if chart.is_empty:
        chart.summary = ""
    return chart
