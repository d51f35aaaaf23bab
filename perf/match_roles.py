"""The job roles the matching evaluation set is generated from (``perf/match_data.py``): for
each role its family, its title in six languages and the skills people in it have (canonical
names of the skills vocabulary). Written for the evaluation; the matcher never reads it."""
from __future__ import annotations

from dataclasses import dataclass

LANGS = ("en", "de", "fr", "es", "it", "nl")


@dataclass(frozen=True)
class Role:
    id: str
    family: str
    titles: tuple[str, str, str, str, str, str]  # in LANGS order
    skills: tuple[str, ...]

    def title(self, lang: str) -> str:
        return self.titles[LANGS.index(lang)]


ROLES = (
    Role("backend_python", "software",
         ("Python Developer", "Python-Entwickler", "Développeur Python", "Desarrollador Python",
          "Sviluppatore Python", "Python-ontwikkelaar"),
         ("Python", "Django", "Flask", "FastAPI", "PostgreSQL", "Docker", "REST", "Redis", "pytest")),
    Role("backend_java", "software",
         ("Java Developer", "Java-Entwickler", "Développeur Java", "Desarrollador Java", "Sviluppatore Java",
          "Java-ontwikkelaar"),
         ("Java", "Spring", "Hibernate", "Microservices", "MySQL", "Apache Kafka", "JUnit", "Docker")),
    Role("frontend", "software",
         ("Frontend Developer", "Frontend-Entwickler", "Développeur Front-end", "Desarrollador Frontend",
          "Sviluppatore Frontend", "Frontend-ontwikkelaar"),
         ("JavaScript", "TypeScript", "React", "CSS", "HTML", "Redux", "Jest", "Next.js")),
    Role("fullstack_node", "software",
         ("Full-Stack Developer", "Full-Stack-Entwickler", "Développeur Full-Stack", "Desarrollador Full-Stack",
          "Sviluppatore Full-Stack", "Full-stack ontwikkelaar"),
         ("Node.js", "TypeScript", "React", "Express", "MongoDB", "GraphQL", "Docker")),
    Role("mobile", "software",
         ("Mobile Developer", "Mobile-Entwickler", "Développeur Mobile", "Desarrollador Móvil",
          "Sviluppatore Mobile", "Mobiele ontwikkelaar"),
         ("Swift", "Kotlin", "iOS", "Android", "Flutter", "React Native", "SwiftUI")),
    Role("devops", "software",
         ("DevOps Engineer", "DevOps-Ingenieur", "Ingénieur DevOps", "Ingeniero DevOps", "Ingegnere DevOps",
          "DevOps-engineer"),
         ("Kubernetes", "Docker", "Terraform", "Ansible", "Amazon Web Services", "CI/CD", "Linux", "Prometheus")),
    Role("embedded", "software",
         ("Embedded Software Engineer", "Embedded-Softwareentwickler", "Ingénieur Logiciel Embarqué",
          "Ingeniero de Software Embebido", "Ingegnere Software Embedded", "Embedded software engineer"),
         ("C", "C++", "Embedded Systems", "Linux", "Assembly", "Python")),
    Role("security", "software",
         ("Security Engineer", "Sicherheitsingenieur", "Ingénieur Sécurité", "Ingeniero de Seguridad",
          "Ingegnere della Sicurezza", "Security engineer"),
         ("Cybersecurity", "Penetration Testing", "Linux", "Networking", "Python", "Amazon Web Services")),
    Role("data_engineer", "data",
         ("Data Engineer", "Dateningenieur", "Ingénieur Données", "Ingeniero de Datos", "Ingegnere dei Dati",
          "Data-engineer"),
         ("Python", "Apache Spark", "Airflow", "SQL", "Apache Kafka", "dbt", "Snowflake", "BigQuery")),
    Role("data_scientist", "data",
         ("Data Scientist", "Datenwissenschaftler", "Scientifique des Données", "Científico de Datos",
          "Scienziato dei Dati", "Data scientist"),
         ("Python", "Machine Learning", "scikit-learn", "pandas", "Statistics", "TensorFlow", "SQL", "Jupyter")),
    Role("data_analyst", "data",
         ("Data Analyst", "Datenanalyst", "Analyste de Données", "Analista de Datos", "Analista Dati",
          "Data-analist"),
         ("SQL", "Excel", "Tableau", "Power BI", "Data Analysis", "Python", "Statistics")),
    Role("ml_engineer", "data",
         ("Machine Learning Engineer", "ML-Ingenieur", "Ingénieur Machine Learning",
          "Ingeniero de Machine Learning", "Ingegnere Machine Learning", "Machine learning engineer"),
         ("PyTorch", "Deep Learning", "Python", "Computer Vision", "Natural Language Processing", "Docker",
          "Large Language Models")),
    Role("ux_designer", "design",
         ("UX Designer", "UX-Designer", "Designer UX", "Diseñador UX", "Designer UX", "UX-ontwerper"),
         ("Figma", "UX Design", "UI Design", "Sketch", "Adobe XD")),
    Role("graphic_designer", "design",
         ("Graphic Designer", "Grafikdesigner", "Graphiste", "Diseñador Gráfico", "Grafico", "Grafisch ontwerper"),
         ("Adobe Photoshop", "Adobe Illustrator", "Adobe InDesign", "Graphic Design", "Figma")),
    Role("product_manager", "business",
         ("Product Manager", "Produktmanager", "Responsable Produit", "Gerente de Producto",
          "Responsabile di Prodotto", "Productmanager"),
         ("Product Management", "Agile", "Scrum", "Jira", "Confluence", "Business Analysis")),
    Role("project_manager", "business",
         ("Project Manager", "Projektleiter", "Chef de Projet", "Jefe de Proyecto", "Responsabile di Progetto",
          "Projectmanager"),
         ("Project Management", "Agile", "Scrum", "Microsoft Office", "Jira", "Leadership", "Six Sigma")),
    Role("marketing", "business",
         ("Marketing Manager", "Marketingmanager", "Responsable Marketing", "Gerente de Marketing",
          "Responsabile Marketing", "Marketingmanager"),
         ("Digital Marketing", "Search Engine Optimization", "Search Engine Marketing", "Content Writing",
          "Google Workspace", "Marketing")),
    Role("sales", "business",
         ("Sales Representative", "Vertriebsmitarbeiter", "Commercial", "Representante de Ventas",
          "Addetto alle Vendite", "Verkoopmedewerker"),
         ("Sales", "Negotiation", "Salesforce", "Customer Service", "Communication")),
    Role("nurse", "care",
         ("Nurse", "Pflegefachkraft", "Infirmier", "Enfermero", "Infermiere", "Verpleegkundige"),
         ("Nursing", "Communication", "Teamwork", "Problem Solving")),
    Role("teacher", "education",
         ("Teacher", "Lehrer", "Enseignant", "Profesor", "Insegnante", "Leraar"),
         ("Teaching", "Communication", "Public Speaking", "Microsoft Office", "Research")),
    Role("accountant", "finance",
         ("Accountant", "Buchhalter", "Comptable", "Contable", "Contabile", "Boekhouder"),
         ("Accounting", "Excel", "SAP", "Financial Analysis", "Microsoft Office")),
    Role("recruiter", "hr",
         ("Recruiter", "Personalvermittler", "Recruteur", "Reclutador", "Selezionatore", "Recruiter"),
         ("Recruiting", "Human Resources", "Communication", "Negotiation", "Microsoft Office")),
)
# how people write some skills in a CV (the vocabulary's aliases: the set must not depend on them)
WRITTEN = {"PostgreSQL": ("Postgres", "PostgreSQL"), "Kubernetes": ("k8s", "Kubernetes"),
           "JavaScript": ("JS", "JavaScript"), "Amazon Web Services": ("AWS",), "Node.js": ("NodeJS", "Node.js"),
           "Machine Learning": ("ML", "Machine Learning"), "scikit-learn": ("sklearn", "scikit-learn"),
           "Search Engine Optimization": ("SEO",), "Microsoft Office": ("MS Office", "Microsoft Office"),
           "Apache Kafka": ("Kafka",), "Apache Spark": ("Spark", "PySpark")}
