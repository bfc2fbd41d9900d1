"""lexical.py: how a question's words are matched to the words the documents use."""

from __future__ import annotations

import pytest

from kcqa.lexical import LexicalIndex

CORPUS = [
    "Health workers in Kenya were trained to give the vaccine.",
    "The plant in Hyderabad, India, can make 40 million doses a year.",
    "Canada and Japan pledged money; Mexico did not.",
    "Sorvik supplies driverless trams to Aarhus in Denmark and to Utrecht in the Netherlands.",
    "The ship was found by Dr. Helena Marsh and her team.",
]


@pytest.fixture(scope="module")
def lex() -> LexicalIndex:
    return LexicalIndex.build(CORPUS)


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("How many Kenyan health workers were trained?", "kenya"),
        ("Where is the Indian plant?", "india"),
        ("what did the canadian government pledge", "canada"),
        ("Did the Japanese pledge money?", "japan"),
        ("Did Mexican officials pledge anything?", "mexico"),
        ("How many Kenyans were trained?", "kenya"),
        # demonyms no suffix rule turns into their country's name
        ("Which Danish city gets the trams?", "denmark"),
        ("Which Dutch city gets the trams?", "netherland"),
    ],
)
def test_a_demonym_matches_the_place_the_documents_name(lex, question, place):
    terms, names = lex.query_terms(question)
    assert place in terms
    assert lex.scores(terms)[[CORPUS.index(t) for t in CORPUS if place in t.lower()][0]] > 0


def test_a_known_word_is_not_read_as_a_demonym():
    lex = LexicalIndex.build(["The tax on fuel rose in Iraq and Israel."])
    assert lex.query_terms("How much is a taxi?", frozenset({"taxi"}))[0] == ["taxi"]  # not "tax-i"
    terms, _ = lex.query_terms("Iraqi and Israeli officials", frozenset({"officials"}))
    assert terms[:2] == ["iraq", "israel"]


def test_a_name_the_documents_do_not_use_stays_unknown(lex):
    terms, _ = lex.query_terms("Who is Marshall Brown?")
    assert not any(t in lex.vocab for t in terms)  # not taken for "Marsh"


def test_a_misspelt_word_is_read_as_the_nearest_word_of_the_documents(lex):
    terms, _ = lex.query_terms("how many helth workers were traned")
    assert terms == ["health", "worker", "train"]


def test_a_short_form_matches_what_the_documents_write_out():
    lex = LexicalIndex.build(["Chief executive Helen Marchetti said the firm was confident."])
    terms, names = lex.query_terms("Who is the CEO of the firm?")
    assert terms[:2] == ["chief", "execut"] and names[:2] == [False, False]
    assert lex.scores(terms)[0] > 0
    # a corpus that uses the short form itself keeps it
    own = LexicalIndex.build(["The CEO, Helen Marchetti, said the firm was confident."])
    assert own.query_terms("Who is the CEO?")[0] == ["ceo"]
    # "TV" and "EU" are no unknown names where the documents write "television", "European Union"
    tv = LexicalIndex.build(
        ["Without top-flight television money, the debt is heavy.", "The European Union paid."]
    )
    assert tv.query_terms("What TV money?") == (["televis", "money"], [False, False])
    assert tv.query_terms("What did the EU pay?")[0] == ["european", "union", "pay"]


def test_the_model_reads_a_question_with_its_typos_put_right(lex):
    assert lex.spelt("how meny helth workers were trainned") == "how many health workers were trained"
    # words the documents or the model know are left as they are, and so is the rest of the text
    assert lex.spelt("Where is the Indian plant?") == "Where is the Indian plant?"
    assert lex.spelt("Did Kenya's hospitals get doses?", frozenset({"hospitals", "get"})) == (
        "Did Kenya's hospitals get doses?"
    )


def test_a_word_is_a_name_as_the_documents_write_it_not_as_its_stem_is():
    lex = LexicalIndex.build(
        [
            "The National Medicines Authority reviews drugs for 31 member states.",
            "The regulator was set up by the National Assembly.",
        ]
    )
    terms, names = lex.query_terms("For how many nations does the regulator work?")
    assert dict(zip(terms, names, strict=True))["nation"] is False  # "nations", not "National"
    terms, names = lex.query_terms("Who heads the national authority?")
    assert dict(zip(terms, names, strict=True))["nation"] is True
    terms, names = lex.query_terms("who heads the natinal authority")  # misspelt, read as "national"
    assert dict(zip(terms, names, strict=True))["nation"] is True


def test_a_possessive_or_accented_name_in_a_question_is_a_name(lex):
    # "Marsh's" and "Díaz-Canel" are names, like "Marsh" and "Diaz Canel"
    terms, names = lex.query_terms("What did Helena Marsh's team find, and did Díaz-Canel see it?")
    flagged = dict(zip(terms, names, strict=True))
    assert flagged["marsh"] and flagged["helena"]
    assert flagged["diaz"] and flagged["canel"]
    assert not flagged["team"]


@pytest.mark.parametrize("question", ["What did the U.S. announce?", "What did the US announce?"])
def test_the_united_states_written_short_is_a_term_not_the_stop_word_us(question):
    lex = LexicalIndex.build(["The U.S. announced a ban on cigars.", "Britain announced new rules for us."])
    terms, _ = lex.query_terms(question)
    assert "usa" in terms
    scores = lex.scores(terms)
    assert scores[0] > scores[1]


def test_a_name_signed_outside_the_sentences_is_a_name_however_it_is_typed():
    lex = LexicalIndex.build(
        ["I drove down the highway with my dog in the back seat.", "Mayor Ann Lee thanked the crews."],
        around=["The day the mountain burned\nPosted by Mara Ellison on March 11 · Share this page"],
    )
    terms, names = lex.query_terms("what is the name of mara ellison's dog")
    named = dict(zip(terms, names, strict=True))
    assert named == {"name": False, "mara": True, "ellison": True, "dog": False}
    # the page's other words are no names ("share", "mountain")
    assert not {"share", "mountain", "day"} & lex.proper


def test_a_typo_is_read_as_the_nearest_word_the_documents_use_most():
    lex = LexicalIndex.build(
        [
            "Fire Chief Leland Barros said the crews were ready.",
            "The chief of the fire service thanked the volunteers.",
            "A chef filmed the ride down the mountain.",
        ]
    )
    # "chief" and "chef" are both one edit from "chuef": the documents use "chief" more
    assert lex.spelt("who is the fire chuef") == "who is the fire chief"
    # a misspelt word of a question's frame is read as that word, not as a content word
    terms, _ = lex.query_terms("accoording to the fire service, who is the chuef")
    assert terms == ["fire", "servic", "chief"]
    # ... as is a misspelt "against", no term to look for and no unknown word either
    assert lex.spelt("who voted agianst the chief") == "who voted against the chief"
    assert lex.query_terms("who voted agianst the chief")[0] == ["vote", "chief"]


def test_a_role_in_another_gender_form_matches_the_documents_word():
    lex = LexicalIndex.build(
        ["Authority spokeswoman Lena Brightwater said the work was done.", "Chairmen met."]
    )
    assert lex.query_terms("Who is the spokesperson?")[0] == lex.query_terms("the spokeswoman")[0]
    assert lex.query_terms("Where did the chairpersons meet?")[0][0] == "chairmen"
    assert lex.query_terms("Who is the spokesman?")[0] != lex.query_terms("Who is the mailman?")[0]
