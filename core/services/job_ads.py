"""Reading a job ad: the text a recruiter pasted (or the text of the PDF/DOCX they uploaded,
read by our parsers: ``htdy.core.services.parsing.pipeline.document_text``) into a :class:`JobAd` that every
matcher starts from — its title, the skills it requires and those it would like (on the
skills vocabulary), the years of experience it asks for and its language.

The rules, in the languages htdy's users write ads in (English, German, French, Spanish,
Italian, Dutch, Portuguese):

* **Title**: a line labelled ``Job title:`` / ``Stelle:`` / ``Poste :`` …, else the first
  line that is not a section heading; gender notes (``(m/w/d)``, ``(H/F)``) are dropped.
* **Sections**: a short line that names a requirements section (``Requirements``,
  ``Your profile``, ``Anforderungen``, ``Profil recherché``, ``Requisitos`` …) or a
  nice-to-have section (``Nice to have``, ``Wünschenswert``, ``Un plus``, ``Deseable`` …)
  starts it; any other heading-like line ends it. A line that says "is a plus" / "von
  Vorteil" / "un atout" / "se valora" puts its own skills among the nice-to-haves.
* **Skills**: every vocabulary skill named on a line (``JS`` → JavaScript, ``k8s`` →
  Kubernetes). Skills of nice-to-have lines are preferred; the others are required when the
  ad has no requirements section, otherwise those outside it are preferred too. Two-letter
  and one-letter skills (Go, C, R) count only when written with a capital letter.
* **Years**: the first "N years" / "N+ Jahre" / "N ans" / "N años" … of the ad.
"""
from __future__ import annotations

import re
import unicodedata

from htdy.core.host.errors import ValidationFailed
from htdy.core.host.interfaces import JobAd
from htdy.core.skills import Term, fold, vocabulary

MAX_CHARS = 50_000
MIN_CHARS = 20

_REQUIRED = re.compile(
    r"^(requirements?|required( skills| qualifications)?|must[- ]haves?|what you (bring|need|have)|"
    r"(your|the ideal) (profile|candidate)|qualifications?|who you are|you have|skills|about you|"
    r"anforderungen|(dein|ihr) profil|was (du|sie) mitbring(st|en)|voraussetzungen|qualifikationen|"
    r"das bringst du mit|profil|profil recherche|exigences|competences( requises)?|votre profil|prerequis|"
    r"requisitos|perfil( buscado)?|imprescindible|lo que buscamos|requisiti|profilo( ricercato)?|competenze|"
    r"vereisten|(jouw|je) profiel|wat (je|jij) meebrengt|wat wij vragen|requisitos obrigatorios)$")
_PREFERRED = re.compile(
    r"^(nice[- ]to[- ]haves?|bonus( points)?|pluses|preferred( skills| qualifications)?|desirable|"
    r"would be great|good to have|wunschenswert|von vorteil|idealerweise|pluspunkte|un plus|"
    r"atouts?|souhaite|apprecie|serait un plus|deseable|valorable|se valorara|gradito|costituisce un plus|"
    r"pluspunten|mooi meegenomen|diferencial|desejavel)$")
_PLUS_LINE = re.compile(
    r"\b(nice to have|is a plus|a plus|bonus|preferred|desirable|von vorteil|wunschenswert|"
    r"idealerweise|un plus|un atout|apprecie|souhaite|se valora|deseable|valorable|gradito|"
    r"costituisce un plus|pluspunt|diferencial|desejavel)\b")
_OTHER_HEADING = re.compile(
    r"^(about (us|the (role|job|team|company))|responsibilities|your (tasks|role|responsibilities)|"
    r"what you('ll| will) do|the role|we offer|what we offer|benefits|perks|how to apply|"
    r"deine aufgaben|ihre aufgaben|aufgaben|wir bieten|das bieten wir|uber uns|"
    r"missions?|vos missions|nous offrons|avantages|a propos|"
    r"funciones|responsabilidades|ofrecemos|sobre nosotros|mansioni|offriamo|chi siamo|"
    r"taken|wat wij bieden|over ons|responsabilidades|oferecemos)$")
_TITLE_LABEL = re.compile(r"^\s*(job title|title|position|role|stelle|stellenbezeichnung|poste|intitule du poste|"
                          r"puesto|cargo|posizione|ruolo|functie|vacature)\s*:\s*(.+)$", re.I)
_GENDER = re.compile(r"\(\s*(?:[mwfdhxi]\s*[/|,*]\s*)+[mwfdhxi]\s*\)|\(\s*all genders?\s*\)|\(\s*gn\s*\)"
                     r"|\b[mwfdh]/[mwfdh](?:/[mwfdhx])?\b", re.I)
_YEARS = re.compile(
    r"(\d{1,2})\s*(?:\+|or more|\s*plus)?\s*(?:-\s*\d{1,2}\s*)?"
    r"(?:years?|yrs|jahre?n?|ans?|annees?|anos|anni|jaar|jaren)\b", re.I)
_PUNCT = re.compile(r"[()\[\]{}\"“”„«»]")
# a word per language that ads use a lot and other languages do not
_LANG_WORDS = {
    "en": {"the", "and", "you", "with", "our", "for", "will", "experience", "we", "are", "to", "of", "have",
           "years", "as", "requirements", "skills"},
    "de": {"und", "der", "die", "das", "mit", "wir", "du", "sie", "fur", "erfahrung", "ihre", "deine"},
    "fr": {"et", "le", "la", "les", "des", "vous", "nous", "avec", "pour", "une", "experience"},
    "es": {"y", "el", "los", "las", "con", "para", "una", "experiencia", "buscamos", "del"},
    "it": {"e", "il", "di", "con", "per", "una", "esperienza", "della", "nostro", "cerchiamo"},
    "nl": {"en", "het", "een", "met", "voor", "je", "wij", "ervaring", "van", "jouw"},
    "pt": {"e", "o", "os", "com", "para", "uma", "experiencia", "voce", "nosso", "procuramos"},
}
_SHORT_SKILL = 2  # keys this short (go, c, r) need a capital letter in the ad


def _plain(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)).casefold()


def _heading_key(line: str) -> str:
    return " ".join(re.sub(r"[^\w\s'-]", " ", _plain(line)).split()).strip(" -")


def _is_heading(line: str) -> bool:
    words = line.split()
    return bool(words) and len(words) <= 6 and (line.rstrip().endswith(":") or len(line) <= 40) \
        and not re.search(r"[.;,]\s*$", line.rstrip(": "))


def _clean_title(text: str) -> str:
    text = _GENDER.sub(" ", text)
    text = re.sub(r"\s+[-–—|]\s*$", "", " ".join(text.split()))
    return text.strip(" -–—|:*•")[:200]


def language_of(text: str) -> str:
    """The ad's language (ISO 639-1) by its most common function words; ``""`` if unsure."""
    words = re.findall(r"\w+", _plain(text))
    counts = {lang: sum(1 for w in words if w in table) for lang, table in _LANG_WORDS.items()}
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] >= 2 else ""


def skills_on(line: str) -> list[Term]:
    """Vocabulary skills named on one line of text."""
    vocab = vocabulary()
    tokens = []
    for token in _PUNCT.sub(" ", line).replace(",", " , ").replace(";", " ; ").split():
        if "/" in token and fold(token) not in vocab.skills:
            tokens += token.replace("/", " / ").split()
        else:
            tokens.append(token)
    found, _ = vocab.query_skills(" ".join(tokens))
    out = []
    for term, typed in found:
        if len(term.key) <= _SHORT_SKILL and typed == typed.lower():
            continue  # "go", "c" in running text are words, not skills
        out.append(term)
    return out


def _title(lines: list[str]) -> str:
    for line in lines[:15]:
        if m := _TITLE_LABEL.match(line):
            return _clean_title(m.group(2))
    for line in lines[:5]:
        key = _heading_key(line)
        if _REQUIRED.match(key) or _PREFERRED.match(key) or _OTHER_HEADING.match(key):
            continue
        if len(line) <= 120:
            return _clean_title(line)
    return ""


def read(text: str) -> JobAd:
    """A job ad's text → :class:`JobAd`; ``ValidationFailed`` when it is empty or too long."""
    if not isinstance(text, str):
        raise ValidationFailed("the job ad must be text", code="bad_job_ad")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if len(text) > MAX_CHARS:
        raise ValidationFailed(f"the job ad is longer than {MAX_CHARS} characters", code="bad_job_ad")
    if len(text.strip()) < MIN_CHARS:
        raise ValidationFailed(f"the job ad needs at least {MIN_CHARS} characters of text", code="bad_job_ad")
    lines = [" ".join(ln.split()) for ln in text.split("\n")]
    lines = [ln for ln in lines if ln]
    required: dict[str, Term] = {}
    preferred: dict[str, Term] = {}
    elsewhere: dict[str, Term] = {}
    section, has_required = "", False
    for line in lines:
        key = _heading_key(line)
        if _is_heading(line):
            if _REQUIRED.match(key):
                section, has_required = "required", True
                continue
            if _PREFERRED.match(key):
                section = "preferred"
                continue
            if _OTHER_HEADING.match(key) or line.rstrip().endswith(":"):
                section = ""
                continue
        terms = skills_on(line)
        where = "preferred" if section == "preferred" or _PLUS_LINE.search(_plain(line)) else section
        table = {"required": required, "preferred": preferred}.get(where, elsewhere)
        for t in terms:
            table.setdefault(t.key, t)
    if not has_required:
        for k, t in elsewhere.items():
            if k not in preferred:
                required.setdefault(k, t)
    else:
        for k, t in elsewhere.items():
            if k not in required:
                preferred.setdefault(k, t)
    for k in list(preferred):
        if k in required:
            del preferred[k]
    m = _YEARS.search(_plain(text))
    years = float(m.group(1)) if m and 0 < int(m.group(1)) <= 40 else None
    return JobAd(text=text.strip(), title=_title(lines), required=list(required.values()),
                 preferred=list(preferred.values()), min_years=years, language=language_of(text))
