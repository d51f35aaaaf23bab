"""Word lists beyond the eight core languages: Chinese (simplified and traditional), Japanese,
Korean, Russian, Ukrainian, Turkish, Swedish, Norwegian, Danish, Czech, Slovak, Arabic, Hebrew.

Written from the languages' usual CV wording, not from any document. Entries are compared
after :func:`htdy.parsers.extract.vocab.fold` (casefold, diacritics stripped, ``ı`` → ``i``);
they are merged into the lists of :mod:`htdy.parsers.extract.vocab`. A phrase is one string;
``|`` separates the entries of one line."""
from __future__ import annotations


def _split(*groups: str) -> tuple[str, ...]:
    return tuple(w.strip() for g in groups for w in g.split("|") if w.strip())


SECTIONS_INTL: dict[str, tuple[str, ...]] = {
    "work": _split(
        # zh (simplified, traditional)
        "工作经历|工作经验|实习经历|实习经验|工作履历|职业经历|任职经历|工作背景|实践经历|工作及实习经历|从业经历",
        "工作經歷|工作經驗|實習經歷|實習經驗|工作履歷|職業經歷|任職經歷|經歷",
        # ja
        "職歴|職務経歴|職務経験|経歴|業務経験|実務経験|職務経歴詳細|経験|勤務経歴|職務内容|業務経歴",
        # ko
        "경력|경력사항|경력 사항|업무 경험|업무경험|직무 경험|근무 경력|근무경력|경력 기술서|경력기술서|인턴 경험|인턴십",
        # ru, uk
        "опыт работы|опыт|профессиональный опыт|трудовая деятельность|трудовой опыт|места работы|карьера",
        "опыт работы и стажировки|стажировки|досвід роботи|досвід|професійний досвід|трудова діяльність",
        # tr
        "iş deneyimi|iş deneyimleri|deneyim|deneyimler|iş tecrübesi|tecrübe|tecrübeler|profesyonel deneyim",
        "çalışma deneyimi|staj|stajlar|staj deneyimi|iş deneyimi ve stajlar|mesleki deneyim",
        # sv, no, da
        "arbetslivserfarenhet|erfarenhet|yrkeserfarenhet|arbetserfarenhet|anställningar|tidigare anställningar",
        "arbeidserfaring|erfaring|yrkeserfaring|erhvervserfaring|arbejdserfaring|beskæftigelse",
        # cs, sk
        "pracovní zkušenosti|praxe|pracovní praxe|zkušenosti|profesní zkušenosti|zaměstnání|pracovní historie",
        "odborná praxe|pracovné skúsenosti|prax|skúsenosti|odborná prax|zamestnanie",
        # ar, he
        "الخبرة العملية|الخبرات العملية|الخبرات|الخبرة|الخبرة المهنية|الخبرات المهنية|الخبرة الوظيفية",
        "الخبرات الوظيفية|الخبرات السابقة|الخبرة العملية السابقة|سجل العمل",
        "ניסיון תעסוקתי|ניסיון מקצועי|ניסיון|ניסיון בעבודה|ניסיון עבודה|תעסוקה|שירות צבאי",
    ),
    "education": _split(
        "教育背景|教育经历|学历|教育|学习经历|教育情况|教育經歷|學歷|教育程度|學歷背景",
        "学歴|教育歴|学歴・職歴|学業",
        "학력|학력사항|학력 사항|교육|교육 사항|교육사항|학업",
        "образование|основное образование|высшее образование|освіта|вища освіта",
        "eğitim|eğitim bilgileri|eğitim durumu|öğrenim|öğrenim durumu|eğitim geçmişi",
        "utbildning|utbildningar|akademisk bakgrund|utdanning|utdannelse|uddannelse|uddannelser",
        "vzdělání|vzdělávání|studium|vzdelanie|vzdelávanie",
        "التعليم|المؤهلات العلمية|المؤهل العلمي|المؤهلات الأكاديمية|التحصيل العلمي|الشهادات العلمية|المؤهلات",
        "التعليم والتدريب|المؤهلات الدراسية",
        "השכלה|השכלה אקדמית|לימודים|השכלה והכשרה",
    ),
    "skills": _split(
        "专业技能|技能|技能特长|个人技能|技术栈|技术能力|专业能力|计算机技能|核心技能|技能证书|it技能|技术技能|掌握技能",
        "專業技能|技能專長|個人技能|技術能力|專業能力|電腦技能|核心技能|專長",
        "スキル|技術スキル|テクニカルスキル|保有スキル|活かせる経験 知識 技術|pcスキル|得意分野|スキル 資格",
        "기술|보유기술|보유 기술|기술 스택|기술스택|스킬|역량|핵심 역량|핵심역량|보유 역량|전문 기술",
        "навыки|ключевые навыки|профессиональные навыки|технические навыки|компетенции|ключевые компетенции",
        "умения|технологии|стек технологий|инструменты|навыки и умения|профессиональные компетенции",
        "навички|ключові навички|професійні навички|технічні навички|компетенції|вміння|технології",
        "yetenekler|beceriler|yetkinlikler|teknik beceriler|teknik yetenekler|bilgisayar bilgisi",
        "bilgisayar becerileri|uzmanlık alanları|teknik bilgiler|kişisel beceriler|teknolojiler",
        "kompetenser|färdigheter|kunskaper|tekniska kunskaper|teknisk kompetens|it-kunskaper|kompetens",
        "ferdigheter|kompetanse|nøkkelkompetanse|kvalifikasjoner|kompetencer|færdigheder|kvalifikationer",
        "dovednosti|znalosti|schopnosti|kompetence|technické dovednosti|počítačové dovednosti",
        "počítačové znalosti|odborné znalosti|zručnosti|technické zručnosti|počítačové zručnosti",
        "المهارات|المهارات التقنية|المهارات الفنية|المهارات الشخصية|المهارات الحاسوبية|مهارات الحاسب الآلي",
        "القدرات|الكفاءات|المهارات والقدرات",
        "כישורים|מיומנויות|כישורים טכניים|מיומנויות טכניות|יכולות|כלים וטכנולוגיות",
    ),
    "languages": _split(
        "语言能力|语言|外语能力|语言技能|外语水平|外语|語言能力|語言|外語能力",
        "語学|語学力|語学スキル|言語|外国語|語学 資格",
        "어학|어학 능력|어학능력|외국어|언어|외국어 능력",
        "языки|знание языков|владение языками|иностранные языки|языковые навыки|знание иностранных языков",
        "мови|знання мов|володіння мовами|іноземні мови|мовні навички",
        "diller|yabancı diller|yabancı dil|dil bilgisi|dil becerileri",
        "språk|språkkunskaper|sprog|sprogkundskaber|sprogkompetencer",
        "jazyky|jazykové znalosti|jazykové dovednosti|cizí jazyky|jazykové zručnosti",
        "اللغات|المهارات اللغوية|اللغة",
        "שפות",
    ),
    "projects": _split(
        "项目经验|项目经历|项目|主要项目|个人项目|專案經驗|專案經歷|項目經驗|項目經歷|專案|項目",
        "プロジェクト|プロジェクト経験|主なプロジェクト|開発実績|プロジェクト実績",
        "프로젝트|프로젝트 경험|주요 프로젝트|프로젝트 경력",
        "проекты|личные проекты|ключевые проекты|проекти|проєкти",
        "projeler|projelerim|kişisel projeler|projekt|projekter|prosjekter|projekty",
        "المشاريع|المشروعات|פרויקטים",
    ),
    "certificates": _split(
        "证书|资格证书|证书资质|认证|专业认证|培训经历|证书与培训|證書|證照|資格證書|專業證照|培訓經歷",
        "資格|免許 資格|資格 免許|免許|保有資格|取得資格|研修",
        "자격증|자격 사항|자격사항|자격|수료|교육 이수|자격증 및 수료|인증|인증서",
        "сертификаты|сертификация|курсы|повышение квалификации|дополнительное образование|курсы и сертификаты",
        "сертифікати|курси|підвищення кваліфікації|додаткова освіта",
        "sertifikalar|sertifika|kurslar|sertifikalar ve kurslar|kurs ve sertifikalar|belgeler",
        "certifikat|certifieringar|kurser|övriga kurser|sertifiseringer|sertifikater|kurs|certificeringer|certifikater",
        "certifikáty|certifikace|kurzy|školení|kurzy a školení|certifikáty a kurzy|certifikácie",
        "الشهادات|الشهادات المهنية|الدورات|الدورات التدريبية|الدورات والشهادات",
        "תעודות|הסמכות|קורסים|קורסים והסמכות",
    ),
    "awards": _split(
        "获奖情况|获奖经历|荣誉奖项|所获荣誉|奖项|荣誉|获奖|獲獎情況|獲獎經歷|榮譽獎項|獎項|榮譽",
        "受賞歴|受賞|表彰|賞罰",
        "수상|수상 경력|수상경력|수상 내역|수상내역",
        "награды|достижения|награды и достижения|нагороди|досягнення",
        "ödüller|başarılar|ödüller ve başarılar|utmärkelser|priser|utmerkelser|ocenění|úspěchy|ocenenia",
        "الجوائز|الإنجازات|الجوائز والإنجازات|פרסים|הישגים|פרסים והישגים",
    ),
    "publications": _split(
        "发表论文|论文|出版物|科研成果|發表論文|論文|著作",
        "著書|研究業績|発表論文|業績",
        "논문|출판|발표 논문|연구 실적",
        "публикации|научные публикации|публікації",
        "yayınlar|publikationer|publikasjoner|publikace|publikácie",
        "المنشورات|الأبحاث|الأبحاث العلمية|פרסומים",
    ),
    "volunteer": _split(
        "志愿者经历|志愿经历|志愿服务|志愿活动|社会实践|志工經歷|志願服務|志工服務",
        "ボランティア|ボランティア活動|社会貢献活動",
        "봉사활동|봉사 활동|대외활동|대외 활동",
        "волонтерство|волонтерская деятельность|волонтерский опыт|общественная деятельность",
        "gönüllü çalışmalar|gönüllülük|gönüllü deneyim|ideellt arbete|volontärarbete|ideella uppdrag",
        "förtroendeuppdrag|frivillig arbeid|frivilligt arbejde|dobrovolnictví|dobrovolnická činnost",
        "dobrovoľníctvo|العمل التطوعي|التطوع|الأنشطة التطوعية|התנדבות|פעילות התנדבותית",
    ),
    "interests": _split(
        "兴趣爱好|爱好|个人爱好|興趣愛好|興趣|愛好",
        "趣味|趣味 特技|趣味 関心|関心分野|興味 関心",
        "취미|관심사|취미 및 특기|취미 특기|관심 분야|관심분야",
        "интересы|хобби|увлечения|інтереси|хобі|захоплення",
        "ilgi alanları|hobiler|intressen|fritidsintressen|fritid|interesser|hobbyer|fritidsinteresser",
        "zájmy|koníčky|záliby|volný čas|záujmy|záľuby|الاهتمامات|الهوايات|תחביבים|תחומי עניין",
    ),
    "summary": _split(
        "个人简介|自我评价|个人总结|个人概述|简介|个人评价|关于我|职业目标|求职意向|个人优势|自我介绍",
        "個人簡介|自我評價|自傳|簡介|個人摘要|關於我|求職意向|職涯目標|自我介紹",
        "自己pr|自己紹介|職務要約|職務概要|概要|プロフィール|志望動機|キャリアサマリー|自己アピール",
        "자기소개|자기 소개|자기소개서|소개|요약|프로필|경력 요약",
        "о себе|обо мне|профиль|краткая информация|цель|кратко о себе|общая информация|резюме профиля",
        "про себе|про мене|профіль|мета|коротко про себе",
        "hakkımda|özet|profil|kariyer hedefi|kişisel özet|ön yazı|kariyer özeti",
        "om mig|sammanfattning|presentation|om meg|sammendrag",
        "o mně|shrnutí|osobní profil|cíl|o mne|zhrnutie",
        "نبذة عني|الملخص|ملخص|نبذة|الملف الشخصي|الهدف الوظيفي|الهدف|نبذة مختصرة|عني|الملخص المهني",
        "תקציר|פרופיל|על עצמי|אודות|סיכום|קצת עליי",
    ),
    "references": _split(
        "推荐人|证明人|推薦人|推薦者|추천인|레퍼런스",
        "рекомендации|рекомендації|referanslar|referenser|referanser|referencer|reference|referencie",
        "المراجع|המלצות|ממליצים",
    ),
    "contact": _split(
        "联系方式|个人信息|基本信息|个人资料|联系信息|聯絡方式|聯繫方式|個人資料|個人信息|基本資料",
        "連絡先|基本情報|個人情報",
        "연락처|인적사항|인적 사항|개인 정보|개인정보|기본 정보",
        "контакты|контактная информация|личная информация|личные данные|персональные данные",
        "контакти|контактна інформація|особиста інформація|особисті дані",
        "iletişim|iletişim bilgileri|kişisel bilgiler",
        "kontaktuppgifter|personuppgifter|personlig information|kontaktinformasjon|personalia",
        "kontaktoplysninger|personlige oplysninger",
        "kontaktní údaje|osobní údaje|osobní informace|osobné údaje|kontaktné údaje",
        "معلومات الاتصال|بيانات الاتصال|التواصل|معلومات شخصية|البيانات الشخصية|المعلومات الشخصية",
        "פרטים אישיים|פרטי קשר|יצירת קשר",
    ),
}

TITLE_WORDS_INTL = _split(
    "инженер|разработчик|программист|менеджер|руководитель|директор|аналитик|специалист|консультант",
    "стажер|ассистент|архитектор|дизайнер|тестировщик|администратор|тимлид|ведущий|старший|младший",
    "преподаватель|учитель|исследователь|сотрудник|бухгалтер|юрист|инструктор|координатор|основатель",
    "сооснователь|владелец|оператор|маркетолог|фрилансер|разработчица|начальник|заместитель",
    "інженер|розробник|програміст|керівник|аналітик|спеціаліст|стажист|асистент|архітектор",
    "тестувальник|адміністратор|викладач|вчитель|дослідник|провідний|молодший",
    "mühendis|mühendisi|geliştirici|geliştiricisi|yazılımcı|uzman|uzmanı|yönetici|yöneticisi|müdür",
    "müdürü|direktör|danışman|danışmanı|stajyer|asistan|mimar|mimarı|tasarımcı|sorumlu|sorumlusu",
    "şef|şefi|kurucu|öğretmen|öğretim görevlisi|araştırmacı|teknisyen|temsilci|koordinatör|muhasebeci",
    "kıdemli|hemşire|doktor|hemşiresi",
    "медбрат|медсестра|медицинская сестра|врач|продавец|медична сестра",
    "utvecklare|ingenjör|projektledare|praktikant|arkitekt|ansvarig|handläggare|lärare",
    "forskare|rådgivare|säljare|tekniker|grundare|medgrundare|ägare|samordnare|administratör|testare",
    "analytiker|ekonom|sjuksköterska|formgivare|medarbetare|produktägare|controller|chef|säljchef",
    "försäljningschef|ekonomichef|personalchef|marknadschef|it-chef",
    "utvikler|ingeniør|rådgiver|konsulent|udvikler|projektleder|prosjektleder|medarbejder|medarbeider",
    "lærer|forsker|sælger|selger|leder|daglig leder|systemutvikler",
    "vývojář|programátor|inženýr|vedoucí|manažer|ředitel|analytik|specialista|konzultant|stážista",
    "designér|správce|administrátor|lektor|učitel|výzkumník|koordinátor|účetní|jednatel|zakladatel",
    "majitel|vývojár|inžinier|manažér|riaditeľ|vedúci|špecialista|učiteľ|programátorka|vývojářka",
    "analytička|zdravotník|zdravotní sestra|grafik|grafička|pracovník|pracovnice|asistent|asistentka",
    "工程师|经理|总监|主管|实习生|程序员|架构师|设计师|分析师|顾问|专员|助理|组长|负责人|研究员|讲师",
    "教师|创始人|总裁|总经理|首席|专家|会计|主任|工程師|經理|總監|實習生|程式設計師|架構師|設計師",
    "分析師|顧問|專員|研究員|講師|教師|創辦人|專家|會計|負責人|护士|護士|医生|醫生|销售",
    "エンジニア|マネージャー|マネジャー|開発者|プログラマー|プログラマ|デザイナー|コンサルタント",
    "アナリスト|アーキテクト|リーダー|部長|課長|係長|担当者|教員|教授|社長|代表取締役|取締役",
    "インターン|アルバイト|技術者|スペシャリスト|ディレクター|プロデューサー|テスター|技師",
    "担当|看護師|教諭|事務|医師|薬剤師|営業|カスタマーサポート",
    "엔지니어|개발자|매니저|팀장|부장|과장|대리|사원|주임|차장|이사|대표|인턴|연구원|디자이너",
    "컨설턴트|분석가|기획자|프로그래머|아키텍트|선임|수석|강사|교사|교수|리더",
    "담당자|간호사|관리자|상담원|보조|의사|영업",
    "مهندس|مطور|مبرمج|مدير|محلل|مصمم|مستشار|أخصائي|اخصائي|متدرب|مساعد|منسق|مشرف|رئيس|قائد|مؤسس",
    "معلم|محاضر|باحث|محاسب|فني|مسؤول|موظف|ممثل|أستاذ|ممرض|ممرضة|طبيب",
    "مهندسة|مطورة|مبرمجة|مديرة|محللة|مصممة|مستشارة|أخصائية|اخصائية|متدربة|مساعدة|منسقة|مشرفة|رئيسة",
    "معلمة|محاضرة|باحثة|محاسبة|فنية|مسؤولة|موظفة|ممثلة|أستاذة|مؤسسة مشاركة",
    "מהנדס|מהנדסת|מפתח|מפתחת|מתכנת|מתכנתת|מנהל|מנהלת|ראש צוות|אנליסט|יועץ|יועצת|מעצב|מעצבת",
    "ארכיטקט|חוקר|חוקרת|מורה|מרצה|רכז|רכזת|מתמחה|בודק|אחראי|מייסד",
)

DEGREE_WORDS_INTL = _split(
    "бакалавр|магистр|специалист|аспирантура|кандидат наук|доктор наук|бакалавриат|магистратура",
    "высшее|среднее специальное|неоконченное высшее|диплом|курсы|сертификат|повышение квалификации",
    "магістр|спеціаліст|аспірантура|доктор філософії|бакалаврат|магістратура|вища",
    "lisans|yüksek lisans|doktora|ön lisans|önlisans|lise|lisans derecesi|sertifika|kurs|tezli yüksek lisans",
    "kandidatexamen|masterexamen|magisterexamen|civilingenjör|högskoleingenjör|doktorsexamen",
    "licentiatexamen|gymnasieexamen|yrkeshögskoleexamen|examen|civilekonom|fil. kand|fil.kand",
    "bachelorgrad|mastergrad|sivilingeniør|civilingeniør|diplomingeniør|kandidat|cand",
    "bakalář|magistr|inženýr|bakalár|inžinier|doktorand|středoškolské vzdělání|vysokoškolské vzdělání",
    "úplné střední vzdělání|výuční list|maturitní zkouška",
    "本科|学士|硕士|博士|研究生|大专|专科|高中|中专|博士后|學士|碩士|大專|專科|博士後|学士学位|硕士学位",
    "修士|修士課程|博士課程|学士課程|短期大学士|専門士|高度専門士|准学士",
    "학사|석사|박사|전문학사|석사 과정|박사 과정|학사 학위|공학사|이학사|문학사|법학사|경영학사|공학석사|이학석사|"
    "문학석사|경영학석사|공학박사|이학박사",
    "بكالوريوس|ماجستير|دكتوراه|دبلوم|ليسانس|الثانوية العامة|دبلوم عالي",
    "תואר ראשון|תואר שני|תואר שלישי|דוקטורט|הנדסאי|בגרות|תעודת בגרות|תואר",
)

DEGREE_ABBREVIATIONS_INTL = ("Bc.", "Ing.", "PhDr.", "RNDr.", "MUDr.", "JUDr.")

INSTITUTION_WORDS_INTL = _split(
    "университет|институт|академия|колледж|техникум|школа|училище|лицей|гимназия|вуз|факультет",
    "університет|інститут|академія|коледж|ліцей|гімназія",
    "üniversitesi|üniversite|lisesi|enstitüsü|yüksekokulu|meslek yüksekokulu|fakültesi|akademisi|koleji",
    "universitet|universitetet|högskola|högskolan|gymnasieskola|yrkeshögskola|høgskole|høyskole",
    "erhvervsakademi|professionshøjskole|vysoká škola|vysoké učení technické|fakulta|gymnázium",
    "střední škola|střední průmyslová škola|stredná škola|vysoká škola",
    "大学|大學|学院|學院|中学|中學|高中|大学院|高等学校|高校|専門学校|短期大学|中学校|高等専門学校",
    "대학교|대학원|고등학교|대학|과학기술원",  # (KAIST, GIST, UNIST: "institute of science and technology")
    "جامعة|الجامعة|كلية|معهد|أكاديمية|مدرسة|ثانوية",
    "אוניברסיטת|אוניברסיטה|הטכניון|מכללת|מכללה|המכללה|תיכון|בית ספר",
)

NATURAL_LANGUAGES_INTL = _split(
    "английский|немецкий|французский|испанский|итальянский|русский|китайский|японский|украинский",
    "польский|португальский|арабский|турецкий|корейский|чешский|шведский|белорусский|казахский|иврит",
    "англійська|українська|російська|німецька|французька|польська|іспанська|італійська|китайська",
    "ingilizce|almanca|fransızca|ispanyolca|türkçe|rusça|arapça|italyanca|çince|japonca|korece|farsça",
    "engelska|svenska|tyska|franska|spanska|norska|danska|finska|ryska|italienska|arabiska|kinesiska",
    "engelsk|norsk|tysk|fransk|spansk|svensk|dansk|finsk|russisk|italiensk",
    "angličtina|čeština|němčina|francouzština|španělština|ruština|slovenština|polština|italština",
    "slovenčina|nemčina|francúzština|španielčina|ruštinu|angličtinu|ukrajinština|maďarština",
    "英语|英文|中文|汉语|普通话|粤语|日语|德语|法语|韩语|俄语|西班牙语|英語|國語|粵語|日語|德語|法語|韓語",
    "日本語|中国語|韓国語|ドイツ語|フランス語|スペイン語|ロシア語|英会話",
    "영어|한국어|중국어|일본어|독일어|프랑스어|스페인어|러시아어",
    "الإنجليزية|الانجليزية|العربية|الفرنسية|الألمانية|الإسبانية|الإنكليزية|التركية",
    "אנגלית|עברית|ערבית|רוסית|צרפתית|גרמנית|ספרדית",
)

LEVEL_WORDS_INTL = _split(
    "родной|свободно|свободный|свободное владение|продвинутый|средний|базовый|разговорный|технический",
    "начальный|рідна|вільно|вільне володіння|середній|базовий|початковий",
    "ana dil|anadil|ileri|orta|başlangıç|akıcı|iyi|temel|çok iyi|ileri seviye|orta seviye",
    "modersmål|flytande|goda kunskaper|grundläggande|avancerad|mycket god|morsmål|flytende|modersmål",
    "rodilý mluvčí|mateřský jazyk|plynně|pokročilý|středně pokročilý|začátečník|základy|aktivně|pasivně",
    "materinský jazyk|plynulo|pokročilá|začiatočník",
    "母语|流利|熟练|精通|良好|一般|基础|母語|流暢|熟練|ネイティブ|母国語|ビジネスレベル|日常会話",
    "日常会話レベル|上級|中上級|中級|初中級|初級|원어민|모국어|유창|능통|상급|중급|초급|비즈니스|최상|상|중상|중|중하|하",
    "اللغة الأم|لغة أم|ممتاز|جيد جدا|جيد|متوسط|مبتدئ|طلاقة|שפת אם|רמה גבוהה|טובה|בסיסית|שוטפת",
)

# words that head a CV and are no name (the name finder skips them)
CV_WORDS_INTL = _split(
    "резюме|özgeçmiş|meritförteckning|životopis|strukturovaný životopis",
    "简历|个人简历|簡歷|個人簡歷|履歴書|職務経歴書|이력서|경력기술서|السيرة الذاتية|קורות חיים",
    "ふりがな|フリガナ|写真をはる位置|写真貼付",
)

# legal forms and company words (employers): 有限公司, 株式会社, 주식회사, ООО, A.Ş., AB, a.s.
LEGAL_FORMS_INTL = _split(
    "有限公司|股份有限公司|有限责任公司|有限責任公司|株式会社|合同会社|有限会社|주식회사|유한회사",
    "ооо|оао|зао|пао|тов|a.ş|a.s|ltd. şti|ltd şti|aps|a/s|asa|spol. s r.o|v.o.s|k.s",
)
ORG_WORDS_INTL = LEGAL_FORMS_INTL + _split(
    "公司|集团|集團|银行|銀行|グループ|그룹|은행|группа|компания|банк|şirketi|bankası|koncern|skupina",
    "شركة|الشركة|مجموعة|مؤسسة|بنك|مصرف|مستشفى|وزارة|هيئة|جامعة|חברת|בנק|קבוצת|משרד",
)
