"""Flag the phrases of a lesson's visible texts that could re-identify the patient.

The context card, the captions, the chapter titles and the diagram labels all end up in the
video or beside it. Each is scanned for exact ages, dates, proper names, place names (French
cities, regions and departments, hospital names), hospital and patient identifiers, and
rare-disease wording that narrows the patient down. Export is blocked until each flag is fixed
(the text changed) or acknowledged by a person.

An acknowledgement stores a keyed hash of the field, the kind and the flagged phrase, never
the phrase itself. The key (``Lesson.fingerprint_key``) is kept only in the encrypted project,
so a fingerprint printed on an audit sheet cannot be matched against guesses such as "47 ans".

The rules are patterns and short curated lists, French and English. They catch the usual ways
of writing these details. They cannot catch everything (an unlisted village, a name written in
lower case), so the person who writes the card stays responsible for it.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from app.edit.vocabulary import CARD_TEXT_FIELDS, FLAG_KINDS
from app.errors import ExportError
from app.i18n import tr
from app.project.model import Acknowledgement, ContextCard, Lesson, utc_now

log = logging.getLogger(__name__)



@dataclass(frozen=True)
class Flag:
    """A phrase of one lesson text that may re-identify the patient.

    ``field_name`` is "card.procedure", "card.pathology", "card.team", "card.history",
    "caption", "chapter" or "diagram". ``item`` is the caption index, the chapter's sequence
    id or the diagram id. ``start`` and ``end`` are character offsets in that text.
    """

    id: str
    field_name: str
    item: str
    kind: str
    start: int
    end: int
    fingerprint: str


@dataclass(frozen=True)
class _Match:
    kind: str
    start: int
    end: int
    priority: int


# --- word lists -----------------------------------------------------------------------------

_MONTHS_FR = ("janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet", "août",
              "aout", "septembre", "octobre", "novembre", "décembre", "decembre")
_MONTHS_EN = ("january", "february", "march", "april", "june", "july", "august", "september",
              "october", "november", "december")
_MONTH_ABBREVIATIONS = ("janv", "févr", "fevr", "avr", "juil", "sept", "oct", "nov", "déc", "dec",
                        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep")
_RELATIVE_DATES = ("hier", "avant-hier", "aujourd'hui", "aujourd’hui", "ce matin", "cette nuit",
                   "la semaine dernière", "le mois dernier", "l'an dernier", "l’an dernier",
                   "l'année dernière", "l’année dernière", "yesterday", "today", "this morning",
                   "last night", "last week", "last month", "last year")

# Large French cities, prefectures and hospital towns. Names that are also common words
# ("Nice", "Tours", "Orange", "Lens") are matched only when capitalised.
_CITIES = (
    "Paris", "Marseille", "Lyon", "Toulouse", "Nice", "Nantes", "Montpellier", "Strasbourg",
    "Bordeaux", "Lille", "Rennes", "Reims", "Toulon", "Saint-Étienne", "Saint-Etienne",
    "Le Havre", "Grenoble", "Dijon", "Angers", "Nîmes", "Nimes", "Villeurbanne",
    "Clermont-Ferrand", "Le Mans", "Aix-en-Provence", "Brest", "Tours", "Amiens", "Limoges",
    "Annecy", "Perpignan", "Boulogne-Billancourt", "Metz", "Besançon", "Besancon", "Orléans",
    "Orleans", "Saint-Denis", "Argenteuil", "Rouen", "Mulhouse", "Montreuil", "Caen", "Nancy",
    "Roubaix", "Tourcoing", "Nanterre", "Vitry-sur-Seine", "Avignon", "Créteil", "Creteil",
    "Dunkerque", "Poitiers", "Versailles", "Courbevoie", "Colombes", "Aubervilliers",
    "Aulnay-sous-Bois", "Rueil-Malmaison", "Pau", "La Rochelle", "Antibes", "Cannes",
    "Calais", "Béziers", "Beziers", "Colmar", "Bourges", "Mérignac", "Saint-Nazaire",
    "Ajaccio", "Bastia", "Valence", "Quimper", "Villeneuve-d'Ascq", "Troyes", "Niort",
    "Chambéry", "Chambery", "Lorient", "Clichy", "Ivry-sur-Seine", "Cergy", "Villejuif",
    "Pessac", "Vannes", "Beauvais", "Cholet", "Saint-Quentin", "Montauban", "Chartres",
    "Laval", "Arras", "Belfort", "Évreux", "Evreux", "Blois", "Tarbes", "Angoulême",
    "Carcassonne", "Brive-la-Gaillarde", "Albi", "Châteauroux", "Bayonne", "Biarritz",
    "Périgueux", "Agen", "Auxerre", "Nevers", "Mâcon", "Rodez", "Cahors", "Aurillac",
    "Le Puy-en-Velay", "Vichy", "Épinal", "Epinal", "Charleville-Mézières", "Saint-Brieuc",
    "Saint-Malo", "Alençon", "Cherbourg", "Dieppe", "Compiègne", "Soissons", "Douai",
    "Valenciennes", "Thionville", "Haguenau", "Montbéliard", "Annemasse", "Bourg-en-Bresse",
    "Roanne", "Vienne", "Montélimar", "Orange", "Arles", "Martigues", "Aubagne", "Fréjus",
    "Grasse", "Menton", "Sète", "Sete", "Narbonne", "Dax", "Lourdes", "Meaux", "Melun",
    "Évry", "Evry", "Pontoise", "Le Kremlin-Bicêtre", "Clamart", "Suresnes", "Bobigny",
    "Saint-Cloud", "Lens", "Cayenne", "Fort-de-France", "Pointe-à-Pitre", "Saint-Pierre",
    "Nouméa", "Papeete", "Mamoudzou", "Hyères", "Saint-Brieuc", "Gap", "Foix", "Mende",
)
_REGIONS = (
    "Île-de-France", "Ile-de-France", "Auvergne-Rhône-Alpes", "Bourgogne-Franche-Comté",
    "Bretagne", "Centre-Val de Loire", "Corse", "Grand Est", "Hauts-de-France", "Normandie",
    "Nouvelle-Aquitaine", "Occitanie", "Pays de la Loire", "Provence-Alpes-Côte d'Azur",
    "Côte d'Azur", "Alsace", "Lorraine", "Champagne-Ardenne", "Picardie", "Aquitaine",
    "Limousin", "Poitou-Charentes", "Midi-Pyrénées", "Languedoc-Roussillon", "Auvergne",
    "Rhône-Alpes", "Bourgogne", "Franche-Comté", "Guadeloupe", "Martinique", "Guyane",
    "La Réunion", "Réunion", "Mayotte", "Nouvelle-Calédonie", "Polynésie française", "Savoie",
    "Haute-Savoie", "Vendée", "Finistère", "Morbihan", "Dordogne", "Gironde", "Landes",
    "Ardèche", "Drôme", "Isère", "Vosges", "Jura", "Doubs", "Moselle", "Meurthe-et-Moselle",
    "Bas-Rhin", "Haut-Rhin", "Pas-de-Calais", "Seine-Saint-Denis", "Val-de-Marne",
    "Hauts-de-Seine", "Essonne", "Yvelines", "Val-d'Oise", "Seine-et-Marne", "Calvados",
    "Loire-Atlantique", "Maine-et-Loire", "Bouches-du-Rhône", "Vaucluse", "Alpes-Maritimes",
    "Hérault", "Pyrénées-Orientales", "Haute-Garonne", "Aveyron", "Corrèze", "Haute-Vienne",
    "Puy-de-Dôme", "Haute-Loire", "Eure-et-Loir", "Ardennes", "Pyrénées", "Alpes", "Manche",
    "Nord", "Gard", "Loire", "Marne", "Somme", "Aube", "Cher", "Lot", "Var",
)
_COMMON_WORD_PLACES = frozenset({"Nice", "Tours", "Orange", "Lens", "Gap", "Valence", "Vienne",
                                 "Manche", "Nord", "Gard", "Loire", "Marne", "Somme", "Aube",
                                 "Cher", "Lot", "Var", "Laval", "Pau", "Dax", "Agen", "Alpes",
                                 "Jura", "Landes", "Corse", "Foix", "Mende"})
_HOSPITAL_WORDS = (r"CHU|CHRU|CHR|CHI|CHG|CH|CLCC|GHU|GHT|GH|hôpital|hôpitaux|hopital|hospital|"
                   r"clinique|polyclinique|clinic|infirmary|centre\s+hospitalier(?:\s+"
                   r"(?:universitaire|régional|regional|intercommunal))?|groupe\s+hospitalier|"
                   r"hospices\s+civils|institut|institute|centre|center|maternité|maternity")
_HOSPITAL_GROUPS = ("AP-HP", "APHP", "AP-HM", "APHM", "HCL", "Hospices Civils de Lyon")

# Rare conditions that often appear in surgical teaching, plus words meaning "rare".
_RARE_TERMS = (
    "maladie rare", "maladie orpheline", "orpheline", "orphelin", "orphan disease",
    "rare disease", "rarissime", "exceptionnelle", "exceptionnel", "premier cas", "seul cas",
    "unique au monde", "first case", "only case", "first reported", "rare",
    "situs inversus", "Ehlers-Danlos", "Marfan", "von Hippel-Lindau", "neurofibromatose",
    "neurofibromatosis", "polypose adénomateuse familiale", "familial adenomatous polyposis",
    "Peutz-Jeghers", "maladie de Caroli", "Caroli disease", "Caroli's disease", "Budd-Chiari",
    "pseudomyxome", "pseudomyxoma", "atrésie des voies biliaires", "biliary atresia",
    "kyste du cholédoque", "choledochal cyst", "tumeur de Frantz", "Frantz tumour",
    "Frantz tumor", "phéochromocytome", "pheochromocytoma", "paragangliome", "paraganglioma",
    "néoplasie endocrinienne multiple", "multiple endocrine neoplasia", "Hirschsprung",
    "Zollinger-Ellison", "Castleman", "tumeur desmoïde", "desmoid tumour", "desmoid tumor",
    "mésothéliome", "mesothelioma", "mucoviscidose", "cystic fibrosis", "maladie de Wilson",
    "Wilson disease", "Kasabach-Merritt", "siamois", "conjoined twins",
)

# Capitalised words that are not names: eponyms of anatomy, procedures and signs, and words
# English captions capitalise. A capitalised word in mid-sentence outside this list is flagged.
_NOT_NAMES = frozenset(word.casefold() for word in (
    "Calot", "Crohn", "Hartmann", "Whipple", "Nissen", "Toupet", "Dor", "Heller", "Lichtenstein",
    "Shouldice", "Bassini", "Stoppa", "Rives", "Roux", "Billroth", "Kocher", "Pfannenstiel",
    "Trendelenburg", "Hasson", "Veress", "Palmer", "Douglas", "Treitz", "Glisson", "Morrison",
    "Winslow", "Oddi", "Wirsung", "Santorini", "Vater", "Meckel", "Barrett", "Zenker",
    "Spiegel", "Petit", "Mirizzi", "Klatskin", "Bismuth", "Strasberg", "Couinaud", "Cantlie",
    "Pringle", "Hassab", "Sugiura", "Ivor", "Lewis", "McKeown", "Miles", "Mikulicz", "Toldt",
    "Gerota", "Denonvilliers", "Retzius", "Hesselbach", "Cooper", "Poupart", "Henle", "Hunter",
    "Graves", "Basedow", "Hashimoto", "Cushing", "Conn", "Addison", "Murphy", "McBurney",
    "Blumberg", "Rovsing", "Kehr", "Courvoisier", "Charcot", "Reynolds", "Mallory", "Weiss",
    "Boerhaave", "Ogilvie", "Fournier", "Verneuil", "Foley", "Redon", "Penrose", "Kehr",
    "Babcock", "Allis", "Kelly", "Mayo", "Metzenbaum", "Hem-o-lok", "Endo", "GIA", "Da",
    "Vinci", "Xi", "Ligasure", "Harmonic", "Ultracision", "Thunderbeat", "Sonicision",
    "Fogarty", "Seldinger", "Clavien", "Dindo", "Glasgow", "Apgar", "Child", "Pugh", "MELD",
    "Ranson", "Tokyo", "ASA", "BMI", "IMC",
    "I", "OK", "English", "French", "Français", "Anglais", "Monday", "Tuesday", "Wednesday",
    "Thursday", "Friday", "Saturday", "Sunday",
))
_TITLES = (r"M\.|Mr\.?|Mme\.?|Mlle\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|Pr\.?|Prof\.?|Docteur|Professeur|"
           r"Madame|Monsieur|Mademoiselle|Doctor|Professor|Sir")

_UPPER = "A-ZÀ-ÖØ-Þ"
_WORD_CHARS = r"[\w\-'’]"
_NAME = rf"[{_UPPER}]{_WORD_CHARS}+"


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)


_MONTHS = _alternation(_MONTHS_FR + _MONTHS_EN)
_ANY_MONTH = _alternation(_MONTHS_FR + _MONTHS_EN + ("may",)
                          + tuple(f"{abbr}." for abbr in _MONTH_ABBREVIATIONS)
                          + _MONTH_ABBREVIATIONS)
_PLACES = _alternation([name for name in _CITIES + _REGIONS if name not in _COMMON_WORD_PLACES])
_CAPITALISED_PLACES = _alternation(sorted(_COMMON_WORD_PLACES))
_AGE_UNITS = r"(?:ans?|années?|mois|semaines?|jours?|years?|yrs?|months?|weeks?|days?)"
_NOT_DIGIT_BEFORE = r"(?<![\w.,/])"
_NOT_DIGIT_AFTER = r"(?![\w])"

# (kind, priority, pattern, flags): where matches overlap, the higher priority is kept.
_RULES: list[tuple[str, int, str, int]] = [
    ("identifier", 90,
     r"\b(?:IPP|NIP|NDA|NIR|INS|MRN|PID|n°\s*(?:de\s+)?(?:dossier|patient|séjour|sejour|"
     r"sécurité\s+sociale)|num[ée]ro\s+(?:de\s+)?(?:dossier|patient|séjour|sejour|"
     r"sécurité\s+sociale)|patient\s+(?:id|number|no\.?)|record\s+(?:number|no\.?)|"
     r"medical\s+record)\b(?:\s*[:#=n°.]*\s*[A-Z0-9][A-Z0-9\-/.]*)?",
     re.IGNORECASE),
    ("identifier", 90, r"[\w.+-]+@[\w-]+\.[\w.-]+", 0),
    ("date", 80, rf"{_NOT_DIGIT_BEFORE}\d{{1,2}}\s*[/.\-]\s*\d{{1,2}}\s*[/.\-]\s*"
                 rf"(?:\d{{4}}|\d{{2}}){_NOT_DIGIT_AFTER}", 0),
    ("date", 80, rf"{_NOT_DIGIT_BEFORE}\d{{4}}\s*[/.\-]\s*\d{{1,2}}\s*[/.\-]\s*\d{{1,2}}"
                 rf"{_NOT_DIGIT_AFTER}", 0),
    ("date", 80, rf"\b(?:1er|1st|\d{{1,2}}(?:st|nd|rd|th)?)\s+(?:{_ANY_MONTH})(?!\w)"
                 rf"(?:\s+\d{{2,4}}\b)?", re.IGNORECASE),
    ("date", 80, rf"\b(?:{_ANY_MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?",
     re.IGNORECASE),
    ("date", 78, rf"\b(?:{_MONTHS})(?:\s+(?:de\s+l'année\s+)?\d{{4}})?\b", re.IGNORECASE),
    ("date", 78, r"\bMay\s+\d{4}\b", 0),
    ("date", 76, r"(?<!\d)(?:19|20)\d{2}(?!\d)", 0),
    ("date", 76, rf"(?<!\w)(?:{_alternation(_RELATIVE_DATES)})(?!\w)", re.IGNORECASE),
    ("age", 70, r"\b\d{1,3}\s*(?:-|‐|–)?\s*(?:years?|yrs?|ans?|months?|mois)"
                r"(?:\s*-?\s*old)?\b", re.IGNORECASE),
    ("age", 70, r"\b(?:âgée?s?|agée?s?|aged?|age)\s+(?:de\s+|of\s+)?\d{1,3}\b", re.IGNORECASE),
    ("age", 70, r"\b\d{1,3}\s?(?:y/?o|y\.o\.|yo)\b", re.IGNORECASE),
    ("age", 70, rf"\b(?:patiente?|enfant|nourrisson|bébé|nouveau-née?|garçon|fille|homme|femme|"
                rf"adolescente?|man|woman|boy|girl|child|infant|baby)\s+(?:de|of|aged)\s+"
                rf"\d{{1,3}}\s*{_AGE_UNITS}\b", re.IGNORECASE),
    ("identifier", 60, r"(?<![\d])\d(?:[\s.\-]?\d){5,}(?![\d])", 0),
    ("identifier", 60, r"\b(?:\+33|0)[1-9](?:[\s.\-]?\d{2}){4}\b", 0),
    ("rare_disease", 50, rf"(?<!\w)(?:{_alternation(_RARE_TERMS)})(?!\w)", re.IGNORECASE),
    ("place", 40, rf"\b(?i:{_HOSPITAL_WORDS})\s+(?:(?i:de|du|des|d'|d’|de\s+la|la|le|of|the)\s*)?"
                  rf"{_NAME}(?:[\s\-]+(?:de\s+|du\s+|d'|d’)?{_NAME})*", 0),
    ("place", 40, rf"(?<!\w)(?:{_alternation(_HOSPITAL_GROUPS)})(?!\w)", 0),
    ("place", 38, rf"(?<!\w)(?:{_PLACES})(?!\w)", re.IGNORECASE),
    ("place", 38, rf"(?<!\w)(?:{_CAPITALISED_PLACES})(?!\w)", 0),
    ("proper_name", 30, rf"\b(?:{_TITLES})\s*{_NAME}(?:\s+{_NAME})?", 0),
    ("proper_name", 30, rf"\b[{_UPPER}]\.\s?[{_UPPER}]\.(?:\s?[{_UPPER}]\.)?", 0),
]
_COMPILED = [(kind, priority, re.compile(pattern, flags)) for kind, priority, pattern, flags
             in _RULES]
_CAPITALISED = re.compile(rf"(?<![\w\-'’]){_NAME}")
_SENTENCE_END = re.compile(r"(?:^|[.!?:;«»\"“”()\[\]\n]|\s-\s)\s*$")


def _capitalised_names(text: str) -> Iterator[_Match]:
    """Find runs of capitalised words that look like names.

    A run of one word at the start of a sentence is an ordinary capital and is skipped. A run
    of two or more words ("Jean Dupont"), or any run in mid-sentence, is flagged. Listed
    eponyms and acronyms break runs and are never flagged.
    """
    runs: list[list[re.Match[str]]] = []
    for word in _CAPITALISED.finditer(text):
        value = word.group(0)
        if value.casefold() in _NOT_NAMES or value.isupper():
            runs.append([])
            continue
        joined = bool(runs and runs[-1]) and text[runs[-1][-1].end(): word.start()] == " "
        if joined:
            runs[-1].append(word)
        else:
            runs.append([word])
    for run in runs:
        if not run:
            continue
        starts_sentence = bool(_SENTENCE_END.search(text[: run[0].start()]))
        if starts_sentence and len(run) == 1:
            continue
        yield _Match("proper_name", run[0].start(), run[-1].end(), 20)


def find_phrases(text: str) -> list[tuple[str, int, int]]:
    """Return ``(kind, start, end)`` of every flagged phrase of ``text``, in text order.

    Where two matches overlap, the one of higher priority (identifier, date, age, rare
    disease, place, proper name, in that order) is kept.
    """
    text = unicodedata.normalize("NFC", text)
    matches: list[_Match] = []
    for kind, priority, pattern in _COMPILED:
        for found in pattern.finditer(text):
            if found.end() > found.start():
                matches.append(_Match(kind, found.start(), found.end(), priority))
    matches.extend(_capitalised_names(text))

    kept: list[_Match] = []
    for match in sorted(matches, key=lambda item: (-item.priority, item.start)):
        if all(match.end <= other.start or match.start >= other.end for other in kept):
            kept.append(match)
    return [(match.kind, match.start, match.end) for match in sorted(kept,
                                                                      key=lambda m: m.start)]


def ensure_fingerprint_key(lesson: Lesson) -> bytes:
    """Return the lesson's fingerprint key, creating it on first use (the caller saves)."""
    if not lesson.fingerprint_key:
        lesson.fingerprint_key = secrets.token_hex(32)
    return bytes.fromhex(lesson.fingerprint_key)


def fingerprint(key: bytes, field_name: str, kind: str, phrase: str) -> str:
    """Return the keyed hash (HMAC-SHA256, 128 bits in hex) identifying a flagged phrase."""
    normalised = " ".join(unicodedata.normalize("NFC", phrase).casefold().split())
    message = "\x1f".join((field_name, kind, normalised)).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:32]


def lesson_texts(lesson: Lesson) -> Iterator[tuple[str, str, str]]:
    """Yield ``(field_name, item, text)`` for every text of the lesson that is shown."""
    card = lesson.card
    if card is not None:
        for name in CARD_TEXT_FIELDS:
            yield f"card.{name}", "", getattr(card, name)
    for index, caption in enumerate(lesson.captions):
        yield "caption", str(index), caption.text
    for sequence in lesson.sequences:
        yield "chapter", sequence.id, sequence.title
    for diagram in lesson.diagrams:
        if diagram.kind == "text":
            yield "diagram", diagram.id, diagram.text


def check_text(key: bytes, field_name: str, item: str, text: str) -> list[Flag]:
    flags: list[Flag] = []
    for kind, start, end in find_phrases(text):
        phrase = unicodedata.normalize("NFC", text)[start:end]
        digest = fingerprint(key, field_name, kind, phrase)
        flags.append(Flag(digest[:8], field_name, item, kind, start, end, digest))
    return flags


def check_lesson(lesson: Lesson) -> list[Flag]:
    """Flag every phrase of the lesson's texts, acknowledged or not (may create the key)."""
    key = ensure_fingerprint_key(lesson)
    flags: list[Flag] = []
    for field_name, item, text in lesson_texts(lesson):
        if text.strip():
            flags.extend(check_text(key, field_name, item, text))
    return flags


def is_acknowledged(lesson: Lesson, flag: Flag) -> bool:
    acknowledgements = lesson.card.acknowledgements if lesson.card is not None else []
    return any(ack.field_name == flag.field_name and ack.flag_kind == flag.kind
               and hmac.compare_digest(ack.fingerprint, flag.fingerprint)
               for ack in acknowledgements)


def unresolved_flags(lesson: Lesson) -> list[Flag]:
    """Return the flags no acknowledgement covers."""
    return [flag for flag in check_lesson(lesson) if not is_acknowledged(lesson, flag)]


def acknowledge(lesson: Lesson, flag_id: str, user: str) -> Acknowledgement:
    """Record that ``user`` keeps the phrase of flag ``flag_id`` as written; the caller saves.

    The acknowledgement covers that phrase wherever it appears in the same field. It is stored
    on the context card, which is created empty (and not shown) when the lesson has none.
    """
    for flag in check_lesson(lesson):
        if flag.id != flag_id.strip().lower():
            continue
        if lesson.card is None:
            lesson.card = ContextCard()
        if is_acknowledged(lesson, flag):
            return next(ack for ack in lesson.card.acknowledgements
                        if ack.fingerprint == flag.fingerprint)
        ack = Acknowledgement(flag.field_name, flag.kind, flag.fingerprint, user, utc_now())
        lesson.card.acknowledgements.append(ack)
        log.info("flag %s (%s in %s) acknowledged", flag.id, flag.kind, flag.field_name)
        return ack
    raise ExportError("edit.flag_not_found", flag=flag_id)


class FlagsBlockExportError(ExportError):
    """Export refused while re-identification flags are open; names their kinds, not the text."""

    key = "export.card_flags"

    def __init__(self, count: int, kinds: list[str]) -> None:
        super().__init__(self.key, count=count, kinds=",".join(kinds))
        self.kinds = kinds

    def message(self, language: str | None = None) -> str:
        labels = ", ".join(tr(f"edit.flag.{kind}", language) for kind in self.kinds)
        return tr(self.key, language, count=self.params["count"], kinds=labels)


def require_no_flags(lesson: Lesson) -> None:
    """Raise ``FlagsBlockExportError`` (key ``export.card_flags``) while a flag is open."""
    flags = unresolved_flags(lesson)
    if flags:
        kinds = [kind for kind in FLAG_KINDS if any(flag.kind == kind for flag in flags)]
        raise FlagsBlockExportError(len(flags), kinds)
