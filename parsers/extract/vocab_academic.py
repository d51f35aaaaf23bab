"""Section headings of academic CVs, in the languages the rest of the vocabulary covers.

JSON Resume has no place for appointments, talks, supervision or service of their own: appointments are
work; talks and conference papers go with publications; grants and fellowships are awards; service,
reviewing, committee work, supervision and mentoring are volunteer-like activities (so the dated lines under
them are not read as jobs or degrees); referees are references; research interests are interests.
"""
from __future__ import annotations


def _split(*parts: str) -> tuple[str, ...]:
    return tuple(p.strip() for part in parts for p in part.split("|") if p.strip())


SECTIONS_ACADEMIC: dict[str, tuple[str, ...]] = {
    "work": _split(
        "academic appointments|appointments|academic positions|positions|positions held|professional appointments",
        "research positions|research experience|academic employment|employment",
        "wissenschaftlicher werdegang|beruflicher werdegang|positionen|berufliche stationen",
        "postes occupes|parcours professionnel|fonctions occupees|puestos|trayectoria academica|puestos academicos",
        "posizioni accademiche|incarichi|incarichi accademici|posicoes academicas|cargos|cargos academicos",
        "academische posities|loopbaan|aanstellingen|przebieg pracy naukowej|zatrudnienie|stanowiska",
        "трудовая деятельность|任职经历|工作经历|職歴",
    ),
    "publications": _split(
        "journal articles|peer-reviewed publications|refereed publications|peer reviewed articles",
        "selected publications|conference papers|conference proceedings|preprints|working papers|books",
        "book chapters|invited talks and seminars|seminars|presentations|conference contributions",
        "ausgewahlte publikationen|zeitschriftenartikel|eingeladene vortrage|vortrage|konferenzbeitrage",
        "publications selectionnees|articles|articles de revues|communications|conferences invitees",
        "articulos en revistas|publicaciones seleccionadas|ponencias|conferencias invitadas|comunicaciones",
        "pubblicazioni selezionate|articoli su rivista|presentazioni a convegni|seminari su invito|relazioni",
        "artigos em periodicos|publicacoes selecionadas|apresentacoes|palestras|comunicacoes em congressos",
        "geselecteerde publicaties|artikelen|presentaties|lezingen|conferentiebijdragen",
        "wybrane publikacje|artykuly|referaty|wyklady zaproszone|wystapienia",
        "доклады|выступления на конференциях|научные публикации",
        "论文发表|学术论文|学术报告|会议报告|学会発表|招待講演|口頭発表",
    ),
    "awards": _split(
        "grants|grants and awards|honors and awards|honours and awards|awards and fellowships|funding",
        "drittmittel und preise|preise und stipendien|stipendien und auszeichnungen|forschungsforderung",
        "financements et distinctions|prix et distinctions|bourses et prix|financements",
        "becas y premios|premios y distinciones|financiacion|proyectos financiados",
        "premi e finanziamenti|borse di studio e premi|finanziamenti|bolsas e premios|premios e distincoes",
        "financiamentos|beurzen en prijzen|prijzen en onderscheidingen|subsidies|beurzen",
        "granty i nagrody|nagrody i wyroznienia|stypendia i nagrody|granty|гранты и награды|гранты",
        "科研项目与奖励|荣誉奖励|研究費 受賞|受賞歴|研究費",
    ),
    "volunteer": _split(
        "service|professional activities|editorial and reviewing|reviewing|refereeing|committees",
        "supervision|student supervision|mentoring|advising|students supervised|phd supervision",
        "gutachtertatigkeit|akademische selbstverwaltung|betreuung|betreute abschlussarbeiten|gremien",
        "responsabilites collectives|activites d'evaluation|activites d evaluation|encadrement|encadrement doctoral",
        "servicio academico|gestion academica|direccion de tesis|supervision|tesis dirigidas",
        "attivita di servizio|attivita istituzionali|supervisione|tesi seguite",
        "servico academico|atividades de gestao|orientacoes|supervisao",
        "nevenactiviteiten|academische dienstverlening|begeleiding|begeleide promovendi",
        "dzialalnosc organizacyjna|recenzje|opieka naukowa|promotorstwo",
        "научное руководство|学术服务|社会服务|指导学生|学会活動|社会活動|学生指導",
    ),
    "references": _split(
        "referees|academic referees|references available|referenties|referenze|rekomendatele",
        "рекомендатели|照会先|推薦者",
    ),
    "interests": _split(
        "research interests|areas of interest|research areas|forschungsinteressen|forschungsschwerpunkte",
        "themes de recherche|thematiques de recherche|lineas de investigacion|interessi di ricerca",
        "interesses de pesquisa|onderzoeksinteresses|zainteresowania naukowe|научные интересы",
        "研究方向|研究分野|研究テーマ",
    ),
}

# one word alone names a section only when it stands alone ("Service", "Positions", "Supervision"): inside a
# longer line it is part of a job or a course ("Customer Service", "Open Positions")
EXACT_ACADEMIC: dict[str, str] = {p: k for k, ps in SECTIONS_ACADEMIC.items() for p in ps if " " not in p}
PHRASES_ACADEMIC: dict[str, tuple[str, ...]] = {k: tuple(p for p in ps if " " in p)
                                                for k, ps in SECTIONS_ACADEMIC.items()}

# academic job titles the general title words miss (Dutch, German, Romance and Polish compounds)
TITLE_WORDS_ACADEMIC: tuple[str, ...] = _split(
    "postdoc|postdoctoral|postdoctoraal|postdoktorand|postdoktorandin|onderzoeker|gastonderzoeker|promovendus",
    "promovenda|akademischer rat|akademische ratin|wissenschaftlicher assistent|wissenschaftliche assistentin",
    "habilitand|privatdozent|privatdozentin|chercheur|chercheuse|maitre de conferences|attache temporaire",
    "investigador|investigadora|catedratico|catedratica|dottorando|dottoranda|assegnista|doutorando",
    "doutoranda|pesquisador|pesquisadora|bolsista|adiunkt|wykladowca",
)
