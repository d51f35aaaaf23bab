"""The language a CV is written in (``extras["language"]``, an ISO 639-1 code).

Scripts first: Han without kana is Chinese, kana Japanese, Hangul Korean, Cyrillic Russian (or
Ukrainian by і ї є ґ), Arabic script Arabic, Hebrew Hebrew. Latin script is told by distinctive
function and section words (en de fr es pt it nl pl tr sv cs): a word that belongs to one of
these languages only counts for it."""
from __future__ import annotations

import re
from collections import Counter

_STOP = {
    "en": "the and of to for with on at as is was by from an experience education skills languages "
          "work present developer engineer university",
    "de": "und der die das mit für von zu im bei auf ist ein eine den berufserfahrung ausbildung kenntnisse "
          "sprachen heute entwicklung aufbau einführung pflege",
    "fr": "et le la les des du pour avec dans sur un une au expérience formation compétences langues "
          "aujourd'hui développement",
    "es": "y el los las del para con por una al como experiencia formación habilidades idiomas actualidad",
    "pt": "e o os as do da em com um uma no na dos experiência formação habilidades idiomas atual",
    "it": "il della per con che dei gli esperienza istruzione competenze lingue oggi sviluppo",
    "nl": "en het van een voor met op te bij als zijn werkervaring opleiding vaardigheden talen heden",
    "pl": "i w z na do oraz się dla przez od jest po jako doświadczenie wykształcenie umiejętności języki obecnie",
    "tr": "ve bir bu ile için olarak çok gibi daha olan veya deneyim deneyimi eğitim yetenekler beceriler diller "
          "hakkımda projeler üniversitesi mühendisi geliştirme yazılım günümüz halen sertifikalar",
    "sv": "och att som på är av för med till har inte om ett var jag inom erfarenhet arbetslivserfarenhet "
          "utbildning kompetenser färdigheter språk utveckling ansvarig nuvarande pågående",
    "cs": "se je že pro ve jsem při také nebo které který byl jsou zkušenosti pracovní vzdělání dovednosti "
          "jazyky vývoj současnost dosud znalost",
}
_OWNERS: dict[str, set[str]] = {}
for _lang, _words in _STOP.items():
    for _w in _words.split():
        _OWNERS.setdefault(_w, set()).add(_lang)
_UNIQUE = {w: next(iter(langs)) for w, langs in _OWNERS.items() if len(langs) == 1}

_SCRIPTS = {
    "han": re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]"),
    "kana": re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9d]"),
    "hangul": re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]"),
    "cyrillic": re.compile(r"[\u0400-\u04ff]"),
    "arabic": re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]"),
    "hebrew": re.compile(r"[\u0590-\u05ff\ufb1d-\ufb4f]"),
}
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_UKRAINIAN = re.compile(r"[іїєґІЇЄҐ]")
_RUSSIAN_ONLY = re.compile(r"[ыэъЫЭЪ]")
# a CJK character carries about as much as a word of three Latin letters
_CJK_WEIGHT = 3


def detect_language(text: str) -> str | None:
    """The CV's language by script, then by distinctive function and section words."""
    text = text[:50000]
    counts = {k: len(r.findall(text)) for k, r in _SCRIPTS.items()}
    latin = len(_LATIN.findall(text))
    cjk = counts["han"] + counts["kana"] + counts["hangul"]
    weighted = {"cjk": cjk * _CJK_WEIGHT, "cyrillic": counts["cyrillic"], "arabic": counts["arabic"],
                "hebrew": counts["hebrew"]}
    script, n = max(weighted.items(), key=lambda kv: kv[1])
    if n >= 20 and n >= 0.5 * latin:
        if script == "cjk":
            if counts["hangul"] >= max(counts["han"], counts["kana"]):
                return "ko"
            return "ja" if counts["kana"] >= max(5, 0.05 * (counts["han"] + counts["kana"])) else "zh"
        if script == "cyrillic":
            uk, ru = len(_UKRAINIAN.findall(text)), len(_RUSSIAN_ONLY.findall(text))
            return "uk" if uk > ru else "ru"
        return {"arabic": "ar", "hebrew": "he"}[script]
    words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text.replace("İ", "i").casefold())[:5000]
    if len(words) < 5:
        return None
    scores: Counter[str] = Counter(_UNIQUE[w] for w in words if w in _UNIQUE)
    if not scores:
        return None
    best, k = scores.most_common(1)[0]
    return best if k >= 3 else None
