"""The progress report from a scripted month: a real SQLite file filled by talking to the
dialog and practising with the practice session, day by day on a clock the test controls.
Every number the page shows is checked against plain SQL on that file; the page is opened in
headless Chromium, screenshotted and printed to A4 (saved in test-artifacts/)."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
from datetime import UTC, date, datetime, timedelta
from html import unescape

import pytest
from conftest import ROOT

from assistant.conversation.answers import week_summary
from assistant.conversation.dialog import Dialog, DialogSettings
from assistant.conversation.phrasebook import Phrasebook
from assistant.practice.items import make_item
from assistant.practice.session import PracticeSession
from assistant.record.store import Store
from assistant.report import gather, html
from assistant.report.attention import ALERT_NAMES
from assistant.turn import Heard
from assistant.understand import AlertKind, understand
from speech.audio import read_wav
from speech.tts import VoiceSettings

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday
DAYS = 28
END = START.replace(hour=20) + timedelta(days=DAYS - 1)  # Sunday 29 March, evening
WEEK_START = "2026-03-23"
REST_DAYS = {6, 13}
"""Two Sundays without an entry, so the streak restarts on day 14."""
EXTRA = {
    2: ["My goal is to walk 40 steps", "yes"],
    4: ["I buttoned my shirt by myself", "yes"],  # offered for the family note: shared
    8: ["I walked 500 steps", "delete that"],
    9: ["I couldn't lift my arm today"],
    15: ["My goal is to climb 10 stairs", "no"],
    17: ["I could not get out of the chair today"],
    20: ["I climbed 6 stairs", "share this with my family"],
    22: ["My goal is to walk 100 steps", "no"],
    24: ["I climbed 10 stairs", "I rode the exercise bike for 10 minutes"],
    27: ["how was my week?"],
}
TOLD = {
    1: ["I feel useless today"],
    3: ["I am so sad today"],
    5: ["I feel hopeless about my arm"],
    11: ["I fell in the bathroom this morning"],
    12: ["I feel useless today"],
    20: ["I am pleased with how today went"],
    26: ["I have chest pain"],
}
"""Red flags and feelings, stored through the record's own API (the edge of this component):
three low days in the first week, one more a week later, a fall and chest pain."""
PRACTICE_FROM = 14
WORDS = ["butterfly", "good morning", "scissors", "toothbrush", "cup of tea", "telephone",
         "umbrella", "thank you", "glass of water", "newspaper"]
NEW_WORDS = {25: ["kettle"], 27: ["grandchildren"]}
"""Words first tried, and mastered, in the last week."""
ARTIFACTS = ROOT / "test-artifacts"


class Patient:
    """Talks to the dialog and practises, as the patient would, on the test's clock."""

    def __init__(self, path):
        self.store = Store(path)
        self.dialog = Dialog(self.store, DialogSettings(), VoiceSettings())
        self.now = START
        self.replies: dict[str, str] = {}

    def says(self, text):
        self.now += timedelta(minutes=3)
        self.replies[text] = self.dialog.take(Heard(text, "typed", self.now)).reply

    def tells(self, text):
        """Store a red flag or feeling as the record keeps them, whatever the dialog does."""
        self.now += timedelta(minutes=3)
        heard = understand(text)
        utterance = self.store.add_utterance(
            time=self.now, text=text, source="typed", engine=None, confidence=None,
            duration_s=None, intent=heard.intent, understanding=heard.to_dict())
        if heard.alert:
            self.store.add_alert(utterance, self.now, heard.alert.kind, heard.alert.words)
        if heard.mood:
            self.store.add_mood(utterance, self.now, heard.mood, text)

    def practises(self, day):
        """Five words, and a new one on some days; a few missed on the first try early on."""
        targets = [WORDS[(day + i) % len(WORDS)] for i in range(5)] + NEW_WORDS.get(day, [])
        session = PracticeSession(self.store, [make_item(t) for t in targets],
                                  clock=lambda: self.now)
        missed_once = set()
        while not session.done:
            target = session.item.target
            self.now += timedelta(seconds=40)
            fumble = (day + targets.index(target)) % 3 == 0 and day <= 22
            if fumble and target not in missed_once:
                missed_once.add(target)
                session.answer(target.split()[0][:-2])
            else:
                session.answer(target)


def script_month(path) -> Patient:
    patient = Patient(path)
    for day in range(DAYS):
        patient.now = START + timedelta(days=day)
        lines = []
        if day not in REST_DAYS:
            lines.append(f"I walked {12 + 2 * day} steps" + (" with my walker" if day < 14 else ""))
            if day % 2 == 0:
                lines.append(f"I did my arm exercises {10 + day} times")
        for line in lines + EXTRA.get(day, []):
            patient.says(line)
        for line in TOLD.get(day, []):
            patient.tells(line)
        if day >= PRACTICE_FROM:
            patient.practises(day)
    return patient


@pytest.fixture(scope="module")
def month(tmp_path_factory):
    path = tmp_path_factory.mktemp("month") / "wins.db"
    patient = script_month(path)
    yield patient, path
    patient.store.close()


def sql(path, query, args=()):
    with sqlite3.connect(path) as connection:
        return connection.execute(query, args).fetchall()


def long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def daily(path, query) -> list[tuple[str, str]]:
    """(day as the page says it, value as the page writes it) from a query of (ISO day, n)."""
    return [(long_date(date.fromisoformat(d)), f"{v:g}") for d, v in sql(path, query)]


def expected_figures(path) -> dict[str, int]:
    (wins, days), = sql(path, "SELECT count(*), count(DISTINCT substr(time, 1, 10)) "
                              "FROM milestones WHERE time >= ?", [WEEK_START])
    active = {d for (d,) in sql(path, "SELECT DISTINCT substr(time, 1, 10) FROM milestones")}
    streak = 0
    while (END.date() - timedelta(days=streak)).isoformat() in active:
        streak += 1
    (goals,), = sql(path, "SELECT count(DISTINCT text) FROM goals "
                          "WHERE status = 'done' AND done_time >= ?", [WEEK_START])
    (words,), = sql(path, "SELECT count(*) FROM (SELECT min(time) AS first FROM practice_attempts "
                          "WHERE passed GROUP BY lower(target)) WHERE first >= ?", [WEEK_START])
    return {"wins": wins, "days": days, "streak": streak, "goals-reached": goals,
            "new-words": words}


STEPS = "SELECT substr(time, 1, 10), sum(value) FROM milestones WHERE unit = 'steps' GROUP BY 1"
REPS = "SELECT substr(time, 1, 10), sum(value) FROM milestones WHERE unit = 'times' GROUP BY 1"
SCORES = ("SELECT substr(time, 1, 10), round(avg(score) * 100) FROM practice_attempts "
          "GROUP BY 1")
CHARTS = ["steps-walk", "stairs-climb_stairs", "times-arm_exercise", "minutes-cycle",
          "practice-score", "words-mastered"]
"""A chart per activity counted, in each unit."""


def test_the_month_was_recorded_as_scripted(month):
    patient, path = month
    (utterances,), = sql(path, "SELECT count(*) FROM utterances")
    (attempts,), = sql(path, "SELECT count(*) FROM practice_attempts")
    assert utterances > 50 and attempts > 70
    assert sql(path, "SELECT count(*) FROM milestones WHERE value = 500") == [(0,)], "undone"
    assert sql(path, "SELECT count(DISTINCT utterance_id) FROM milestones WHERE shared") == [(2,)]
    assert "12 wins" in patient.replies["how was my week?"]


def test_report_facts_match_the_database(month):
    patient, path = month
    report = gather(patient.store, END)
    assert report.start == START.date() and report.end == END.date()
    assert {f.key: f.value for f in report.figures} == expected_figures(path)
    assert [c.key for c in report.charts] == CHARTS
    charts = {c.key: c for c in report.charts}
    assert [(long_date(d), f"{v:g}") for d, v in charts["steps-walk"].points] == daily(path, STEPS)
    arms = charts["times-arm_exercise"].points
    assert [(long_date(d), f"{v:g}") for d, v in arms] == daily(path, REPS)
    assert [(long_date(d), f"{v:g}") for d, v in charts["practice-score"].points] == daily(
        path, SCORES)
    (mastered,), = sql(path, "SELECT count(DISTINCT lower(target)) FROM practice_attempts "
                             "WHERE passed")
    assert charts["words-mastered"].points[-1][1] == mastered
    (total, best), = sql(path, "SELECT sum(n), max(n) FROM (SELECT sum(value) AS n FROM "
                               "milestones WHERE unit = 'steps' GROUP BY substr(time, 1, 10))")
    assert charts["steps-walk"].caption.startswith(f"{total:g} steps in all, on 26 days. "
                                                   f"Best day: {best:g} steps")


def test_goals_streaks_setbacks_and_entries(month):
    patient, path = month
    report = gather(patient.store, END)
    goals = {(g.text, g.step): g for g in report.goals}
    assert goals[("walk 100 steps", False)].progress == "66 of 100 steps"
    assert goals[("walk 100 steps", False)].percent == 66
    assert goals[("climb 10 stairs", False)].done == date(2026, 3, 26)
    assert [g.text for g in report.goals if g.step] == ["walk 25 steps", "walk 30 steps",
                                                       "walk 40 steps"]
    assert (report.streaks.current, report.streaks.longest) == (14, 14)
    assert report.streaks.longest_start == date(2026, 3, 16)
    assert report.streaks.practice == DAYS - PRACTICE_FROM
    said = sql(path, "SELECT text FROM utterances WHERE intent = 'setback' ORDER BY id DESC")
    assert [e.words for e in report.setbacks] == [t for (t,) in said]
    latest = sql(path, "SELECT text FROM utterances WHERE intent IN ('milestone', 'setback', "
                       "'goal') ORDER BY id DESC LIMIT 20")
    assert [e.words for e in report.entries] == [t for (t,) in latest]


def test_the_voice_and_the_report_tell_the_same_week(month):
    patient, path = month
    headline = gather(patient.store, END).headline
    assert headline == week_summary(patient.store, END, Phrasebook((), seed=0))
    figures = expected_figures(path)
    asked = patient.replies["how was my week?"]  # asked that morning, before the practice
    said = rf"\b{figures['wins']} wins,? on {figures['days']} days"  # either wording
    assert re.search(said, asked) and re.search(said, headline)
    assert "climb 10 stairs" in asked and "climb 10 stairs" in headline


def test_family_note_holds_only_what_was_shared(month):
    patient, path = month
    page = html(patient.store, END, family=True)
    shared = sql(path, "SELECT DISTINCT u.text FROM utterances u JOIN milestones m "
                       "ON m.utterance_id = u.id WHERE m.shared")
    assert len(shared) == 2
    for (words,) in shared:
        assert f"<q>{words}</q>" in page
    assert "2 wins shared with the family" in page
    for private in ("I couldn't lift my arm today", "I walked 66 steps", "<svg", "Goals",
                    'id="feelings"', "I am pleased with how today went"):
        assert private not in page
    assert 'id="needs-attention"' in page, "the family sees red flags too"
    for (words,) in sql(path, "SELECT u.text FROM alerts a JOIN utterances u "
                              "ON u.id = a.utterance_id"):
        assert f"<q>{words}</q>" in page


def test_report_without_practice_or_entries(tmp_path):
    store = Store(tmp_path / "empty.db")
    page = html(store, END)
    assert "No speech practice is recorded yet." in page and "<svg" not in page
    assert week_summary(store, END, Phrasebook((), seed=0)) in unescape(page), "the empty week"
    assert "Nothing needs attention" in page
    assert 'class="alert' not in page and 'class="low-mood"' not in page
    assert 'id="feelings"' not in page


ALERTS = ("SELECT a.time, a.kind, u.text FROM alerts a JOIN utterances u "
          "ON u.id = a.utterance_id ORDER BY a.time")
MOODS = ("SELECT m.time, m.mood, u.text FROM moods m JOIN utterances u "
         "ON u.id = m.utterance_id ORDER BY m.time")


def test_needs_attention_and_feelings_match_the_database(month):
    patient, path = month
    report = gather(patient.store, END)
    assert [(a.time.isoformat(), a.kind, a.said) for a in report.attention.alerts] == sql(
        path, ALERTS)
    assert len(report.attention.alerts) == sum(len(v) for v in TOLD.values()
                                               if understand(v[0]).alert)
    assert all(a.name and "_" not in a.name for a in report.attention.alerts)
    assert [(m.time.isoformat(), m.mood, m.said) for m in report.feelings.entries] == sql(
        path, MOODS)
    low = [date.fromisoformat(t[:10]) for t, mood, _ in sql(path, MOODS) if mood == "low"]
    [stretch] = report.attention.low_stretches
    assert stretch.days == tuple(low[:3]), "the first week's three low days, not the fourth"
    assert len(report.feelings.days) == DAYS
    told = {d.day: d.moods for d in report.feelings.days if d.moods}
    assert told == {date.fromisoformat(t[:10]): (mood,) for t, mood, _ in sql(path, MOODS)}


def test_every_alert_kind_has_plain_words():
    assert set(ALERT_NAMES) == set(AlertKind)


@pytest.mark.parametrize(("low_days", "flagged"), [((0, 2, 6), True), ((0, 3), False),
                                                    ((0, 3, 7), False), ((0, 1, 2, 3, 10), True)])
def test_persistent_low_mood_is_three_days_within_a_week(tmp_path, low_days, flagged):
    patient = Patient(tmp_path / "wins.db")
    for day in low_days:
        patient.now = START + timedelta(days=day)
        patient.tells("I feel useless today")
    patient.now = START + timedelta(days=5)
    patient.tells("I am pleased with how today went")  # a good day does not break a run
    end = START + timedelta(days=20)
    report = gather(patient.store, end)
    assert bool(report.attention.low_stretches) == flagged
    assert bool(report.attention) == flagged, "no alerts here: only the flag"
    page = html(patient.store, end)
    assert ('class="low-mood"' in page) == flagged
    assert ("post-stroke depression" in page) == flagged
    assert ("Nothing needs attention" in page) != flagged


def test_patients_words_are_shown_as_words(tmp_path):
    patient = Patient(tmp_path / "wins.db")
    patient.now = END - timedelta(hours=1)
    patient.says("I walked 10 steps <script>alert(1)</script>")
    page = html(patient.store, END)
    assert "<script>" not in page and "&lt;script&gt;" in page


@pytest.mark.slow
def test_report_opens_in_chromium_with_the_right_numbers(month, cli, tmp_path):
    _, path = month
    out = tmp_path / "report.html"
    result = cli("report", "--db", path, "--html", out, env=_at_end())
    assert result.returncode == 0, result.stderr
    page = out.read_text()
    references = re.findall(r'(?:src|href)="([^"]*)"', page) + re.findall(r"url\(([^)]*)\)", page)
    assert all(r.startswith(("#", "data:")) for r in references), "nothing fetched"
    assert "<script" not in page

    dom, log = _chromium(out, "--dump-dom")
    assert not re.findall(r".*(?:CONSOLE|net::ERR_).*", log), log
    assert len(re.findall(r'<svg[^>]*role="img"', dom)) == len(CHARTS)
    for key in CHARTS:
        assert f'id="chart-{key}"' in dom
    for key, value in expected_figures(path).items():
        assert re.search(rf'<li id="{key}"><span class="number">{value}</span>', dom), key
    assert _day_rows(dom, "steps-walk") == daily(path, STEPS)
    assert _day_rows(dom, "practice-score") == daily(path, SCORES)
    last_words, = sql(path, "SELECT text FROM utterances WHERE intent = 'milestone' "
                            "ORDER BY id DESC LIMIT 1")[0]
    assert f"<q>{last_words}</q>" in dom

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report.png"
    _chromium(out, f"--screenshot={shot}", "--window-size=1100,9000", "--hide-scrollbars")
    _trim(shot)
    a4 = tmp_path / "a4.html"
    a4.write_text(page.replace("</head>", "<style>@page { size: A4; }</style></head>", 1))
    pdf = ARTIFACTS / "report-a4.pdf"
    _chromium(a4, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    printed = pdf.read_bytes()
    assert printed.startswith(b"%PDF")
    assert re.search(rb"/MediaBox \[0 0 59[45](?:\.\d+)? 84[12]", printed), "A4 pages"
    assert 3 <= len(re.findall(rb"/Type\s*/Page\b", printed)) <= 8


@pytest.mark.slow
def test_no_printed_page_is_left_with_only_a_line_or_two(month, cli, tmp_path):
    """Issue 17: printed on Letter, a window starting 8 days in left the page's closing note
    alone on a last page. Each window of the month, printed on Letter and on A4, ends on a
    page with entries."""
    _, path = month
    for offset in range(0, 24, 4):
        since = (START + timedelta(days=offset)).strftime("%Y-%m-%d")
        out = tmp_path / f"report-{offset}.html"
        result = cli("report", "--db", path, "--html", out, "--since", since, env=_at_end())
        assert result.returncode == 0, result.stderr
        for paper, size in (("Letter", "8.5in 11in"), ("A4", "A4")):
            sized = tmp_path / f"{paper}-{offset}.html"
            sized.write_text(out.read_text().replace(
                "</head>", f"<style>@page {{ size: {size}; }}</style></head>", 1))
            pdf = tmp_path / f"{paper}-{offset}.pdf"
            _chromium(sized, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
            info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True)
            pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))
            last = subprocess.run(["pdftotext", "-f", str(pages), "-l", str(pages), pdf, "-"],
                                  capture_output=True, text=True, check=True).stdout
            rows = re.findall(r"\d{2}:\d{2}", last)  # entries' times of day
            assert len(rows) >= 2, (paper, since, pages, last)


@pytest.mark.slow
def test_needs_attention_and_feelings_in_chromium(month, cli, tmp_path):
    _, path = month
    out = tmp_path / "report.html"
    assert cli("report", "--db", path, "--html", out, env=_at_end()).returncode == 0
    dom, _ = _chromium(out, "--dump-dom")
    assert dom.index('id="needs-attention"') < dom.index('id="week"'), "the page opens with it"
    needs = _section(dom, "needs-attention")
    shown = re.findall(r'<li class="alert (\w+)"><time datetime="([^"]+)">([^<]+)</time>.*?'
                       r"<q>([^<]*)</q>", needs)
    assert [(when, kind, words) for kind, when, _, words in shown] == sql(path, ALERTS)
    for _, when, written, _ in shown:
        moment = datetime.fromisoformat(when)
        assert written == f"{long_date(moment)}, {moment:%H:%M}"
    low = [long_date(date.fromisoformat(t[:10])) for t, m, _ in sql(path, MOODS) if m == "low"]
    assert needs.count('class="low-mood"') == 1
    assert f"from {low[0]} to {low[2]}" in needs and "post-stroke depression" in needs
    feelings = _section(dom, "feelings")
    rows = re.findall(r'<tr class="(\w+)">\s*<td><time datetime="([^"]+)">[^<]*</time></td>'
                      r"\s*<td>\w+</td>\s*<td><q>([^<]*)</q></td>", feelings)
    assert [(when, mood, words) for mood, when, words in rows] == sql(path, MOODS)
    strip = re.findall(r'<li class="(low|good|none|low good)"', feelings)
    assert len(strip) == DAYS and strip.count("low") == len(low)

    family = tmp_path / "family.html"
    assert cli("report", "--db", path, "--family", "--html", family,
               env=_at_end()).returncode == 0
    dom, _ = _chromium(family, "--dump-dom")
    assert re.findall(r'<li class="alert (\w+)"', _section(dom, "needs-attention")) == [
        kind for _, kind, _ in sql(path, ALERTS)]
    assert 'id="feelings"' not in dom


@pytest.mark.slow
def test_report_speaks_the_week(month, cli, tmp_path):
    patient, path = month
    wav = tmp_path / "week.wav"
    result = cli("report", "--db", path, "--speak", "--wav", wav, env=_at_end())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == week_summary(patient.store, END, Phrasebook((), seed=0))
    assert read_wav(wav, rate=22_050).duration_s > 5
    assert not list(tmp_path.glob("*.html")), "--speak alone writes no page"


def _at_end() -> dict[str, str]:
    return {"SMALLWINS_NOW": END.isoformat(), "TZ": "UTC"}


def _chromium(page, *args) -> tuple[str, str]:
    """Run headless Chromium on a file, offline, in a throw-away profile; (stdout, stderr)."""
    binary = shutil.which("chromium")
    assert binary, "Chromium is missing: run scripts/setup.sh (apt-get install chromium)"
    profile = page.parent / "chromium-profile"
    result = subprocess.run(
        [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *args,
         page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout, result.stderr


def _section(dom: str, key: str) -> str:
    return re.search(rf'<section id="{key}".*?</section>', dom, re.S).group(0)


def _day_rows(dom: str, key: str) -> list[tuple[str, str]]:
    figure = re.search(rf'<figure id="chart-{key}".*?</figure>', dom, re.S).group(0)
    return re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td></tr>", figure)


def _trim(png) -> None:
    """Cut the blank window below the page, so the artifact is the page."""
    from PIL import Image, ImageChops

    with Image.open(png) as shot:
        white = Image.new(shot.mode, shot.size, "white")
        box = ImageChops.difference(shot, white).getbbox()
        trimmed = shot.crop((0, 0, shot.width, min(shot.height, box[3] + 40)))
    trimmed.save(png)


@pytest.mark.slow
def test_each_exercise_is_charted_apart(cli, tmp_path):
    """Arm exercises and sit-to-stands, both counted in times, are two charts, not a sum."""
    db, out = tmp_path / "wins.db", tmp_path / "report.html"
    for day, (arms, stands) in enumerate([(10, 3), (12, 5)], start=2):
        assert cli("run", "--text", "--db", db,
                   input=f"I did my arm exercises {arms} times\nI stood up {stands} times\n",
                   env={"SMALLWINS_NOW": f"2026-03-0{day}T09:00:00"}).returncode == 0
    assert cli("report", "--db", db, "--html", out,
               env={"SMALLWINS_NOW": "2026-03-03T18:00:00"}).returncode == 0
    page = unescape(out.read_text())
    ids = re.findall(r'<figure id="chart-(times-[a-z_]+)"', page)
    assert len(ids) == 2, ids
    rows = [re.findall(r"<tr><td>[^<]*</td><td>([^<]*)</td></tr>",
                       re.search(rf'<figure id="chart-{key}".*?</figure>', page, re.S).group(0))
            for key in ids]
    assert sorted(rows) == [["10", "12"], ["3", "5"]]
