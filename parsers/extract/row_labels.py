"""Row labels: a field's name printed before its value, in a label column or before a colon.

The Europass form's fixed wording in eight languages (matched at the start of a line), and the
short labels of label-column layouts in every language we read ("Befattning", "Arbeitgeber",
"职位", "専攻") — common words, so those only as a line's own first cell or before a colon."""
from __future__ import annotations

import re

from htdy.parsers.extract.dates import find_range
from htdy.parsers.extract.structure import clean
from htdy.parsers.extract.vocab import fold

# Europass row labels (the CV form's fixed wording in the eight languages): the label names
# the field its value fills. Folded, matched at the start of a line.
_ROW_LABELS: dict[str, tuple[str, ...]] = {
    "dates": ("dates", "date", "datum", "zeitraum", "fechas", "datas", "data", "daty", "periodo", "période",
              "periode"),
    "position": ("occupation or position held", "beruf oder funktion", "fonction ou poste occupé",
                 "profesión o cargo desempeñado", "função ou cargo ocupado", "funcao ou cargo ocupado",
                 "lavoro o posizione ricoperti", "functie of positie", "zajmowane stanowisko", "position held",
                 "occupation", "puesto", "poste occupé", "posizione ricoperta"),
    "activities": ("main activities and responsibilities", "wichtigste tätigkeiten und zuständigkeiten",
                   "principales activités et responsabilités", "funciones y responsabilidades principales",
                   "principais actividades e responsabilidades", "principais atividades e responsabilidades",
                   "principali attività e responsabilità", "voornaamste werkzaamheden en verantwoordelijkheden",
                   "główne czynności i zakresy odpowiedzialności", "główne czynności i zakresy"),
    "employer": ("name and address of employer", "name und adresse des arbeitgebers",
                 "nom et adresse de l'employeur", "nombre y dirección de la empresa o empleador",
                 "nombre y dirección del empleador", "nome e morada do empregador", "nome e endereço do empregador",
                 "nome e indirizzo del datore di lavoro", "naam en adres van de werkgever",
                 "nazwa i adres pracodawcy", "employer"),
    "sector": ("type of business or sector", "business or sector", "tätigkeitsbereich oder branche",
               "branche", "type ou secteur d'activité", "secteur d'activité", "tipo de empresa o sector",
               "tipo de empresa ou sector", "tipo de empresa ou setor", "tipo di attività o settore",
               "attività o settore", "soort onderneming of sector", "type of sector", "sector",
               "typ działalności lub sektor", "rodzaj działalności lub sektor"),
    "qualification": ("title of qualification awarded", "bezeichnung der erworbenen qualifikation",
                      "intitulé du certificat ou diplôme délivré", "cualificación obtenida",
                      "designação da qualificação atribuída", "titolo della qualifica rilasciata",
                      "naam van het diploma", "nazwa uzyskanego dyplomu", "qualification awarded"),
    "subjects": ("principal subjects", "hauptfächer", "principales matières", "principales materias",
                 "principais disciplinas", "principali tematiche", "belangrijkste vakken", "główne przedmioty"),
    "school": ("name and type of organisation providing education and training",
               "nom et type de l'établissement d'enseignement ou de formation",
               "name und art der bildungs- oder ausbildungseinrichtung",
               "nome e tipo da organização de ensino ou formação",
               "nome e tipo d'organizzazione erogatrice dell'istruzione e formazione",
               "naam en type van de onderwijs- of opleidingsinstelling",
               "nazwa i rodzaj organizacji świadczącej usługi edukacyjne lub szkoleniowe",
               "name and type of organisation providing education", "name und art der bildungs",
               "nom et type de l'établissement", "nombre y tipo del centro de estudios",
               "nombre y tipo de la organización", "nome e tipo da organização", "nome e tipo d'organizzazione",
               "naam en type van de onderwijs", "nazwa i rodzaj organizacji świadczącej"),
    "level": ("level in national or international classification", "stufe der nationalen", "niveau dans la classification",
              "nivel conforme a una clasificación", "nível segundo a classificação", "livello nella classificazione",
              "niveau in de nationale", "poziom w krajowej"),
}
_ROW_LABEL_LIST = sorted(((fold(lab), key) for key, labs in _ROW_LABELS.items() for lab in labs),
                         key=lambda x: -len(x[0]))


# Short row labels of label-column layouts in every language we read ("Period", "Befattning",
# "Arbeitgeber", "职位", "専攻"): common words, so only as a line's own first cell (the label column)
# or followed by a colon, never at the start of running text.
_SHORT_LABELS: dict[str, tuple[str, ...]] = {
    "dates": ("period", "periode", "período", "periodo", "okres", "период", "период работы", "dönem", "tarih",
              "tarihler", "tidsperiod", "tid", "období", "obdobie", "期间", "時間", "期間", "在职时间", "在校时间",
              "기간", "재직기간", "الفترة", "التاريخ", "תקופה", "תאריכים", "when", "from - to", "from – to"),
    "position": ("position", "role", "job title", "title", "stelle", "funktion", "rolle", "poste", "fonction",
                 "cargo", "puesto", "função", "ruolo", "mansione", "functie", "rol", "stanowisko", "должность",
                 "позиция", "посада", "pozisyon", "görev", "unvan", "befattning", "roll", "tjänst", "stilling",
                 "pozice", "funkce", "pozícia", "职位", "職位", "职务", "職務", "役職", "職種", "직위", "직책", "직무",
                 "المنصب", "الوظيفة", "المسمى الوظيفي", "תפקיד", "posizione", "posizione ricoperta", "qualifica",
                 "incarico", "posición", "posição", "positie", "intitulé du poste", "berufsbezeichnung"),
    "employer": ("employer", "company", "organisation", "organization", "arbeitgeber", "firma", "unternehmen",
                 "employeur", "entreprise", "société", "empresa", "empleador", "azienda", "datore di lavoro",
                 "werkgever", "bedrijf", "organisatie", "pracodawca", "работодатель", "компания", "организация",
                 "роботодавець", "işveren", "şirket", "kurum", "arbetsgivare", "företag", "arbeidsgiver",
                 "arbejdsgiver", "virksomhed", "zaměstnavatel", "společnost", "zamestnávateľ", "spoločnosť",
                 "公司", "单位", "工作单位", "公司名称", "会社", "会社名", "勤務先", "회사", "회사명", "근무처",
                 "الشركة", "جهة العمل", "المؤسسة", "מעסיק", "חברה", "ארגון"),
    "qualification": ("degree", "qualification", "diploma", "abschluss", "diplôme", "titre", "título", "titolo",
                      "titolo di studio", "graad", "dyplom", "tytuł", "степень", "квалификация", "ступінь",
                      "derece", "examen", "grad", "utdanning", "uddannelse", "titul", "学位", "学历", "學位",
                      "学歴", "학위", "الدرجة", "الشهادة", "المؤهل", "תואר", "titulación", "titulación obtenida",
                      "título obtenido", "qualificação", "kwalifikacje", "kwalifikacja", "kvalifikace",
                      "qualifikation", "titre obtenu", "qualification obtenue"),
    "school": ("institution", "school", "university", "college", "hochschule", "universität", "schule",
               "bildungseinrichtung", "établissement", "école", "université", "institución", "universidad",
               "centro", "instituição", "universidade", "istituto", "università", "instelling", "universiteit",
               "school", "uczelnia", "szkoła", "учебное заведение", "университет", "вуз", "заклад", "okul",
               "üniversite", "lärosäte", "skola", "universitet", "lærested", "škola", "univerzita", "学校",
               "院校", "学校名称", "大学", "学校名", "학교", "학교명", "대학교", "الجامعة", "المؤسسة التعليمية",
               "מוסד", "מוסד לימודים", "einrichtung", "bildungsträger", "centro de estudios", "centro educativo",
               "facultad", "faculdade", "escola", "instituto", "hogeschool", "organisme de formation"),
    "subjects": ("field of study", "field", "major", "subject", "subjects", "fachrichtung", "studiengang",
                 "fach", "domaine", "spécialité", "área", "especialidad", "carrera", "campo", "indirizzo",
                 "corso di laurea", "richting", "studierichting", "kierunek", "специальность", "направление",
                 "спеціальність", "bölüm", "alan", "ämne", "inriktning", "huvudämne", "program", "fag",
                 "studieretning", "obor", "专业", "專業", "専攻", "学科", "전공", "학과", "التخصص", "תחום",
                 "חוג"),
    "activities": ("responsibilities", "tasks", "duties", "aufgaben", "tätigkeiten", "missions", "tâches",
                   "funciones", "responsabilidades", "tarefas", "atividades", "mansioni", "attività", "taken",
                   "werkzaamheden", "obowiązki", "обязанности", "обов'язки", "görevler", "sorumluluklar",
                   "arbetsuppgifter", "ansvar", "oppgaver", "arbejdsopgaver", "náplň práce", "činnosti", "职责",
                   "工作内容", "職責", "業務内容", "担当業務", "담당업무", "주요업무", "المهام", "المسؤوليات",
                   "תחומי אחריות"),
    "place": ("location", "place", "city", "ort", "standort", "lieu", "ville", "lugar", "ciudad", "local",
              "cidade", "luogo", "sede", "città", "plaats", "locatie", "miejsce", "miejscowość", "место",
              "город", "місто", "yer", "şehir", "konum", "plats", "ort", "sted", "místo", "miesto", "地点",
              "所在地", "勤務地", "근무지", "위치", "الموقع", "المدينة", "מיקום"),
}
SHORT_LABEL_KEY = {fold(lab): key for key, labs in _SHORT_LABELS.items() for lab in labs}
_SHORT_LABEL_LIST = sorted(SHORT_LABEL_KEY.items(), key=lambda x: -len(x[0]))


def row_label(text: str, cells: list[str] | None = None) -> tuple[str, str] | None:
    """(field, value) of a Europass row ``{label} {value}``: ``Fechas Enero 2018 – Actualidad`` →
    ("dates", "Enero 2018 – Actualidad"). A short label ("Data", "Date") counts only before a
    date or on its own. With ``cells`` (the line's cells), a first cell that is a short
    label of any language ("Befattning", "职位") labels the rest of the line."""
    t = clean(text)
    ft = fold(t)
    for lab, key in _ROW_LABEL_LIST:
        if ft.startswith(lab) and (len(ft) == len(lab) or not ft[len(lab)].isalnum()):
            value = t[len(lab):].strip(" :\t")  # fold keeps the length of these (accents only)
            if len(fold(t[:len(lab)])) != len(lab):
                value = " ".join(t.split()[len(lab.split()):]).strip(" :")
            if key == "dates" and value and not find_range(value):
                return None
            if len(lab.split()) == 1 and key not in ("dates",) and not value:
                return None
            return key, value
    found: tuple[str, str] | None = None
    if cells and len(cells) > 1:
        short = SHORT_LABEL_KEY.get(fold(clean(cells[0])).strip(" :：").strip())
        if short:
            found = short, clean(" ".join(cells[1:])).strip()
    if found is None and (":" in t[:40] or "：" in t[:40]):
        head, _, rest = re.split(r"([:：])", t, maxsplit=1)
        short = SHORT_LABEL_KEY.get(fold(head).strip())
        if short:
            found = short, rest.strip()
    if found is None or not found[1]:
        return None
    if found[0] == "dates" and not find_range(found[1]):
        return None
    return found


# Labels an entry sets over its list of achievements ("HIGHLIGHTS", "Key achievements:",
# "Wichtigste Erfolge", "主な実績"): a line of its own, never a field of the entry.
_BODY_LABELS = {fold(x) for x in _SHORT_LABELS["activities"] + (
    "highlights", "key highlights", "achievements", "key achievements", "main achievements",
    "accomplishments", "key accomplishments", "key responsibilities", "main responsibilities",
    "main tasks", "key tasks", "responsibilities and achievements", "achievements and responsibilities",
    "erfolge", "wichtigste erfolge", "erfolge und aufgaben", "hauptaufgaben", "réalisations",
    "réalisations clés", "principales réalisations", "responsabilités", "logros", "principales logros",
    "logros principales", "conquistas", "principais conquistas", "realizações", "principais realizações",
    "risultati", "risultati principali", "principali risultati", "responsabilità", "prestaties",
    "belangrijkste prestaties", "verantwoordelijkheden", "osiągnięcia", "najważniejsze osiągnięcia",
    "zakres obowiązków", "достижения", "ключевые достижения", "основные обязанности", "başarılar",
    "temel başarılar", "prestationer", "viktiga prestationer", "úspěchy", "klíčové úspěchy",
    "náplň práce a úspěchy", "主要成就", "工作业绩", "主要职责", "成果", "実績", "主な実績", "主な業務",
    "성과", "주요 성과", "الإنجازات", "أبرز الإنجازات")}


def body_label(text: str) -> bool:
    """The line is a label over an entry's list ("Highlights", "Key achievements:")."""
    return fold(clean(text)).strip(" :：").strip() in _BODY_LABELS

