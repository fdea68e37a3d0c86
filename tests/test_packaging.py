"""`pip install .` must carry the built-in rules inside the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT

pytest.importorskip("hatchling", reason="hatchling builds the wheel (pip install '.[test]' installs it)")


@pytest.mark.slow
def test_wheel_ships_rules_and_loads_them_from_the_installed_copy(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    wheel = next(tmp_path.glob("copylint-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for rule in ("unbalanced-quotes", "unattributed-quote", "missing-dateline", "scare-quotes"):
        assert f"copylint/rules/{rule}.yaml" in names
    assert "copylint/rules/lists/speech-verbs.yaml" in names

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)  # a pure-Python wheel installs by unpacking
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import copylint.rule as r; print(r.builtin_rules_dir()); print(len(r.load_rules()))"
    )
    out = subprocess.run([sys.executable, "-c", probe, str(site)], cwd=tmp_path, capture_output=True,
                         text=True, check=True, timeout=60).stdout.split()
    assert out[0] == str(site / "copylint" / "rules")
    assert int(out[1]) >= 4
