"""Per-language calendar, place and heading data for the corpus factory (``people.py``).

Written by hand from language knowledge; cities and universities are real places, people are not.
Every table is keyed by the language codes of ``people.LANGS``.
"""
from __future__ import annotations


def _split(s: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in s.split(";"))


# Faker locales per language; a person draws one (its country fixes cities, postal codes and phone style).
FAKER = {
    "en": ("en_US", "en_GB"), "de": ("de_DE",), "fr": ("fr_FR",), "es": ("es_ES",), "pt": ("pt_BR", "pt_PT"),
    "it": ("it_IT",), "nl": ("nl_NL",), "pl": ("pl_PL",), "zh": ("zh_CN",), "ja": ("ja_JP",),
    "ko": ("ko_KR",),
    "ru": ("ru_RU",), "tr": ("tr_TR",), "sv": ("sv_SE",), "cs": ("cs_CZ",), "ar": ("ar_SA", "ar_AA"),
}

# locale -> (ISO country code, ways the country is written in the CV's language, real cities), ';'-separated.
# US cities carry their state code (printed as 'Austin, TX' -> basics.location.region).
_COUNTRY = {
    "en_US": ("US", "USA; United States",
              "New York|NY; Chicago|IL; Austin|TX; Seattle|WA; Boston|MA; Denver|CO; San Francisco|CA; "
              "Atlanta|GA; Portland|OR; Minneapolis|MN; Raleigh|NC"),
    "en_GB": ("GB", "United Kingdom; UK",
              "London; Manchester; Birmingham; Leeds; Bristol; Edinburgh; Glasgow; Cardiff; Liverpool; "
              "Sheffield; Nottingham"),
    "de_DE": ("DE", "Deutschland",
              "Berlin; Hamburg; München; Köln; Frankfurt am Main; Stuttgart; Düsseldorf; Leipzig; Dresden; "
              "Hannover; Nürnberg; Bremen"),
    "fr_FR": ("FR", "France",
              "Paris; Lyon; Marseille; Toulouse; Nantes; Bordeaux; Lille; Strasbourg; Rennes; Montpellier; "
              "Grenoble"),
    "es_ES": ("ES", "España",
              "Madrid; Barcelona; Valencia; Sevilla; Zaragoza; Málaga; Bilbao; Murcia; Valladolid; Alicante; "
              "Granada"),
    "pt_BR": ("BR", "Brasil",
              "São Paulo; Rio de Janeiro; Belo Horizonte; Curitiba; Porto Alegre; Recife; Salvador; Brasília;"
              " Fortaleza; Campinas; Florianópolis"),
    "pt_PT": ("PT", "Portugal",
              "Lisboa; Porto; Braga; Coimbra; Aveiro; Faro; Setúbal; Évora; Funchal; Leiria"),
    "it_IT": ("IT", "Italia",
              "Roma; Milano; Torino; Napoli; Bologna; Firenze; Genova; Padova; Verona; Bari; Palermo"),
    "nl_NL": ("NL", "Nederland",
              "Amsterdam; Rotterdam; Utrecht; Den Haag; Eindhoven; Groningen; Leiden; Delft; Tilburg; "
              "Nijmegen; Haarlem"),
    "pl_PL": ("PL", "Polska",
              "Warszawa; Kraków; Wrocław; Poznań; Gdańsk; Łódź; Katowice; Lublin; Szczecin; Białystok"),
    "zh_CN": ("CN", "中国",
              "北京; 上海; 深圳; 广州; 杭州; 成都; 南京; 武汉; 西安; 苏州; 天津"),
    "ja_JP": ("JP", "日本",
              "東京; 大阪; 横浜; 名古屋; 福岡; 札幌; 京都; 神戸; 仙台; 広島"),
    "ko_KR": ("KR", "대한민국; 한국",
              "서울; 부산; 인천; 대구; 대전; 광주; 수원; 성남; 울산"),
    "ru_RU": ("RU", "Россия",
              "Москва; Санкт-Петербург; Новосибирск; Екатеринбург; Казань; Нижний Новгород; Самара; "
              "Краснодар; Томск; Пермь"),
    "tr_TR": ("TR", "Türkiye",
              "İstanbul; Ankara; İzmir; Bursa; Antalya; Eskişehir; Kocaeli; Konya; Adana; Kayseri"),
    "sv_SE": ("SE", "Sverige",
              "Stockholm; Göteborg; Malmö; Uppsala; Lund; Linköping; Umeå; Västerås; Örebro; Helsingborg"),
    "cs_CZ": ("CZ", "Česká republika; Česko",
              "Praha; Brno; Ostrava; Plzeň; Olomouc; Liberec; České Budějovice; Hradec Králové; Pardubice; "
              "Zlín"),
    "ar_SA": ("SA", "المملكة العربية السعودية; السعودية",
              "الرياض; جدة; الدمام; مكة المكرمة; المدينة المنورة; الخبر; الطائف"),
    "ar_AA": ("AE", "الإمارات العربية المتحدة; الإمارات",
              "دبي; أبوظبي; الشارقة; العين; عجمان"),
}
COUNTRY = {loc: (code, _split(names), _split(cities)) for loc, (code, names, cities) in _COUNTRY.items()}

# Postal code shapes ('#' = digit, 'A' = capital letter) for countries whose CVs print 'code city'.
POSTAL = {"DE": "#####", "FR": "#####", "ES": "#####", "IT": "#####", "NL": "#### AA", "PL": "##-###",
          "CZ": "### ##", "SE": "### ##", "PT": "####-###", "BR": "#####-###"}

# How the home address line is printed: per language or 'default', plus 'postal' for countries in POSTAL
# and 'US' ('Austin, TX') for US cities.
LOCATION_PATTERNS = {
    "default": ("{city}", "{city}", "{city}, {country}"),
    "postal": ("{postal} {city}", "{postal} {city}, {country}"),
    "US": ("{city}, {region}", "{city}, {region}, {country}"),
    "zh": ("{city}", "{country} {city}", "{country}{city}"),
    "ja": ("{city}", "{country} {city}", "{country}{city}"),
    "ko": ("{city}", "{country} {city}"),
    "ar": ("{city}", "{city}", "{city}، {country}"),
}

MONTHS = {
    "en": ("January February March April May June July August September October November December",
           "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec"),
    "de": ("Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
           "Jan. Feb. März Apr. Mai Juni Juli Aug. Sept. Okt. Nov. Dez."),
    "fr": ("janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
           "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc."),
    "es": ("enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
           "ene. feb. mar. abr. may. jun. jul. ago. sept. oct. nov. dic."),
    "pt": ("janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
           "jan. fev. mar. abr. mai. jun. jul. ago. set. out. nov. dez."),
    "it": ("gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
           "gen feb mar apr mag giu lug ago set ott nov dic"),
    "nl": ("januari februari maart april mei juni juli augustus september oktober november december",
           "jan feb mrt apr mei jun jul aug sep okt nov dec"),
    "pl": ("styczeń luty marzec kwiecień maj czerwiec lipiec sierpień wrzesień październik listopad grudzień",
           "sty lut mar kwi maj cze lip sie wrz paź lis gru"),
    "ru": ("январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь",
           "янв. февр. март апр. май июнь июль авг. сент. окт. нояб. дек."),
    "tr": ("Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık",
           "Oca Şub Mar Nis May Haz Tem Ağu Eyl Eki Kas Ara"),
    "sv": ("januari februari mars april maj juni juli augusti september oktober november december",
           "jan feb mar apr maj jun jul aug sep okt nov dec"),
    "cs": ("leden únor březen duben květen červen červenec srpen září říjen listopad prosinec",
           "led úno bře dub kvě čer čvc srp zář říj lis pro"),
    "ar": ("يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
           "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر"),
}


def month_names(lang: str) -> tuple[list[str], list[str]] | None:
    """(full names, abbreviations) for January..December, or None where months are written as numbers."""
    if lang not in MONTHS:
        return None
    full, abbr = MONTHS[lang]
    return full.split(), abbr.split()


def format_date(lang: str, style: str, y: int, m: int, cap: bool = False) -> str:
    """One date as printed in ``style`` (one of DATE_STYLES); ``cap`` capitalises a month name."""
    if style == "year":
        return str(y)
    names = month_names(lang)
    if style in ("abbr", "full", "full_de") and names:
        word = (names[1] if style == "abbr" else names[0])[m - 1]
        word = word[:1].upper() + word[1:] if cap else word
        return f"{word} de {y}" if style == "full_de" else f"{word} {y}"
    return {"m/yyyy": f"{m}/{y}", "mm.yyyy": f"{m:02d}.{y}", "mm-yyyy": f"{m:02d}-{y}", "iso": f"{y}-{m:02d}",
            "yyyy.mm": f"{y}.{m:02d}", "yyyy/mm": f"{y}/{m:02d}", "yyyy年m月": f"{y}年{m}月",
            "yyyy. mm.": f"{y}. {m:02d}.", "yyyy년 m월": f"{y}년 {m}월"}.get(style, f"{m:02d}/{y}")


def iso_date(style: str, y: int, m: int) -> str:
    """The truth for a date printed in ``style``: 'YYYY' when only the year is printed, else 'YYYY-MM'."""
    return str(y) if style == "year" else f"{y}-{m:02d}"


# Date display styles a person of the language may use (formatters in people.py). 'year' = year only.
DATE_STYLES = {
    "en": ("mm/yyyy", "m/yyyy", "abbr", "abbr", "full", "iso", "year"),
    "de": ("mm/yyyy", "mm/yyyy", "mm.yyyy", "abbr", "full", "year"),
    "fr": ("mm/yyyy", "mm/yyyy", "abbr", "full", "iso", "year"),
    "es": ("mm/yyyy", "m/yyyy", "abbr", "full", "full_de", "year"),
    "pt": ("mm/yyyy", "abbr", "full", "full_de", "year"),
    "it": ("mm/yyyy", "mm/yyyy", "abbr", "full", "year"),
    "nl": ("mm-yyyy", "mm/yyyy", "abbr", "full", "year"),
    "pl": ("mm.yyyy", "mm/yyyy", "full", "abbr", "year"),
    "zh": ("yyyy.mm", "yyyy.mm", "yyyy/mm", "yyyy年m月", "iso", "year"),
    "ja": ("yyyy.mm", "yyyy/mm", "yyyy年m月", "yyyy年m月", "year"),
    "ko": ("yyyy. mm.", "yyyy.mm", "yyyy년 m월", "iso", "year"),
    "ru": ("mm.yyyy", "mm.yyyy", "full", "abbr", "mm/yyyy", "year"),
    "tr": ("mm/yyyy", "mm.yyyy", "full", "abbr", "year"),
    "sv": ("iso", "full", "abbr", "mm/yyyy", "year"),
    "cs": ("mm.yyyy", "mm/yyyy", "m/yyyy", "full", "year"),
    "ar": ("mm/yyyy", "full", "full", "iso", "year"),
}
# Month names are lower case in these languages; some people capitalise them anyway.
LOWER_MONTHS = {"fr", "es", "pt", "it", "nl", "pl", "ru", "sv", "cs"}

SEPARATORS = {
    "default": (" – ", " – ", " - ", " — ", "–", " -- "),
    "en": (" – ", " - ", " — ", " to ", "–"),
    "de": (" – ", " - ", " bis ", "–"),
    "nl": (" – ", " - ", " tot ", "–"),
    "zh": (" – ", " - ", " ~ ", "～", "—", "-"),
    "ja": (" – ", " - ", "〜", " ～ ", "-"),
    "ko": (" – ", " - ", " ~ ", "~"),
}

PRESENT = {
    "en": ("Present", "present", "Current", "Now"), "de": ("heute", "Heute", "aktuell", "jetzt"),
    "fr": ("aujourd'hui", "Aujourd'hui", "présent", "en cours"),
    "es": ("actualidad", "Actualidad", "presente", "Actual"),
    "pt": ("atual", "Atual", "presente", "o momento"), "it": ("oggi", "presente", "in corso", "Oggi"),
    "nl": ("heden", "nu", "Heden", "present"), "pl": ("obecnie", "nadal", "Obecnie", "teraz"),
    "zh": ("至今", "至今", "现在", "今"), "ja": ("現在", "現在", "至現在"), "ko": ("현재", "현재", "재직중"),
    "ru": ("настоящее время", "н.в.", "наст. время", "по настоящее время"),
    "tr": ("günümüz", "Günümüz", "halen", "devam ediyor"), "sv": ("nu", "pågående", "idag", "Nu"),
    "cs": ("současnost", "dosud", "nyní", "Současnost"), "ar": ("حتى الآن", "الآن", "حاليًا"),
}

# 'since 2019' forms for an open end: {d} is the formatted start. None = the language does not use it here
# (Turkish needs vowel harmony on the number; ru/pl/cs month names would need the genitive: numbers only).
SINCE = {
    "en": ("since {d}", "Since {d}"), "de": ("seit {d}", "Seit {d}"), "fr": ("depuis {d}", "Depuis {d}"),
    "es": ("desde {d}", "Desde {d}"), "pt": ("desde {d}", "Desde {d}"), "it": ("dal {d}",),
    "nl": ("sinds {d}",),
    "pl": ("od {d}",), "zh": ("{d}起", "{d} 至今"), "ja": ("{d}〜", "{d}から"), "ko": ("{d}부터", "{d} ~"),
    "ru": ("с {d}",), "tr": None, "sv": ("sedan {d}", "Sedan {d}"), "cs": ("od {d}",), "ar": ("منذ {d}",),
}
SINCE_NUMERIC_ONLY = {"ru", "pl", "cs"}

WORDS = {  # joiners a template may use: '{position} {at} {company}', '{company} {in} {city}'
    "en": ("at", "in", "since"), "de": ("bei", "in", "seit"), "fr": ("chez", "à", "depuis"),
    "es": ("en", "en", "desde"), "pt": ("em", "em", "desde"), "it": ("presso", "a", "dal"),
    "nl": ("bij", "in", "sinds"), "pl": ("w", "w", "od"), "zh": ("@", "·", "起"), "ja": ("@", "·", "から"),
    "ko": ("@", "·", "부터"), "ru": ("в", "в", "с"), "tr": ("@", "/", "itibaren"), "sv": ("på", "i", "sedan"),
    "cs": ("v", "v", "od"), "ar": ("في", "في", "منذ"),
}

HEADING_KEYS = ("work", "education", "skills", "languages", "summary", "projects", "interests", "contact",
                "certificates", "awards")
# One line per language, one '|'-separated group per key in HEADING_KEYS order, '/'-separated variants.
_HEADINGS = {
    "en": "Experience/Work Experience/Professional Experience/Employment History|Education/Academic "
          "Background/Education & Training|Skills/Technical Skills/Core Competencies/Skills & Expertise|"
          "Languages/Language Skills|Summary/Profile/Professional Summary/About Me|Projects/Selected "
          "Projects/Personal Projects|Interests/Hobbies/Hobbies & Interests|Contact/Contact Details/Contact "
          "Information|Certifications/Certificates/Licenses & Certifications|Awards/Honors & Awards/"
          "Achievements",
    "de": "Berufserfahrung/Berufliche Erfahrung/Beruflicher Werdegang/Praxiserfahrung|Ausbildung/Bildungsweg/"
          "Studium und Ausbildung/Akademischer Werdegang|Kenntnisse/Fähigkeiten/Kompetenzen/IT-Kenntnisse|"
          "Sprachen/Sprachkenntnisse|Profil/Über mich/Kurzprofil/Zusammenfassung|Projekte/Ausgewählte "
          "Projekte/Projekterfahrung|Interessen/Hobbys/Freizeit|Kontakt/Kontaktdaten/Persönliche Daten|"
          "Zertifikate/Zertifizierungen/Weiterbildungen|Auszeichnungen/Preise/Erfolge",
    "fr": "Expérience professionnelle/Expériences/Parcours professionnel/Expérience|Formation/Études/"
          "Diplômes et formations/Parcours académique|Compétences/Compétences techniques/Savoir-faire|"
          "Langues/Compétences linguistiques|Profil/À propos/Résumé/Profil professionnel|Projets/Projets "
          "personnels/Réalisations|Centres d'intérêt/Loisirs/Intérêts|Contact/Coordonnées/Informations "
          "personnelles|Certifications/Certificats|Distinctions/Prix/Récompenses",
    "es": "Experiencia profesional/Experiencia laboral/Trayectoria profesional/Experiencia|Formación/"
          "Formación académica/Educación/Estudios|Habilidades/Competencias/Conocimientos técnicos/Aptitudes|"
          "Idiomas/Lenguas|Perfil/Sobre mí/Resumen profesional/Perfil profesional|Proyectos/Proyectos "
          "destacados|Intereses/Aficiones/Hobbies|Contacto/Datos de contacto/Datos personales|"
          "Certificaciones/Certificados/Cursos y certificaciones|Premios/Reconocimientos/Logros",
    "pt": "Experiência profissional/Experiência/Histórico profissional/Percurso profissional|Formação "
          "acadêmica/Formação/Educação/Formação académica|Competências/Habilidades/Conhecimentos técnicos|"
          "Idiomas/Línguas|Perfil/Sobre mim/Resumo profissional/Objetivo|Projetos/Projetos pessoais|"
          "Interesses/Hobbies/Passatempos|Contato/Contacto/Dados pessoais|Certificações/Certificados/Cursos|"
          "Prêmios/Prémios/Conquistas",
    "it": "Esperienza professionale/Esperienze lavorative/Esperienza lavorativa/Percorso professionale|"
          "Istruzione/Formazione/Istruzione e formazione/Titoli di studio|Competenze/Competenze tecniche/"
          "Capacità|Lingue/Conoscenze linguistiche/Competenze linguistiche|Profilo/Chi sono/Profilo "
          "professionale/Sommario|Progetti/Progetti personali|Interessi/Hobby/Tempo libero|Contatti/Recapiti/"
          "Dati personali|Certificazioni/Attestati/Corsi e certificazioni|Premi/Riconoscimenti",
    "nl": "Werkervaring/Ervaring/Professionele ervaring/Loopbaan|Opleiding/Opleidingen/Onderwijs/Opleiding "
          "en cursussen|Vaardigheden/Competenties/Kennis en vaardigheden|Talen/Talenkennis|Profiel/Over mij/"
          "Samenvatting/Persoonlijk profiel|Projecten/Geselecteerde projecten|Interesses/Hobby's/Vrije tijd|"
          "Contact/Contactgegevens/Persoonlijke gegevens|Certificaten/Certificeringen/Cursussen|Prijzen/"
          "Onderscheidingen",
    "pl": "Doświadczenie zawodowe/Doświadczenie/Przebieg kariery/Historia zatrudnienia|Wykształcenie/"
          "Edukacja/Wykształcenie i kursy|Umiejętności/Kompetencje/Umiejętności techniczne|Języki/Języki "
          "obce/Znajomość języków|Profil/O mnie/Podsumowanie/Profil zawodowy|Projekty/Wybrane projekty|"
          "Zainteresowania/Hobby|Kontakt/Dane kontaktowe/Dane osobowe|Certyfikaty/Certyfikaty i szkolenia/"
          "Kursy|Nagrody/Osiągnięcia/Wyróżnienia",
    "zh": "工作经历/工作经验/职业经历/工作履历|教育背景/教育经历/学历|专业技能/技能/技能特长/个人技能|语言能力/语言|"
          "个人简介/自我评价/个人总结/个人概述|项目经历/项目经验/主要项目|兴趣爱好/爱好|联系方式/个人信息/基本信息|"
          "证书/资格证书/专业认证|获奖情况/荣誉奖项/所获荣誉",
    "ja": "職歴/職務経歴/職務経験/経歴|学歴/学歴・教育|スキル/技術スキル/保有スキル/活かせる経験・知識・技術|語学/語学力/"
          "言語|自己PR/職務要約/プロフィール/概要|プロジェクト/主なプロジェクト/プロジェクト実績|趣味/趣味・特技/関心分野|"
          "連絡先/基本情報/個人情報|資格/免許・資格/保有資格|受賞歴/表彰/受賞",
    "ko": "경력/경력 사항/경력사항/업무 경험|학력/학력 사항/학력사항/교육|기술/보유 기술/기술 스택/역량|어학/외국어/"
          "어학 능력|자기소개/요약/프로필/소개|프로젝트/주요 프로젝트/프로젝트 경험|관심 분야/취미/취미 및 특기|"
          "연락처/인적 사항/기본 정보|자격증/자격 사항/인증|수상 경력/수상/수상 내역",
    "ru": "Опыт работы/Профессиональный опыт/Трудовая деятельность/Места работы|Образование/Высшее "
          "образование/Образование и курсы|Навыки/Ключевые навыки/Профессиональные навыки/Технические навыки|"
          "Языки/Знание языков/Иностранные языки|О себе/Профиль/Краткая информация/Резюме|Проекты/Ключевые "
          "проекты|Интересы/Хобби/Увлечения|Контакты/Контактная информация/Личные данные|Сертификаты/Курсы и "
          "сертификаты/Повышение квалификации|Награды/Достижения",
    "tr": "İş Deneyimi/Deneyim/Profesyonel Deneyim/İş Tecrübesi|Eğitim/Eğitim Bilgileri/Öğrenim|Yetenekler/"
          "Beceriler/Teknik Beceriler/Yetkinlikler|Diller/Yabancı Diller/Dil Bilgisi|Profil/Hakkımda/Özet/"
          "Kariyer Hedefi|Projeler/Öne Çıkan Projeler|İlgi Alanları/Hobiler|İletişim/İletişim Bilgileri/"
          "Kişisel Bilgiler|Sertifikalar/Sertifikalar ve Kurslar/Belgeler|Ödüller/Başarılar",
    "sv": "Arbetslivserfarenhet/Erfarenhet/Yrkeserfarenhet/Anställningar|Utbildning/Utbildningar/Akademisk "
          "bakgrund|Kompetenser/Färdigheter/Kunskaper/Teknisk kompetens|Språk/Språkkunskaper|Profil/Om mig/"
          "Sammanfattning|Projekt/Utvalda projekt|Intressen/Fritidsintressen/Fritid|Kontakt/Kontaktuppgifter/"
          "Personuppgifter|Certifieringar/Certifikat/Kurser och certifikat|Utmärkelser/Priser",
    "cs": "Pracovní zkušenosti/Praxe/Profesní zkušenosti/Zaměstnání|Vzdělání/Vzdělávání/Studium|Dovednosti/"
          "Znalosti/Odborné znalosti/Kompetence|Jazyky/Jazykové znalosti/Cizí jazyky|Profil/O mně/Shrnutí/"
          "Profesní profil|Projekty/Vybrané projekty|Zájmy/Koníčky/Volný čas|Kontakt/Kontaktní údaje/Osobní "
          "údaje|Certifikáty/Certifikace/Kurzy a certifikáty|Ocenění/Úspěchy",
    "ar": "الخبرة العملية/الخبرات المهنية/الخبرة/الخبرات العملية|التعليم/المؤهلات العلمية/المؤهل العلمي/"
          "التعليم الأكاديمي|المهارات/المهارات التقنية/المهارات والكفاءات|اللغات/المهارات اللغوية|نبذة عني/"
          "الملخص المهني/الملف الشخصي/نبذة مختصرة|المشاريع/أبرز المشاريع|الاهتمامات/الهوايات|معلومات الاتصال/"
          "بيانات التواصل/البيانات الشخصية|الشهادات/الشهادات المهنية/الدورات والشهادات|الجوائز/الإنجازات",
}
HEADINGS = {lang: dict(zip(HEADING_KEYS, (tuple(g.split("/")) for g in line.split("|")), strict=True))
            for lang, line in _HEADINGS.items()}

# Language names as written in each CV language: en de fr es it zh ru ja, then the CV language itself.
_LANG_NAMES = {
    "en": "English German French Spanish Italian Mandarin Russian Japanese English",
    "de": "Englisch Deutsch Französisch Spanisch Italienisch Chinesisch Russisch Japanisch Deutsch",
    "fr": "Anglais Allemand Français Espagnol Italien Chinois Russe Japonais Français",
    "es": "Inglés Alemán Francés Español Italiano Chino Ruso Japonés Español",
    "pt": "Inglês Alemão Francês Espanhol Italiano Mandarim Russo Japonês Português",
    "it": "Inglese Tedesco Francese Spagnolo Italiano Cinese Russo Giapponese Italiano",
    "nl": "Engels Duits Frans Spaans Italiaans Chinees Russisch Japans Nederlands",
    "pl": "Angielski Niemiecki Francuski Hiszpański Włoski Chiński Rosyjski Japoński Polski",
    "zh": "英语 德语 法语 西班牙语 意大利语 中文 俄语 日语 中文",
    "ja": "英語 ドイツ語 フランス語 スペイン語 イタリア語 中国語 ロシア語 日本語 日本語",
    "ko": "영어 독일어 프랑스어 스페인어 이탈리아어 중국어 러시아어 일본어 한국어",
    "ru": "Английский Немецкий Французский Испанский Итальянский Китайский Русский Японский Русский",
    "tr": "İngilizce Almanca Fransızca İspanyolca İtalyanca Çince Rusça Japonca Türkçe",
    "sv": "Engelska Tyska Franska Spanska Italienska Kinesiska Ryska Japanska Svenska",
    "cs": "Angličtina Němčina Francouzština Španělština Italština Čínština Ruština Japonština Čeština",
    "ar": "الإنجليزية الألمانية الفرنسية الإسبانية الإيطالية الصينية الروسية اليابانية العربية",
}
LANG_NAME_CODES = ("en", "de", "fr", "es", "it", "zh", "ru", "ja", "own")
LANG_NAMES = {lang: dict(zip(LANG_NAME_CODES, s.split(), strict=True)) for lang, s in _LANG_NAMES.items()}

# Fluency words, best first: native, fluent, advanced, intermediate, basic ('/' separates the tiers).
FLUENCY = {
    "en": "Native/Fluent/Advanced/Intermediate/Basic", "de": "Muttersprache/Verhandlungssicher/Fließend/Gute "
    "Kenntnisse/Grundkenntnisse", "fr": "Langue maternelle/Bilingue/Courant/Bon niveau/Notions",
    "es": "Nativo/Bilingüe/Avanzado/Intermedio/Básico", "pt": "Nativo/Fluente/Avançado/Intermediário/Básico",
    "it": "Madrelingua/Fluente/Avanzato/Intermedio/Scolastico",
    "nl": "Moedertaal/Vloeiend/Goed/Redelijk/Basis",
    "pl": "ojczysty/biegły/zaawansowany/średniozaawansowany/podstawowy", "zh": "母语/流利/熟练/良好/基础",
    "ja": "ネイティブ/ネイティブレベル/ビジネスレベル/日常会話レベル/基礎", "ko": "원어민/유창함/비즈니스 회화 가능/일상 회화 가능/기초",
    "ru": "родной/свободно/продвинутый/средний/базовый",
    "tr": "Ana dil/Akıcı/İleri düzey/Orta düzey/Başlangıç",
    "sv": "Modersmål/Flytande/Mycket goda kunskaper/Goda kunskaper/Grundläggande",
    "cs": "rodilý mluvčí/plynně/pokročilá/středně pokročilá/základní",
    "ar": "اللغة الأم/بطلاقة/متقدم/متوسط/مبتدئ",
}
CEFR = ("C2", "C1", "B2", "B1", "A2")
