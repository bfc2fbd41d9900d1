"""quantities.py: the typed values found in sentences and the kind of value a question asks for."""

from __future__ import annotations

import re

import pytest

from kcqa.evidence import counts_of
from kcqa.lexical import tokenize
from kcqa.quantities import (
    KIND_BITS,
    PATTERNED,
    counted,
    focus_modifier,
    focus_word,
    kinds_of,
    landmark_kind,
    new_names,
    values_of,
    wanted,
    yes_no_deeds,
)


def kinds(text: str) -> list[tuple[str, float | None]]:
    return [(kind, value) for kind, value, *_ in values_of(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The train left at 6:40 a.m. sharp.", [("clock", 400.0)]),
        ("Doors close at 7 p.m. and open at 18:30.", [("clock", 1140.0), ("clock", 1110.0)]),
        ("It arrived at 10.15 pm.", [("clock", 1335.0)]),
        ("Green Line service resumed at noon.", [("clock", 720.0)]),  # a time of day named by its word
        ("The curfew starts at midnight.", [("clock", 0.0)]),
        ("Exports were $14 million in 2022.", [("money", 14e6), ("year", 2022.0)]),
        ("The stock traded at 412 pence.", [("money", 412.0)]),
        ("The line is 290 km long.", [("count", 290.0)]),
        ("Relations began on Feb. 14.", [("date", 214.0)]),
        ("It was contained on Friday, March 14.", [("date", 314.0)]),  # one date, with its weekday
        ("The trial recorded 31 febrile seizures.", [("count", 31.0)]),  # "feb..." is no month
        ("On 3 March the mayor met 12 decades of alumni.", [("date", 303.0), ("count", 12.0)]),
        # a month alone after a word placing it in time; not the verb "may", not a month with its day
        ("A hearing is unlikely before January.", [("month", None)]),
        ("Approval is expected by mid-April.", [("month", None)]),
        ("You may sign up in may.", []),
    ],
)
def test_values_and_their_kinds(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("about 650 jobs in Kestrel Bay could go", "jobs"),
        ("Only some 40 South Korean nationals are residing in Cuba.", "south korean nationals"),
        ("Around 14,000 South Koreans visited Cuba every year.", "south koreans visited"),
        ("The merged airline will fly 74 aircraft.", "aircraft"),
        # a unit of measure written short: "312 m cable-stayed" measures metres, it counts no cables
        ("The 312 m cable-stayed bridge over the Velde opened in 1978.", "m"),
        ("Trains reach 300 km/h on the fastest sections.", "km/h"),
        ("Each gantry can lift 65 t containers.", "t"),
    ],
)
def test_a_count_is_of_the_noun_after_it_or_of_its_capitalised_words_and_the_next(text, unit):
    assert [u for kind, _, u, *_ in values_of(text) if kind == "count"] == [unit]


@pytest.mark.parametrize(
    ("text", "asked", "counts"),
    [
        ("The route includes 41 viaducts and 17 tunnels.", "viaducts", True),
        # a number with a unit of measure measures the thing after it, it counts none
        ("The longest structure is a 2.4 km viaduct over the river.", "viaducts", False),
        ("Crews closed the 300-metre bridge on Friday.", "bridges", False),
        ("The decision comes 12 days after 3,500 supporters marched.", "supporters", False),
        # ... unless the question counts such units
        ("The fire has burned 11,850 acres of forest.", "acres", True),
        ("The 12 kilometres of new track opened on Monday.", "kilometres", True),
        # ... nor another thing named first: students stay home, they are no homes
        ("The district's 6,800 students would stay home on Tuesday.", "homes", False),
        ("Some 5,000 people lost homes in the flood.", "homes", False),
        # ... though members of a union of them are
        ("About 2,100 members of the Dock Workers' Federation struck.", "dock workers", True),
        # an age counts no years; a time served does
        ("Deputies named the driver as 56-year-old Dale Ormsby.", "years", False),
        ("Dale Ormsby, a 22-year employee of the dairy, was on his route.", "years", True),
        # a hyphenated word before the noun is one word: three words on, the noun is still counted
        ("The fleet will comprise 14 fully low-floor vehicles supplied by Altamont.", "vehicles", True),
    ],
)
def test_a_number_counts_the_thing_after_it_not_through_a_unit_of_measure_or_time(text, asked, counts):
    number = re.search(r"\d[\d.,]*", text)
    assert counts_of(text, number.end(), set(tokenize(asked))) is counts


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Seventeen votes were cast.", 17.0, "votes"),
        ("Thirty-one years later the bridge reopened.", 31.0, "years"),
        ("There were fourteen boats and four cars.", 14.0, "boats"),
        ("A million doses were shipped.", 1e6, "doses"),
        # a share of a round number: a quarter of a million, not a million
        ("Nearly a quarter of a million daily riders walked.", 250_000.0, "daily"),
        ("Half a million people watched.", 500_000.0, "people"),
        ("Two thirds of a million tons were shipped.", 2e6 / 3, "tons"),
        # a number given only roughly: a count, with no figure to compare
        ("Hundreds of parents gathered outside.", None, "parents"),
        ("Several thousand fans marched.", None, "fans"),
        ("Tens of thousands of visitors came.", None, "visitors"),
    ],
)
def test_numbers_in_words_and_rough_numbers_are_counts(text, value, unit):
    assert [(v, u) for kind, v, u, *_ in values_of(text) if kind == "count"][:1] == [(value, unit)]


def test_a_sum_in_words_has_its_whole_value():
    assert [(k, v) for k, v, *_ in values_of("A room costs fifty-five euros a night.")] == [("money", 55.0)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Tickets cost five Cuban pesos each.", 5.0),  # a country's word between number and currency
        ("The fine was 500 Swiss francs.", 500.0),
        ("It sold for 20 U.S. dollars.", 20.0),
    ],
)
def test_a_sum_named_with_its_country_or_in_a_currency_word_is_money(text, value):
    assert [(k, v) for k, v, *_ in values_of(text)] == [("money", value)]


def test_a_currency_word_inside_another_word_is_no_money():
    assert [k for k, *_ in values_of("Five wonders of the world.")] != ["money"]


def test_a_decimal_number_is_not_a_time_of_day():
    assert [k for k, _ in kinds("The tunnel is 5.8 km long and 2.45 m wide.")] == ["count", "count"]


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("At what time did the first train leave Lisbon?", "clock"),
        ("What time of year do the storms come?", "time"),
        ("When did the line open?", "time"),
        ("In what year did the line open?", "year"),  # "Feb. 20" does not say
        ("Which year of the strike was the worst?", "ordinal"),
        ("How much did the tunnel cost to build?", "money"),
        ("How much is the introductory fare?", "money"),
        ("What did the bridge cost?", "money"),
        ("How much was Marcus Delaney's hospital bill?", "money"),  # a bill to pay ...
        ("How much support did the bill get in the Senate?", "amount"),  # ... not a bill passed
        ("What is the phone number of the outbreak hotline?", "phone"),
        ("What number should residents call?", "phone"),
        ("outbreak hotline phone", "phone"),
        ("Who answered the phone?", "name"),
        ("What does the cub weigh?", "weight"),
        ("What scheduling change did the trustees weigh?", None),  # weighed as an option
        ("What is the price of a ticket?", "money"),
        ("How much CO2 will the line save every year?", "amount"),
        ("How many viaducts does the line have?", "amount"),
        ("Who chairs the rail operator?", "name"),
        ("Which company developed the vaccine?", "name"),  # an organisation's name, as for "who"
        ("In which firm does she work?", "name"),
        ("Which country signed first?", "country"),  # a country the question does not name
        ("Why was the opening delayed?", None),
        ("What was the deal worth?", "money"),
        ("By how much could fares on the route rise?", "amount"),  # a change: 20%, not a sum
        ("On what date did the strike begin?", "date"),
        ("On which day of the strike did the minister step in?", "ordinal"),  # "the fifth day"
        ("What position did the club finish in?", "ordinal"),
        ("What position does Declan Moyo hold?", None),  # a post, not a place in an order
        ("What one-time sum did each docker receive?", "money"),
        ("What reward was offered?", "money"),
        ("What is the price tag of the scheme?", "money"),
        ("What are fares on the route tied to?", None),  # fares, but not what is asked
        ("By what percentage could fares have risen?", "percent"),
        ("How much time will the repairs need?", "duration"),
        ("fare cap length", "length"),  # keywords: the last word says what is wanted
        ("reward amount", "amount"),
        ("Vigo extension date", "time"),  # "by 2032" answers too
        ("seal mismatch time", "time"),  # a day or an hour
        ("Lisbon Porto journey time", "length"),  # ... but a journey time is a span
        ("Castellane age", "age"),
        ("Castro death mourning", None),
        ("What percentage of votes backed the takeover?", "percent"),
        ("wat percentage of sharholders voted yes", "percent"),
        ("What share of the market does it hold?", "amount"),  # "a third", "one in five" answer too
        ("wat was the deel worth", "money"),
        ("how meny sites were in the trial", "amount"),  # the word after "how", misspelt
        ("how lnog did the review take", "duration"),
        ("How long did council debate before voting?", "duration"),  # a deed's span, not a distance
        ("How large was the regulator's fine on the bank?", "money"),  # a fine, a shortfall: sums
        ("How big is the library's budget shortfall?", "money"),
        ("How much higher than normal were fine-particle levels?", "amount"),  # "fine-" is no fine
        ("By how much would the zoo's grant be cut?", "amount"),  # a change, not a sum
        ("How long will the bridge over the river be?", "length"),  # ... but the size of a thing to be
        ("How now, what did the minister say?", None),  # "now" is a word, not a misspelt "how"
        ("How cold was it when the boiler failed?", "temperature"),  # "cold" is no misspelt "old"
        ("How vast is the flooded area?", None),  # ... nor "vast" a misspelt "fast"
        ("How much will the under-16 squad's summer tour of northern Spain cost?", "money"),  # far apart
        ("What will the new under-16 squad's tour of northern Spain cost?", "money"),
        ("What is Daniel Okafor's annual salary?", "money"),  # a sum of money the question names
        ("What is Henrik Salvesen's salary as interim chief executive?", "money"),
        ("How much was the van driver fined?", "money"),  # a sum, not any amount ("34", "three")
        ("How much compensation will the passengers receive?", "money"),
        ("How much cash has the relief appeal collected?", "money"),
        ("What is the cheapest regular single fare?", "money"),  # a fare or fee that ends the question
        ("What are fares on the capped route tied to?", None),  # ... not what fares follow
        ("Which insurer was fined in 2021?", "name"),  # an organisation's name, as for "which bank"
        ("Which law firm advised the airline?", "name"),  # ... with words before its kind
        ("What private equity firm owns the club?", "name"),
        ("What kind of company is Tidewell?", None),  # a description, not a name
        ("Which architect designed the new station?", "name"),  # a person by trade or post
        ("What group was behind the attack?", "name"),
        ("Which group of countries met in Lisbon?", None),
        ("Which budget carrier gets the divested routes?", "name"),  # "budget" is no sum here
        ("What reward was offered for the paintings?", "money"),
        ("What colour was the getaway van?", "colour"),
        ("Which university did the managing partner attend?", "school"),  # a University, College ...
        ("Where did the economist study?", "school"),
        ("Where did Dr. Helen Osei go to medical school?", "school"),
        ("Where did the minister go to university?", "school"),
        ("Which political party does the mayor belong to?", "party"),  # a party named as one
        ("Ellen Vriesema political party", "party"),
        ("With which countries does Cuba hold party-level consultations?", "country"),
        ("Where will the officers train?", None),  # a place, not a place of learning
        ("What prison sentence did Dorian Pask receive?", "duration"),  # "four years", not an age
        ("What are the club's colours?", "colour"),
        ("How much will it cost to repaint the fleet in its new colours?", "money"),  # a sum first
        ("What was the bank's revenue last year?", "money"),
        ("How much profit did the operator make?", "money"),
        ("At what price did the shares close?", "money"),
        ("How much did the thieves hope to sell the paintings for?", "money"),
        ("What wage increase did the union ask for?", "amount"),  # a change: "18% over two years"
        ("What caused the rise in prices?", None),  # a reason, though about a rise
        ("What will the capacity of the new stadium be?", "amount"),
        ("What are the estimated insured losses from the fire?", "amount"),
        ("What was the cause of the revenue drop?", None),
        ("How effective was the vaccine?", "percent"),
        ("What was the inflation rate last year?", "percent"),
        ("what hours is the water give away open", "clock"),  # "from 8 a.m. to 8 p.m. daily"
        ("What hours of overtime did crews work?", None),
        ("How will the library address the shortfall?", None),  # "address" the verb
        ("How much is the treasurer accused of embezzling?", "money"),
        # a "who" after a noun in a question opening with another question word starts a clause
        ("What did the elderly woman who fled say the air tasted like?", None),
        ("Why were records of customers who had closed their accounts taken?", None),
        ("When did the man who found it call police?", "time"),
        ("According to the mother whose aid was cut, what did the accused take?", None),
        ("Who is the man who said what happened?", "name"),
        ("What will the club build to honour fans whose ashes are at the old ground?", None),
        ("What private equity firm bought the club?", "name"),
        # a "how" after the question's own question word opens a clause it asks about
        ("Which county commissioner wants a review of how quickly the public is alerted?", None),
        ("What did the builder say when asked how much its deal was worth?", None),
        ("When did the strike start, and how long did it last?", "time"),
        ("Which university researcher estimated how much the water rose?", "name"),  # a person
        ("Which university did she attend?", "school"),
        ("Which highway was buried by the landslide?", "landmark"),
        ("At which mountain pass did the landslide happen?", "landmark"),
        ("Which hospitals treated the injured?", "landmark"),
        ("Which road safety measures were cut?", None),  # measures, not a road
        ("Which route will have its fares capped?", None),  # "the Port Ellery to Kestrel Bay route"
        ("Which place of worship is close to the landfall?", None),  # a place, not a rank
        ("Which place did she take in the race?", "ordinal"),
        ("In which part of town do fans live within walking distance of the ground?", None),
        ("What is the name of the man who found it?", "name"),
        ("According to police, who found the body?", "name"),
        ("How much data was stolen?", "amount"),  # data, paintings: not only money is stolen
        ("How much in fines is the city seeking?", "money"),
        # a question opening with "which <kind of firm or person>" asks for a name, whatever follows
        ("Which consultancy estimated the per-day cost of the stoppage?", "name"),
        ("Which party does Priya Castellane belong to?", "party"),
    ],
)
def test_kind_of_value_a_question_asks_for(question, want):
    assert wanted(question) == want


@pytest.mark.parametrize(
    ("question", "text", "names"),
    [
        (
            "Which highway was buried?",
            "The slide buried State Route 62; traffic now uses Highway 9 and Forest Road 17.",
            ["State Route 62", "Highway 9", "Forest Road 17"],
        ),
        ("At which mountain pass did it happen?", "It came down near Wyeth Pass.", ["Wyeth Pass"]),
        # a place named with its kind in lower case, before or after the name
        ("Which river does the viaduct cross?", "A viaduct over the Mondego river.", ["Mondego river"]),
        ("What river does the bridge cross?", "It carries traffic across the river Velde.", ["river Velde"]),
        ("Which street is closed?", "The clinic at St. Brendan's Hospital stays open.", []),  # a saint
        ("Which road did the convoy take?", "They left over a gravel forest road Tuesday afternoon.", []),
        ("Which hospital treated them?", "They went to St. Brendan's Hospital.", ["St. Brendan's Hospital"]),
    ],
)
def test_places_of_the_kind_a_question_asks_for_are_found_by_name(question, text, names):
    assert [m.group(0) for m in landmark_kind(question).finditer(text)] == names


@pytest.mark.parametrize(
    ("question", "focus"),
    [
        ("What is the population of Havana?", None),  # a frame: "a city of 2.1 million" answers
        ("What was the basis for Cuba's outlook?", None),  # only frames the question
        ("What is the significance of the ties?", None),
        ("What is the name of the fan club?", None),
        ("What is the title of the stolen sketch?", None),
        ("What are the dimensions of the painting?", None),  # "it measures 46 by 38 centimetres"
        ("When was Aldgrave Capital Partners founded?", "founded"),  # the event dated
        ("In what year was the mayor first elected?", "elected"),
        ("When were the paintings stolen?", None),  # not a participle in -ed: left alone
        ("When was the bridge originally supposed to reopen?", None),  # "supposed to": not the event
        ("In what year did Fidel Castro die?", None),  # "the death of Fidel Castro in 2016"
        ("What is the summit elevation of Sorrel Peak?", "elevation"),  # a word before the noun
        ("What is the annual budget of the response team?", "budget"),
        ("What is the price tag of the scheme?", None),
        ("What is Annika Pruitt's salary as general manager?", "salary"),  # a name's attribute
        ("What are Brennmoor Rovers' annual revenues?", "revenues"),
        ("What was the club's average home attendance last season?", "attendance"),
        ("What was Agnes Thornbury's profession before she retired?", None),  # "a retired teacher"
        ("What is Cuba's plan for the embassy?", "plan"),
        ("What did Cuba's president say?", None),
        ("What was Alderbrook Bank's profit last year?", "profit"),  # not "year", of "last year"
        ("What is Alderbrook Bank's annual profit?", "profit"),
        ("How much profit did Alderbrook Bank make?", "profit"),  # a measure of its results
        ("Where was Maris Strautins born?", "born"),
        ("Who was born in 1950?", None),
        ("What annual revenues does Ardenvolt report?", "revenue"),
        ("Who designed the Linden Bridge?", "designed"),  # the deed whose doer is asked for
        ("Which company built the viaduct?", "built"),
        ("Who attended the launch?", None),  # not a deed making a thing: often said otherwise
    ],
)
def test_focus_word_is_what_a_question_asks_about_not_its_frame(question, focus):
    assert focus_word(question) == focus


@pytest.mark.parametrize(
    ("question", "deeds"),
    [
        ("Was anyone arrested after the crash?", ["arrested"]),
        ("Has the injured rider sued Ardenvolt?", ["injured", "sued"]),
        ("Were customer passwords taken?", []),  # no regular participle
        ("Was the speed limit cut?", []),  # "speed" is no participle
        ("Did the mayor resign?", []),  # not asked with a participle
        ("Who was arrested?", []),  # not a yes/no question
    ],
)
def test_yes_no_deeds_are_the_participles_of_a_yes_no_question(question, deeds):
    assert yes_no_deeds(question) == deeds


@pytest.mark.parametrize(
    ("question", "modifier"),
    [
        ("What is the cod quota in the disputed zone?", "cod"),  # the kind of quota asked about
        ("What is the total cost of repairing the bridge?", None),  # qualifies the cost
        ("What is the largest planet in the solar system?", None),
        ("What is the quota in the zone?", None),
        # a street address is the address asked for: no page need write "street"
        ("What is the street address of St. Brigid Community Clinic?", None),
    ],
)
def test_focus_modifier_is_a_word_naming_the_kind_of_thing_asked_about(question, modifier):
    assert focus_modifier(question) == modifier


@pytest.mark.parametrize(
    ("question", "want", "answers", "not_answers"),
    [
        ("How much does a trainset weigh?", "weight", "Each weighs 410 tonnes.", "It cost €380 million."),
        (
            "What maximum speed is the track built for?",
            "speed",
            "It is designed for 350 km/h.",
            "It is 290 km.",
        ),
        ("How fast do the trains go?", "speed", "They reach 300 km/h.", "There are 12 trains."),
        # a slow speed, in a length per day
        (
            "At what speed is the top of the mountainside sliding?",
            "speed",
            "The upper slope is creeping downhill at about two inches a day.",
            "A crack about 300 feet long opened near the top.",
        ),
        (
            "How strong were the wind gusts?",
            "speed",
            "A gust of 58 mph was recorded at the jetty.",
            "Heavy rain and strong wind moved in at 3:40 p.m.",
        ),
        ("How much electricity does a train use?", "energy", "About 20 kWh per km.", "It seats 560."),
        ("How far is Porto from Lisbon?", "distance", "The cities are 290 km apart.", "In 2019 work began."),
        ("How long does the trip take?", "duration", "It takes 1 hour 15 minutes.", "The line is 290 km."),
        (
            "How quickly will ticket buyers be repaid?",
            "duration",
            "Refunds will be paid within 30 days.",
            "About 9,400 buyers have been repaid.",
        ),
        ("How long did the build take?", "duration", "It took one second.", "A second robot is planned."),
        (
            "How long did council debate before voting?",
            "duration",
            "After six and a half hours of debate, council voted 9-4.",
            "The line will run 11.8 kilometres.",
        ),
        (
            "How long did the boy stay in hospital?",
            "duration",
            "He spent two nights there.",
            "It is 12 km away.",
        ),
        (
            "How long after the revolution did ties begin?",
            "duration",
            "It was a year after.",
            "It was in 1960.",
        ),
        ("On what day of the week were letters exchanged?", "weekday", "It was on Wednesday.", "On Feb. 14."),
        ("In which month will the paintings be rehung?", "month", "Probably in June.", "In 2025, maybe."),
        ("How long were the thieves inside?", "length", "They spent eight minutes inside.", "At 3 a.m."),
        ("How long is the tear in the canvas?", "length", "It has a 3-centimetre tear.", "The team left."),
        (
            "How old is Lyle Benning?",
            "age",
            "Lyle Benning, 37, a delivery driver",
            "In 2019, 45 people left.",
        ),
        ("How old is the guard?", "age", "The 61-year-old guard heard glass.", "He has 2 sons and 3 dogs."),
        ("How old is Baraka?", "age", "He is four now.", "Baraka was one of the children."),
        ("How old is Edgars Liepa now?", "age", "Edgars Liepa, now 54, told us.", "It is now 54 km long."),
        ("At what age did she retire?", "age", "She retired aged 58.", "She retired in 2018."),
        ("At what temperature is it stored?", "temperature", "It keeps at 2-8°C.", "It costs $4.50."),
        ("How cold did it get?", "temperature", "It fell to minus 11C overnight.", "It cost 11 cents."),
        ("How hot was the kiln?", "temperature", "It reached 2,300F by noon.", "It held 2,300 pots."),
        ("What is the diameter of the pipe?", "distance", "The 36-inch main broke.", "It broke in 1958."),
        # a vote's tally, not a date or a range of years beside a vote
        (
            "What was the vote count on the closures?",
            "tally",
            "The board voted 5-2 on March 12.",
            "It voted on Feb. 5 to act.",
        ),
        (
            "what was the vote on the plan",
            "tally",
            "The resolution passes 4-1.",
            "Between 2019-2023 it voted twice.",
        ),
        # "the Unified School District" is no place of learning
        (
            "Which school will the pupils attend?",
            "school",
            "They go to Oakmont Elementary.",
            "The School District voted.",
        ),
        # a place's number of people, not a number of people something happened to, nor its size
        (
            "What is the population of Kestrel Bay?",
            "population",
            "a town of about 4,100",
            "1,200 residents fled",
        ),
        ("Kestrel Bay population", "population", "its current 46,000 residents", "a city of 12 square miles"),
        (
            "What is the population of Ruhnu?",
            "population",
            "the island only has about 150 people",
            "150 boats",
        ),
        ("What is the population of Lowick?", "population", "a population of 8,300", "Lowick grew 2 percent"),
        # an age, not a figure with decimals after "is"
        (
            "How old is Marisol Eberhardt?",
            "age",
            "He is 61.",
            "Coppergate, which is 1.1 miles from Riverside",
        ),
        # a street address, not a number before other capitalised words
        (
            "What is the address of the Elmstead Branch?",
            "address",
            "The Elmstead Branch, 1120 Larkspur St., will close.",
            "About 1120 Harwick Residents signed the petition.",
        ),
        ("Coppergate branch address", "address", "the library at 200 St. Clement's Ave.", "on Foundry St."),
        ("What street address is the depot at?", "address", "the depot at 58 Foundry Street", "Route 9"),
        # a telephone number, not a range of years
        (
            "What is the phone number of the outbreak hotline?",
            "phone",
            "The hotline, 555-0142, is open",
            "in 1994-2001",
        ),
        ("clinic phone", "phone", "call (555) 014-2290 today", "the 150 2024 models"),
        # a weight, not "at" read as "a t(onne)"
        (
            "How much weight did Marcus Delaney lose?",
            "weight",
            "I lost 14 pounds in a week.",
            "He eats there at noon.",
        ),
        ("How tall is the mast?", "distance", "a mast of 40 m", "I am here at last."),
        # a distance, not a speed in kilometres an hour
        (
            "How far is the depot from the coast?",
            "distance",
            "5 km from the coast",
            "a top speed of 320 km/h",
        ),
        # an age in brackets, not a telephone's area code
        ("How old is Ana Ruiz?", "age", "Ana Ruiz (52) said", "Ana Ruiz, (555) 014-2290"),
    ],
)
def test_a_measure_or_weekday_is_answered_only_by_its_pattern(question, want, answers, not_answers):
    assert wanted(question) == want
    assert PATTERNED[want].search(answers)
    assert not PATTERNED[want].search(not_answers)


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("When did the ship sink?", "time"),
        ("so when was the ship found", "time"),
        ("Who was the master of the ship when she sank?", "name"),
        ("How many people died when the ship sank?", "amount"),
        ("What freight was the steamer hauling when it was lost?", None),
    ],
)
def test_when_asks_for_a_time_only_where_the_question_opens_with_it(question, want):
    assert wanted(question) == want


@pytest.mark.parametrize(
    "sentence",
    [
        "Dr. Helena Marsh, the archaeologist who led the search, said the ship is upright.",
        "Maritime historian Prof. Alan Ferris disagreed.",
        "Heritage Minister Claire Donnelly said the site is protected.",
        "Of those aboard, 38 died, among them her master, Captain Thomas Aldridge.",
    ],
)
def test_a_sentence_naming_someone_can_answer_a_who_question(sentence):
    assert kinds_of(sentence) & KIND_BITS["name"]


@pytest.mark.parametrize(
    ("question", "sentence", "names"),
    [
        # a firm's name joined by "&"
        (
            "Which firm does analyst Jonas Whitby work for?",
            "Jonas Whitby of Callender & Co. cut his price target.",
            ["Callender & Co"],
        ),
        # one capitalised word names a firm, a dog, a tunnel ...
        (
            "Which company provides the free credit monitoring?",
            "The bank offered credit monitoring through SafeLedger for two years.",
            ["SafeLedger"],
        ),
        (
            "What is the name of Mara Ellison's dog?",
            "I drove down with my dog, Juniper, in the back.",
            ["Juniper"],
        ),
        # a title written short before the name
        (
            "Who is the leader of the council?",
            "Council leader Cllr. Anwar Siddell said the project would create 600 jobs.",
            ["Cllr. Anwar Siddell"],
        ),
        # ... but not a person, nor a month or a day
        (
            "What is the name of the man who was flown to hospital?",
            "A 64-year-old man was flown to Denver.",
            [],
        ),
        ("Who raised the alarm?", "The alarm was raised by Marjolet on Monday.", []),
        (
            "What is the name of the tunnel?",
            "The tunnel opened in March after delays.",
            [],
        ),
        # a name opening its sentence before a comma; not a day, nor words such as "In Havana"
        (
            "Who is the museum's head of conservation?",
            "Ruth Okonjo-Baines, the museum's head of conservation, has examined them.",
            ["Ruth Okonjo-Baines"],
        ),
        ("Who spoke for the union?", "On Monday, the union said it would strike.", []),
        # a title written out makes no name new ("Mayor" in "Harlow Junction Mayor Gil Sandoval")
        (
            "Who did Gil Sandoval defeat in the last Harlow Junction mayoral election?",
            "Harlow Junction Mayor Gil Sandoval said the town's motels were nearly full.",
            [],
        ),
        (
            "Who is the mayor of Harlow Junction?",
            "Harlow Junction Mayor Gil Sandoval said the town's motels were nearly full.",
            ["Harlow Junction Mayor Gil Sandoval"],
        ),
        # a dateline's place in capitals is no one's name
        (
            "Who sprayed the grizzly during the attack?",
            "COLD FALLS, Mont. — The man who drove a grizzly bear off his partner says he had two seconds.",
            [],
        ),
        ("Who spoke for the union?", "In Havana, the union said it would strike.", []),
        # a name the question writes in the possessive is no new name in the sentence, nor the reverse
        (
            "Which company supplied the Saltline Festival's main stage?",
            "A storm tore the roof from the main stage of the Saltline Festival, the organiser said.",
            [],
        ),
        ("Which firm built the Saltline Festival stage?", "It was the Saltline Festival's stage.", []),
        # a name in quotes, small words and all; never a quoted sentence
        (
            "What is the name of the charity's drive?",
            'Pastor Okafor is organizing a "Refill the Hearth" drive.',
            ["Refill the Hearth", "Hearth"],
        ),
        ("What did the firm say?", '"The first thing we do is go to the source," it said.', []),
    ],
)
def test_the_names_a_sentence_adds_to_a_question(question, sentence, names):
    assert new_names(sentence, question) == names


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("wat time did the sonar pick up the ship", "clock"),
        ("wen did the ship sink", "time"),
        ("hw many people died", "amount"),
        ("Then what happened to the crew?", None),
        # inside the question too
        ("korean imigrants to cuba came from wich country", "country"),
        ("in wat year did the ship sink", "year"),
    ],
)
def test_a_misspelt_question_word_still_tells_the_kind_of_answer(question, want):
    assert wanted(question) == want


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("How many police officers were on duty at the march?", ("police", "officers")),
        ("How many doses of Maltrivax has Ghana ordered?", ("doses",)),
        ("how mny houses burned", ("houses",)),  # "mny" read as "many"
        # up to the first plural: the verb after it counts nothing ("(IND, 2618) took the title")
        ("How many players took part in the festival?", ("players",)),
        ("How many firefighters battled the blaze?", ("firefighters",)),
        ("How many children died?", ("children",)),
        ("How many bus routes were cut?", ("bus", "routes")),
        ("How much did it cost?", ()),
    ],
)
def test_the_words_a_how_many_question_counts(question, words):
    assert counted(question) == words


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("What does SCC stand for?", "SCC"),
        ("what does bpa stand for", "BPA"),
        ("BPA meaning", "BPA"),
        ("What is the meaning of FTS?", "FTS"),
        ("What is the NMC?", "NMC"),
        ("What is tax?", None),  # a word, not an acronym
        ("What did the NMC decide?", None),
    ],
)
def test_a_question_for_what_an_acronym_stands_for(question, short):
    from kcqa.quantities import acronym_asked

    assert acronym_asked(question) == short
