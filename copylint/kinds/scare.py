"""Short quoted terms that distance the writer rather than report a named source's words."""

from __future__ import annotations

import re
from collections.abc import Iterator

from copylint import regexes
from copylint.document import Document
from copylint.finding import Edit, Fix, Hit
from copylint.kinds.context import (
    NOUN_CAPITALISING,
    QuoteView,
    any_of,
    cue_after,
    cue_before,
    dialogue_tag,
    in_compound,
    in_enumeration,
    is_nickname,
    is_sentence,
    is_title_case,
    unjudged_script,
    views,
)
from copylint.kinds.options import Lexicon, Option
from copylint.record import Record

TYPE_CHECKING = False  # importing typing costs 5 ms; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Any

OPTIONS = {
    "max_words": Option("int", 4, "Longest quoted term (in words) that can be a scare quote."),
    "distancing_cues": Option("regexes", ["@distancing-cues"], "Cues before a term that already signal doubt (so-called, alleged)."),
    "denial_cues": Option("regexes", [r"\bno"], "Cues by which a speaker rejects a term (There is no \"X\")."),
    "mention_cues": Option("regexes", ["@mention-cues"], "Cues before a quotation that name words rather than use them."),
    "mention_after": Option("regexes", ["@mention-after"], "Cues after a quotation that make it a name (the \"X\" campaign)."),
    "speech_verbs": Option("words", ["@speech-verbs"], "Verbs whose subject, named in the sentence, makes the term a partial quote."),
    "according_to": Option("regexes", ["@according-to"], "Attributions without a verb (Para X, In her words) that make the term a partial quote."),
    "reported_speech": Option("words", ["@reported-speech"], "Verb forms that mark their sentence as reported speech (German Konjunktiv I), making the term the speaker's."),
    "pronouns": Option("words", ["@subject-pronouns"], "Subject pronouns, for dialogue tags after the term (\"…,\" she said)."),
    "why_cue": Option("str", "'{cue}' already signals distance, so the quotation marks add nothing", "Explanation used when a distancing cue precedes the term."),
    "why_denial": Option("str", "the sentence rejects the term; say whose term it is or drop the quotation marks", "Explanation used when the term is denied."),
    "why_plain": Option("str", "no source in the sentence is reported saying it; attribute it or drop the quotation marks", "Explanation used otherwise."),
}
FIELDS = frozenset({"term", "why"})
FIX = "unsafe (after a distancing cue)"


# A name just before a headline quote: an acronym (UN, NHS) or two capitalised words (Boris Johnson).
_HEADLINE_SOURCE_RE = regexes.compile(r"(?:\b[A-Z]{2,}s?|\b[A-Z][\w'’-]+\s+[A-Z][\w'’-]+)\s*$")


class Prepared(Record):
    __slots__ = ("max_words", "distancing", "denial", "mention", "mention_after", "verbs", "according_to",
                 "reported", "pronouns", "why_cue", "why_denial", "why_plain")

    max_words: int
    distancing: re.Pattern[str]
    denial: re.Pattern[str]
    mention: re.Pattern[str]
    mention_after: re.Pattern[str]
    verbs: Lexicon
    according_to: re.Pattern[str]
    reported: Lexicon
    pronouns: frozenset[str]
    why_cue: str
    why_denial: str
    why_plain: str

    def __init__(self, max_words: int, distancing: re.Pattern[str], denial: re.Pattern[str],
                 mention: re.Pattern[str], mention_after: re.Pattern[str], verbs: Lexicon,
                 according_to: re.Pattern[str], reported: Lexicon, pronouns: frozenset[str], why_cue: str,
                 why_denial: str, why_plain: str) -> None:
        self.max_words = max_words
        self.distancing = distancing
        self.denial = denial
        self.mention = mention
        self.mention_after = mention_after
        self.verbs = verbs
        self.according_to = according_to
        self.reported = reported
        self.pronouns = pronouns
        self.why_cue = why_cue
        self.why_denial = why_denial
        self.why_plain = why_plain


def prepare(options: dict[str, Any]) -> Prepared:
    return Prepared(
        options["max_words"],
        cue_before(options["distancing_cues"]),
        cue_before(options["denial_cues"]),
        cue_before(options["mention_cues"]),
        cue_after(options["mention_after"]),
        Lexicon(options["speech_verbs"]),
        any_of(options["according_to"]),
        Lexicon(options["reported_speech"]),
        frozenset(w.lower() for w in options["pronouns"]),
        options["why_cue"],
        options["why_denial"],
        options["why_plain"],
    )


def check(doc: Document, p: Prepared) -> Iterator[Hit]:
    for v in views(doc):
        if v.paragraph.role == "blockquote" or unjudged_script(v.inner):
            continue  # a blockquote's own marks are its author's; CJK quotes are not judged
        why = judge(doc, v, p)
        if why:
            q = v.quote
            fix = None
            if v.cue(p.distancing) and not q.reopen:
                # AP: "so-called" and quotation marks say the same thing twice. Unsafe: the writer
                # may have meant the marks and not the cue.
                fix = Fix((Edit(q.open, q.open + 1, ""), Edit(q.close, q.close + 1, "")), "unsafe",
                          "Remove the quotation marks (the cue already distances)")
            yield Hit(q.open, q.close + 1, {"term": " ".join(v.inner.split()), "why": why}, fix)


def judge(doc: Document, v: QuoteView, p: Prepared) -> str | None:
    """The reason `v` is a scare quote, or None when it is speech, a partial quote or a mention."""
    language = doc.language
    if not 0 < v.words <= p.max_words or "#" in v.inner:
        return None
    if v.words > 2 and (is_sentence(v.inner) or (not v.before.strip() and v.inner.lstrip()[:1].isupper())):
        return None  # an utterance ("Oh, corona is coming"), not a term
    cue = v.cue(p.distancing)
    if cue:
        return p.why_cue.format(cue=cue.group(1))
    if v.cue(p.denial):
        return p.why_denial
    if v.cue(p.mention) or v.cue(p.mention_after, after=True) or is_title_case(v.inner, language, v.inner_words):
        return None
    if in_enumeration(doc, v) or is_nickname(v) or in_compound(doc, v):
        return None  # "ums" and "ahs", « A », « B »: specimens listed side by side
    if v.inner.lstrip()[:1].isupper() and v.before.strip() and language not in NOUN_CAPITALISING:
        return None  # a capitalised term mid-sentence is a name (the "Bridgegate scandal")
    if v.before.rstrip().endswith(":"):
        return None  # introduced words (a slogan, a sign, a reply), not a term the writer doubts
    if p.verbs.search(v.before) or p.verbs.search(v.after) or p.according_to.search(v.before):
        return None  # a partial quote: the sentence names who said it
    if p.reported.search(v.before) or p.reported.search(v.after) or dialogue_tag(v, p.pronouns):
        return None  # Das sei "immens" / "Una negligencia", tente d'expliquer la ministre
    if v.paragraph.role == "headline" and _HEADLINE_SOURCE_RE.search(v.before):
        return None  # UN 'optimistic' over aid: a headline's named speaker, without a verb
    return p.why_plain
