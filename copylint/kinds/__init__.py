"""Check kinds: the only Python that detects anything. A YAML rule picks one by name."""

from __future__ import annotations

from types import ModuleType

from copylint.kinds import attribution, balance, dateline, glyphs, mismatch, pattern, punctuation, scare, spacing, suppression

KINDS: dict[str, ModuleType] = {
    "attribution": attribution,
    "balance": balance,
    "dateline": dateline,
    "glyphs": glyphs,
    "mismatch": mismatch,
    "pattern": pattern,
    "punctuation": punctuation,
    "scare": scare,
    "spacing": spacing,
    "suppression": suppression,
}
