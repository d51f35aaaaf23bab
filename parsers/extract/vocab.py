"""Word lists in English, German, French, Spanish, Portuguese, Italian, Dutch and Polish, merged with
those of :mod:`htdy.parsers.extract.vocab_intl` (CJK, Cyrillic, Turkish, Nordic, Czech, Arabic, Hebrew…).
All entries are compared after :func:`fold` (casefold, accents stripped)."""
from __future__ import annotations

import re
import unicodedata

from htdy.parsers.extract import language_names
from htdy.parsers.extract import vocab_academic as academic
from htdy.parsers.extract import vocab_intl as intl

_KEEP_MARKS = frozenset("\u3099\u309a")  # Japanese voicing marks: ガ is not カ


def fold(text: str) -> str:
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c) or c in _KEEP_MARKS)
    if not s.isascii():
        # Turkish dotless ı folds like i ("HAKKIMDA" / "Hakkımda"); Hangul syllables and kana
        # decomposed by NFKD are put back together
        s = unicodedata.normalize("NFC", s.replace("ł", "l").replace("Ł", "l").replace("ı", "i"))
    return " ".join(s.casefold().split())


# Han, kana, Hangul: scripts written without spaces between words (a word is found inside a
# compound: 高级软件工程师 holds 工程师) and without letter case
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# letters of scripts without case (CJK, Arabic, Hebrew, Thai…): headings cannot be told by capitals
_CASELESS = re.compile(r"[\u0590-\u08ff\u0e00-\u0e7f\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufb1d-\ufdff\ufe70-\ufeff]")


def caseless(text: str) -> bool:
    """Most letters of ``text`` belong to a script without letter case (CJK, Arabic, Hebrew)."""
    n = len(_CASELESS.findall(text))
    return n > 0 and n >= 0.5 * sum(ch.isalpha() for ch in text)


SECTIONS: dict[str, tuple[str, ...]] = {
    "work": (
        "experience", "work experience", "professional experience", "employment", "employment history",
        "work history", "career", "career history", "professional background", "relevant experience",
        "work", "experiences", "professional experiences", "industry experience", "jobs",
        "berufserfahrung", "berufliche erfahrung", "berufspraxis", "beruflicher werdegang", "erfahrung",
        "praxiserfahrung", "werdegang", "arbeitserfahrung", "beschaftigung", "beruf",
        "experience professionnelle", "experiences professionnelles", "parcours professionnel", "emplois",
        "experiencia", "experiencia laboral", "experiencia profesional", "trayectoria profesional", "trabajo",
        "trayectoria", "trayectoria laboral", "historial laboral", "historial profesional", "percurso profissional",
        "trajetoria profissional", "trajetoria", "percorso professionale", "percorso lavorativo", "kariyer",
        "kariyer gecmisi",
        # academic CVs: appointments are jobs ("Academic Positions" is no education)
        "academic positions", "academic appointments", "appointments", "positions", "positions held",
        # teaching is work, as "Teaching Experience" is; internships too (single words only where no
        # job title holds them: "Teaching Assistant", "Becario en prácticas" are titles)
        "teaching positions", "teaching appointments", "lehrtatigkeit", "lehrtatigkeiten", "lehrerfahrung",
        "experience d'enseignement", "experiencia docente", "docencia universitaria", "attivita didattica",
        "internships", "praktika", "stages professionnels", "practicas profesionales", "estagios profissionais",
        "professional appointments", "research positions", "academic employment", "postdoctoral positions",
        "academic experience", "research and teaching experience", "faculty positions",
        "experiencia professional", "experiencia profissional", "historico profissional", "trabalho",
        "esperienza", "esperienze", "esperienza lavorativa", "esperienze lavorative",
        "esperienza professionale", "esperienze professionali",
        "werkervaring", "ervaring", "professionele ervaring", "loopbaan", "werk",
        "doswiadczenie", "doswiadczenie zawodowe", "przebieg kariery", "praca", "historia zatrudnienia",
    ),
    "education": (
        "education", "academic background", "education and training", "qualifications", "academic",
        "studies", "academic qualifications", "educational background", "training",
        "ausbildung", "bildung", "bildungsweg", "studium", "schulbildung", "akademischer werdegang",
        "ausbildung und studium",
        "formation", "formations", "education et formation", "etudes", "parcours academique", "diplomes",
        "educacion", "formacion", "formacion academica", "estudios",
        "educacao", "formacao", "formacao academica", "escolaridade",
        "istruzione", "formazione", "istruzione e formazione", "studi",
        "opleiding", "opleidingen", "onderwijs", "scholing",
        "wyksztalcenie", "edukacja", "nauka", "titoli di studio", "titolo di studio",
    ),
    "skills": (
        "skills", "technical skills", "key skills", "core skills", "competencies", "core competencies",
        "informatica", "informatique", "computing", "edv", "ofimatica",
        "expertise", "technologies", "tech stack", "technical expertise", "abilities", "tools",
        "kenntnisse", "fahigkeiten", "kompetenzen", "fachkenntnisse", "it-kenntnisse", "technologien",
        "skills und kenntnisse", "fachliche kompetenzen",
        "competences", "competences techniques", "connaissances", "savoir-faire",
        "habilidades", "competencias", "conocimientos", "aptitudes", "tecnologias",
        "habilidades tecnicas", "conhecimentos",
        "competenze", "abilita", "capacita", "conoscenze", "competenze tecniche",
        "vaardigheden", "competenties", "kennis",
        "umiejetnosci", "kompetencje", "umiejetnosci techniczne", "technologie",
        # Europass form headings (personal, computer and digital skills) in the eight languages
        "personal skills", "personal skills and competences", "computer skills", "computer skills and competences",
        "digital skills", "digital competence", "personliche fahigkeiten", "personliche fahigkeiten und kompetenzen",
        "digitale kompetenzen", "edv-kenntnisse", "competences personnelles", "aptitudes et competences personnelles",
        "competences informatiques", "competences numeriques", "competence numerique",
        "competencias personales", "capacidades y competencias personales", "competencias informaticas",
        "capacidades y competencias informaticas", "competencia digital", "competencias digitales",
        "competencias pessoais", "aptidoes e competencias pessoais", "competencias digitais",
        "competenze personali", "capacita e competenze personali", "competenze informatiche",
        "capacita e competenze informatiche", "competenze digitali", "persoonlijke vaardigheden",
        "persoonlijke vaardigheden en competenties", "computervaardigheden", "digitale vaardigheden",
        "umiejetnosci osobiste", "umiejetnosci i kompetencje osobiste", "umiejetnosci i kompetencje informatyczne",
        "umiejetnosci cyfrowe", "kompetencje cyfrowe",
    ),
    "languages": (
        "languages", "language skills", "language", "sprachen", "sprachkenntnisse", "langues",
        "competences linguistiques", "idiomas", "lenguas", "linguas", "lingue", "conoscenze linguistiche",
        "talen", "talenkennis", "jezyki", "jezyki obce", "znajomosc jezykow", "competenze linguistiche",
        "capacita linguistiche", "conhecimentos linguisticos", "competencias linguisticas",
    ),
    "projects": (
        "projects", "personal projects", "selected projects", "side projects", "projekte", "projets",
        "proyectos", "projetos", "progetti", "projecten", "projekty", "open source", "projekterfahrung",
        "realisations", "realisations principales",
    ),
    "certificates": (
        "certificates", "certifications", "certification", "licenses & certifications",
        "licenses and certifications", "zertifikate", "zertifizierungen", "certificats", "certificaciones",
        "certificados", "certificacoes", "certificazioni", "certificaten", "certyfikaty", "courses",
        "kurse", "cours", "cursos", "corsi", "cursussen", "kursy", "weiterbildung", "szkolenia",
        "weiterbildungen", "fortbildungen", "attestati", "certificeringen", "certificazioni e attestati",
    ),
    "awards": (
        # grants, fellowships and scholarships of academic CVs are awards in JSON Resume
        "grants and funding", "research funding", "research grants", "grants and awards", "fellowships",
        "scholarships", "fellowships and grants", "grants and fellowships", "scholarships and awards",
        "drittmittel", "stipendien", "bourses", "becas", "becas y ayudas", "borse di studio", "stypendia",
        "awards", "honors", "honours", "achievements", "honors & awards", "awards and honors",
        "auszeichnungen", "preise", "distinctions", "prix", "premios", "reconocimientos", "premiacoes",
        "premi", "riconoscimenti", "prijzen", "onderscheidingen", "nagrody", "osiagniecia",
        "erfolge", "recompenses", "logros", "conquistas", "wyroznienia",
    ),
    "publications": (
        # talks and patents: JSON Resume has no place of their own; publications is the nearest
        "invited talks", "talks", "conference presentations", "conference talks", "selected talks",
        "talks and presentations", "patents", "vortrage", "konferenzbeitrage", "conferences invitees",
        "communications scientifiques", "ponencias y comunicaciones", "ponencias en congresos",
        "wystapienia konferencyjne",
        "publications", "papers", "publikationen", "veroffentlichungen", "publicaciones", "publicacoes",
        "pubblicazioni", "publicaties", "publikacje",
    ),
    "volunteer": (
        # service and activities beside one's job: as JSON Resume's volunteer entries
        "professional service", "academic service", "university service", "peer review", "editorial boards",
        "memberships", "professional memberships", "professional affiliations", "affiliations",
        "extracurricular activities", "leadership and activities", "mitgliedschaften", "gutachtertatigkeit",
        "membresias", "afiliaciones",
        "volunteer", "volunteering", "volunteer experience", "volunteer work", "community",
        "community involvement", "community service", "community engagement", "social engagement",
        "ehrenamt", "ehrenamtliche tatigkeit", "ehrenamtliches engagement", "engagement",
        "benevolat", "bénévolat", "voluntariado", "volontariato", "vrijwilligerswerk", "wolontariat",
    ),
    "interests": (
        "interests", "hobbies", "hobbies and interests", "interessen", "hobbys", "freizeit",
        "centres d'interet", "centres d interet", "loisirs", "intereses", "aficiones", "interesses",
        "interessi", "hobby", "interesses pessoais", "interesses", "zainteresowania", "interets",
        "passatempos", "tempo libero", "hobby's", "vrije tijd",
    ),
    "summary": (
        "summary", "profile", "professional summary", "about", "about me", "objective", "career objective",
        "profil", "zusammenfassung", "uber mich", "kurzprofil", "resume", "a propos", "a propos de moi",
        "perfil", "resumen", "sobre mi", "acerca de mi", "resumo", "sobre", "sobre mim", "profilo",
        "sommario", "chi sono", "profiel", "samenvatting", "over mij", "podsumowanie", "o mnie",
        "personal statement", "introduction", "objetivo", "objetivo profissional", "objetivo profesional",
    ),
    "references": (
        "references", "referenzen", "references professionnelles", "referencias", "referencias profissionais",
        "referenze", "referenties", "referencje",
    ),
    "contact": (
        "contact", "contact information", "contacts", "personal details", "personal information",
        "kontakt", "personliche daten", "coordonnees", "contacto", "datos personales", "contato",
        "contatti", "dati personali", "contactgegevens", "persoonlijke gegevens", "dane osobowe", "kontakt",
        "profiles", "links", "social",
        # Europass "Personal information"
        "informacje osobiste", "informazioni personali", "informations personnelles", "informacion personal",
        "informacao pessoal", "persoonlijke informatie", "personliche informationen", "angaben zur person",
        "kontaktdaten", "dados pessoais", "recapiti", "dane kontaktowe",
    ),
}

for _key, _phrases in intl.SECTIONS_INTL.items():
    SECTIONS[_key] = SECTIONS[_key] + _phrases
for _key, _phrases in academic.PHRASES_ACADEMIC.items():
    SECTIONS[_key] = SECTIONS[_key] + tuple(p for p in _phrases if p not in SECTIONS[_key])
HEADINGS: dict[str, str] = {fold(p): k for k, ps in SECTIONS.items() for p in ps}
COMPACT: dict[str, str] = {re.sub(r"[^\w]", "", p): k for p, k in HEADINGS.items()}

TITLE_WORDS = tuple(fold(w) for w in (
    "engineer", "developer", "manager", "intern", "internship", "consultant", "director", "lead",
    "leader", "analyst", "designer", "architect", "founder", "co-founder", "cofounder", "ceo", "cto",
    "cfo", "coo", "vp", "president", "specialist", "scientist", "researcher", "teacher", "professor",
    "lecturer", "assistant", "administrator", "officer", "head", "coordinator", "programmer",
    "student", "owner", "partner", "associate", "technician", "advisor", "trainee", "freelance",
    "freelancer", "contractor", "editor", "writer", "instructor", "tutor", "fellow", "principal",
    "staff", "senior", "junior", "expert", "devops", "sre", "full stack", "fullstack", "backend",
    "frontend", "front-end", "back-end", "chief", "member", "volunteer", "mentor", "agent",
    "representative", "executive", "supervisor", "physiotherapist", "nurse", "doctor", "accountant",
    "entwickler", "ingenieur", "berater", "leiter", "werkstudent", "praktikant", "mitarbeiter",
    "softwareentwickler", "geschaftsfuhrer", "referent", "sachbearbeiter", "gesellschafter", "architekt",
    "developpeur", "ingenieur", "chef", "stagiaire", "responsable", "directeur", "chargé", "charge",
    "architecte", "formateur", "concepteur", "alternant",
    "desarrollador", "ingeniero", "jefe", "becario", "analista", "programador", "consultor",
    "desenvolvedor", "engenheiro", "estagiario", "gerente", "coordenador", "lider", "arquiteto",
    "sviluppatore", "ingegnere", "responsabile", "tirocinante", "programmatore",
    "ontwikkelaar", "medewerker", "stagiair", "beheerder", "adviseur", "analist", "projectleider",
    "teamleider", "docent", "analityk", "kierownik", "asystent", "konsultant",
    "programista", "inzynier", "kierownik", "specjalista", "stazysta", "praktykant", "fizjoterapeuta",
    "wlasciciel", "tester", "qa",
    # feminine and further job titles in the eight languages
    "designerin", "cheffe", "coordinatrice", "assistante", "conseillere", "vendeuse", "infirmiere",
    "sviluppatrice", "programmatrice", "progettista", "contabile", "addetto", "addetta", "impiegato",
    "impiegata", "borsista", "ricercatore", "ricercatrice", "commessa", "magazziniere", "infermiere",
    "infermiera", "tecnico", "tecnica", "tecnica", "disenadora", "disenador", "maquetador", "maquetadora",
    "enfermera", "enfermero", "administrativo", "administrativa", "engenheira", "desenvolvedora",
    "coordenadora", "enfermeira", "vendedor", "vendedora", "hilfskraft", "pfleger", "pflegerin",
    "krankenschwester", "verpleegkundige", "uitvoerder", "werkvoorbereider", "verkoper", "technolog",
    "koordynator", "koordynatorka", "mlodszy", "starszy", "ksiegowa", "ksiegowy", "pielegniarka",
    "kierowniczka", "specjalistka", "asystentka", "technician", "clerk", "cashier", "receptionist",
    "administrateur", "administratrice", "technicienne", "gestionnaire", "comptable", "vendeur",
    # occupations (teaching, care, accounting, sales, support) and feminine forms in the eight languages
    "lehrer", "lehrerin", "buchhalter", "buchhalterin", "analystin", "leiterin", "managerin", "ingenieurin",
    "referentin", "beraterin", "controller", "controllerin", "kaufmann", "kauffrau", "entwicklerin",
    "architektin", "erzieher", "erzieherin", "verkaufer", "verkauferin", "sachbearbeiterin", "assistentin",
    "infirmier", "professeur", "professeure", "graphiste", "conseiller", "controleur", "controleuse",
    "developpeuse", "enseignant", "enseignante", "juriste", "avocat", "avocate", "medecin", "pharmacien",
    "ingeniera", "contable", "profesor", "profesora", "jefa", "agente", "maestro", "maestra", "abogado",
    "abogada", "auxiliar", "dependiente", "medico", "medica", "contador", "contadora", "enfermeiro",
    "atendente", "professora", "advogado", "advogada", "assistente", "insegnante", "operatore",
    "operatrice", "professore", "professoressa", "avvocato", "consulente", "boekhouder", "ontwerper",
    "ontwerpster", "leraar", "lerares", "programistka", "analityczka", "pielegniarz", "nauczyciel",
    "nauczycielka", "grafik", "graficzka", "sprzedawca", "projektant", "projektantka",
    *intl.TITLE_WORDS_INTL,
    *academic.TITLE_WORDS_ACADEMIC,
))

ORG_WORDS = tuple(fold(w) for w in (
    "inc", "inc.", "ltd", "llc", "gmbh", "ag", "sa", "s.a.", "sas", "sarl", "srl", "s.r.l.", "bv", "b.v.",
    "nv", "plc", "corp", "corporation", "company", "co.", "group", "gruppe", "groupe", "grupo",
    "technologies", "solutions", "labs", "systems", "software", "consulting", "sp. z o.o.", "s.r.o.",
    "oy", "ab", "as", "kg", "ug", "limited", "studio", "agency", "bank", "foundation",
    *intl.ORG_WORDS_INTL,
))

LEGAL_FORMS = tuple(fold(w) for w in (
    "inc", "ltd", "llc", "gmbh", "ag", "s.a.", "sas", "sarl", "srl", "s.r.l.", "bv", "b.v.", "plc", "corp",
    "corporation", "sp. z o.o.", "s.r.o.", "oy", "ab", "kg", "ug", "limited", "s.l.", "lda", "spa", "s.p.a.",
    *intl.LEGAL_FORMS_INTL,
))

INSTITUTION_WORDS = tuple(fold(w) for w in (
    "university", "universitat", "universitaet", "universite", "universidad", "universidade", "universita",
    "universiteit", "uniwersytet", "univerzita", "univ", "college", "school", "schule", "hochschule",
    "fachhochschule", "institute", "institut", "instituto", "istituto", "instytut", "academy", "akademie",
    "akademia", "academie", "academia", "accademia", "politechnika", "polytechnic", "politecnico",
    "polytechnique", "ecole", "escola", "escuela", "scuola", "lycee", "liceo", "liceum", "gymnasium",
    "faculty", "fakultat", "faculte", "facultad", "faculdade", "wydzial", "dhbw", "tu ", "eth",
    "szkola", "technikum", "conservatory", "seminary", "campus", "bootcamp",
    "hogescholen", "iut", "universitaria", "universitario",
    *intl.INSTITUTION_WORDS_INTL,
))

DEGREE_WORDS = tuple(fold(w) for w in (
    "bachelor", "bachelors", "master", "masters", "phd", "ph.d", "doctor", "doctorate", "mba", "bsc",
    "b.sc", "msc", "m.sc", "ba", "b.a", "ma", "m.a", "bs", "b.s", "ms", "m.s", "beng", "b.eng", "meng",
    "m.eng", "b.arch", "m.arch", "associate", "diploma", "diplom", "dipl", "abitur", "fachhochschulreife",
    "licence", "licenciatura", "licenciado", "licenciada", "grado", "graduado", "bacharelado", "bacharel",
    "mestrado", "mestre", "doutorado", "doutor", "laurea", "magistrale", "triennale", "dottorato",
    "magister", "magisterskie", "inzynier", "inz", "licencjat", "doktor", "baccalaureat", "bac",
    "maitrise", "doctorat", "ingenieur", "specialist", "technical course", "certificate", "hbo", "wo",
    "mbo", "postgraduate", "postgrado", "pos-graduacao", "especializacao", "tecnico", "technician",
    "high school", "a-levels", "gcse", "bts", "dut", "cfgs", "ausbildung", "staatsexamen",
    "training course", "course", "curso", "curso tecnico", "formation", "formacao", "kurs", "bootcamp",
    "specialist degree", "engineer's degree", "engineering degree", "mgr", "dr", "graduation", "maturita",
    "matura", "bachillerato", "high school diploma", "diplome", "diploma di maturita", "technikum",
    # certificates and training, advanced and vocational degrees in the eight languages
    "certification", "certificat", "certificado", "certificacao", "certificazione", "zertifikat",
    "certificaat", "certyfikat", "mastere", "master professionnel", "licence professionnelle",
    "diplome d'ingenieur", "diplomatura", "tecnico superior", "tecnologo", "ensino medio", "ensino tecnico",
    "laurea triennale", "laurea magistrale", "dottorato di ricerca", "perito", "propedeuse",
    "studia", "studia magisterskie", "studia inzynierskie", "studia licencjackie", "studia podyplomowe",
    "technik", "vordiplom", "fachabitur", "realschulabschluss", "mittlere reife", "umschulung",
    "meisterbrief", "weiterbildung", "fortbildung", "schulung", "szkolenie", "corso", "cursus",
    "mphil", "dphil", "m.phil", "d.phil", "ll.b", "ll.m", "mres", "pgce", "pgdip",
    "mphys", "mchem", "mmath", "msci", "mbiol", "meng", "bba", "bcom", "llb", "mfa", "bfa", "mpa", "mph",
    # a degree's own qualifier that names a school word ("Máster Universitario en …")
    "master di primo livello", "master di secondo livello", "master universitario", "master oficial", "grado universitario", "titulo universitario",
    "diploma universitario", "master universitario di primo livello", "master universitario di secondo livello",
    "master 1", "master 2", "master 2 recherche", "master 2 professionnel", "master recherche",
    "promotion", "doutoramento", "mestrado integrado", "pos-graduacao", "pos graduacao", "mba executivo",
    *intl.DEGREE_WORDS_INTL,
))

# Degree abbreviations that are ordinary words in lower case ("but", "cap", "du", "bed"):
# recognised only as written, in capitals.
DEGREE_ABBREVIATIONS = frozenset((
    "DEA", "DESS", "DEUG", "DU", "DUT", "BUT", "BTS", "CAP", "BEP", "HND", "HNC", "GED", "LLB", "LLM", "JD",
    "J.D.", "MD", "M.D.", "BBA", "EMBA", "BCom", "MCom", "BEd", "MEd", "BFA", "MFA", "BSN", "MSN", "MPH",
    "EdD", "PharmD", "DDS", "DVM", "AAS", "FP", "CFGM", "CFGS", "VWO", "HAVO", "MBO", "HBO", "WO", "BTEC",
    *intl.DEGREE_ABBREVIATIONS_INTL,
))
_ABBREV = re.compile(r"^(" + "|".join(re.escape(a) for a in sorted(DEGREE_ABBREVIATIONS, key=len, reverse=True))
                     + r")(?![\w.])")

NATURAL_LANGUAGES = tuple(fold(w) for w in (
    "english", "german", "french", "spanish", "portuguese", "italian", "dutch", "polish", "russian",
    "chinese", "mandarin", "cantonese", "japanese", "korean", "arabic", "hebrew", "turkish", "greek",
    "swedish", "norwegian", "danish", "finnish", "czech", "slovak", "hungarian", "romanian",
    "bulgarian", "ukrainian", "serbian", "croatian", "bosnian", "slovenian", "hindi", "urdu", "bengali",
    "persian", "farsi", "vietnamese", "thai", "indonesian", "malay", "catalan", "galician", "basque",
    "englisch", "deutsch", "franzosisch", "spanisch", "italienisch", "niederlandisch", "polnisch",
    "russisch", "anglais", "allemand", "francais", "espagnol", "italien", "neerlandais", "polonais",
    "ingles", "aleman", "frances", "espanol", "italiano", "portugues", "holandes", "polaco",
    "alemao", "espanhol", "inglese", "tedesco", "francese", "spagnolo", "portoghese", "olandese",
    "engels", "duits", "frans", "spaans", "nederlands", "pools", "angielski", "niemiecki",
    "francuski", "hiszpanski", "polski", "wloski", "rosyjski", "castellano", "euskera", "latin",
    "gallego", "galego", "catala", "valenciano", "katalanisch", "catalan", "russo", "russe", "ruso",
    "chinois", "chino", "cinese", "chinesisch", "japonais", "japones", "giapponese", "japanisch",
    "arabe", "arabisch", "portugais", "portugiesisch", "portugalski", "niderlandzki", "ukrainski",
    *intl.NATURAL_LANGUAGES_INTL,
)) + language_names.load()  # (and CLDR's names in 22 languages)

LEVEL_WORDS = frozenset(fold(w) for w in (
    "native", "native speaker", "fluent", "advanced", "intermediate", "beginner", "basic", "expert",
    "master", "proficient", "professional", "professional working proficiency", "elementary",
    "muttersprache", "fliessend", "verhandlungssicher", "grundkenntnisse", "gut", "sehr gut",
    "langue maternelle", "courant", "natif", "nativo", "nativa", "fluido", "avanzado", "avancado",
    "basico", "intermedio", "intermediario", "madrelingua", "ojczysty", "biegly", "podstawowy",
    "zaawansowany", "sredniozaawansowany", "moedertaal", "vloeiend", "c1", "c2", "b1", "b2", "a1", "a2",
    # skill levels in the Romance languages, Dutch and Polish ("Kafka (Avanzato)", "SQL (Experto)")
    "avanzato", "esperto", "base", "buono", "ottimo", "discreto", "elementare", "scolastico", "experto",
    "basico", "alto", "medio", "bajo", "bueno", "excelente", "avance", "debutant", "intermediaire",
    "confirme", "notions", "bonnes connaissances", "especialista", "gevorderd", "beginner", "goed",
    "uitstekend", "basiskennis", "dobry", "bardzo dobry", "srednio", "komunikatywny",
    "fortgeschritten", "anfanger", "experte", "mittel",
    # seniority printed as a skill's level ("Backend Development" / "Senior" / "Java, Spring")
    "junior", "medior", "senior", "mid-level",
    *intl.LEVEL_WORDS_INTL,
))

_OTHER = frozenset(("other", "others", "altre", "altri", "autres", "otras", "otros", "outras", "outros", "andere",
                    "weitere", "overige", "inne", "pozostale"))
_HEAD_CLEAN = re.compile(r"[^\w&'/+ -]+")
# a heading's number: "一、", "(二)", "1.", "II.", "第三部分"
_NUMBERING = re.compile(r"^\W*(?:第?[一二三四五六七八九十]{1,3}(?:部分|章|节|節)?|\d{1,2}|[ivx]{1,4})\s*[、.:)]\s*"
                        r"|^第[一二三四五六七八九十\d]{1,3}(?:部分|章|节|節)\s*"
                        r"|^\W*\d{1,2}\s+(?=[^\W\d])")  # "02 Wykształcenie i kursy"


def _head_text(text: str) -> str:
    t = fold(text).strip(" :.-–|•#*")
    t = _NUMBERING.sub("", t) if t[:1] in "0123456789ivx(第一二三四五六七八九十" else t
    return " ".join(_HEAD_CLEAN.sub(" ", t).split())


def bare_heading(text: str) -> str | None:
    """The section ``text`` names when it is nothing but a section name, apart from decoration and
    numbering ("【工作经历】", "■ 学歴", "一、教育背景"), also given twice ("教育背景 Education")."""
    t = _head_text(text)
    if t in HEADINGS:
        return HEADINGS[t]
    squeezed = _head_text(CJK_SPACE.sub("", text))  # CJK tracked letter by letter ("経 歴")
    if squeezed in HEADINGS:
        return HEADINGS[squeezed]
    words = t.split()
    for i in range(1, min(len(words), 6)):
        a, b = " ".join(words[:i]), " ".join(words[i:])
        if a in HEADINGS and HEADINGS.get(b) == HEADINGS[a]:
            return HEADINGS[a]
    return None


# headings only when they stand alone: inside a longer line these words name a job ("Teaching
# Assistant", "Customer Service", "Corporate Communications", "Funding Manager")
_EXACT_HEADINGS = {"teaching": "work", "lehre": "work", "enseignement": "work", "docencia": "work",
                   "didattica": "work", "service": "volunteer", "activities": "volunteer", "leadership": "volunteer",
                   "engagements": "volunteer", "conferences": "publications", "presentations": "publications",
                   "conferencias": "publications", "communications": "publications", "grants": "awards",
                   "funding": "awards", "financements": "awards"}
_EXACT_HEADINGS.update({fold(k): v for k, v in academic.EXACT_ACADEMIC.items() if fold(k) not in _EXACT_HEADINGS})


CJK_SPACE = re.compile(r"\s+(?=[\u3000-\u9fff\uac00-\ud7af])|(?<=[\u3000-\u9fff\uac00-\ud7af])\s+")


def heading_key(text: str) -> str | None:
    """The section a heading text names, or None."""
    t = _head_text(text)
    toks = t.split()
    if len(toks) >= 4 and sum(1 for w in toks if len(w) == 1) >= 0.8 * len(toks):
        # letter-spaced design headings: "E X P E R I E N C E"; in CJK the marks between words
        # go too, so the text is read again without its spaces ("学 歴 ・ 教 育" → 学歴・教育)
        key = COMPACT.get(re.sub(r"[^\w]", "", t))
        squeezed = CJK_SPACE.sub("", text)
        return key if key or squeezed == text else heading_key(squeezed)
    if not t or len(t) > 45:
        return None
    if t in HEADINGS:
        return HEADINGS[t]
    if t in _EXACT_HEADINGS:
        return _EXACT_HEADINGS[t]
    t2 = t.replace("&", "and").replace(" und ", " and ").replace(" et ", " and ").replace(" y ", " and ")
    if t2 in HEADINGS:
        return HEADINGS[t2]
    words = t.split()
    if len(words) > 1 and words[0] in _OTHER and HEADINGS.get(" ".join(words[1:2])) == "languages":
        return None  # "Other language(s)", "Altre lingue": a row label of the Europass form, no section
    if len(words) <= 4 and not has_word(t, INSTITUTION_WORDS + LEGAL_FORMS):
        # "Professional Experience & Projects" → the first known phrase wins; a heading that also
        # names skills ("Certifications & Skills") is a skills list (a list of names either way).
        # A school or a firm is no heading: "Liverpool Community College", "Career Solutions Ltd"
        found = []
        for n in range(len(words), 0, -1):
            for i in range(0, len(words) - n + 1):
                p = " ".join(words[i:i + n])
                if p in HEADINGS and (n >= 2 or len(words) <= 3):
                    found.append(HEADINGS[p])
        if found:
            return "skills" if "skills" in found and found[0] == "certificates" else found[0]
    if 2 <= len(words) <= 3:
        # a word broken by the letter-spacing of small capitals or a kerned font ("Yrkeserfar enhet")
        return COMPACT.get(re.sub(r"[^\w]", "", t))
    return None


class _WordIndex:
    """A word list as sets: has_word() looks each token up instead of comparing it with every word."""

    def __init__(self, words: tuple[str, ...]) -> None:
        self.words = words  # (kept: the index is found by the list's id)
        self.exact = frozenset(w.strip(".") for w in words if " " not in w)
        self.long = frozenset(w for w in self.exact if len(w) >= 6)
        self.phrases = tuple(" " + w + " " for w in words if " " in w)
        self.cjk = tuple(w for w in words if _CJK.match(w))


_INDEX: dict[int, _WordIndex] = {}
_TOKEN_SPLIT = re.compile(r"[\s/,()\-–|&:;]+")


def has_word(text: str, words: tuple[str, ...]) -> bool:
    """Whole-word match; a long word also matches the end of a compound
    (``Softwareentwickler`` has ``entwickler``) or the start of a word a few letters longer
    (``разработчика`` has ``разработчик``); in CJK text a word inside a compound
    (高级软件工程师 has 工程师)."""
    idx = _INDEX.get(id(words))
    if idx is None or idx.words is not words:
        if len(_INDEX) > 64:  # (lists made on the fly would pile up)
            _INDEX.clear()
        idx = _INDEX[id(words)] = _WordIndex(words)
    t = fold(text)
    if idx.cjk and _CJK.search(t) and any(w in t for w in idx.cjk):
        return True
    toks = [w.strip(".") for w in _TOKEN_SPLIT.split(t) if w.strip(".")]
    if idx.phrases:
        padded = " " + " ".join(toks) + " "
        if any(p in padded for p in idx.phrases):
            return True
    exact, long = idx.exact, idx.long
    for tok in toks:
        if tok in exact:
            return True
        n = len(tok)
        if n > 6 and (any(tok[i:] in long for i in range(1, n - 5))
                      or any(tok[:n - k] in long for k in (1, 2, 3) if n - k >= 6 and tok[n - k:] not in _DERIVED)):
            return True
    return False


# endings that make another word, not another form of the same one: "Internet" and "Internal" name
# no intern, "Technology" no Polish "technolog", "Architecture" no architect ("-ing" stays: a title
# such as "Software Engineering PMTS" names its job by it more often than a company does)
_DERIVED = frozenset(("al", "ial", "et", "ure", "ory", "y", "ies", "ed"))


def starts_with_word(text: str, words: tuple[str, ...]) -> bool:
    t = fold(text).strip()
    for w in words:
        if t.startswith(w) and (len(t) == len(w) or not t[len(w)].isalnum()):
            return True
    return False


# degree words that end compounds (Swedish "-examen", German "-abschluss"/"-diplom", Dutch "-diploma")
_COMPOUND_DEGREE_ENDS = tuple(fold(w) for w in ("examen", "exam", "abschluss", "diplom", "diploma", "ingenieur",
                                                 "ingenjör", "ingeniør", "studium", "kandidat", "bachelor", "master"))


def degree_len(text: str) -> int:
    """Length of the degree word or phrase ``text`` starts with (0 if none): the
    vocabulary above (any case) or a capitalised abbreviation (``DEA``, ``BTS``, ``LLM``)."""
    t = text.strip()
    m = _ABBREV.match(t)
    if m and (len(t) == m.end() or t[m.end():] != t[m.end():].upper()):
        # "DEA Informatique", "BTS" — not a word of a line set in capitals ("DU PONT …")
        return len(text) - len(text.lstrip()) + m.end()
    ft = fold(text)
    best = max((w for w in DEGREE_WORDS if ft.startswith(w) and (len(ft) == len(w) or not ft[len(w)].isalnum()
                                                                  or _CJK.match(w[-1]))), key=len, default="")
    if not best:  # a compound ending in a degree word: "Civilingenjörsexamen", "Masterstudium"…
        first = re.match(r"[^\W\d_]{8,}", ft)
        if first and any(first.group(0).endswith(w) for w in _COMPOUND_DEGREE_ENDS):
            return first.end()
    return len(best)
