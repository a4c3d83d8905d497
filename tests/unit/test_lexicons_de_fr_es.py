"""German, French and Spanish phrase lists: what must fire, the near misses that must not,
language detection, and whole conversations through the offline engine.

The sentences are written the way business people in those languages write emails and
speak on calls (formal and informal registers, regional usage, dropped accents in chats),
not translated from the English cases.
"""

from __future__ import annotations

import pytest

from analyzer.analysis import Analysis
from analyzer.detect.patterns import PhraseDetector
from analyzer.languages.lexicon import available_languages, load_lexicon
from analyzer.models import Conversation, InputFormat, Turn
from analyzer.options import AnalyzeOptions, EngineChoice
from analyzer.parsers.build import TurnDraft, build_conversation
from analyzer.parsers.lines import line_spans
from analyzer.pipeline import analyze_offline
from analyzer.reading import split_sentences
from analyzer.reading.language import detect_text_language
from analyzer.taxonomy import EndType, SignalType, Stage

T = SignalType
LANGUAGES = ("de", "fr", "es")
# Phrase groups the rules and structural detectors read by name.
REQUIRED_GROUPS = (
    "resolution",
    "assent",
    "specific_time",
    "vague_time",
    "meeting",
    "hedge_time",
    "hedge_authority",
    "terms",
    "follow_up",
    "reply_promise",
)


def fired(language: str, text: str) -> set[SignalType]:
    """Signal types the phrase detectors of a language give any sentence of a text."""
    sentences = split_sentences(Turn(index=0, speaker="Them", text=text))
    lexicon = load_lexicon(language)
    return {
        spec.signal
        for spec in lexicon.detectors
        for sentence in sentences
        if PhraseDetector(spec).matches(sentence)
    }


# --------------------------------------------------------------------------- lexicon files


@pytest.mark.parametrize("language", LANGUAGES)
def test_when_lexicon_loaded_then_it_has_every_required_phrase_group(language: str) -> None:
    lexicon = load_lexicon(language)
    assert lexicon.language == language
    assert language in available_languages()
    missing = [g for g in REQUIRED_GROUPS if g not in lexicon.phrases]
    assert missing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_when_lexicon_loaded_then_every_phrase_signal_type_has_a_detector(language: str) -> None:
    signals = {spec.signal for spec in load_lexicon(language).detectors}
    # no_response is structural: it reads the thread (with the follow_up group), not a phrase.
    assert signals == set(SignalType) - {T.NO_RESPONSE}


@pytest.mark.parametrize("language", LANGUAGES)
def test_when_explanations_formatted_then_they_are_english_and_name_the_match(
    language: str,
) -> None:
    for spec in load_lexicon(language).detectors:
        text = spec.explanation.format(match="X")
        assert "'X'" in text, spec.id
        assert text.isascii(), spec.id  # the report language is English
        assert spec.id.startswith(f"{language}.")


@pytest.mark.parametrize("language", LANGUAGES)
def test_when_stopwords_compared_then_none_is_shared_with_another_language(language: str) -> None:
    own = load_lexicon(language).stopwords
    assert len(own) >= 40
    for other in ("en", *LANGUAGES):
        if other != language:
            assert own & load_lexicon(other).stopwords == set(), other


@pytest.mark.parametrize("language", LANGUAGES)
def test_when_text_is_long_and_adversarial_then_matching_completes(language: str) -> None:
    # A single 40,000-character line of near-misses: nested unbounded repetition would
    # make some pattern hang here; bounded gaps keep every detector linear. (Speed
    # itself is measured by the benchmarks, not asserted.)
    chunk = {
        "de": "wenn Sie nicht mehr als sonst entweder oder wir muss intern mit dem ",
        "fr": "si vous ne pas sinon sans nous ne pouvons pas en l'état avec la direction ",
        "es": "si no usted no de lo contrario sin eso no podemos por ahora con la dirección ",
    }[language]
    text = (chunk * (40_000 // len(chunk))).replace(".", "")
    assert isinstance(fired(language, text), set)


# --------------------------------------------------------------------------- what must fire

POSITIVES: list[tuple[str, SignalType, str]] = [
    # ---- German (DACH): emails, calls, chat
    (
        "de",
        T.SCHEDULING_AVOIDANCE,
        "Im Moment sind wir mit dem Jahresabschluss komplett ausgelastet. Lassen Sie uns "
        "das im neuen Jahr angehen.",
    ),
    ("de", T.SCHEDULING_AVOIDANCE, "Gerne, aber lass uns nach der Messe mal telefonieren."),
    (
        "de",
        T.SCHEDULING_AVOIDANCE,
        "Einen festen Termin kann ich Ihnen leider noch nicht nennen, ich melde mich, sobald "
        "sich die Lage bei uns etwas beruhigt hat.",
    ),
    (
        "de",
        T.HANDOFF_OR_DELAY,
        "Ich wechsle zum 1. Juli intern in eine andere Abteilung, mein Kollege Herr Brandl "
        "wird sich dann bei Ihnen melden.",
    ),
    ("de", T.HANDOFF_OR_DELAY, "Wir haben beschlossen, das Projekt vorerst auf Eis zu legen."),
    (
        "de",
        T.HANDOFF_OR_DELAY,
        "Das Budget für dieses Jahr ist leider schon verplant, wir kommen im Herbst wieder "
        "auf Sie zu.",
    ),
    (
        "de",
        T.ALTERNATIVE_SHOPPING,
        "Um ehrlich zu sein, holen wir gerade noch zwei Vergleichsangebote ein.",
    ),
    ("de", T.ALTERNATIVE_SHOPPING, "Wir sind parallel mit anderen Anbietern im Gespräch."),
    (
        "de",
        T.ALTERNATIVE_SHOPPING,
        "Die Konkurrenz bietet uns das gleiche Modul für 15 % weniger an.",
    ),
    (
        "de",
        T.TOPIC_AVOIDANCE,
        "Die Haftungsfrage würde ich heute ungern aufmachen, lassen Sie uns erst die Preise klären.",
    ),
    ("de", T.TOPIC_AVOIDANCE, "Die Exklusivität steht für uns nicht zur Diskussion."),
    ("de", T.TOPIC_AVOIDANCE, "Dazu möchte ich mich im Moment nicht äußern."),
    (
        "de",
        T.AUTHORITY_LIMIT,
        "Das liegt leider nicht in meiner Entscheidungsbefugnis, das müsste unser Vorstand freigeben.",
    ),
    (
        "de",
        T.AUTHORITY_LIMIT,
        "Ich bin nicht zeichnungsberechtigt, da muss ich erst Rücksprache mit der Geschäftsführung halten.",
    ),
    ("de", T.AUTHORITY_LIMIT, "Das muss ich intern noch klären."),
    ("de", T.AUTHORITY_LIMIT, "Da müsste ich erst mit meinem Chef sprechen und das abstimmen."),
    ("de", T.DISCOMFORT, "Ehrlich gesagt ist das für uns ein heikles Thema."),
    ("de", T.DISCOMFORT, "Da tue ich mich ehrlich gesagt schwer mit."),
    ("de", T.DISCOMFORT, "Mir ist dabei nicht ganz wohl."),
    (
        "de",
        T.EXPECTATION_SHIFT,
        "Seit der Umstellung brauchen wir zusätzlich eine 24/7-Hotline im Vertrag.",
    ),
    (
        "de",
        T.EXPECTATION_SHIFT,
        "Die Anforderungen unserer IT haben sich inzwischen deutlich geändert.",
    ),
    (
        "de",
        T.NEW_INFORMATION,
        "Wie sich inzwischen herausgestellt hat, wird unser Werk in Linz Ende des Jahres geschlossen.",
    ),
    ("de", T.NEW_INFORMATION, "Wir haben gestern erfahren, dass unser Hauptkunde insolvent ist."),
    (
        "de",
        T.PRECEDENT_OR_POLICY,
        "Sonderkündigungsrechte gewähren wir grundsätzlich keinem Mieter.",
    ),
    ("de", T.PRECEDENT_OR_POLICY, "Das widerspricht unserer Konzernrichtlinie."),
    (
        "de",
        T.PRECEDENT_OR_POLICY,
        "Eine Ausnahme können wir da leider nicht machen, sonst wollen das alle.",
    ),
    ("de", T.ULTIMATUM, "Das ist unser letztes Angebot: 48.000 Euro, keinen Cent mehr."),
    (
        "de",
        T.ULTIMATUM,
        "Entweder Sie akzeptieren die Preisgleitklausel bis Freitag, oder wir gehen mit einem "
        "anderen Lieferanten weiter.",
    ),
    ("de", T.ULTIMATUM, "Mehr als 4 % zahlen wir nicht, das ist das Ende der Fahnenstange."),
    ("de", T.ULTIMATUM, "120 und keinen Euro weniger, Festpreis."),
    ("de", T.WALKOUT, "Unter diesen Umständen ziehen wir uns aus den Verhandlungen zurück."),
    (
        "de",
        T.WALKOUT,
        "Wir haben uns für einen anderen Anbieter entschieden und beenden hiermit die Gespräche.",
    ),
    ("de", T.WALKOUT, "Dann halt nicht. Schönen Tag noch."),
    ("de", T.WEASEL_WORDS, "Mehr als 3 % können wir Ihnen derzeit leider nicht anbieten."),
    (
        "de",
        T.WEASEL_WORDS,
        "Zum jetzigen Zeitpunkt sehen wir uns nicht in der Lage, die Verlängerung zu diesen "
        "Konditionen zu unterschreiben.",
    ),
    ("de", T.WEASEL_WORDS, "Das ist für uns in der aktuellen Lage nicht darstellbar."),
    ("de", T.WEASEL_WORDS, "Das müsste ich intern klären, aber Stand heute ist bei 5 % Schluss."),
    # ---- French (France, Belgium, Quebec)
    (
        "fr",
        T.SCHEDULING_AVOIDANCE,
        "On est un peu sous l'eau en ce moment avec la clôture, on se recontacte à la rentrée ?",
    ),
    ("fr", T.SCHEDULING_AVOIDANCE, "Je vous recontacte dès que j'y vois plus clair de mon côté."),
    ("fr", T.SCHEDULING_AVOIDANCE, "Difficile de caler un créneau avant la rentrée, honnêtement."),
    (
        "fr",
        T.HANDOFF_OR_DELAY,
        "Je quitte la société à la fin du mois ; ma collègue Claire Martin reprendra le dossier.",
    ),
    (
        "fr",
        T.HANDOFF_OR_DELAY,
        "Suite à la réorganisation, le projet est mis en pause jusqu'à nouvel ordre.",
    ),
    ("fr", T.HANDOFF_OR_DELAY, "Nous préférons reporter ce projet à l'an prochain."),
    (
        "fr",
        T.ALTERNATIVE_SHOPPING,
        "Pour être transparent, nous avons mis le marché en concurrence.",
    ),
    (
        "fr",
        T.ALTERNATIVE_SHOPPING,
        "Un autre prestataire nous propose la même chose 20 % moins cher.",
    ),
    ("fr", T.ALTERNATIVE_SHOPPING, "On a d'autres devis sur la table, je ne vous le cache pas."),
    ("fr", T.TOPIC_AVOIDANCE, "Je préfère ne pas aborder la question des pénalités aujourd'hui."),
    ("fr", T.TOPIC_AVOIDANCE, "La clause d'exclusivité n'est pas à l'ordre du jour."),
    ("fr", T.TOPIC_AVOIDANCE, "Laissons ce point de côté pour l'instant, si vous voulez bien."),
    ("fr", T.AUTHORITY_LIMIT, "Je ne suis pas habilitée à valider ce niveau de remise."),
    ("fr", T.AUTHORITY_LIMIT, "Ça dépasse mon périmètre, il faudra voir avec ma direction."),
    ("fr", T.AUTHORITY_LIMIT, "La décision revient au comité d'investissement."),
    ("fr", T.AUTHORITY_LIMIT, "Il faut que j'en parle à mon N+1 avant de vous répondre."),
    (
        "fr",
        T.DISCOMFORT,
        "C'est un sujet un peu délicat chez nous, je ne peux pas vous en dire plus.",
    ),
    ("fr", T.DISCOMFORT, "Je vous avoue que je suis assez mal à l'aise avec cette clause."),
    (
        "fr",
        T.EXPECTATION_SHIFT,
        "Désormais, nous exigeons une garantie bancaire à première demande.",
    ),
    ("fr", T.EXPECTATION_SHIFT, "Nos besoins ont évolué depuis le cahier des charges initial."),
    (
        "fr",
        T.EXPECTATION_SHIFT,
        "Le tarif évoqué en mars ne tient plus, il faut compter 8 % de plus.",
    ),
    (
        "fr",
        T.NEW_INFORMATION,
        "Nous venons d'apprendre que notre maison mère gèle tous les investissements.",
    ),
    ("fr", T.NEW_INFORMATION, "Il s'avère que le site de Lille fermera en juin."),
    (
        "fr",
        T.PRECEDENT_OR_POLICY,
        "Par principe, nous n'accordons pas de clause de non-concurrence.",
    ),
    (
        "fr",
        T.PRECEDENT_OR_POLICY,
        "Ce serait créer un précédent vis-à-vis de nos autres locataires.",
    ),
    ("fr", T.PRECEDENT_OR_POLICY, "Les remises de fin d'année, nous n'en faisons à aucun client."),
    ("fr", T.ULTIMATUM, "C'est notre dernière offre : 42 000 € HT, livraison comprise."),
    ("fr", T.ULTIMATUM, "Si vous ne signez pas d'ici vendredi, nous irons voir ailleurs."),
    ("fr", T.ULTIMATUM, "80 balles, dernier prix."),
    ("fr", T.ULTIMATUM, "C'est à prendre ou à laisser."),
    ("fr", T.WALKOUT, "Dans ces conditions, nous mettons un terme à nos discussions."),
    ("fr", T.WALKOUT, "Bon, on va en rester là."),
    ("fr", T.WALKOUT, "Nous avons décidé de retenir une autre offre."),
    ("fr", T.WEASEL_WORDS, "En l'état, nous ne pouvons pas aller plus loin sur le prix."),
    ("fr", T.WEASEL_WORDS, "À ce stade, une remise supplémentaire n'est pas envisageable."),
    ("fr", T.WEASEL_WORDS, "Pour le moment, on met le renouvellement en stand-by."),
    ("fr", T.WEASEL_WORDS, "a ce stade on peut pas aller plus loin desole"),
    (
        "fr",
        T.WEASEL_WORDS,
        "Je ne suis pas habilité, on ne pourra pas faire mieux sans l'accord du siège.",
    ),
    # ---- Spanish (Spain, Mexico, Río de la Plata)
    (
        "es",
        T.SCHEDULING_AVOIDANCE,
        "Ahorita andamos a full con el cierre, mejor lo platicamos más adelante.",
    ),
    ("es", T.SCHEDULING_AVOIDANCE, "Ya te aviso cuando tenga un hueco."),
    (
        "es",
        T.SCHEDULING_AVOIDANCE,
        "Es difícil fijar una fecha ahora mismo, ya veremos después del verano.",
    ),
    (
        "es",
        T.HANDOFF_OR_DELAY,
        "A partir del lunes mi compañera Lucía se hará cargo de su cuenta.",
    ),
    ("es", T.HANDOFF_OR_DELAY, "Hemos decidido posponer el proyecto hasta el año que viene."),
    ("es", T.HANDOFF_OR_DELAY, "Dejamos esto en pausa de momento."),
    ("es", T.ALTERNATIVE_SHOPPING, "Estamos evaluando otras propuestas, te soy sincero."),
    ("es", T.ALTERNATIVE_SHOPPING, "La competencia nos ofrece lo mismo un 10 % más barato."),
    ("es", T.ALTERNATIVE_SHOPPING, "Che, en otro lado me lo dejan más barato."),
    ("es", T.TOPIC_AVOIDANCE, "Prefiero no entrar en el tema de las penalizaciones ahora."),
    ("es", T.TOPIC_AVOIDANCE, "Dejemos ese punto de lado por ahora."),
    ("es", T.TOPIC_AVOIDANCE, "La exclusividad no está sobre la mesa."),
    ("es", T.AUTHORITY_LIMIT, "Tendría que consultarlo con dirección antes de comprometerme."),
    ("es", T.AUTHORITY_LIMIT, "No tengo autorización para aprobar ese descuento."),
    ("es", T.AUTHORITY_LIMIT, "Eso lo decide mi jefe, no yo."),
    ("es", T.AUTHORITY_LIMIT, "Mirá, eso no depende de mí."),
    ("es", T.DISCOMFORT, "Es un tema delicado para nosotros, prefiero no entrar en detalles."),
    ("es", T.DISCOMFORT, "La verdad, me siento un poco incómodo con esa cláusula."),
    ("es", T.EXPECTATION_SHIFT, "Ahora necesitamos además un SLA de cuatro horas."),
    ("es", T.EXPECTATION_SHIFT, "Nuestras prioridades han cambiado desde la última reunión."),
    ("es", T.NEW_INFORMATION, "Acabamos de enterarnos de que la planta de Puebla cierra en marzo."),
    ("es", T.NEW_INFORMATION, "Resulta que el cliente final ha cancelado el pedido."),
    ("es", T.PRECEDENT_OR_POLICY, "Por política de la empresa no damos exclusividad a nadie."),
    ("es", T.PRECEDENT_OR_POLICY, "Nunca hemos dado ese plazo de pago a ningún cliente."),
    ("es", T.ULTIMATUM, "Es nuestra última oferta: 38.000 euros, ni un euro más."),
    ("es", T.ULTIMATUM, "Si no firman antes del viernes, nos vamos con otro proveedor."),
    ("es", T.ULTIMATUM, "1500 y no bajo más, lo tomás o lo dejás."),
    ("es", T.ULTIMATUM, "es mi ultima oferta"),
    ("es", T.WALKOUT, "Damos por terminadas las negociaciones."),
    ("es", T.WALKOUT, "No podemos seguir negociando en estas condiciones."),
    ("es", T.WALKOUT, "Bueno, lo dejamos aquí."),
    ("es", T.WEASEL_WORDS, "De momento no podemos ir más allá del 5 %."),
    ("es", T.WEASEL_WORDS, "Por ahora no es viable subir la tarifa."),
    ("es", T.WEASEL_WORDS, "Hoy por hoy no hay margen para más descuento."),
    ("es", T.WEASEL_WORDS, "por ahora no podemos mejorar la oferta, no depende de mi"),
]


# More end-stage wordings: they decide the stage and whether the end is soft or firm.
POSITIVES += [
    ("de", T.WEASEL_WORDS, "Im Moment ist da leider nichts zu machen."),
    ("de", T.WEASEL_WORDS, "Vorerst bleibt es bei unserem Angebot."),
    ("de", T.WEASEL_WORDS, "Ohne Zustimmung unseres Vorstands kann ich nicht weiter runtergehen."),
    ("de", T.WEASEL_WORDS, "Bis zur Vorstandssitzung im Januar können wir nichts zusagen."),
    ("de", T.WEASEL_WORDS, "Aktuell sehe ich da keinen Spielraum."),
    ("de", T.ULTIMATUM, "Wir bleiben bei unserem Angebot von 52.000 Euro."),
    ("de", T.ULTIMATUM, "Zu diesem Preis verkaufe ich nicht. Punkt."),
    ("de", T.ULTIMATUM, "Über den Preis verhandeln wir nicht mehr."),
    ("de", T.WALKOUT, "Damit ist das Thema für uns erledigt."),
    ("de", T.WALKOUT, "Wenn Sie bis Freitag nicht zusagen, ziehen wir unser Angebot zurück."),
    ("de", T.AUTHORITY_LIMIT, "Das kann ich so nicht freigeben, da müsste ich nach oben gehen."),
    ("fr", T.WEASEL_WORDS, "Pour l'heure, nous ne sommes pas en mesure d'améliorer notre offre."),
    (
        "fr",
        T.WEASEL_WORDS,
        "Dans le contexte actuel, il nous est impossible de revoir nos tarifs à la baisse.",
    ),
    ("fr", T.WEASEL_WORDS, "Je n'ai pas de marge de manœuvre supplémentaire à ce stade."),
    (
        "fr",
        T.ULTIMATUM,
        "Nous maintenons notre proposition de 2,10 €, sans possibilité de négociation.",
    ),
    ("fr", T.ULTIMATUM, "C'est non négociable."),
    ("fr", T.WALKOUT, "Nous allons donc nous tourner vers un autre prestataire."),
    ("fr", T.WALKOUT, "Nous ne donnerons pas suite à votre proposition."),
    ("es", T.WEASEL_WORDS, "Por el momento no estamos en condiciones de mejorar la oferta."),
    ("es", T.WEASEL_WORDS, "Lamentablemente, con el presupuesto actual no nos da para más."),
    ("es", T.WEASEL_WORDS, "De momento es lo máximo que podemos ofrecer."),
    ("es", T.ULTIMATUM, "Mantenemos nuestra oferta de 12,40 euros."),
    ("es", T.ULTIMATUM, "Es esto o nada."),
    ("es", T.ULTIMATUM, "12 euros y punto."),
    ("es", T.ULTIMATUM, "No vamos a bajar ni un peso más."),
    ("es", T.WALKOUT, "Vamos a buscar otro proveedor."),
    ("es", T.WALKOUT, "Nos levantamos de la mesa."),
]


# Beginning- and middle-stage wordings from leases, supplier increases, works councils,
# tenders and renewals.
POSITIVES += [
    (
        "de",
        T.PRECEDENT_OR_POLICY,
        "Die Wertsicherung nach VPI ist bei uns Standard in allen Mietverträgen.",
    ),
    ("de", T.AUTHORITY_LIMIT, "Über den Hauptmietzins entscheidet die Eigentümerin, nicht ich."),
    ("de", T.PRECEDENT_OR_POLICY, "Laut Tarifvertrag ist das so nicht vorgesehen."),
    (
        "de",
        T.NEW_INFORMATION,
        "Unser Rohstofflieferant hat uns kurzfristig eine Erhöhung von 14 % angekündigt.",
    ),
    ("de", T.EXPECTATION_SHIFT, "Statt der vereinbarten 3 % brauchen wir nun 7 %."),
    ("de", T.TOPIC_AVOIDANCE, "Das Thema Homeoffice klammern wir heute bitte aus."),
    (
        "de",
        T.SCHEDULING_AVOIDANCE,
        "Grüezi Herr Meier, im Moment ist es bei uns sehr hektisch, melden Sie sich doch nach den Sportferien wieder.",
    ),
    ("de", T.HANDOFF_OR_DELAY, "Ab Mai übernimmt Frau Scholz aus dem Zentraleinkauf das Thema."),
    ("de", T.DISCOMFORT, "Ich sag mal so: das ist bei uns intern ein schwieriges Thema."),
    (
        "de",
        T.ALTERNATIVE_SHOPPING,
        "Wir haben ein Angebot von einem Wettbewerber vorliegen, das deutlich günstiger ist.",
    ),
    (
        "fr",
        T.PRECEDENT_OR_POLICY,
        "Notre car policy ne prévoit pas de véhicule de cette catégorie pour ce niveau de poste.",
    ),
    ("fr", T.AUTHORITY_LIMIT, "Je dois faire valider ça par la DAF."),
    ("fr", T.NEW_INFORMATION, "On vient d'être informés d'une hausse de 12 % sur le sucre."),
    ("fr", T.EXPECTATION_SHIFT, "Au lieu des 5 % prévus, il nous faut désormais 9 %."),
    ("fr", T.TOPIC_AVOIDANCE, "On ne va pas rouvrir ce sujet aujourd'hui."),
    (
        "fr",
        T.SCHEDULING_AVOIDANCE,
        "Là, c'est vraiment pas le moment, on en reparle après les vacances.",
    ),
    (
        "fr",
        T.HANDOFF_OR_DELAY,
        "Le dossier a été transmis à notre service achats, qui reviendra vers vous.",
    ),
    ("fr", T.DISCOMFORT, "C'est un peu gênant de vous dire ça, mais le budget a été coupé."),
    (
        "fr",
        T.ALTERNATIVE_SHOPPING,
        "Dans le cadre de la procédure adaptée, nous avons reçu d'autres offres moins-disantes.",
    ),
    (
        "fr",
        T.WEASEL_WORDS,
        "On n'est pas rendus là pour le moment, on ne peut pas s'engager sur trois ans.",
    ),
    ("es", T.PRECEDENT_OR_POLICY, "El convenio colectivo no permite esa jornada."),
    ("es", T.AUTHORITY_LIMIT, "Eso lo tiene que aprobar el licenciado, yo no puedo firmarlo."),
    ("es", T.NEW_INFORMATION, "Nos acaban de informar que la aceitera de Jaén ha subido un 20 %."),
    ("es", T.EXPECTATION_SHIFT, "En lugar del 3 % ahora pedimos un 6 %."),
    ("es", T.TOPIC_AVOIDANCE, "Eso no lo vamos a tocar hoy."),
    ("es", T.SCHEDULING_AVOIDANCE, "Esta semana imposible, ando de viaje; lo vemos a la vuelta."),
    ("es", T.HANDOFF_OR_DELAY, "Le paso su correo a mi compañero de compras, él le contactará."),
    ("es", T.DISCOMFORT, "Mire, esto es un poco incómodo para nosotros."),
    ("es", T.ALTERNATIVE_SHOPPING, "Tenemos una cotización de otro proveedor bastante más baja."),
    ("es", T.WEASEL_WORDS, "Hoy por hoy no podemos comprometernos a ese volumen."),
]


# Typographic apostrophes, dropped accents and ae/oe/ue spellings, as people type them.
POSITIVES += [
    ("de", T.AUTHORITY_LIMIT, "Das muesste ich intern klaeren."),
    ("de", T.WEASEL_WORDS, "Fuers Erste koennen wir nicht weiter entgegenkommen."),
    ("de", T.WALKOUT, "Gut, dann lassen wir’s."),
    ("fr", T.ULTIMATUM, "C’est à prendre ou à laisser."),
    ("fr", T.ULTIMATUM, "cest notre derniere offre"),
    ("fr", T.WEASEL_WORDS, "En l’état, on ne peut pas aller plus loin."),
    ("fr", T.AUTHORITY_LIMIT, "Ca depasse mon perimetre."),
    ("es", T.ULTIMATUM, "es nuestra ultima oferta, tomalo o dejalo"),
    ("es", T.WEASEL_WORDS, "por el momento no podemos mejorar el precio"),
    ("es", T.SCHEDULING_AVOIDANCE, "ahorita no tengo tiempo, luego vemos lo de la reunion"),
]

# Someone new will be responsible; a rival has already quoted; a stop until something happens.
POSITIVES += [
    ("de", T.HANDOFF_OR_DELAY, "Ab Juli ist für Verpackung der neue Einkaufsleiter zuständig."),
    ("de", T.HANDOFF_OR_DELAY, "Zuständig ist ab Herbst dann unsere neue Kollegin aus Hamburg."),
    ("es", T.ALTERNATIVE_SHOPPING, "Una consultora de Valencia ya nos ha dado números."),
    ("es", T.ALTERNATIVE_SHOPPING, "Dos distribuidoras también nos han enviado presupuestos."),
    ("es", T.WEASEL_WORDS, "Por ahora lo dejamos aquí hasta que cierre el trimestre."),
    ("es", T.WEASEL_WORDS, "De momento dejémoslo ahí mientras la junta decide."),
    (
        "es",
        T.SCHEDULING_AVOIDANCE,
        "Eso lo vemos más adelante, ahora no tengo cabeza para reuniones.",
    ),
    (
        "fr",
        T.SCHEDULING_AVOIDANCE,
        "Je reprendrai contact avec vous en temps utile pour la réunion.",
    ),
]


@pytest.mark.parametrize(("language", "expected", "text"), POSITIVES)
def test_when_counterpart_says_it_then_the_signal_fires(
    language: str, expected: SignalType, text: str
) -> None:
    assert expected in fired(language, text)


# --------------------------------------------------------------------------- near misses

NEGATIVES: list[tuple[str, SignalType, str]] = [
    ("de", T.ULTIMATUM, "Das ist nicht unser letztes Wort, lassen Sie uns weiterreden."),
    ("de", T.ULTIMATUM, "Ist das wirklich Ihr letztes Angebot?"),
    ("de", T.ULTIMATUM, "Das Angebot gilt bis Ende des Monats."),
    ("de", T.AUTHORITY_LIMIT, "Ich kläre das intern und melde mich am Freitag bei Ihnen."),
    (
        "de",
        T.AUTHORITY_LIMIT,
        "Ich muss das noch mit unserem Rechtsdienst abstimmen, ich melde mich bis Freitag.",
    ),
    (
        "de",
        T.SCHEDULING_AVOIDANCE,
        "Guten Morgen Frau Weber, passt Ihnen Dienstag um 10 Uhr für das Telefonat?",
    ),
    ("de", T.WALKOUT, "Wir brechen die Gespräche keinesfalls ab."),
    ("de", T.WALKOUT, "Wir ziehen uns nicht zurück."),
    ("de", T.ALTERNATIVE_SHOPPING, "Wir sind mit keinem anderen Anbieter im Gespräch."),
    ("de", T.EXPECTATION_SHIFT, "Wir haben die Indexierung wie besprochen angepasst."),
    ("de", T.DISCOMFORT, "Mit der Klausel fühlen wir uns wohl."),
    ("fr", T.ULTIMATUM, "Ce n'est pas notre dernière offre, nous pouvons encore en discuter."),
    ("fr", T.ULTIMATUM, "Est-ce votre dernière offre ?"),
    ("fr", T.ULTIMATUM, "est-ce que c'est vraiment votre derniere offre"),
    ("fr", T.AUTHORITY_LIMIT, "Je valide avec ma direction et je reviens vers vous jeudi."),
    ("fr", T.WALKOUT, "Nous ne quittons pas la table, rassurez-vous."),
    ("fr", T.WALKOUT, "Il n'est pas question d'en rester là."),
    ("fr", T.ALTERNATIVE_SHOPPING, "Nous ne consultons pas d'autres prestataires."),
    ("fr", T.DISCOMFORT, "Je suis tout à fait à l'aise avec cette clause."),
    ("fr", T.SCHEDULING_AVOIDANCE, "Pas de souci, on peut en discuter demain à 14h."),
    (
        "fr",
        T.EXPECTATION_SHIFT,
        "Comme convenu, nous avons désormais besoin du bon de commande signé.",
    ),
    ("es", T.ULTIMATUM, "No es nuestra última oferta, podemos seguir hablando."),
    ("es", T.ULTIMATUM, "¿Es su última oferta?"),
    ("es", T.ULTIMATUM, "¿es tu ultima oferta"),
    ("es", T.WALKOUT, "No vamos a romper las negociaciones por esto."),
    ("es", T.WALKOUT, "¿Lo dejamos aquí por hoy y seguimos el lunes?"),
    ("es", T.ALTERNATIVE_SHOPPING, "No estamos hablando con otros proveedores."),
    ("es", T.AUTHORITY_LIMIT, "Lo consulto con dirección y te confirmo el jueves a las 10."),
    ("es", T.SCHEDULING_AVOIDANCE, "¿Te viene bien el martes a las 9:30 para la llamada?"),
    # Responsible for one's own part; a document received, not a rival's price; a stop for
    # the day with a time to resume; "we'll see later" is not a handover; someone else
    # will make contact: a handover, not a meeting avoided.
    ("de", T.HANDOFF_OR_DELAY, "Für die Rechnung bin ich selbst zuständig, das bleibt so."),
    ("es", T.ALTERNATIVE_SHOPPING, "Ya nos han pasado el contrato firmado, gracias."),
    (
        "es",
        T.WEASEL_WORDS,
        "Lo dejamos aquí por hoy y mañana a las 9 seguimos con el presupuesto.",
    ),
    ("es", T.HANDOFF_OR_DELAY, "Eso lo vemos más adelante, ahora no tengo cabeza para reuniones."),
    (
        "fr",
        T.SCHEDULING_AVOIDANCE,
        "Notre nouvelle acheteuse reprendra le dossier et elle prendra contact avec vous en "
        "temps utile.",
    ),
]


@pytest.mark.parametrize(("language", "absent", "text"), NEGATIVES)
def test_when_near_miss_then_the_signal_does_not_fire(
    language: str, absent: SignalType, text: str
) -> None:
    assert absent not in fired(language, text)


ORDINARY: list[tuple[str, str]] = [
    ("de", "Vielen Dank für Ihre Anfrage, anbei finden Sie unser Angebot für die Wartung 2025."),
    ("de", "Derzeit arbeiten wir an der Umstellung auf das neue ERP-System, Go-live ist im März."),
    ("de", "Können wir den Termin am Donnerstag auf 14 Uhr verschieben?"),
    (
        "de",
        "Unsere Geschäftsführung hat dem Angebot zugestimmt, bitte schicken Sie uns den Vertrag.",
    ),
    ("de", "Der Wettbewerb im Markt ist hart, deshalb freuen wir uns über Ihr Vertrauen."),
    (
        "de",
        "Gerne können wir uns nach den Sommerferien zu einem Jahresgespräch treffen, ich "
        "schlage den 2. September um 10 Uhr vor.",
    ),
    ("fr", "Par ailleurs, je vous confirme notre présence au salon de Lyon."),
    ("fr", "D'ailleurs, le devis inclut la livraison et l'installation."),
    ("fr", "La garantie est plafonnée à concurrence de 50 000 € par sinistre."),
    ("fr", "La clause de non-concurrence figure à l'article 12."),
    ("fr", "Actuellement, nous finalisons la migration vers le nouvel outil, tout se passe bien."),
    ("fr", "Pourriez-vous me confirmer vos disponibilités pour un appel jeudi à 15h ?"),
    ("es", "Le adjunto la propuesta comercial para el próximo año."),
    ("es", "Esta decisión es competencia del departamento de compras, le paso el contacto."),
    ("es", "Actualmente estamos migrando al nuevo sistema, todo avanza según lo previsto."),
    ("es", "Quedo atento a sus comentarios."),
    ("es", "Mirá, te paso el presupuesto y lo vemos el lunes a las 11."),
]


# Routine messages with words the detectors watch (warten, übernimmt, il nous faut, lo vemos).
ORDINARY += [
    ("de", "Bei uns ist es üblich, die Rechnung per E-Mail zu schicken."),
    ("de", "Es war eine hektische Woche, aber die Lieferung ist pünktlich raus."),
    (
        "de",
        "Herr Krause übernimmt ab Montag die Betreuung Ihres Kontos und stellt sich am Dienstag um 10 Uhr kurz telefonisch vor.",
    ),
    ("de", "Wir warten noch auf die Lieferung der Ersatzteile, dann geht es weiter."),
    ("de", "Ich habe Ihre Nachricht erhalten und melde mich morgen mit den Zahlen."),
    ("de", "Vielen Dank, das Angebot haben wir erhalten und intern weitergeleitet."),
    ("de", "Die Preise verstehen sich zzgl. MwSt., Zahlung innerhalb von 14 Tagen."),
    ("de", "Frau Lang hat uns mitgeteilt, dass die Ware am Donnerstag ankommt."),
    ("de", "Können Sie mir bitte noch die Stückliste schicken?"),
    ("de", "Wir freuen uns auf die weitere Zusammenarbeit."),
    ("de", "Der Termin am Mittwoch passt uns gut, bis dann."),
    ("de", "Das Budget ist freigegeben, wir können starten."),
    (
        "fr",
        "Nous avons bien reçu votre devis et le transmettons à notre service achats pour traitement.",
    ),
    ("fr", "Il nous faut maintenant votre RIB pour finaliser le paiement."),
    ("fr", "Au lieu du 12, la livraison aura lieu le 14 comme prévu dans l'avenant."),
    ("fr", "Je vous propose un point téléphonique mardi à 10h pour en reparler."),
    ("fr", "La réunion s'est bien passée, merci encore."),
    ("fr", "Nous attendons la livraison pour lancer la facturation."),
    ("fr", "Ci-joint le bon de commande signé."),
    ("fr", "Je reviens vers vous dès réception des pièces, d'ici jeudi."),
    ("fr", "Comme convenu, voici le planning révisé."),
    ("fr", "Bonne journée et à bientôt."),
    ("es", "Lo vemos el jueves a las 10 en su oficina."),
    ("es", "Esta semana tenemos la feria, pero el lunes a las 9 puedo llamarle."),
    ("es", "Nos acaban de confirmar la entrega para el martes."),
    ("es", "Le adjunto la factura del mes de octubre."),
    ("es", "Quedamos a la espera de la orden de compra."),
    ("es", "No vamos a cobrar el envío en este pedido."),
    ("es", "Mi compañero de logística le escribirá con el número de seguimiento."),
    ("es", "Muchas gracias por la reunión de ayer, fue muy productiva."),
    ("es", "Por favor, confírmenos la cantidad de cajas."),
    ("es", "Saludos cordiales y buen fin de semana."),
]


@pytest.mark.parametrize(("language", "text"), ORDINARY)
def test_when_ordinary_business_email_then_no_signal_fires(language: str, text: str) -> None:
    assert fired(language, text) == set()


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Einverstanden, schicken Sie mir bitte den Vertrag."),
        ("de", "Perfekt, dann haben wir eine Einigung."),
        ("de", "Abgemacht!"),
        ("fr", "Marché conclu, envoyez-nous le contrat."),
        ("fr", "Nous sommes d'accord sur ces conditions."),
        ("fr", "Vendu !"),
        ("es", "Trato hecho, mándame el contrato."),
        ("es", "Estamos de acuerdo con su propuesta."),
        ("es", "Dale, trato hecho."),
    ],
)
def test_when_deal_is_accepted_then_resolution_group_matches(language: str, text: str) -> None:
    assert load_lexicon(language).phrase("resolution").search(text)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Einverstanden, aber nur wenn die Laufzeit auf zwei Jahre sinkt."),
        ("de", "Damit sind wir nicht einverstanden."),
        ("de", "Der Deal ist geplatzt."),
        ("de", "Wir haben bereits bei der Konkurrenz gekauft."),
        ("fr", "D'accord, mais j'ai besoin de comprendre vos priorités."),
        ("fr", "Nous ne sommes pas d'accord avec cette hausse."),
        ("fr", "Pas de deal pour nous."),
        ("fr", "Il a signé chez un concurrent."),
        ("es", "No estamos de acuerdo con la subida."),
        ("es", "De acuerdo, pero necesitamos otra fecha."),
        ("es", "Vale."),
        ("es", "Ya firmamos con la competencia."),
    ],
)
def test_when_agreement_is_negated_or_only_acknowledged_then_resolution_does_not_match(
    language: str, text: str
) -> None:
    assert not load_lexicon(language).phrase("resolution").search(text)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Klingt gut, so machen wir es."),
        ("de", "Das passt für uns."),
        ("fr", "Ça me va."),
        ("fr", "D'accord."),
        ("es", "Me parece bien."),
        ("es", "Vale."),
    ],
)
def test_when_weak_assent_then_assent_group_matches(language: str, text: str) -> None:
    assert load_lexicon(language).phrase("assent").search(text)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Das passt uns leider gar nicht."),
        ("es", "No me parece bien."),
    ],
)
def test_when_assent_is_negated_then_assent_group_does_not_match(language: str, text: str) -> None:
    assert not load_lexicon(language).phrase("assent").search(text)


@pytest.mark.parametrize(
    ("language", "text", "conditional"),
    [
        ("de", "Wenn Sie auf 6 % gehen, sind wir einverstanden.", True),
        ("de", "Sollten Sie die Laufzeit verlängern, passt das für uns.", True),
        ("de", "Einverstanden, schicken Sie mir den Vertrag.", False),
        ("fr", "Si vous passez à 6 %, nous sommes d'accord.", True),
        ("fr", "À condition que la livraison soit incluse, ça nous va.", True),
        ("fr", "Nous sommes d'accord, envoyez le contrat.", False),
        ("es", "Si bajan al 6 %, estamos de acuerdo.", True),
        ("es", "Siempre y cuando incluyan el envío, trato hecho.", True),
        ("es", "Trato hecho, mándame el contrato.", False),
    ],
)
def test_when_acceptance_is_conditional_then_conditional_group_says_so(
    language: str, text: str, conditional: bool
) -> None:
    assert bool(load_lexicon(language).phrase("conditional").search(text)) is conditional


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Unter 2,40 € können wir nicht gehen, aber bei 10 % mehr Volumen wäre 2,30 € drin."),
        (
            "fr",
            "Nous ne descendrons pas en dessous de 1,90 €, mais avec un engagement sur deux ans "
            "nous pourrions faire 1,85 €.",
        ),
        (
            "es",
            "No podemos bajar más de 4,10 euros, pero si nos aseguran 20 toneladas podríamos "
            "dejarlo en 4,00.",
        ),
    ],
)
def test_when_floor_comes_with_a_counter_proposal_then_it_is_not_an_ultimatum(
    language: str, text: str
) -> None:
    assert T.ULTIMATUM not in fired(language, text)
    assert load_lexicon(language).phrase("counter_offer").search(text)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Unter 2,40 € können wir nicht gehen."),
        ("fr", "Nous ne descendrons pas en dessous de 1,90 €."),
        ("es", "No vamos a bajar más de 4,10 euros."),
    ],
)
def test_when_floor_stands_alone_then_it_is_an_ultimatum(language: str, text: str) -> None:
    assert T.ULTIMATUM in fired(language, text)
    assert not load_lexicon(language).phrase("counter_offer").search(text)


# --------------------------------------------------------------------------- follow-ups


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "de",
            "Hallo Herr Krüger, ich wollte kurz nachhaken, ob Sie unser Angebot schon prüfen konnten.",
        ),
        ("de", "Ich bringe meine Anfrage vom 3. März noch einmal in Erinnerung."),
        ("de", "Hast du schon Zeit gehabt, drüberzuschauen?"),
        ("fr", "Bonjour Madame Roux, je me permets de vous relancer concernant notre proposition."),
        ("fr", "Je n'ai pas eu de retour de votre part suite à mon dernier courriel."),
        ("fr", "As-tu pu regarder le devis ?"),
        ("es", "Estimado Sr. Gómez, le escribo de nuevo para dar seguimiento a nuestra propuesta."),
        ("es", "¿Pudiste revisar la cotización que te mandé?"),
        ("es", "Sigo a la espera de sus comentarios."),
    ],
)
def test_when_we_chase_then_follow_up_group_matches(language: str, text: str) -> None:
    assert load_lexicon(language).phrase("follow_up").search(text)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Gibt’s schon was Neues?"),
        ("fr", "Je me permets de vous relancer au sujet de l’offre."),
        ("es", "¿Tuvo la oportunidad de revisar la propuesta?"),
    ],
)
def test_when_follow_up_is_typed_casually_then_follow_up_group_matches(
    language: str, text: str
) -> None:
    assert load_lexicon(language).phrase("follow_up").search(text)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Vielen Dank für das Gespräch, anbei wie besprochen unser Angebot."),
        ("fr", "Merci pour votre appel, vous trouverez ci-joint notre proposition."),
        ("es", "Gracias por la reunión, adjunto la propuesta tal como acordamos."),
    ],
)
def test_when_first_email_then_follow_up_group_does_not_match(language: str, text: str) -> None:
    assert not load_lexicon(language).phrase("follow_up").search(text)


# --------------------------------------------------------------------------- language detection


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Sehr geehrte Frau Weber, vielen Dank für Ihr Angebot. Leider können wir die "
            "Erhöhung um 9 % derzeit nicht mittragen. Wäre ein Call am Dienstag möglich? "
            "Mit freundlichen Grüßen, Jonas Keller",
            "de",
        ),
        (
            "Grüezi Herr Meier, besten Dank für die Offerte. Wir müssen das noch intern "
            "besprechen und melden uns nächste Woche. Freundliche Grüsse",
            "de",
        ),
        (
            "Bonjour Madame Durand, merci pour votre proposition. En l'état, nous ne pouvons "
            "pas aller au-delà de 5 %. Je reste disponible pour en discuter. Cordialement",
            "fr",
        ),
        (
            "Allo Marc, merci pour ton courriel. On n'est pas rendus là pour le contrat, "
            "mais on peut jaser du prix cette semaine si ça te va.",
            "fr",
        ),
        (
            "Estimado Sr. Ruiz, gracias por su propuesta. Por ahora no podemos mejorar la "
            "tarifa, pero quedo atento a sus comentarios. Saludos cordiales",
            "es",
        ),
        (
            "Hola Martín, mirá, lo hablé con el directorio y por ahora no podemos subir el "
            "precio. Cualquier cosa me avisás. Abrazo",
            "es",
        ),
        (
            "Hi Dana, thanks for the proposal. We can't go above 5% at this point, but "
            "I'm happy to set up a call next week to discuss the rollout. Best, Sam",
            "en",
        ),
        ("Deal. Send me the contract and we'll sign by Friday.", "en"),
    ],
)
def test_when_business_email_then_its_language_is_detected(text: str, language: str) -> None:
    assert detect_text_language(text) == language


# --------------------------------------------------------------------------- whole threads

Message = tuple[str, str, str]


def thread(messages: list[Message]) -> Conversation:
    """An email conversation of (speaker, ISO timestamp, text) messages, oldest first."""
    source = ""
    drafts: list[TurnDraft] = []
    for speaker, stamp, text in messages:
        start = len(source)
        source += text + "\n\n"
        drafts.append(
            TurnDraft(
                speaker=speaker, spans=line_spans(source, start, start + len(text)), timestamp=stamp
            )
        )
    return build_conversation(InputFormat.EMAIL_TEXT, source, drafts)


def analyse(messages: list[Message], us: str, them: str) -> Analysis:
    """The offline analysis of a thread, our side and theirs named."""
    options = AnalyzeOptions(me=[us], them=[them], engine=EngineChoice.OFFLINE, drafts=False)
    return analyze_offline(thread(messages), options)


# (name, our side, their side, messages, stage, end type)
THREADS: list[tuple[str, str, str, list[Message], Stage, EndType | None]] = [
    (
        "de_soft_end_hedged_refusal",
        "Katrin Vogel",
        "Henrik Brandt",
        [
            (
                "Katrin Vogel",
                "2025-03-03T09:00:00",
                "Hallo Herr Brandt,\nwie besprochen bieten wir Ihnen die Verlängerung für "
                "3 Jahre zu 42.000 Euro jährlich an, 12 % über dem Vorjahr.\nViele Grüße\nKatrin Vogel",
            ),
            (
                "Henrik Brandt",
                "2025-03-05T16:40:00",
                "Hallo Frau Vogel,\nmehr als 6 % können wir derzeit leider nicht mittragen. Alles "
                "darüber liegt nicht in meiner Entscheidungsbefugnis.\nFreundliche Grüße\nHenrik Brandt",
            ),
        ],
        Stage.END,
        EndType.SOFT,
    ),
    (
        "de_firm_end_ultimatum",
        "Anna Kowalski",
        "Jörg Lehmann",
        [
            (
                "Anna Kowalski",
                "2025-05-20T11:30:00",
                "Sehr geehrter Herr Lehmann,\nanbei der Entwurf mit 22 % Provision und 45 Tagen Zahlungsziel.",
            ),
            (
                "Jörg Lehmann",
                "2025-05-22T18:07:00",
                "Sehr geehrte Frau Kowalski,\nentweder der Vertrag enthält die Exklusivität für "
                "die DACH-Region über fünf Jahre, oder wir unterschreiben nicht. Das ist unser "
                "letztes Wort.\nMit freundlichen Grüßen\nJörg Lehmann",
            ),
        ],
        Stage.END,
        EndType.FIRM,
    ),
    (
        "de_not_an_impasse_check_with_legal_and_a_date",
        "Lena Fuchs",
        "Peter Wagner",
        [
            (
                "Lena Fuchs",
                "2025-02-10T10:00:00",
                "Hallo Herr Wagner,\nanbei unser Angebot über 18.500 Euro für die Wartung 2025.",
            ),
            (
                "Peter Wagner",
                "2025-02-11T08:15:00",
                "Hallo Frau Fuchs,\ndanke! Ich muss das noch mit unserem Rechtsdienst abstimmen, "
                "ich melde mich bis Freitag.\nGruß\nPeter Wagner",
            ),
        ],
        Stage.NONE,
        None,
    ),
    (
        "de_final_offer_later_accepted_compromise",
        "Melanie Fischer",
        "Florian Dietrich",
        [
            (
                "Florian Dietrich",
                "2025-03-07T15:02:00",
                "Hallo Frau Fischer,\ndie 9 % sind unser letztes Angebot.",
            ),
            (
                "Melanie Fischer",
                "2025-03-11T08:40:00",
                "Hallo Herr Dietrich,\n9 % sind für uns nicht tragbar, wir liegen bei 5 %.",
            ),
            (
                "Florian Dietrich",
                "2025-03-14T11:26:00",
                "Hallo Frau Fischer,\nwir können auf 6,5 % gehen, wenn Sie die Preisbindung bis 2027 akzeptieren.",
            ),
            (
                "Melanie Fischer",
                "2025-03-14T13:00:00",
                "Hallo Herr Dietrich,\nperfekt, dann haben wir eine Einigung. Ich schicke Ihnen den Nachtrag zur Unterschrift.",
            ),
        ],
        Stage.NONE,
        None,
    ),
    (
        "fr_soft_end_en_l_etat",
        "Julie Morel",
        "Thomas Girard",
        [
            (
                "Julie Morel",
                "2025-01-13T09:00:00",
                "Bonjour Monsieur Girard,\nnotre proposition : 3 ans à 28 000 € HT par an.",
            ),
            (
                "Thomas Girard",
                "2025-01-15T17:20:00",
                "Bonjour Madame Morel,\nen l'état, nous ne pouvons pas aller au-delà de 24 000 €. "
                "Cela dépasse mon mandat et je n'ai pas la main sur le budget.\nCordialement\nThomas Girard",
            ),
        ],
        Stage.END,
        EndType.SOFT,
    ),
    (
        "fr_firm_end_take_it_or_leave_it",
        "Sophie Lambert",
        "Marc Dubois",
        [
            (
                "Sophie Lambert",
                "2024-11-28T10:00:00",
                "Bonjour,\nnous proposons 1,85 € du kilomètre sur l'ensemble des lignes.",
            ),
            (
                "Marc Dubois",
                "2024-11-29T09:10:00",
                "Bonjour,\n2,10 € du kilomètre, c'est à prendre ou à laisser. Sans accord signé au "
                "plus tard le 15 décembre, nous cesserons les enlèvements.\nMarc Dubois",
            ),
        ],
        Stage.END,
        EndType.FIRM,
    ),
    (
        "fr_negated_final_is_not_an_impasse",
        "Claire Petit",
        "Hugo Bernard",
        [
            (
                "Claire Petit",
                "2025-04-01T09:00:00",
                "Bonjour,\nquelle marge avez-vous sur le loyer de 4 200 € ?",
            ),
            (
                "Hugo Bernard",
                "2025-04-02T10:30:00",
                "Bonjour,\nce n'est pas notre dernière offre, nous pouvons en discuter jeudi à 10h "
                "si cela vous convient.\nBien à vous",
            ),
        ],
        Stage.NONE,
        None,
    ),
    (
        "es_soft_end_no_depende_de_mi",
        "Valeria Sosa",
        "Martín Castro",
        [
            (
                "Valeria Sosa",
                "2025-06-02T09:00:00",
                "Hola Martín,\nte propongo un sueldo de 5,2 millones con ajuste trimestral.",
            ),
            (
                "Martín Castro",
                "2025-06-03T18:00:00",
                "Hola Valeria,\nmirá, por ahora no podemos superar los 4,5. Eso no depende de mí, lo "
                "tendría que consultar con dirección.\nAbrazo",
            ),
        ],
        Stage.END,
        EndType.SOFT,
    ),
    (
        "es_firm_end_ultima_oferta",
        "Laura Méndez",
        "Jorge Ortega",
        [
            (
                "Laura Méndez",
                "2025-02-03T10:00:00",
                "Estimado Sr. Ortega:\nle proponemos 11,20 euros por caja, pago a 60 días.",
            ),
            (
                "Jorge Ortega",
                "2025-02-04T12:00:00",
                "Estimada Sra. Méndez:\nes nuestra última oferta: 12,40 euros por caja. Si no "
                "firman antes del viernes, nos vamos con otro proveedor.\nSaludos",
            ),
        ],
        Stage.END,
        EndType.FIRM,
    ),
    (
        "es_question_about_final_offer_is_not_an_impasse",
        "Jorge Ortega",
        "Laura Méndez",
        [
            (
                "Jorge Ortega",
                "2025-02-04T12:00:00",
                "Estimada Sra. Méndez:\nle podemos dejar la caja en 12,40 euros.",
            ),
            (
                "Laura Méndez",
                "2025-02-05T09:00:00",
                "Estimado Sr. Ortega:\n¿es su última oferta? Si llegamos a 12 euros cerramos hoy mismo.",
            ),
        ],
        Stage.NONE,
        None,
    ),
]


# Hard bargaining that keeps moving: a floor offered with a conditional counter-proposal.
THREADS += [
    (
        "de_counter_offer_keeps_moving",
        "Sandra Koch",
        "Bernd Hofer",
        [
            (
                "Sandra Koch",
                "2025-09-01T09:00:00",
                "Hallo Herr Hofer,\nwir liegen bei 2,20 € pro Palettenplatz.",
            ),
            (
                "Bernd Hofer",
                "2025-09-02T10:00:00",
                "Hallo Frau Koch,\nunter 2,40 € können wir nicht gehen, aber bei 10 % mehr "
                "Volumen wäre 2,30 € drin.\nBeste Grüße\nBernd Hofer",
            ),
        ],
        Stage.NONE,
        None,
    ),
    (
        "fr_counter_offer_keeps_moving",
        "Nadia Benali",
        "Olivier Masson",
        [
            ("Nadia Benali", "2025-09-01T09:00:00", "Bonjour,\nnous visons 1,75 € la palette."),
            (
                "Olivier Masson",
                "2025-09-02T10:00:00",
                "Bonjour,\nnous ne descendrons pas en dessous de 1,90 €, mais avec un engagement "
                "sur deux ans nous pourrions faire 1,85 €.\nCordialement",
            ),
        ],
        Stage.NONE,
        None,
    ),
    (
        "es_counter_offer_keeps_moving",
        "Carmen Vidal",
        "Andrés Molina",
        [
            (
                "Carmen Vidal",
                "2025-09-01T09:00:00",
                "Hola Andrés,\nnosotros estamos en 3,90 euros el litro.",
            ),
            (
                "Andrés Molina",
                "2025-09-02T10:00:00",
                "Hola Carmen,\nno podemos bajar más de 4,10 euros, pero si nos aseguran 20 "
                "toneladas podríamos dejarlo en 4,00.\nUn saludo",
            ),
        ],
        Stage.NONE,
        None,
    ),
]


@pytest.mark.parametrize(
    ("name", "us", "them", "messages", "stage", "end_type"),
    THREADS,
    ids=[t[0] for t in THREADS],
)
def test_when_thread_analysed_then_stage_and_end_type_follow_the_wording(
    name: str,
    us: str,
    them: str,
    messages: list[Message],
    stage: Stage,
    end_type: EndType | None,
) -> None:
    analysis = analyse(messages, us=us, them=them)
    assert analysis.language == name[:2]
    assert analysis.stage is stage, [s.quote for s in analysis.signals]
    assert analysis.end_type is end_type


@pytest.mark.parametrize(
    ("language", "messages"),
    [
        (
            "de",
            [
                (
                    "Tobias Krämer",
                    "2025-04-01T09:00:00",
                    "Hallo Herr Albrecht,\nanbei unser Angebot für die Frachtlinie Hamburg–Wien.",
                ),
                (
                    "Tobias Krämer",
                    "2025-04-08T09:00:00",
                    "Hallo Herr Albrecht,\nich wollte kurz nachhaken, ob Sie das Angebot schon prüfen konnten.",
                ),
                (
                    "Tobias Krämer",
                    "2025-04-16T09:00:00",
                    "Hallo Herr Albrecht,\nich bringe meine Anfrage noch einmal in Erinnerung. Passt Ihnen ein kurzer Call?",
                ),
            ],
        ),
        (
            "fr",
            [
                (
                    "Julie Morel",
                    "2025-04-01T09:00:00",
                    "Bonjour Monsieur Girard,\nvous trouverez ci-joint notre proposition pour le bail.",
                ),
                (
                    "Julie Morel",
                    "2025-04-09T09:00:00",
                    "Bonjour Monsieur Girard,\nje me permets de vous relancer concernant notre proposition.",
                ),
                (
                    "Julie Morel",
                    "2025-04-17T09:00:00",
                    "Bonjour Monsieur Girard,\nsans nouvelles de votre part, je reviens vers vous une dernière fois.",
                ),
            ],
        ),
        (
            "es",
            [
                (
                    "Laura Méndez",
                    "2025-04-01T09:00:00",
                    "Estimado Sr. Ortega:\nle adjunto nuestra propuesta para el contrato de distribución.",
                ),
                (
                    "Laura Méndez",
                    "2025-04-09T09:00:00",
                    "Estimado Sr. Ortega:\nle escribo de nuevo para dar seguimiento a nuestra propuesta.",
                ),
                (
                    "Laura Méndez",
                    "2025-04-17T09:00:00",
                    "Estimado Sr. Ortega:\nno he recibido respuesta; ¿sigue interesado en la distribución?",
                ),
            ],
        ),
    ],
)
def test_when_our_follow_ups_go_unanswered_then_no_response_quotes_the_latest(
    language: str, messages: list[Message]
) -> None:
    them = {"de": "Herr Albrecht", "fr": "Monsieur Girard", "es": "Sr. Ortega"}[language]
    analysis = analyse(messages, us=messages[0][0], them=them)
    assert analysis.language == language
    assert analysis.stage is Stage.BEGINNING
    silent = [s for s in analysis.signals if s.type is T.NO_RESPONSE]
    assert len(silent) == 1
    assert silent[0].turn == 2
    assert silent[0].quote in messages[2][2]


# Everyday, regional wordings from a second batch of conversations (none of them stock).
EVERYDAY = [
    ("de", T.WALKOUT, "Die Rahmenvereinbarung legen wir bis zum Herbst auf Eis."),
    ("de", T.WALKOUT, "Für heute machen wir besser einen Punkt."),
    ("de", T.ULTIMATUM, "Neuer Preis ab April, oder wir liefern ab Mai nicht mehr."),
    ("de", T.PRECEDENT_OR_POLICY, "Einen Dienstwagen gibt's bei uns in der Stufe schlicht nicht."),
    ("de", T.TOPIC_AVOIDANCE, "Zu den Garantiefällen sag ich jetzt nichts mehr."),
    ("de", T.HANDOFF_OR_DELAY, "Ab Juni übernimmt dann ein neuer Kollege die Einkaufsthemen."),
    ("fr", T.AUTHORITY_LIMIT, "Au-delà de 10 000 euros, ce n'est pas moi qui signe."),
    ("fr", T.WALKOUT, "On met donc les discussions entre parenthèses jusqu'à la rentrée."),
    ("fr", T.ULTIMATUM, "Nous ne signerons rien en dessous de 4 % d'augmentation."),
    ("es", T.AUTHORITY_LIMIT, "Yo sola no te puedo firmar nada, eso lo decide mi socio."),
    ("es", T.WALKOUT, "Si no les sirve, búsquense otra imprenta."),
    ("es", T.TOPIC_AVOIDANCE, "Lo del aguinaldo lo dejamos para después, no lo quiero mezclar."),
    (
        "es",
        T.EXPECTATION_SHIFT,
        "El dueño ahora pide dos meses de depósito, ya no el que habíamos platicado.",
    ),
]


@pytest.mark.parametrize(("language", "expected", "sentence"), EVERYDAY)
def test_when_an_everyday_wording_is_said_then_its_signal_fires(
    language: str, expected: SignalType, sentence: str
) -> None:
    assert expected in fired(language, sentence)


def test_when_a_mexican_tag_question_closes_a_walkout_then_it_still_counts() -> None:
    # ", va?" asks for a nod, like ", right?": the sentence states a position.
    assert T.WALKOUT in fired("es", "Por ahorita mejor lo dejamos ahí hasta que él regrese, va?")
