"""Practice sets as data: every kind at every level, homework lists and caregiver files."""

from __future__ import annotations

import pytest

from assistant.practice.items import (
    KINDS,
    LEVELS,
    ItemsError,
    builtin_items,
    guess_level,
    make_item,
    parse_list,
    read_file,
)


def test_every_kind_has_items_at_every_level():
    found = {(item.kind, item.level) for item in builtin_items()}
    assert found == {(kind, level) for kind in KINDS for level in LEVELS}


def test_reading_sentences_grow_with_the_level():
    lengths = {
        level: [len(i.target.split()) for i in builtin_items() if i.kind == "reading"
                and i.level == level]
        for level in LEVELS
    }
    assert max(lengths[1]) < min(lengths[2]) and max(lengths[2]) < min(lengths[3])


def test_every_item_has_a_cue_that_is_not_a_template():
    for item in builtin_items():
        assert item.prompt and "{" not in item.prompt
        if item.kind in ("repetition", "reading"):
            assert item.target in item.prompt


def test_homework_list_keeps_order_and_guesses_levels():
    items = parse_list("butterfly; good morning;\n my name is Ann ;")
    assert [i.target for i in items] == ["butterfly", "good morning", "my name is Ann"]
    assert [i.prompt for i in items][0] == "Say after me: butterfly."
    assert [guess_level(t) for t in ("cup", "butterfly", "thank you", "we went home by bus")] \
        == [1, 2, 2, 3]


def test_text_and_toml_files(tmp_path):
    text = tmp_path / "names.txt"
    text.write_text("Margaret\n# a comment\n\nOak Lane  # the street\n", encoding="utf-8")
    assert [i.target for i in read_file(text, personal=True)] == ["Margaret", "Oak Lane"]
    toml = tmp_path / "naming.toml"
    toml.write_text(
        'kind = "naming"\nitems = [{ level = 1, prompt = "Your wife\'s name?", '
        'target = "Margaret", accept = ["Maggie"] }]\n', encoding="utf-8")
    (item,) = read_file(toml)
    assert (item.kind, item.level, item.prompt, item.answers) == (
        "naming", 1, "Your wife's name?", ("Margaret", "Maggie"))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda p: parse_list(" ; ;"), "empty"),
        (lambda p: read_file(p / "missing.txt"), "no such file"),
        (lambda p: make_item("cup", kind="singing"), "Unknown exercise kind"),
        (lambda p: make_item("cup", level=7), "Level 7"),
    ],
)
def test_bad_lists_are_explained(tmp_path, call, message):
    with pytest.raises(ItemsError, match=message):
        call(tmp_path)


def test_broken_toml_is_explained(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("items = [ {", encoding="utf-8")
    with pytest.raises(ItemsError, match="not a readable practice file"):
        read_file(broken)
