"""Contact details: e-mail, phone, URLs and social profiles, location."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import phonenumbers

from htdy.parsers.extract.vocab import fold

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,24}(?![\w-])")
URL = re.compile(
    r"(?:(?:https?://)|(?:www\.))[^\s<>()\"'|,;]+"
    r"|(?<![@\w.-])(?:[a-z0-9-]+\.)+(?:com|org|net|io|dev|me|de|fr|es|pt|br|it|nl|pl|eu|co|app|ai|"
    r"tech|info|xyz|page|site|pub|ch|at|be|uk|us|ca|cz|sk|se|no|dk|fi|ru|in|cv|codes|blog|online|"
    r"github\.io|gitlab\.io)(?:/[^\s<>()\"'|,;]*)?(?![\w@])", re.I)
PHONE = re.compile(r"(?<![\w/.-])\(?(?:\+|00)?\d*\)?\s?\(?\d[\d ()./-]{6,18}\d(?![\w/-])")
NETWORKS = {
    "linkedin.com": "LinkedIn", "github.com": "GitHub", "gitlab.com": "GitLab", "twitter.com": "Twitter",
    "x.com": "X", "stackoverflow.com": "StackOverflow", "medium.com": "Medium", "dribbble.com": "Dribbble",
    "behance.net": "Behance", "instagram.com": "Instagram", "facebook.com": "Facebook",
    "youtube.com": "YouTube", "xing.com": "Xing", "bitbucket.org": "Bitbucket", "codepen.io": "CodePen",
    "kaggle.com": "Kaggle", "researchgate.net": "ResearchGate", "scholar.google.com": "Google Scholar",
    "orcid.org": "ORCID", "npmjs.com": "npm", "hashnode.com": "Hashnode", "dev.to": "DEV",
    "mastodon.social": "Mastodon", "leetcode.com": "LeetCode", "hackerrank.com": "HackerRank",
    "telegram.me": "Telegram", "t.me": "Telegram", "angel.co": "AngelList", "wellfound.com": "Wellfound",
}
_NOT_PROFILE_PATHS = ("/company/", "/school/", "/jobs", "/pulse/", "/feed", "/posts/")


def find_emails(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0).strip("."), m.start(), m.end()) for m in EMAIL.finditer(text)]


def clean_url(u: str) -> str:
    u = u.strip().rstrip(".,;:)]}>")
    m = re.match(r"^([a-z][a-z0-9+.-]*):", u, re.I)
    if m and m.group(1).lower() in ("tel", "mailto", "sms", "callto", "fax", "skype", "javascript", "data", "file"):
        return ""  # "tel:0434816363" is no host and port
    if m and m.group(1).lower() not in ("http", "https") and not re.match(r"^[\w.-]+:\d+(/|$)", u):
        return ""  # mailto:, tel:, skype:, javascript: …
    return u


def find_urls(text: str) -> list[tuple[str, int, int]]:
    out = []
    emails = [(a, b) for _, a, b in find_emails(text)]
    for m in URL.finditer(text):
        if any(a <= m.start() < b for a, b in emails):
            continue
        u = clean_url(m.group(0))
        if u and not re.fullmatch(r"[\d.]+", u):
            out.append((u, m.start(), m.end()))
    return out


def host_of(url: str) -> str:
    u = url if re.match(r"^[a-z][a-z0-9+.-]*://", url, re.I) else "http://" + url
    try:
        host = (urlsplit(u).hostname or "").lower()
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def profile_of(url: str) -> dict[str, str] | None:
    host = host_of(url)
    net = None
    for h, name in NETWORKS.items():
        if host == h or host.endswith("." + h):
            net = name
            break
    if net is None:
        return None
    u = url if re.match(r"^[a-z][a-z0-9+.-]*://", url, re.I) else "https://" + url
    path = urlsplit(u).path.rstrip("/")
    if any(p in path + "/" for p in _NOT_PROFILE_PATHS) and net == "LinkedIn":
        return None
    parts = [p for p in path.split("/") if p]
    if not parts:
        return None
    # LinkedIn "/in/<user>", Xing "/profile/<user>[/cv]": the part after the prefix names the person
    if net == "Xing" and parts[0] == "profile" and len(parts) > 1:
        user = parts[1]
    else:
        user = parts[-1] if net == "LinkedIn" else parts[0]
    return {"network": net, "username": user.lstrip("@~"), "url": u}


def find_phones(text: str, region: str | None = None, loose: bool = False) -> list[tuple[str, int, int]]:
    out = []
    for m in PHONE.finditer(text):
        raw = m.group(0).strip()
        if raw.count("(") != raw.count(")"):
            raw = raw.strip("()")
        digits = re.sub(r"\D", "", raw)
        if not 7 <= len(digits) <= 15:
            continue
        if re.fullmatch(r"(19|20)\d{2}\s*[-–/]\s*(19|20)\d{2}", raw):
            continue  # a year range
        if re.fullmatch(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}", raw):
            continue  # a date
        if text[max(0, m.start() - 2):m.start() + 1].rstrip().endswith("〒") or raw.startswith("〒"):
            continue  # a Japanese postal code (〒123-4567)
        ok = False
        try:
            num = phonenumbers.parse(raw, None if raw.startswith("+") else (region or "US"))
            ok = phonenumbers.is_possible_number(num)
        except phonenumbers.NumberParseException:
            ok = False
        if not ok and not ((loose or raw.startswith(("+", "00", "0"))) and len(digits) >= 8):
            continue
        out.append((raw, m.start(), m.end()))
    return out


_LOC_LABEL = re.compile(r"^(?:(?:address|location|adresse|wohnort|anschrift|direcci[oó]n|ubicaci[oó]n|"
                        r"endere[cç]o|localiza[cç][aã]o|indirizzo|adres|lokalizacja|city|ville|ciudad|"
                        r"cidade|citt[aà]|miasto|woonplaats|residence|r[ée]sidence|residencia|resid[eê]ncia|"
                        r"residenza|domicile|domicilio|wohnsitz|bostad|ort|adresa|bydli[sš]t[eě]|ikamet|adres)\s*:\s*"
                        r"|(?:based|located|living|lives) in\s+|wohnhaft in\s+|woonachtig (?:te|in)\s+"
                        r"|(?:remote|hybrid)\s*[/|(,–-]\s*)", re.I)
# "San Francisco Bay Area", "Greater London Area", "Région de Lyon", "Großraum München": the city
_AREA = re.compile(r"^(?:greater|grand|gran|großraum|grossraum|région de|region de|regi[oó]n de|area di)\s+"
                   r"|\s+(?:bay area|metropolitan area|metro area|metro|area|region|région|metropolregion)$", re.I)


COUNTRIES = frozenset(fold(c) for c in (
    "United States", "USA", "United Kingdom", "UK", "England", "Scotland", "Ireland", "Germany", "Deutschland",
    "France", "Spain", "España", "Espana", "Portugal", "Italy", "Italia", "Netherlands", "Nederland", "Belgium",
    "België", "Belgique", "Poland", "Polska", "Austria", "Österreich", "Switzerland", "Schweiz", "Suisse",
    "Czech Republic", "Czechia", "Slovakia", "Hungary", "Romania", "Bulgaria", "Greece", "Turkey", "Russia",
    "Ukraine", "Serbia", "Croatia", "Bosnia and Herzegovina", "Slovenia", "Sweden", "Norway", "Denmark",
    "Finland", "Estonia", "Latvia", "Lithuania", "Israel", "India", "China", "Japan", "Korea", "South Korea",
    "Singapore", "Australia", "New Zealand", "Canada", "Mexico", "México", "Brazil", "Brasil", "Argentina",
    "Chile", "Colombia", "Peru", "Perú", "Uruguay", "Venezuela", "South Africa", "Nigeria", "Egypt", "Morocco",
    "Tunisia", "Kenya", "UAE", "United Arab Emirates", "Saudi Arabia", "Vietnam", "Thailand", "Philippines",
    "Indonesia", "Malaysia", "Pakistan", "Bangladesh", "Iran", "Luxembourg", "Iceland", "Cyprus", "Malta",
))
_STATE_RX = re.compile(r"^[A-Z]{2,3}$")


def split_city_country(text: str) -> dict[str, str] | None:
    """``Saint-Petersburg Russia`` / ``Brooklyn NY`` / ``A Coruña ES`` (no comma)."""
    words = text.split()
    for n in (3, 2, 1):
        if len(words) <= n:
            continue
        tail = " ".join(words[-n:])
        if fold(tail) in COUNTRIES or (n == 1 and _STATE_RX.match(tail)):
            city = " ".join(words[:-n])
            if fold(city) in COUNTRIES:
                return {"countryCode": tail} if _STATE_RX.match(tail) else None
            key = "countryCode" if _STATE_RX.match(tail) and tail not in _US_STATES else "region"
            out = {"city": city, key: tail}
            cw = city.split()
            if len(cw) >= 2:  # "Świdnica Dolnośląskie PL": city, region, country
                from htdy.parsers.extract.places import is_city
                for k in range(len(cw) - 1, 0, -1):
                    if is_city(" ".join(cw[:k])):
                        out["city"] = " ".join(cw[:k])
                        if key == "countryCode":
                            out["region"] = " ".join(cw[k:])
                        break
            return out
    return None


# what may stand beside a city in a Chinese, Japanese, Korean, Arabic or Hebrew place: a
# country, a province, a ward ("中国 武汉", "日本京都", "广东省广州市", "서울특별시 강남구")
_NATIVE_COUNTRIES = frozenset("中国 中國 中华人民共和国 日本 韓国 韩国 한국 대한민국 台湾 台灣 香港 "
                              "السعودية الإمارات مصر الأردن المغرب قطر الكويت ישראל".split())
_ADMIN_PART = re.compile(r"^[\u4e00-\u9fff\uac00-\ud7af]{1,6}(?:省|市|区|區|県|府|道|都|州|县|縣|구|군|도|시|"
                         r"특별시|광역시)$")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")


def _other_script_location(t: str) -> dict[str, str] | None:
    """"中国 武汉", "日本京都", "광주", "أبوظبي، الإمارات": a known city, the rest a country or
    an administrative part (so "京都大学", a university, is no place)."""
    from htdy.parsers.extract.places import city_in, is_city

    def bare(name: str) -> str:  # "서울특별시" → 서울, "東京都" → 東京 when that is a city too
        for suffix in ("특별시", "광역시", "市", "시", "都", "府", "県"):
            if name.endswith(suffix) and len(name) > len(suffix) + 1 and is_city(name[:-len(suffix)]):
                return name[:-len(suffix)]
        return name

    if is_city(t):
        return {"city": bare(t)}
    parts = [p for p in re.split(r"[\s,，、・·،/|]+", t) if p]
    if not parts or len(parts) > 4 or len(t) > 30:
        return None
    city = None
    for part in parts:
        if part in _NATIVE_COUNTRIES or fold(part) in COUNTRIES:
            continue
        if city is None and is_city(part):
            city = bare(part)
            continue
        if city is None and _UNSPACED.search(part):
            found = city_in(part)
            if found:
                rest = part.replace(found, " ", 1)
                rest = re.sub(r"^\s*[市시]", " ", rest.split(" ", 1)[1] if " " in rest else rest)
                head = part.split(found, 1)[0]
                if all(not x or x in _NATIVE_COUNTRIES or _ADMIN_PART.match(x)
                       for x in (head, rest.strip())):
                    city = bare(found)
                    continue
            return None
        if not _ADMIN_PART.match(part):
            return None
    return {"city": city} if city else None


def location_from(text: str) -> dict[str, str] | None:
    """A location from a short text such as ``Somerville, Massachusetts, US`` or ``10115 Berlin``."""
    t = _LOC_LABEL.sub("", _LOC_LABEL.sub("", text.strip())).strip(" ,;|)")  # ("Location: Remote / Berlin")
    t = _AREA.sub("", _AREA.sub("", t)).strip()
    if not t or len(t) > 60 or "@" in t or re.search(r"https?:|www\.|\.(com|io|dev|org)\b", t):
        return None
    if not re.search(r"[A-Za-z]", t) and re.search(r"[\u0590-\u06ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]", t):
        return _other_script_location(t)
    if "," not in t and re.search(r"\b\d{4,5}\b", t) and re.search(r"\b[A-Z]{2}$", t):
        # "Upon request Somerville Massachusetts 02143 US": an address line; find the city in it
        from htdy.parsers.extract.places import is_city
        words = re.sub(r"\b\d[\d-]{3,}\b", " ", t).split()[:-1]
        for n in (3, 2, 1):
            for i in range(len(words) - n + 1):
                if is_city(" ".join(words[i:i + n])):
                    return {"city": " ".join(words[i:i + n]), "countryCode": t.split()[-1]}
    t = re.sub(r"\s*\((?:home|work|private|privat|domicile)\)\s*$", "", t, flags=re.I)
    parts = [p.strip() for p in re.split(r",|\s[-–|/]\s", t) if p.strip()]
    if parts and re.search(r"\d", parts[0]) and len(parts) >= 2:
        # a street address: "Via Roma 10, 20121, Milan, Italy" → the part that is a known city
        from htdy.parsers.extract.places import is_city
        for i, part in enumerate(parts[1:], start=1):
            name = re.sub(r"^\d[\d-]*\s+|\s+\d[\d-]*$", "", part).strip()
            if name and is_city(name):
                found = {"city": name}
                if i + 1 < len(parts) and not re.search(r"\d", parts[-1]):
                    found["countryCode" if re.fullmatch(r"[A-Z]{2}", parts[-1]) else "region"] = parts[-1]
                return found
        return None
    if re.search(r"\d{5,}", t.replace(" ", "")) and not re.search(r"\b\d{4,5}\b\s+\w", t):
        return None
    if not parts or len(parts) > 4:
        return None
    # postal code + city: "10115 Berlin", "75001 Paris", "00-001 Warszawa"
    first = re.sub(r"^\d{2}-?\d{3,4}\s+|^\d{4,5}\s+", "", parts[0]).strip()
    first = re.sub(r"\s+\d{4,5}$", "", first).strip()
    if not first or not re.match(r"^[^\W\d_]", first) or len(first.split()) > 4:
        return None
    if not all(w[:1].isupper() or w[:1].lower() == w[:1].upper() or w.lower() in ("de", "da", "do", "am", "an", "der", "la", "le", "del", "sur",
                                                "and", "und", "et", "y", "e", "i", "nad", "upon", "on")
               for w in first.split()):
        return None
    if len(parts) == 1 and len(first.split()) >= 2:
        split = split_city_country(first)
        if split is not None:
            return split
    if fold(first) in COUNTRIES or fold(first) in _LABEL_WORDS:
        return None
    if len(parts) == 1 and len(first.split()) >= 2:
        from htdy.parsers.extract.places import is_city
        words = first.split()
        # "Świdnica Dolnośląskie": the city is the head (but "San Francisco" is one city, not "San")
        for n in range(len(words) if is_city(first) else len(words) - 1, 0, -1):
            if is_city(" ".join(words[:n])):
                return {"city": " ".join(words[:n]), **({"region": " ".join(words[n:])} if words[n:] else {})}
    loc: dict[str, str] = {"city": first}
    rest = [p for p in parts[1:] if p]
    if rest:
        last = rest[-1]
        if re.fullmatch(r"[A-Z]{2}", last):
            if len(rest) >= 2 or last in _US_STATES:
                loc["countryCode" if len(rest) >= 2 else "region"] = last
            else:
                loc["countryCode"] = last
            rest = rest[:-1]
        if rest:
            loc["region"] = rest[0]
    return loc


_LABEL_WORDS = frozenset(("email", "e-mail", "phone", "mobile", "tel", "telefon", "telephone", "website", "web",
                          "linkedin", "github", "address", "location", "contact", "kontakt", "handy",
                          "adresse", "portfolio", "homepage", "blog", "twitter", "skype", "upon request",
                          "region", "city", "country", "state", "province", "ville", "pays", "ciudad", "pais",
                          "cidade", "citta", "paese", "miasto", "kraj", "stadt", "ort", "land", "woonplaats",
                          "provincia", "regione", "region", "wojewodztwo", "bundesland"))
_US_STATES = frozenset("AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV "
                       "NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC".split())


def is_remote(text: str) -> bool:
    return fold(text).strip() in ("remote", "remoto", "remota", "fernarbeit", "teletravail", "zdalnie",
                                  "hybrid", "online")


_GLYPHS = re.compile(r"[\ue000-\uf8ff\ufffd\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\U0001f300-\U0001faff]")
_UK_POSTCODE = re.compile(r"\s+[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_ZIP_AFTER_STATE = re.compile(r"\b([A-Z]{2})\s+\d{5}(?:-\d{4})?\s*$")
# a postcode before the place name: PT 4000-442, PL 31-147, NL 1012 AB, DE/FR/ES/IT/US 12345, 4-digit, "D-12345"
# postcodes before a city: PT 4000-442, PL 31-147, NL 1012 AB, D-10115, SE/CZ/SK/GR "272 42", BR 01310-100
_POSTCODE = re.compile(r"^(?:\d{4}-\d{3}|\d{5}-\d{3}|\d{2}-\d{3}|\d{4}\s?[A-Z]{2}(?=\s+[^\W\d_])|[A-Z]{1,2}-\d{4,5}|"
                       r"\d{3}\s\d{2}|\d{4,5})\s+(?=[^\W\d_])")


_INNER_POSTCODE = re.compile(r"(?<=\s)(?:\d{4}-\d{3}|\d{5}-\d{3}|\d{2}-\d{3}|\d{5})\s+(?=[^\W\d_][^\d]{1,40}$)")


def address_location(text: str) -> dict[str, str] | None:
    """A location from a contact text that may be a full address, in the formats of many
    countries: ``Rua de Santa Catarina 112, 4000-442 Porto, Portugal (Casa)``,
    ``ul. Długa 14/3, 31-147 Kraków``, ``14 Oldham Street, Manchester M1 1JQ (United Kingdom)``,
    ``Austin, TX 78704``, ``28015 Madrid``, ``1012 AB Amsterdam``, ``Milano (MI)``. The city of a
    street address is a known city among its parts, else the name after the postcode."""
    t = _GLYPHS.sub(" ", text)
    t = _LOC_LABEL.sub("", " ".join(t.split())).strip(" ,;|:")
    if not t or len(t) > 90 or "@" in t or re.search(r"https?:|www\.", t):
        return None
    tail = None
    m = re.search(r"\s*\(([^()]{2,40})\)\s*$", t)
    if m:
        tail = m.group(1).strip()
        t = t[:m.start()].strip(" ,")
        if fold(tail) in ("home", "work", "casa", "domicile", "domicilio", "privat", "private", "thuis", "dom"):
            tail = None
    t = _UK_POSTCODE.sub("", t)
    t = _ZIP_AFTER_STATE.sub(r"\1", t)
    parts = [p.strip() for p in re.split(r",|\s[-–|/]\s", t) if p.strip()]
    if not parts:
        return None
    marked = None
    for i, p in enumerate(parts):
        pm = _POSTCODE.match(p)
        if pm:
            parts[i] = p[pm.end():].strip()
            marked = i
    if len(parts) >= 3 and any(re.fullmatch(r"\d{4,5}|\d{2}-\d{3}|\d{4}-\d{3}", p) for p in parts[1:-1]):
        # "Upon request, 02143, Somerville, Massachusetts": the postcode as a part of its own
        k = next(i for i, p in enumerate(parts) if i > 0 and re.fullmatch(r"\d{4,5}|\d{2}-\d{3}|\d{4}-\d{3}", p))
        parts = parts[k + 1:]
        marked = 0
    if marked is None:  # a postcode inside a part: "5 rue Victor Hugo 69002 Lyon", "Rua Augusta 100 1100-053 Lisboa"
        for i, p in enumerate(parts):
            pm = _INNER_POSTCODE.search(p)
            if pm and (i > 0 or re.search(r"\d", p[:pm.start()])):
                parts[i] = p[pm.end():].strip()
                marked = i
                break
    if marked is None and not re.search(r"\d", parts[0]):
        loc = location_from(", ".join(parts))
        if loc and tail and not (loc.get("region") or loc.get("countryCode")):
            loc["region"] = tail  # "Milano (MI)", "Torino (TO)": a province code, "(Italia)": the country
        return loc
    from htdy.parsers.extract.places import is_city
    city_i = next((i for i, p in enumerate(parts) if (i > 0 or marked == 0) and not re.search(r"\d", p)
                   and is_city(p)), None)
    if city_i is None:
        if marked is None or not parts[marked] or re.search(r"\d", parts[marked]) or len(parts[marked].split()) > 4 \
                or not parts[marked][:1].isupper():
            return location_from(t) if len(parts) == 1 else None  # "Somerville Massachusetts 02143 US"
        city_i = marked
    out = {"city": parts[city_i]}
    rest = [p for p in parts[city_i + 1:] if not re.search(r"\d", p)]
    region = rest[-1] if rest else tail
    if region:
        out["countryCode" if re.fullmatch(r"[A-Z]{2}", region) and region not in _US_STATES else "region"] = region
    return out
