"""Numbers and dates in any common spelling, for matching private facts against drafts.

A walk-away price typed as "$95k" must be recognised in a draft that says "95,000",
"95.000", "95 000", "€95.000", "95K USD" or "ninety-five thousand". So both sides are
reduced to values: every plausible reading of each number (an ambiguous "1.234" is
both 1234 and 1.234), and every (month, day) a date can mean. Number words are read in
English, German, French and Spanish; the aim is recall (a false match only drops a
sentence), not a full grammar of numerals.
"""

from __future__ import annotations

import re
import unicodedata

# Digits with optional thousands groups (one separator used throughout), an optional
# decimal part, and an optional magnitude word or suffix ("k", "Mio", "million", "mil").
_NUMBER = re.compile(
    r"(?:(?<=usd)|(?<=eur)|(?<=gbp)|(?<=chf)|(?<=cad)|(?<=aud)|(?<=sfr)|(?<=fr)|(?<![\w]))"
    r"(?P<int>\d{1,3}(?:(?P<sep>[,.'\u00a0\u202f ])\d{3})(?:(?P=sep)\d{3})*|\d+)"
    r"(?:(?P<dec>[.,])(?P<frac>\d+))?"
    r"(?:\s?(?P<mag>k|m|mm|mn|bn|b|thousand|million|millions|billion|billions|tsd\.?|mio\.?"
    r"|mrd\.?|mil|millones|mille|milliers|milliards?|millón|millon|tausend|millionen"
    r"|milliarden?)(?![\w]))?",
    re.IGNORECASE,
)
_MAGNITUDES: dict[str, float] = {
    "k": 1e3, "thousand": 1e3, "tsd": 1e3, "tausend": 1e3, "millionen": 1e6,
    "milliarde": 1e9, "milliarden": 1e9, "mil": 1e3, "mille": 1e3, "milliers": 1e3,
    "m": 1e6, "mm": 1e6, "mn": 1e6, "million": 1e6, "millions": 1e6, "mio": 1e6,
    "millones": 1e6, "millón": 1e6, "millon": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9, "billions": 1e9, "mrd": 1e9,
    "milliard": 1e9, "milliards": 1e9,
}  # fmt: skip

# Number words: value of each unit/ten word, and the multipliers.
_WORD_VALUES: dict[str, int] = {
    # English
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "one": 1, "a": 1,
    # German
    "ein": 1, "eins": 1, "eine": 1, "zwei": 2, "drei": 3, "vier": 4, "funf": 5,
    "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwolf": 12,
    "dreizehn": 13, "vierzehn": 14, "funfzehn": 15, "sechzehn": 16, "siebzehn": 17,
    "achtzehn": 18, "neunzehn": 19, "zwanzig": 20, "dreissig": 30, "vierzig": 40,
    "funfzig": 50, "sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90,
    # French
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
    "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30,
    "quarante": 40, "cinquante": 50, "soixante": 60, "septante": 70, "octante": 80,
    "huitante": 80, "nonante": 90,
    # Spanish
    "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13,
    "catorce": 14, "quince": 15, "dieciseis": 16, "diecisiete": 17, "dieciocho": 18,
    "diecinueve": 19, "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50,
    "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
    "veintiuno": 21, "veintidos": 22, "veintitres": 23, "veinticuatro": 24,
    "veinticinco": 25, "veintiseis": 26, "veintisiete": 27, "veintiocho": 28,
    "veintinueve": 29, "cien": 100, "ciento": 100, "doscientos": 200, "trescientos": 300,
    "cuatrocientos": 400, "quinientos": 500, "seiscientos": 600, "setecientos": 700,
    "ochocientos": 800, "novecientos": 900,
}  # fmt: skip
_HUNDRED = frozenset({"hundred", "hundert", "cent", "cents"})
_BIG: dict[str, int] = {
    "thousand": 1000, "tausend": 1000, "mille": 1000, "mil": 1000,
    "million": 10**6, "millions": 10**6, "millionen": 10**6, "mio": 10**6,
    "millon": 10**6, "millones": 10**6,
    "billion": 10**9, "milliarde": 10**9, "milliarden": 10**9, "milliard": 10**9,
    "milliards": 10**9,
}  # fmt: skip
_JOINERS = frozenset({"and", "und", "et", "y"})
_ARTICLES = frozenset({"a", "one", "un", "une", "una", "uno", "ein", "eine", "eins"})
# German compounds ("fünfundneunzigtausend") are split into these pieces, longest first.
_DE_PIECES = sorted(
    [w for w in _WORD_VALUES if w.isascii() and len(w) > 2]
    + ["hundert", "tausend", "und", "million", "millionen"],
    key=len,
    reverse=True,
)

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "january jan januar janvier janv enero ene jänner janner",
        "february feb februar fevrier fevr fev febrero",
        "march mar marz mars marzo mrz",
        "april apr avril avr abril abr",
        "may mai mayo",
        "june jun juni juin junio",
        "july jul juli juillet juil juill julio",
        "august aug aout agosto ago",
        "september sep sept septembre septiembre setiembre",
        "october oct oktober okt octobre octubre",
        "november nov novembre noviembre",
        "december dec dezember dez decembre diciembre dic",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

_MONTH_WORDS = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th|er|\.|º)?\s*(?:de\s+|of\s+)?(?P<month>{_MONTH_WORDS})\b\.?",
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(
    rf"\b(?P<month>{_MONTH_WORDS})\.?,?\s+(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b",
    re.IGNORECASE,
)
# A sentence splitter cuts "Mar. 31" into "… by Mar." and "31?", and "31. März" into
# "… by 31." and "März.": each half still gives part of the date away.
_MONTH_AT_END = re.compile(rf"\b(?P<month>{_MONTH_WORDS})\.?[\W_]*$", re.IGNORECASE)
_DAY_AT_END = re.compile(r"(?<![\d.,])(?P<day>\d{1,2})(?:st|nd|rd|th|er|º)?\.[\W_]*$")
_MONTH_AT_START = re.compile(
    rf"^[\W_]*(?P<month>{_MONTH_WORDS})(?:\.|[\W_]*$|\s+\d)", re.IGNORECASE
)
_DAY_AT_START = re.compile(
    r"^[\W_]*(?:the\s+|le\s+|el\s+|am\s+|den\s+)?(?P<day>\d{1,2})"
    r"(?:st|nd|rd|th|er|º|\.)?(?!\d|[.,]\d|\s*%)",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b")
# "3/31", "31/03/2026", "31.03." or "31.03.2026" (a lone "1.2" is a decimal, not a date).
_NUMERIC_DATE = re.compile(
    r"\b(?P<a>\d{1,2})(?:/(?P<b>\d{1,2})(?:/\d{2,4})?|\.(?P<c>\d{1,2})\.(?:\d{2,4})?)(?![\d\w]|,\d)"
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def fold(text: str) -> str:
    """Casefold and strip accents ("Fünf" -> "funf", "février" -> "fevrier"); ß -> ss."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def digit_values(text: str) -> set[float]:
    """Every plausible value of the numbers written with digits in `text`."""
    values: set[float] = set()
    for match in _NUMBER.finditer(text):
        values |= _readings(match)
    return values


def _readings(match: re.Match[str]) -> set[float]:
    raw_int, sep, dec, frac = match["int"], match["sep"], match["dec"], match["frac"]
    mag = _MAGNITUDES.get(match["mag"].lower().rstrip(".")) if match["mag"] else None
    scale = mag or 1.0
    readings: set[float] = set()
    grouped = float(re.sub(r"\D", "", raw_int))
    if frac is None:
        readings.add(grouped * scale)
        # "1.234" or "1,234" alone: a thousands group or a decimal, depending on locale.
        if sep in {".", ","} and raw_int.count(sep) == 1:
            readings.add(float(raw_int.replace(sep, ".")) * scale)
    else:
        readings.add(float(f"{int(grouped)}.{frac}") * scale)
        if sep is None and len(frac) == 3 and dec is not None:
            readings.add(float(f"{int(grouped)}{frac}") * scale)  # "95.000" -> 95000
    return readings


def word_values(text: str) -> set[float]:
    """Values of numbers written in words ("ninety-five thousand", "fünfundneunzigtausend",
    "quatre-vingt-quinze mille", "noventa y cinco mil"); a lone "one" or "a" is ignored."""
    tokens = [_split_compound(fold(w)) for w in _WORD.findall(text.replace("-", " "))]
    values: set[float] = set()
    run: list[str] = []
    for position, token in enumerate([*tokens, None]):
        pieces = token
        if pieces and pieces[0] in _ARTICLES and (not run or pieces[0] == "a"):
            # "a hundred", "un millón": an article counts as one only before a multiplier.
            after = tokens[position + 1] if position + 1 < len(tokens) else None
            pieces = pieces if after and (after[0] in _HUNDRED or after[0] in _BIG) else None
        if pieces and not (not run and pieces[0] in _JOINERS):
            run += pieces
            continue
        counted = any(w in _WORD_VALUES for w in run)
        value = _evaluate(run) if counted else None
        if value is not None and value >= 2:
            values.add(float(value))
        run = []
    return values


def _split_compound(word: str) -> list[str] | None:
    """The number pieces a word is made of, or None when it is not a number word."""
    if word in _WORD_VALUES or word in _HUNDRED or word in _BIG or word in _JOINERS:
        return [word]
    pieces: list[str] = []
    rest = word
    while rest:
        piece = next((p for p in _DE_PIECES if rest.startswith(p)), None)
        if piece is None:
            return None
        pieces.append(piece)
        rest = rest[len(piece) :]
    # German writes the unit first: "fünfundneunzig" = 5 + 90.
    return [p for p in pieces if p != "und"] if len(pieces) > 1 else None


def _evaluate(words: list[str]) -> int | None:
    total, current = 0, 0
    previous: str | None = None
    for word in words:
        if word in _JOINERS:
            continue
        if word in _HUNDRED:
            current = max(current, 1) * 100
        elif word in _BIG:
            total += max(current, 1) * _BIG[word]
            current = 0
        elif word in _WORD_VALUES:
            value = _WORD_VALUES[word]
            if word.startswith("vingt") and previous == "quatre":
                current += 80 - 4  # "quatre-vingt" is 4 x 20
            else:
                current += value
        else:
            return None
        previous = word
    return total + current


def number_values(text: str) -> set[float]:
    """Numbers in digits and in words."""
    return digit_values(text) | word_values(text)


def number_spans(text: str) -> list[tuple[int, int, set[float]]]:
    """Where each number is (in digits or in words), with every value it may mean: what
    masking a private amount needs ("$95k", "95.000", "ninety-five thousand")."""
    spans = [(m.start(), m.end(), _readings(m)) for m in _NUMBER.finditer(text)]
    # Word numbers: runs of number words, read with the same rules as `word_values`.
    words = list(_WORD.finditer(text.replace("-", " ")))
    run: list[re.Match[str]] = []
    for match in [*words, None]:
        word = fold(match.group()) if match is not None else ""
        if (
            match is not None
            and _split_compound(word) is not None
            and (run or word not in _JOINERS)
        ):
            run.append(match)
            continue
        while run and fold(run[-1].group()) in _JOINERS:
            run.pop()
        if run:
            start, end = run[0].start(), run[-1].end()
            values = word_values(text[start:end])
            if values:
                spans.append((start, end, values))
        run = []
    return spans


def date_values(text: str) -> set[tuple[int, int]]:
    """Every (month, day) a date in `text` may mean ("31 March", "3/31", "31.03.2026")."""
    found: set[tuple[int, int]] = set()
    folded = fold(text)
    for regex in (_DAY_MONTH, _MONTH_DAY):
        for m in regex.finditer(folded):
            day = int(m["day"])
            if 1 <= day <= 31:
                found.add((_MONTHS[m["month"].lower()], day))
    for m in _ISO_DATE.finditer(text):
        found.add((int(m["month"]), int(m["day"])))
    for m in _NUMERIC_DATE.finditer(text):
        a, b = int(m["a"]), int(m["b"] or m["c"])
        if 1 <= b <= 12 and 1 <= a <= 31:
            found.add((b, a))  # day first (most of the world)
        if 1 <= a <= 12 and 1 <= b <= 31:
            found.add((a, b))  # month first (US)
    return {(month, day) for month, day in found if 1 <= month <= 12}


def date_fragments(text: str) -> tuple[set[int], set[int]]:
    """The months and days at the edges of a piece of text: what is left of a date the
    sentence splitter cut in two ("… by Mar." + "31st at the latest?")."""
    folded = fold(text)
    months: set[int] = set()
    days: set[int] = set()
    for regex in (_MONTH_AT_END, _MONTH_AT_START):
        if (m := regex.search(folded)) is not None:
            months.add(_MONTHS[m["month"].lower()])
    for regex in (_DAY_AT_END, _DAY_AT_START):
        if (m := regex.search(folded)) is not None and 1 <= int(m["day"]) <= 31:
            days.add(int(m["day"]))
    return months, days


def date_spans(text: str) -> list[tuple[int, int]]:
    """Where dates are, so their parts are not also read as separate numbers."""
    spans: list[tuple[int, int]] = []
    folded = fold(text)
    if len(folded) == len(text):
        for regex in (_DAY_MONTH, _MONTH_DAY):
            spans += [m.span() for m in regex.finditer(folded)]
    for regex in (_ISO_DATE, _NUMERIC_DATE):
        spans += [m.span() for m in regex.finditer(text)]
    return spans
