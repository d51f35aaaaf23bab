"""Month names and open-end words beyond the eight core languages (merged into
:mod:`htdy.parsers.extract.dates`): Russian and Ukrainian (nominative and genitive, abbreviations),
Turkish, Swedish / Norwegian / Danish, Czech / Slovak, Arabic, Hebrew; CJK open ends and digits."""
from __future__ import annotations

import re

# one string per month, January first; compared after fold() (so "май" is "маи", "Şubat" "subat")
MONTHS_INTL = (
    "январь января янв січень січня січ ocak oca januari januar leden ledna led január يناير ינואר",
    "февраль февраля фев февр лютий лютого лют şubat şub februari februar únor února úno február فبراير شباط "
    "פברואר",
    "март марта мар березень березня бер mart mars marts březen března bře marec مارس آذار מרץ",
    "апрель апреля апр квітень квітня кві квіт nisan nis april duben dubna dub apríl أبريل ابريل إبريل نيسان "
    "אפריל",
    "май мая травень травня тра трав mayıs maj mai květen května kvě máj مايو أيار מאי",
    "июнь июня июн червень червня чер черв haziran haz juni jun červen června čvn jún يونيو حزيران יוני",
    "июль июля июл липень липня лип temmuz tem juli jul červenec července čvc júl يوليو تموز יולי",
    "август августа авг серпень серпня сер серп ağustos ağu augusti aug srpen srpna srp أغسطس اغسطس آب אוגוסט",
    "сентябрь сентября сен сент вересень вересня вер eylül eyl september sep sept září zář septembre سبتمبر "
    "أيلول ספטמבר",
    "октябрь октября окт жовтень жовтня жов жовт ekim eki oktober okt říjen října říj október أكتوبر اكتوبر "
    "אוקטובר",
    "ноябрь ноября ноя нояб листопад листопада лис лист kasım kas november nov listopadu نوفمبر נובמבר",
    "декабрь декабря дек грудень грудня гру груд aralık ara december desember dec prosinec prosince december "
    "ديسمبر דצמבר",
)

# open ends ("to present") in Latin, Cyrillic, Arabic and Hebrew script; matched whole-word, with or
# without diacritics
PRESENT_INTL = (
    "настоящее время", "по настоящее время", "наст. время", "по наст. время", "н.в.", "н. в.", "по н.в.",
    "по н. в.", "сейчас", "текущее время", "по сей день", "теперішній час", "по теперішній час", "дотепер",
    "зараз", "тепер", "günümüz", "günümüze", "günümüze kadar", "halen", "hâlâ", "devam ediyor", "şu an",
    "pågående", "nuvarande", "tills vidare", "dags dato", "d.d.", "nå", "i dag", "idag", "současnost",
    "současnosti", "do současnosti", "dosud", "doposud", "nyní", "dodnes", "trvá", "súčasnosť", "doteraz",
    "doposiaľ", "حتى الآن", "الآن", "حاليا", "حتى اليوم", "للآن", "היום", "כיום", "עד היום", "עד עכשיו",
    "הווה",
    # CJK (matched by CJK_PRESENT below, without word boundaries)
    "至今", "迄今", "至现在", "到现在", "至現在", "到現在", "现在", "現在", "目前", "今", "在職中", "在职", "在職",
    "現職", "现职", "現在まで", "현재", "재직중", "재직 중", "진행중",
)

# Han, kana, Hangul
CJK_WORD = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")

# CJK open ends: no word boundaries in scripts without spaces ("2019年4月至今"); "今" alone only
# before a non-letter ("今年" is this year)
CJK_PRESENT = (r"(?:至今|迄今|[至到]\s?[现現]\s?在|現\s?在\s?まで|現\s?在\s?に\s?至\s?る|[现現]\s?在|目\s?前|"
               r"在\s?[职職]\s?中?|[現现]\s?[職职]|현\s?재|재\s?직\s?중?|진\s?행\s?중|今(?!\w))")
# CJK open ends that carry their own "to" ("2019年4月至今"): no separator needed before them
CJK_SELF_JOINED = "至到迄"

# digits of other scripts (Arabic-Indic, Persian, full-width) and full-width separators as ASCII,
# one character for one so that text offsets stay valid
DIGITS = str.maketrans({**{chr(0x660 + i): str(i) for i in range(10)}, **{chr(0x6F0 + i): str(i) for i in range(10)},
                        **{chr(0xFF10 + i): str(i) for i in range(10)}, "．": ".", "／": "/", "－": "-", "～": "~",
                        "\u3000": " ", "：": ":", "（": "(", "）": ")"})

# Japanese eras: the Gregorian year of each era's first year (元年)
ERAS = {"昭和": 1926, "平成": 1989, "令和": 2019}
