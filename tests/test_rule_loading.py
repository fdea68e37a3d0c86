"""Rule files are untrusted input: every problem is reported as file:line, all at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from copylint.engine import lint_text
from copylint.rule import RuleLoadError, load_rules
from sample_repo import HOUSE_RULE



def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path) -> list[str]:
    with pytest.raises(RuleLoadError) as info:
        load_rules([tmp_path])
    return info.value.problems


def test_house_rule_loads_and_lints_outside_quotes_only(tmp_path):
    write(tmp_path, "no-slammed.yaml", HOUSE_RULE)
    rules = [r for r in load_rules([tmp_path]) if r.id == "no-slammed"]
    findings = lint_text('He slammed it. "We slammed it," she said.\n', rules)
    assert [(f.line, f.column, f.end_column, f.rule) for f in findings] == [(1, 4, 11, "no-slammed")]


def test_every_problem_is_reported_with_its_line(tmp_path):
    write(tmp_path, "bad-one.yaml", "id: bad-one\nseverity: fatal\nkind: pattern\nsummary: s\nmessage: m\ncolour: red\noptions:\n  pattern: '(unclosed'\n")
    write(tmp_path, "bad-two.yaml", "id: bad-two\nseverity: info\nkind: telepathy\nsummary: s\nmessage: m\n")
    found = problems(tmp_path)
    assert f"{tmp_path}/bad-one.yaml:2: severity must be one of info, warning, error (got 'fatal')" in found
    assert any(p.startswith(f"{tmp_path}/bad-one.yaml:6: unknown key 'colour'") for p in found)
    assert any(p.startswith(f"{tmp_path}/bad-one.yaml:8: option 'pattern': invalid regular expression '(unclosed'") for p in found)
    assert any(p.startswith(f"{tmp_path}/bad-two.yaml:3: unknown kind 'telepathy'") for p in found)


def test_missing_keys_bad_option_types_and_unknown_options(tmp_path):
    write(tmp_path, "thin.yaml", "severity: info\nkind: scare\noptions:\n  max_words: many\n  colour: 1\n")
    found = problems(tmp_path)
    assert f"{tmp_path}/thin.yaml:1: missing or empty required key 'id'" in found
    assert f"{tmp_path}/thin.yaml:1: missing or empty required key 'message'" in found
    assert f"{tmp_path}/thin.yaml:4: option 'max_words' must be a non-negative integer" in found
    assert any(p.startswith(f"{tmp_path}/thin.yaml:5: unknown option 'colour' for kind 'scare'") for p in found)


def test_message_fields_must_exist_and_id_must_match_file(tmp_path):
    write(tmp_path, "mine.yaml", "id: other\nseverity: info\nkind: pattern\nsummary: s\nmessage: '{nope}'\noptions: {terms: [x]}\n")
    found = problems(tmp_path)
    assert f"{tmp_path}/mine.yaml:1: rule id 'other' must equal the file name 'mine'" in found
    assert any(p.startswith(f"{tmp_path}/mine.yaml:5: message uses unknown field(s) ['nope']") for p in found)


def test_duplicate_id_across_directories(tmp_path):
    write(tmp_path, "scare-quotes.yaml", HOUSE_RULE.replace("no-slammed", "scare-quotes"))
    found = problems(tmp_path)
    assert any("duplicate rule id 'scare-quotes'" in p for p in found)


def test_malformed_yaml_reports_line_and_column(tmp_path):
    write(tmp_path, "broken.yaml", "id: broken\nseverity: [warning\n")
    found = problems(tmp_path)
    assert found[0].startswith(f"{tmp_path}/broken.yaml:3:1: invalid YAML")


def test_python_object_tags_are_rejected_not_executed(tmp_path):
    marker = tmp_path / "pwned"
    write(tmp_path, "evil.yaml", f"id: evil\nseverity: !!python/object/apply:os.system ['touch {marker}']\n")
    found = problems(tmp_path)
    assert found[0].startswith(f"{tmp_path}/evil.yaml:2:")
    assert not marker.exists()


def test_missing_rule_directory(tmp_path):
    with pytest.raises(RuleLoadError) as info:
        load_rules([tmp_path / "nope"])
    assert info.value.problems == [f"{tmp_path / 'nope'}: rule directory does not exist"]


def test_word_list_references(tmp_path):
    (tmp_path / "lists").mkdir()
    write(tmp_path / "lists", "slang.yaml", "name: slang\ntype: words\nwords: [gonna, wanna]\n")
    write(tmp_path, "slang.yaml", HOUSE_RULE.replace("no-slammed", "slang").replace("[slammed, blasted]", "['@slang']"))
    write(tmp_path, "no-slammed.yaml", HOUSE_RULE.replace("[slammed, blasted]", "['@nothing']"))
    found = problems(tmp_path)
    assert any("no-slammed.yaml" in p and "unknown word list '@nothing'" in p for p in found)
    (tmp_path / "no-slammed.yaml").unlink()
    rules = [r for r in load_rules([tmp_path]) if r.id == "slang"]
    assert rules[0].options["terms"] == ["gonna", "wanna"]
