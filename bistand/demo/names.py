"""Names and streets for Demostad.

Invented people need names that look like a Swedish city's: a mix of Swedish names and names from the
countries many Malmö residents come from (Malmö stad 2014 describes Malmö's recipients; the mix below is an
approximation for a realistic-looking demo, not a statistic). Every name is common; no combination
refers to a real person. Streets are invented for Demostad (the postal codes 990 xx are not used in
Sweden's postal code system, whose highest codes are in the 98x series, Kiruna).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    code: str
    weight: int  # relative share among households in the demo
    male: tuple[str, ...]
    female: tuple[str, ...]
    surnames: tuple[str, ...]
    swedish_born: bool  # adults usually born in Sweden (no language barrier, rarely samordningsnummer)


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


ORIGINS: tuple[Origin, ...] = (
    Origin(
        "swedish",
        40,
        _split(
            "Lars Anders Johan Per Karl Erik Mikael Peter Fredrik Daniel Magnus Stefan Jonas Andreas "
            "Martin Niklas Marcus Oskar Emil Viktor Simon Linus Filip Robin Sebastian Kevin Jesper "
            "Tobias Mattias Patrik Henrik Christoffer Alexander William Lucas Elias Hugo Axel"
        ),
        _split(
            "Anna Maria Karin Sara Emma Elin Johanna Linda Malin Jenny Sofia Hanna Camilla Jessica "
            "Frida Lina Ida Amanda Moa Matilda Julia Ebba Wilma Alva Elsa Ella Maja Agnes Klara Alice "
            "Ellen Felicia Louise Therese Petra Helena Annika Susanne"
        ),
        _split(
            "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson "
            "Pettersson Jönsson Jansson Hansson Bengtsson Lindberg Lindqvist Lindström Håkansson "
            "Mårtensson Ohlsson Nordström Holm Bergström Sandberg Lundgren Berg Ström Sjöberg Axelsson "
            "Lundberg Mattsson Engström Lind Nyström Wallin Fransson Lundqvist Månsson Sundberg"
        ),
        True,
    ),
    Origin(
        "arabic",
        20,
        _split(
            "Mohammed Ahmed Ali Hassan Hussein Omar Khaled Mahmoud Mustafa Ibrahim Yousef Karim Samir "
            "Tarek Bilal Nabil Walid Rami Fadi Ziad Amir Adam Hamza Jamal Sami Basim Haidar Abbas"
        ),
        _split(
            "Fatima Aisha Maryam Zainab Layla Noor Sara Hiba Rana Dima Lina Amal Huda Rasha Yasmin "
            "Salma Hanan Nour Reem Ghada Iman Asma Rania Sana Mona Zahra Duaa Malak"
        ),
        _split(
            "Ahmed Ali Hassan Hussein Mohammed Abdullah Ibrahim Khalil Saleh Mahmoud Al-Sayed Haddad "
            "Nasser Yousef Jaber Hamdan Darwish Mansour Al-Khatib Kassem Farouk Salim Rashid Awad "
            "Al-Jabouri Al-Obaidi Khoury Saad Othman Zaki"
        ),
        False,
    ),
    Origin(
        "somali",
        7,
        _split("Abdi Abdirahman Mohamed Ahmed Hassan Abdullahi Yusuf Omar Ismail Farah Liban Mahad Said"),
        _split("Hodan Fadumo Amina Hawa Ayan Sahra Ifrah Ubah Asha Khadra Nimco Sagal Hibo Ikram"),
        _split("Abdi Ali Hassan Mohamed Farah Warsame Osman Jama Aden Ismail Hussein Nur Egal Guled"),
        False,
    ),
    Origin(
        "balkan",
        7,
        _split("Adnan Emir Haris Edin Amar Dragan Nikola Milan Stefan Arben Besnik Driton Faruk Mirza Kenan"),
        _split("Amra Lejla Selma Emina Amina Ajla Jelena Milica Ivana Vesna Arta Besa Drita Merita Sanela"),
        _split(
            "Hodžić Hadžić Begić Mehmedović Kovačević Jovanović Petrović Nikolić Đorđević Krasniqi "
            "Berisha Gashi Hoxha Shala Delić Alić Husić Omerović Bajrami Morina"
        ),
        False,
    ),
    Origin(
        "persian_kurdish_afghan",
        8,
        _split(
            "Reza Ali Mehdi Hamid Dariush Kaveh Arash Babak Omid Farhad Karwan Rebin Shwan Ahmad "
            "Mohammad Jawad Hamed Nasir Sohrab Zaher"
        ),
        _split(
            "Maryam Fatemeh Zahra Shirin Nasrin Parisa Leila Roya Soraya Azadeh Nazanin Shilan "
            "Avin Roj Sakina Masuma Farzana Nadia Gulalai Mina"
        ),
        _split(
            "Ahmadi Mohammadi Hosseini Rezaei Karimi Hashemi Moradi Rahimi Azizi Jafari Sadeghi "
            "Amiri Barzani Mahmoudi Hamidi Sultani Noori Rasuli Haidari Yousefi"
        ),
        False,
    ),
    Origin(
        "polish_eastern",
        4,
        _split("Piotr Tomasz Krzysztof Paweł Marek Michał Andrzej Jakub Dmytro Oleksandr Andrii Ion"),
        _split("Anna Katarzyna Agnieszka Magdalena Joanna Monika Ewa Olena Iryna Natalia Svitlana Elena"),
        _split(
            "Nowak Kowalski Wiśniewski Wójcik Kamiński Lewandowski Zieliński Kowalczyk "
            "Shevchenko Kovalenko Bondarenko Popescu"
        ),
        False,
    ),
    Origin(
        "eritrean_ethiopian",
        3,
        _split("Yonas Dawit Tesfay Mebrahtu Daniel Samuel Henok Filmon Biniam Kibrom"),
        _split("Selam Helen Senait Tsega Mehret Rahel Saba Lidia Hiwet Meron"),
        _split("Tesfamariam Haile Gebremedhin Berhane Tekle Kidane Woldu Abraha Ghebre Mehari"),
        False,
    ),
    Origin(
        "turkish",
        3,
        _split("Mehmet Mustafa Ahmet Hasan Emre Murat Burak Yusuf Serkan Kemal"),
        _split("Ayşe Fatma Emine Elif Zeynep Meryem Büşra Esra Hatice Derya"),
        _split("Yılmaz Kaya Demir Şahin Çelik Yıldız Öztürk Aydın Arslan Doğan"),
        False,
    ),
    Origin(
        "danish",
        3,
        _split("Mads Rasmus Søren Jens Niels Mikkel Kasper Frederik Anders Thomas"),
        _split("Mette Sofie Camilla Line Pernille Louise Maria Katrine Ida Stine"),
        _split("Jensen Nielsen Hansen Pedersen Andersen Christensen Rasmussen Sørensen Madsen Kristensen"),
        True,
    ),
    Origin(
        "latin_american",
        3,
        _split("Carlos Juan Diego Luis Jorge Andrés Mateo Javier"),
        _split("María Carmen Ana Lucía Paula Rosa Valentina Camila"),
        _split("González Rodríguez Pérez Silva Flores Muñoz Rojas Morales"),
        False,
    ),
    Origin(
        "west_african",
        1,
        _split("Kofi Kwame Kwabena Yaw Ibrahima Moussa"),
        _split("Ama Akosua Abena Fatou Aminata Mariama"),
        _split("Mensah Owusu Boateng Asante Diallo Touré"),
        False,
    ),
    Origin(
        "vietnamese",
        1,
        _split("Tuan Minh Duc Hung Quang Long"),
        _split("Linh Mai Lan Huong Thu Trang"),
        _split("Nguyen Tran Le Pham Hoang Vu"),
        False,
    ),
)
ORIGIN_BY_CODE = {o.code: o for o in ORIGINS}

# Invented streets, grouped by district so that an address tells where in Demostad a household lives.
STREETS: dict[str, tuple[str, ...]] = {
    "N": _split(
        "Norrgårdsvägen Kvarnbygatan Segelvägen Lotsgatan Hamnbrinken Tallbacksgatan Fyrvaktargatan "
        "Strandängsvägen"
    ),
    "S": _split(
        "Söderkullavägen Ängsbackegatan Lindhagsvägen Skördegatan Plogvägen Havrefältsgatan "
        "Vallmogatan Klövervägen"
    ),
    "V": _split(
        "Västerbrogatan Solnedgångsvägen Seglarebacken Dyngatan Tångvägen Sanddynsgatan Måsgatan "
        "Vindskyddsvägen"
    ),
    "O": _split(
        "Österportsvägen Gryningsgatan Morgonvägen Kastanjegatan Bokhagsvägen Ekbackegatan "
        "Rönnbärsgatan Hasselvägen"
    ),
    "I": _split(
        "Stortorgsgatan Rådhusgränd Kyrkogatan Biblioteksgatan Teatergatan Saluhallsgatan "
        "Kanalgatan Torggränd"
    ),
}
POSTAL_PREFIX = {"N": "990 1", "S": "990 2", "V": "990 3", "O": "990 4", "I": "990 5"}
CITY = "Demostad"
