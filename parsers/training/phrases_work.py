"""Bullet and summary sentence templates per language (written by hand).

Slots: {tech} {tech2} (keywords of the person's trade), {n} (2-12), {pct} (10-75), {big} (a large number,
formatted for the language), {k} (100-900), {cls} (18-32), {years}, {title}, {domain}.
Every language lists the same bullets in the same order; BULLET_TAGS says which roles they suit (a leading
'*' marks the software ones, for readers). Short (4 words) and long (~30 words) ones are mixed.
"""
from __future__ import annotations

from htdy.parsers.training import phrases_bullets_east as _east
from htdy.parsers.training import phrases_bullets_west as _west

# tags per bullet index (see phrases.ROLE_TAGS)
BULLET_TAGS = ("T", "T", "A", "A", "TFO", "S", "F", "H", "D", "E", "S", "OD", "T", "T", "FO", "A", "SDT", "S",
               "H", "H", "E", "E", "D")

BULLETS = {**_west.BULLETS, **_east.BULLETS}

# Work domains (with their preposition, ready for the summary's {domain}), in ROLE_DOMAIN order:
# software, finance, healthcare, education, sales & marketing, design & engineering, administration.
DOMAINS = {
    "en": ("in software development", "in finance and accounting", "in healthcare", "in education",
           "in sales and marketing", "in design and engineering", "in operations and administration"),
    "de": ("in der Softwareentwicklung", "im Finanz- und Rechnungswesen", "im Gesundheitswesen",
           "im Bildungsbereich", "in Vertrieb und Marketing", "in Konstruktion und Design",
           "in Organisation und Verwaltung"),
    "fr": ("dans le développement logiciel", "en finance et comptabilité", "dans le secteur de la santé",
           "dans l'enseignement", "dans la vente et le marketing", "en conception et ingénierie",
           "en gestion administrative"),
    "es": ("en desarrollo de software", "en finanzas y contabilidad", "en el sector sanitario",
           "en educación", "en ventas y marketing", "en diseño e ingeniería",
           "en administración y operaciones"),
    "pt": ("em desenvolvimento de software", "em finanças e contabilidade", "na área da saúde", "em educação",
           "em vendas e marketing", "em design e engenharia", "em administração e operações"),
    "it": ("nello sviluppo software", "in amministrazione e finanza", "in ambito sanitario",
           "nell'insegnamento", "nelle vendite e nel marketing", "nella progettazione e nel design",
           "nella gestione amministrativa"),
    "nl": ("in softwareontwikkeling", "in financiën en administratie", "in de zorg", "in het onderwijs",
           "in sales en marketing", "in ontwerp en engineering", "in bedrijfsvoering en administratie"),
    "pl": ("w tworzeniu oprogramowania", "w finansach i księgowości", "w ochronie zdrowia", "w edukacji",
           "w sprzedaży i marketingu", "w projektowaniu i inżynierii", "w administracji"),
    "zh": ("软件开发", "财务会计", "医疗护理", "教育", "销售与市场", "设计与工程", "行政管理"),
    "ja": ("ソフトウェア開発", "経理・財務", "医療", "教育", "営業・マーケティング", "設計・デザイン", "総務・事務"),
    "ko": ("소프트웨어 개발", "재무 회계", "의료", "교육", "영업 및 마케팅", "설계 및 디자인", "경영 지원"),
    "ru": ("в разработке программного обеспечения", "в финансах и бухгалтерии", "в здравоохранении",
           "в образовании", "в продажах и маркетинге", "в проектировании и дизайне",
           "в административной работе"),
    "tr": ("yazılım geliştirme", "finans ve muhasebe", "sağlık", "eğitim", "satış ve pazarlama",
           "tasarım ve mühendislik", "idari işler"),
    "sv": ("inom systemutveckling", "inom ekonomi och redovisning", "inom vården", "inom skolan",
           "inom försäljning och marknadsföring", "inom konstruktion och design", "inom administration"),
    "cs": ("ve vývoji softwaru", "v oblasti financí a účetnictví", "ve zdravotnictví", "ve školství",
           "v obchodu a marketingu", "v konstrukci a designu", "v administrativě"),
    "ar": ("في تطوير البرمجيات", "في المالية والمحاسبة", "في القطاع الصحي", "في التعليم",
           "في المبيعات والتسويق", "في التصميم والهندسة", "في الإدارة"),
}
ROLE_DOMAIN = (0, 0, 0, 1, 2, 3, 4, 5, 6, 4, 5, 6, 4, 1, 0, 0, 6, 0)

# First summary sentence (who), then further sentences drawn from SUMMARY_MORE.
SUMMARY_FIRST = {
    "en": "{title} with {years} years of experience {domain}.",
    "de": "{title} mit {years} Jahren Erfahrung {domain}.",
    "fr": "{title} avec {years} ans d'expérience {domain}.",
    "es": "{title} con {years} años de experiencia {domain}.",
    "pt": "{title} com {years} anos de experiência {domain}.",
    "it": "{title} con {years} anni di esperienza {domain}.",
    "nl": "{title} met {years} jaar ervaring {domain}.",
    "pl": "{title} z {years}-letnim doświadczeniem {domain}.",
    "zh": "拥有{years}年{domain}经验的{title}。", "ja": "{domain}分野で{years}年の経験を持つ{title}です。",
    "ko": "{domain} 분야 {years}년 경력의 {title}입니다.", "ru": "{title} с опытом работы {domain} более {years} лет.",
    "tr": "{domain} alanında {years} yıllık deneyime sahip {title}.",
    "sv": "{title} med {years} års erfarenhet {domain}.",
    "cs": "{title} s {years}letou praxí {domain}.", "ar": "{title} بخبرة {years} سنوات {domain}.",
}
SUMMARY_MORE = {
    "en": ("Strong background in {tech} and {tech2}.", "Known for reliable delivery and clear communication.",
           "Looking for a new challenge in a growing team.",
           "Enjoys turning complex problems into simple processes.",
           "Experienced in leading projects on time and on budget."),
    "de": ("Fundierte Kenntnisse in {tech} und {tech2}.",
           "Strukturierte Arbeitsweise und hohe Zuverlässigkeit.",
           "Auf der Suche nach einer neuen Herausforderung.",
           "Freude daran, komplexe Abläufe zu vereinfachen.",
           "Erfahrung in der termingerechten Leitung von Projekten."),
    "fr": ("Solide maîtrise de {tech} et {tech2}.", "Rigoureux, autonome et orienté résultats.",
           "À la recherche d'un nouveau défi au sein d'une équipe dynamique.",
           "Aime simplifier les processus complexes.",
           "Expérience du pilotage de projets dans le respect des délais."),
    "es": ("Amplia experiencia con {tech} y {tech2}.",
           "Persona organizada, proactiva y orientada a resultados.",
           "En busca de un nuevo reto profesional.", "Me motiva simplificar procesos complejos.",
           "Experiencia en la gestión de proyectos en plazo y presupuesto."),
    "pt": ("Sólida experiência com {tech} e {tech2}.",
           "Profissional organizado, proativo e focado em resultados.", "Em busca de novos desafios.",
           "Gosto de transformar problemas complexos em processos simples.",
           "Experiência na condução de projetos dentro do prazo e do orçamento."),
    "it": ("Solida esperienza con {tech} e {tech2}.", "Precisione, autonomia e orientamento al risultato.",
           "Alla ricerca di una nuova sfida professionale.", "Mi piace semplificare i processi complessi.",
           "Esperienza nella gestione di progetti nel rispetto di tempi e budget."),
    "nl": ("Ruime ervaring met {tech} en {tech2}.", "Resultaatgericht, zelfstandig en communicatief sterk.",
           "Op zoek naar een nieuwe uitdaging.",
           "Haalt energie uit het vereenvoudigen van complexe processen.",
           "Ervaring met het binnen tijd en budget opleveren van projecten."),
    "pl": ("Bardzo dobra znajomość {tech} i {tech2}.", "Osoba sumienna, samodzielna i nastawiona na wyniki.",
           "Szukam nowych wyzwań zawodowych.", "Lubię upraszczać złożone procesy.",
           "Doświadczenie w prowadzeniu projektów w terminie i budżecie."),
    "zh": ("熟练掌握{tech}和{tech2}。", "工作认真负责，具备良好的沟通能力和团队合作精神。", "希望在快速发展的团队中迎接新的挑战。", "善于将复杂问题转化为简单流程。",
           "具有按时按预算交付项目的经验。"),
    "ja": ("{tech}および{tech2}の実務経験が豊富です。", "責任感が強く、周囲と協力しながら業務を進めることが得意です。", "新しい環境で更なる成長を目指しています。",
           "複雑な業務をシンプルな仕組みに落とし込むことを得意としています。", "納期と予算を守ったプロジェクト推進の経験があります。"),
    "ko": ("{tech} 및 {tech2} 활용 경험이 풍부합니다.", "책임감이 강하고 원활한 소통을 중시합니다.", "성장하는 조직에서 새로운 도전을 찾고 있습니다.",
           "복잡한 문제를 단순한 프로세스로 바꾸는 일을 좋아합니다.", "일정과 예산 내 프로젝트 수행 경험이 있습니다."),
    "ru": ("Уверенное владение {tech} и {tech2}.", "Ответственный, внимательный к деталям, легко обучаюсь.",
           "Ищу новые профессиональные задачи.", "Люблю упрощать сложные процессы.",
           "Опыт ведения проектов в срок и в рамках бюджета."),
    "tr": ("{tech} ve {tech2} konularında güçlü deneyim.",
           "Sorumluluk sahibi, çözüm odaklı ve iletişimi güçlü.",
           "Büyüyen bir ekipte yeni bir fırsat arıyorum.",
           "Karmaşık süreçleri sadeleştirmekten keyif alırım.",
           "Projeleri zamanında ve bütçesinde teslim etme deneyimi."),
    "sv": ("Gedigen erfarenhet av {tech} och {tech2}.", "Strukturerad, lösningsorienterad och lyhörd.",
           "Söker nu en ny utmaning.", "Tycker om att förenkla komplexa processer.",
           "Van att leda projekt inom tid och budget."),
    "cs": ("Pokročilá znalost {tech} a {tech2}.", "Spolehlivý přístup, samostatnost a orientace na výsledky.",
           "Hledám novou profesní výzvu.", "Baví mě zjednodušovat složité procesy.",
           "Zkušenosti s řízením projektů v termínu a rozpočtu."),
    "ar": ("خبرة قوية في {tech} و{tech2}.", "أتميز بالدقة وروح المسؤولية ومهارات التواصل.",
           "أبحث عن تحدٍ جديد ضمن فريق متنامٍ.", "أستمتع بتبسيط العمليات المعقدة.",
           "خبرة في إدارة المشاريع ضمن الوقت والميزانية المحددين."),
}
