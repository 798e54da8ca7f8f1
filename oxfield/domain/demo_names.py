"""Synthetic names for demo data, in the spellings and scripts officers meet.

Every combination is made up at random; none is meant to be a real person. The lists are
chosen to exercise search and PDF fonts: apostrophes typed both ways, hyphens, accents, Polish
letters, Arabic, Cyrillic and Chinese script, and transliterations beside them.
"""

from __future__ import annotations

#: (given names of girls, given names of boys, family names) per naming tradition
CULTURES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "english": (
        ("Amelia", "Isla", "Ava", "Freya", "Zoë", "Chloë", "Poppy", "Mary-Jane", "Renée"),
        ("Oliver", "Harry", "Jack", "George", "Noah", "Alfie", "Jean-Luc", "Theo"),
        (
            "Smith",
            "Harris-Wood",
            "Smith-Jones",
            "MacDonald",
            "ffrench",
            "Thompson",
            "Ashworth",
            "Le Sueur",
        ),
    ),
    "irish": (
        ("Siobhán", "Aoife", "Niamh", "Caoimhe", "Saoirse"),
        ("Seán", "Ciarán", "Oisín", "Pádraig", "Darragh"),
        ("O'Brien", "O’Brien", "O'Connor", "O’Neill", "Ó Súilleabháin", "Mac Giolla Íosa"),
    ),
    "polish": (
        ("Zofia", "Małgorzata", "Agnieszka", "Łucja", "Zuzanna"),
        ("Łukasz", "Wojciech", "Jakub", "Paweł", "Mikołaj"),
        ("Kowalski", "Wiśniewska", "Dąbrowski", "Łukasiewicz", "Żak", "Szczęsny"),
    ),
    "arabic": (
        ("فاطمة", "ليلى", "مريم", "Fatima", "Layla", "Maryam"),
        ("محمد", "عمر", "يوسف", "Mohammed", "Muhammad", "Yusuf"),
        ("الحسن", "العلي", "حداد", "Al-Hassan", "El-Ali", "Haddad"),
    ),
    "cyrillic": (
        ("Анна", "Ольга", "Софія", "Anastasia", "Yuliia"),
        ("Дмитрий", "Иван", "Олександр", "Dmytro", "Ivan"),
        ("Иванова", "Петров", "Шевченко", "Kovalenko", "Shevchenko"),
    ),
    "chinese": (
        ("美玲", "芳", "Mei Ling", "Xiaoyu"),
        ("小明", "伟", "Wei", "Haoran"),
        ("王", "李", "张", "陈", "Wang", "Zhang", "Chen"),
    ),
    "south_asian": (
        ("Priya", "Aanya", "Zainab", "Simran"),
        ("Arjun", "Rohan", "Ayaan", "Harjit"),
        ("Sharma", "Patel", "Khan", "Singh", "D'Souza", "D’Souza"),
    ),
    "european": (
        ("Søren", "Ines", "Chloé", "Zoë", "Çağla", "Jürgen"),
        ("José", "Bjørn", "Şükrü", "François", "Đorđe", "Nguyễn Văn An"),
        ("Müller", "Groß", "Peña", "Núñez", "Yılmaz", "Nguyễn", "Trần", "Dubois"),
    ),
}

CULTURE_WEIGHTS: dict[str, int] = {
    "english": 50,
    "irish": 8,
    "polish": 10,
    "arabic": 8,
    "cyrillic": 6,
    "chinese": 5,
    "south_asian": 8,
    "european": 5,
}

ADULT_GIVEN: dict[str, tuple[str, ...]] = {
    "english": ("Sarah", "Emma", "James", "David", "Claire", "Mark"),
    "irish": ("Bríd", "Máire", "Éamon", "Colm"),
    "polish": ("Katarzyna", "Piotr", "Grzegorz", "Ewa"),
    "arabic": ("Amina", "Khalid", "أمينة", "خالد"),
    "cyrillic": ("Наталья", "Сергей", "Oksana", "Andrii"),
    "chinese": ("丽", "强", "Li Na", "Jun"),
    "south_asian": ("Sunita", "Rajesh", "Farah", "Imran"),
    "european": ("Anaïs", "Jörg", "Ayşe", "Mehmet"),
}

STREETS = (
    "Synthetic Row",
    "Invented Lane",
    "Example Close",
    "Pretend Crescent",
    "Placeholder Way",
    "Sample Street",
    "Fictional Mews",
    "Demo Gardens",
)

DISTRICTS = (
    "Cherwell",
    "Oxford City",
    "South Oxfordshire",
    "Vale of White Horse",
    "West Oxfordshire",
)

PRODUCTIONS = (
    ("The Snow Queen", "Synthetic Theatre Company Ltd", "New Theatre Oxford"),
    ("Oliver!", "Demo Musicals CIC", "Oxford Playhouse"),
    ("A Midsummer Night's Dream", "Example Players", "The Mill Arts Centre, Banbury"),
    ("Untitled drama series (episode 3)", "Placeholder Pictures Ltd", "Studio location, Didcot"),
    ("Breakfast cereal advertisement", "Sample Adverts Ltd", "Location shoot, Witney"),
    ("Aladdin (pantomime)", "Pretend Pantos Ltd", "Kenton Theatre, Henley"),
)

EMPLOYERS = (
    ("Synthetic Newsagents", "newspaper delivery"),
    ("Example Café", "waiting tables"),
    ("Demo Stables", "helping with horses"),
    ("Placeholder Garden Centre", "shelf stacking"),
    ("Sample Hairdressers", "reception"),
)
