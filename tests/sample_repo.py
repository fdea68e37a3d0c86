"""A sample editorial repository, built in a temporary folder by the workflow tests."""

from __future__ import annotations

from pathlib import Path

PYPROJECT = """\
[tool.copylint]
rule-dirs = ["house"]
fail-on = "warning"
exclude = ["drafts/*"]

[tool.copylint.rules.scare-quotes]
severity = "error"

[tool.copylint.rules.unattributed-quote]
options = { allow_floating = true }

[tool.copylint.per-file-ignores]
"stories/features/*" = ["missing-dateline"]

[tool.pytest.ini_options]
copylint_paths = ["stories"]
copylint_rule_dirs = ["house"]
"""

HOUSE_RULE = """\
id: no-slammed
severity: warning
kind: pattern
summary: Avoid "slammed" for criticised.
message: 'Avoid "{match}": say who criticised what, and how.'
description: |
  ## What it does
  Flags "slammed" and "blasted" outside quotations.
  ## Why is this bad?
  They overstate ordinary criticism.
options:
  terms: [slammed, blasted]
  scope: outside-quotes
examples:
  bad:
    - text: "The senator slammed the plan."
      expect: ["1:13"]
  good:
    - text: '"They slammed the door," she said.'
"""

# stories/harbour.txt: a house-rule finding (3:28) and a scare quote (3:60, an error by config).
HARBOUR = """\
Council backs harbour plan

LONDON (Reuters) - Critics slammed the council's so-called "efficiency plan" on Monday.

"We will build it anyway," the mayor said.

"It is the right thing for the town and for the port."
"""

# stories/features/ferry.md: no dateline needed (per-file ignore); an unclosed quote at 3:10.
FERRY = """\
# The last ferry

The crew "never missed a crossing in forty years, the captain said.
"""

# stories/vote.txt: a suppressed scare quote, and an unused suppression at 6:1.
VOTE = """\
Vote passes

PARIS (AP) — <!-- copylint: disable-next-line scare-quotes -- the party's own name for it -->
The "reform" passed by two votes.

<!-- copylint: disable-next-line unattributed-quote -->
The mayor welcomed the result.
"""


def build(root: Path) -> Path:
    """Write the sample repository under `root` and return it."""
    (root / "house").mkdir(parents=True)
    (root / "stories" / "features").mkdir(parents=True)
    (root / "drafts").mkdir()
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (root / "house" / "no-slammed.yaml").write_text(HOUSE_RULE, encoding="utf-8")
    (root / "stories" / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    (root / "stories" / "features" / "ferry.md").write_text(FERRY, encoding="utf-8")
    (root / "stories" / "vote.txt").write_text(VOTE, encoding="utf-8")
    (root / "drafts" / "wip.txt").write_text('"Unfinished draft\n', encoding="utf-8")
    return root
