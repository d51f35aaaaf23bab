"""The people of the test CVs (invented): per language, headings and entries."""
from __future__ import annotations

from typing import Any

CV_EN: dict[str, Any] = {
    "name": "Maria Kowalczyk-Stone", "label": "Backend Engineer", "city": "Leeds, United Kingdom",
    "email": "maria.ks@example.org", "phone": "+44 7700 900123", "github": "mariaks", "linkedin": "mariaks",
    "summary": "Backend engineer who likes clear interfaces, boring deployments and measurable results.",
    "headings": {"summary": "Summary", "work": "Work Experience", "education": "Education",
                 "skills": "Skills", "languages": "Languages", "projects": "Projects", "contact": "Contact"},
    "work": [
        {"name": "Northwind Logistics Ltd", "position": "Senior Backend Engineer", "dates": "Mar 2021 – Present",
         "start": "2021-03", "end": None, "highlights": ["Cut p95 latency of the routing API by 40%",
                                                        "Led the migration from cron jobs to a queue"]},
        {"name": "Blue Harbour GmbH", "position": "Software Developer", "dates": "06/2017 – 02/2021",
         "start": "2017-06", "end": "2021-02", "highlights": ["Built the invoicing service in Python"]},
    ],
    "education": [{"institution": "University of Leeds", "degree": "Master of Science in Computer Science",
                   "dates": "2015 – 2017", "start": "2015", "end": "2017",
                   "studyType": "Master of Science", "area": "Computer Science"}],
    "skills": [("Languages", ["Python", "Go", "SQL"]), ("Tools", ["PostgreSQL", "Kafka", "Docker"])],
    "languages": "English (native), Polish (fluent)",
}

CV_DE: dict[str, Any] = {
    "name": "Jonas Müller", "label": "Softwareentwickler", "city": "Köln, Deutschland",
    "email": "jonas.mueller@example.de", "phone": "+49 151 23456789", "github": "jmueller", "linkedin": "jonas-mueller",
    "summary": "Entwickler mit Freude an sauberer Architektur und guten Tests in verteilten Systemen.",
    "headings": {"summary": "Profil", "work": "Berufserfahrung", "education": "Ausbildung",
                 "skills": "Kenntnisse", "languages": "Sprachen", "projects": "Projekte", "contact": "Kontakt"},
    "work": [
        {"name": "Rheinwerk Digital AG", "position": "Senior Softwareentwickler", "dates": "März 2019 – heute",
         "start": "2019-03", "end": None, "highlights": ["Aufbau einer Plattform für Zahlungen",
                                                        "Einführung von Code-Reviews"]},
        {"name": "Datenhaus GmbH", "position": "Werkstudent Entwicklung", "dates": "Okt. 2016 – Feb. 2019",
         "start": "2016-10", "end": "2019-02", "highlights": ["Pflege interner Werkzeuge"]},
    ],
    "education": [{"institution": "Technische Universität Dortmund", "degree": "Bachelor of Science in Informatik",
                   "dates": "2013 – 2016", "start": "2013", "end": "2016",
                   "studyType": "Bachelor of Science", "area": "Informatik"}],
    "skills": [("Sprachen", ["Java", "Kotlin", "TypeScript"]), ("Werkzeuge", ["Gradle", "Kubernetes"])],
    "languages": "Deutsch (Muttersprache), Englisch (fließend)",
}

CV_FR: dict[str, Any] = {
    "name": "Camille Laurent", "label": "Ingénieure logiciel", "city": "Lyon, France",
    "email": "camille.laurent@example.fr", "phone": "+33 6 12 34 56 78", "github": "claurent", "linkedin": "claurent",
    "summary": "Ingénieure passionnée par les systèmes distribués et la qualité du code.",
    "headings": {"summary": "Profil", "work": "Expérience professionnelle", "education": "Formation",
                 "skills": "Compétences", "languages": "Langues", "projects": "Projets", "contact": "Contact"},
    "work": [
        {"name": "Société Générale SA", "position": "Développeuse backend", "dates": "janvier 2020 – aujourd'hui",
         "start": "2020-01", "end": None, "highlights": ["Conception d'API de paiement"]},
        {"name": "Atelier Numérique SARL", "position": "Stagiaire développement", "dates": "2018 – 2019",
         "start": "2018", "end": "2019", "highlights": ["Outils internes en Python"]},
    ],
    "education": [{"institution": "Université Claude Bernard Lyon 1", "degree": "Master en Informatique",
                   "dates": "2016 – 2018", "start": "2016", "end": "2018", "studyType": "Master",
                   "area": "Informatique"}],
    "skills": [("Langages", ["Python", "Rust", "SQL"])],
    "languages": "Français (langue maternelle), Anglais (courant)",
}

CV_ES: dict[str, Any] = {
    "name": "Lucía Fernández Ortega", "label": "Ingeniera de datos", "city": "Valencia, España",
    "email": "lucia.fo@example.es", "phone": "+34 612 345 678", "github": "luciafo", "linkedin": "luciafo",
    "summary": "Ingeniera de datos con experiencia en plataformas de análisis y procesamiento en tiempo real.",
    "headings": {"summary": "Perfil", "work": "Experiencia laboral", "education": "Formación académica",
                 "skills": "Habilidades", "languages": "Idiomas", "projects": "Proyectos", "contact": "Contacto"},
    "work": [
        {"name": "Levante Datos SL", "position": "Ingeniera de datos", "dates": "since 2022",
         "start": "2022", "end": None, "highlights": ["Canalizaciones con Spark y Kafka"]},
        {"name": "Grupo Turia", "position": "Analista programadora", "dates": "2019-04 – 2021-12",
         "start": "2019-04", "end": "2021-12", "highlights": ["Informes automáticos"]},
    ],
    "education": [{"institution": "Universidad Politécnica de Valencia", "degree": "Grado en Ingeniería Informática",
                   "dates": "2014 – 2018", "start": "2014", "end": "2018", "studyType": "Grado",
                   "area": "Ingeniería Informática"}],
    "skills": [("Datos", ["Spark", "Kafka", "Airflow"])],
    "languages": "Español (nativo), Inglés (avanzado)",
}

CV_IT: dict[str, Any] = {
    "name": "Giulia Rossi", "label": "Sviluppatrice software", "city": "Bologna, Italia",
    "email": "giulia.rossi@example.it", "phone": "+39 333 123 4567", "github": "grossi", "linkedin": "giulia-rossi",
    "summary": "Sviluppatrice con esperienza in applicazioni web e servizi cloud per il settore bancario.",
    "headings": {"summary": "Profilo", "work": "Esperienza professionale", "education": "Istruzione",
                 "skills": "Competenze", "languages": "Lingue", "projects": "Progetti", "contact": "Contatti"},
    "work": [
        {"name": "Banca Emilia S.p.A.", "position": "Sviluppatrice backend", "dates": "maggio 2020 – oggi",
         "start": "2020-05", "end": None, "highlights": ["Servizi di pagamento in Java"]},
        {"name": "Studio Felsina Srl", "position": "Programmatrice junior", "dates": "09/2017 – 04/2020",
         "start": "2017-09", "end": "2020-04", "highlights": ["Siti web per clienti locali"]},
    ],
    "education": [{"institution": "Università di Bologna", "degree": "Laurea magistrale in Informatica",
                   "dates": "2015 – 2017", "start": "2015", "end": "2017", "studyType": "Laurea magistrale",
                   "area": "Informatica"}],
    "skills": [("Linguaggi", ["Java", "Python", "SQL"])],
    "languages": "Italiano (madrelingua), Inglese (C1)",
}

CV_NL: dict[str, Any] = {
    "name": "Daan de Vries", "label": "Data-analist", "city": "Utrecht, Nederland",
    "email": "daan.devries@example.nl", "phone": "+31 6 12345678", "github": "ddevries", "linkedin": "daan-de-vries",
    "summary": "Analist met ervaring in dashboards, datakwaliteit en het automatiseren van rapportages.",
    "headings": {"summary": "Profiel", "work": "Werkervaring", "education": "Opleiding",
                 "skills": "Vaardigheden", "languages": "Talen", "projects": "Projecten", "contact": "Contact"},
    "work": [
        {"name": "Rijnland Verzekeringen B.V.", "position": "Senior data-analist", "dates": "jan 2021 – heden",
         "start": "2021-01", "end": None, "highlights": ["Dashboards in Power BI"]},
        {"name": "Gemeente Amersfoort", "position": "Junior analist", "dates": "sep 2018 – dec 2020",
         "start": "2018-09", "end": "2020-12", "highlights": ["Rapportages geautomatiseerd"]},
    ],
    "education": [{"institution": "Universiteit Utrecht", "degree": "Master in Data Science",
                   "dates": "2016 – 2018", "start": "2016", "end": "2018", "studyType": "Master",
                   "area": "Data Science"}],
    "skills": [("Tools", ["Python", "SQL", "Power BI"])],
    "languages": "Nederlands (moedertaal), Engels (vloeiend)",
}

CV_PL: dict[str, Any] = {
    "name": "Katarzyna Nowak", "label": "Inżynier oprogramowania", "city": "Kraków, Polska",
    "email": "k.nowak@example.pl", "phone": "+48 601 234 567", "github": "knowak", "linkedin": "katarzyna-nowak",
    "summary": "Inżynier oprogramowania z doświadczeniem w systemach rozproszonych i testach automatycznych.",
    "headings": {"summary": "Podsumowanie", "work": "Doświadczenie zawodowe", "education": "Wykształcenie",
                 "skills": "Umiejętności", "languages": "Języki", "projects": "Projekty", "contact": "Kontakt"},
    "work": [
        {"name": "Wisła Software Sp. z o.o.", "position": "Starszy programista", "dates": "03.2021 – obecnie",
         "start": "2021-03", "end": None, "highlights": ["Mikroserwisy w Go"]},
        {"name": "Kraków Tech S.A.", "position": "Programista", "dates": "10.2018 – 02.2021",
         "start": "2018-10", "end": "2021-02", "highlights": ["Testy automatyczne"]},
    ],
    "education": [{"institution": "Politechnika Krakowska", "degree": "Magister inżynier, Informatyka",
                   "dates": "2013 – 2018", "start": "2013", "end": "2018", "studyType": "Magister inżynier",
                   "area": "Informatyka"}],
    "skills": [("Technologie", ["Go", "Kubernetes", "PostgreSQL"])],
    "languages": "Polski (ojczysty), Angielski (B2)",
}

CV_PT: dict[str, Any] = {
    "name": "Rafael Almeida", "label": "Desenvolvedor full stack", "city": "Recife, Brasil",
    "email": "rafael.almeida@example.com.br", "phone": "+55 81 91234-5678", "github": "ralmeida",
    "linkedin": "rafael-almeida",
    "summary": "Desenvolvedor com foco em aplicações web escaláveis e boas práticas de engenharia.",
    "headings": {"summary": "Resumo", "work": "Experiência profissional", "education": "Formação acadêmica",
                 "skills": "Habilidades", "languages": "Idiomas", "projects": "Projetos", "contact": "Contato"},
    "work": [
        {"name": "Porto Digital Ltda", "position": "Desenvolvedor pleno", "dates": "fev 2021 – atual",
         "start": "2021-02", "end": None, "highlights": ["APIs em Node.js"]},
        {"name": "Mangue Sistemas", "position": "Estagiário de desenvolvimento", "dates": "2019 – 2020",
         "start": "2019", "end": "2020", "highlights": ["Testes de interface"]},
    ],
    "education": [{"institution": "Universidade Federal de Pernambuco",
                   "degree": "Bacharelado em Ciência da Computação", "dates": "2015 – 2019", "start": "2015",
                   "end": "2019", "studyType": "Bacharelado", "area": "Ciência da Computação"}],
    "skills": [("Tecnologias", ["TypeScript", "React", "Node.js"])],
    "languages": "Português (nativo), Inglês (avançado)",
}
