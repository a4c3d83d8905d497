"""Names that are no person's: the role, team and company words of a shared mailbox's
display name ("Brisa Ops", "Comptabilité fournisseurs", "Brightline Components GmbH")
and of its address ("store114@", "info@", "recepcion.tienda7@")."""

from __future__ import annotations

import re
import unicodedata

# Letters whose accent is no combining mark, so decomposing them leaves them as they are:
# "Yıldız" and "Yildiz", "Łukasz" and "Lukasz", "Søren" and "Soren" are one spelling.
_UNDECOMPOSED = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ŀ": "l"})


def fold(word: str) -> str:
    """Lower case without accents: "María" -> "maria", "Weiß" -> "weiss", "Yıldız" ->
    "yildiz"."""
    lowered = word.lower().replace("ß", "ss").translate(_UNDECOMPOSED)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


ROLE_WORDS = frozenset(
    {
        "team",
        "desk",
        "sales",
        "support",
        "service",
        "services",
        "office",
        "info",
        "accounts",
        "procurement",
        "purchasing",
        "group",
        "department",
        "admin",
        "help",
        "billing",
        "orders",
        "mailbox",
        "operations",
        "finance",
        "legal",
        "customer",
        "management",
        "board",
        "committee",
        "ops",
        "facilities",
        "scheduling",
        "dispatch",
        "warehouse",
        "reception",
        "accounting",
        "payables",
        "receivables",
        "payroll",
        "payable",
        "reservations",
        "bookings",
        "treasury",
        "helpdesk",
        "nominations",
        "logistik",
        "kunden",
        "cliente",
        "clientes",
        "hr",
        "noreply",
        "no-reply",
        # The same mailboxes in German, French and Spanish.
        "buchhaltung",
        "einkauf",
        "vertrieb",
        "verwaltung",
        "kundenservice",
        "comptabilité",
        "compta",
        "fournisseurs",
        "achats",
        "ventes",
        "facturation",
        "contabilidad",
        "compras",
        "ventas",
        "facturación",
        "administración",
        # Company words: "Kind regards,\nBrightline Components GmbH" is not a person.
        "inc",
        "ltd",
        "llc",
        "gmbh",
        "corp",
        "co",
        "plc",
        "ag",
        "sa",
        "bv",
        "company",
        "solutions",
        "systems",
        "consulting",
        "partners",
        "international",
        "logistics",
        "components",
        "industries",
        "holdings",
        "enterprises",
        "technologies",
        "associates",
        "staff",
        "foundation",
        "trust",
        "charity",
        "institute",
        "university",
        "bank",
        "council",
        "association",
        "society",
        "everyone",
        "all",
        # Roles a contact or a display name is saved under ("Ops Duty Manager", "Club
        # Secretary", "Kassier", "Tesorera", "Secrétariat").
        "manager",
        "duty",
        "shift",
        "secretary",
        "treasurer",
        "coordinator",
        "supervisor",
        "dispatcher",
        "kassier",
        "kassierer",
        "kassiererin",
        "kassenwart",
        "sekretariat",
        "schriftfuhrer",
        "tresorier",
        "tresoriere",
        "secretaire",
        "secretariat",
        "tesorero",
        "tesorera",
        "secretario",
        "secretaria",
        "encargado",
        "encargada",
    }
)
ROLE_WORDS = frozenset(map(fold, ROLE_WORDS))  # folded, as the words compared with them


# What a shared inbox's address is made of besides role words: a place and its number
# ("store114@", "filiale-12@", "tienda7@").
PLACES = frozenset(
    {
        "store", "shop", "branch", "depot", "site", "plant", "station", "clinic", "ward",
        "contact", "hello", "enquiries", "inquiries", "tienda", "sucursal", "almacen",
        "recepcion", "contacto", "magasin", "agence", "accueil", "filiale", "standort",
        "werk", "lager", "empfang", "kontakt", "zentrale", "buro", "bureau", "oficina",
    }
)  # fmt: skip
# Words a shared inbox's name may hold but a person's address may too: company forms and
# names ("ag@gruber-kanzlei.de" is Anna Gruber's initials), and surnames ("ward@",
# "branch@", "plant@").
_NOT_IN_ADDRESSES = frozenset(
    {
        "inc", "ltd", "llc", "gmbh", "corp", "co", "plc", "ag", "sa", "bv", "company",
        "solutions", "systems", "consulting", "partners", "international", "components",
        "industries", "holdings", "enterprises", "technologies", "associates", "foundation",
        "trust", "charity", "institute", "university", "bank", "council", "association",
        "society", "ward", "branch", "plant",
    }
)  # fmt: skip
# A shared inbox's address is made of role and place words of three letters or more.
_ADDRESS_WORDS = frozenset(
    w for w in ROLE_WORDS | PLACES if len(w) >= 3 and w not in _NOT_IN_ADDRESSES
)
_LOCAL_WORDS = re.compile(r"[^\W\d_]+")


def is_mailbox_address(address: str) -> bool:
    """Whether an address is a shared inbox's, not a person's: its local part is role or
    place words and numbers ("store114@", "info@", "recepcion.tienda7@")."""
    local = address.strip().strip("<>").split("@", 1)[0].lower()
    words = _LOCAL_WORDS.findall(local)
    return bool(words) and all(fold(w) in _ADDRESS_WORDS for w in words)


def is_personal(name: str) -> bool:
    """Whether a display name names a person, not a team or a shared mailbox ("Brisa
    Ops", "Store 114", "Agence 12")."""
    words = {fold(w).strip(".,") for w in name.split()}
    if not words or words & ROLE_WORDS:
        return False
    places = words & PLACES
    return not places or not (places == words or any(c.isdigit() for c in name))


def normalise_address(address: str | None) -> str | None:
    """Lower case, spaces removed: `< Dana. Davis@ENRON.com >` -> `dana.davis@enron.com`."""
    if not address:
        return None
    cleaned = "".join(address.split()).strip("<>[]()\"'.,;:").lower()
    return cleaned if "@" in cleaned else None
