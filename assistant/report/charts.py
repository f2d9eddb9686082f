"""Charts as inline SVG, drawn by matplotlib, for a page that needs nothing from outside.

Matplotlib's object API (no pyplot, no GUI backend) draws each chart and its SVG writer
renders it; text is drawn as outlines of DejaVu Sans (which ships with matplotlib), so a chart
looks the same in every browser and on paper without any font installed or fetched. Large
type, thick marks and dark colours on white are for older eyes and black-and-white printers.
"""

from __future__ import annotations

import html
import io
from datetime import date, timedelta
from typing import Any

from matplotlib import rc_context, ticker
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.typing import RcKeyType

from assistant.conversation.numbers_and_dates import number
from assistant.report.facts import Chart

INK = "#111111"
BAR = "#0b4f9c"
LINE = "#9c3a00"
GRID = "#c8c8c8"
STYLE: dict[RcKeyType, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 16,
    "axes.labelsize": 16,
    "xtick.labelsize": 15,
    "ytick.labelsize": 15,
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.fonttype": "path",
}
SIZE_INCHES = (10, 3.8)
MARGINS = {"left": 0.115, "right": 0.985, "bottom": 0.13, "top": 0.97}
"""Fixed, not fitted to the labels, so the day axes of all charts line up on the page."""


def svg(chart: Chart, start: date, end: date) -> str:
    """The chart as an <svg> element for the page, labelled with its title for screen readers;
    every chart spans the same days, start to end, so charts line up one under another."""
    days = [d.toordinal() for d, _ in chart.points]
    values = [v for _, v in chart.points]
    with rc_context({**STYLE, "svg.hashsalt": chart.key}):  # stable, distinct ids per chart
        figure = Figure(figsize=SIZE_INCHES)
        figure.subplots_adjust(**MARGINS)
        axes = figure.subplots()
        if chart.kind == "bars":
            axes.bar(days, values, width=0.7, color=BAR)
        elif chart.kind == "line":
            axes.plot(days, values, color=LINE, linewidth=3, marker="o", markersize=8)
        else:
            axes.step([*days, end.toordinal()], [*values, values[-1]], where="post", color=BAR,
                      linewidth=3)
            axes.plot(days, values, "o", color=BAR, markersize=8)
        _label_values(axes, days, values, percent=chart.kind == "line")
        _axes(axes, chart, start, end, top=max(values))
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None})
    drawn = out.getvalue()
    label = html.escape(chart.title, quote=True)
    return drawn[drawn.index("<svg"):].replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def _label_values(axes: Axes, days: list[int], values: list[float], percent: bool) -> None:
    """Write the best and the latest value on the chart, so the key numbers need no reading
    off an axis."""
    best = max(range(len(values)), key=lambda i: (values[i], i))
    for i in sorted({best, len(values) - 1}):
        text = f"{number(values[i])}{'%' if percent else ''}"
        axes.annotate(text, (days[i], values[i]), xytext=(0, 8), textcoords="offset points",
                      ha="center", va="bottom", fontsize=15, fontweight="bold", color=INK)


def _axes(axes: Axes, chart: Chart, start: date, end: date, top: float) -> None:
    margin = 14 / 24
    axes.set_xlim(start.toordinal() - margin, end.toordinal() + margin)
    axes.set_ylim(0, max(top, 1) * 1.25)
    axes.set_ylabel(chart.noun)
    axes.yaxis.set_major_locator(ticker.MaxNLocator(nbins=4, integer=True))
    if chart.kind == "line":  # a score: always the whole 0-100 % scale, room for labels
        axes.set_ylim(0, 118)
        axes.yaxis.set_major_locator(ticker.FixedLocator([0, 25, 50, 75, 100]))
        axes.yaxis.set_major_formatter(ticker.PercentFormatter(decimals=0))
    span = (end - start).days
    ticks = [start + timedelta(days=n) for n in range(span + 1)]
    axes.xaxis.set_major_locator(ticker.FixedLocator(
        [d.toordinal() for d in ticks if span <= 10 or d.weekday() == 0]))
    axes.xaxis.set_major_formatter(ticker.FuncFormatter(_day_label))
    axes.grid(axis="y", color=GRID, linewidth=1)
    axes.set_axisbelow(True)


def _day_label(value: float, _position: int | None) -> str:
    """"2 Mar": day first, as the replies say dates. The x axis counts days as ordinals."""
    day = date.fromordinal(round(value))
    return f"{day.day} {day:%b}"
