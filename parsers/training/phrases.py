"""Per-language phrase banks for invented CVs: job titles, degrees, fields, universities, skills, summaries.

Written by hand from language knowledge. Conventions: ';' separates items of a compact string,
'm|f' is a title's masculine|feminine form (one form = the same for both).
"""
from __future__ import annotations


def _items(s: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in s.split(";") if x.strip())


# Job titles, the same 18 roles in the same order in every language (see ROLE_KINDS).
_TITLES = {
    "en": "Software Engineer; Senior Backend Developer; Data Analyst; Accountant; Registered Nurse; High "
          "School Teacher; Sales Manager; Graphic Designer; Project Manager; Marketing Coordinator; "
          "Mechanical Engineer; HR Specialist; Customer Service Representative; Financial Analyst; Product "
          "Manager; DevOps Engineer; Office Manager; Frontend Developer",
    "de": "Softwareentwickler|Softwareentwicklerin; Senior Backend-Entwickler|Senior Backend-Entwicklerin; "
          "Datenanalyst|Datenanalystin; Buchhalter|Buchhalterin; Gesundheits- und Krankenpfleger|"
          "Gesundheits- und Krankenpflegerin; Lehrer|Lehrerin; Vertriebsleiter|Vertriebsleiterin; "
          "Grafikdesigner|Grafikdesignerin; Projektmanager|Projektmanagerin; Marketing Manager; "
          "Maschinenbauingenieur|Maschinenbauingenieurin; Personalreferent|Personalreferentin; Kundenberater|"
          "Kundenberaterin; Controller|Controllerin; Product Owner; DevOps Engineer; Industriekaufmann|"
          "Industriekauffrau; Frontend-Entwickler|Frontend-Entwicklerin",
    "fr": "Ingénieur logiciel|Ingénieure logiciel; Développeur backend senior|Développeuse backend senior; "
          "Analyste de données; Comptable; Infirmier|Infirmière; Professeur de mathématiques; Responsable "
          "commercial|Responsable commerciale; Graphiste; Chef de projet|Cheffe de projet; Chargé de "
          "marketing|Chargée de marketing; Ingénieur mécanique|Ingénieure mécanique; Chargé de recrutement|"
          "Chargée de recrutement; Conseiller clientèle|Conseillère clientèle; Contrôleur de gestion|"
          "Contrôleuse de gestion; Product Owner; Ingénieur DevOps|Ingénieure DevOps; Assistant de direction|"
          "Assistante de direction; Développeur front-end|Développeuse front-end",
    "es": "Ingeniero de software|Ingeniera de software; Desarrollador backend sénior|Desarrolladora backend "
          "sénior; Analista de datos; Contable; Enfermero|Enfermera; Profesor de secundaria|Profesora de "
          "secundaria; Director comercial|Directora comercial; Diseñador gráfico|Diseñadora gráfica; Jefe de "
          "proyecto|Jefa de proyecto; Responsable de marketing; Ingeniero mecánico|Ingeniera mecánica; "
          "Técnico de recursos humanos|Técnica de recursos humanos; Agente de atención al cliente; Analista "
          "financiero|Analista financiera; Product Manager; Ingeniero DevOps|Ingeniera DevOps; "
          "Administrativo|Administrativa; Desarrollador front-end|Desarrolladora front-end",
    "pt": "Engenheiro de software|Engenheira de software; Desenvolvedor back-end sênior|Desenvolvedora "
          "back-end sênior; Analista de dados; Contador|Contadora; Enfermeiro|Enfermeira; Professor de "
          "matemática|Professora de matemática; Gerente comercial; Designer gráfico|Designer gráfica; "
          "Gerente de projetos; Analista de marketing; Engenheiro mecânico|Engenheira mecânica; Analista de "
          "recursos humanos; Atendente de suporte; Analista financeiro|Analista financeira; Product Owner; "
          "Engenheiro DevOps|Engenheira DevOps; Assistente administrativo|Assistente administrativa; "
          "Desenvolvedor front-end|Desenvolvedora front-end",
    "it": "Ingegnere del software; Sviluppatore backend senior|Sviluppatrice backend senior; Analista dati; "
          "Contabile; Infermiere|Infermiera; Insegnante di matematica; Responsabile commerciale; Graphic "
          "Designer; Project Manager; Addetto marketing|Addetta marketing; Ingegnere meccanico; Specialista "
          "risorse umane; Operatore customer care|Operatrice customer care; Analista finanziario|Analista "
          "finanziaria; Product Manager; DevOps Engineer; Impiegato amministrativo|Impiegata amministrativa; "
          "Sviluppatore front-end|Sviluppatrice front-end",
    "nl": "Softwareontwikkelaar; Senior backend-ontwikkelaar; Data-analist; Boekhouder; Verpleegkundige; "
          "Docent wiskunde; Accountmanager; Grafisch ontwerper; Projectleider; Marketingmedewerker; "
          "Werktuigbouwkundig ingenieur; HR-adviseur; Klantenservicemedewerker; Financieel analist; Product "
          "owner; DevOps-engineer; Officemanager; Frontend-developer",
    "pl": "Programista|Programistka; Starszy programista backend|Starsza programistka backend; Analityk "
          "danych|Analityczka danych; Księgowy|Księgowa; Pielęgniarz|Pielęgniarka; Nauczyciel matematyki|"
          "Nauczycielka matematyki; Kierownik sprzedaży|Kierowniczka sprzedaży; Grafik|Graficzka; Kierownik "
          "projektu|Kierowniczka projektu; Specjalista ds. marketingu|Specjalistka ds. marketingu; Inżynier "
          "mechanik; Specjalista ds. kadr|Specjalistka ds. kadr; Konsultant obsługi klienta|Konsultantka "
          "obsługi klienta; Analityk finansowy|Analityczka finansowa; Product Owner; Inżynier DevOps; "
          "Asystent biura|Asystentka biura; Frontend Developer",
    "zh": "软件工程师; 高级后端开发工程师; 数据分析师; 会计; 护士; 中学数学教师; 销售经理; 平面设计师; 项目经理; 市场专员; "
          "机械工程师; 人力资源专员; 客服专员; 财务分析师; 产品经理; 运维工程师; 行政助理; 前端开发工程师",
    "ja": "ソフトウェアエンジニア; シニアバックエンドエンジニア; データアナリスト; 経理担当; 看護師; 高校教諭（数学）; "
          "法人営業マネージャー; グラフィックデザイナー; プロジェクトマネージャー; マーケティング担当; 機械設計エンジニア; 人事担当; "
          "カスタマーサポート; 財務アナリスト; プロダクトマネージャー; インフラエンジニア; 一般事務; フロントエンドエンジニア",
    "ko": "소프트웨어 엔지니어; 시니어 백엔드 개발자; 데이터 분석가; 회계 담당자; 간호사; 중학교 수학 교사; 영업 관리자; "
          "그래픽 디자이너; 프로젝트 매니저; 마케팅 담당자; 기계 설계 엔지니어; 인사 담당자; 고객 상담원; 재무 분석가; "
          "프로덕트 매니저; 데브옵스 엔지니어; 사무 보조; 프론트엔드 개발자",
    "ru": "Инженер-программист; Ведущий backend-разработчик; Аналитик данных; Бухгалтер; Медбрат|Медицинская "
          "сестра; Учитель математики; Менеджер по продажам; Графический дизайнер; Руководитель проектов; "
          "Маркетолог; Инженер-конструктор; Специалист по подбору персонала; Специалист службы поддержки; "
          "Финансовый аналитик; Продакт-менеджер; DevOps-инженер; Офис-менеджер; Frontend-разработчик",
    "tr": "Yazılım Mühendisi; Kıdemli Backend Geliştirici; Veri Analisti; Muhasebe Uzmanı; Hemşire; "
          "Matematik Öğretmeni; Satış Müdürü; Grafik Tasarımcı; Proje Yöneticisi; Pazarlama Uzmanı; Makine "
          "Mühendisi; İnsan Kaynakları Uzmanı; Müşteri Temsilcisi; Finans Analisti; Ürün Yöneticisi; DevOps "
          "Mühendisi; İdari İşler Sorumlusu; Frontend Geliştirici",
    "sv": "Systemutvecklare; Senior backendutvecklare; Dataanalytiker; Redovisningsekonom; Sjuksköterska; "
          "Gymnasielärare i matematik; Försäljningschef; Grafisk formgivare; Projektledare; "
          "Marknadskoordinator; Maskiningenjör; HR-specialist; Kundtjänstmedarbetare; Controller; "
          "Produktägare; DevOps-ingenjör; Kontorsadministratör; Frontendutvecklare",
    "cs": "Softwarový inženýr|Softwarová inženýrka; Senior backend vývojář|Senior backend vývojářka; Datový "
          "analytik|Datová analytička; Účetní; Zdravotník|Zdravotní sestra; Učitel matematiky|Učitelka "
          "matematiky; Obchodní manažer|Obchodní manažerka; Grafik|Grafička; Projektový manažer|Projektová "
          "manažerka; Marketingový specialista|Marketingová specialistka; Strojní inženýr|Strojní inženýrka; "
          "HR specialista|HR specialistka; Pracovník zákaznické podpory|Pracovnice zákaznické podpory; "
          "Finanční analytik|Finanční analytička; Product Owner; DevOps inženýr|DevOps inženýrka; Asistent|"
          "Asistentka; Frontend vývojář|Frontend vývojářka",
    "ar": "مهندس برمجيات|مهندسة برمجيات; مطور أنظمة خلفية أول|مطورة أنظمة خلفية أولى; محلل بيانات|محللة "
          "بيانات; محاسب|محاسبة; ممرض|ممرضة; معلم رياضيات|معلمة رياضيات; مدير مبيعات|مديرة مبيعات; مصمم "
          "جرافيك|مصممة جرافيك; مدير مشاريع|مديرة مشاريع; أخصائي تسويق|أخصائية تسويق; مهندس ميكانيكي|مهندسة "
          "ميكانيكية; أخصائي موارد بشرية|أخصائية موارد بشرية; ممثل خدمة العملاء|ممثلة خدمة العملاء; محلل "
          "مالي|محللة مالية; مدير منتج|مديرة منتج; مهندس DevOps|مهندسة DevOps; مساعد إداري|مساعدة إدارية; "
          "مطور واجهات أمامية|مطورة واجهات أمامية",
}
TITLES = {lang: _items(s) for lang, s in _TITLES.items()}
# What each role's skills and keywords draw on: 'tech' (software), 'design', 'eng', 'office' (the rest).
ROLE_KINDS = ("tech", "tech", "tech", "office", "office", "office", "office", "design", "office", "office",
              "eng", "office", "office", "office", "tech", "tech", "office", "tech")
# Which bullets (phrases_work.BULLET_TAGS) suit each role: T tech, A anyone, S sales/support, F finance,
# H health, E education, D design/marketing, O office/projects.
ROLE_TAGS = ("TA", "TA", "TAS", "FOA", "HA", "EA", "SOA", "DA", "OA", "DSA", "OA", "OA", "SA", "FOA", "TOA",
             "TA", "OFA", "TA")

_FIELDS = {
    "en": "Computer Science; Business Administration; Mechanical Engineering; Economics; Nursing; "
          "Mathematics; Psychology; Electrical Engineering; Graphic Design; Finance; Marketing; Information "
          "Systems; Physics",
    "de": "Informatik; Wirtschaftsinformatik; Betriebswirtschaftslehre; Maschinenbau; Elektrotechnik; "
          "Volkswirtschaftslehre; Mathematik; Psychologie; Pflegewissenschaft; Kommunikationsdesign; Physik; "
          "Wirtschaftsingenieurwesen",
    "fr": "Informatique; Gestion des entreprises; Génie mécanique; Économie; Sciences infirmières; "
          "Mathématiques appliquées; Psychologie; Génie électrique; Design graphique; Finance; Marketing; "
          "Droit des affaires",
    "es": "Ingeniería Informática; Administración y Dirección de Empresas; Ingeniería Mecánica; Economía; "
          "Enfermería; Matemáticas; Psicología; Ingeniería Eléctrica; Diseño Gráfico; Finanzas y "
          "Contabilidad; Marketing; Derecho",
    "pt": "Ciência da Computação; Administração; Engenharia Mecânica; Economia; Enfermagem; Matemática; "
          "Psicologia; Engenharia Elétrica; Design Gráfico; Ciências Contábeis; Marketing; Sistemas de "
          "Informação",
    "it": "Informatica; Ingegneria Informatica; Economia Aziendale; Ingegneria Meccanica; Economia; Scienze "
          "Infermieristiche; Matematica; Psicologia; Ingegneria Elettrica; Design della Comunicazione; "
          "Giurisprudenza; Fisica",
    "nl": "Informatica; Bedrijfskunde; Werktuigbouwkunde; Economie; Verpleegkunde; Wiskunde; Psychologie; "
          "Elektrotechniek; Communicatie en Multimedia Design; Bedrijfseconomie; Rechten; Technische "
          "Natuurkunde",
    "pl": "Informatyka; Zarządzanie; Mechanika i Budowa Maszyn; Ekonomia; Pielęgniarstwo; Matematyka; "
          "Psychologia; Elektrotechnika; Grafika; Finanse i Rachunkowość; Marketing; Prawo; Budownictwo",
    "zh": "计算机科学与技术; 软件工程; 工商管理; 机械工程; 经济学; 护理学; 数学与应用数学; 心理学; 电气工程及其自动化; "
          "视觉传达设计; 会计学; 市场营销; 金融学",
    "ja": "情報工学; 経営学; 機械工学; 経済学; 看護学; 数学; 心理学; 電気電子工学; デザイン学; 会計学; 商学; 法学; 物理学",
    "ko": "컴퓨터공학; 경영학; 기계공학; 경제학; 간호학; 수학; 심리학; 전기공학; 시각디자인; 회계학; 산업공학; 법학",
    "ru": "Прикладная информатика; Программная инженерия; Менеджмент; Машиностроение; Экономика; Сестринское "
          "дело; Прикладная математика; Психология; Электроэнергетика; Дизайн; Бухгалтерский учёт; Маркетинг",
    "tr": "Bilgisayar Mühendisliği; İşletme; Makine Mühendisliği; İktisat; Hemşirelik; Matematik; Psikoloji; "
          "Elektrik-Elektronik Mühendisliği; Grafik Tasarım; Muhasebe ve Finans; Endüstri Mühendisliği; "
          "Hukuk",
    "sv": "datavetenskap; företagsekonomi; maskinteknik; nationalekonomi; omvårdnad; matematik; psykologi; "
          "elektroteknik; grafisk design; redovisning och finansiering; industriell ekonomi; juridik",
    "cs": "Informatika; Podniková ekonomika; Strojní inženýrství; Ekonomie; Ošetřovatelství; Matematika; "
          "Psychologie; Elektrotechnika; Grafický design; Účetnictví a daně; Marketing; Právo",
    "ar": "علوم الحاسب; إدارة الأعمال; الهندسة الميكانيكية; الاقتصاد; التمريض; الرياضيات; علم النفس; الهندسة "
          "الكهربائية; التصميم الجرافيكي; المحاسبة; التسويق; نظم المعلومات",
}
FIELDS = {lang: _items(s) for lang, s in _FIELDS.items()}

# Degree names as people print them (long forms and abbreviations mixed, as in real CVs), by level:
# bachelor-like | master-like | doctorate.
_DEGREES = {
    "en": "Bachelor of Science; B.Sc.; BSc; Bachelor of Arts; BA; Bachelor's degree; Associate Degree | "
          "Master of Science; M.Sc.; MSc; MBA; Master of Arts; Master's degree | PhD; Doctor of Philosophy",
    "de": "Bachelor of Science; B.Sc.; Bachelor of Arts; B.A.; Bachelor | Master of Science; M.Sc.; Master "
          "of Arts; M.A.; Diplom-Ingenieur; Dipl.-Ing.; Diplom; Staatsexamen; Master | Promotion; Dr. rer. "
          "nat.; Dr.-Ing.",
    "fr": "Licence; Licence professionnelle; BTS; DUT; Bachelor | Master; Master 2; M2; Diplôme d'ingénieur; "
          "Mastère spécialisé | Doctorat",
    "es": "Grado; Licenciatura; Diplomatura; Técnico Superior; Ingeniería Técnica | Máster; Máster "
          "Universitario | Doctorado",
    "pt": "Bacharelado; Licenciatura; Tecnólogo | Mestrado; MBA; Pós-graduação; Especialização; Mestrado "
          "Integrado | Doutorado; Doutoramento",
    "it": "Laurea triennale; Laurea | Laurea magistrale; Laurea specialistica; Master di primo livello; "
          "Laurea magistrale a ciclo unico | Dottorato di ricerca",
    "nl": "Bachelor; BSc; HBO-bachelor; Propedeuse | Master; MSc; WO-master; Doctoraal | PhD; Promotie",
    "pl": "Licencjat; Inżynier; inż.; lic. | Magister; Magister inżynier; mgr inż.; Studia podyplomowe; mgr |"
          " Doktor; dr",
    "zh": "学士; 本科; 大专; 工学学士 | 硕士; 硕士研究生; 理学硕士 | 博士",
    "ja": "学士; 学士（工学）; 学士（経済学）; 専門士 | 修士; 修士（工学） | 博士",
    "ko": "학사; 공학사; 전문학사 | 석사; 공학석사 | 박사",
    "ru": "Бакалавр; бакалавр; Специалист | Магистр; магистр | Кандидат наук; Аспирантура",
    "tr": "Lisans; Ön Lisans | Yüksek Lisans; Tezli Yüksek Lisans; MBA | Doktora",
    "sv": "Kandidatexamen; Högskoleingenjörsexamen; Yrkeshögskoleexamen | Masterexamen; Magisterexamen; "
          "Civilingenjörsexamen | Teknologie doktorsexamen; Filosofie doktorsexamen",
    "cs": "Bc.; Bakalář | Mgr.; Ing.; Magistr; Inženýr; MBA | Ph.D.",
    "ar": "بكالوريوس; دبلوم | ماجستير; ماجستير إدارة الأعمال; دبلوم عالي | دكتوراه",
}
DEGREES = {lang: tuple(_items(level) for level in s.split("|")) for lang, s in _DEGREES.items()}

# How studyType {t} and area {a} share one line; the printed pieces are the truth's studyType/area.
DEGREE_PATTERNS = {
    "en": ("{t} in {a}", "{a} ({t})", "{t} {a}", "{a}, {t}", "{t}, {a}", "{t} – {a}"),
    "de": ("{t} in {a}", "{a} ({t})", "{t} {a}", "{a}, {t}", "{t} – {a}"),
    "fr": ("{t} en {a}", "{t} {a}", "{a} ({t})", "{t} – {a}", "{a}, {t}"),
    "es": ("{t} en {a}", "{a} ({t})", "{t} – {a}", "{a}, {t}"),
    "pt": ("{t} em {a}", "{a} ({t})", "{t} – {a}", "{a}, {t}"),
    "it": ("{t} in {a}", "{a} ({t})", "{t} – {a}", "{a}, {t}"),
    "nl": ("{t} {a}", "{a} ({t})", "{t} – {a}", "{a}, {t}"),
    "pl": ("{t} – {a}", "{a} ({t})", "{a}, {t}", "{t}, kierunek {a}"),
    "zh": ("{a} {t}", "{a}专业 {t}", "{t}，{a}", "{a}（{t}）"),
    "ja": ("{a} {t}", "{a}（{t}）", "{t}・{a}"),
    "ko": ("{a} {t}", "{a} 전공 {t}", "{a} ({t})"),
    "ru": ("{t}, {a}", "{a} ({t})", "{t} – {a}", "{t} по направлению «{a}»"),
    "tr": ("{a} {t}", "{a} ({t})", "{t}, {a}", "{t} – {a}"),
    "sv": ("{t} i {a}", "{a}, {t}", "{a} ({t})", "{t} – {a}"),
    "cs": ("{t} – {a}", "{a} ({t})", "{a}, {t}", "{t} {a}"),
    "ar": ("{t} في {a}", "{t} {a}", "{a} ({t})", "{t} – {a}"),
}

# University names: patterns with {city} (a city of the person's country) and fixed names.
_UNIVERSITIES = {
    "en": "University of {city}; {city} State University; {city} Institute of Technology; {city} Community "
          "College; {city} Metropolitan University",
    "de": "Universität {city}; Technische Universität {city}; Hochschule {city}; Fachhochschule {city}; "
          "Ludwig-Maximilians-Universität München; Karlsruher Institut für Technologie",
    "fr": "Université de {city}; IUT de {city}; INSA {city}; École d'ingénieurs de {city}; {city} Business "
          "School; Sorbonne Université; École polytechnique",
    "es": "Universidad de {city}; Universidad Politécnica de {city}; Universidad Complutense de Madrid; "
          "Universitat Politècnica de Catalunya; Universidad Carlos III de Madrid",
    "pt": "Universidade de {city}; Universidade Federal de {city}; Universidade Católica de {city}; "
          "Instituto Politécnico de {city}; Universidade de São Paulo; Universidade Nova de Lisboa",
    "it": "Università degli Studi di {city}; Politecnico di {city}; Università di {city}; Università Bocconi",
    "nl": "Universiteit {city}; Hogeschool {city}; Hogeschool van {city}; Technische Universiteit Delft; "
          "Erasmus Universiteit Rotterdam",
    "pl": "Uniwersytet Warszawski; Politechnika Warszawska; Uniwersytet Jagielloński; Akademia "
          "Górniczo-Hutnicza w Krakowie; Politechnika Wrocławska; Uniwersytet Ekonomiczny w Poznaniu; "
          "Politechnika Gdańska; Uniwersytet Łódzki; Szkoła Główna Handlowa w Warszawie",
    "zh": "{city}大学; {city}理工大学; {city}师范大学; {city}工业大学; {city}财经大学; 清华大学; 复旦大学; 浙江大学",
    "ja": "{city}大学; {city}工業大学; {city}外国語大学; 早稲田大学; 慶應義塾大学; 東京工業大学",
    "ko": "{city}대학교; 연세대학교; 고려대학교; 한양대학교; 성균관대학교; 한국과학기술원",
    "ru": "Московский государственный университет им. М. В. Ломоносова; Санкт-Петербургский государственный "
          "университет; НИУ «Высшая школа экономики»; МГТУ им. Н. Э. Баумана; Новосибирский государственный "
          "университет; Казанский федеральный университет; Уральский федеральный университет; Томский "
          "политехнический университет",
    "tr": "{city} Üniversitesi; {city} Teknik Üniversitesi; Orta Doğu Teknik Üniversitesi; Boğaziçi "
          "Üniversitesi; Hacettepe Üniversitesi; Dokuz Eylül Üniversitesi",
    "sv": "Högskolan i {city}; Uppsala universitet; Lunds universitet; Stockholms universitet; Kungliga "
          "Tekniska högskolan; Chalmers tekniska högskola; Linköpings universitet; Umeå universitet",
    "cs": "Univerzita Karlova; České vysoké učení technické v Praze; Vysoké učení technické v Brně; "
          "Masarykova univerzita; Vysoká škola ekonomická v Praze; Univerzita Palackého v Olomouci; "
          "Západočeská univerzita v Plzni",
    "ar": "جامعة {city}; جامعة الملك سعود; جامعة الملك عبدالعزيز; جامعة الملك فهد للبترول والمعادن; جامعة "
          "الإمارات العربية المتحدة; جامعة الأميرة نورة بنت عبدالرحمن",
}
UNIVERSITIES = {lang: _items(s) for lang, s in _UNIVERSITIES.items()}

# Grades as printed (the score is printed exactly like this).
_SCORES = {
    "en": "3.7/4.0; 3.85 GPA; First Class Honours; Upper Second Class (2:1); Magna Cum Laude",
    "de": "1,3; 1,7; 2,0; Note: 1,5; sehr gut",
    "fr": "Mention Bien; Mention Très Bien; Mention Assez Bien; 15/20",
    "es": "8,5/10; Sobresaliente; Notable; 7,9", "pt": "17 valores; 15 valores; CR 8,7; 9,1/10",
    "it": "110/110 e lode; 105/110; 98/110", "nl": "8,2; cum laude; 7,5",
    "pl": "bardzo dobry; 4,5; dobry plus",
    "zh": "GPA 3.6/4.0; GPA 3.8; 专业前10%", "ja": "GPA 3.5; GPA 3.2/4.0", "ko": "4.1/4.5; 3.8/4.5; 학점 4.0",
    "ru": "диплом с отличием; средний балл 4,8; 4,6", "tr": "3.45/4.00; 3.12; Onur derecesi",
    "sv": "VG; Med beröm godkänd", "cs": "s vyznamenáním; 1,5; červený diplom",
    "ar": "ممتاز; جيد جدًا; 3.8/4.0",
}
SCORES = {lang: _items(s) for lang, s in _SCORES.items()}

# Skill group names by kind: programming, frameworks, infrastructure, data, tools, design, methods, soft.
SKILL_GROUP_KEYS = ("prog", "web", "infra", "data", "tools", "design", "methods", "soft")
_SKILL_GROUPS = {
    "en": "Programming Languages; Frameworks; Infrastructure; Data & Analytics; Tools; Design; Methods; Soft "
          "Skills",
    "de": "Programmiersprachen; Frameworks; Infrastruktur; Datenanalyse; Software; Design; Methoden; Soziale "
          "Kompetenzen",
    "fr": "Langages; Frameworks; Infrastructure; Données; Outils; Design; Méthodes; Savoir-être",
    "es": "Lenguajes de programación; Frameworks; Infraestructura; Datos; Herramientas; Diseño; Metodologías;"
          " Habilidades blandas",
    "pt": "Linguagens; Frameworks; Infraestrutura; Dados; Ferramentas; Design; Metodologias; Competências "
          "comportamentais",
    "it": "Linguaggi di programmazione; Framework; Infrastruttura; Analisi dati; Strumenti; Design; "
          "Metodologie; Soft skill",
    "nl": "Programmeertalen; Frameworks; Infrastructuur; Data; Tools; Ontwerp; Methoden; Persoonlijke "
          "vaardigheden",
    "pl": "Języki programowania; Frameworki; Infrastruktura; Analiza danych; Narzędzia; Projektowanie; "
          "Metodyki; Umiejętności miękkie",
    "zh": "编程语言; 开发框架; 基础设施; 数据分析; 办公软件; 设计工具; 项目管理; 软技能",
    "ja": "プログラミング言語; フレームワーク; インフラ; データ分析; ツール; デザイン; 開発手法; ヒューマンスキル",
    "ko": "프로그래밍 언어; 프레임워크; 인프라; 데이터 분석; 도구; 디자인; 방법론; 소프트 스킬",
    "ru": "Языки программирования; Фреймворки; Инфраструктура; Анализ данных; Инструменты; Дизайн; "
          "Методологии; Личные качества",
    "tr": "Programlama Dilleri; Framework'ler; Altyapı; Veri Analizi; Araçlar; Tasarım; Metodolojiler; "
          "Kişisel Beceriler",
    "sv": "Programspråk; Ramverk; Infrastruktur; Dataanalys; Verktyg; Design; Metoder; Personliga egenskaper",
    "cs": "Programovací jazyky; Frameworky; Infrastruktura; Analýza dat; Nástroje; Design; Metodiky; Měkké "
          "dovednosti",
    "ar": "لغات البرمجة; أطر العمل; البنية التحتية; تحليل البيانات; الأدوات; التصميم; المنهجيات; المهارات "
          "الشخصية",
}
SKILL_GROUPS = {lang: dict(zip(SKILL_GROUP_KEYS, _items(s), strict=True))
                for lang, s in _SKILL_GROUPS.items()}

# Technical keywords are the same everywhere (ASCII, as people write them).
KEYWORDS = {
    "prog": _items("Python; Java; JavaScript; TypeScript; Go; C#; C++; Kotlin; SQL; PHP; Ruby; Rust; Swift; "
                   "Scala"),
    "web": _items("React; Angular; Vue.js; Node.js; Django; Spring Boot; .NET; Flask; FastAPI; Next.js; "
                  "Laravel"),
    "infra": _items("Docker; Kubernetes; AWS; Azure; GCP; Terraform; PostgreSQL; MySQL; MongoDB; Redis; "
                    "Kafka; Linux; Git; Jenkins; GitLab CI; Ansible"),
    "data": _items("pandas; NumPy; Power BI; Tableau; Spark; Airflow; dbt; scikit-learn; Excel; Looker; "
                   "BigQuery"),
    "tools": _items("Microsoft Office; Excel; PowerPoint; SAP; SAP FI/CO; Salesforce; HubSpot; Jira; "
                    "Confluence; QuickBooks; Notion; Google Analytics; Slack; Zendesk; Workday"),
    "design": _items("Figma; Adobe Photoshop; Adobe Illustrator; InDesign; Sketch; After Effects; Canva"),
    "eng": _items("AutoCAD; SolidWorks; CATIA; MATLAB; Siemens NX; ANSYS; Creo"),
    "methods": _items("Scrum; Kanban; PRINCE2; Lean; Six Sigma; ITIL; SAFe; Design Thinking; OKR"),
}

_SOFT = {
    "en": "Teamwork; Communication; Problem solving; Time management; Leadership; Attention to detail",
    "de": "Teamfähigkeit; Kommunikationsstärke; Belastbarkeit; Zuverlässigkeit; Eigeninitiative; "
          "Organisationstalent",
    "fr": "Travail en équipe; Sens de l'organisation; Rigueur; Autonomie; Communication; Esprit d'analyse",
    "es": "Trabajo en equipo; Comunicación; Resolución de problemas; Liderazgo; Organización; Proactividad",
    "pt": "Trabalho em equipe; Comunicação; Proatividade; Liderança; Organização; Resolução de problemas",
    "it": "Lavoro di squadra; Problem solving; Capacità organizzative; Comunicazione; Leadership; Precisione",
    "nl": "Samenwerken; Communicatief vaardig; Analytisch vermogen; Zelfstandigheid; Klantgerichtheid; "
          "Flexibiliteit",
    "pl": "Praca w zespole; Komunikatywność; Samodzielność; Rozwiązywanie problemów; Zarządzanie czasem; "
          "Dokładność",
    "zh": "团队合作; 沟通能力; 抗压能力; 学习能力强; 责任心强; 解决问题能力",
    "ja": "コミュニケーション能力; チームワーク; 課題解決力; リーダーシップ; 調整力; 主体性",
    "ko": "의사소통 능력; 팀워크; 문제 해결 능력; 리더십; 책임감; 시간 관리",
    "ru": "Коммуникабельность; Ответственность; Работа в команде; Стрессоустойчивость; Аналитическое "
          "мышление; Обучаемость",
    "tr": "Takım çalışması; İletişim becerisi; Problem çözme; Liderlik; Zaman yönetimi; Analitik düşünme",
    "sv": "Samarbetsförmåga; Kommunikativ; Problemlösning; Ledarskap; Strukturerad; Flexibel",
    "cs": "Týmová spolupráce; Komunikační dovednosti; Samostatnost; Řešení problémů; Time management; "
          "Spolehlivost",
    "ar": "العمل الجماعي; مهارات التواصل; حل المشكلات; القيادة; إدارة الوقت; التفكير التحليلي",
}
SOFT = {lang: _items(s) for lang, s in _SOFT.items()}

# Skill levels, best first.
_LEVELS = {
    "en": "Expert; Advanced; Intermediate; Beginner", "de": "Experte; Sehr gut; Gut; Grundkenntnisse",
    "fr": "Expert; Avancé; Intermédiaire; Débutant", "es": "Experto; Avanzado; Intermedio; Básico",
    "pt": "Especialista; Avançado; Intermediário; Básico", "it": "Esperto; Avanzato; Intermedio; Base",
    "nl": "Expert; Gevorderd; Gemiddeld; Beginner",
    "pl": "Ekspert; Zaawansowany; Średniozaawansowany; Podstawowy",
    "zh": "精通; 熟练; 良好; 了解", "ja": "上級; 中上級; 中級; 初級", "ko": "상; 중상; 중; 하",
    "ru": "Эксперт; Продвинутый; Средний; Базовый", "tr": "Uzman; İleri; Orta; Temel",
    "sv": "Expert; Mycket god; God; Grundläggande", "cs": "Expert; Pokročilý; Středně pokročilý; Základní",
    "ar": "خبير; متقدم; متوسط; مبتدئ",
}
LEVELS = {lang: _items(s) for lang, s in _LEVELS.items()}

_INTERESTS = {
    "en": "Photography; Running; Chess; Cooking; Travel; Hiking; Reading; Cycling",
    "de": "Fotografie; Laufen; Schach; Kochen; Reisen; Klettern; Lesen; Radfahren",
    "fr": "Photographie; Course à pied; Échecs; Cuisine; Voyages; Randonnée; Lecture; Vélo",
    "es": "Fotografía; Running; Ajedrez; Cocina; Viajar; Senderismo; Lectura; Ciclismo",
    "pt": "Fotografia; Corrida; Xadrez; Culinária; Viagens; Trilhas; Leitura; Ciclismo",
    "it": "Fotografia; Corsa; Scacchi; Cucina; Viaggi; Escursionismo; Lettura; Ciclismo",
    "nl": "Fotografie; Hardlopen; Schaken; Koken; Reizen; Wandelen; Lezen; Wielrennen",
    "pl": "Fotografia; Bieganie; Szachy; Gotowanie; Podróże; Wędrówki górskie; Czytanie; Rower",
    "zh": "摄影; 跑步; 国际象棋; 烹饪; 旅行; 徒步; 阅读; 骑行", "ja": "写真; ランニング; 将棋; 料理; 旅行; 登山; 読書; サイクリング",
    "ko": "사진; 달리기; 바둑; 요리; 여행; 등산; 독서; 자전거",
    "ru": "Фотография; Бег; Шахматы; Кулинария; Путешествия; Походы; Чтение; Велоспорт",
    "tr": "Fotoğrafçılık; Koşu; Satranç; Yemek yapmak; Seyahat; Doğa yürüyüşü; Kitap okumak; Bisiklet",
    "sv": "Fotografering; Löpning; Schack; Matlagning; Resor; Vandring; Läsning; Cykling",
    "cs": "Fotografie; Běh; Šachy; Vaření; Cestování; Turistika; Četba; Cyklistika",
    "ar": "التصوير الفوتوغرافي; الجري; الشطرنج; الطبخ; السفر; المشي لمسافات طويلة; القراءة; ركوب الدراجات",
}
INTERESTS = {lang: _items(s) for lang, s in _INTERESTS.items()}

# (certificate, issuer): international certificates keep their English names in every language.
CERTIFICATES = (
    ("AWS Certified Solutions Architect – Associate", "Amazon Web Services"),
    ("Certified Kubernetes Administrator", "CNCF"),
    ("Project Management Professional (PMP)", "PMI"),
    ("Professional Scrum Master I", "Scrum.org"),
    ("ITIL 4 Foundation", "AXELOS"),
    ("Google Data Analytics Certificate", "Google"),
    ("Microsoft Certified: Azure Fundamentals", "Microsoft"),
    ("Cisco CCNA", "Cisco"),
    ("IELTS Academic 7.5", "British Council"),
    ("CFA Level I", "CFA Institute"),
    ("PRINCE2 Foundation", "AXELOS"),
    ("Salesforce Certified Administrator", "Salesforce"),
    ("Adobe Certified Professional", "Adobe"),
)
PROJECT_NAMES = _items("OpenRoute; ShiftPlanner; Budgetly; MediTrack; Lernwerk; GreenLedger; Kitchenly; "
                       "PhotoSift; StockPilot; EventHub; Parcelio; Quizzy; TimeBank; CityBikes; DocuFlow")
