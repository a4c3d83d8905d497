"""Terms on the table: when a figure counts as a term of the deal (an end-stage signal
needs terms on the table), and when a number is only a time, a date or a head count."""

from __future__ import annotations

import pytest

from analyzer.languages.lexicon import load_lexicon

TERMS = [
    "We can do 4.10 per kilo if you sign for two years.",
    "I'm not instructed to go beyond 140 on the claim.",
    "The vendors are holding at 1.18 for now.",
    "cant do more than 300 honestly",
    "Our price is $12,400 for the lot.",
    "We can come down to 95 if you take both vans.",
    "I'd let it go for 450, not less.",
    "The licence is 8.5 lakhs per annum for all sites.",
    "We could stretch to 2 crores over three years.",
    "Rs. 45,000 a month is our limit.",
]
NOT_TERMS = [
    "Can we meet at 3pm on Thursday?",
    "The call ran more than 20 minutes over.",
    "We worked together over 2 years ago.",
    "Nothing changes beyond 2027 anyway.",
    "There were more than 40 people at the launch.",
    "I've emailed you more than 5 times about the intro call.",
    "We have over 200 employees across three sites.",
    "I waited over 45 seconds on hold.",
    "The depot is less than 10 miles from the port.",
    "It was above 30 degrees in the warehouse.",
    "Can we meet at 4 on Tuesday rather than 3?",
    "I'm going to 3 sessions on Friday.",
    "The crew will be doing over 40 hours this week.",
    "Over 3 lakh visitors came to the fair last year.",
]


@pytest.mark.parametrize("text", TERMS)
def test_when_a_figure_is_an_amount_then_terms_are_named(text: str) -> None:
    assert load_lexicon("en").phrase("terms").search(text)


@pytest.mark.parametrize("text", NOT_TERMS)
def test_when_a_number_is_a_time_date_or_count_then_no_terms_are_named(text: str) -> None:
    assert not load_lexicon("en").phrase("terms").search(text)


# Spanish: a pitch's bare "propuesta" and a "licenciado" (a graduate's title) name no terms;
# a counter-proposal or a priced proposal does.
ES_TERMS = [
    "Le mando nuestra contrapropuesta esta tarde.",
    "Adjunto la propuesta económica para las tres sedes.",
    "Las licencias son por usuario y año.",
]
ES_NOT_TERMS = [
    "Buenos días, licenciada Torres, le saluda Marcos de Envases del Bajío.",
    "Le escribo por la propuesta de colaboración que le mencioné en la feria.",
]


@pytest.mark.parametrize("text", ES_TERMS)
def test_when_a_spanish_offer_is_priced_then_terms_are_named(text: str) -> None:
    assert load_lexicon("es").phrase("terms").search(text)


@pytest.mark.parametrize("text", ES_NOT_TERMS)
def test_when_a_spanish_pitch_or_title_names_no_figure_then_no_terms_are_named(text: str) -> None:
    assert not load_lexicon("es").phrase("terms").search(text)
