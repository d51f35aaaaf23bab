"""Languages beyond the eight core ones: section headings, dates, job / degree / language words and
language detection in Chinese, Japanese, Korean, Russian, Ukrainian, Turkish, Swedish, Czech, Arabic
and Hebrew; right-to-left and CJK text in PDFs; text that is safe to print (lone UTF-16
surrogates, control characters, icon-font glyphs)."""
from __future__ import annotations

import json
import re
from typing import Any
from unittest import mock

import pytest
from click.testing import CliRunner
from cvfixtures import assemble_pdf, render_pdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from htdy.parsers.base import PdfParser, TextParser
from htdy.parsers.extract import lists
from htdy.parsers.extract.dates import find_range, is_present
from htdy.parsers.extract.language import detect_language
from htdy.parsers.extract.sections import split_sections
from htdy.parsers.extract.vocab import (
    DEGREE_WORDS,
    INSTITUTION_WORDS,
    LEGAL_FORMS,
    TITLE_WORDS,
    bare_heading,
    degree_len,
    fold,
    has_word,
    heading_key,
)
from htdy.parsers.layout import extract_layout
from htdy.parsers.layout.model import Layout, Line, Page, Span
from htdy.parsers.layout.sanitize import clean_text, clean_value, sanitize_layout


# --------------------------------------------------------------------------- headings
@pytest.mark.parametrize("text,key", [
    # Chinese, simplified and traditional
    ("工作经历", "work"), ("工作经验", "work"), ("实习经历", "work"), ("教育背景", "education"),
    ("教育经历", "education"), ("专业技能", "skills"), ("技能", "skills"), ("语言能力", "languages"),
    ("个人简介", "summary"), ("自我评价", "summary"), ("项目经验", "projects"), ("获奖情况", "awards"),
    ("证书", "certificates"), ("工作經歷", "work"), ("學歷", "education"), ("專業技能", "skills"),
    ("聯絡方式", "contact"), ("兴趣爱好", "interests"), ("发表论文", "publications"),
    # Japanese
    ("職歴", "work"), ("職務経歴", "work"), ("学歴", "education"), ("スキル", "skills"), ("資格", "certificates"),
    ("語学", "languages"), ("自己PR", "summary"), ("自己ＰＲ", "summary"), ("志望動機", "summary"),
    ("免許・資格", "certificates"), ("ボランティア", "volunteer"), ("学歴・職歴", "education"),
    # Korean
    ("경력", "work"), ("경력사항", "work"), ("학력", "education"), ("학력사항", "education"), ("기술", "skills"),
    ("보유기술", "skills"), ("자격증", "certificates"), ("어학", "languages"), ("자기소개", "summary"),
    ("수상 경력", "awards"),
    # Russian, Ukrainian (any case)
    ("Опыт работы", "work"), ("ОПЫТ РАБОТЫ", "work"), ("Образование", "education"), ("Навыки", "skills"),
    ("Ключевые навыки", "skills"), ("Языки", "languages"), ("Знание языков", "languages"), ("О себе", "summary"),
    ("Проекты", "projects"), ("Сертификаты", "certificates"), ("Контакты", "contact"),
    ("Личные данные", "contact"), ("Досвід роботи", "work"), ("Освіта", "education"), ("Мови", "languages"),
    # Turkish: İ / ı fold alike in capitals and lower case
    ("İş Deneyimi", "work"), ("İŞ DENEYİMİ", "work"), ("Deneyim", "work"), ("Eğitim", "education"),
    ("EĞİTİM", "education"), ("Yetenekler", "skills"), ("Beceriler", "skills"), ("Diller", "languages"),
    ("DİLLER", "languages"), ("Hakkımda", "summary"), ("HAKKIMDA", "summary"), ("Projeler", "projects"),
    ("Sertifikalar", "certificates"), ("Kişisel Bilgiler", "contact"),
    # Swedish, Norwegian, Danish
    ("Arbetslivserfarenhet", "work"), ("Erfarenhet", "work"), ("Utbildning", "education"),
    ("Kompetenser", "skills"), ("Färdigheter", "skills"), ("Språk", "languages"), ("Om mig", "summary"),
    ("Arbeidserfaring", "work"), ("Uddannelse", "education"), ("Sprog", "languages"),
    # Czech, Slovak
    ("Pracovní zkušenosti", "work"), ("Praxe", "work"), ("Vzdělání", "education"), ("Dovednosti", "skills"),
    ("Jazyky", "languages"), ("Jazykové znalosti", "languages"), ("O mně", "summary"), ("Profil", "summary"),
    ("Pracovné skúsenosti", "work"), ("Vzdelanie", "education"), ("Osobní údaje", "contact"),
    # Arabic, Hebrew
    ("الخبرة العملية", "work"), ("الخبرات", "work"), ("التعليم", "education"), ("المؤهلات العلمية", "education"),
    ("المهارات", "skills"), ("اللغات", "languages"), ("نبذة عني", "summary"), ("الملخص", "summary"),
    ("ניסיון תעסוקתי", "work"), ("השכלה", "education"), ("כישורים", "skills"), ("שפות", "languages"),
])
def test_headings_in_more_languages(text, key):
    assert heading_key(text) == key


@pytest.mark.parametrize("text,key", [
    ("【工作经历】", "work"), ("■ 学歴", "education"), ("一、教育背景", "education"), ("（二）专业技能", "skills"),
    ("第三部分 项目经验", "projects"), ("◆ 경력사항 ◆", "work"), ("3. Опыт работы", "work"), ("工作经历：", "work"),
    ("教育背景 Education", "education"), ("WORK EXPERIENCE 工作经历", "work"), ("— 自己PR —", "summary"),
])
def test_a_decorated_or_numbered_line_is_only_a_section_name(text, key):
    assert bare_heading(text) == key


@pytest.mark.parametrize("text", ["负责教育背景调查", "工作经历 教育背景", "熟悉 Java 技能", "学歴 2019年卒業",
                                  "Python 技能", "2019.04 工作经历"])
def test_a_line_with_more_than_a_section_name_is_no_bare_heading(text):
    assert bare_heading(text) is None


def _plain(texts: list[str], font: str = "NotoSansCJK-Regular") -> list[Line]:
    """Lines all set in one plain type (no size, weight or caps sets a heading apart)."""
    return [Line(spans=[Span(t, 50, 20 + 14 * i, 50 + 6 * len(t), 30 + 14 * i, font, 10.0)], page=0, cells=[0])
            for i, t in enumerate(texts)]


def test_cjk_headings_in_body_type_are_sections():
    lines = _plain(["张伟", "【个人简介】", "八年后端开发经验。", "一、工作经历", "2019.04 – 至今 字节跳动 高级工程师",
                    "负责推荐系统，负责教育背景调查。", "二、教育背景", "2012.09 – 2016.06 清华大学 本科", "■ 语言能力",
                    "英语：流利"])
    keys = [s.key for s in split_sections(lines)]
    assert keys == ["preamble", "summary", "work", "education", "languages"]


def test_latin_headings_in_body_type_still_need_typography():
    """The rule for scripts without capitals does not make a plain Latin line a heading."""
    lines = _plain(["Jane Doe", "Experience", "Acme, Developer 2019 – 2021", "Education", "MIT 2015 – 2019"],
                   font="Helvetica")
    lines[1].spans[0].bold = True
    keys = [s.key for s in split_sections(lines)]
    assert keys == ["preamble", "work"]  # "Education" in body type stays a line of the work section


# --------------------------------------------------------------------------- dates
@pytest.mark.parametrize("text,start,end,current", [
    # Russian (genitive, abbreviations, "г."), Ukrainian
    ("январь 2019 — по настоящее время", "2019-01", None, True),
    ("янв. 2019 – н.в.", "2019-01", None, True),
    ("сентября 2016 г. – мая 2018 г.", "2016-09", "2018-05", False),
    ("Май 2015 — Сентябрь 2017", "2015-05", "2017-09", False),
    ("03.2018 – сейчас", "2018-03", None, True),
    ("березень 2020 – дотепер", "2020-03", None, True),
    ("липня 2017 – лютого 2020", "2017-07", "2020-02", False),
    # Turkish
    ("Ocak 2020 – Günümüz", "2020-01", None, True),
    ("Şubat 2018 – Halen", "2018-02", None, True),
    ("MAYIS 2019 – ARALIK 2020", "2019-05", "2020-12", False),
    ("Eyl 2016 - Ağu 2019", "2016-09", "2019-08", False),
    ("Eylül 2019 - Devam ediyor", "2019-09", None, True),
    # Swedish, Norwegian, Danish
    ("jan 2020 – pågående", "2020-01", None, True),
    ("augusti 2016 – mars 2019", "2016-08", "2019-03", False),
    ("sept 2015 - nu", "2015-09", None, True),
    ("maj 2018 – dags dato", "2018-05", None, True),
    ("desember 2017 – nå", "2017-12", None, True),
    # Czech, Slovak
    ("leden 2020 – současnost", "2020-01", None, True),
    ("ledna 2019 - února 2020", "2019-01", "2020-02", False),
    ("led 2015 – úno 2016", "2015-01", "2016-02", False),
    ("1/2019 - dosud", "2019-01", None, True),
    ("září 2014 – červen 2016", "2014-09", "2016-06", False),
    ("červenec 2016 – doposud", "2016-07", None, True),
    # CJK and numeric forms
    ("2019.04", "2019-04", "2019-04", False),
    ("2019/04 - 2021/03", "2019-04", "2021-03", False),
    ("2019年4月", "2019-04", "2019-04", False),
    ("2019年4月〜2021年3月", "2019-04", "2021-03", False),
    ("2019年4月～2021年3月", "2019-04", "2021-03", False),
    ("2019.04 – 至今", "2019-04", None, True),
    ("2019年4月至今", "2019-04", None, True),
    ("2019年4月 - 現在", "2019-04", None, True),
    ("2018年3月 - 在職中", "2018-03", None, True),
    ("2019 年 4 月 ～ 現 在", "2019-04", None, True),
    ("２０１９年４月－２０２１年３月", "2019-04", "2021-03", False),
    ("2019. 04. ~ 2021. 03.", "2019-04", "2021-03", False),
    ("2019년 4월 ~ 현재", "2019-04", None, True),
    ("2020.03 ~ 재직중", "2020-03", None, True),
    ("平成31年4月 - 令和3年3月", "2019-04", "2021-03", False),
    ("令和元年5月", "2019-05", "2019-05", False),
    # Arabic (Arabic-Indic digits), Hebrew
    ("٢٠١٩ - ٢٠٢١", "2019", "2021", False),
    ("يناير 2019 - حتى الآن", "2019-01", None, True),
    ("أبريل ٢٠١٨ - الآن", "2018-04", None, True),
    ("2018 - היום", "2018", None, True),
    ("ינואר 2017 - כיום", "2017-01", None, True),
])
def test_dates_in_more_languages(text, start, end, current):
    r = find_range(text)
    assert r is not None
    assert (r.start, r.end, r.current) == (start, end, current)


def test_a_date_stamp_is_no_open_range():
    """"2024年4月1日現在" heads a Japanese résumé: "as of 1 April 2024", not a range to now."""
    r = find_range("2024年4月1日現在")
    assert r is not None and (r.start, r.end, r.current) == ("2024-04", "2024-04", False)


def test_a_word_before_a_year_is_a_month_only_when_it_names_one():
    assert find_range("Developer 2009-01-01 — 2011-04-01").start == "2009-01"  # type: ignore[union-attr]
    assert find_range("Marketing 2019").start == "2019"  # type: ignore[union-attr]
    assert find_range("Office Pro 2016").start == "2016"  # type: ignore[union-attr]


@pytest.mark.parametrize("text", ["至今", "現在", "현재", "по настоящее время", "н.в.", "günümüz", "pågående",
                                  "současnost", "حتى الآن", "היום"])
def test_open_end_words_alone(text):
    assert is_present(text)


# --------------------------------------------------------------------------- words
@pytest.mark.parametrize("text,words", [
    ("高级软件工程师", TITLE_WORDS), ("产品经理", TITLE_WORDS), ("シニアエンジニア", TITLE_WORDS),
    ("백엔드개발자", TITLE_WORDS), ("Ведущий инженер-программист", TITLE_WORDS), ("разработчика", TITLE_WORDS),
    ("Yazılım Mühendisi", TITLE_WORDS), ("Systemutvecklare", TITLE_WORDS), ("Vývojář", TITLE_WORDS),
    ("مهندس برمجيات", TITLE_WORDS), ("מפתחת תוכנה", TITLE_WORDS),
    ("Бакалавр", DEGREE_WORDS), ("Магистр", DEGREE_WORDS), ("Yüksek Lisans", DEGREE_WORDS),
    ("Kandidatexamen", DEGREE_WORDS), ("Bakalář", DEGREE_WORDS), ("硕士研究生", DEGREE_WORDS),
    ("修士課程", DEGREE_WORDS), ("석사", DEGREE_WORDS), ("البكالوريوس", DEGREE_WORDS), ("תואר שני", DEGREE_WORDS),
    ("Московский государственный университет", INSTITUTION_WORDS), ("Orta Doğu Teknik Üniversitesi", INSTITUTION_WORDS),
    ("清华大学", INSTITUTION_WORDS), ("서울대학교", INSTITUTION_WORDS), ("جامعة الملك سعود", INSTITUTION_WORDS),
    ("北京字节跳动科技有限公司", LEGAL_FORMS), ("株式会社メルカリ", LEGAL_FORMS), ("ООО «Яндекс»", LEGAL_FORMS),
])
def test_job_degree_school_and_company_words(text, words):
    assert has_word(text, words)


def test_no_cjk_or_nordic_word_inside_an_unrelated_latin_word():
    assert not has_word("Konsultare", TITLE_WORDS)  # a company, not Swedish "konsult"
    assert not has_word("holding the name", LEGAL_FORMS)


def test_degree_at_the_start_of_cjk_text():
    assert degree_len("硕士 计算机科学") == 2 and degree_len("本科计算机科学与技术") == 2
    assert degree_len("Yüksek Lisans, Bilgisayar") == len("Yüksek Lisans")


@pytest.mark.parametrize("text", ["Английский — свободно", "İngilizce (İleri)", "Engelska – flytande",
                                  "Angličtina – plynně", "英语：流利", "英語：ビジネスレベル", "영어: 유창",
                                  "الإنجليزية: ممتاز", "אנגלית: שוטפת", "Українська — рідна"])
def test_language_names_in_more_languages(text):
    assert lists.is_natural_language(text)


def test_fold_turkish_and_cjk():
    assert fold("HAKKIMDA") == fold("Hakkımda") == "hakkimda"
    assert fold("İŞ") == "is"
    assert fold("ガ") == "ガ" != fold("カ")  # a voiced kana is another letter
    assert fold("경력") == "경력"  # Hangul syllables stay whole


# --------------------------------------------------------------------------- language detection
_SAMPLES = {
    "en": "I built the payment service and led a team of four engineers at the company for three years.",
    "de": "Ich habe die Plattform für Zahlungen mit dem Team aufgebaut und bin für die Entwicklung verantwortlich.",
    "fr": "J'ai conçu les services de paiement avec une équipe de quatre personnes dans la société pour les clients.",
    "es": "Desarrollé los servicios de pagos con un equipo de cuatro personas para los clientes de la empresa.",
    "pt": "Desenvolvi os serviços de pagamento com uma equipe de quatro pessoas para os clientes da empresa.",
    "it": "Ho sviluppato i servizi di pagamento con il team della azienda per gli utenti e per i clienti.",
    "nl": "Ik heb de betaaldiensten gebouwd met een team van vier mensen voor het bedrijf en de klanten.",
    "pl": "Zbudowałem usługi płatności w zespole czterech osób oraz odpowiadałem za rozwój systemu dla klientów.",
    "tr": "Ödeme sistemini dört kişilik bir ekip ile geliştirdim ve bu projede yazılım mimarisi için çok çalıştım.",
    "sv": "Jag byggde betaltjänsten och ledde ett team på fyra utvecklare som arbetade med att förbättra systemet.",
    "cs": "Vyvíjel jsem platební systém v týmu, který se staral o zákazníky, a také jsem vedl projekty pro banku.",
    "zh": "负责推荐系统后端服务的设计与开发，带领四人团队完成了支付平台的重构，日均处理请求十亿次。",
    "ja": "決済サービスの設計と開発を担当し、四人のチームをリードしてシステムの移行を完了しました。",
    "ko": "결제 서비스의 설계와 개발을 담당했으며 네 명의 팀을 이끌고 시스템 이전을 완료했습니다.",
    "ru": "Разрабатывал платёжный сервис, руководил командой из четырёх инженеров и отвечал за архитектуру.",
    "uk": "Розробляв платіжний сервіс, керував командою з чотирьох інженерів і відповідав за архітектуру системи.",
    "ar": "قمت بتطوير خدمة الدفع وقيادة فريق من أربعة مهندسين والإشراف على بنية النظام في الشركة.",
    "he": "פיתחתי את שירות התשלומים והובלתי צוות של ארבעה מהנדסים שאחראי על ארכיטקטורת המערכת.",
}


@pytest.mark.parametrize("lang", sorted(_SAMPLES))
def test_language_detection(lang):
    assert detect_language(_SAMPLES[lang]) == lang


def test_a_cjk_name_in_an_english_cv_is_english():
    assert detect_language("张伟 (Wei Zhang)\n" + _SAMPLES["en"]) == "en"


# --------------------------------------------------------------------------- whole CVs as text
# language: name, label, headings (summary, work, education, skills, languages), work rows
# (dates, employer, title), education row (dates, school, degree), language lines, summary
CVS: dict[str, Any] = {
    "ru": ("Иван Петров", "Ведущий инженер-программист", ("О себе", "Опыт работы", "Образование", "Ключевые навыки",
                                                          "Знание языков"),
           [("январь 2019 — по настоящее время", "ООО «Яндекс»", "Ведущий разработчик"),
            ("сент. 2015 – дек. 2018", "АО «Тинькофф Банк»", "Инженер-программист")],
           ("2011 – 2015", "Московский государственный университет", "Бакалавр, Прикладная математика"),
           ["Английский — свободно", "Русский — родной"], "Разрабатываю высоконагруженные сервисы на Go и Python."),
    "uk": ("Олена Коваленко", "Розробник", ("Про себе", "Досвід роботи", "Освіта", "Навички", "Мови"),
           [("березень 2020 – дотепер", "ТОВ «Софтсерв»", "Провідний розробник"),
            ("липня 2017 – лютого 2020", "ТОВ «Епам»", "Інженер")],
           ("2013 – 2017", "Київський політехнічний інститут", "Бакалавр, Комп'ютерні науки"),
           ["Українська — рідна", "Англійська — вільно"], "Створюю надійні сервіси, які легко підтримувати."),
    "tr": ("Ayşe Yılmaz", "Kıdemli Yazılım Mühendisi", ("Hakkımda", "İŞ DENEYİMİ", "Eğitim", "Yetenekler", "Diller"),
           [("Ocak 2020 – Günümüz", "Trendyol A.Ş.", "Kıdemli Yazılım Mühendisi"),
            ("Eylül 2016 – Aralık 2019", "Garanti Bankası", "Yazılım Geliştirici")],
           ("2012 – 2016", "Orta Doğu Teknik Üniversitesi", "Lisans, Bilgisayar Mühendisliği"),
           ["İngilizce: İleri", "Türkçe: Ana dil"], "Dağıtık sistemler ve temiz kod konusunda deneyimli bir mühendisim."),
    "sv": ("Erik Lindqvist", "Systemutvecklare", ("Profil", "Arbetslivserfarenhet", "Utbildning", "Kompetenser", "Språk"),
           [("jan 2020 – pågående", "Spotify AB", "Senior utvecklare"),
            ("aug 2016 – dec 2019", "Klarna Bank AB", "Systemutvecklare")],
           ("2012 – 2016", "Kungliga Tekniska högskolan", "Civilingenjör, Datateknik"),
           ["Svenska – modersmål", "Engelska – flytande"], "Erfaren utvecklare som trivs med att bygga robusta tjänster."),
    "cs": ("Jan Novák", "Vývojář", ("O mně", "Pracovní zkušenosti", "Vzdělání", "Dovednosti", "Jazykové znalosti"),
           [("leden 2020 – současnost", "Seznam.cz, a.s.", "Senior vývojář"),
            ("9/2016 – 12/2019", "Avast Software s.r.o.", "Programátor")],
           ("2012 – 2016", "České vysoké učení technické v Praze", "Bakalář, Informatika"),
           ["Čeština – rodilý mluvčí", "Angličtina – plynně"], "Jsem vývojář, který se zajímá o distribuované systémy."),
    "zh": ("张伟", "高级软件工程师", ("【个人简介】", "一、工作经历", "二、教育背景", "三、专业技能", "四、语言能力"),
           [("2019年4月 - 至今", "北京字节跳动科技有限公司", "高级软件工程师"),
            ("2016.07 – 2019.03", "阿里巴巴集团", "Java开发工程师")],
           ("2012.09 - 2016.06", "清华大学", "本科"), ["英语：流利", "普通话：母语"],
           "八年后端开发经验，熟悉分布式系统和微服务架构，负责过多个高并发项目。"),
    "ja": ("山田 太郎", "ソフトウェアエンジニア", ("■ 自己PR", "■ 職務経歴", "■ 学歴", "■ スキル", "■ 語学"),
           [("2019年4月〜現在", "株式会社メルカリ", "バックエンドエンジニア"),
            ("2015年4月〜2019年3月", "楽天グループ株式会社", "ソフトウェアエンジニア")],
           ("2011年4月〜2015年3月", "東京大学", "学士"), ["英語：ビジネスレベル", "日本語：ネイティブ"],
           "分散システムの設計と開発を担当してきました。チームでの開発を大切にしています。"),
    "ko": ("김민준", "백엔드 개발자", ("자기소개", "경력사항", "학력사항", "보유기술", "어학"),
           [("2020. 03. ~ 현재", "네이버 주식회사", "백엔드 개발자"),
            ("2016.01 ~ 2020.02", "카카오", "소프트웨어 엔지니어")],
           ("2010.03 ~ 2016.02", "서울대학교", "학사"), ["영어: 유창", "한국어: 원어민"],
           "대규모 트래픽을 처리하는 서비스를 개발해 왔으며 팀과 함께 성장하는 것을 좋아합니다."),
    "ar": ("محمد أحمد", "مهندس برمجيات", ("نبذة عني", "الخبرة العملية", "التعليم", "المهارات", "اللغات"),
           [("يناير 2019 - حتى الآن", "شركة أرامكو", "مهندس برمجيات أول"),
            ("2015 - 2018", "شركة الاتصالات السعودية", "مطور")],
           ("2010 - 2015", "جامعة الملك سعود", "بكالوريوس"), ["العربية: اللغة الأم", "الإنجليزية: ممتاز"],
           "مهندس برمجيات لديه خبرة في تطوير الأنظمة الموزعة والعمل ضمن فريق."),
    "he": ("דנה כהן", "מפתחת תוכנה", ("תקציר", "ניסיון תעסוקתי", "השכלה", "כישורים", "שפות"),
           [("2019 - היום", "וויקס בע\"מ", "מפתחת תוכנה בכירה"), ("2015 - 2019", "צ'ק פוינט", "מפתחת")],
           ("2011 - 2015", "הטכניון", "תואר ראשון"), ["עברית: שפת אם", "אנגלית: שוטפת"],
           "מפתחת תוכנה עם ניסיון במערכות מבוזרות ועבודה בצוות."),
}


def _text_cv(lang: str) -> str:
    name, label, h, work, edu, langs, summary = CVS[lang]
    out = [name, label, "mail@example.com | +1 555 0100", "", h[0], summary, "", h[1]]
    for d, c, t in work:
        out += [f"{d} | {c} | {t}", "- Python, Go"]
    out += ["", h[2], " | ".join(edu), "", h[3], "Python, Go, SQL, Docker", "", h[4], *langs]
    return "\n".join(out) + "\n"


def _expect(lang: str, r: Any) -> None:
    name, label, h, work, edu, langs, _ = CVS[lang]
    res = r.resume
    assert r.extras["language"] == lang
    assert [fold(t) for t in r.extras["sections"]] == [fold(t) for t in h]
    assert res["basics"]["name"] == name and res["basics"]["label"] == label
    w = res["work"]
    assert [(e.get("name"), e.get("position")) for e in w] == [(c, t) for _, c, t in work]
    assert "endDate" not in w[0] and w[0]["startDate"] == find_range(work[0][0]).start  # type: ignore[union-attr]
    assert (w[1]["startDate"], w[1]["endDate"]) == (find_range(work[1][0]).start, find_range(work[1][0]).end)  # type: ignore[union-attr]
    e = res["education"][0]
    assert e["institution"] == edu[1] and e["startDate"] == find_range(edu[0]).start  # type: ignore[union-attr]
    assert [x["language"] for x in res["languages"]] == [re.split(r"\s*[:：—–]\s*", x)[0] for x in langs]
    assert res["skills"][0]["keywords"][:2] == ["Python", "Go"]


@pytest.mark.parametrize("lang", sorted(CVS))
def test_text_cv(lang):
    r = TextParser(TextParser.Options()).parse(_text_cv(lang).encode())
    _expect(lang, r)


# --------------------------------------------------------------------------- PDFs
_CSS = "body{font-family:'DejaVu Sans',sans-serif;font-size:10pt} .row{display:flex;justify-content:space-between}" \
       " p{margin:2pt 0}"


def _cv_html(lang: str) -> str:
    """Headings in body type (no weight or size sets them apart); dates right (left in right-to-left)."""
    name, label, h, work, edu, langs, summary = CVS[lang]
    rows = [f"<p style='font-size:20pt'>{name}</p><p>{label}</p><p>mail@example.com | +1 555 0100</p>",
            f"<p>{h[0]}</p><p>{summary}</p><p>{h[1]}</p>"]
    for d, c, t in work:
        rows.append(f"<div class='row'><span>{c} | {t}</span><span>{d}</span></div><p>Python, Go</p>")
    rows.append(f"<p>{h[2]}</p><div class='row'><span>{edu[1]} | {edu[2]}</span><span>{edu[0]}</span></div>")
    rows.append(f"<p>{h[3]}</p><p>Python, Go, SQL, Docker</p><p>{h[4]}</p>" + "".join(f"<p>{x}</p>" for x in langs))
    rtl = " dir='rtl'" if lang in ("ar", "he") else ""
    return f"<html{rtl}><head><meta charset='utf-8'><style>{_CSS}</style></head><body>{''.join(rows)}</body></html>"


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    # rendered in a child process: WeasyPrint's CJK font caches would stay in this process, and
    # the parser pool's forked workers (test_pipeline checks their peak RSS) would inherit them
    import concurrent.futures as cf
    import multiprocessing as mp

    with cf.ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as ex:
        langs = ("zh", "ja", "he", "ar")
        return dict(zip(langs, ex.map(render_pdf, [_cv_html(lang) for lang in langs]), strict=True))


@pytest.mark.parametrize("backend", ["pdfium", "pdfminer"])
@pytest.mark.parametrize("lang", ["zh", "ja", "he", "ar"])
def test_pdf_cv(pdfs, lang, backend):
    """CJK headings in body type, CJK text set in several fonts (no word gaps made up at the font
    changes), right-to-left text in reading order (Hebrew, Arabic with its lam-alef ligatures)."""
    r = PdfParser(PdfParser.Options(backend=backend)).parse(pdfs[lang])
    _expect(lang, r)


@pytest.mark.parametrize("backend", ["pdfium", "pdfminer"])
def test_right_to_left_lines_read_in_order(pdfs, backend):
    texts = [ln.text for p in extract_layout(pdfs["he"], "pdf", backend=backend).pages for ln in p.lines]
    assert "ניסיון תעסוקתי" in texts and "מפתחת תוכנה עם ניסיון במערכות מבוזרות ועבודה בצוות." in texts
    assert any(t.startswith("2015 - 2019 ") and t.endswith("צ'ק פוינט | מפתחת") for t in texts)


# --------------------------------------------------------------------------- safe text
def test_clean_text_and_values():
    assert clean_text("\ud83d\ude00 a") == "\U0001f600 a"  # a surrogate pair is its character
    assert clean_text("\ud835\udc09\ud835\udc1a\ud835\udc27\ud835\udc1e") == "Jane"  # (a math alphabet, as NFKC reads it)
    assert clean_text("a\ud835b") == "a\ufffdb"  # a lone one an unknown glyph
    assert clean_text("\x01Icon soft\x02") == "\x01Icon soft\x02"  # control codes stay in the layout
    assert clean_text("ＡＢＣ１２３：　x") == "ABC123: x"
    assert clean_text("\U000f0041 call") == "\ue000 call"
    assert clean_text("2016\u201001 \u2010 2019\u221203") == "2016-01 - 2019-03"  # a font's hyphen glyphs
    assert clean_value({"a": ["\ue0b0 +49 151", "x\x00y\ud800", "two\nlines"]}) == {"a": ["+49 151", "x y", "two\nlines"]}


def test_the_corpus_headings_are_known():
    """Every section heading the corpus factory prints (16 languages) names its section; "Резюме"
    is left out: as a heading it usually titles the whole CV."""
    from htdy.parsers.training.locales import HEADINGS

    wrong = [(lang, key, ph, heading_key(ph)) for lang, d in HEADINGS.items() for key, phrases in d.items()
             for ph in phrases if heading_key(ph) != key and ph != "Резюме"]
    assert not wrong


def test_the_corpus_job_titles_name_a_job():
    """Every job title the corpus factory gives its people (both genders, 16 languages), as written
    and in capitals, is read as one: teachers, nurses, accountants, "Datenanalystin", "看護師"."""
    from htdy.parsers.extract.header_pieces import title_like as _title
    from htdy.parsers.training.phrases import TITLES

    unknown = [f for ts in TITLES.values() for t in ts for f in t.split("|") if not (_title(f) and _title(f.upper()))]
    assert not unknown


def test_icon_font_glyphs_read_as_icons():
    """marvosym maps its envelope to "B" and its globe to "m": set in an icon font, they are icons,
    not letters glued to the e-mail address or the city after them."""
    spans = [Span("m", 10, 0, 16, 10, font="ABCDEF+MarVoSym", size=10),
             Span(" Valladolid", 17, 0, 60, 10, font="NimbusSanL-Regu", size=10),
             Span("\uf0e0 x", 61, 0, 70, 10, font="FontAwesome5Free-Solid", size=10)]
    layout = sanitize_layout(Layout(pages=[Page(width=100, height=100, lines=[Line(spans=spans, page=0)])]))
    assert [s.text for s in layout.pages[0].lines[0].spans] == ["\ue000", " Valladolid", "\ue000 \ue000"]


_BAD_CHARS = st.sampled_from(["\ud835", "\udc00", "\ud835\udc00", "\x00", "\x07", "\x1b", "\x85", "\x9f", "\ue0b0",
                              "\uf0e0", "\U000f0041", "\ufffd", "\ufffe", "\t", "\u200b", "\u00ad", "\x02"])
_TEXT = st.lists(st.one_of(_BAD_CHARS, st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=6)),
                 max_size=12).map("".join)


def _assert_safe(resume: dict[str, Any], extras: dict[str, Any]) -> None:
    for doc in (resume, extras):
        out = json.dumps(doc, ensure_ascii=False)
        out.encode("utf-8")  # lone surrogates would raise here
    strings: list[str] = []

    def walk(v: Any) -> None:
        if isinstance(v, str):
            strings.append(v)
        elif isinstance(v, dict):
            for k, x in v.items():
                walk(k)
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
    walk(resume)
    assert not [s for s in strings if re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufffd"
                                                "\U000f0000-\U0010ffff]", s)]


_TEMPLATE = ["{0}Jane {1}Doe", "jane@example.com {2}| +44 7700 900123", "Summary", "Backend {3} developer.",
             "Experience", "2019 – 2021 | Acme{4} Ltd | Developer", "- Built {5} things", "Skills", "Python, {6}Go",
             "Languages", "English {7}(native)"]


@settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(bits=st.lists(_TEXT, min_size=8, max_size=8))
def test_fuzz_text_with_surrogates_controls_and_icons_prints(bits):
    """Any text in any field: the layout and the result hold no lone surrogate, control character
    or private-use glyph, and the JSON prints. The spans are handed in as a backend would (a
    PDF's ToUnicode map can name a lone surrogate); the text backend sees the same text as UTF-16."""
    lines = [t.format(*bits) for t in _TEMPLATE]
    layout = Layout(kind="text", backend="text", has_geometry=False)
    layout.pages = [Page(width=600, height=400, lines=[
        Line(spans=[Span(t, 0, 12 * i, 5 * len(t), 12 * i + 10, "", 10.0)], page=0, cells=[0])
        for i, t in enumerate(lines)])]
    parser = TextParser(TextParser.Options())
    with mock.patch("htdy.parsers.layout._extract", return_value=layout):
        r = parser.parse(b"-")
    _assert_safe(r.resume, r.extras)
    data = b"\xff\xfe" + "\n".join(lines).encode("utf-16-le", "surrogatepass")
    r = parser.parse(data)
    _assert_safe(r.resume, r.extras)


def _surrogate_pdf() -> bytes:
    """Helvetica with a ToUnicode map that names lone UTF-16 surrogates (``{`` → U+D835, ``|`` →
    U+DC00) and a control character (``~`` → U+0007), as broken PDF producers write them."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def\n"
            b"1 begincodespacerange <00> <FF> endcodespacerange\n"
            b"3 beginbfchar <7B> <D835> <7C> <DC00> <7E> <0007> endbfchar\n"
            b"1 beginbfrange <20> <7A> <0020> endbfrange\n"
            b"endcmap CMapName currentdict /CMap defineresource pop end end")
    lines = [b"Jane Doe", b"Summary", b"Backend developer {with} ~ten| years {", b"Experience",
             b"2019 - 2021 Developer, Acme {Inc|"]
    content = b"".join(b"BT /F1 12 Tf 72 %d Td (%s) Tj ET " % (720 - 20 * i, t) for i, t in enumerate(lines))
    return assemble_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        b"<< /Length " + str(len(cmap)).encode() + b" >>\nstream\n" + cmap + b"\nendstream",
    ])


def _cli() -> Any:
    from htdy.core.commands.cli import _load_commands, cli
    _load_commands()
    return cli


@pytest.mark.parametrize("backend", ["pdfium", "pdfminer"])
def test_cli_prints_a_pdf_whose_text_holds_lone_surrogates(tmp_path, monkeypatch, backend):
    monkeypatch.setenv("HTDY_DISABLE_ENTRYPOINTS", "1")
    path = tmp_path / "surrogates.pdf"
    path.write_bytes(_surrogate_pdf())
    res = CliRunner().invoke(_cli(), ["parse", "--json", "--extras", "--backend", backend, str(path)])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert doc["resume"]["basics"]["name"] == "Jane Doe"
    assert "ten years" in doc["resume"]["basics"]["summary"]
    assert doc["resume"]["work"][0]["startDate"] == "2019"
    _assert_safe(doc["resume"], doc["extras"])


def test_cli_output_survives_a_stdout_that_cannot_encode(monkeypatch):
    """A terminal in an 8-bit locale (cp1252) cannot print 张伟: the JSON is printed with \\u escapes."""
    import io
    import sys

    from htdy.core.commands.parse import _print
    buf = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(buf, encoding="cp1252"))
    _print({"name": "张伟 Müller"}, True)
    sys.stdout.flush()
    assert json.loads(buf.getvalue().decode("cp1252"))["name"] == "张伟 Müller"


def test_cli_dump_replaces_a_lone_surrogate_from_any_parser():
    from htdy.core.commands.parse import _dump
    out = _dump({"name": "x\ud835y"}, compact=True)
    assert json.loads(out)["name"] == "x\ufffdy" and out.encode("utf-8")


@pytest.mark.parametrize("backend", ["pdfium", "pdfminer"])
def test_characters_beyond_the_bmp_read_alike(backend):
    """pdfium lists a character beyond the BMP as its two UTF-16 halves: they are one character
    again (and a name in a math alphabet, 𝐉𝐚𝐧𝐞 𝐃𝐨𝐞, reads as NFKC reads it)."""
    import concurrent.futures as cf
    import multiprocessing as mp

    with cf.ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as ex:  # emoji font caches stay there
        pdf = ex.submit(render_pdf, "<html><head><meta charset='utf-8'></head><body><p>𝐉𝐚𝐧𝐞 𝐃𝐨𝐞 😀 Dev</p>"
                                    "</body></html>").result()
    texts = [ln.text for p in extract_layout(pdf, "pdf", backend=backend).pages for ln in p.lines]
    assert texts == ["Jane Doe 😀 Dev"]
