"""Check kinds: the only Python that detects anything. A YAML rule picks one by name."""

from __future__ import annotations

from types import ModuleType

from copylint.kinds import attribution, balance, dateline, pattern, scare, suppression

KINDS: dict[str, ModuleType] = {
    "attribution": attribution,
    "balance": balance,
    "dateline": dateline,
    "pattern": pattern,
    "scare": scare,
    "suppression": suppression,
}
