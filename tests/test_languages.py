"""Language awareness: detection, configuration, per-language word lists, and attribution and
scare-quote judgements in English, Spanish, Portuguese, French, German and Italian.

Every sentence here is invented for the test."""

from __future__ import annotations

import subprocess
import sys

import pytest

from copylint.engine import lint_text, load_document
from copylint.language import detect, normalise
from copylint.rule import load_rules

RULES = load_rules()

STORIES = {
    "en": "The council voted on Tuesday to close the old bridge, which has been in use since the war, and the mayor said that work would start in the spring.",
    "es": "El ayuntamiento votó el martes para cerrar el viejo puente, que está en uso desde la guerra, y el alcalde dijo que las obras comenzarán en la primavera.",
    "pt": "A câmara votou na terça-feira para fechar a velha ponte, que está em uso desde a guerra, e o prefeito disse que as obras vão começar na primavera.",
    "fr": "Le conseil a voté mardi la fermeture du vieux pont, qui est en service depuis la guerre, et le maire a dit que les travaux commenceront au printemps.",
    "de": "Der Gemeinderat hat am Dienstag für die Schließung der alten Brücke gestimmt, die seit dem Krieg in Betrieb ist, und der Bürgermeister sagte, die Arbeiten würden im Frühling beginnen.",
    "it": "Il consiglio ha votato martedì per chiudere il vecchio ponte, che è in uso dalla guerra, e il sindaco ha detto che i lavori inizieranno in primavera.",
}


@pytest.mark.parametrize("language", sorted(STORIES))
def test_detects_the_language_of_one_sentence(language):
    assert detect(STORIES[language]) == language


def test_too_little_text_falls_back_to_the_default():
    assert detect("Bridge closed") == "en"
    assert detect("", default="fr") == "fr"


def test_scripts_decide_by_themselves():
    assert detect("市政府周二宣布关闭旧桥。" * 5) == "zh"


def test_language_tags_are_normalised():
    assert normalise("pt-BR") == "pt" and normalise("es_AR") == "es" and normalise("FR") == "fr"
    assert normalise("not a tag") is None and normalise(3) is None


def test_front_matter_and_html_lang_set_the_language():
    md = "---\ntitle: Puente cerrado\nlang: es-MX\n---\n\nThe council voted to close the bridge on Tuesday.\n"
    assert load_document(md, "s.md", "markdown").language == "es"
    html = '<html lang="de"><body><p>The council voted to close the bridge on Tuesday.</p></body></html>'
    assert load_document(html, "s.html", "html").language == "de"


def test_configured_language_wins_over_detection():
    assert load_document(STORIES["en"], language="fr").language == "fr"
    assert load_document(STORIES["en"], language="auto").language == "en"


def _quote_findings(text: str, language: str | None = None) -> list[str]:
    return [f"{f.line}:{f.column} {f.rule}" for f in lint_text(text, RULES, language=language)
            if f.rule in ("unattributed-quote", "scare-quotes")]


# Dialogue tags: a quotation closed by , ? ! and followed by a subject beside a verb names its
# speaker, whatever the verb (none of these verbs is in a list).
@pytest.mark.parametrize("text", [
    '"We have waited long enough for this bridge to open," the coach grumbles.',
    '"Will anyone ever pay for the damage to the old bridge?" she wondered.',
    '"We have waited long enough for this bridge to open," grumbled Ann Lee.',
    "« Nous avons attendu ce pont pendant des années entières », soupire-t-il.",
    "“Hemos esperado este puente durante muchos años enteros”, cuenta la vecina.",
    "„Wir haben jahrelang auf diese Brücke gewartet, das ist zu lang“, seufzte er.",
    "“Esperamos por esta ponte há muitos anos e não vamos desistir agora”, suspirou ela.",
])
def test_dialogue_tags_attribute_whatever_the_verb(text):
    assert _quote_findings(text) == []


@pytest.mark.parametrize("text", [
    'As she put it, "we have waited for this bridge for far too many years."',
    'In his words, "the bridge has become a symbol of everything that is wrong."',
    "Para la alcaldesa, “el puente es un símbolo de todo lo que está mal en la ciudad”.",
    "« Ce pont, explique-t-elle, est devenu le symbole de tout ce qui ne va pas. »",
    "“Questo ponte – spiegano gli ingegneri – è diventato un simbolo di tutto ciò che non va.”",
    "Die Bürgermeisterin sagte am Montag, das Projekt sei „ein Symbol für alles, was schiefläuft“.",
    "Die Bürgermeisterin ist wütend. Sie wolle „keine weiteren Verzögerungen bei dieser Brücke mehr hinnehmen“, und sie werde das Projekt nicht aufgeben.",
])
def test_attributions_without_a_listed_verb_before_the_quote(text):
    assert _quote_findings(text) == []


def test_an_answer_after_a_question_belongs_to_the_person_asked():
    text = "The reporter asked the mayor whether the bridge would open. Would it open this year? \"Not before the spring, and perhaps not even then.\""
    assert _quote_findings(text) == []


@pytest.mark.parametrize("text, expect", [
    ("Puente cerrado\n\nLa obra se retrasó otra vez.\n\n“Es una vergüenza para toda la ciudad y para los vecinos.”\n", ["5:1 unattributed-quote"]),
    ("Ponte fechada\n\nA obra atrasou outra vez.\n\n“É uma vergonha para toda a cidade e para os vizinhos.”\n", ["5:1 unattributed-quote"]),
    ("Pont fermé\n\nLe chantier a encore pris du retard.\n\n« C'est une honte pour toute la ville et pour les voisins. »\n", ["5:1 unattributed-quote"]),
    ("Brücke gesperrt\n\nDie Baustelle hat sich wieder verzögert.\n\n„Das ist eine Schande für die ganze Stadt und die Nachbarn.“\n", ["5:1 unattributed-quote"]),
    ("Ponte chiuso\n\nIl cantiere è di nuovo in ritardo.\n\n“È una vergogna per tutta la città e per i vicini.”\n", ["5:1 unattributed-quote"]),
])
def test_floating_quotes_are_reported_in_every_language(text, expect):
    assert _quote_findings(text) == expect


@pytest.mark.parametrize("text, column", [
    ("El gobierno defendió los llamados «ajustes» del presupuesto en el congreso.", 35),
    ("O governo defendeu os chamados “ajustes” do orçamento no congresso.", 32),
    ("Le gouvernement a défendu les soi-disant « ajustements » du budget à l'Assemblée.", 42),
    ("Die Regierung verteidigte die sogenannten „Anpassungen“ des Haushalts im Parlament.", 43),
    ("Il governo ha difeso i cosiddetti “aggiustamenti” del bilancio in parlamento.", 35),
])
def test_distancing_cues_make_scare_quotes_in_every_language(text, column):
    assert text[column - 1] in "«“„"
    assert _quote_findings(text) == [f"1:{column} scare-quotes"]


@pytest.mark.parametrize("text", [
    "El ministro calificó el plan de «irresponsable» durante la sesión del congreso.",
    "Le ministre a qualifié le plan d'« irresponsable » lors de la séance de l'Assemblée.",
    "Der Minister nannte den Plan „unverantwortlich“ und verließ die Sitzung im Parlament.",
    "Das sei „unverantwortlich“ und schade dem Land, hieß es aus dem Ministerium in Berlin.",
    "Kritiker verwenden Begriffe wie „Betonwüste“ oder „Geisterbrücke“ für das Projekt der Stadt.",
    "Il ministro ha definito il piano «irresponsabile» durante la seduta del parlamento.",
])
def test_partial_quotes_and_mentions_are_not_scare_quotes(text):
    assert _quote_findings(text) == []


def test_german_nouns_are_not_names_because_they_are_capitalised():
    text = "Die Stadt hat das Überqueren der Brücke zur „Ordnungswidrigkeit“ gemacht, ohne die Anwohner zu fragen."
    assert text[44] == "„" and _quote_findings(text) == ["1:45 scare-quotes"]


def test_a_story_in_a_language_without_lists_is_not_judged_but_said_so(tmp_path):
    story = tmp_path / "verhaal.txt"
    story.write_text("AMSTERDAM (ANP) - Het kabinet heeft dinsdag besloten dat de nieuwe wet niet wordt ingevoerd. "
                     "\"Dit is een zeer slechte zaak voor het land,\" aldus een woordvoerder van de partij die ertegen was.\n",
                     encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "copylint", "check", "--no-cache", str(story)],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stderr == ("copylint: 1 story in 'nl' not judged by scare-quotes, unattributed-quote: no word lists "
                          "for that language (set `language` in the configuration if it was misread)\n")
    assert [f.rule for f in lint_text(story.read_text(encoding="utf-8"), RULES)] == []


def test_configured_language_and_show_settings(tmp_path):
    (tmp_path / ".copylint.yaml").write_text("language: es\n", encoding="utf-8")
    story = tmp_path / "s.txt"
    story.write_text(STORIES["en"] + "\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "copylint", "check", "--show-settings", str(story)],
                         capture_output=True, text=True, cwd=tmp_path)
    assert "language: es\n" in run.stdout
    assert f"story language ({story}): es (configured)\n" in run.stdout


def test_a_bad_language_setting_is_a_configuration_error(tmp_path):
    (tmp_path / ".copylint.yaml").write_text("language: [es]\n", encoding="utf-8")
    story = tmp_path / "s.txt"
    story.write_text(STORIES["en"] + "\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "copylint", "check", str(story)], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 2
    assert "`language` must be auto or a language code" in run.stderr and "Traceback" not in run.stderr


def test_house_option_override_applies_to_every_language():
    rule = next(r for r in RULES if r.id == "scare-quotes")
    narrowed = rule.with_options({"max_words": 0})
    assert narrowed.prepared_for("es").max_words == 0 and narrowed.prepared_for("en").max_words == 0
    assert rule.prepared_for("nl") is None and rule.languages == ("de", "en", "es", "fr", "it", "pt")


@pytest.mark.parametrize("text", [
    '"We have to start the work on the bridge somewhere." Kheradpir. "And the spring is the right time."',
    '"The military may once have had reasons for this," reads the judge\'s statement, "but those reasons are gone now."',
    '"If you wanted a bridge, you would have voted for one," read one of the placards.',
])
def test_name_credits_interrupted_quotes_and_indefinite_speakers(text):
    assert _quote_findings(text) == []


def test_german_reported_speech_beside_a_quotation_carries_the_paragraph_speaker():
    text = ("Die Bürgermeisterin sagte am Montag vor dem Rat, die Brücke sei zu alt. "
            "„Wir können das nicht länger verantworten.“ Die Sanierung koste zu viel Geld.\n")
    assert _quote_findings(text) == []
    floating = ("Die Brücke ist seit dem Winter gesperrt.\n\n"
                "Die Sanierung sei zu teuer. „Wir können das nicht länger verantworten.“\n")
    assert _quote_findings(floating) == ["3:29 unattributed-quote"]


@pytest.mark.parametrize("text", [
    "“En 2019 presentamos el proyecto para limitar los indultos”, justificó.",
    "“Em 2019 apresentamos o projeto para limitar os indultos”, afirmou.",
])
def test_a_subjectless_verb_after_the_quotation_is_a_tag(text):
    assert _quote_findings(text) == []


def test_a_lone_word_after_a_quotation_that_ends_a_sentence_needs_a_comma_to_be_a_tag():
    assert _quote_findings("Bridge closed\n\nThe council met.\n\n\"We will never reopen this bridge to traffic\" today.\n") == ["5:1 unattributed-quote"]


def test_words_introduced_by_a_colon_and_restated_in_quotation_marks_are_attributed():
    text = "The banner carried one message: Save the bridge, “Salvate il ponte”, in two languages."
    assert _quote_findings(text) == []


def test_json_findings_carry_the_story_language(tmp_path):
    import json

    story = tmp_path / "s.txt"
    story.write_text("Puente cerrado\n\nLa obra se retrasó otra vez.\n\n“Es una vergüenza para toda la ciudad y para los vecinos.”\n",
                     encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "copylint", "check", "--format", "json", str(story)],
                         capture_output=True, text=True, cwd=tmp_path)
    found = json.loads(run.stdout)
    assert {(f["rule"], f["line"], f["column"], f["language"]) for f in found} == {
        ("missing-dateline", 3, 1, "es"), ("unattributed-quote", 5, 1, "es")}
    again = subprocess.run([sys.executable, "-m", "copylint", "check", "--format", "json", str(story)],
                           capture_output=True, text=True, cwd=tmp_path)
    assert json.loads(again.stdout) == found  # the results cache keeps the language too


def test_a_decisive_opening_settles_the_language_and_a_mixed_one_reads_on(monkeypatch):
    from copylint import language

    english = "The mayor said that the plan for the harbour was approved by the council on Monday. " * 12
    spanish = "El alcalde dijo que el plan para el puerto fue aprobado por el consejo el lunes. " * 12
    looked: list[int] = []
    real = language._scores
    monkeypatch.setattr(language, "_scores", lambda sample: looked.append(len(sample)) or real(sample))
    assert language.detect(english + spanish) == "en" and max(looked) <= language._FIRST_LOOK  # settled early
    looked.clear()
    assert language.detect(english[:1100]) == "en" and len(looked) == 1 and looked[0] <= language._FIRST_LOOK  # short wire copy too
    looked.clear()
    mixed = ". ".join(e + ". " + s for e, s in zip(english.split(". "), spanish.split(". "))) * 2
    verdict = language.detect(mixed)
    assert len(looked) == 2 and looked[1] == language._SAMPLE  # no clear lead in the opening: read on
    counts, _ = real(mixed[: language._SAMPLE])
    assert verdict == max(counts, key=counts.__getitem__) and {"en", "es"} <= set(counts)
