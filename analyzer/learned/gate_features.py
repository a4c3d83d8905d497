"""What the negotiation gate sees in a whole conversation, as a few numbers.

A negotiation is people asking each other for something: terms go on the table and
*another* person answers them (accepts, refuses, counters), requests and offers are
addressed to someone who can grant or refuse them, and the talk passes back and forth.
A podcast is two hosts talking at length to an audience; a newsletter or a press release
is one voice to a distribution list; a stand-up is many short reports; a group chat is
logistics among friends. The window model (`gate.npz`, hashed n-grams over ~1,500
characters) reads the words; the features here read the shape of the exchange, so that a
podcast full of "final offer" and "walked out" still reads as a podcast.

The cue patterns (matched on lowercased text) cover English, German, French and Spanish;
they are deliberately broad
(a request, a number, an answer) because the model weighs them, not a rule.

Features (all in [0, 1] or small logs; `FEATURES` fixes their order):

| name | what |
|---|---|
| `window_best`, `window_mean`, `window_share` | the window model's best and mean score, and the share of windows at 0.5 or more |
| `one_speaker`, `many_speakers` | one voice only; four or more, weighed by how little the best window reads as a negotiation |
| `top_share`, `balance` | the most talkative speaker's share of the words; the normalised entropy of the shares |
| `turns_log`, `chars_log` | how many turns, how much text (log) |
| `alternation` | the share of turns whose speaker differs from the previous turn's |
| `longest_share`, `median_turn_log` | the longest turn's share of the text (a monologue); the median turn's length (log) |
| `requests`, `request_speakers` | turns with a request or an offer addressed to someone; how many people make them (0, 1, 2+) |
| `terms`, `terms_speakers` | turns with terms (money, percentages, quantities, dates; "ten minutes" in words too); how many people put them (0, 1, 2+) |
| `terms_answered` | terms a *different* speaker answers within the next three turns (accepts, refuses, counters), up to 3 |
| `answers` | turns that accept, refuse or counter ("70 instead of 85") |
| `questions_answered` | share of the turns asking a question that the next turn, by another speaker, follows (a reply, not necessarily an answer) |
| `broadcast` | newsletter, unsubscribe, press-release, FYI and distribution-list markers (up to 3) |
| `show` | podcast, lecture, webinar markers: "welcome to", "episode", "listeners" (up to 3) |
| `email`, `chat` | the format: a mail thread, a written chat (else a call transcript) |
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from statistics import median

import numpy as np
from numpy.typing import NDArray

from analyzer.models import Conversation, InputFormat, Kind

FEATURES: tuple[str, ...] = (
    "window_best",
    "window_mean",
    "window_share",
    "one_speaker",
    "many_speakers",
    "top_share",
    "balance",
    "turns_log",
    "chars_log",
    "alternation",
    "longest_share",
    "median_turn_log",
    "requests",
    "request_speakers",
    "terms",
    "terms_speakers",
    "terms_answered",
    "answers",
    "questions_answered",
    "broadcast",
    "show",
    "email",
    "chat",
)

# The patterns are matched against lowercased text (lowercasing once is several times
# faster than matching case-insensitively), so they are written in lower case.
_FLAGS = re.UNICODE

# A request or an offer addressed to the other side: "could you", "we can offer", "how
# about", "would you accept", "ich biete", "pourriez-vous", "le propongo".
REQUEST = re.compile(
    r"\b(?:could|can|would|will) you\b|\bwould it be possible\b|\bare you (?:willing|able|open)\b"
    r"|\b(?:we|i)(?:\s(?:can|could|would|will)|'d|'ll)\s(?:offer|do|give|pay|accept|agree|throw in|"
    r"go (?:to|up|down)|meet you|take|let you have|include|waive|drop|lower|match|sell|rent|lend|"
    r"deliver|cover|split)\b"
    r"|\b(?:we|i) (?:propose|offer|suggest|counter|need you to|want you to|ask you to|"
    r"insist)\b|\bhow about\b|\bwhat if (?:we|you|i)\b|\bwhat about\b|\b(?:in exchange|in return)\b"
    r"|\bif you (?:can|could|agree|sign|pay|give|drop|lower|accept)\b|\b(?:our|my) (?:offer|"
    r"proposal|counter(?:-?offer)?|price|rate|last|final|best)\b|\bplease (?:confirm|consider|"
    r"reconsider|agree|accept)\b|\btake it or leave it\b|\bdeal\?"
    r"|\bk[öo]nn(?:t)?en sie\b|\bk[öo]nntest du\b|\bkannst du\b|\bw[üu]rden sie\b|\bw[äa]ren sie\b"
    r"|\b(?:ich|wir) (?:biete[nt]?|schlage[nt]? vor|k[öo]nn(?:t)?en|w[üu]rden|zahlen?|"
    r"brauchen?|verlangen?|fordern?)\b|\bunser (?:angebot|vorschlag|preis)\b|\bwie w[äa]re es\b"
    r"|\bwas halten sie\b|\bim gegenzug\b|\bwenn sie\b|\bwenn du\b"
    r"|\bpourr(?:iez|ais)[- ](?:vous|tu)\b|\bpouvez[- ]vous\b|\bpeux[- ]tu\b|\baccepter(?:iez|ais)\b"
    r"|\b(?:je|nous) (?:vous |te )?(?:propos\w*|offr\w*|pouv\w*|accept\w*|demand\w*|"
    r"exige\w*|paier\w*|ferai\w*)\b|\bnotre (?:offre|proposition|prix)\b|\ben [ée]change\b"
    r"|\bque diriez[- ]vous\b|\bet si (?:on|nous|vous)\b|\bsi vous\b|\bsi tu\b"
    r"|\bpodr[íi]a(?:s|n)?\b|\bpuede(?:s|n)? (?:usted|ustedes)?\b|\b(?:le|te|les|os) "
    r"(?:propongo|proponemos|ofrezco|ofrecemos|pido|pedimos|doy|damos|pago|pagamos)\b"
    r"|\b(?:propongo|proponemos|ofrezco|ofrecemos|aceptar[íi]a[ns]?|exigimos|necesitamos que)\b"
    r"|\bnuestra (?:oferta|propuesta)\b|\ba cambio\b|\bqu[ée] tal si\b|\bsi usted\b|\bsi me\b",
    _FLAGS,
)

_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|half an?|a half|"
    "eine?|zwei|drei|vier|f[üu]nf|sechs|sieben|acht|neun|zehn|zwanzig|drei[ßs]ig|halbe?|"
    "une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|vingt|trente|demi|"
    "un[ao]?|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|veinte|treinta|media"
)
_UNIT_WORDS = (
    "minutes?|hours?|days?|weeks?|nights?|chapters?|episodes?|pieces?|boxes|bags|"
    "minuten|stunden?|tage|wochen|n[äa]chte|kapitel|folgen|st[üu]ck|"
    "heures?|jours|semaines|nuits|chapitres?|parts?|"
    "minutos|horas?|d[íi]as|semanas|noches|cap[íi]tulos?|partes?|bolsas|cajas"
)

# Terms on the table: an amount of money, a percentage, a quantity with a unit or a date.
TERMS = re.compile(
    r"[$€£¥]\s?\d|(?<![\d.,])\d[\d.,]*\s?(?:k\b|m\b|€|\$|£|eur\b|euros?\b|usd\b|dollars?\b|pounds?\b|"
    r"francs?\b|pesos?\b|bucks\b|quid\b|%|percent\b|per ?cent\b|prozent\b|pour ?cent\b|"
    r"por ?ciento\b|minutes?\b|minuten\b|minutos?\b|hours?\b|stunden?\b|heures?\b|horas?\b|days?\b|tage[n]?\b|jours\b|d[íi]as\b|"
    r"weeks?\b|wochen\b|semaines\b|semanas\b|months?\b|monate[n]?\b|mois\b|meses\b|"
    r"years?\b|jahre[n]?\b|ans\b|a[ñn]os\b|units?\b|st[üu]ck\b|unit[ée]s\b|unidades\b|"
    r"seats?\b|licen[cs]es?\b|pallets?\b|tons?\b|tonnes?\b|km\b|kg\b|m²|sqm\b|a month\b|"
    r"an hour\b|/h\b|/month\b|/mo\b|each\b)"
    r"|\b(?:by|until|before|bis|avant|antes del?|hasta el?) (?:the )?\d{1,2}(?:st|nd|rd|th|\.)?\b"
    r"|\b(?:monday|tuesday|wednesday|thursday|friday|montag|dienstag|mittwoch|donnerstag|"
    r"freitag|lundi|mardi|mercredi|jeudi|vendredi|lunes|martes|mi[ée]rcoles|jueves|viernes)\b"
    r"|\b\d{2,}\b"
    # A quantity in words: "five minutes", "zehn Minuten", "deux heures", "media hora".
    rf"|\b(?:{_NUMBER_WORDS})\s(?:more\s|extra\s|noch\s|de plus\s|más\s)?(?:{_UNIT_WORDS})\b",
    _FLAGS,
)

# An answer to terms: acceptance, refusal or a counter.
ANSWER = re.compile(
    r"\b(?:instead of|statt|anstatt|au lieu de|en vez de|en lugar de)\b|"
    r"\b(?:deal|agreed|accepted|i accept|we accept|sounds fair|that works|works for (?:me|us)|"
    r"fine by (?:me|us)|ok(?:ay)?,? (?:let's|we)|you've got a deal|done|"
    r"(?:can't|cannot|can not|won't|couldn't) (?:do|go|accept|agree|afford|pay|justify|"
    r"offer|give|sign)|not (?:possible|enough|acceptable|an option)|too (?:high|low|much|"
    r"expensive|steep)|no way|no deal|best i can do|best we can do|meet (?:you )?(?:in the "
    r"middle|halfway)|split the difference|counter|last (?:offer|word|price)|final (?:offer|"
    r"price|position)|walk away|we'll pass|i'll pass)\b"
    r"|\b(?:einverstanden|abgemacht|akzeptiert|geht klar|passt|zu (?:teuer|hoch|wenig|viel)|"
    r"nicht (?:m[öo]glich|akzeptabel|genug|machbar|drin)|kann ich nicht|k[öo]nnen wir nicht|"
    r"auf keinen fall|letztes angebot|mein letztes|in der mitte|gegenangebot)\b"
    r"|\b(?:d'accord|entendu|marché conclu|ça marche|c'est bon|trop (?:cher|élevé|bas|peu)|"
    r"pas possible|impossible|inacceptable|pas (?:assez|question)|je ne peux pas|nous ne "
    r"pouvons pas|dernière offre|dernier prix|couper la poire|contre-proposition)\b"
    r"|\b(?:de acuerdo|trato hecho|hecho|vale|acepto|aceptamos|demasiado (?:caro|alto|bajo)|"
    r"no es posible|imposible|inaceptable|no (?:puedo|podemos)|ni hablar|última oferta|"
    r"último precio|a medias|contraoferta)\b",
    _FLAGS,
)

# One voice to many: newsletters, press releases, announcements, FYIs, distribution lists.
BROADCAST = re.compile(
    r"\bunsubscribe\b|\bnewsletter\b|\bview (?:it )?(?:in|online in) (?:your )?browser\b|"
    r"\bread online\b|\bfor immediate release\b|\bpress release\b|\bmedia contact\b|"
    r"\babout [^\W\d_][\w&]+\s*:|\bfyi\b|\bfor your information\b|\bno action (?:is )?required\b|"
    r"\bdear (?:all|colleagues|team|members|customers?|subscribers?|parents|neighbours)\b|"
    r"\bhi (?:all|everyone|team)\b|\ball[- ]staff\b|\bthis is an automated\b|\bdo not reply\b|"
    r"\bdo-not-reply\b|\bno-?reply@|\bwe are (?:pleased|delighted|excited|happy) to announce\b|"
    r"\bin this issue\b|\bthis week'?s?\b|\bminutes of\b|\bkind reminder\b|\bplease note\b|"
    r"\babmelden\b|\bpressemitteilung\b|\bzur (?:info|kenntnis)\b|\bliebe kolleg\w+\b|"
    r"\bhallo (?:zusammen|alle|team)\b|\bwir freuen uns,? (?:ihnen )?mitzuteilen\b|"
    r"\bprotokoll\b|\bse d[ée]sinscrire\b|\bd[ée]sabonner\b|\bcommuniqu[ée] de presse\b|"
    r"\bpour info(?:rmation)?\b|\bchers coll[èe]gues\b|\bbonjour [àa] tous\b|"
    r"\bnous avons le plaisir\b|\bcompte[- ]rendu\b|\bdarse de baja\b|\bdar de baja\b|"
    r"\bnota de prensa\b|\bcomunicado de prensa\b|\bpara (?:su|tu) informaci[óo]n\b|"
    r"\bestimad[oa]s compa[ñn]er[oa]s\b|\bhola a todos\b|\bnos complace anunciar\b|\bacta\b",
    _FLAGS,
)

# Talk to an audience: podcasts, lectures, webinars, panels.
SHOW = re.compile(
    r"\bwelcome (?:back )?to\b|\bepisode\b|\blisteners?\b|\bpodcast\b|\bour guest\b|"
    r"\btoday'?s? (?:topic|guest|session|lecture|webinar)\b|\bsubscribe\b|\bin this "
    r"(?:session|lecture|webinar|talk|module)\b|\bthanks for (?:listening|watching|joining)\b|"
    r"\bthe audience\b|\bslide\b|\bstudents?\b|\bwillkommen (?:zu|bei|zur|zum)\b|\bfolge \d+|"
    r"\bz[üu]h[öo]rer\w*\b|\bvorlesung\b|\bbienvenue (?:dans|[àa])\b|\b[ée]pisode\b|"
    r"\bauditeurs?\b|\bauditrices?\b|\bbienvenid[oa]s? a\b|\bepisodio\b|"
    r"\boyentes\b|\bprograma\b|\bclase\b|\bconferencia\b",
    _FLAGS,
)

_LOG_SCALE = 10.0  # log1p(x) / _LOG_SCALE keeps the logs of realistic sizes below ~1


def _log(value: float) -> float:
    return math.log1p(value) / _LOG_SCALE


def _speakers_over(flags: list[bool], speakers: list[str]) -> float:
    """How many people have a flagged turn: 0, 1 or 2+ as 0, 0.5, 1."""
    return min(len({s for s, f in zip(speakers, flags, strict=True) if f}), 2) / 2


def _answered(flags: list[bool], speakers: list[str], answers: list[bool]) -> float:
    """Flagged turns (terms) that a different speaker answers within three turns, with
    terms of their own (a counter) or an acceptance or refusal; up to 3, as a share of 3."""
    count = 0
    for i, flagged in enumerate(flags):
        if not flagged:
            continue
        for j in range(i + 1, min(i + 4, len(flags))):
            if speakers[j] != speakers[i] and (flags[j] or answers[j]):
                count += 1
                break
    return min(count, 3) / 3


def conversation_features(
    conversation: Conversation, window_scores: list[float]
) -> dict[str, float]:
    """The gate's features of a conversation, given its windows' scores (`FEATURES` order)."""
    turns = [t for t in conversation.turns if t.text.strip()]
    texts = [t.text for t in turns]
    speakers = [t.speaker for t in turns]
    lengths = [len(t) for t in texts]
    total = sum(lengths) or 1
    by_speaker: Counter[str] = Counter()
    for speaker, length in zip(speakers, lengths, strict=True):
        by_speaker[speaker] += length
    shares = [n / total for n in by_speaker.values()]
    people = len(by_speaker)
    entropy = -sum(p * math.log(p) for p in shares if p > 0)
    lowered = [t.lower() for t in texts]
    requests = [bool(REQUEST.search(t)) for t in lowered]
    terms = [bool(TERMS.search(t)) for t in lowered]
    answers = [bool(ANSWER.search(t)) for t in lowered]
    questions = [
        "?" in text and i + 1 < len(turns) and speakers[i + 1] != speakers[i]
        for i, text in enumerate(texts)
    ]
    asked = sum("?" in t for t in texts)
    whole = "\n".join(lowered)
    scores = window_scores or [0.0]
    n = len(turns) or 1
    return {
        "window_best": max(scores),
        "window_mean": sum(scores) / len(scores),
        "window_share": sum(s >= 0.5 for s in scores) / len(scores),
        "one_speaker": float(people <= 1),
        # Many voices are a stand-up or a group chat unless the words say otherwise (a
        # works-council meeting with four members speaking reads as a negotiation).
        "many_speakers": float(people >= 4) * (1.0 - max(scores)),
        "top_share": max(shares, default=1.0),
        "balance": entropy / math.log(people) if people > 1 else 0.0,
        "turns_log": _log(len(turns)),
        "chars_log": _log(total),
        "alternation": (
            sum(a != b for a, b in itertools.pairwise(speakers)) / (n - 1) if n > 1 else 0.0
        ),
        "longest_share": max(lengths, default=0) / total,
        "median_turn_log": _log(median(lengths)) if lengths else 0.0,
        "requests": sum(requests) / n,
        "request_speakers": _speakers_over(requests, speakers),
        "terms": sum(terms) / n,
        "terms_speakers": _speakers_over(terms, speakers),
        "terms_answered": _answered(terms, speakers, answers),
        "answers": sum(answers) / n,
        "questions_answered": sum(questions) / asked if asked else 0.0,
        "broadcast": min(len(BROADCAST.findall(whole)), 3) / 3,
        "show": min(len(SHOW.findall(whole)), 3) / 3,
        "email": float(conversation.format.kind is Kind.EMAIL),
        "chat": float(conversation.format in {InputFormat.WHATSAPP, InputFormat.SPEAKER_TEXT}),
    }


def vector(features: dict[str, float]) -> NDArray[np.float64]:
    """The features as a row in `FEATURES` order."""
    return np.array([features[name] for name in FEATURES], dtype=np.float64)


def _count(n: int, one: str, many: str) -> str:
    return f"{'one' if n == 1 else n} {one if n == 1 else many}"


def describe(conversation: Conversation, features: dict[str, float], *, negotiation: bool) -> str:
    """What the gate saw, in words for the report: the signs against a negotiation when it
    vetoes ("one speaker, no request or offer to anyone"), the signs for one otherwise."""
    people = len({t.speaker for t in conversation.turns if t.text.strip()})
    said = [_count(people, "speaker", "speakers")]
    if negotiation:
        if features["terms_answered"] > 0:
            said.append("terms answered by another speaker")
        if features["request_speakers"] >= 1.0:
            said.append("requests or offers from both sides")
        elif features["requests"] > 0:
            said.append("a request or an offer to the other side")
        if features["window_best"] >= 0.5:
            said.append("wording of a negotiation")
        return ", ".join(said)
    if people > 1 and features["top_share"] >= 0.8:
        said.append("one of them says almost everything")
    elif people >= 4:
        said.append("many short contributions")
    if features["requests"] == 0:
        said.append("no request or offer to anyone")
    if people > 1 and features["terms"] == 0:
        said.append("no terms on the table")
    elif people > 1 and features["terms_answered"] == 0:
        said.append("no terms answered by another speaker")
    if features["broadcast"] > 0:
        said.append("addressed to a list or an audience (newsletter, announcement, FYI)")
    if features["show"] > 0:
        said.append("talk for an audience (podcast, lecture, webinar)")
    if features["window_best"] < 0.5:
        said.append("no stretch of it reads like a negotiation")
    return ", ".join(said)
