"""The report page: the gathered facts and their charts poured into a Jinja2 template.

The template and its stylesheet live in `templates/` as data, so a therapist or developer can
restyle the page without touching code; Jinja2 escapes every value, so whatever the recogniser
heard (quotes, angle brackets) shows as the patient's words and can never become markup.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from assistant.conversation.numbers_and_dates import number
from assistant.report import charts
from assistant.report.attention import LOW_DAYS, WINDOW_DAYS
from assistant.report.facts import Report, long_date


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("assistant.report"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["long_date"] = long_date
    environment.filters["number"] = number
    environment.globals.update(low_days=LOW_DAYS, window_days=WINDOW_DAYS)
    return environment


def render(report: Report) -> str:
    """The whole self-contained HTML page."""
    drawn = [
        (chart, Markup(charts.svg(chart, report.start, report.end)))  # drawn here: safe
        for chart in report.charts
    ]
    return _environment().get_template("report.html").render(report=report, charts=drawn)
