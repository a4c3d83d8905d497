"""Multi-language tables of the words mail clients write around quoted history.

Data, not logic: each table lists what a mail client writes in one language, so adding a
language is adding a row. The tables are compiled once, at import, into the lookups
`headers.py`, `attribution.py`, `signatures.py` and `dates.py` use. Every pattern built from them is
anchored and has no nested repetition, so matching stays linear in the line length.
"""

from __future__ import annotations

import re
from typing import Final

# How a reply attribution line ends ("On <date>, <name> wrote:"), per language. Compared
# with all whitespace removed and in lower case, so "a écrit :" matches "aécrit:".
WROTE_SUFFIXES: Final[dict[str, tuple[str, ...]]] = {
    "en": ("wrote:", "wrote", "writes:"),
    "de": ("schrieb:", "geschrieben:"),
    "fr": ("écrit:", "ecrit:"),
    "es": ("escribió:", "escribio:", "escrit:"),  # "ha escrit" is Catalan, sent by Gmail es
    "nl": ("schreef:", "geschreven:"),
    "it": ("scritto:",),
    "pt": ("escreveu:",),
    "pl": ("napisał:", "napisał(a):", "napisała:", "pisze:"),
    "da_no_sv": ("skrev:", "skrev"),
    "zh": ("写道:", "寫道:"),
    "ja": ("のメッセージ:", "書きました:"),
    "ko": ("작성:",),
    "uk_ru": ("написав:", "написал:", "написала:", "пише:"),
    "hu": ("írta:",),
    "fi": ("kirjoitti:",),
    "tr": ("yazdı:",),
}

# Words an attribution line starts with ("On", "Am", "Le", ...), lower case.
ATTRIBUTION_PREFIXES: Final[tuple[str, ...]] = (
    "on",  # en
    "am",  # de
    "le",  # fr
    "el",  # es
    "op",  # nl
    "il",  # it
    "em",  # pt
    "no",  # pt ("No dia ...")
    "w dniu",  # pl
    "dnia",  # pl
    "den",  # da/no
    "på",  # sv
    "в",  # ru
    "在",  # zh
    "in a message dated",  # AOL: "In a message dated 10/12/00 4:05:33 PM ..., x@y writes:"
)

# Header field names of a quoted message block (Outlook desktop/web/iOS, Apple Mail,
# forwarded blocks, RFC 822 headers pasted as text), lower case, by role.
FIELD_NAMES: Final[dict[str, tuple[str, ...]]] = {
    "from": (
        "from",
        "von",
        "de",
        "van",
        "da",
        "od",
        "fra",
        "från",
        "от",
        "发件人",
        "寄件者",
        "差出人",
        "보낸 사람",
        "lähettäjä",
        "feladó",
        "kimden",
        "remetente",
        "mittente",
        "expéditeur",
        "afzender",
        "absender",
    ),
    "sent": (
        "sent",
        "date",
        "gesendet",
        "datum",
        "envoyé",
        "envoyé le",
        "date de l'envoi",
        "enviado",
        "enviado el",
        "fecha",
        "verzonden",
        "verstuurd",
        "inviato",
        "data",
        "wysłano",
        "sendt",
        "skickat",
        "отправлено",
        "дата",
        "发送时间",
        "日期",
        "時間",
        "送信日時",
        "보낸 날짜",
        "message du",
        "sent on",
    ),
    "to": (
        "to",
        "an",
        "à",
        "a",
        "para",
        "aan",
        "do",
        "til",
        "till",
        "кому",
        "收件人",
        "宛先",
        "받는 사람",
        "vastaanottaja",
        "címzett",
        "kime",
        "destinatario",
    ),
    "cc": ("cc", "kopie", "copie à", "cc:", "kopia", "копия", "抄送", "참조", "bcc"),
    "subject": (
        "subject",
        "betreff",
        "objet",
        "sujet",
        "asunto",
        "onderwerp",
        "oggetto",
        "assunto",
        "temat",
        "emne",
        "ämne",
        "тема",
        "主题",
        "主旨",
        "件名",
        "제목",
        "aihe",
        "tárgy",
        "konu",
    ),
    # Corpus exports keep the display names the mail system knew in X- headers.
    "alias": ("x-from",),
    "recipient_alias": ("x-to",),
    # Lotus Notes: the assistant who sent it; the message is still the From's.
    "sent_by": ("sent by",),
    "other": (
        "mailed-by",  # Gmail's "show details"
        "signed-by",
        "security",
        "reply-to",
        "importance",
        "priority",
        "attachments",
        "anhänge",
        "pièces jointes",
        "message-id",
        "mime-version",
        "content-type",
        "content-transfer-encoding",
        "x-cc",
        "x-bcc",
        "x-folder",
        "x-origin",
        "x-filename",
    ),
}

# Lines that open a quoted or forwarded message on their own (with or without a
# header block after them). Compared in lower case with dashes, underscores, asterisks
# and spaces trimmed from both ends.
SEPARATOR_LINES: Final[tuple[str, ...]] = (
    "original message",
    "forwarded message",
    "begin forwarded message:",
    "ursprüngliche nachricht",
    "weitergeleitete nachricht",
    "anfang der weitergeleiteten nachricht:",
    "message d'origine",
    "message transféré",
    "début du message réexpédié :",
    "début du message transféré :",
    "mensaje original",
    "mensaje reenviado",
    "inicio del mensaje reenviado:",
    "oorspronkelijk bericht",
    "doorgestuurd bericht",
    "messaggio originale",
    "messaggio inoltrato",
    "mensagem original",
    "mensagem encaminhada",
    "início da mensagem reencaminhada:",
    "wiadomość oryginalna",
    "oprindelig meddelelse",
    "opprinnelig melding",
    "ursprungligt meddelande",
    "исходное сообщение",
    "原始邮件",
    "원본 메시지",
    "reply message",
)

# Device and app signatures ("Sent from my iPhone"): a line that starts with one of
# these and is short is a signature, whatever follows it.
MOBILE_SIGNATURE_PREFIXES: Final[tuple[str, ...]] = (
    "sent from my ",
    "sent from mail for windows",
    "sent from yahoo mail",
    "sent from outlook",
    "sent from samsung",
    "sent from the all new aol app",
    "sent via ",
    "sent with ",
    "get outlook for ",
    "envoyé de mon ",
    "envoyé depuis mon ",
    "von meinem ",
    "gesendet von meinem ",
    "enviado desde mi ",
    "enviado desde ",
    "enviado do meu ",
    "enviado de meu ",
    "verstuurd vanaf mijn ",
    "verzonden vanaf mijn ",
    "inviato da ",
    "inviato dal mio ",
    "wysłano z ",
    "sendt fra min ",
    "skickat från min ",
)

# First words of legal disclaimers and confidentiality notices, lower case.
DISCLAIMER_PREFIXES: tuple[str, ...] = (
    "confidentiality notice",
    "confidential:",
    "disclaimer",
    "this email and any attachments",
    "this e-mail and any attachments",
    "this email is confidential",
    "this e-mail is confidential",
    "this message and any attachments",
    "this e-mail (including any attachments)",
    "this email (including any attachments)",
    "this message contains confidential",
    "this communication is confidential",
    "the information contained in this",
    "the information in this email",
    "if you are not the intended recipient",
    "le informazioni contenute in questo messaggio",
    "questo messaggio e i suoi allegati",
    "diese e-mail enthält vertrauliche",
    "diese nachricht enthält vertrauliche",
    "ce message et ses pièces jointes",
    "ce message et toutes les pièces jointes",
    "ce courriel et ses pièces jointes",
    "este mensaje y sus anexos",
    "este mensaje es confidencial",
    "este mensaje y sus archivos adjuntos",
    "dit e-mailbericht is uitsluitend bestemd",
    "dit bericht is vertrouwelijk",
    "esta mensagem e seus anexos",
    "esta mensagem é confidencial",
)

# More legal footers seen on corporate mail, in the four analysis languages.
DISCLAIMER_PREFIXES += (
    "this e-mail is the property of",
    "this email is the property of",
    "this message is intended only for",
    "this e-mail message is intended",
    "this email message is intended",
    "this message is for the designated recipient only",
    "privileged/confidential information",
    "privileged and confidential",
    "notice: this e-mail",
    "notice: this email",
    "important notice:",
    "legal disclaimer",
    "diese e-mail kann vertrauliche",
    "diese e-mail enthält vertrauliche",
    "diese e-mail ist vertraulich",
    "der inhalt dieser e-mail ist vertraulich",
    "diese nachricht ist vertraulich",
    "vertraulichkeitshinweis",
    "haftungsausschluss",
    "ce message est confidentiel",
    "ce courriel est confidentiel",
    "ce message (y compris",
    "ce message et les pièces jointes",
    "ce message et tous les fichiers",
    "avis de confidentialité",
    "avertissement de confidentialité",
    "este correo electrónico y, en su caso",
    "este correo electrónico es confidencial",
    "este correo electrónico y sus adjuntos",
    "este mensaje y, en su caso",
    "la información contenida en este",
    "aviso de confidencialidad",
    "aviso legal",
)

# The company particulars the law asks a firm's mail to carry (seat, register, board),
# set at the very end as a footer: boilerplate, not what the writer said.
DISCLAIMER_PREFIXES += (
    "sitz der gesellschaft",
    "registergericht:",
    "handelsregister:",
    "registered office:",
    "registered in england",
    "siège social :",
    "siège social:",
    "inscrita en el registro mercantil",
)

# The first words of "this mail came from outside" banners that mail gateways put at
# the top of a message ("[External] CAUTION: This email originated outside..."), lower
# case, with an optional bracketed tag before them.
BANNER_PREFIXES: Final[tuple[str, ...]] = (
    "caution: this email originated",
    "caution: this e-mail originated",
    "caution: external",
    "caution - external",
    "external email",
    "external e-mail",
    "external sender",
    "external:",
    "[external]",
    "*external*",
    "warning: external",
    "warning: this email originated",
    "this email originated from outside",
    "this e-mail originated from outside",
    "this message originated from outside",
    "this message was sent from outside",
    "you don't often get email from",
    "achtung: diese e-mail",
    "achtung: externe",
    "vorsicht: diese e-mail",
    "externe e-mail",
    "[extern]",
    "diese e-mail stammt von außerhalb",
    "diese nachricht stammt von außerhalb",
    "attention : ce courriel provient",
    "attention : ce message provient",
    "attention: ce courriel provient",
    "attention: ce message provient",
    "attention : courriel externe",
    "[externe]",
    "courriel externe",
    "message externe",
    "ce courriel provient de l'extérieur",
    "ce message provient de l'extérieur",
    "ce message provient d'un expéditeur externe",
    "precaución: este correo",
    "precaución: este mensaje",
    "atención: este correo",
    "[externo]",
    "correo externo",
    "este correo electrónico se originó fuera",
    "este correo se originó fuera",
    "este mensaje se originó fuera",
)

# Closing formulas that sit right above a sender's name ("Best regards,").
VALEDICTIONS: Final[tuple[str, ...]] = (
    "thanks",
    "thank you",
    "many thanks",
    "thanks again",
    "cheers",
    "best",
    "best regards",
    "kind regards",
    "warm regards",
    "regards",
    "sincerely",
    "yours sincerely",
    "all the best",
    "best wishes",
    "talk soon",
    "mit freundlichen grüßen",
    "viele grüße",
    "beste grüße",
    "freundliche grüße",
    "gruß",
    "grüße",
    "cordialement",
    "bien cordialement",
    "bien à vous",
    "salutations",
    "merci",
    "saludos",
    "saludos cordiales",
    "un saludo",
    "atentamente",
    "met vriendelijke groet",
    "met vriendelijke groeten",
    "groeten",
    "groet",
    "cordiali saluti",
    "distinti saluti",
    "saluti",
    "grazie",
    "atenciosamente",
    "cumprimentos",
    "abraços",
    "obrigado",
    "obrigada",
    "pozdrawiam",
    "med venlig hilsen",
    "med vennlig hilsen",
    "hilsen",
    "mvh",
    "bonne journée",
    "bonne soirée",
    "au plaisir",
    "gracias",
    "muchas gracias",
    "un abrazo",
    "buona giornata",
    "a presto",
    "hartelijke groet",
    "schöne grüße",
    "liebe grüße",
    "warmly",
    "with thanks",
    "love",
    "lots of love",
    "take care",
    "xoxo",
    "thx",
    "tia",
    "best,",
    "rgds",
    "kind regards,",
    "liebe grüsse",
    "grüsse",
    "bises",
    "bisous",
    "amitiés",
    "besos",
    "abrazos",
    "un beso",
)

# Month names in the quote-header languages -> month number (lower case, no dot).
MONTHS: Final[dict[str, int]] = {}
_MONTH_ROWS: Final[tuple[tuple[str, ...], ...]] = (
    # en, de, fr, es, nl, it, pt, pl (nominative + genitive), da/no, sv
    (
        "january",
        "jan",
        "januar",
        "janvier",
        "janv",
        "enero",
        "ene",
        "januari",
        "gennaio",
        "gen",
        "janeiro",
        "styczeń",
        "stycznia",
        "sty",
        "jänner",
    ),
    (
        "february",
        "feb",
        "februar",
        "février",
        "févr",
        "fevrier",
        "febrero",
        "februari",
        "febbraio",
        "fevereiro",
        "fev",
        "luty",
        "lutego",
        "lut",
    ),
    (
        "march",
        "mar",
        "märz",
        "mär",
        "maerz",
        "mars",
        "marzo",
        "maart",
        "mrt",
        "março",
        "marzec",
        "marca",
    ),
    ("april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwiecień", "kwietnia", "kwi"),
    ("may", "mai", "mayo", "mei", "maggio", "mag", "maio", "maj", "maja"),
    (
        "june",
        "jun",
        "juni",
        "juin",
        "junio",
        "giugno",
        "giu",
        "junho",
        "czerwiec",
        "czerwca",
        "cze",
    ),
    (
        "july",
        "jul",
        "juli",
        "juillet",
        "juil",
        "julio",
        "luglio",
        "lug",
        "julho",
        "lipiec",
        "lipca",
        "lip",
    ),
    ("august", "aug", "août", "aout", "agosto", "ago", "augustus", "sierpień", "sierpnia", "sie"),
    (
        "september",
        "sep",
        "sept",
        "septembre",
        "septiembre",
        "settembre",
        "set",
        "setembro",
        "wrzesień",
        "września",
        "wrz",
    ),
    (
        "october",
        "oct",
        "oktober",
        "okt",
        "octobre",
        "octubre",
        "ottobre",
        "ott",
        "outubro",
        "out",
        "październik",
        "października",
        "paź",
    ),
    ("november", "nov", "novembre", "noviembre", "novembro", "listopad", "listopada", "lis"),
    (
        "december",
        "dec",
        "dezember",
        "dez",
        "décembre",
        "déc",
        "decembre",
        "diciembre",
        "dic",
        "dicembre",
        "dezembro",
        "grudzień",
        "grudnia",
        "gru",
    ),
)
for _number, _row in enumerate(_MONTH_ROWS, start=1):
    for _name in _row:
        MONTHS[_name] = _number

# Time-zone abbreviations a quote header may carry -> offset in minutes.
TZ_ABBREVIATIONS: Final[dict[str, int]] = {
    "utc": 0,
    "gmt": 0,
    "z": 0,
    "wet": 0,
    "bst": 60,
    "cet": 60,
    "cest": 120,
    "met": 60,
    "mest": 120,
    "eet": 120,
    "eest": 180,
    "est": -300,
    "edt": -240,
    "cst": -360,
    "cdt": -300,
    "mst": -420,
    "mdt": -360,
    "pst": -480,
    "pdt": -420,
    "ist": 330,
    "jst": 540,
    "kst": 540,
    "aest": 600,
    "aedt": 660,
}


def _alternation(words: tuple[str, ...]) -> str:
    # Longest first, so "envoyé le" wins over "envoyé".
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


ALL_WROTE_SUFFIXES: Final[tuple[str, ...]] = tuple(
    sorted({s for row in WROTE_SUFFIXES.values() for s in row}, key=len, reverse=True)
)
FIELD_ROLE: Final[dict[str, str]] = {
    name: role for role, names in FIELD_NAMES.items() for name in names
}
# "*From:* value", "From : value", "De: value": optional bold markers, a known field
# name, optional spaces, a colon (ASCII or full width). Anchored, no nested repetition.
FIELD_LINE: Final[re.Pattern[str]] = re.compile(
    r"^[ \t]{0,8}\*{0,2}(" + _alternation(tuple(FIELD_ROLE)) + r")\*{0,2}[ \t]{0,3}[:：]"
    r"\*{0,2}[ \t]{0,3}(.*)$",
    re.IGNORECASE,
)
PREFIX_ALTERNATION: Final[str] = _alternation(ATTRIBUTION_PREFIXES)
PREFIX_START: Final[re.Pattern[str]] = re.compile(
    r"^(?:" + PREFIX_ALTERNATION + r")(?:\s|,|$)", re.IGNORECASE
)
SEPARATOR_SET: Final[frozenset[str]] = frozenset(SEPARATOR_LINES)
VALEDICTION_SET: Final[frozenset[str]] = frozenset(VALEDICTIONS)
