"""What an answer shows, with the real model over the seeds: a fact reported by several outlets
comes back as one item with each source, differing figures are shown with their sources (and only
when they differ), near-topic questions the articles do not answer get "not found", and answer
passages are complete sentences (no "It ..." without what "it" is)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kcqa.evidence import sentence_text

DATA = Path(__file__).resolve().parent / "data"
SEEDS = DATA.parent.parent / "seeds"
QUESTIONS = json.loads((DATA / "questions_seeds.json").read_text(encoding="utf-8"))["questions"]
PRONOUN_START = re.compile(r"^(?:It|They|He|She|This|These|Those|Its|Their)\b")


def reads_back(engine, passage) -> bool:
    text = (engine.settings.sources / passage.source).read_text(encoding="utf-8")
    return text[passage.start : passage.end] == passage.text


def test_a_fact_reported_by_several_outlets_is_one_item_with_each_source(real_engine):
    answer = real_engine.ask("When did South Korea and Cuba establish diplomatic relations?")
    first = answer.passages[0]
    assert "Feb. 14" in first.text or "February 14" in first.text
    sources = [first.source, *(p.source for p in first.also)]
    assert len(set(sources)) == len(sources) >= 3  # one citation per outlet
    assert all(reads_back(real_engine, p) for p in (first, *first.also))
    # the grouped item is one answer item: what it groups is not repeated as further passages
    also_texts = {p.text for p in first.also}
    assert not any(p.text in also_texts for p in answer.passages[1:])
    # and the date is not a conflict: every outlet gives Feb. 14
    assert answer.conflicts == []


def test_reports_giving_different_counts_are_not_grouped_as_one_fact(tmp_path, model_cache):
    # "The four injured workers were treated for smoke inhalation" and "Three employees were
    # treated for smoke inhalation" disagree: neither is "also reported by" the other
    answer = engine_over(tmp_path / "battery", model_cache, story("train_battery")).ask(
        "How many workers were injured?"
    )
    four = next(p for p in answer.passages if "four injured workers" in p.text)
    assert not any("Three" in q.text or "three" in q.text for q in four.also), [q.text for q in four.also]
    assert answer.conflicts, answer.text


def test_reports_of_close_but_different_counts_are_not_one_fact_though_they_share_a_small_one(
    tmp_path, model_cache
):
    # "recalled 43,500 units ... across six European markets" and "recalling 41,000 of its Strada 2
    # scooters in six European countries": the six is shared, the counts recalled differ
    answer = engine_over(tmp_path / "recall", model_cache, story("train_recall")).ask(
        "How many scooters is Ardenvolt recalling?"
    )
    for p in answer.passages:
        counts = {n for n in ("43,500", "41,000") for q in (p, *p.also) if n in q.text}
        assert len(counts) <= 1, [p.text, *(q.text for q in p.also)]


@pytest.mark.parametrize(
    "question",
    ["when did south korea and cuba establish ties", "WHEN DID SOUTH KOREA AND CUBA ESTABLISH TIES?"],
)
def test_a_question_typed_without_capitals_reads_its_names_as_the_documents_write_them(real_engine, question):
    # "south korea" is read as South Korea, not as its namesake North Korea (ties set up in 1960)
    first = real_engine.ask(question).passages[0]
    assert "Feb. 14" in first.text or "February 14" in first.text, first.text
    assert "1960" not in first.text


def test_differing_trade_figures_are_shown_each_with_its_source(real_engine):
    answer = real_engine.ask("What was the value of trade between South Korea and Cuba in 2022?")
    assert answer.conflicts, answer.text
    claims = answer.conflicts[0].claims
    by_source = {c.passage.source: c.value for c in claims}
    assert len(by_source) >= 3
    values = " | ".join(by_source.values())
    for figure in ("96 million", "21 million", "$14 million"):
        assert figure in values
    assert "two million" not in values  # the same sentence's trade with North Korea
    assert all(reads_back(real_engine, c.passage) for c in claims)
    assert "differ" in answer.text.lower()


BRIDGE_PAGES = {
    "bridge.txt": "Millbrook to repair Elm Street bridge\n\n"
    "Millbrook council approved repairs to the Elm Street bridge on Tuesday. The work will cost $4.2 "
    "million and take eight months, the council said.\n\n"
    "Mayor Dana Ruiz said the bridge, built in 1961, carries 9,000 vehicles a day.\n",
    "bridge2.txt": "Elm Street bridge to close for repairs\n\n"
    "The Elm Street bridge in Millbrook will close in June for repairs costing about $4.5 million, the "
    "council said on Tuesday.\n\n"
    "The repairs follow an inspection that found corroded beams.\n",
}


def test_a_figure_in_a_sentence_leaning_on_the_one_before_is_compared(tmp_path, model_cache):
    # "The work will cost $4.2 million" is about the bridge repairs the sentence before it names
    engine = engine_over(tmp_path / "bridge", model_cache, BRIDGE_PAGES)
    answer = engine.ask("How much will the bridge repairs cost?")
    assert answer.conflicts, answer.text
    by_source = {c.passage.source: c.value for c in answer.conflicts[0].claims}
    assert by_source == {"bridge2.txt": "about $4.5 million", "bridge.txt": "$4.2 million"}, answer.text
    assert all(reads_back(engine, c.passage) for c in answer.conflicts[0].claims)


def test_a_copied_page_does_not_show_one_sentence_twice(tmp_path, model_cache):
    # the same article saved under two names: its sentences are shown once, the copy is no second
    # outlet "also reporting" them, and it does not push the answer out of the first three
    page = (SEEDS / "000_c4f3c2872cd10720.txt").read_text(encoding="utf-8")
    engine = engine_over(tmp_path / "copies", model_cache, {"a.txt": page, "b.txt": page})
    answer = engine.ask("When did South Korea and Cuba establish diplomatic relations?")
    shown = [" ".join(s.split()) for p in answer.passages for s in re.split(r"\n+|(?<=\.) ", p.text)]
    assert len(shown) == len(set(shown)), answer.text
    assert not any(p.also for p in answer.passages), answer.text
    assert any("February 14" in p.text for p in answer.passages), answer.text
    assert all(reads_back(engine, q) for p in answer.passages for q in (p, *p.also))


def test_markdown_emphasis_and_links_do_not_hide_the_answer(tmp_path, model_cache):
    # the passage is the file's text, markup and all; its words and values are read without it
    notes = (
        "# Lighthouse notes\n\nThe **Vantrell lighthouse** was painted _green_ in 1987 by "
        "[Ottilie Brask](http://example.com/brask).\n\nThe keeper's cottage was sold in 2004.\n"
    )
    engine = engine_over(tmp_path / "markdown", model_cache, {"notes.md": notes})
    for question, value in (
        ("What colour was the Vantrell lighthouse painted?", "_green_"),
        ("Who painted the Vantrell lighthouse?", "[Ottilie Brask]"),
    ):
        answer = engine.ask(question)
        assert answer.answered and value in answer.passages[0].text, answer.text
        assert reads_back(engine, answer.passages[0])


def test_figures_for_a_namesake_are_no_conflict(real_engine):
    # only one outlet gives Cuba's trade with North Korea; the others' figures are South Korea's
    answer = real_engine.ask("How much trade did Cuba have with North Korea in 2022?")
    assert answer.answered and "two million" in answer.passages[0].text, answer.text
    assert answer.conflicts == [], answer.text
    # and the North Korea figure is not one of South Korea's ("South Korea's imports")
    answer = real_engine.ask("What was the value of South Korea's imports from Cuba in 2022?")
    assert answer.conflicts, answer.text
    assert not any("two million" in c.value for c in answer.conflicts[0].claims), answer.text


def test_counts_of_different_things_are_no_conflict(real_engine):
    # 40 South Korean nationals live in Cuba; 14,000 South Koreans visited it each year
    answer = real_engine.ask("How many South Korean nationals were residing in Cuba in 2022?")
    assert answer.answered and "40 South Korean nationals" in answer.passages[0].text, answer.text
    assert answer.conflicts == [], answer.text


def test_figures_beside_the_answer_to_a_question_not_about_a_value_are_no_conflict(real_engine):
    # the evidence holds the outlets' differing trade figures, but the question asks what, not how much
    answer = real_engine.ask("Which Korean items does Cuba especially buy from the South?")
    assert answer.answered and answer.conflicts == [], answer.text
    assert "differ" not in answer.text.lower()


@pytest.mark.parametrize(
    "question",
    [
        "When did Japan establish diplomatic relations with Cuba?",
        "When did China establish diplomatic relations with Cuba?",
        "What is the population of Havana?",
        "How many ICBMs did North Korea launch in 2023?",
        "What was the trade volume between South Korea and Cuba in 2023?",  # the articles give 2022
        "How do I bake sourdough bread?",
        # the best sentence names nobody: "exchanged diplomatic letters between their missions to the UN"
        "Who is Cuba's ambassador to the United Nations?",
        "Who is the treasurer of Cuba?",  # a role the articles never write
        "Who is Cuba's foreign minister?",  # "the South Korean Foreign Minister" names no holder
    ],
)
def test_near_topic_questions_the_articles_do_not_answer_get_not_found(real_engine, question):
    answer = real_engine.ask(question)
    assert not answer.answered and answer.passages == []
    assert answer.text.startswith("Not found")
    # the related reading lists each document once, even when two of its passages are related
    listed = [line for line in answer.text.splitlines() if line.startswith("- ")]
    assert len(listed) == len({p.source for p in answer.related}) == len(set(listed)), answer.text


def test_answer_passages_never_open_with_a_pronoun_cut_from_its_referent(real_engine):
    opened = []
    for q in QUESTIONS:
        for p in real_engine.ask(q["question"]).passages[:1]:
            if PRONOUN_START.match(p.text):
                opened.append(f"{q['question']!r}: {p.text[:80]!r}")
    assert opened == []


def test_a_pronoun_led_answer_is_widened_to_the_sentence_it_leans_on(real_engine):
    answer = real_engine.ask("What was the first state visit of a Cuban leader to North Korea?")
    hits = [p for p in answer.passages if "first state visit" in p.text]
    assert hits, answer.text
    # "It was the first state visit ..." comes with the sentence saying who visited
    assert "Díaz-Canel" in hits[0].text and reads_back(real_engine, hits[0])


def check_answer(got, answer: str | None) -> None:
    """The first passage holds ``answer``; or, for None, the answer is "not found" with no passages."""
    if answer is None:
        assert not got.answered and got.passages == [], got.text
    else:
        assert got.answered and answer in got.passages[0].text, got.text


def check_story_answer(tmp_path, model_cache, folder: str, question: str, answer: str | None) -> None:
    """Over the articles of a tests/data set, the first passage holds ``answer`` and reads back
    (with ``answer`` None: the question is not found)."""
    engine = engine_over(tmp_path / folder, model_cache, story(folder))
    got = engine.ask(question)
    check_answer(got, answer)
    if answer is not None:
        assert reads_back(engine, got.passages[0])


@pytest.mark.parametrize(
    ("folder", "question", "answer"),
    [
        # a passage after the answer runs on into its neighbour too, when that one is among the best
        # candidates and the two stay short ("She said they would go first to eight counties around Lake
        # Victoria ...")
        ("train_trial", "Which part of Kenya will be first to receive the shots?", "Lake Victoria"),
        (
            "train_zoo",
            "Which section of the grounds was shut while staff hunted for the animal?",
            "Asian Forest",
        ),
    ],
)
def test_one_of_the_first_three_passages_holds_the_answer(tmp_path, model_cache, folder, question, answer):
    engine = engine_over(tmp_path / folder, model_cache, story(folder))
    got = engine.ask(question)
    assert got.answered and any(answer in p.text for p in got.passages[:3]), got.text
    assert all(reads_back(engine, p) for p in got.passages)


def story(name: str) -> dict[str, str]:
    """The articles of one of the question sets in tests/data."""
    return {p.name: p.read_text(encoding="utf-8") for p in (DATA / name / "articles").iterdir()}


def engine_over(folder: Path, cache: Path, docs: dict[str, str]):
    """An Engine with the real model over a folder holding the given documents."""
    from kcqa.config import get_settings
    from kcqa.pipeline import Engine

    (folder / "sources").mkdir(parents=True)
    for name, text in docs.items():
        (folder / "sources" / name).write_text(text, encoding="utf-8")
    return Engine(
        get_settings(sources=folder / "sources", index_dir=folder / "index", cache_dir=cache, refresh="auto")
    )


MERGER = {
    "wire.txt": "Regulator clears airline merger\n\nBy Ann Lee | Jan. 9, 2025\n\n"
    "The National Markets Commission cleared Bluecrest's takeover of Harbourline Air on Thursday "
    "after a four-month review.\n\n"
    "Bluecrest chief executive Marguerite Olsen said the airline accepted the remedies in full. "
    'She called the ruling "a fair outcome" for travellers in the north-west.\n\n'
    "The merged airline will fly 74 aircraft and employ about 3,000 people.\n",
    "brief.txt": "Airline shares slip\n\nBy Kim Hale | Jan. 24, 2025\n\n"
    "Shares in Bluecrest fell 3 percent on Friday as analysts weighed the cost of the remedies.\n\n"
    "Other analysts were more cautious. Jonas Whitby of Callender cut his price target to 450 "
    "pence.\n\n"
    "The company will report its annual results in March, when it expects to give more detail on "
    "the integration of the two fleets and the routes it has to hand over to Sparrow Air.\n",
    "blog.txt": "Why the watchdog blinked\n\nPosted by Sam Ortiz, Jan. 23, 2025\n\n"
    "Two weeks on, I have read the remedies document, and my view is that the watchdog blinked.\n\n"
    "Why did the commission not block the deal? Harbourline had lost money in three of the last "
    "four years, and a failing airline is a weak competitor.\n\n"
    "Bluecrest keeps the profitable trunk routes and gives away the ones it would have cut anyway.\n",
}


def test_a_question_naming_a_blogs_writer_is_answered_from_what_they_write(tmp_path, model_cache):
    engine = engine_over(tmp_path / "merger", model_cache, MERGER)
    # the blog names Sam Ortiz only in its byline ("Posted by Sam Ortiz, ..."); its text says "I"
    answer = engine.ask("What is Sam Ortiz's view of the watchdog?")
    assert answer.answered and "the watchdog blinked" in answer.passages[0].text, answer.text


STRIKE = {
    "review.txt": "Deal ends dock strike\nBox & Berth Review - Ports & Terminals\n"
    "Words: Saskia Lindahl | 14 March 2025\n\n"
    "The settlement gives 2,250 staff a rise of 7% in the first year and 6.5% in the second.\n\n"
    "Work at the terminal resumed at 14:00 on Wednesday.\n",
    "wire.txt": "Dockers accept pay deal\n\nBy Ann Lee | March 12, 2025\n\n"
    "Dock workers accepted a 14 percent pay rise over two years, ending a nine-day strike.\n\n"
    "The union said members voted by 81% to accept the offer.\n",
}


def test_a_question_naming_the_outlet_is_answered_from_its_page(tmp_path, model_cache):
    engine = engine_over(tmp_path / "strike", model_cache, STRIKE)
    # "Box & Berth Review" is written only in the page's masthead, never in a sentence
    answer = engine.ask("What is the pay rise in the first year, according to Box & Berth Review?")
    assert answer.answered and "7%" in answer.passages[0].text, answer.text


def test_a_question_written_in_an_article_is_never_given_as_an_answer(tmp_path, model_cache):
    engine = engine_over(tmp_path / "merger", model_cache, MERGER)
    answer = engine.ask("Why did the commission not block the deal?")
    shown = [*answer.passages, *answer.related]
    assert shown, answer.text
    assert not any(p.text.rstrip().endswith("?") for p in shown), answer.text
    assert "failing airline" in shown[0].text


def test_the_sentence_continuing_the_answer_comes_with_it(tmp_path, model_cache):
    engine = engine_over(tmp_path / "merger", model_cache, MERGER)
    answer = engine.ask("What did Bluecrest's chief executive call the ruling?")
    first = answer.passages[0]
    assert first.text.startswith("Bluecrest chief executive Marguerite Olsen said")
    assert "a fair outcome" in first.text and reads_back(engine, first)


def test_a_question_the_sources_share_no_words_or_meaning_with_gets_not_found(tmp_path, model_cache):
    engine = engine_over(tmp_path / "merger", model_cache, MERGER)
    # "router" reads as a misspelt "route": only the meaning of the whole question tells it apart
    answer = engine.ask("How do I reset my home router password?")
    assert not answer.answered and answer.passages == [], answer.text


VOTE = {
    "vote.txt": "Shareholders back airline takeover\n\nBy Kim Hale | Feb. 3, 2025\n\n"
    "Shareholders of Bluecrest Airways voted on Jan. 30 to approve the takeover of Harbourline Air.\n\n"
    "About 87% of votes cast at the meeting in Port Ellery were in favour, the company said in a "
    "statement released at 6 p.m.\n\n"
    "The shareholder vote had been postponed twice while the regulator studied the deal.\n\n"
    "The shareholders also voted to re-elect the whole board for another year.\n",
}


def test_a_question_asking_for_a_percentage_gets_the_sentence_giving_one(tmp_path, model_cache):
    engine = engine_over(tmp_path / "vote", model_cache, VOTE)
    for question in ("What percentage of shareholders voted yes?", "wat percentage of sharholders voted yes"):
        answer = engine.ask(question)
        assert answer.answered and "87%" in answer.passages[0].text, (question, answer.text)


PRICE = {
    "ledger.txt": "Airline deal approved\n\nBy Kim Hale | Jan. 10, 2025\n\n"
    "Bluecrest is paying $1.25 billion for Harbourline once the leases it takes over are included.\n",
    "wire.txt": "Shareholders back takeover\n\nBy Ann Lee | Jan. 31, 2025\n\n"
    "Shareholders approved Bluecrest's $1.2 billion takeover of Harbourline on Jan. 30.\n",
    "blog.txt": "Savings ahead\n\nPosted by Sam Ortiz, Feb. 2, 2025\n\n"
    "Bluecrest says its takeover of Harbourline will bring savings of $90 million a year.\n",
}


def test_differing_reports_of_one_amount_are_shown_but_not_an_amount_of_another_scale(tmp_path, model_cache):
    engine = engine_over(tmp_path / "price", model_cache, PRICE)
    answer = engine.ask("How much is Bluecrest paying for Harbourline?")
    assert answer.conflicts, answer.text
    values = [c.value for c in answer.conflicts[0].claims]
    assert "$1.25 billion" in values and "$1.2 billion" in values
    assert "$90 million" not in values  # yearly savings, not the price


def article(title: str, byline: str, *paragraphs: str) -> str:
    """A news page as the tests write it: title, byline, then paragraphs."""
    return f"{title}\n\n{byline}\n\n" + "\n\n".join(paragraphs) + "\n"


DEVICE = {
    "wire.txt": article(
        "Grandmaster disqualified",
        "By Kim Hale | Oct. 11, 2025",
        "The device was discovered by chief arbiter Helen Marchbank during a routine scan with a "
        "handheld metal detector shortly before the start of the eighth round.",
        "Marchbank, who has officiated at four Olympiads, said the player was told at once.",
    ),
    "tv.txt": article(
        "Live: cheating scandal at chess festival",
        "By Ann Lee | Oct. 11, 2025",
        "FVTV understands the device was found by the tournament's chief arbiter, Helen Marchbank, "
        "during the standard screening that every player must go through before each round.",
        "The festival continues on Sunday at the Carrick Hall Hotel.",
    ),
}


def test_outlets_naming_the_same_person_in_their_own_words_are_one_item(tmp_path, model_cache):
    # the two sentences are far apart in meaning (cosine 0.56) but give the one answer to "who"
    answer = engine_over(tmp_path / "d", model_cache, DEVICE).ask("Who found the device?")
    first = answer.passages[0]
    assert "Helen Marchbank" in first.text
    assert [p.source for p in first.also] == [{"wire.txt": "tv.txt", "tv.txt": "wire.txt"}[first.source]]
    assert "Helen Marchbank" in first.also[0].text


def test_a_question_for_a_name_the_documents_never_give_is_not_found(tmp_path, model_cache):
    # "through his lawyer" names no lawyer: the name asked for outright is not in the documents
    docs = dict(DEVICE)
    docs["paper.txt"] = article(
        "Grandmaster denies cheating",
        "By Jo Banks | Oct. 12, 2025",
        "In a short message sent to the agency through his lawyer, the grandmaster said he had never "
        "cheated in his life.",
        "The festival's organisers said they would not comment on the appeal.",
    )
    docs["blog.txt"] = article(
        "Notes from the hall",
        "Posted by Sam Ortiz, Oct. 13, 2025",
        "Entry to the Dunmere Open will be capped at 200 players next year, a measure that one "
        "sponsor described as a safety valve.",
        "Night guard Patrick Ouma, one of two guards on duty, said he saw nothing unusual.",
    )
    engine = engine_over(tmp_path / "n", model_cache, docs)
    assert not engine.ask("What is the name of the grandmaster's lawyer?").answered
    # a place named is no person named
    assert not engine.ask("What is the name of the sponsor who called the cap a safety valve?").answered
    named = engine.ask("What is the name of the chief arbiter?")
    assert named.answered and "Helen Marchbank" in named.passages[0].text, named.text
    guard = engine.ask("What is the name of the night guard?")  # named once, after the role
    assert guard.answered and "Patrick Ouma" in guard.passages[0].text, guard.text


TRAM = {
    "wire.txt": article(
        "Tram hits van",
        "By Kim Hale | March 8, 2025",
        "The tram was travelling at about 12 km/h when it struck the side of the van at the Quarry "
        "Street junction, police said.",
    ),
    "paper.txt": article(
        "Crash on the new line",
        "By Ann Lee | March 8, 2025",
        "Tram No. 5, carrying 23 passengers, was moving at roughly 12 km/h when it hit a white van.",
    ),
    "trade.txt": article(
        "What the data say",
        "By Sam Ortiz | March 12, 2025",
        "According to the operator, tram No. 5 was travelling at 15 km/h when a delivery van turned "
        "across its path.",
    ),
    "tabloid.txt": article(
        "Tram terror",
        "By Jo Banks | March 9, 2025",
        "The crash happened on Friday morning when tram No. 5 hit a van on Dunmore Road, leaving "
        "three passengers with cuts and bruises.",
    ),
}


def test_reports_are_one_item_by_the_measure_they_share_and_apart_by_one_they_differ_on(
    tmp_path, model_cache
):
    answer = engine_over(tmp_path / "t", model_cache, TRAM).ask("How fast was the tram going?")
    items = {p.source: {a.source for a in p.also} for p in answer.passages}
    # 12 km/h twice is one report; 15 km/h is not "also reported by" either ("No. 5" is no count)
    assert any(
        source in items and other in items[source]
        for source, other in [("wire.txt", "paper.txt"), ("paper.txt", "wire.txt")]
    ), answer.text
    assert not any("trade.txt" in also for also in items.values()), answer.text
    assert not items.get("trade.txt"), answer.text
    # speeds are not compared (a design speed and a running speed are often both true), and no
    # other figure stands in for them: "carrying 23 passengers" against "three passengers" hurt
    assert not answer.conflicts, answer.text


ALARM = {
    "wire.txt": article(
        "How the bank found out",
        "By Kim Hale | March 2, 2025",
        "A firewall rule opened during a 2022 system migration had simply never been closed.",
        "It was Ines Marjolet, a 29-year-old analyst on the security team, who raised the alarm on "
        "11 February.",
        "The bank told the regulator two days later.",
    ),
}


PLOT = {
    "wire.txt": article(
        "Stadium approved",
        "By Kim Hale | March 28, 2025",
        "The 32,000-seat stadium will be built on a 14-hectare site at Kestrel Road, next to the ring road.",
        "Work is due to start in the summer.",
    ),
    "paper.txt": article(
        "Fans react",
        "By Ann Lee | March 29, 2025",
        "Supporters marched to City Hall on Saturday to protest against the move.",
        "The club has not said what season tickets will cost.",
    ),
}


def test_a_measure_the_articles_give_without_naming_it_is_still_answered(tmp_path, model_cache):
    # no article says "area": "a 14-hectare site" answers it, as "32,000-seat" answers "capacity"
    engine = engine_over(tmp_path / "plot", model_cache, PLOT)
    check_answer(engine.ask("What is the area of the plot where the stadium will go?"), "14-hectare")


def test_an_answer_opening_with_an_it_that_stands_for_what_follows_is_not_widened(tmp_path, model_cache):
    engine = engine_over(tmp_path / "alarm", model_cache, ALARM)
    first = engine.ask("Who raised the alarm?").passages[0]
    assert first.text.startswith("It was Ines Marjolet") and "firewall" not in first.text
    assert reads_back(engine, first)


BLAZE = {
    "wire.txt": article(
        "Wildfire contained",
        "By Kim Hale | March 14, 2025",
        "At its peak, 1,150 firefighters, 63 engines and nine helicopters were assigned to the fire.",
        "The fire was declared fully contained on Wednesday.",
    ),
    "paper.txt": article(
        "Crews go home",
        "By Ann Lee | March 15, 2025",
        "About 1,300 firefighters battled the blaze at its height, fire officials said.",
        "The last crews left the valley on Friday.",
    ),
}
LEAK = {
    "wire.txt": article(
        "Bank admits data breach",
        "By Kim Hale | Feb. 19, 2025",
        "The bank has said that about 412,000 customers were affected, roughly 61,000 of them abroad.",
        "It has replaced 58,000 debit cards as a precaution.",
    ),
    "paper.txt": article(
        "Record fine for Alderbrook",
        "By Ann Lee | May 2, 2025",
        "The bank was fined €19 million after the breach, in which hackers stole the data of "
        "430,000 customers.",
        "The regulator said the bank had ignored warnings for two years.",
    ),
    "blog.txt": article(
        "Suing the bank",
        "Posted by Sam Ortiz, May 9, 2025",
        "More than 94,000 customers have since joined a class action against the bank.",
    ),
}
RAIL = {
    "wire.txt": article(
        "High-speed line opens",
        "By Kim Hale | March 2, 2025",
        "Portugal's new Lisbon–Porto high-speed railway opened on Sunday, but economists are asking "
        "whether the €4.5 billion line will ever pay its way.",
        "A standard one-way ticket costs €29.",
    ),
    "paper.txt": article(
        "Counting the cost",
        "By Ann Lee | March 4, 2025",
        "The state infrastructure manager puts the final cost of the line at €4.2 billion.",
        "The line was budgeted at €2.4 billion when work began in 2017.",
    ),
}
DOCKS = {
    "wire.txt": article(
        "Dockers return",
        "By Kim Hale | March 13, 2025",
        "Dock workers walked back through Gate 4 on Wednesday, ending a strike that had lasted 10 days.",
        "Shipping lines expect the backlog to clear by the end of the month.",
    ),
    "paper.txt": article(
        "Port reopens",
        "By Ann Lee | March 14, 2025",
        "The nine-day strike that paralysed the country's second-largest container port is over.",
        "The union's members voted by 81% to accept the offer.",
    ),
}
SAVINGS = {
    "wire.txt": article(
        "Merger cleared",
        "By Kim Hale | Jan. 9, 2025",
        "She said Bluecrest would still realise annual cost savings of about $90 million by 2027.",
        "The airline will keep its head office in Port Ellery.",
    ),
    "blog.txt": article(
        "Too good to be true",
        "Posted by Sam Ortiz, Jan. 20, 2025",
        "Management is guiding to synergies of $110 million a year, well above what I'd consider plausible.",
        "I have been wrong before.",
    ),
}
BASINS = {
    "wire.txt": article(
        "Port results",
        "By Kim Hale | Jan. 9, 2025",
        "The East Basin earned €41 million last year, while the West Basin earned €15 million.",
        "Both basins will be dredged in the spring.",
    ),
    "paper.txt": article(
        "Port busier than ever",
        "By Ann Lee | Jan. 12, 2025",
        "The East Basin brought in about €40 million last year, the port authority said.",
        "Its cranes are due to be replaced in 2027.",
    ),
}

STAKE = {
    "wire.txt": article(
        "Club sold",
        "By Kim Hale | March 3, 2025",
        "Aldgrave Capital agreed on Monday to buy an 87% stake in the club for £142 million.",
        "The deal still needs the league's approval.",
    ),
    "paper.txt": article(
        "New owners",
        "By Ann Lee | March 5, 2025",
        "Aldgrave Capital has bought 90% of the club for £150 million, the club said.",
        "Fans will march on Saturday.",
    ),
}
TIES = {
    "wire.txt": article(
        "Seoul and Havana set up ties",
        "By Kim Hale | Feb. 15, 2024",
        "The two countries established diplomatic relations after more than 60 years without them.",
        "Embassies will open later this year.",
    ),
    "paper.txt": article(
        "A surprise for Pyongyang",
        "By Ann Lee | Feb. 16, 2024",
        "The two countries established diplomatic relations about 64 years after the revolution.",
        "Trade between them is small.",
    ),
}
FOUNDED = {
    "wire.txt": article(
        "Airline lists its shares",
        "By Kim Hale | March 6, 2025",
        "Harbourline, which was founded in 1998, listed its shares in Port Ellery on March 3.",
        "Its shares rose on the first day.",
    ),
    "paper.txt": article(
        "Harbourline on the market",
        "By Ann Lee | March 7, 2025",
        "Harbourline, the regional airline, listed its shares in Port Ellery on March 5.",
        "Analysts expect more listings this year.",
    ),
}

CHARGED = {
    "wire.txt": article(
        "Two charged over museum theft",
        "By Kim Hale | March 21, 2025",
        "Dorian Pask, a 41-year-old roofer from Port Almsley, and Lyle Benning, 37, a delivery driver "
        "from Greyhithe, were charged with burglary.",
        "Both men will appear in court next month.",
    ),
    "paper.txt": article(
        "Paintings found in a freezer",
        "By Ann Lee | March 22, 2025",
        "Police have charged a 42-year-old roofer, Dorian Pask, and Lyle Benning, 37, with burglary.",
        "The paintings are back at the museum.",
    ),
}

OPENING = {
    "wire.txt": article(
        "High-speed line opens",
        "By Kim Hale | March 3, 2025",
        "By the end of the day, 11,400 passengers had travelled on the new service, the operator said.",
        "Tickets start at €29.",
    ),
    "paper.txt": article(
        "A busy first day",
        "By Ann Lee | March 4, 2025",
        "Some 12,800 people rode the new high-speed trains on their first day of commercial service.",
        "The line cost €4.2 billion.",
    ),
}

LOSSES = {
    "wire.txt": article(
        "Wildfire losses",
        "By Kim Hale | March 18, 2025",
        "Insured losses are estimated at $285 million, according to an early estimate by a catastrophe "
        "modeler.",
        "Claims are still coming in.",
    ),
    "paper.txt": article(
        "The cost of the fire",
        "By Ann Lee | March 19, 2025",
        "Insured losses from the fire will reach about $310 million, according to an estimate "
        "published on Tuesday.",
        "Rebuilding will take years.",
    ),
}

STRIKE_COST = {
    "wire.txt": article(
        "Strike over",
        "By Kim Hale | March 13, 2025",
        "Business groups say the ten-day strike cost the economy €19 million a day.",
        "Ships are back at the quays.",
    ),
    "paper.txt": article(
        "Counting the cost",
        "By Ann Lee | March 14, 2025",
        "The eight-day strike cost the economy about €25 million a day, the chamber of commerce said.",
        "Shops are restocking.",
    ),
}
CONTAINED = {
    "wire.txt": article(
        "Wildfire breaks out",
        "By Kim Hale | March 2, 2025",
        "The Harrow Ridge Fire was first reported on March 1, after it broke out on a grassy slope.",
        "Residents were told to leave.",
    ),
    "paper.txt": article(
        "Fire contained",
        "By Ann Lee | March 13, 2025",
        "The Harrow Ridge Fire was declared fully contained on March 12, eleven days after it broke out.",
        "Residents are returning.",
    ),
}
DAMAGED = {
    "wire.txt": article(
        "Homes lost",
        "By Kim Hale | March 10, 2025",
        "The fire destroyed 214 homes in Brindle Creek. A further 87 homes were damaged but are still "
        "standing.",
    ),
    "paper.txt": article(
        "The damage list",
        "By Ann Lee | March 11, 2025",
        "A damage list released on Monday counts 232 homes destroyed and 87 damaged within the fire "
        "perimeter.",
    ),
}

MIGRANTS = {
    "wire.txt": article(
        "Koreans in Cuba",
        "By Kim Hale | Feb. 15, 2024",
        "Descendants of Korean immigrants who moved to Cuba from Mexico in the 1920s number around 1,100.",
    ),
    "paper.txt": article(
        "A century in Cuba",
        "By Ann Lee | Feb. 16, 2024",
        "Around 1,100 descendants of Koreans who immigrated to Cuba in 1921 live in the country today.",
    ),
}


MARCH = {
    "wire.txt": article(
        "Council backs new stadium",
        "By Kim Hale | March 27, 2025",
        "Councillors approved plans for a 32,000-seat stadium on Thursday.",
        "The decision comes 12 days after about 3,500 supporters marched from Mill Lane to City Hall "
        "in protest against the move.",
    ),
    "paper.txt": article(
        "Fans march against stadium move",
        "By Ann Lee | March 16, 2025",
        "About 4,000 fans marched from Mill Lane to City Hall on Saturday to protest against the move.",
        "The club said it respected the right to protest.",
    ),
}


FLOOD = {
    "wire.txt": article(
        "Floods hit Kestwick",
        "By Kim Hale | April 8, 2025",
        "The town council issued a mandatory evacuation order at 4:30 a.m., after water overtopped a "
        "temporary barrier on Quay Street.",
        "Council engineers put the cost of the damage at £48 million, a figure that includes roads, "
        "the town's two primary schools and the sewage pumping station.",
    ),
    "paper.txt": article(
        "Kestwick counts the cost",
        "By Ann Lee | April 10, 2025",
        "The evacuation order went out at 5:15 a.m., when sirens sounded along the riverbank for the "
        "first time since they were installed in 2009.",
        "The district council now estimates the total damage at £55 million.",
    ),
}


@pytest.mark.parametrize(
    ("docs", "question", "values"),
    [
        # only the figures compared: not the best evidence's "two primary schools" beside its sum
        (
            FLOOD,
            "How much damage did the flood cause, according to council engineers?",
            ["£48 million", "£55 million"],
        ),
        # the sums asked about, not the "ten-day" and "eight-day" beside them
        (
            STRIKE_COST,
            "How big a hit did the economy take each day of the strike?",
            ["about €25 million", "€19 million"],
        ),
        # a question for a value that does not say "how much"
        (
            LOSSES,
            "What are the estimated insured losses from the fire?",
            ["$285 million", "about $310 million"],
        ),
        # what is counted in other words: "12,800 people rode the trains", "11,400 passengers"
        (OPENING, "How many passengers travelled on the first day of service?", ["11,400", "some 12,800"]),
        # ... and where the question counts "riders", what the best evidence counts ("passengers")
        (OPENING, "How many riders did the trains carry on opening day?", ["11,400", "some 12,800"]),
        # "12 days after about 3,500 supporters" counts days, not supporters
        (MARCH, "How many supporters took part in the protest march?", ["about 3,500", "about 4,000"]),
        # the ages of the person asked about, not of the other man charged with him
        (CHARGED, "How old is Dorian Pask?", ["41", "42"]),
        # ... however unlike the sentences telling them ("boss Graham Pettibone, 53, has gone to
        # ground", "founder and CEO Graham Pettibone, 52, told StageBeat")
        (story("train_festival"), "How old is Graham Pettibone?", ["52", "53"]),
        # "43,500 units of its Strada 2 e-scooter" counts scooters, against "41,000 of its scooters"
        (
            story("train_recall"),
            "How many scooters is Ardenvolt recalling?",
            ["41,000", "41,000", "43,500", "roughly 40,000"],
        ),
        # "what share": the percentages, not the sums paid beside them
        (STAKE, "What share of the club is Aldgrave Capital buying?", ["87%", "90%"]),
        # only counts of what is asked about: not the 63 engines or nine helicopters of one sentence
        (BLAZE, "How many firefighters were battling the blaze at its peak?", ["1,150", "about 1,300"]),
        # the same count worded differently by two outlets; not the 94,000 who joined a class action
        (LEAK, "How many customers were affected by the breach?", ["430,000", "about 412,000"]),
        # the same sum worded differently; not the first budget, nor the fare
        (RAIL, "How much did the Lisbon–Porto line cost?", ["€4.2 billion", "€4.5 billion"]),
        # the best evidence ("It had burned for thirteen days.") read with the sentence it leans on
        (
            story("train_fire"),
            "How many days did the fire burn before it was contained?",
            ["eleven", "thirteen"],
        ),
        # spans of time ("nine-day" and "10 days"), not the "4" of Gate 4
        (DOCKS, "How long did the strike last?", ["10", "nine"]),
        # close sums, for a question that does not name money
        (
            SAVINGS,
            "How much does Bluecrest expect to save each year from the merger?",
            ["$110 million", "about $90 million"],
        ),
        # the figures for the basin asked about, not for its namesake
        (BASINS, "How much did the East Basin earn last year?", ["about €40 million", "€41 million"]),
        # dates two days apart in sentences of one event in the question's words ("declared fully
        # contained on March 12", "declared 100% contained on Friday, March 14"), less alike in meaning
        (
            story("train_fire"),
            "On what date was the fire declared fully contained?",
            ["Friday, March 14", "March 12"],  # a date with its weekday is one value
        ),
        (
            story("train_airline"),
            "How much is Bluecrest paying for Harbourline?",
            ["$1.2 billion", "$1.25 billion"],
        ),
        # a share asked for, reported within a few points by sentences less alike in meaning
        (
            story("train_strike"),
            "What share of voting union members approved the new contract?",
            ["78 percent", "82 percent"],
        ),
        # a share of a round number ("nearly a quarter of a million daily riders") is that number
        (
            story("train_strike"),
            "How many daily riders were left without buses by the strike?",
            ["nearly a quarter of a million", "some 210,000"],
        ),
        # the routes shut, not the "1,450 bus drivers [who] went on strike" counted by the "bus" of
        # "bus routes", answer first
        (story("train_strike"), "How many bus routes were shut down by the strike?", ["61", "about 70"]),
        # ... but no span of time from there: "Police took nine minutes to arrive" is close to the
        # "eight minutes inside" of the best evidence and to it in meaning, and is another thing
        (story("train_museum"), "How long were the thieves inside the museum?", ["11", "about eight"]),
    ],
)
def test_a_conflict_lists_each_outlets_figure_for_the_thing_asked_about(
    tmp_path, model_cache, docs, question, values
):
    answer = engine_over(tmp_path / "docs", model_cache, docs).ask(question)
    assert answer.conflicts, answer.text
    assert sorted(c.value for c in answer.conflicts[0].claims) == values


INN = {
    "wire.txt": article(
        "Island inn reopens",
        "By Kim Hale | May 2, 2025",
        "The Harbour Inn reopened on Friday after a two-year restoration.",
        "Rooms at the Harbour Inn cost 55 euros a night, the owners said.",
    ),
    "blog.txt": article(
        "A night at the Harbour Inn",
        "Posted by Sam Ortiz, May 9, 2025",
        "I stayed two nights at the Harbour Inn last week.",
        "A double room at the Harbour Inn costs fifty-five euros a night, breakfast included.",
    ),
}


@pytest.mark.parametrize(
    ("docs", "question", "answer"),
    [
        (
            BLAZE,
            "How many helicopters were assigned to the fire?",
            "nine helicopters",
        ),  # one source counts them
        (
            BASINS,
            "How much did the West Basin earn last year?",
            "€15 million",
        ),  # €40 million is the East Basin's
        # a verb right after what is counted: still only the helicopters, not the firefighters
        (BLAZE, "How many helicopters flew over the burning ridge?", "nine helicopters"),
        # "more than 60 years" and "about 64 years" can both be true
        (TIES, "How long had the two countries gone without diplomatic relations?", "more than 60 years"),
        # "in what year": a year, not the dates of another event of the same story
        (FOUNDED, "In what year was Harbourline founded?", "1998"),
        # a thing's age is not the person's who speaks of it ("'You can't plant a 90-year-old tree,'
        # said Walter Ng" against "Walter Ng, 71,")
        (story("train_tram"), "How old is Walter Ng?", "Walter Ng, 71"),
        # 1921 is in the 1920s
        (MIGRANTS, "When did Korean immigrants arrive in Cuba?", "1,100"),
        # dates eleven days apart are two events (the fire broke out, it was contained)
        (CONTAINED, "On what date was the fire declared fully contained?", "March 12"),
        # the list gives 87 damaged too, beside its 232 destroyed
        (DAMAGED, "How many homes were damaged but are still standing?", "87 homes"),
        # both outlets give him 37: the 41 and the 42 are the other man's
        (CHARGED, "How old is Lyle Benning?", "Lyle Benning, 37"),
        # only a number written as an age is one: not "14 months earlier", nor "above 50 gigabytes"
        (story("train_breach"), "How old is Ines Marjolet?", "29-year-old"),
        # one sum, written in words by one outlet and in figures by the other
        (INN, "How much does a room at the Harbour Inn cost per night?", "55 euros"),
        # "a dwell time of 97 days" is no number of network connections, though close to 140
        (
            story("train_breach"),
            "How many idle network links has the bank shut since the attack?",
            "140 unused",
        ),
        # a total and a part of it: "total losses, including equipment and inventory, at $18
        # million" and "property damage at about $12 million" can both be true
        (story("train_battery"), "How much damage did the fire cause, in dollars?", "$12 million"),
        (
            {
                "wire.txt": article(
                    "Festival prize",
                    "By Kim Hale | Oct. 11, 2025",
                    "The winner is due to receive a first prize of £25,000.",
                ),
                "paper.txt": article(
                    "Prizes paid as planned",
                    "By Ann Lee | Oct. 13, 2025",
                    "The organiser said the total prize fund of £90,000 would be paid out as planned.",
                ),
            },
            "How much is the first prize for the winner?",
            "£25,000",
        ),
        # a figure per year and one for a whole career: "delivers about 180 babies a year" and
        # "I've delivered 1,100 babies at St. Brigid's"
        (
            story("train_clinic"),
            "How many babies are born at St. Brigid's each year?",
            "about 180 babies a year",
        ),
        # one sum written in full and rounded: "$1,372,480" is "$1.37 million"
        (
            {
                "release.txt": article(
                    "Treasurer charged",
                    "By Ann Lee | Feb. 21, 2024",
                    "Prosecutors say the treasurer diverted $1,372,480 in charitable funds to a company"
                    " he controlled.",
                ),
                "wire.txt": article(
                    "Treasurer pleads not guilty",
                    "By Kim Hale | Feb. 21, 2024",
                    "The treasurer is accused of embezzling $1.37 million from the charity.",
                ),
            },
            "How much is the treasurer accused of embezzling from the charity?",
            "$1.37 million",
        ),
    ],
)
def test_figures_about_other_things_or_that_can_all_be_true_are_no_conflict(
    tmp_path, model_cache, docs, question, answer
):
    got = engine_over(tmp_path / "docs", model_cache, docs).ask(question)
    check_answer(got, answer)
    assert got.conflicts == [], got.text


HEIST = {
    "wire.txt": "Paintings stolen from city museum\n\nBy Kim Hale | March 4, 2025\n\n"
    "Thieves broke into the city museum through a skylight shortly after 3 a.m. on Monday.\n\n"
    "The thieves were inside the museum's Long Gallery when the alarm went off, police said.\n\n"
    "Police said the pair spent about eight minutes inside before leaving through a fire exit.\n\n"
    "The museum said the paintings would be examined before going back on display, probably in June.\n",
    "local.txt": "Museum reopens after theft\n\nPosted by Sam Ortiz, March 9, 2025\n\n"
    "The museum reopened on Saturday, and visitor numbers rose sharply in the following days.\n\n"
    "The director thanked the police and the people of the city for their support.\n",
}


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("How long were the thieves inside the museum?", "eight minutes"),  # a time, though not "take"
        ("In which month will the paintings go back on display?", "June"),  # a month on its own
    ],
)
def test_a_question_for_a_length_of_time_or_a_month_gets_the_sentence_giving_it(
    tmp_path, model_cache, question, answer
):
    engine = engine_over(tmp_path / "heist", model_cache, HEIST)
    check_answer(engine.ask(question), answer)


def test_a_short_neighbour_ranked_next_is_shown_in_the_same_passage(tmp_path, model_cache):
    engine = engine_over(tmp_path / "merger", model_cache, MERGER)
    answer = engine.ask("What did the more cautious analyst lower his share price goal to?")
    first = answer.passages[0]
    assert (
        first.text
        == "Other analysts were more cautious. Jonas Whitby of Callender cut his price target to 450 pence."
    )
    assert reads_back(engine, first) and len(first.text) <= 300


def test_a_short_paragraph_neighbour_ranked_a_few_places_lower_still_completes_the_passage(
    tmp_path, model_cache
):
    # The museum articles: "Two men were arrested at the scene." ranks first; the sentence after it
    # in its paragraph, naming the charges, ranks a few places lower, behind other outlets' reports.
    engine = engine_over(tmp_path / "museum", model_cache, story("train_museum"))
    first = engine.ask("What offences have the two accused men been formally accused of?").passages[0]
    assert first.text.startswith("Two men were arrested at the scene.")
    assert "burglary and handling stolen goods" in first.text
    assert reads_back(engine, first) and len(first.text) <= 300


def test_a_short_lead_in_ranked_first_is_shown_with_the_sentence_it_leads_in_to(tmp_path, model_cache):
    # "First, the ransom." ranks first for "ransom demand"; the sentence after it tells the demand
    engine = engine_over(tmp_path / "breach", model_cache, story("train_breach"))
    first = engine.ask("ransom demand").passages[0]
    assert first.text.startswith("First, the ransom.")
    assert "50 bitcoin" in first.text
    assert reads_back(engine, first) and len(first.text) <= 300


STAFF = {
    "wire.txt": "Airline bosses named\n\nBy Kim Hale | Jan. 12, 2025\n\n"
    "Daniel Okafor, Harbourline's chief executive, will become deputy chief executive of the group.\n\n"
    "Lyle Benning, 37, a pilot from Port Ellery, will lead the pilots' union in the talks.\n\n"
    "The group will fly 74 aircraft from 2026 and employ 5,200 people across 11 airports.\n",
}


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("How old is Lyle Benning?", "37"),
        ("What is Daniel Okafor's annual salary?", None),  # he is named, his pay is not
        ("How much was Lyle Benning fined?", None),  # his sentence gives his age, no sum
        ("How old is Daniel Okafor?", None),
        ("How many aircraft will the group have?", "74 aircraft"),
    ],
)
def test_a_question_for_an_age_or_a_sum_is_answered_only_by_a_sentence_giving_one(
    tmp_path, model_cache, question, answer
):
    engine = engine_over(tmp_path / "staff", model_cache, STAFF)
    check_answer(engine.ask(question), answer)


PORT = {
    "wire.txt": "Ships diverted to Brackwater\n\nBy Kim Hale | March 6, 2025\n\n"
    "Norvane Line diverted four mainline calls to Brackwater, where every berth was soon taken.\n\n"
    "Tidewell Terminals runs the Greyhook terminal in Carrowhaven.\n",
    "local.txt": "Brackwater port busy\n\nBy Ann Lee | March 7, 2025\n\n"
    "Brackwater has 12 cranes and handles 2.6 million containers a year.\n\n"
    "The port employs 900 dock workers.\n",
}


RIVALS = {
    "wire.txt": "Regulator fines Alderbrook Bank\n\nBy Kim Hale | March 4, 2025\n\n"
    "The regulator fined Alderbrook Bank €18 million on Thursday after a data breach.\n\n"
    "The bank said it would not appeal.\n\n"
    "Its chief executive said customers had been let down.\n\n"
    "Two rival banks, Tessaly Mutual and Corvant Savings, said they had ordered reviews of their systems.\n",
}


@pytest.mark.parametrize(
    ("docs", "question", "answer"),
    [
        # "how many X does Y have": a count of X, in a passage naming Y
        (PORT, "How many berths does Brackwater have?", None),  # the sentence on berths counts ship calls
        (PORT, "How many cranes does Brackwater have?", "12 cranes"),
        (PORT, "How many dock workers does Tidewell Terminals have?", None),  # the port's, not Tidewell's
        (PORT, "How many dock workers does Brackwater have?", "900 dock workers"),
        # "has/did X ...": a passage saying it of X
        (RIVALS, "Has Corvant Savings been fined by the regulator?", None),  # another bank was fined
        (RIVALS, "Has Alderbrook Bank been fined by the regulator?", "€18 million"),
        (RIVALS, "Did Corvant Savings pay a fine to the regulator?", None),
        (RIVALS, "Did Alderbrook Bank appeal the fine?", "would not appeal"),
    ],
)
def test_a_question_about_what_a_named_one_has_or_did_needs_a_passage_saying_it_of_them(
    tmp_path, model_cache, docs, question, answer
):
    check_answer(engine_over(tmp_path / "docs", model_cache, docs).ask(question), answer)


FINE = {
    "wire.txt": "Bank fined over data breach\n\nBy Kim Hale | March 4, 2025\n\n"
    "The regulator fined Alderbrook Bank €18 million on Thursday, March 3, after a data breach.\n\n"
    "The bank disclosed the breach on Feb. 18, and its chief executive resigned on March 1.\n\n"
    "Investigators found that the attackers had used a contractor's stolen password.\n",
}


FOUNDER = {
    "wire.txt": "Bank fined over data breach\n\nBy Kim Hale | March 4, 2025\n\n"
    "The regulator fined Alderbrook Bank €18 million on Thursday, March 3, after a data breach.\n\n"
    "Edwin Marsh, the bank's founder, said customers had been let down.\n\n"
    "Alderbrook Bank made a pre-tax profit of €40 million last year.\n\n"
    "Edwin Marsh was born in Leeds in 1951.\n",
}


@pytest.mark.parametrize(
    ("docs", "question", "answer"),
    [
        (STAFF, "What is Lyle Benning's nickname?", None),  # he is named; no document says "nickname"
        (STAFF, "What is the summit elevation of Port Ellery?", None),
        (STAFF, "What is Lyle Benning's occupation?", "a pilot"),  # written as the job itself
        (STAFF, "What is the size of the group's fleet from 2026?", "74 aircraft"),  # "size" only frames it
        (STAFF, "What nationality is Lyle Benning?", None),  # no document names a country
        # a date is there, but of nothing "founded" ("found" is the past of "find")
        (FINE, "When was Alderbrook Bank founded?", None),
        (FINE, "In what year was Alderbrook Bank founded?", None),
        (FINE, "When was the breach disclosed?", "Feb. 18"),
        # a kind of fine no document names; "total" only qualifies the fine
        (FINE, "What is the parking fine for Alderbrook Bank?", None),
        (FINE, "What is the total fine for Alderbrook Bank?", "€18 million"),
        (FINE, "What was Alderbrook Bank's profit last year?", None),  # a profit no document gives
        (FINE, "How much profit did Alderbrook Bank make last year?", None),
        (FOUNDER, "How much profit did Alderbrook Bank make last year?", "€40 million"),
        # no document tells where anyone was born
        (FINE, "Where was Kim Hale born?", None),
        (FOUNDER, "Where was Edwin Marsh born?", "Leeds"),
        # nothing is said of anyone designing or founding anything ...
        (FINE, "Who designed Alderbrook Bank's headquarters?", None),
        (FINE, "Who founded Alderbrook Bank?", None),
        # ... but a founder named is who founded it
        (FOUNDER, "Who founded Alderbrook Bank?", "Edwin Marsh"),
        # a yes/no question about a deed no document reports, in any form of its word ...
        (FINE, "Was anyone arrested over the Alderbrook Bank breach?", None),
        (FINE, "Has the injured contractor sued Alderbrook Bank?", None),
        # ... and about deeds the documents report
        (FINE, "Has the bank's chief executive resigned?", "resigned on March 1"),
        (FINE, "Was Alderbrook Bank fined after the breach?", "€18 million"),
    ],
)
def test_a_question_about_a_thing_no_document_names_gets_not_found(
    tmp_path, model_cache, docs, question, answer
):
    check_answer(engine_over(tmp_path / "docs", model_cache, docs).ask(question), answer)


TOWN = {
    "wire.txt": "Wildfire forces Brindle Creek evacuation\n\nBy Kim Hale | March 2, 2025\n\n"
    "A wildfire forced about 4,200 people out of Brindle Creek on Saturday.\n\n"
    "Residents of Brindle Creek began returning home on Sunday, March 9.\n\n"
    '"We will rebuild every one of them," Mayor Joel Fairweather told a crowd of 300 at the Grange Hall.\n',
    "local.txt": "Brindle Creek school reopens\n\nPosted by Sam Ortiz, March 15, 2025\n\n"
    "Brindle Creek Elementary School lost its gymnasium and two classrooms.\n\n"
    "The Brindle Creek Community Foundation has raised $1.2 million from 9,000 donors.\n\n"
    "Fire Chief Leland Barros said his 22 volunteers reached the flames at 2:52 p.m.\n",
    "trade.txt": "Insurers count cost of Brindle Creek fire\n\nWords: Ann Lee | 28 March 2025\n\n"
    "Insured losses from the fire in the mountain town of Brindle Creek are put at $285 million.\n\n"
    "Most claims in Brindle Creek are for homes that were destroyed outright.\n",
}


def test_the_words_that_tell_a_question_apart_count_more_than_the_corpus_topic(tmp_path, model_cache):
    engine = engine_over(tmp_path / "town", model_cache, TOWN)
    # every page names the town; one sentence names its mayor, without the town
    question = "Who is the mayor of Brindle Creek?"
    got = engine.ask(question)
    assert got.answered and "Joel Fairweather" in got.passages[0].text, got.text
    data, _ = engine.index()
    cand = engine.candidates(data, question)
    texts = [sentence_text(data, int(i)) for i in cand.ids]
    distinct, own = cand.col("distinct"), cand.col("own")
    mayor = next(n for n, t in enumerate(texts) if "Mayor" in t)
    town = next(n for n, t in enumerate(texts) if t.startswith("Residents of Brindle Creek"))
    # "mayor" (one page) outweighs "Brindle Creek" (every page) more than by its rarity in sentences
    assert distinct[mayor] > own[mayor] and distinct[town] < own[town]


RESORT = {
    "wire.txt": "Ski resort evacuated as wildfire spreads\n\nBy Kim Hale | March 2, 2025\n\n"
    "At Sorrel Peak Resort, some 1,800 guests and 240 employees were taken down the mountain by bus.\n\n"
    "The resort closed 36 days before the scheduled end of its season.\n\n"
    "The fire destroyed 214 homes in the town below the resort.\n",
    "local.txt": "Resort staff to be paid\n\nPosted by Sam Ortiz, March 15, 2025\n\n"
    "Sorrel Peak Resort said it would keep paying its 240 employees through April 15.\n\n"
    "The resort lost one chairlift and a ticket office to the flames.\n",
}


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("How many homes did the fire destroy?", "214 homes"),
        ("How many guests were taken down the mountain?", "1,800 guests"),
    ],
)
def test_a_how_many_question_is_answered_by_a_number_of_what_it_counts(
    tmp_path, model_cache, question, answer
):
    engine = engine_over(tmp_path / "resort", model_cache, RESORT)
    check_answer(engine.ask(question), answer)


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("Who is the fire chief in Brindle Creek?", "Leland Barros"),
        ("who is brindle creek's mayor", "Joel Fairweather"),
    ],
)
def test_a_who_holds_a_role_question_gets_the_sentence_naming_its_holder(
    tmp_path, model_cache, question, name
):
    engine = engine_over(tmp_path / "town", model_cache, TOWN)
    check_answer(engine.ask(question), name)


CAPITALS = {
    "wire.txt": article(
        "Old friends drift apart",
        "By Kim Hale | Feb. 15, 2024",
        "Cuba has long shared an anti-imperialist worldview with North Korea.",
        "A trade fair opened in Havana on Monday, with stands from Pyongyang and Hanoi.",
        "North Korea test-fired surface-to-sea missiles on Feb. 14.",
    ),
    "paper.txt": article(
        "A quiet announcement",
        "By Ann Lee | Feb. 16, 2024",
        "South Korea mainly imports copper and industrial alcohol from Cuba.",
        "The fair will close on Sunday.",
    ),
}


ACRONYMS = {
    "wire.txt": article(
        "Malaria jab filed",
        "By Kim Hale | Aug. 14, 2025",
        "Ashcombe filed its application with the Pan-African Medicines Authority (PAMA) on Aug. 12.",
        "Shares in the company rose 3% on the news.",
        "PAMA later postponed its ruling to mid-January, citing missing factory data.",
    ),
    "paper.txt": article(
        "Letters exchanged",
        "By Ann Lee | Feb. 16, 2024",
        "The two envoys exchanged letters at the United Nations on Wednesday.",
        "Embassies will open later this year.",
    ),
}


ROOTS = {
    "wire.txt": article(
        "Roots in Cuba",
        "By Kim Hale | Feb. 15, 2024",
        "Korean migrants came to Cuba in 1921 to work on the sugar plantations of Matanzas.",
        "Most of the migrants had come from Mexico, where many had worked on henequen farms.",
        "Their descendants now number around 1,100.",
    ),
}


ESCAPE = {
    "wire.txt": article(
        "Leaving Brindle Creek",
        "By Kim Hale | March 3, 2025",
        "Mara Ellison said the smoke turned the sky orange within minutes.",
        "Then I drove down Highway 61 with my dog, Juniper, in the back seat.",
        "Her sister across the valley has taken them in.",
    ),
}


HEADLINE = {
    "wire.txt": article(
        "Alderbrook fined over data breach",
        "By Kim Hale | March 4, 2025",
        "The regulator imposed a fine of €18.4 million on Thursday.",
        "The breach was discovered on Feb. 11, when an analyst spotted data leaving the network.",
        "Customers were told two weeks later.",
    ),
    "paper.txt": article(
        "Bank results",
        "By Ann Lee | March 6, 2025",
        "Alderbrook Regional Bank discovered a card fraud ring on March 2.",
        "Its shares rose 2% after the figures were published.",
    ),
}


@pytest.mark.parametrize(
    ("docs", "question", "answer"),
    [
        # the articles write "Cuba" and "North Korea" where the question writes their capitals
        (CAPITALS, "Which worldview does Havana share with Pyongyang?", "anti-imperialist"),
        # no article writes "Seoul": its country's name is not a name the sources never mention
        (CAPITALS, "What does Seoul buy from Cuba?", "copper"),
        # the documents write the name out where the question writes the acronym ...
        (ACRONYMS, "On what day were the letters exchanged at the UN?", "Wednesday"),
        # ... and the acronym they define where the question writes the name out
        (ACRONYMS, "Why did the Pan-African Medicines Authority postpone its ruling?", "factory data"),
        # "which country": the sentence naming a country the question does not
        (ROOTS, "From which country did the Korean migrants come to Cuba?", "Mexico"),
        # one capitalised word is a name when the question does not ask for a person
        (ESCAPE, "What is the name of Mara Ellison's dog?", "Juniper"),
        # the page about Alderbrook need not repeat the name in the sentence that answers
        (HEADLINE, "On what date was the Alderbrook breach discovered?", "Feb. 11"),
    ],
    ids=[
        "capitals",
        "capital-unwritten",
        "acronym",
        "acronym-spelt-out",
        "which-country",
        "one-word-name",
        "headline-name",
    ],
)
def test_the_answer_is_chosen_over_a_sentence_holding_more_of_the_questions_words(
    tmp_path, model_cache, docs, question, answer
):
    check_answer(engine_over(tmp_path / "docs", model_cache, docs).ask(question), answer)


@pytest.mark.parametrize(
    ("question", "answers"),
    [
        ("Why does South Korea want a diplomatic mission in Havana?", ("consular",)),
        (
            "What business benefits does Seoul anticipate from the new ties?",
            ("business opportunities", "markets"),
        ),
    ],
)
def test_a_question_naming_a_capital_is_read_as_naming_its_country(real_engine, question, answers):
    # the sentences that answer write "Cuba" and "South Korea", the question a capital
    got = real_engine.ask(question)
    assert got.answered and any(a in got.passages[0].text for a in answers), got.text


DELAY = {
    "wire.txt": article(
        "Customers sue Alderbrook",
        "By Kim Hale | March 14, 2025",
        "A class action was filed on Wednesday against Alderbrook Regional Bank.",
        "The bank first detected the intrusion on 9 February, when staff on the night shift spotted "
        "suspicious activity on the systems that hold the mortgage files of its customers in the "
        "Lowmere region, but its customers were only told about it nine days later, by letter and "
        "by email. That delay is at the heart of the class action. Lead solicitor Ravi Castellane said "
        "customers had lost nine days in which they could have protected themselves from fraud.",
        "The bank said it would defend the claim.",
    ),
    "paper.txt": article(
        "Bank fined",
        "By Ann Lee | March 16, 2025",
        "The regulator fined Alderbrook 18.4 million euros on Thursday.",
        "Its shares fell 3% on the news.",
    ),
}


@pytest.mark.parametrize(
    "question",
    [
        "Why is the notification delay at the heart of the class action?",
        "Why is the delay central to the lawsuit?",
    ],
)
def test_a_why_answer_that_only_restates_the_question_runs_on_to_the_reason(tmp_path, model_cache, question):
    # "That delay is at the heart of the class action." says no "because": the next sentence does
    engine = engine_over(tmp_path / "docs", model_cache, DELAY)
    got = engine.ask(question)
    check_answer(got, "could have protected themselves")
    assert got.passages[0].text.startswith("The bank first detected") and reads_back(engine, got.passages[0])


def test_an_after_that_tells_when_gives_no_reason(tmp_path, model_cache):
    # "a day after ..." tells when: the reason is in the next sentence
    docs = {
        "herald.txt": article(
            "Festival promoter files for bankruptcy",
            "By Ann Lee | Sept. 12, 2025",
            "Brightwater Live filed for Chapter 11 on Thursday. The filing came a day after Harborline "
            "Mutual told Brightwater it would pay only $400,000 of its claim. In a letter, the insurer "
            "said the company had failed to lower the stage roof as its supplier had advised.",
            "Ticket buyers have mostly been repaid.",
        ),
        "wire.txt": article(
            "Storm cancels festival",
            "By Kim Hale | Aug. 16, 2025",
            "A storm tore the roof from the main stage of the Saltline Festival on Saturday.",
        ),
    }
    engine = engine_over(tmp_path / "docs", model_cache, docs)
    got = engine.ask("Why did Harborline Mutual refuse to pay most of Brightwater's claim?")
    check_answer(got, "failed to lower the stage roof")


OPENED = {
    "wire.txt": article(
        "High-speed line opens",
        "By Kim Hale | March 3, 2025",
        "Portugal's new high-speed line between Lisbon and Porto opened on Sunday.",
        "The trains will run every hour, and tickets start at 29 euros.",
        "Hotel bookings in Porto for March are up 9% on last year, the tourism board said.",
    ),
    "paper.txt": article(
        "A fast start",
        "By Ann Lee | March 4, 2025",
        "Some 12,800 people rode the new trains on the first day.",
        "The line cost 4.5 billion euros to build, 20% more than first planned.",
    ),
}


ALUMNI = {
    "wire.txt": article(
        "Stadium takeover agreed",
        "By Kim Hale | March 4, 2025",
        "Conrad Vasey, the managing partner of Aldgrave, told the Ledger the firm was in it for 20 years.",
        "Aldgrave agreed on March 3 to buy 87% of the club.",
    ),
    "paper.txt": article(
        "What the stoppage cost",
        "By Ann Lee | March 6, 2025",
        "Dr Yusuf Demir, senior economist at Eastgate University, estimated the cost at €22 million a day.",
    ),
}


COLOURS = {
    "wire.txt": article(
        "Fans march against stadium move",
        "By Kim Hale | March 16, 2025",
        "About 4,000 fans marched to City Hall, carrying a coffin draped in the club's green and white "
        "colours.",
        "The Supporters' Trust has demanded a golden share that would give fans a veto over the badge.",
        "Police said two men left the ground in a van shortly before midnight.",
    ),
    "paper.txt": article(
        "Stadium vote delayed",
        "By Ann Lee | March 18, 2025",
        "The planning committee will meet again on 20 March.",
    ),
}


@pytest.mark.parametrize(
    ("docs", "cases"),
    [
        # the articles give percentages, of hotel bookings and of the cost overrun, none of punctuality
        (
            OPENED,
            [
                ("What percentage of the new trains arrive on time?", None),
                ("By what percentage are hotel bookings up?", "9%"),
                ("How much did the line cost to build?", "4.5 billion euros"),
            ],
        ),
        # colours, of the club, none said of the van
        (COLOURS, [("What are the club's colours?", "green and white"), ("What colour was the van?", None)]),
        # an age is no prison sentence
        (CHARGED, [("What prison sentence did Dorian Pask receive?", None)]),
        # a university, another man's
        (
            ALUMNI,
            [
                ("Which university did Conrad Vasey attend?", None),
                ("Which university does Yusuf Demir work at?", "Eastgate University"),
            ],
        ),
        # a change given as a multiple ("Ashcombe says it can double that output by 2028")
        (
            story("train_trial"),
            [("By how much does Ashcombe say it can expand the Hyderabad plant's output by 2028?", "double")],
        ),
    ],
    ids=["sum-or-percentage", "colour", "prison-sentence", "university", "multiple"],
)
def test_an_answer_gives_the_kind_of_value_asked_for_about_what_is_asked(tmp_path, model_cache, docs, cases):
    engine = engine_over(tmp_path / "docs", model_cache, docs)
    for question, answer in cases:
        check_answer(engine.ask(question), answer)


def unrelated_pages(n: int) -> dict[str, str]:
    """n short pages on other subjects, as a folder shared with other work holds."""
    subjects = ["harbour", "orchard", "library", "glacier", "festival", "bridge", "vineyard", "tram"]
    pages = {}
    for k in range(n):
        s = subjects[k % len(subjects)]
        pages[f"other{k:03d}.txt"] = article(
            f"News of the {s} {k}",
            "By Staff | May 1, 2025",
            f"The {s} committee number {k} met on a Tuesday to discuss budget item {k * 7 + 3}.",
            f"Local residents praised the {s} plan, said councillor Rowan Vale{k}.",
            f"Work on the {s} is due to finish in {2026 + k % 5}.",
            f"Visitors to the {s} rose by {k + 10} percent last year.",
            f"A report on the {s} will be published in spring.",
        )
    return pages


def test_unrelated_files_in_the_folder_do_not_turn_answers_into_not_found(tmp_path, model_cache):
    rail = story("heldout")
    questions = [
        "What maximum speed were the rails engineered for?",
        "How many young trees were put in the ground to compensate?",
    ]
    alone = engine_over(tmp_path / "alone", model_cache, rail)
    crowded = engine_over(tmp_path / "crowded", model_cache, {**rail, **unrelated_pages(200)})
    for question in questions:
        assert alone.ask(question).answered
        assert crowded.ask(question).answered, question


def test_a_far_off_topic_question_gets_not_found_in_a_folder_of_several_stories(tmp_path, model_cache):
    # every word of these questions is used somewhere in three stories, but no page uses most of them
    pages = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for name in ("train_stadium", "train_port"):
        pages.update(story(name))
    engine = engine_over(tmp_path / "stories", model_cache, pages)
    for question in ("How do I change a car tyre?", "What is the best way to roast a whole chicken?"):
        check_answer(engine.ask(question), None)
    check_answer(engine.ask("How much did South Korea export to Cuba in 2022?"), "$14 million")


@pytest.mark.parametrize(
    ("folder", "question", "answer"),
    [
        # "Granite Mutual, the largest home insurer ..." opens its sentence: a name all the same
        ("train_fire", "Which company is the largest home insurer in Brindle Creek?", "Granite Mutual"),
        # "the Courier" is named on its page ("He told the Courier ..."), not in the answer's sentence
        ("train_fire", "According to the Brindle Creek Courier, how many homes were destroyed?", "232 homes"),
        (
            "train_airline",
            "What did Bluecrest's chief executive call the ruling in the wire report?",
            "a fair outcome",
        ),
    ],
)
def test_a_name_opening_its_sentence_or_the_outlet_a_question_cites_does_not_hide_the_answer(
    tmp_path, model_cache, folder, question, answer
):
    check_story_answer(tmp_path, model_cache, folder, question, answer)


@pytest.mark.parametrize(
    ("folder", "question", "answer"),
    [
        # the best sentences speak of "the company" and "an insurer": no name, so no answer
        ("train_battery", "Which insurance company covers the Corran Falls plant?", None),
        ("train_breach", "Which insurer was fined €31 million in 2021?", None),
        # ... while one name in the sentence answers ("through SafeLedger")
        (
            "train_breach",
            "Which company provides the free credit monitoring Fenella Drury accepted?",
            "SafeLedger",
        ),
    ],
)
def test_a_which_company_question_is_not_found_from_a_sentence_naming_nothing_new(
    tmp_path, model_cache, folder, question, answer
):
    check_story_answer(tmp_path, model_cache, folder, question, answer)


def test_a_sum_about_what_the_pages_headline_names_answers_and_differing_sums_are_shown(
    tmp_path, model_cache
):
    # "The project cost €4.2 billion" names neither Lisbon, Porto nor the line: its page's headline does
    engine = engine_over(tmp_path / "rail", model_cache, story("heldout"))
    got = engine.ask("How much did the Lisbon–Porto line cost?")
    check_answer(got, "€4.2 billion")
    values = {claim.value for conflict in got.conflicts for claim in conflict.claims}
    assert "€4.5 billion" in values and any("€4.2 billion" in v for v in values), got.text


@pytest.mark.parametrize(
    ("folder", "question", "answer"),
    [
        # the best sentences name people, but none in the role asked about, nor use its words
        ("train_museum", "Who is the head of security at the Almsley City Museum?", None),
        ("train_stadium", "Who is the chief executive of Kellgren Construction?", None),
        # ... while a role misspelt beyond repair ("sherrif") is no reason to say "not found"
        ("train_fire", "who is the sherrif who ordered the evacuation", "Dana Okafor"),
        ("train_fire", "Who is the mayor of Brindle Creek?", "Joel Fairweather"),
        # "Bluecrest's chief executive": a firm's name written short, its "Airways" left out
        ("train_airline", "Who is the chief executive of Bluecrest Airways?", "Marguerite Olsen"),
        # a role of two words is said by its head word ("agent"), not by "election" alone
        ("train_election", "Who was Priya Castellane's election agent?", None),
        # a role misspelt as another real word the documents never write ("mayer", "major")
        ("train_airline", "who is the mayer of kestrel bay", "Joan Pruitt"),
        ("train_festival", "who is the major of Kestral Bay", "Ruth Kealy"),
        ("train_port", "whats the name of the mayer of carrowhaven", "Benedict Farrow"),  # no apostrophe
        # "office" is no "officer" (a letter more makes another word), and "CFO" is a role too
        ("train_airline", "Who is Bluecrest's chief financial officer?", None),
        ("train_airline", "Who is Bluecrest's CFO?", None),
        ("train_port", "Who is the CEO of Tidewell Terminals?", "Gareth Vellacott"),
        # a name typed in lower case, with no article or owner, is no role
        ("train_fire", "who is kelsey mar", "Kelsey Marr"),
        # "the name of the X of Y" asks who holds a role as well: no article names the ferry's captain
        ("train_bridge", "What is the name of the captain of the MS Lotte?", None),
        # a sentence naming a holder of the role asked about answers, however little else it shares
        (
            "train_fire",
            "Who is the incident commander in charge of fighting the Harrow Ridge Fire?",
            "Marisol Quint",
        ),
        ("train_fishing", "Who was the captain of the Latvian trawler seized in 2021?", "Edgars Liepa"),
        # "Who is ...?" answered by a sentence naming nobody: the role is only mentioned
        ("train_fishing", "Who was the Estonian ambassador that Latvia summoned?", None),
        ("train_battery", "Who is the State Fire Marshal?", None),  # "the State Fire Marshal's Office"
        # ... while a name opening the sentence, before its role, answers
        ("train_museum", "Who is the museum's head of conservation?", "Ruth Okonjo-Baines"),
    ],
)
def test_a_who_holds_a_role_question_is_not_found_from_sentences_not_about_that_role(
    tmp_path, model_cache, folder, question, answer
):
    engine = engine_over(tmp_path / folder, model_cache, story(folder))
    check_answer(engine.ask(question), answer)


@pytest.mark.parametrize(
    ("text", "role", "holds"),
    [
        ("Mayor Joel Fairweather said the town would rebuild.", "mayor", True),
        ("Dana Okafor, the county sheriff, ordered the evacuation.", "sheriff", True),
        ("Cuba's President Miguel Díaz-Canel paid a visit to North Korea.", "president", True),
        # the role word before words in lower case names nobody
        ("Havana invited the South Korean Foreign Minister to attend a summit.", "foreign minister", False),
        ("The mayor said the town would rebuild.", "mayor", False),
        # ... or set off by a comma after the role
        ("The captain at the time, Edgars Liepa, now 54, told the Courier.", "captain", True),
        ("The director said on Tuesday, Ardenvolt Corp. agreed.", "director", False),
        # ... or after the name and its age
        ("said Glen Haskins, 58, president of the growers' association.", "president", True),
        # a second in the role holds another one
        ("said Carl Hollis, the chain's vice president of purchasing.", "president", False),
        ("Deputy Mayor Ines Vogel opened the fair.", "mayor", False),
        ("Deputy Mayor Ines Vogel opened the fair.", "deputy mayor", True),
    ],
)
def test_a_role_word_names_its_holder_only_beside_a_capitalised_name(text, role, holds):
    from kcqa.answer import names_holder

    assert names_holder(text, role) is holds


@pytest.mark.parametrize(
    ("text", "role", "owner", "holds"),
    [
        ("Cuba's President Miguel Díaz-Canel paid a visit to North Korea.", "president", "Cuba", True),
        ("The Cuban President Miguel Díaz-Canel paid a visit.", "president", "Cuba", True),
        ("Former President Ana Ruiz said so.", "president", "Cuba", True),  # whose, it does not say
        # the role held for another country or firm than the one asked about
        (
            "Cuba's President Miguel Díaz-Canel paid a visit to North Korea.",
            "president",
            "South Korea",
            False,
        ),
        ("As former U.S. President Donald Trump became more likely to win", "president", "Cuba", False),
        (
            "Harbourline chief executive Daniel Okafor visited the hangar.",
            "chief executive",
            "Bluecrest",
            False,
        ),
        (
            "Marguerite Olsen, Bluecrest's chief executive, told shareholders.",
            "chief executive",
            "Bluecrest",
            True,
        ),
        # an agent for another candidate; a chief executive whose firm only a pronoun names
        (
            "Keith Barraclough, agent for Progress Party candidate Martin Douthwaite, asked.",
            "election agent",
            "Priya Castellane",
            False,
        ),
        ("Its chief executive, Luis Ferrante, said so.", "chief executive", "Harbourline Air", False),
        # a role of another field ("director of communications") is another role
        (
            "Media contact: Simone Achterberg, director of communications, Tamsin Ridge Holdings",
            "ski patrol director",
            "Silverhorn Mountain Resort",
            False,
        ),
        (
            "Patrol director Lucia Vantongeren, 46, planned a route.",
            "ski patrol director",
            "Silverhorn",
            True,
        ),
        # a role's owner written short ("CP") is the owner asked about ("comboios de portugal")
        ("CP chairwoman Dr. Ana Lúcia Ferraz said so.", "chairwoman", "comboios de portugal", True),
        ("NMC chair Helena Varga said so.", "chair", "the National Markets Commission", True),
        ("NTSB chair Helena Varga said so.", "chair", "the National Markets Commission", False),
    ],
)
def test_a_role_held_for_another_names_no_holder_of_the_role_asked_about(text, role, owner, holds):
    from kcqa.answer import names_holder

    assert names_holder(text, role, owner) is holds


@pytest.mark.parametrize(
    ("question", "role", "owner"),
    [
        (
            "Who is the head of security at the Almsley City Museum?",
            "head of security",
            "Almsley City Museum",
        ),
        ("Who is the head of the museum?", "head", "museum"),
        ("who is the director of communications for Ardenvolt", "director of communications", "Ardenvolt"),
        # ... a field of two words, after an owner written before the role
        (
            "Who is Tallowbrook's vice president of grid operations?",
            "vice president of grid operations",
            "Tallowbrook",
        ),
        # an owner written with an apostrophe after the role's "of" is the owner's, not the role's
        (
            "Who is the president of the nurses' union at St. Brigid's?",
            "president",
            "nurses' union at St. Brigid's",
        ),
        ("Who is the University of Tartu's rector?", "rector", "University of Tartu"),
        (
            "What is the name of Prairie Cross Health's chief financial officer?",
            "chief financial officer",
            "Prairie Cross Health",
        ),
        # an owner written before the role without "'s"
        ("Who is the Tallowbrook Energy spokesperson?", "spokesperson", "Tallowbrook Energy"),
        # ... and a role capitalised as a title after its owner
        ("Who is the Calder County District Attorney?", "district attorney", "Calder County"),
        ("Who was the Bright Hearth Foundation Treasurer?", "treasurer", "Bright Hearth Foundation"),
        # ... or after a word in lower case, with no owner named
        ("Who is the state Agriculture Commissioner?", "state agriculture commissioner", None),
        ("Who is the new county Health Officer?", "county health officer", None),
    ],
)
def test_a_role_question_reads_its_role_and_its_owner_whole(question, role, owner):
    from kcqa.quantities import role_asked, role_owner

    assert (role_asked(question), role_owner(question)) == (role, owner)


@pytest.mark.parametrize(
    ("question", "posts", "owner"),
    [
        # a verb asking who heads a body: any of the top posts, the chair's or a manager's
        ("Who heads the municipal water agency?", "director", None),
        ("Who runs Koch's Bakery?", "owner", "Koch's Bakery"),
        ("Who chairs the Tamsett County Planning Board?", "chairwoman", "the Tamsett County Planning Board"),
        ("Who manages the Driftwood Inn?", "manager", "the Driftwood Inn"),
        # a head, boss or leader of a body, with no post of its own
        ("Who is the top boss of the building firm?", "managing director", "building firm"),
        ("Who is the leader of Brennmoor City Council?", "chief executive", "Brennmoor City Council"),
        # ... not a post of its own ("head of security", "fire chief") nor a deed ("leading")
        ("Who is Brightwater's head of art claims?", None, None),
        ("Who is the head of security at the Almsley City Museum?", None, None),
        ("Who is the fire chief of Tolliver County?", None, None),
        ("Who is leading the search?", None, None),
        # "Who speaks for X?" asks for its spokesperson's post
        ("Who speaks for Granite Mutual to the press?", "spokesperson", "Granite Mutual"),
        ("Who speaks to reporters on behalf of the power company?", "spokesperson", None),
        ("Who speaks Spanish?", None, None),
    ],
)
def test_who_heads_a_body_asks_for_any_of_its_top_posts(question, posts, owner):
    from kcqa.quantities import top_posts

    top = top_posts(question)
    if posts is None:
        assert top is None
    else:
        assert posts.split()[-1] in top.posts and top.owner == owner


@pytest.mark.parametrize(
    ("question", "text", "does"),
    [
        (
            "Who leads the state police Computer Crimes Unit?",
            "Capt. Leon Harwick, who leads the state police Computer Crimes Unit, said so.",
            True,
        ),
        (
            "Who runs the Larch Hollow General Store?",
            "LARCH HOLLOW — Ada Whitlow has run the Larch Hollow General Store for 31 years.",
            True,
        ),
        (
            "Who chairs the Friends of the Elmstead Library?",
            "Patrick Ostrander, a retired teacher who chairs the Friends of the Elmstead Library, spoke.",
            True,
        ),
        # ... not for another body, nor done by a thing
        (
            "Who chairs the Friends of the Elmstead Library?",
            "Councilman Tobias Renfrew, who chairs the council's finance committee, said he voted for it.",
            False,
        ),
        ("Who runs Koch's Bakery?", "The free ferry, the MS Lotte, has run since Feb. 19.", False),
    ],
)
def test_a_sentence_saying_a_person_heads_the_body_names_its_head(question, text, does):
    from kcqa.quantities import top_posts

    assert top_posts(question).done_by_name(text) is does


@pytest.mark.parametrize(
    "question",
    [
        "Who is paying for the mobile library van?",
        "Who was arrested for the theft?",
        "Who is leading the search?",
        "Who is the New York Times?",  # capitalised words ending in no post
    ],
)
def test_a_deed_after_who_is_is_no_role(question):
    from kcqa.quantities import role_asked

    assert role_asked(question) is None


@pytest.mark.parametrize(
    ("folder", "question", "answer"),
    [
        # "He was buried ... for roughly 40 minutes" is about Felix Ardent, named two sentences before
        ("train_avalanche", "How long was Felix Ardent buried under the snow?", "40 minutes"),
        ("train_avalanche", "What was the name of the avalanche dog that found Felix Ardent?", "Juno"),
        # ... and "his 48 acres" mid-sentence is about Walt Kessinger, two sentences before ("By
        # Wednesday afternoon" names no person)
        ("train_frost", "How many acres does Walt Kessinger farm?", "48 acres"),
        # "How many X does Y have?": "The valley has about 7,900 acres" over "frost damaged 5,800 acres"
        ("train_frost", "How many acres of vineyards does the Marrow Creek Valley have?", "7,900 acres"),
        # "scheduled" only times the hearing the pages report ("a public hearing ... is set for July 22")
        ("train_scooter", "When is the public hearing on the new scooter rules scheduled?", "July 22"),
        # "Which council members ...?" asks for names
        ("train_scooter", "Which council members voted against the scooter suspension?", "Victor Lindqvist"),
        # "Over what period ...?" asks for a span of time; "In what earlier year ...?" for a year
        (
            "train_frost",
            "Over what period must growers pay back the county's emergency loans?",
            "over five years",
        ),
        ("train_frost", "In what earlier year did a frost cause comparable damage in the valley?", "1997"),
        # "how long" asks for a value: "long ago" in a sentence about a curfew is no match for it
        ("train_scooter", "How long is a marathon in kilometers?", None),
        # "number of conditions" counts conditions: "17 conditions" over "an unusually high number"
        ("train_wind", "number of conditions", "17 conditions"),
        # "its chief executive" in a sentence opening on Hopwire is Hopwire's, not Brisa Mobility's
        ("train_scooter", "Who is the chief executive of Brisa Mobility?", None),
        ("train_scooter", "Who is the chief executive of Hopwire?", "Adrian Koenig"),
        # ... while "Its managing director" opening a sentence is of the body named before it
        ("train_dig", "Who is the managing director of Greyline Homes?", "Richard Pell"),
        # a question is ranked as it reads with its typos put right: "which compnay" asks for a company
        ("train_avalanche", "which compnay owns silverhorn mountain resort", "Tamsin Ridge Holdings"),
        # "The developer, Northvane Digital Infrastructure," names a company; "Harlow Community
        # College, the company will ..." sets no name beside "the company"
        ("train_datacenter", "Which company is developing the data center campus?", "Northvane Digital"),
        # keywords opening on "time" ask for a time of day
        ("train_whale", "time whales were discovered", "6:15 a.m."),
        # "When are X expected?": a time from now ("results are expected in six to eight weeks"), not
        # a span gone by ("its first snow leopard births in 17 years")
        ("train_whale", "when are the tisue test resuls expected", "six to eight weeks"),
        ("train_zoo", "When will the public first get to see the baby snow leopards?", "late June"),
        # "Who speaks for X?" asks for X's spokesperson ("Utility spokeswoman Denise Albright")
        ("train_datacenter", "Who speaks to reporters on behalf of the power company?", "Denise Albright"),
        # "Which Select Board member ...?" asks for a name
        (
            "train_whale",
            "Which Select Board member voted against the emergency spending measure?",
            "Gail Sorensen",
        ),
        # "What was the highest temperature ...?" asks for a temperature, which no page gives for Linwood
        ("train_heat", "What was the highest temperature recorded in Linwood on Wednesday?", None),
        # a ski patrol director over a director of communications; a vice president of operations
        (
            "train_avalanche",
            "Who is the ski patrol director at Silverhorn Mountain Resort?",
            "Lucia Vantongeren",
        ),
        ("train_quarry", "Who is Corvane's vice president of operations?", "Sandra Kim"),
        # "What is X's job?": what X does set beside the name ("Mercer, a retired high school chemistry
        # teacher,"; "Lyle Benning, 37, a delivery driver") over a sentence only naming X
        ("train_bear", "What was Evan Mercer's profession before he retired?", "chemistry teacher"),
        ("train_museum", "What job does Lyle Benning do?", "delivery driver"),
        # a sentence naming no one but the question's own Gil Sandoval, with his title, answers no "who"
        ("train_bear", "Who did Gil Sandoval defeat in the last Harlow Junction mayoral election?", None),
        # "Who voted against / opposed X?": a vote against, however written ("one of the two dissenting
        # votes", "voted no")
        ("train_wind", "Which commissioners voted against the wind farm?", "Eamon Tolliver"),
        (
            "train_library",
            "Which councillor representing the Elmstead area opposed the proposal?",
            "Amara Ndiaye-Fletcher",
        ),
        # the answer runs on into (or from) its neighbour when that one is among the best candidates
        # and the two make a short passage
        ("train_quarry", "How much limestone may the expanded quarry produce each year?", "1.2 million tons"),
        ("train_mixed", "Where was the Youth Robotics Challenge national final held?", "Kelsford Arena"),
        # a relative's name is not found from a sentence naming no one but the relative's kin
        ("train_lottery", "What is the name of Walter Kessler's wife?", None),
        ("train_fraud", "What is the name of Martin Hasselby's wife?", None),
        # "Who took the photo of ...?" is answered by the caption's credit, cited verbatim
        ("train_landslide", "Who took The Republic Herald's photo of the slide?", "Evan Marsh"),
        ("train_derail", "Who took the foto of cars lining up at the checkpoint?", "Jake Ferris"),
        (
            "train_school",
            "Who is credited for the picture of the board president taking the vote?",
            "Maribel Soto",
        ),
        # "CP chairwoman Dr. Ana Lúcia Ferraz" holds the role for Comboios de Portugal
        ("heldout", "who is the chairwomen of comboios de portugal", "Ana Lúcia Ferraz"),
        # "Who heads / chairs X?" is answered by X's director or chairwoman ("Carl Ostrander, the
        # authority's executive director"; "Patricia Lindqvist, the council's chairwoman")
        ("train_water", "Who heads the municipal water agency?", "Carl Ostrander"),
        (
            "train_landslide",
            "Who chairs the county body that has blamed the state for poor upkeep of the hillside?",
            "Patricia Lindqvist",
        ),
        ("train_quarry", "Who chairs the Tamsett County Planning Board?", "Ruth Ellison"),
        # ... or by saying the person does it ("Capt. Leon Harwick, who leads ...")
        ("train_cyber", "Who leads the state police Computer Crimes Unit?", "Leon Harwick"),
        # a street address is the answer to "What is the address of ...?", though no page says "address"
        ("train_library", "What is the address of the Elmstead Branch?", "1120 Larkspur St."),
        # "at noon" tells when
        ("train_outage", "wen did green line service resume", "resumed at noon"),
        # a telephone number is found by its pattern, though no page writes "phone number"
        ("train_outbreak", "What is the phone number of the outbreak hotline?", "555-0142"),
        # "how much weight": a weight ("14 pounds"), which "at least twice a week" does not give
        ("train_outbreak", "How much weight did Marcus Delaney lose?", "14 pounds"),
        # a vote's tally is written as the tally, not as "tally"
        ("train_wind", "What was the commission's vote tally on Greyshoal?", "3 to 2"),
        # "how many permanent jobs": the number of permanent jobs over a closer number of jobs
        ("train_wind", "How many permanent jobs will the project create?", "85 permanent jobs"),
        # a local paper's name over its headline ("The Port Callow Gazette") says where it reports
        (
            "train_wind",
            "Why are Port Callow fishermen unhappy about where the turbines will stand?",
            "best scallop ground",
        ),
        # "did the hospital have to move" is no "How many X does Y have?"
        ("train_strike", "How many clinic visits did the hospital have to move to other dates?", "1,100"),
        # a name in quotes answers "What is the name of ...?" ("the annual "Hearth & Home" gala")
        ("train_fraud", "What is the name of Bright Hearth's annual gala?", "Hearth & Home"),
        # a district attorney named by the title before the name
        ("train_fraud", "Who is the Calder County District Attorney?", "District Attorney Lena Marchetti"),
        # the holder of the role over the second in another one ("the chain's vice president")
        (
            "train_poultry",
            "Who is the president of the Merriam County Poultry Growers Association?",
            "Glen Haskins",
        ),
        # six keywords ending in "date" ask for one ("... its next financial year, which begins on July 1")
        ("train_dig", "Greyline next financial year start date", "July 1"),
        # a strain is named by its code ("The H5N1 virus was first confirmed ...")
        ("train_poultry", "Which strain of avian influenza was found on the Merriam County farms?", "H5N1"),
        # a deadline is a date ("must be submitted by March 31, 2025"), though no page says "deadline"
        ("train_poultry", "What is the deadline for indemnity applications?", "March 31, 2025"),
        # ... and a title after a word in lower case ("state"), not read as the role "state"
        ("train_poultry", "Who is the state Agriculture Commissioner?", "Commissioner Thomas Greeley"),
        # what is embezzled is money ("$1.37 million"), not the years it went on
        (
            "train_fraud",
            "How much is Hasselby accused of embezzling from the Bright Hearth Foundation?",
            "$1.37 million",
        ),
        # "the elderly woman who fled" asks for no name: what she said ("like pennies") answers it
        (
            "train_battery",
            "What did the elderly woman who fled say the smoky air tasted like?",
            "like pennies",
        ),
        # "Which county commissioner wants a review of how quickly ...?" asks for a name, not a span
        (
            "train_outbreak",
            "Which county commissioner wants a review of how quickly the public is alerted during outbreaks?",
            "Glenn Ashworth",
        ),
        # a telephone's area code is no age: "Office of the Mayor, (555) 014-2290"
        ("train_heat", "How old is Mayor Gareth Pryce?", None),
        # "Which company ...?": a company's name ("Corvane Stone Inc.") over "the company"
        ("train_quarry", "Which company is expanding the Dunmore Ridge Quarry?", "Corvane Stone Inc."),
        ("train_airline", "Which company is buying Harbourline Air?", "Bluecrest Airways"),
        ("train_web", "Which company runs the Riverside Line?", "Northway Rail"),  # "operated by ..."
        # ... and a business's premises: "Kessler's Quick Stop, a convenience store on Mill Road"
        ("train_lottery", "Which store sold the winning Verlane Millions ticket?", "Kessler's Quick Stop"),
        # ... with words before the kind ("engineering firm"), and not the firm the question names
        # a firm named as taken on for the job ("The bank hired Northgate Forensics")
        (
            "train_breach",
            "Which forensic firm did Alderbrook hire to investigate the breach?",
            "Northgate Forensics",
        ),
        (
            "train_flood",
            "Which engineering firm will review Upper Sable Hydro's notification procedures?",
            "Halloway & Crane",
        ),
        (
            "train_outbreak",
            "Which investment firm holds a controlling stake in the bowl-and-salad business?",
            "Castlemere Partners",
        ),
        # a role's owner named before it without "'s" ("the Tallowbrook Energy spokesperson")
        ("train_outage", "Who is the Tallowbrook Energy spokesperson?", "Lena Marchetti"),
        # a question none of whose words the pages use, which nothing comes near in meaning
        ("train_outage", "How many players are on a soccer team?", None),
        # "how long has X been ...": a time held ("for 22 years") ...
        ("train_web", "How long has Raj Mehta run his newsagent?", "22 years"),
        # ... which a sentence naming X but no time held does not tell
        ("train_port", "How long has Benedict Farrow been mayor of Carrowhaven?", None),
        # a place of the kind asked for, by its name ("State Route 62", "Wyeth Pass")
        ("train_landslide", "Which highway was buried by the landslide?", "State Route 62"),
        ("train_landslide", "At which mountain pass did the landslide happen?", "Wyeth Pass"),
        ("train_housing", "At which hotels is the city housing Marlowe House tenants?", "Carrow Hotel"),
        # an age ("56-year-old Dale Ormsby") is no number of years worked ("a 22-year employee")
        ("train_landslide", "How many years had Dale Ormsby worked for Brannock Dairy?", "22-year"),
        # fines are a sum of money
        ("train_housing", "How much in fines is the city seeking from Corvane?", "million in fines"),
        # the writers of a report by the outlet heading a page: its byline
        (
            "train_landslide",
            "Who wrote the KBXN 8 News report on the landslide?",
            "Kayla Brandt and Jordan Pike",
        ),
        # ... asked in keywords: the outlet and "reporter"
        ("train_tram", "CKMB reporter", "By Jordan Whitfield"),
        ("train_fraud", "WKCL 9 reporter name", "By Jasmine Ortiz"),
        # "the TV station" names nothing, though no page writes "TV" or "television"
        (
            "train_landslide",
            "Which villager told the TV station over the telephone that he would not abandon his house?",
            "Gary Ostrander",
        ),
        # the size of the thing "How wide was X?" names, given before its noun ("a 28-inch borehole"),
        # over the width of another thing ("It is 8 feet tall and 21 inches wide": the capsule)
        ("train_mine", "How wide was the rescue borehole?", "-inch borehole"),
        # ... which "How long were the miners trapped underground?" does not name ("1,340 feet underground")
        ("train_mine", "How long were the miners trapped underground?", "nearly 95 hours"),
        # "When did X happen?": a time or a date beside the question's own words ("The roof fell at
        # 2:47 a.m.") over one far from them ("... was lifted to the surface at 1:31 a.m. on
        # Saturday, ending an ordeal ... that began when a section of the roof collapsed")
        ("train_mine", "What time did the roof collapse at the Grayhawk Mine?", "2:47 a.m."),
        ("train_museum", "On what date were the paintings stolen?", "3 March"),
        # ... the question's words read as put right ("ilnesses"), as the search read them
        ("train_outbreak", "When did the ilnesses in the outbreak begin?", "Aug. 21"),
        # "Until what date ...?": a date after "through" or "until" ("through April 15") over another
        # date of the same thing ("... the scheduled end of its season on 13 April")
        ("train_fire", "Until what date will the ski area keep paying its workers?", "through April 15"),
        # "During which hours ...?", "blasting hours": a span of the day ("between 4 p.m. and 9 p.m.")
        # over a time of day ("peaked at 5,212 megawatts at 5:40 p.m.")
        (
            "train_heat",
            "During which hours are electricity users being urged to cut back?",
            "4 p.m. and 9 p.m.",
        ),
        ("train_quarry", "quary blasting hours", "10:00 a.m. and 3:00 p.m."),
        # "How often ...?": a frequency ("every quarter", "quarterly") over the same words without one
        (
            "train_wind",
            "How frequently will the developer sit down with the fishermen's group?",
            "every quarter",
        ),
        (
            "train_quarry",
            "How frequently must the outside water specialist send findings to the board?",
            "quarterly",
        ),
        # "How long did X do ...?": a span of time ("six and a half hours of debate", "two nights"), not
        # the length of the line the council voted on ("will run 11.8 kilometres")
        (
            "train_tram",
            "How long did council debate before voting on the Eastbank Line?",
            "six and a half hours",
        ),
        ("train_recall", "How long did the Haldersum boy stay in hospital?", "two nights"),
        # "How many light-rail vehicles ...?": "14 fully low-floor vehicles" counts them, three words on
        ("train_tram", "How many light-rail vehicles will the Eastbank Line have?", "14 fully low-floor"),
        # "How old is X?": the age beside the name ("Walter Ng, 71,") over another age in a sentence
        # naming X ("'You can't plant a 90-year-old tree,' said Walter Ng")
        ("train_tram", "How old is Walter Ng?", "Walter Ng, 71"),
        # "What is the name of the X ...?": a sentence naming an X ("the parent group Save Our
        # Neighborhood Schools", "the pilot boat Tern") over one speaking of it by its kind
        (
            "train_school",
            "What is the name of the parent group opposing the school closures?",
            "Save Our Neighborhood Schools",
        ),
        ("train_ferry", "What was the name of the pilot boat the lifeboats ferried passengers to?", "Tern"),
        # "What type of X ...?": a sentence giving a maker's code ("A CH-47 Chinook made three flights")
        # over one naming the kind of thing alone ("National Guard helicopters flew food, water ...")
        ("train_landslide", "What type of helicopter flew supplies into Larch Hollow?", "CH-47 Chinook"),
        # ... and "What is the X called?", "What will the X be called?" ("The free ferry, the MS Lotte,")
        ("train_bridge", "What is the ferry called?", "MS Lotte"),
        ("train_merger", "What will the merged university be called?", "Northshore Lakes University"),
        # what someone said "at her news conference": the pages report what she did, not what she said
        (
            "train_landslide",
            "What did Gov. Maureen Calder say at her news conference about the landslide?",
            None,
        ),
    ],
)
def test_the_thing_asked_for_is_read_as_asked(tmp_path, model_cache, folder, question, answer):
    check_story_answer(tmp_path, model_cache, folder, question, answer)


@pytest.mark.parametrize(
    ("folder", "question", "answer"),
    [
        # the sentence naming the director comes before closer wordings that name nobody in the role
        ("train_recall", "Who is the director of the Inspectorate for Consumer Products?", "Femke Oudenrijn"),
        # the museum's "head of conservation" is no head of security
        ("train_museum", "Who is the head of security at the Almsley City Museum?", None),
        # a writer who signs in the role: "By Marisol Vance, president, Lowell Flats Neighborhood Association"
        (
            "train_flood",
            "Who is the president of the Lowell Flats Neighborhood Association?",
            "Marisol Vance",
        ),
    ],
)
def test_a_sentence_naming_the_holder_of_the_role_asked_about_comes_first(
    tmp_path, model_cache, folder, question, answer
):
    check_story_answer(tmp_path, model_cache, folder, question, answer)


@pytest.mark.parametrize(
    ("folder", "question", "answer"),
    [
        ("train_election", "Which party does Priya Castellane belong to?", "Aldermoor First"),
        # the mayor is named, her party nowhere
        ("train_bridge", "Which political party does Mayor Heike Brandt belong to?", None),
    ],
)
def test_which_party_is_answered_by_a_party_named_as_one(tmp_path, model_cache, folder, question, answer):
    check_story_answer(tmp_path, model_cache, folder, question, answer)


def test_a_passage_never_runs_across_a_photo_caption(tmp_path, fake_embedder):
    from kcqa.config import Settings
    from kcqa.evidence import joins, make_passage
    from kcqa.pipeline import Engine

    page = (
        "SITE | News | Sport\nScooter fire: mum tells her story\nBy Dirk Sangers | March 13, 2024\n"
        "Photo: Priscilla Jansma outside the flat where the fire started.\n"
        "A mother has told how she dragged her son through thick smoke after their scooter caught fire.\n"
        "Victims include a delivery rider from the German town of Bruckenfeld, who suffered burns.\n"
        "Photo: Priscilla Jansma outside the flat where the fire started.\n"
        '"They sold us a bomb and told us it was safe to charge at home," Priscilla said.\n'
    )
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "tabloid.txt").write_text(page, encoding="utf-8")
    settings = Settings(sources=tmp_path / "docs", index_dir=tmp_path / "index", cache_dir=tmp_path / "cache")
    data, _ = Engine(settings, embedder=fake_embedder).index()
    texts = [sentence_text(data, i) for i in range(len(data.sentences["doc"]))]
    rider = next(i for i, t in enumerate(texts) if "Bruckenfeld" in t)
    quote = next(i for i, t in enumerate(texts) if t.startswith('"They sold'))
    assert quote == rider + 1  # the caption between them is page furniture, not a sentence
    # the quote leans back on "Victims ...", but the two are not joined across the caption
    assert not joins(data, rider, quote)
    assert "Photo:" not in make_passage(data, quote, 0.0).text


def test_short_neighbours_in_two_paragraphs_make_one_passage(tmp_path, fake_embedder):
    from kcqa.config import Settings
    from kcqa.evidence import joins
    from kcqa.pipeline import Engine

    long_tail = (
        "The ministry said the count covers only registered residents, "
        + ", ".join(f"not the {n} visitors of {y}" for n, y in ((900, 2019), (1200, 2020), (1500, 2021)))
        + ", nor students, business travellers, diplomats and their families, who are counted apart."
    )
    page = (
        "Koreans in Cuba\n\n"
        "Only some 40 South Korean nationals are residing in Cuba in 2022.\n\n"
        "About 1,100 descendants of Korean immigrants live there too.\n\n"
        f"{long_tail.strip()}\n"
    )
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "wire.txt").write_text(page, encoding="utf-8")
    settings = Settings(sources=tmp_path / "docs", index_dir=tmp_path / "index", cache_dir=tmp_path / "cache")
    data, _ = Engine(settings, embedder=fake_embedder).index()
    texts = [sentence_text(data, i) for i in range(len(data.sentences["doc"]))]
    nationals = next(i for i, t in enumerate(texts) if t.startswith("Only some 40"))
    descendants = nationals + 1
    assert texts[descendants].startswith("About 1,100")
    # one sentence a paragraph, as news writes: together they still make a short passage
    assert joins(data, descendants, nationals)
    # a neighbour that would make the passage longer than a short one stays apart
    assert not joins(data, descendants, descendants + 1)


def test_the_answer_in_the_next_short_paragraph_joins_the_first_passage(tmp_path, model_cache):
    # "Skipper Edgars Liepa told CoastWatch24 he lost six kilos during the ordeal." is a paragraph
    # of its own after the one ranked first
    check_story_answer(
        tmp_path,
        model_cache,
        "train_fishing",
        "What physical toll did the detention take on the Latvian skipper?",
        "six kilos",
    )


def test_a_demonym_the_articles_never_write_is_read_as_its_country(tmp_path, model_cache):
    # "... supplies driverless trams to Aarhus in Denmark ...": no article writes "Danish"
    question = "Which Danish city does Sorvik supply with driverless trams?"
    check_story_answer(tmp_path, model_cache, "train_web", question, "Aarhus")


def test_the_blogger_is_the_writer_of_a_first_person_page(tmp_path, model_cache):
    # no page calls itself a blog: the one written in the first person is the blogger's
    check_story_answer(
        tmp_path, model_cache, "train_fishing", "What is the name of the blogger's nephew?", "Karl"
    )


def test_a_news_story_quoting_people_is_no_first_person_page(tmp_path, fake_embedder):
    from kcqa.config import Settings
    from kcqa.pipeline import Engine
    from kcqa.retrieval import first_person_pages

    docs = {
        "news.txt": "Town votes\n\nThe council met on Monday.\n\n"
        '"I am delighted," the mayor said.\n\n"My door is open," she added.\n\nThe vote passed.\n',
        "blog.txt": "Week 3\n\nI found out last night.\n\nMy commute is longer now.\n\nThe ferry is slow.\n",
    }
    (tmp_path / "docs").mkdir()
    for name, text in docs.items():
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    settings = Settings(sources=tmp_path / "docs", index_dir=tmp_path / "index", cache_dir=tmp_path / "cache")
    data, _ = Engine(settings, embedder=fake_embedder).index()
    assert [d["name"] for d, mine in zip(data.docs, first_person_pages(data), strict=True) if mine] == [
        "blog.txt"
    ]


def test_who_holds_a_countrys_role_is_answered_by_that_countrys_holder(real_engine):
    # "former U.S. President Donald Trump" shares more words with the question, but holds another
    # country's presidency; "Cuba's President Miguel Díaz-Canel" answers it
    check_answer(real_engine.ask("Who is the president of Cuba?"), "Díaz-Canel")
    # and no sentence names South Korea's president: "Cuba's President" and "former President of the
    # Cuban Council of State Fidel Castro" are other countries'
    assert not real_engine.ask("Who is the president of South Korea?").answered


@pytest.mark.parametrize(
    ("folder", "question", "answer"),
    [
        # without its question mark, a question is still read as one
        ("train_trial", "how meny sites were in the lantern trial", "19 sites"),
        ("train_fishing", "how much herring does latvia get under the gulf of riga deal", "17,500 tonnes"),
        # a writer named only on the page's byline, typed in lower case, is still a name
        ("train_fire", "what is the name of mara ellison's dog", "Juniper"),
        # a misspelt role, or what is counted, is read as the index puts it right
        ("train_stadium", "who is the rovers maneger", "Phil Dunmore"),
        ("heldout", "how many viaductts does the line have", "41 viaducts"),
        ("train_breach", "how many empolyees does alderbrook have", "2,300 employees"),
        # a misspelt thing asked about that nothing puts right is no sign the sources lack it
        ("train_stadium", "what was the rsult of the planinng committee vote", "voted 9-4"),
        # typed in capitals, or wrapped in a request
        ("heldout", "WHAT SIGNALLING SYSTEM IS INSTALLED ON THE LINE?", "ETCS Level 2"),
        ("train_port", "Can you tell me who is the mayor of Carrowhaven?", "Benedict Farrow"),
    ],
)
def test_a_question_typed_in_haste_gets_the_answer_it_gets_written_with_care(
    tmp_path, model_cache, folder, question, answer
):
    check_story_answer(tmp_path, model_cache, folder, question, answer)


RALLY = {
    "wire.txt": article(
        "Residents protest over school closure",
        "By Kim Hale | June 2, 2025",
        "The town council has 40 members and meets on the first Monday of each month.",
        "Hundreds of parents gathered outside the town hall on Sunday to protest against the closure "
        "of Mill Street School.",
        "The council will vote on the closure on June 16.",
    ),
}


def test_a_number_given_only_roughly_answers_how_many(tmp_path, model_cache):
    engine = engine_over(tmp_path / "rally", model_cache, RALLY)
    check_answer(engine.ask("How many parents protested outside the town hall?"), "Hundreds of parents")


@pytest.mark.parametrize(
    ("folder", "question", "answer"),
    [
        # no article counts the museum's staff: "visitor numbers rose by 38%" counts nobody
        ("train_museum", "How many people does the Almsley City Museum employ?", None),
        # ... while a count in the sentence still answers
        ("train_fire", "How many homes were destroyed?", "232 homes"),
        # "a 2.4 km viaduct" measures one viaduct, it counts none
        ("heldout", "How many viaducts does the line have?", "41 viaducts"),
    ],
)
def test_how_many_is_answered_by_a_count_not_a_percentage_or_a_measure(
    tmp_path, model_cache, folder, question, answer
):
    check_story_answer(tmp_path, model_cache, folder, question, answer)


@pytest.mark.parametrize(
    ("folder", "question", "answer"),
    [
        ("train_bridge", "What does SCC stand for?", "stress corrosion cracking (SCC)"),
        ("train_election", "BPA meaning", "ballot paper account (BPA)"),
        ("train_trial", "what does pama stand for", "Pan-African Medicines Authority (PAMA)"),
    ],
)
def test_what_an_acronym_stands_for_is_answered_by_the_sentence_defining_it(
    tmp_path, model_cache, folder, question, answer
):
    check_story_answer(tmp_path, model_cache, folder, question, answer)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # "name" asks for one: the pages need not write the word ("under state mediator Dr. Harold Quince")
        ("mediator name", "Harold Quince"),
        # a title between the post and the name ("according to Superintendent Dr. Kevin Osei-Mensah")
        ("Who is the superintendent of Wendmoor Public Schools?", "Kevin Osei-Mensah"),
    ],
)
def test_a_name_asked_for_is_found_however_the_page_titles_it(tmp_path, model_cache, question, answer):
    check_story_answer(tmp_path, model_cache, "train_strike", question, answer)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("Castellane age", "Ms Castellane, 44"),  # not "she was head teacher ... for ages"
        ("seal mismatch time", "11:40 a.m."),
    ],
)
def test_a_keyword_query_ending_in_age_or_time_asks_for_one(tmp_path, model_cache, question, answer):
    check_answer(
        engine_over(tmp_path / "election", model_cache, story("train_election")).ask(question), answer
    )


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # the passage must name the speaker and touch the subject: Albers is quoted on who pays, not
        # on the inspection; the support fund is announced by the mayor, not discussed by Hartmann
        ("What did Karin Albers say about the Hollmann & Rieck inspection?", None),
        ("What did Uwe Hartmann say about the €250,000 support fund?", None),
        ("What did Uwe Hartmann say about the traders?", "People are exhausted"),
    ],
)
def test_what_someone_named_said_about_a_subject_needs_their_words_on_it(
    tmp_path, model_cache, question, answer
):
    check_answer(engine_over(tmp_path / "bridge", model_cache, story("train_bridge")).ask(question), answer)


def test_what_someone_named_said_needs_them_to_say_something(tmp_path, model_cache):
    # "Mayor Denise Harlan did not attend the meeting.": named, beside the grant, but saying nothing
    check_story_answer(
        tmp_path,
        model_cache,
        "train_zoo",
        "What did Mayor Denise Harlan say about cutting the zoo's grant?",
        None,
    )


@pytest.mark.parametrize(
    ("folder", "question", "answer"),
    [
        # "unlikely to take place before January": a month alone answers "when"
        ("train_election", "When is the earliest an election court is likely to hear the case?", "January"),
        # ... but not "on what date"
        ("train_trial", "On what date did the floods in Busia County begin?", None),
    ],
)
def test_a_month_alone_answers_when_but_not_on_what_date(tmp_path, model_cache, folder, question, answer):
    check_story_answer(tmp_path, model_cache, folder, question, answer)


def test_a_firms_short_name_is_read_once_and_not_through_a_large_folder(tmp_path, model_cache, monkeypatch):
    from kcqa import retrieval

    engine = engine_over(tmp_path / "airline", model_cache, story("train_airline"))
    data, _ = engine.index()
    question = "Who is the chief executive of Bluecrest Airways?"
    assert retrieval.short_forms(data, question) == {"airway": ("bluecrest",)}
    assert data.cache["alone"]  # remembered for the loaded index
    data.cache.clear()
    monkeypatch.setattr(retrieval, "ALONE_READ", 5)  # "Bluecrest" is in more sentences than that
    assert retrieval.short_forms(data, question) == {}


LIBRARIES = {
    "council.txt": "Two towns, two libraries\n\nBy Ann Lee | May 2, 2025\n\n"
    "North Ayrton opened its new library in 2019, after a public appeal raised the money for it.\n\n"
    "Its neighbour has waited longer. South Ayrton's library finally welcomed readers on April 28, "
    "in the old corn exchange on the market square.\n\n"
    "The council said both buildings would share one catalogue.\n",
}


def test_a_sentence_about_a_namesake_does_not_answer_for_the_name_asked_about(tmp_path, model_cache):
    engine = engine_over(tmp_path / "libraries", model_cache, LIBRARIES)
    # "North Ayrton opened its new library" shares more of the question's words, but is another town
    answer = engine.ask("When did South Ayrton open its new library?")
    assert answer.answered and "April 28" in answer.passages[0].text, answer.text


RAIL = {
    "rail.txt": "New trains enter service\n\nBy Ann Lee | May 2, 2025\n\n"
    "Passengers can board at four stations, and staff on board will sell food and drinks.\n\n"
    "Tickets start at 29 euros, and eleven trains will run each day.\n\n"
    "Each train has space for eight bicycles, which is rare on fast trains.\n",
}


def test_a_word_the_articles_never_use_counts_where_they_use_one_of_its_meaning(tmp_path, model_cache):
    from kcqa.pipeline import plain_question
    from kcqa.retrieval import retrieve, word_matches

    engine = engine_over(tmp_path / "rail", model_cache, RAIL)
    data, _ = engine.index()
    question = plain_question("How many bikes can Ferrotesa passengers take on board on its twelve trains?")
    terms, names = data.lexical.query_terms(question, engine.dictionary)
    found = word_matches(data, question, terms, names, engine.word_vectors())
    # "bikes" is read as the articles' "bicycles"; a name ("Ferrotesa") or a number ("twelve") the
    # articles never write is no other word ("eleven"), and a word they use ("passengers") is itself
    assert set(found) == {"bike"} and found["bike"][0] == "bicycl", found
    q_vecs, spelt = engine._read(data, question)
    bicycles = next(i for i in range(len(data.sentences["doc"])) if "bicycles" in sentence_text(data, i))
    plain = retrieve(data, q_vecs, question, dictionary=engine.dictionary, spelt=spelt)
    read = retrieve(
        data, q_vecs, question, dictionary=engine.dictionary, spelt=spelt, words=engine.word_vectors()
    )
    row = list(read.ids).index(bicycles)
    assert read.col("own")[row] > plain.col("own")[list(plain.ids).index(bicycles)]


SEAL = {
    "seal.txt": "Seal pup freed\n\nBy Ann Lee | May 2, 2025\n\n"
    "A seal pup tangled in fishing net at Crane Point was freed on Sunday by a passing kayaker who "
    "cut it loose with a penknife.\n\n"
    "Kayaker Tomas Reyes, 34, who paddles this stretch of coast most weekends and has volunteered "
    "with the county's marine rescue team for six years, said the pup was too weak to swim away.\n\n"
    "The pup is now at a rescue centre, where it is gaining weight.\n",
}


def test_a_who_answer_naming_nobody_takes_in_the_next_sentence_that_names_them(tmp_path, model_cache):
    engine = engine_over(tmp_path / "seal", model_cache, SEAL)
    # the sentence with the question's words says "a passing kayaker"; the next one names him
    answer = engine.ask("Who freed the seal pup tangled in fishing net at Crane Point?")
    assert answer.answered and "Tomas Reyes" in answer.passages[0].text, answer.text
    assert answer.passages[0].text.startswith("A seal pup tangled"), answer.text


@pytest.fixture(scope="module")
def battery(tmp_path_factory, model_cache):
    """An Engine over the battery-plant fire set's articles, built once for the tests below."""
    return engine_over(tmp_path_factory.mktemp("battery"), model_cache, story("train_battery"))


def test_a_what_year_question_wants_a_year_not_a_day(battery):
    engine = battery
    # the best sentence names the mayor and gives "Thursday, Feb. 20": no year, no answer
    assert not engine.ask("What year did Dennis Halvorsen become mayor?").answered
    answer = engine.ask("In what year was Lumaris fined for storing damaged batteries outdoors?")
    assert answer.answered and "2023" in answer.passages[0].text, answer.text


def test_a_close_second_sentence_holding_the_amount_asked_for_answers(battery):
    engine = battery
    # the best sentence is about the damaged batteries the fire started among; the next one, about
    # as close, gives the damage in dollars
    answer = engine.ask("How much damage did the fire cause, in dollars?")
    assert answer.answered and "$12 million" in answer.passages[0].text, answer.text


def test_a_role_of_another_kind_is_no_holder_of_the_role_asked_about(battery):
    engine = battery
    # "County health officer Dr. Samuel Etxeberria" holds no chief financial officer's post
    assert not engine.ask("Who is the chief financial officer of Lumaris?").answered


def test_a_differing_figure_in_the_answer_cites_the_answer_not_a_second_copy_of_it(battery):
    answer = battery.ask("How many workers were injured?")
    assert answer.conflicts, answer.text
    refs = answer.references()
    for n, a in enumerate(refs):  # each place in a file is cited under one number
        for b in refs[n + 1 :]:
            assert a.source != b.source or a.end <= b.start or b.end <= a.start, (a, b)
    first = answer.passages[0]
    assert any(cl.passage == first for cl in answer.conflicts[0].claims), answer.text


def test_a_misspelt_how_many_is_read_as_how_many(battery):
    engine = battery
    # "manny" is also a name, so no spelling check puts it right in the question's words
    answer = engine.ask("how manny people stayed in the shelter on saturday night")
    assert answer.answered and "97 people" in answer.passages[0].text, answer.text


COPIED = {
    "mission.txt": "Mission report\n\nBy Ann Lee | May 2, 2025\n\n"
    "The mission\u200b director was Hana\u200b Kobayashi. She led a team of 40 engineers for six "
    "years before the launch.\n",
}


def test_zero_width_spaces_copied_from_a_web_page_do_not_hide_the_answer(tmp_path, model_cache):
    engine = engine_over(tmp_path / "copied", model_cache, COPIED)
    answer = engine.ask("Who was the mission director?")
    assert answer.answered and "Kobayashi" in answer.passages[0].text, answer.text
    assert reads_back(engine, answer.passages[0])  # the file's text, zero-width spaces and all


def test_not_found_over_one_document_reads_as_plain_english(tmp_path, model_cache):
    lighthouse = {
        "a.txt": article(
            "Lighthouse report",
            "By Kim Hale | May 2, 2025",
            "The Fenwick lighthouse was built in 1854 by the engineer Alice Tamsin.",
        )
    }
    answer = engine_over(tmp_path / "one", model_cache, lighthouse).ask("Who won the 2018 FIFA World Cup?")
    assert not answer.answered
    assert "the one document does not answer" in answer.text, answer.text


def test_a_passage_never_opens_with_a_sentence_leaning_on_one_it_leaves_out(tmp_path, model_cache):
    docs = {"wire.txt": _FLOODED_TOWN}
    answer = engine_over(tmp_path / "flood", model_cache, docs).ask("Who is the mayor of Kestwick?")
    first = answer.passages[0]
    assert "Mayor Colette Ambrose" in first.text
    assert not first.text.startswith("His body"), first.text  # whose body is in the sentence before


_FLOODED_TOWN = article(
    "Thousands evacuated as River Dunmore floods Kestwick",
    "By Kim Hale | April 8, 2025",
    "About 3,200 residents of the market town of Kestwick were evacuated on Tuesday after the River "
    "Dunmore burst its banks.",
    "The man who died was named by police as Walter Pryce, 71, a retired postman. His body was found "
    "in his car on Mill Lane, which had been submerged to the height of the hedges.",
    '"This is the worst day this town has seen in living memory," said Mayor Colette Ambrose, who '
    "opened the Kestwick Leisure Centre as an emergency rest centre.",
    "About 410 people spent Tuesday night there on camp beds, the council said.",
)


@pytest.mark.parametrize(
    ("folder", "question", "answer"),
    [
        # the close second giving a place comes before "... have called a joint news conference"
        ("train_merger", "Where was the merger news conference held?", "Redwater State student union"),
        ("train_web", "Where did the tram hit the van?", "on Dunmore Road"),
        # "On which road ...?" asks where too (its sentence whole: "Application No. | PB-2023-117 ...")
        ("train_quarry", "On which road is the Dunmore Ridge Quarry located?", "Mt. Ashby Road"),
        # "how many people": the close second counting people ("... fires that injured six people"),
        # not "Among the six injured was a 9-year-old boy"
        ("train_recall", "How many people were injured in the Strada 2 fires?", "injured six people"),
        # "how many customers": the third, counting customers, over "cut the number of vendors ... from
        # 31 to 12" and "roughly 40 gigabytes of data"
        (
            "train_breach",
            "How many customers were affected by the Alderbrook data breach?",
            "412,000 customers",
        ),
        # ... but "how many people" is not answered by "two people familiar with the matter" from
        # further down, over "the records of 418,500 current and former customers"
        ("train_breach", "How many people had their records copied in the hack?", "418,500"),
    ],
)
def test_a_close_second_giving_the_place_or_the_count_asked_for_comes_first(
    tmp_path, model_cache, folder, question, answer
):
    check_story_answer(tmp_path, model_cache, folder, question, answer)


@pytest.mark.parametrize(
    ("folder", "question", "answer"),
    [
        # a time to come is answered by a sentence that tells of one ...
        ("train_bridge", "When is the bridge now expected to reopen?", "mid-October"),
        ("train_merger", "On what date will the Board of Regents vote on the merger plan?", "March 12"),
        # ... and is not "not found" for the sentences telling of things done scoring higher
        ("train_zoo", "When will the public first get to see the baby snow leopards?", "late June"),
        # ... and not by the date of something done ("gave the line its safety approval on Feb. 14")
        ("train_web", "When will the Light Rail Safety Inspectorate publish its final report?", None),
        ("train_election", "When will the Electoral Commission publish its review of the count?", None),
    ],
)
def test_when_will_is_answered_only_by_a_sentence_about_a_time_to_come(
    tmp_path, model_cache, folder, question, answer
):
    check_story_answer(tmp_path, model_cache, folder, question, answer)


@pytest.mark.parametrize(
    ("folder", "question", "answer"),
    [
        # an outcome reached is answered by the sentence that tells it ...
        ("train_clinic", "What was the result of the council vote on the clinic resolution?", "passes 4-1"),
        # ... and not by one that tells it is still to come ("... will vote on the merger March 12")
        ("train_merger", "What was the result of the Board of Regents vote on the merger?", None),
        ("train_stadium", "Did the league approve Aldgrave's takeover of Brennmoor Rovers?", None),
        # ... or that it should be ("First, the council should hold a public hearing on ...")
        ("train_strike", "What was the outcome of the council hearing on the screen funding denial?", None),
        # ... or that it is due ("The full council is due to vote on May 16.")
        ("train_zoo", "How did the full city council vote on May 16?", None),
        # ... or that a meeting is still to hold ("The board next meets on March 26."), or asked for
        ("train_school", "What did the school board decide at its March 26 meeting?", None),
        ("train_water", "What was decided at the special council meeting on March 21?", None),
        (
            "train_ferry",
            "What did Port Halloran town council decide at its emergency meeting on April 22?",
            None,
        ),
        # ... or set for a day ("The commission's public hearing on the blackout is set for July 9."),
        # or one would ask for ("... said he would ask the City Council on June 25 to pay for ...")
        ("train_outage", "What did the Public Utility Commission decide at the July 9 hearing?", None),
        ("train_outage", "What did the City Council decide about the audit on June 25?", None),
    ],
)
def test_an_outcome_still_to_come_is_not_an_answer(tmp_path, model_cache, folder, question, answer):
    check_story_answer(tmp_path, model_cache, folder, question, answer)


def test_how_many_x_does_y_have_is_answered_by_the_page_about_y(tmp_path, model_cache):
    # "The clinic has 12 licensed inpatient beds" names no St. Brigid, but its page's headline does
    check_story_answer(
        tmp_path, model_cache, "train_clinic", "How many licensed inpatient beds does St. Brigid have?", "12"
    )


def test_a_decade_is_read_as_its_years(tmp_path, model_cache):
    # "since the 1990s" is no unknown name: the article writes "since 1994"
    check_story_answer(
        tmp_path,
        model_cache,
        "train_clinic",
        "Which organization has been running the Dunmore Springs clinic since the 1990s?",
        "Prairie Cross Health",
    )


def test_a_day_of_the_week_is_no_name_the_answer_must_repeat(tmp_path, model_cache):
    # "The march began at 11 a.m." answers, though only the sentence before it says "Saturday"
    check_story_answer(
        tmp_path, model_cache, "train_clinic", "wat time did the protest march start on saturday", "11 a.m."
    )


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # the writer of a page is named by its byline, which is no sentence of the article
        ("Who wrote the opinion column about the quarry in The Upland Dispatch?", "Miriam Castellanos"),
        # ... and a book is no page of the folder
        ("Who wrote Pride and Prejudice?", None),
    ],
)
def test_who_wrote_a_column_is_answered_by_its_byline(tmp_path, model_cache, question, answer):
    check_story_answer(tmp_path, model_cache, "train_quarry", question, answer)


def test_who_wrote_a_column_finds_its_page_by_the_masthead_the_question_names(tmp_path, model_cache):
    # no sentence of The Merrow Moment's column ranks near the top for the question
    check_story_answer(
        tmp_path,
        model_cache,
        "train_zoo",
        "Who wrote the opinion column in The Merrow Moment about the zoo?",
        "Gail Thorsby",
    )


def test_who_wrote_a_commentary_finds_the_page_headed_as_opinion(tmp_path, model_cache):
    # no header shares a word with the question: "Opinion: Bird flu checks pay ..." heads the
    # commentary, not the business paper's page that ranks best
    check_story_answer(
        tmp_path,
        model_cache,
        "train_poultry",
        "Who penned the commentary arguing the payments fall short?",
        "Margaret Lindgren",
    )


def test_who_wrote_an_analysis_is_answered_by_its_byline(tmp_path, model_cache):
    check_story_answer(
        tmp_path,
        model_cache,
        "train_water",
        "Who wrote the Dunmore Watchdog analysis of the water crisis?",
        "Gideon Marsh",
    )


def test_a_month_typed_in_lower_case_is_no_name_the_answer_must_repeat(tmp_path, model_cache):
    # "may" is no "May 12": "... a sprat quota of 6,000 tonnes a year" answers
    check_story_answer(
        tmp_path,
        model_cache,
        "train_fishing",
        "How much sprat may be caught in the zone each year?",
        "6,000 tonnes",
    )


def test_the_bill_for_something_asks_for_a_sum(tmp_path, model_cache):
    # no article writes "bill": "Agency labor cost the clinic $1.7 million last year" answers
    check_story_answer(
        tmp_path,
        model_cache,
        "train_clinic",
        "What was the bill for temporary agency staff at the clinic last year?",
        "$1.7 million",
    )


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # "the name of Y's X" asks who holds a post, like "the name of the X of Y" ...
        ("What is the name of Prairie Cross Health's spokeswoman?", "Dana Whitfield"),
        ("What is the name of Meridian Peaks' chief executive?", "Margaret Holloway"),
        # ... which a spokeswoman, or another firm's "chief executive officer of Meridian Peaks", is not
        ("What is the name of Prairie Cross Health's chief financial officer?", None),
        ("Who is the chief executive of Halvorsen Regional Medical Center?", None),
    ],
)
def test_the_holder_of_a_post_is_named_for_its_owner(tmp_path, model_cache, question, answer):
    check_story_answer(tmp_path, model_cache, "train_clinic", question, answer)


def test_a_day_asked_about_is_the_day_of_a_page_dated_so(tmp_path, model_cache):
    # a live blog dated "Monday, Feb. 5, 2024" tells of the Feb. 5 meeting without repeating its date
    check_story_answer(
        tmp_path,
        model_cache,
        "train_clinic",
        "How long did the Feb. 5 council meeting last?",
        "two hours and 49 minutes",
    )


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # "this town of 46,000" gives a population though no page writes the word
        ("What is the population of Merrowfield?", "town of 46,000"),
        # ... and a town no page gives the size of has none
        ("What is the population of Kellsport?", None),
        # "the 36-inch main": a diameter is a distance
        ("What is the diameter of the water main that broke?", "36-inch"),
    ],
)
def test_a_measure_the_pages_never_name_is_answered_by_its_value(tmp_path, model_cache, question, answer):
    check_story_answer(tmp_path, model_cache, "train_water", question, answer)


def test_how_many_people_live_somewhere_is_answered_by_its_population(tmp_path, model_cache):
    # "Inchmore's 2,700 residents", not "Four people were taken to St. Columba's Hospital"
    engine = engine_over(tmp_path / "ferry", model_cache, story("train_ferry"))
    got = engine.ask("How many people live on Inchmore?")
    check_answer(got, "2,700")
    assert got.conflicts == [], got.text  # "Four people" and "Six people" taken to hospital are no population


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # a press release's contact line is no sentence, but a reader asks who speaks for the authority
        ("Who is the water authority's communications manager?", "Lena Brightwater"),
        ("media contact phone", "555-0192"),
        # "spokesperson" is the pages' "spokeswoman"
        ("Who is the spokesperson for the authority?", "Lena Brightwater"),
    ],
)
def test_who_speaks_for_an_organisation_is_answered_from_its_contact_line_or_spokeswoman(
    tmp_path, model_cache, question, answer
):
    check_story_answer(tmp_path, model_cache, "train_water", question, answer)


@pytest.mark.parametrize(
    ("folder", "question", "answer"),
    [
        # "Harwell Street Elementary", which the question names, is not the school asked for
        ("train_school", "Which school will Harwell Street students move to?", "Oakmont Elementary"),
        # "Birchwood Elementary" is a school, though it does not write "School"
        ("train_water", "Which school do Aaron Lindqvist's children attend?", "Birchwood Elementary"),
        # a vote's tally: "voted 5-2", not "counted at least 180 school closure votes"
        ("train_school", "What was the vote count on the school closures?", "5-2"),
    ],
)
def test_a_school_or_a_vote_asked_for_is_one_the_question_does_not_name(
    tmp_path, model_cache, folder, question, answer
):
    check_story_answer(tmp_path, model_cache, folder, question, answer)


def test_a_report_the_pages_tell_of_is_not_answered_by_a_byline(tmp_path, model_cache):
    # "the 2019 state inspection" report is told of, no outlet heading a page wrote it
    engine = engine_over(tmp_path / "slide", model_cache, story("train_landslide"))
    got = engine.ask("Who wrote the 2019 state inspection report on the slope?")
    assert not any(p.text.startswith("By ") for p in got.passages)


def test_what_someone_said_would_happen_is_no_subject_they_spoke_on(real_engine):
    # "say the deal would inflict on the North" asks what was said, not what was said "on the North"
    got = real_engine.ask(
        "What did a senior aide in Seoul's presidential office say the deal would inflict on the North?"
    )
    check_answer(got, "political and psychological blow")


@pytest.mark.parametrize(
    ("folder", "question", "answer"),
    [
        # no page writes "governor": nothing a governor said is reported
        ("train_water", "What did the governor say about the Merrowfield water main break?", None),
        ("train_school", "What did the mayor of Ashbridge say about the school closures?", None),
        # "Fire Chief Marguerite Okafor" once, then "Okafor said ...": the role need not be in the answer
        (
            "train_battery",
            "What did the fire chief say about how blazes involving batteries act compared with normal ones?",
            "do not behave like ordinary fires",
        ),
        # a document is no speaker whose post the pages must write ("a notice to mariners")
        (
            "train_ferry",
            "What did the harbour authority's February bulletin say about the depths shown near the bank?",
            "may not be reliable",
        ),
    ],
)
def test_what_a_role_said_needs_the_role_written_somewhere(tmp_path, model_cache, folder, question, answer):
    check_story_answer(tmp_path, model_cache, folder, question, answer)


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("His replacement, Whitlock, the accounting firm that took over, began in May.", "Whitlock"),
        # a person beside a role the firm gives ("the firm's managing partner") is no firm
        ('"We go to the source documents," said Gwen Pryce, the firm\'s managing partner.', None),
    ],
)
def test_a_name_beside_the_kind_of_firm_asked_for_is_a_firm_not_its_partner(sentence, named):
    from kcqa.answer import _beside_kind

    found = _beside_kind("Which auditing firm uncovered the discrepancies?").search(sentence)
    assert (next(g for g in found.groups() if g) if found else None) == named


@pytest.mark.parametrize(
    ("a", "b", "fit"),
    [
        (("money", 1_370_000.0, "", "$1.37 million", ""), ("money", 1_372_480.0, "", "$1,372,480", ""), True),
        (("money", 1_400_000.0, "", "$1.4m", ""), ("money", 1_370_000.0, "", "$1.37 million", ""), True),
        # some value rounds to both, yet the reports differ
        (("money", 7e6, "", "$7 million", ""), ("money", 6.5e6, "", "$6.5 million", ""), False),
        (("money", 1.25e9, "", "$1.25 billion", ""), ("money", 1.2e9, "", "$1.2 billion", ""), False),
        (("count", 5.0, "m", "5 m", ""), ("count", 5.4, "m", "5.4 m", ""), False),  # no scale word
    ],
)
def test_a_rounded_figure_fits_the_figure_it_rounds_and_no_other(a, b, fit):
    from kcqa.evidence import _fits

    assert _fits(a, b) is fit
    assert _fits(b, a) is fit
