"""Section titles, month names and small words in the CV's language.

No Babel: a small table per language keeps rendering fast and dependency-free.
Unknown languages fall back to English; a language tag like ``pt-BR`` falls back to
``pt``."""
from __future__ import annotations

import functools
import re
from typing import Any

_MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
           "September", "Oktober", "November", "Dezember"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
    "pt": ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
           "setembro", "outubro", "novembro", "dezembro"),
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
           "settembre", "ottobre", "novembre", "dicembre"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
    "pl": ("styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień",
           "wrzesień", "październik", "listopad", "grudzień"),
    "ru": ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
           "сентябрь", "октябрь", "ноябрь", "декабрь"),
    "uk": ("січень", "лютий", "березень", "квітень", "травень", "червень", "липень",
           "серпень", "вересень", "жовтень", "листопад", "грудень"),
    "el": ("Ιανουάριος", "Φεβρουάριος", "Μάρτιος", "Απρίλιος", "Μάιος", "Ιούνιος",
           "Ιούλιος", "Αύγουστος", "Σεπτέμβριος", "Οκτώβριος", "Νοέμβριος", "Δεκέμβριος"),
}
# Abbreviations where the first three letters are not the custom.
_SHORT: dict[str, tuple[str, ...]] = {
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
           "nov.", "déc."),
    "el": ("Ιαν", "Φεβ", "Μαρ", "Απρ", "Μαΐ", "Ιουν", "Ιουλ", "Αυγ", "Σεπ", "Οκτ", "Νοε", "Δεκ"),
}
_CJK_MONTH = {"ja": "{y}年{m}月", "zh": "{y}年{m}月", "ko": "{y}년 {m}월"}

_PRESENT = {"en": "Present", "fr": "aujourd'hui", "de": "heute", "es": "actualidad",
            "pt": "atual", "it": "oggi", "nl": "heden", "pl": "obecnie", "ru": "н. в.",
            "uk": "дотепер", "el": "σήμερα", "ja": "現在", "zh": "至今", "ko": "현재"}

# section key -> title, per language (English first; others fall back to it per key)
_TITLES: dict[str, dict[str, str]] = {
    "en": {"summary": "Profile", "work": "Experience", "volunteer": "Volunteering",
           "education": "Education", "awards": "Awards", "certificates": "Certificates",
           "publications": "Publications", "skills": "Skills", "languages": "Languages",
           "interests": "Interests", "references": "References", "projects": "Projects",
           "talks": "Talks", "grants": "Grants", "contact": "Contact", "page": "Page",
           "of": "of", "courses": "Courses", "score": "Grade"},
    "fr": {"summary": "Profil", "work": "Expérience professionnelle", "volunteer": "Bénévolat",
           "education": "Formation", "awards": "Distinctions", "certificates": "Certifications",
           "publications": "Publications", "skills": "Compétences", "languages": "Langues",
           "interests": "Centres d'intérêt", "references": "Références", "projects": "Projets",
           "talks": "Conférences", "grants": "Financements", "contact": "Contact",
           "page": "Page", "of": "sur", "courses": "Cours", "score": "Mention"},
    "de": {"summary": "Profil", "work": "Berufserfahrung", "volunteer": "Ehrenamt",
           "education": "Ausbildung", "awards": "Auszeichnungen", "certificates": "Zertifikate",
           "publications": "Publikationen", "skills": "Kenntnisse", "languages": "Sprachen",
           "interests": "Interessen", "references": "Referenzen", "projects": "Projekte",
           "talks": "Vorträge", "grants": "Fördermittel", "contact": "Kontakt",
           "page": "Seite", "of": "von", "courses": "Kurse", "score": "Note"},
    "es": {"summary": "Perfil", "work": "Experiencia", "volunteer": "Voluntariado",
           "education": "Formación", "awards": "Premios", "certificates": "Certificaciones",
           "publications": "Publicaciones", "skills": "Habilidades", "languages": "Idiomas",
           "interests": "Intereses", "references": "Referencias", "projects": "Proyectos",
           "talks": "Charlas", "grants": "Becas", "contact": "Contacto", "page": "Página",
           "of": "de", "courses": "Cursos", "score": "Nota"},
    "pt": {"summary": "Perfil", "work": "Experiência", "volunteer": "Voluntariado",
           "education": "Formação", "awards": "Prêmios", "certificates": "Certificações",
           "publications": "Publicações", "skills": "Competências", "languages": "Idiomas",
           "interests": "Interesses", "references": "Referências", "projects": "Projetos",
           "talks": "Palestras", "grants": "Bolsas", "contact": "Contato", "page": "Página",
           "of": "de", "courses": "Cursos", "score": "Nota"},
    "it": {"summary": "Profilo", "work": "Esperienza", "volunteer": "Volontariato",
           "education": "Istruzione", "awards": "Premi", "certificates": "Certificazioni",
           "publications": "Pubblicazioni", "skills": "Competenze", "languages": "Lingue",
           "interests": "Interessi", "references": "Referenze", "projects": "Progetti",
           "talks": "Interventi", "grants": "Finanziamenti", "contact": "Contatti",
           "page": "Pagina", "of": "di", "courses": "Corsi", "score": "Voto"},
    "pl": {"summary": "Profil", "work": "Doświadczenie zawodowe", "volunteer": "Wolontariat",
           "education": "Wykształcenie", "awards": "Nagrody", "certificates": "Certyfikaty",
           "publications": "Publikacje", "skills": "Umiejętności", "languages": "Języki",
           "interests": "Zainteresowania", "references": "Referencje", "projects": "Projekty",
           "talks": "Wystąpienia", "grants": "Granty", "contact": "Kontakt",
           "page": "Strona", "of": "z", "courses": "Kursy", "score": "Ocena"},
    "nl": {"summary": "Profiel", "work": "Werkervaring", "volunteer": "Vrijwilligerswerk",
           "education": "Opleiding", "skills": "Vaardigheden", "languages": "Talen",
           "projects": "Projecten", "interests": "Interesses", "page": "Pagina", "of": "van"},
    "ru": {"summary": "О себе", "work": "Опыт работы", "volunteer": "Волонтёрство",
           "education": "Образование", "awards": "Награды", "certificates": "Сертификаты",
           "publications": "Публикации", "skills": "Навыки", "languages": "Языки",
           "interests": "Интересы", "references": "Рекомендации", "projects": "Проекты",
           "talks": "Доклады", "grants": "Гранты", "contact": "Контакты",
           "page": "Страница", "of": "из", "courses": "Курсы", "score": "Оценка"},
    "uk": {"summary": "Про себе", "work": "Досвід роботи", "education": "Освіта",
           "skills": "Навички", "languages": "Мови", "projects": "Проєкти",
           "publications": "Публікації", "page": "Сторінка", "of": "з"},
    "el": {"summary": "Προφίλ", "work": "Επαγγελματική εμπειρία", "education": "Εκπαίδευση",
           "skills": "Δεξιότητες", "languages": "Γλώσσες", "projects": "Έργα",
           "publications": "Δημοσιεύσεις", "awards": "Βραβεία", "page": "Σελίδα", "of": "από"},
    "ja": {"summary": "概要", "work": "職歴", "education": "学歴", "skills": "スキル",
           "languages": "語学", "projects": "プロジェクト", "publications": "論文",
           "awards": "受賞歴", "certificates": "資格", "page": "ページ", "of": "/"},
    "zh": {"summary": "个人简介", "work": "工作经历", "education": "教育背景", "skills": "技能",
           "languages": "语言", "projects": "项目经历", "publications": "发表论文",
           "awards": "获奖", "certificates": "证书", "page": "第", "of": "/"},
}

DATE_FORMATS = ("month_year", "long", "numeric", "iso", "year")
_DATE_RE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


@functools.lru_cache(maxsize=256)
def base_lang(lang: str | None) -> str:
    return (lang or "en").replace("_", "-").split("-")[0].lower() or "en"


@functools.lru_cache(maxsize=2048)
def title(key: str, lang: str) -> str:
    table = _TITLES.get(base_lang(lang), {})
    return table.get(key) or _TITLES["en"].get(key, key.title())


@functools.lru_cache(maxsize=64)
def titles(lang: str) -> dict[str, str]:
    return {k: title(k, lang) for k in _TITLES["en"]}


def present(lang: str) -> str:
    return _PRESENT.get(base_lang(lang), _PRESENT["en"])


def month_name(month: int, lang: str, short: bool) -> str:
    lg = base_lang(lang)
    names = _MONTHS.get(lg, _MONTHS["en"])
    if short:
        if lg in _SHORT:
            return _SHORT[lg][month - 1]
        name = names[month - 1]
        return name if len(name) <= 4 else name[:3]
    return names[month - 1]


def format_date(value: Any, lang: str, fmt: str = "month_year") -> str:
    """Format a JSON Resume date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); text that is
    not such a date is returned unchanged (already human-written)."""
    if value is None:
        return ""
    s = str(value).strip()
    m = _DATE_RE.match(s)
    if not m or m.end() != len(s.split("T")[0].rstrip()):
        return s
    year, month = m.group(1), m.group(2)
    mon = int(month) if month and 1 <= int(month) <= 12 else None
    if fmt == "year" or mon is None:
        return year
    lg = base_lang(lang)
    if fmt == "iso":
        return f"{year}-{mon:02d}"
    if fmt == "numeric":
        return f"{mon:02d}/{year}"
    if lg in _CJK_MONTH:
        return _CJK_MONTH[lg].format(y=year, m=mon)
    name = month_name(mon, lang, short=(fmt == "month_year"))
    return f"{name} {year}"


def date_range(start: Any, end: Any, lang: str, fmt: str, *, ongoing: bool = True) -> str:
    """``Jan 2020 – Present``; an entry with a start and no end is ongoing."""
    s = format_date(start, lang, fmt) if start else ""
    e = format_date(end, lang, fmt) if end else ""
    if s and not e:
        return f"{s} – {present(lang)}" if ongoing else s
    if s and e and s != e:
        return f"{s} – {e}"
    return s or e
