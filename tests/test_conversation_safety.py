"""Red flags, feelings and everyday talk in the conversation, through the real CLI
(`run --text --json`, `run --audio` on espeak-ng speech) and a real SQLite file: every alert
reply passes a clinician's wording checklist, and what is stored is checked in the database."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest

from assistant.conversation.dialog import Dialog, DialogSettings
from assistant.conversation.safety import Contacts, local_emergency_number
from assistant.record import history
from assistant.record.store import Store
from assistant.turn import Heard, ReplyKind
from speech.tts import VoiceSettings

PRAISE = ("well done", "saved", "be kind to yourself", "great", "noted", "good work",
          "first time", "personal best")
ONE_OF_EACH = {
    "stroke_sign": "my face is drooping and I can't lift my arm",
    "chest_pain": "I have chest pain",
    "breathing": "I can't breathe",
    "choking": "I'm choking",
    "seizure": "my husband is having a seizure",
    "fainting": "I fainted in the kitchen",
    "bleeding": "I cut my hand and it won't stop bleeding",
    "overdose": "I took too many pills",
    "self_harm": "I don't want to do this anymore",
    "fall": "I fell in the bathroom and I can't get up",
    "urgent_help": "call an ambulance",
}
US = {"LANG": "en_US.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
CARER = ("--carer-name", "Anna", "--carer-phone", "555 0100", "--crisis-line", "988")


def checklist(reply: str, number: str, carer: str | None = None,
              crisis: str | None = None) -> None:
    """What a clinician would insist on in a reply to a red flag."""
    lower = reply.lower()
    for word in PRAISE:
        assert word not in lower, (word, reply)
    assert number in reply, reply
    assert re.search(r"can(?:'|no)t call", lower), reply
    if carer:
        assert carer in reply, reply
    if crisis:
        assert crisis in reply, reply


def turns(result):
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def run_text(cli, db, lines, *options, env=US):
    return turns(cli("run", "--text", "--json", "--db", db, *options,
                     input="\n".join(lines) + "\n", env=env))


@pytest.mark.parametrize("configured", [True, False])
@pytest.mark.slow
def test_every_alert_kind_is_answered_stored_and_worded_for_safety(cli, tmp_path, configured):
    db = tmp_path / "wins.db"
    options = CARER if configured else ()
    said = run_text(cli, db, list(ONE_OF_EACH.values()), *options)
    assert [t["kind"] for t in said] == ["alert"] * len(ONE_OF_EACH)
    for kind, turn in zip(ONE_OF_EACH, said, strict=True):
        crisis = "988" if configured and kind == "self_harm" else None
        checklist(turn["reply"], "911", "Anna" if configured else None, crisis)
        if not configured:
            assert "Anna" not in turn["reply"] and "988" not in turn["reply"]
    stored = history.alerts(Store(db))
    assert [a.kind for a in stored] == list(ONE_OF_EACH)
    assert [a.said for a in stored] == list(ONE_OF_EACH.values())


@pytest.mark.slow
def test_a_fall_is_graded_are_you_hurt_then_emergency(cli, tmp_path):
    said = run_text(cli, tmp_path / "wins.db", [
        "I fell in the bathroom", "yes I hit my head", "repeat",
        "I fell over in the garden", "no I'm not hurt",
    ])
    assert [t["kind"] for t in said] == ["alert"] * 5
    first, hurt, number, second, unhurt = (t["reply"] for t in said)
    checklist(first, "911")
    assert "hurt?" in first.lower() and "today" in first.lower()
    checklist(hurt, "911")
    assert "hurt?" not in hurt.lower()
    assert re.search(r"9\D+1\D+1", number), number
    assert "hurt?" in second.lower()
    assert "doctor" in unhurt.lower() and "911" in unhurt and "hurt?" not in unhurt.lower()
    assert [a.kind for a in history.alerts(Store(tmp_path / "wins.db"))] == ["fall"] * 3


@pytest.mark.slow
def test_an_alert_inside_a_milestone_is_not_celebrated(cli, tmp_path):
    db = tmp_path / "wins.db"
    said = run_text(cli, db, ["I walked 20 steps then I fell and hit my head"])
    assert said[0]["kind"] == "alert"
    checklist(said[0]["reply"], "911")
    store = Store(db)
    assert [a.kind for a in history.alerts(store)] == ["fall"]
    assert [d.summary for d in history.milestones(store)] == ["walked 20 steps"]


@pytest.mark.slow
def test_delete_that_asks_before_removing_a_red_flag(cli, tmp_path):
    db = tmp_path / "wins.db"
    said = run_text(cli, db, ["I have chest pain", "delete that", "no", "delete that", "yes"])
    assert [t["kind"] for t in said] == ["alert"] * 5
    assert "?" in said[1]["reply"] and "chest pain" in said[1]["reply"]
    assert history.alerts(Store(db)) == []
    kept = run_text(cli, tmp_path / "kept.db", ["I have chest pain", "delete that", "no"])
    assert kept[1]["kind"] == "alert"
    assert [a.kind for a in history.alerts(Store(tmp_path / "kept.db"))] == ["chest_pain"]


@pytest.mark.slow
def test_spoken_red_flags_through_audio(cli, tmp_path, spoken_session):
    db = tmp_path / "wins.db"
    recording = spoken_session(["My chest hurts.", "I walked ten steps today.",
                                "Call an ambulance."])
    said = turns(cli("run", "--audio", recording, "--json", "--db", db,
                     "--reply-wav", tmp_path / "out.wav", *CARER, env=US))
    alerts = [t for t in said if t["kind"] == "alert"]
    assert len(alerts) == 2, said
    for turn in alerts:
        checklist(turn["reply"], "911", "Anna")
    assert [a.kind for a in history.alerts(Store(db))] == ["chest_pain", "urgent_help"]
    assert (tmp_path / "out.wav").stat().st_size > 0


@pytest.mark.slow
def test_feelings_are_moods_with_a_recent_win_and_social_talk_is_not_an_entry(cli, tmp_path):
    db = tmp_path / "wins.db"
    said = run_text(cli, db, [
        "I walked 40 steps", "I feel useless today", "I'm pleased with how today went",
        "good morning", "thank you", "call my daughter",
    ], env={**US, "SMALLWINS_NOW": "2026-03-03T09:00:00"})
    assert [t["kind"] for t in said] == [
        "encourage", "feeling", "feeling", "social", "social", "request"]
    assert "40 steps" in said[1]["reply"]
    store = Store(db)
    assert [(m.mood, m.said) for m in history.moods(store)] == [
        ("low", "I feel useless today"), ("good", "I'm pleased with how today went")]
    assert [d.summary for d in history.milestones(store)] == ["walked 40 steps"]
    assert history.alerts(store) == []
    intents = [r["intent"] for r in store.db.query("SELECT intent FROM utterances ORDER BY id")]
    assert intents[3:] == ["social", "social", "other"]
    for turn in said[1:]:
        assert "saved" not in turn["reply"].lower()


@pytest.mark.slow
def test_an_ache_is_a_feeling_that_is_not_a_mood_and_a_chest_ache_is_not_soothed(cli, tmp_path):
    """ "my legs are sore from yesterday" is how the body feels: answered as a feeling that
    says when to tell the therapist, not kept as a low mood (which would count toward the
    depression flag), and not "saved"; an ache of the chest stays a setback."""
    db = tmp_path / "wins.db"
    said = run_text(cli, db, ["my legs are sore from yesterday", "my chest is sore"])
    assert [(t["kind"], t["intent"]) for t in said] == [
        ("feeling", "feeling"), ("setback", "setback")]
    assert "therapist" in said[0]["reply"] and "saved" not in said[0]["reply"].lower()
    assert history.moods(Store(db)) == []


@pytest.mark.slow
def test_help_names_the_emergency_number_of_the_locale(cli, tmp_path):
    for lang, number in (("en_GB.UTF-8", "999"), ("en_US.UTF-8", "911"), ("de_DE.UTF-8", "112")):
        said = run_text(cli, tmp_path / f"{number}.db", ["help", "I have chest pain"],
                        env={"LANG": lang, "LC_ALL": "", "LC_MESSAGES": ""})
        assert [t["kind"] for t in said] == ["help", "alert"]
        assert number in said[0]["reply"]
        checklist(said[1]["reply"], number)


def test_emergency_number_from_locale_variables():
    assert local_emergency_number({"LANG": "en_US.UTF-8"}) == "911"
    assert local_emergency_number({"LANG": "en_GB.UTF-8"}) == "999"
    assert local_emergency_number({"LANG": "fr_FR.UTF-8"}) == "112"
    assert local_emergency_number({"LC_ALL": "en_GB.UTF-8", "LANG": "en_US.UTF-8"}) == "999"
    assert local_emergency_number({"LC_MESSAGES": "en_US", "LANG": "en_GB.UTF-8"}) == "911"
    assert local_emergency_number({"LANG": "C.UTF-8"}) == "112"
    assert local_emergency_number({}) == "112"


@pytest.mark.slow
def test_settings_file_names_the_carer_and_doctor_warns_when_unset(cli, tmp_path):
    db = tmp_path / "wins.db"
    bare = cli("doctor", "--db", db)
    assert re.search(r"\[warn\] carer: not set", bare.stdout), bare.stdout
    assert re.search(r"\[warn\] crisis line: not set", bare.stdout), bare.stdout
    assert not re.search(r"\[FAIL\] (carer|crisis)", bare.stdout), bare.stdout  # a warning only
    config = tmp_path / "config.toml"
    config.write_text('emergency-number = "000"\ncarer-name = "Sam"\ncarer-phone = "0400 000 000"\n'
                      'crisis-line = "13 11 14"\n')
    told = cli("--config", config, "doctor", "--db", db)
    assert "[ok ] carer: set: Sam" in told.stdout and "[ok ] crisis line" in told.stdout
    said = turns(cli("--config", config, "run", "--text", "--json", "--db", db,
                     input="I want to end it all\n", env=US))
    checklist(said[0]["reply"], "000", "Sam", "13 11 14")
    assert "0400 000 000" in said[0]["reply"]


def test_an_alert_comes_before_practice_and_is_spoken_slower(tmp_path):
    store = Store(tmp_path / "wins.db")
    voice = VoiceSettings(rate_wpm=140)
    dialog = Dialog(store, DialogSettings(contacts=Contacts("999")), voice)
    at = datetime(2026, 3, 2, 9, tzinfo=UTC)
    assert dialog.take(Heard("let's practise", "typed", at)).kind == ReplyKind.PRACTICE
    turn = dialog.take(Heard("my chest hurts", "typed", at + timedelta(seconds=5)))
    assert turn.kind == ReplyKind.ALERT
    assert all(v.rate_wpm < voice.rate_wpm for _, v in turn.spoken())
    checklist(turn.reply, "999")
    after = dialog.take(Heard("good morning", "typed", at + timedelta(seconds=10)))
    assert after.kind == ReplyKind.SOCIAL
    assert all(v.rate_wpm == voice.rate_wpm for _, v in after.spoken())


def test_a_red_flag_needs_no_wake_phrase(tmp_path):
    """Outside the follow-up window only the wake phrase opens a turn, except for a red flag."""
    store = Store(tmp_path / "wins.db")
    dialog = Dialog(store, DialogSettings(wake_phrase="hey coach", window_s=30,
                                          contacts=Contacts("911")), VoiceSettings())
    at = datetime(2026, 3, 2, 9, tzinfo=UTC)
    assert dialog.take(Heard("I walked a mile today", "microphone", at)) is None
    turn = dialog.take(Heard("I fell and I can't get up", "microphone", at + timedelta(minutes=5)))
    assert turn is not None and turn.kind == ReplyKind.ALERT
    checklist(turn.reply, "911")
    assert [a.kind for a in history.alerts(store)] == ["fall"]
    radio = Heard("call an ambulance said the man on the radio", "microphone",
                  at + timedelta(minutes=10))
    assert dialog.take(radio) is None  # not a red flag of the patient's: not taken either


@pytest.mark.slow
def test_a_red_flag_said_to_the_assistant_opens_the_report(cli, tmp_path):
    """End to end: said in a run, stored, and first on the therapist's page in Chromium."""
    from test_report import _chromium, _section

    db, page = tmp_path / "wins.db", tmp_path / "report.html"
    clock = {**US, "SMALLWINS_NOW": "2026-03-02T09:15:00", "TZ": "UTC"}
    said = run_text(cli, db, ["I walked 20 steps", "my face feels numb"], env=clock)
    assert [t["kind"] for t in said] == ["encourage", "alert"]
    assert cli("report", "--db", db, "--html", page, env=clock).returncode == 0
    dom, _ = _chromium(page, "--dump-dom")
    assert dom.index('id="needs-attention"') < dom.index('id="week"')
    assert re.findall(r'<li class="alert (\w+)"', _section(dom, "needs-attention")) == [
        "stroke_sign"]
    assert "my face feels numb" in _section(dom, "needs-attention")


def test_a_stroke_sign_with_nothing_sudden_says_what_to_do_if_it_is_new(cli, tmp_path):
    """Weakness or a word-finding slip is usually recovery; the reply still says to call if it
    is new, first, and raises no alert. Said as settled ("still") or not at all: no such line."""
    db = tmp_path / "wins.db"
    said = run_text(cli, db, ["my arm feels heavy today", "I walked 20 steps",
                              "my arm is still weak but I lifted the cup"])
    heavy, walked, still = said
    assert heavy["kind"] != "alert" and heavy["reply"].find("911") >= 0, heavy
    assert heavy["reply"].index("911") < len(heavy["reply"]) // 2, "said first"
    assert "911" not in walked["reply"] and "911" not in still["reply"]
    assert history.alerts(Store(db)) == []
