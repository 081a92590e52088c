"""Invented Swedish phrases for the demo data: meeting notes, goals, the client's own words, reminders.

Plain data. Nothing here describes a real person.
"""

MEETING_NOTES = {
    "first_visit": (
        "Nybesök. Gick igenom ansökan, hushållets situation och rätten till bistånd. Informerade om kravet att stå till arbetsmarknadens förfogande.",
        "Nybesök. Klienten berättade om sin bakgrund och att hen vill komma ut i arbete så snart som möjligt. Vi bokade ett planeringsbesök.",
        "Nybesök. Kartlade boende, hälsa och tidigare arbete. Klienten har kontakt med Arbetsförmedlingen sedan tidigare.",
    ),
    "planning_visit": (
        "Planeringsbesök. Pratade om mål och vad som behövs för att nå dem. Klienten vill börja med SFI och arbetsträning.",
        "Planeringsbesök. Gick igenom livsområdena. Skulderna oroar mest; vi bokar tid hos budget- och skuldrådgivningen.",
        "Planeringsbesök. Klienten vill studera vidare. Vi undersöker möjligheten till studiemedel.",
    ),
    "follow_up_visit": (
        "Uppföljningsbesök. Arbetsträningen fungerar bra, klienten trivs och har fått goda omdömen.",
        "Uppföljningsbesök. SFI går framåt men klienten har haft svårt att komma i tid. Vi pratade om stöd med barnomsorg.",
        "Uppföljningsbesök. Inget har hänt sedan förra gången. Vi justerar planen och tar kontakt med vården.",
        "Uppföljningsbesök. Klienten har sökt sex jobb och varit på en intervju.",
    ),
    "home_visit": (
        "Hembesök. Såg över bostadens skick och behovet av hemutrustning. Barnen var hemma och mådde bra.",
        "Hembesök efter överenskommelse med klienten. Pratade om situationen hemma och det sociala nätverket.",
    ),
    "multi_party": (
        "Flerpartssamtal. Gemensam planering av insatser; nästa steg är arbetsträning med stöd från handledare.",
        "Flerpartssamtal om arbetsförmåga. Försäkringskassan utreder rätten till sjukpenning.",
        "Trepartssamtal med Arbetsförmedlingen. Klienten skrivs in i ett program med start nästa månad.",
    ),
}
NO_SHOW_NOTE = "Klienten kom inte till det bokade mötet. Skickade brev med ny tid."
CANCELLED_NOTE = "Mötet ställdes in på klientens begäran (sjukt barn). Ny tid bokas."

GOALS = (
    "Jag vill ha ett eget jobb och klara mig själv",
    "Jag vill kunna prata svenska på jobbet",
    "Jag vill bli undersköterska",
    "Jag vill bli av med mina skulder",
    "Jag vill må bättre och orka mer",
    "Jag vill ta körkort så att jag kan söka fler jobb",
    "Jag vill klara gymnasiebehörighet",
    "Jag vill jobba i butik eller på lager",
    "Jag vill hitta en egen bostad",
    "Jag vill få ordning på min dygnsrytm",
)
STEP_TEXTS = {
    "af_programme": "Inskrivning i program hos Arbetsförmedlingen",
    "sfi": "SFI kurs C, fyra dagar i veckan",
    "work_training": "Arbetsträning 50 % med handledare",
    "ips": "IPS-coach stöttar i jobbsökandet",
    "rehabilitation": "Arbetslivsinriktad rehabilitering",
    "studies": "Komvux, svenska och matematik",
    "job_search": "Söka minst fem jobb i veckan",
    "healthcare": "Kontakt med vårdcentralen och psykiatrin",
    "debt_counselling": "Tid hos budget- och skuldrådgivningen",
}
CLIENT_WORDS = {
    0: ("Det fungerar bra.", "Inga problem just nu.", "Det är lugnt."),
    1: ("Det är lite jobbigt ibland.", "Det går, men jag oroar mig lite.", "Det är inte så stort problem."),
    2: ("Det tar mycket energi.", "Jag behöver hjälp med det här.", "Det gör det svårt att planera."),
    3: (
        "Det är det största problemet just nu.",
        "Jag klarar inte av det själv.",
        "Jag kan inte tänka på jobb förrän det är löst.",
    ),
}
REMINDERS = (
    "Läkarintyg ska komma in",
    "Besked från Försäkringskassan om sjukpenning",
    "Kontrollera närvaro på SFI",
    "Hyresavi för nästa månad",
    "Beslut från Arbetsförmedlingen om program",
    "Uppföljning med handledaren på arbetsträningen",
    "Svar från CSN om studiemedel",
)
FOLLOW_UP_NOTES = (
    "Planen gäller fortsatt. Nästa steg enligt plan.",
    "Klienten är nöjd med hur det går. Vi fortsätter som planerat.",
    "Insatsen har inte kommit igång. Vi kontaktar Arbetsförmedlingen.",
    "Målet ändrat efter önskemål från klienten.",
)
