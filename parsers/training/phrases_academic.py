"""Phrase tables for long CVs (``people_long.py``): academic section headings, appointment titles,
thesis/advisor labels, page footers, journals and paper-title pieces. Invented content only."""
from __future__ import annotations

ACADEMIC_LANGS = ("en", "de", "fr", "es", "it", "pt", "nl", "pl")
LONG_LANGS = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "zh", "ja")


def _split(s: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in s.split(";") if x.strip())


# heading key -> variants ('/'-separated) per language; keys in this order:
HEADING_KEYS = ("appointments", "publications", "talks", "teaching", "grants", "service", "supervision",
                "references", "research")
_HEADINGS = {
    "en": "Academic Appointments/Appointments/Positions/Employment|Publications/Selected Publications/"
          "Peer-Reviewed Publications/Journal Articles|Invited Talks/Talks/Conference Presentations/Selected Talks|"
          "Teaching/Teaching Experience|Grants and Awards/Honors and Awards/Grants and Fellowships/"
          "Fellowships and Grants|Professional Service/Service/Academic Service|Supervision/Student Supervision/"
          "Mentoring|References/Referees|Research Interests",
    "de": "Wissenschaftlicher Werdegang/Beruflicher Werdegang/Positionen|Publikationen/Veröffentlichungen/"
          "Ausgewählte Publikationen|Vorträge/Eingeladene Vorträge/Konferenzbeiträge|Lehre/Lehrtätigkeit|"
          "Drittmittel und Preise/Preise und Stipendien/Stipendien und Auszeichnungen|Gutachtertätigkeit/"
          "Akademische Selbstverwaltung|Betreuung/Betreute Abschlussarbeiten|Referenzen|Forschungsinteressen",
    "fr": "Postes occupés/Parcours professionnel/Expérience professionnelle|Publications/Publications "
          "sélectionnées|Communications/Conférences invitées/Communications scientifiques|Activités d'enseignement/"
          "Enseignement dispensé|Financements et distinctions/Prix et distinctions/Bourses et prix|"
          "Responsabilités collectives/Activités d'évaluation|Encadrement/Encadrement doctoral|"
          "Références|Thèmes de recherche",
    "es": "Experiencia profesional/Trayectoria académica/Puestos|Publicaciones/Publicaciones seleccionadas/"
          "Artículos en revistas|Ponencias/Ponencias en congresos/Conferencias invitadas|Docencia/"
          "Experiencia docente|Becas y premios/Becas y ayudas/Premios y distinciones|Servicio académico/"
          "Gestión académica|Dirección de tesis/Supervisión|Referencias|Líneas de investigación",
    "it": "Posizioni accademiche/Esperienza professionale/Incarichi|Pubblicazioni/Pubblicazioni selezionate|"
          "Presentazioni a convegni/Seminari su invito/Relazioni|Didattica/Attività didattica|Premi e "
          "finanziamenti/Borse di studio e premi/Riconoscimenti|Attività di servizio/Attività istituzionali|"
          "Supervisione/Tesi seguite|Referenze|Interessi di ricerca",
    "pt": "Experiência profissional/Posições acadêmicas/Cargos|Publicações/Artigos em periódicos/"
          "Publicações selecionadas|Apresentações/Palestras/Comunicações em congressos|Docência/"
          "Experiência docente|Bolsas e prêmios/Prêmios e distinções/Financiamentos|Serviço acadêmico/"
          "Atividades de gestão|Orientações/Supervisão|Referências|Interesses de pesquisa",
    "nl": "Werkervaring/Academische posities/Loopbaan|Publicaties/Geselecteerde publicaties|Presentaties/"
          "Lezingen/Conferentiebijdragen|Onderwijsactiviteiten/Onderwijservaring|Beurzen en prijzen/Prijzen en "
          "onderscheidingen/Subsidies|Nevenactiviteiten/Academische dienstverlening|Begeleiding/"
          "Begeleide promovendi|Referenties|Onderzoeksinteresses",
    "pl": "Doświadczenie zawodowe/Przebieg pracy naukowej/Zatrudnienie|Publikacje/Wybrane publikacje|"
          "Wystąpienia konferencyjne/Referaty/Wykłady zaproszone|Dydaktyka/Działalność dydaktyczna|"
          "Granty i nagrody/Nagrody i wyróżnienia/Stypendia i nagrody|Działalność organizacyjna/Recenzje|"
          "Opieka naukowa/Promotorstwo|Referencje|Zainteresowania naukowe",
    "ru": "Опыт работы/Трудовая деятельность|Публикации/Научные публикации|Доклады/Выступления на "
          "конференциях|Преподавание/Преподавательская деятельность|Гранты и награды/Награды|"
          "Общественная деятельность|Научное руководство|Рекомендации/Рекомендатели|Научные интересы",
    "zh": "工作经历/任职经历|发表论文/论文发表/学术论文|学术报告/会议报告|教学经历/教学工作|科研项目与奖励/"
          "获奖情况/荣誉奖励|学术服务/社会服务|指导学生|推荐人/证明人|研究方向",
    "ja": "職歴/経歴|研究業績/論文/発表論文|学会発表/招待講演|教育活動/担当授業|受賞歴/研究費・受賞|学会活動/社会活動|"
          "学生指導|推薦者/照会先|研究分野",
}
HEADINGS = {lang: dict(zip(HEADING_KEYS, (tuple(g.split("/")) for g in s.split("|")), strict=True))
            for lang, s in _HEADINGS.items()}

# academic titles, junior to senior; doctoral researcher first
TITLES = {
    "en": _split("Doctoral Researcher; Postdoctoral Fellow; Postdoctoral Research Associate; Research Fellow; "
                 "Lecturer; Assistant Professor; Associate Professor"),
    "de": _split("Wissenschaftlicher Mitarbeiter; Postdoktorand; Wissenschaftlicher Assistent; "
                 "Nachwuchsgruppenleiter; Juniorprofessor; Akademischer Rat; Professor"),
    "fr": _split("Doctorant; Chercheur postdoctoral; Attaché temporaire d'enseignement et de recherche; "
                 "Ingénieur de recherche; Maître de conférences; Chargé de recherche; Professeur des universités"),
    "es": _split("Investigador predoctoral; Investigador postdoctoral; Investigador Juan de la Cierva; "
                 "Profesor ayudante doctor; Profesor contratado doctor; Profesor titular; Catedrático"),
    "it": _split("Dottorando; Assegnista di ricerca; Ricercatore a tempo determinato; Ricercatore; "
                 "Professore associato; Professore ordinario; Visiting researcher"),
    "pt": _split("Doutorando; Pesquisador de pós-doutorado; Bolsista de pós-doutorado; Professor adjunto; "
                 "Professor associado; Investigador auxiliar; Professor titular"),
    "nl": _split("Promovendus; Postdoctoraal onderzoeker; Universitair docent; Onderzoeker; "
                 "Universitair hoofddocent; Hoogleraar; Gastonderzoeker"),
    "pl": _split("Doktorant; Asystent; Adiunkt; Stażysta podoktorski; Starszy wykładowca; "
                 "Profesor uczelni; Kierownik zespołu badawczego"),
}
DEPARTMENT = {"en": ("Department of {f}", "School of {f}"), "de": ("Institut für {f}", "Fakultät für {f}"),
              "fr": ("Département de {f}", "Laboratoire de {f}"), "es": ("Departamento de {f}",),
              "it": ("Dipartimento di {f}",), "pt": ("Departamento de {f}", "Instituto de {f}"),
              "nl": ("Faculteit {f}", "Afdeling {f}"), "pl": ("Wydział {f}", "Katedra {f}")}
# English fields for departments in every language: departments are often named in English anyway
FIELDS_EN = _split("Physics; Chemistry; Mathematics; Computer Science; Economics; Biology; Linguistics; "
                   "Psychology; Earth Sciences; Statistics; Sociology; History; Neuroscience; Astronomy")
THESIS = {"en": ("Thesis", "Dissertation"), "de": ("Dissertation", "Thema"), "fr": ("Thèse", "Sujet"),
          "es": ("Tesis", "Título de la tesis"), "it": ("Tesi",), "pt": ("Tese", "Dissertação"),
          "nl": ("Proefschrift",), "pl": ("Rozprawa doktorska", "Praca")}
ADVISOR = {"en": ("Advisor", "Supervisor", "Advisors"), "de": ("Betreuer", "Doktorvater", "Gutachter"),
           "fr": ("Directeur de thèse", "Direction"), "es": ("Director", "Directores"),
           "it": ("Relatore", "Supervisore"), "pt": ("Orientador",), "nl": ("Promotor", "Promotoren"),
           "pl": ("Promotor",)}
PAGE = {"en": ("Page {p} of {n}", "{p}/{n}", "CV — page {p} of {n}", "{p}"),
        "de": ("Seite {p} von {n}", "{p}/{n}", "Lebenslauf – Seite {p}", "{p}"),
        "fr": ("Page {p} sur {n}", "{p}/{n}", "{p}"), "es": ("Página {p} de {n}", "{p}/{n}", "{p}"),
        "it": ("Pagina {p} di {n}", "{p}/{n}", "{p}"), "pt": ("Página {p} de {n}", "{p}"),
        "nl": ("Pagina {p} van {n}", "{p}/{n}", "{p}"), "pl": ("Strona {p} z {n}", "{p}/{n}", "{p}"),
        "ru": ("Страница {p} из {n}", "{p}"), "zh": ("第 {p} 页，共 {n} 页", "{p}/{n}", "{p}"),
        "ja": ("{p} / {n}", "{p}")}
CV_WORD = {"en": ("Curriculum Vitae", "CV", "Résumé"), "de": ("Lebenslauf", "Curriculum Vitae"),
           "fr": ("Curriculum vitæ", "CV"), "es": ("Currículum vítae", "CV"), "it": ("Curriculum vitae",),
           "pt": ("Currículo", "Curriculum vitae"), "nl": ("Curriculum vitae", "Cv"),
           "pl": ("Życiorys", "Curriculum vitae"), "ru": ("Резюме",), "zh": ("个人简历", "简历"),
           "ja": ("履歴書", "職務経歴書")}
REF_TITLES = {"en": ("Prof.", "Dr.", "Professor"), "de": ("Prof. Dr.", "Dr."), "fr": ("Pr", "Dr", "M.", "Mme"),
              "es": ("Dr.", "Dra.", "Prof."), "it": ("Prof.", "Dott.", "Prof.ssa"), "pt": ("Prof. Dr.", "Dr."),
              "nl": ("Prof. dr.", "Dr."), "pl": ("prof. dr hab.", "dr"), "ru": ("",), "zh": ("",), "ja": ("",)}
REF_ROLES = {"en": ("Head of Department", "Professor of {f}", "Former manager", "Team Lead", "Director"),
             "de": ("Lehrstuhlinhaber", "Professor für {f}", "Ehemaliger Vorgesetzter", "Abteilungsleiter"),
             "fr": ("Professeur de {f}", "Directeur de laboratoire", "Ancien responsable"),
             "es": ("Catedrático de {f}", "Director del departamento", "Antiguo jefe"),
             "it": ("Professore di {f}", "Direttore di dipartimento", "Ex responsabile"),
             "pt": ("Professor de {f}", "Coordenador", "Ex-gestor"),
             "nl": ("Hoogleraar {f}", "Afdelingshoofd", "Voormalig leidinggevende"),
             "pl": ("Kierownik katedry", "Profesor {f}", "Były przełożony"),
             "ru": ("Руководитель отдела", "Бывший руководитель", "Директор"),
             "zh": ("部门经理", "前主管", "教授"), "ja": ("部長", "元上司", "教授")}
PHONE_WORD = {"en": "Phone", "de": "Tel.", "fr": "Tél.", "es": "Tel.", "it": "Tel.", "pt": "Tel.", "nl": "Tel.",
              "pl": "tel.", "ru": "Тел.", "zh": "电话", "ja": "電話"}
STUDENTS = {"en": ("PhD student", "MSc student", "BSc thesis"), "de": ("Doktorand", "Masterarbeit", "Bachelorarbeit"),
            "fr": ("Doctorant", "Stage de M2", "Mémoire de master"), "es": ("Tesis doctoral", "TFM", "TFG"),
            "it": ("Dottorando", "Tesi magistrale", "Tesi triennale"), "pt": ("Doutorado", "Mestrado", "TCC"),
            "nl": ("Promovendus", "Masterscriptie", "Bachelorscriptie"),
            "pl": ("Doktorant", "Praca magisterska", "Praca inżynierska")}
COURSES = _split("Introduction to {f}; Advanced {f}; Statistical Methods; Numerical Methods; Research Seminar; "
                 "Data Analysis with Python; Quantum Mechanics II; Econometrics I; Cell Biology; "
                 "Machine Learning; Linear Algebra; Thermodynamics; Academic Writing")
COURSE_ROLE = {"en": ("Lecturer", "Teaching assistant", "Tutor", "Instructor"),
               "de": ("Vorlesung", "Übung", "Seminar"), "fr": ("CM", "TD", "TP"), "es": ("Teoría", "Prácticas"),
               "it": ("Titolare", "Esercitazioni"), "pt": ("Professor", "Monitoria"), "nl": ("Docent", "Werkcollege"),
               "pl": ("Wykład", "Ćwiczenia")}
SERVICE = _split("Referee for {j}; Reviewer for {j}; Member of the programme committee, {c} {y}; "
                 "Organiser, {c} {y}; Associate editor, {j}; Session chair, {c} {y}")
GRANTS = _split("Marie Skłodowska-Curie Individual Fellowship; ERC Starting Grant; DFG Research Grant; "
                "Early Career Research Award; Best Paper Award; Postdoctoral Fellowship; Travel Grant; "
                "Young Investigator Award; Doctoral Scholarship; NWO Veni Grant; Outstanding Thesis Prize; "
                "Seed Funding Award; Teaching Excellence Award")
FUNDERS = _split("European Commission; European Research Council; Deutsche Forschungsgemeinschaft; "
                 "National Science Foundation; Royal Society; Wellcome Trust; Fondation de France; "
                 "Agencia Estatal de Investigación; Narodowe Centrum Nauki; FAPESP; NWO; Fondazione Cariplo")
JOURNALS = _split("Physical Review Letters; Physical Review B; Nature Communications; Journal of Applied Physics; "
                  "Journal of Chemical Physics; Bioinformatics; PLOS ONE; Journal of Economic Theory; "
                  "Econometrica; Journal of Memory and Language; Neuron; Astrophysical Journal; "
                  "Monthly Notices of the Royal Astronomical Society; Annals of Statistics; "
                  "IEEE Transactions on Signal Processing; Journal of Machine Learning Research; "
                  "Scientific Reports; Proceedings of the National Academy of Sciences; Cognition; "
                  "Journal of Computational Physics; Geophysical Research Letters; Linguistic Inquiry")
CONFERENCES = _split("International Conference on Machine Learning; APS March Meeting; EGU General Assembly; "
                     "Annual Meeting of the Cognitive Science Society; European Meeting of Statisticians; "
                     "Gordon Research Conference; Workshop on Computational Biology; NeurIPS; "
                     "International Congress of Linguists; Econometric Society World Congress")
CONF_SHORT = _split("ICML; EGU; CogSci; EMS; NeurIPS; ECCB; ACL; SIAM CSE; APS DFD")
T_ADJ = _split("Robust; Scalable; Efficient; Bayesian; Nonlinear; Stochastic; Adaptive; Sparse; Quantum; "
               "Spectral; Hierarchical; Causal; Topological; Data-driven; Multiscale")
T_NOUN = _split("estimation; inference; dynamics; transport; signatures; models; representations; "
                "phase transitions; learning; decomposition; fluctuations; control; corrections")
T_TOPIC = _split("strongly correlated electrons; gene regulatory networks; labour markets; turbulent flows; "
                 "spiking neural networks; galaxy clusters; language acquisition; climate extremes; "
                 "protein folding; financial contagion; ultracold atoms; urban mobility; soil microbiomes; "
                 "graph neural networks; sea-ice dynamics; working memory")
T_FORMS = ("{A} {N} of {T}", "{A} {N} in {T}", "On the {n} of {T}", "{A} {N} for {T}: a case study",
           "Evidence for {a} {n} in {T}", "Towards {a} {n} of {T}")
