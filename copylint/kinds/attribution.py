"""Direct quotations that no reader could attribute (the labelling guide's five routes to a speaker)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from copylint import regexes
from copylint.document import Document
from copylint.finding import Hit
from copylint.kinds.context import (
    QuoteView,
    any_of,
    cue_after,
    cue_before,
    dialogue_tag,
    in_enumeration,
    introduces,
    is_sentence,
    is_title_case,
    neighbour_text,
    unjudged_script,
    views,
    views_in,
)
from copylint.kinds.options import CLITIC_RE, Lexicon, Option
from copylint.record import Record

TYPE_CHECKING = False  # importing typing costs 5 ms; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Any

OPTIONS = {
    "speech_verbs": Option("words", ["@speech-verbs"], "Verbs and phrases that attribute words to a speaker."),
    "mention_cues": Option("regexes", ["@mention-cues"], "Cues before a quotation that name words rather than report them."),
    "mention_after": Option("regexes", ["@mention-after"], "Cues after a quotation that make it a name (the \"X\" campaign)."),
    "min_words": Option("int", 5, "A quoted fragment of this many words or more counts as direct speech."),
    "allow_floating": Option("bool", False, "Accept a quote paragraph whose speaker is named only in the paragraph before."),
    "transcript_label": Option("regex", r"(?:\(\([^()]{1,40}\)\)|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}:)\s", "A speaker label that opens a transcript paragraph (matched at the paragraph start)."),
    "headline_credit": Option("regex", r"\s*:\s*\w", "In a headline, what names the speaker after a quotation (\"Worst day of my life\": survivor)."),
    "according_to": Option("regexes", ["@according-to"], "Attributions that are not a verb (In her words, \"…\"; Para la ministra, \"…\"), matched in the quote's sentence before it."),
    "reported_speech": Option("words", ["@reported-speech"], "Verb forms that mark their own sentence as reported speech (German Konjunktiv I: sei, habe), when the paragraph names a speaker."),
    "pronouns": Option("words", ["@subject-pronouns"], "Subject pronouns, which make a short clause after a quotation a dialogue tag (\"…,\" she grumbles)."),
    "question_verbs": Option("words", ["@question-verbs"], "Verbs that put a question in reported form (asked him whether …); the sentence after names the person asked as the speaker of a quotation."),
    "question_conjunctions": Option("words", ["@question-conjunctions"], "The conjunctions that open such a question (whether, if, ob, si), within 40 characters after the verb."),
    "dash_credit": Option("regex", r"\s*[,.]?\s*(?:—|–|--|-)\s*[A-Z(@]", "A dash credit line after a quotation (— Ann Lee), matched right after the closing mark or at the start of the next paragraph."),
}
FIELDS = frozenset({"words", "excerpt"})


class Prepared(Record):
    __slots__ = ("verbs", "mention", "mention_after", "min_words", "allow_floating", "label", "headline_credit",
                 "according_to", "reported", "pronouns", "dash", "indirect_question")

    verbs: Lexicon
    mention: re.Pattern[str]
    mention_after: re.Pattern[str]
    min_words: int
    allow_floating: bool
    label: re.Pattern[str]
    headline_credit: re.Pattern[str]
    according_to: re.Pattern[str]
    reported: Lexicon
    pronouns: frozenset[str]
    dash: re.Pattern[str]
    indirect_question: re.Pattern[str]

    def __init__(self, verbs: Lexicon, mention: re.Pattern[str], mention_after: re.Pattern[str], min_words: int,
                 allow_floating: bool, label: re.Pattern[str], headline_credit: re.Pattern[str],
                 according_to: re.Pattern[str], reported: Lexicon, pronouns: frozenset[str], dash: re.Pattern[str],
                 indirect_question: re.Pattern[str]) -> None:
        self.verbs = verbs
        self.mention = mention
        self.mention_after = mention_after
        self.min_words = min_words
        self.allow_floating = allow_floating
        self.label = label
        self.headline_credit = headline_credit
        self.according_to = according_to
        self.reported = reported
        self.pronouns = pronouns
        self.dash = dash
        self.indirect_question = indirect_question


def prepare(options: dict[str, Any]) -> Prepared:
    return Prepared(
        Lexicon(options["speech_verbs"]),
        cue_before(options["mention_cues"]),
        cue_after(options["mention_after"]),
        options["min_words"],
        options["allow_floating"],
        regexes.compile(options["transcript_label"]),
        regexes.compile(options["headline_credit"]),
        any_of(options["according_to"]),
        Lexicon(options["reported_speech"]),
        frozenset(w.lower() for w in options["pronouns"]),
        regexes.compile(options["dash_credit"]),
        _indirect_question(options["question_verbs"], options["question_conjunctions"]),
    )


def _indirect_question(verbs: list[str], conjunctions: list[str]) -> re.Pattern[str]:
    """An indirect question put to someone: asked (him) whether / fragen sie, ob / demandé si."""
    if not verbs or not conjunctions:
        return regexes.compile("(?!)")
    return regexes.compile(rf"\b(?:{'|'.join(map(re.escape, verbs))})\b[^.!?]{{0,40}}?,?\s"
                           rf"(?:{'|'.join(map(re.escape, conjunctions))})\b", re.IGNORECASE)


def check(doc: Document, p: Prepared) -> Iterator[Hit]:
    quote_views = views(doc)
    turns_from = _transcript_start(doc, p) if quote_views else 0  # (a third of all stories quote no one)
    for v in quote_views:
        q = v.quote
        if v.paragraph.index >= turns_from or unjudged_script(v.inner):
            continue  # a Q&A answer's quotes belong to its speaker; CJK quotes are not judged
        # Both tests are pure; the speaker is asked about first because most quotations have one
        # ("…," he said), which spares the cue searches of is_direct.
        if not is_attributed(doc, v, p) and is_direct(doc, v, p):
            excerpt = " ".join(v.inner.split()[:6])
            yield Hit(q.open, q.open + 1, {"words": v.words, "excerpt": excerpt})
    yield from _blockquotes(doc, p)


def _transcript_start(doc: Document, p: Prepared) -> int:
    """Index of the first paragraph of a Q&A transcript, or past the end when the story is not
    one. A transcript is a run of paragraphs of which at least a third open with a speaker label
    (`((WN))`, `SMITH:`), three at least; a subhead or two that open with `Name:` do not make
    one. Paragraphs after a labelled one continue that speaker's answer."""
    labelled = [para.index for para in doc.paragraphs if p.label.match(doc.text, para.start)]
    if len(labelled) < 2:
        return len(doc.paragraphs)
    span = len(doc.paragraphs) - labelled[0]
    if len(labelled) == 2 and span <= 4 or len(labelled) >= 3 and 3 * len(labelled) >= span:
        return labelled[0]
    return len(doc.paragraphs)


def _blockquotes(doc: Document, p: Prepared) -> Iterator[Hit]:
    """A blockquote (Markdown >, HTML <blockquote>) without quotation marks of its own is itself the
    quotation: it needs a colon introduction before it, or an attribution line after it (— Name,
    or a sentence with a speech verb). One that carries marks is judged quote by quote above."""
    paras = doc.paragraphs
    k = 0
    while k < len(paras):
        if paras[k].role != "blockquote":
            k += 1
            continue
        j = k
        while j + 1 < len(paras) and paras[j + 1].role == "blockquote":
            j += 1
        start, end = paras[k].start, paras[j].end
        if not any(start <= q.open < end for q in doc.quotes) and not _block_attributed(doc, k, j, p):
            text = doc.text[start:end]
            yield Hit(start, start + 1, {"words": len(text.split()), "excerpt": " ".join(text.split()[:6])})
        k = j + 1


def _block_attributed(doc: Document, first: int, last: int, p: Prepared) -> bool:
    paras = doc.paragraphs
    if first > 0 and introduces(doc, paras[first - 1]):
        return True
    if last + 1 < len(paras):
        after = paras[last + 1]
        lead = after.sentences[0] if after.sentences else None
        if p.dash.match(doc.text, after.start) or (lead and p.verbs.search(doc.narrative[lead.start : lead.end])):
            return True
    return False


def is_direct(doc: Document, v: QuoteView, p: Prepared) -> bool:
    """A complete utterance, or a fragment long enough to be someone's words, and not a title."""
    if v.words == 0 or v.cue(p.mention) or v.cue(p.mention_after, after=True) or is_title_case(v.inner, words=v.inner_words):
        return False
    if in_enumeration(doc, v):
        return False  # « Dessiner une affiche », « Rédiger un tract »: quoted items named in a list
    if v.words >= p.min_words:
        return True
    introduced = v.before.strip()[-1:] in ("", ":", "–", "—")
    if introduced and v.words >= 4 and v.inner.lstrip()[:1].isupper() and not v.after.strip(" .!?"):
        return True  # a paragraph (or headline clause after a dash) that is only the quotation
    return is_sentence(v.inner) and introduced


def is_attributed(doc: Document, v: QuoteView, p: Prepared) -> bool:
    """Any of the labelling guide's routes to a speaker. A quotation nested in another is judged
    inside the enclosing quotation's sentence only."""
    if any(route(doc, v, p) for route in _IN_SENTENCE):
        return True
    if v.nested:
        return bool(p.dash.match(v.after))
    return any(route(doc, v, p) for route in _AROUND)


def _speech_verb(doc: Document, v: QuoteView, p: Prepared) -> bool:
    """`"…," she said.` / `said Smith` / `The statement read: "…"` / `according to X`."""
    return bool(p.verbs.search(v.before) or p.verbs.search(v.after) or v.before.rstrip().endswith(":"))


def _verbless(doc: Document, v: QuoteView, p: Prepared) -> bool:
    """`In her words, "…"` / `Para la ministra, “…”` / a colon earlier in the sentence whose words
    the quotation restates (`a message: The Earth has a deadline, “La Terra …”`)."""
    return bool(p.according_to.search(v.before) or _COLON_INTRO_RE.search(v.before))


def _tagged(doc: Document, v: QuoteView, p: Prepared) -> bool:
    return dialogue_tag(v, p.pronouns) or _incise(v.inner, p)


def _credit(doc: Document, v: QuoteView, p: Prepared) -> bool:
    """`"…" — Ann Lee` after the quotation or opening the next paragraph; a headline's `: survivor`."""
    if p.dash.match(v.after) or (not v.after.strip() and _next_paragraph_is_credit(doc, v, p)):
        return True
    return v.paragraph.role == "headline" and bool(p.headline_credit.match(v.after))


def _neighbour_verb(doc: Document, v: QuoteView, p: Prepared) -> bool:
    """A speech verb in the sentence just before or after, in the same paragraph."""
    return bool(p.verbs.search(neighbour_text(doc, v, -1)) or p.verbs.search(neighbour_text(doc, v, +1)))


def _opening_routes(doc: Document, v: QuoteView, p: Prepared) -> bool:
    """An answer after a question; `SMITH: "…"`; `The minister said:` ⏎ `"…"`; and, where the
    house allows them, floating quotes after a paragraph with a speech verb."""
    para = v.paragraph
    if not v.before.strip() and _answers_question(doc, v, p):
        return True
    if v.sentence == 0 and p.label.match(doc.text, para.start):
        return True
    if v.sentence == 0 and para.index > 0:
        prev = doc.paragraphs[para.index - 1]
        if introduces(doc, prev):
            return True
        if p.allow_floating and not v.before.strip() and p.verbs.search(doc.narrative[prev.start : prev.end]):
            return True
    return False


# An incise inside the quotation: « …, explique-t-elle. … » or “… – scrivono gli attivisti – …”.
_INCISE_RE = regexes.compile(r"[,–—]\s*([^,.;:!?–—«»“”\"]{2,60}?)\s*(?=[,.;:!?–—])")


def _incise(inner: str, p: Prepared) -> bool:
    for m in _INCISE_RE.finditer(inner):
        clause = m.group(1)
        if len(clause.split()) <= 6 and (p.verbs.search(clause) or CLITIC_RE.search(clause.split()[0])):
            return True
    return False


# A colon earlier in the quotation's sentence, introducing what follows (the quotation restates or
# translates the words right after the colon).
_COLON_INTRO_RE = regexes.compile(r":\s+[^:;.!?]{1,60},\s*$")
_NAME_CREDIT_RE = regexes.compile(r"\s*[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]+){0,2}\s*[.,]?\s*$")


def _name_credit(doc: Document, v: QuoteView, p: Prepared) -> bool:
    """A quotation followed by a bare name: `"…" Kheradpir.` (the speech verb lost in editing or
    extraction; the reader still knows who spoke), also when the name ends up a sentence of its
    own, and the quotation right after such a name."""
    if v.nested or v.before.strip():
        return False
    if v.after.strip():
        return bool(_NAME_CREDIT_RE.match(v.after))
    return any(_NAME_CREDIT_RE.fullmatch(neighbour_text(doc, v, step)) for step in (1, -1))


def _reported_speech(doc: Document, v: QuoteView, p: Prepared) -> bool:
    """German reported speech (Konjunktiv I: Sie wolle "…"; Das sei "…"): a quotation in a
    sentence whose verb is in the reporting mood belongs to the speaker the paragraph names,
    with a speech verb, or to the personal pronoun that is the subject of that verb."""
    if not (p.reported.search(v.before) or p.reported.search(v.after)):
        return False
    return _paragraph_names_speaker(doc, v, p) or _pronoun_reports(v.before, p)


def _paragraph_names_speaker(doc: Document, v: QuoteView, p: Prepared) -> bool:
    return bool(p.verbs.search(doc.narrative[v.paragraph.start : v.paragraph.end]))


def _pronoun_reports(text: str, p: Prepared) -> bool:
    """A personal pronoun next to a reporting-mood verb (sie wolle, habe er): its subject speaks."""
    tokens = text.lower().split()
    return any(tokens[k] in p.pronouns and p.reported.search(" ".join(tokens[max(0, k - 1) : k + 2]))
               for k in range(len(tokens)) if tokens[k] not in ("es", "it", "das"))


def _between_reported(doc: Document, v: QuoteView, p: Prepared) -> bool:
    """A quotation beside a sentence of reported speech (Er sei …), in a paragraph that names its
    speaker with a speech verb: the labelling guide's German rule, the subjunctive carries the
    attribution of the speaker named in the same paragraph."""
    beside = neighbour_text(doc, v, -1) + " " + neighbour_text(doc, v, +1)
    return bool(p.reported.search(beside)) and _paragraph_names_speaker(doc, v, p)


def _beside_tagged(doc: Document, v: QuoteView, p: Prepared) -> bool:
    """A quotation in the sentence right after (or before) one whose dialogue tag names the
    speaker, in the same paragraph: `"…," Smith interjected. "Do you dispute that?"`"""
    for other in views_in(doc, v.paragraph.index):
        if other is v or other.nested or not dialogue_tag(other, p.pronouns):
            continue
        if abs(other.sentence - v.sentence) == 1:
            return True
        if other.sentence == v.sentence and 0 < v.quote.open - other.quote.close < 60:
            return True  # "…," reads the statement, "…": one quotation interrupted by its tag
    return False


def _answers_question(doc: Document, v: QuoteView, p: Prepared) -> bool:
    """An answer quoted right after a question put to someone in the sentence before (same
    paragraph): the person asked is the speaker."""
    para = v.paragraph
    if v.sentence == 0:
        return False
    s = para.sentences[v.sentence - 1]
    prev = doc.narrative[s.start : s.end].rstrip()
    return (prev.endswith("?") and bool(prev.strip(" ?"))) or bool(p.indirect_question.search(prev))


# The routes in order of cost; the second group does not apply to nested quotations.
_IN_SENTENCE = (_speech_verb, _verbless, _tagged, _name_credit, _reported_speech)
_AROUND = (_credit, _neighbour_verb, _beside_tagged, _between_reported, _opening_routes)


def _next_paragraph_is_credit(doc: Document, v: QuoteView, p: Prepared) -> bool:
    close_para = doc.paragraph_at(v.quote.close)
    k = close_para.index + 1
    return k < len(doc.paragraphs) and bool(p.dash.match(doc.text, doc.paragraphs[k].start))
