"""Seed the 13 FIA life areas.

Nine are named by Socialstyrelsen (FIA, Metodguiden). The remaining four could not be
retrieved; the four below are proposals taken from the life areas Malmö's
guidelines ask an investigation to cover (Malmö stad 2014, citing Malmö stad 2013e), chosen so they do not
overlap the nine. They are marked verified=False and say "ej verifierat mot FIA-manualen" in the UI.
Edit the list in the admin when the manual is at hand.
"""

from django.db import migrations

FIA = "Socialstyrelsen, FIA – Förutsättningar inför arbete (Metodguiden; manual art.nr 2017-7-1)"
PROPOSED = "Malmö stads riktlinjer för utredning (2013)"

LIFE_AREAS = [
    ("boende", "Boende", "Bostad, boendeform och hur stabilt boendet är.", True),
    ("situationen-hemma", "Situationen hemma", "Familj, barn och vardagen i hemmet.", True),
    ("socialt-natverk", "Socialt nätverk", "Vänner, släkt och andra att få stöd av.", True),
    ("kroppslig-halsa", "Kroppslig hälsa", "Sjukdomar, smärta och ork.", True),
    ("psykisk-halsa", "Psykisk hälsa", "Mående, stress, oro och psykisk ohälsa.", True),
    ("funktionsnedsattning", "Funktionsnedsättning", "Fysisk, psykisk eller kognitiv funktionsnedsättning.", True),
    (
        "levnadsvanor",
        "Levnadsvanor och beteenden",
        "Till exempel alkohol, droger, spel och dygnsrytm.",
        True,
    ),
    ("skulder", "Skulder", "Skulder, betalningsanmärkningar och Kronofogden.", True),
    ("vald-i-nara-relation", "Våld i nära relation", "Utsatthet för eller utövande av våld.", True),
    ("utbildning", "Utbildning", "Skolbakgrund, betyg och utbildning från andra länder.", False),
    ("arbetslivserfarenhet", "Arbetslivserfarenhet", "Tidigare arbeten, praktik och referenser.", False),
    ("sprak", "Språk", "Svenska i tal och skrift och behov av tolk.", False),
    ("rattsliga-forhallanden", "Rättsliga förhållanden", "Pågående rättsprocesser, straff, vårdnadstvister.", False),
]


def seed(apps, schema_editor):
    LifeArea = apps.get_model("selfsupport", "LifeArea")
    for order, (code, name, description, verified) in enumerate(LIFE_AREAS, start=1):
        LifeArea.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "description": description,
                "order": order,
                "verified": verified,
                "source": FIA if verified else PROPOSED,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("selfsupport", "LifeArea").objects.filter(code__in=[a[0] for a in LIFE_AREAS]).delete()


class Migration(migrations.Migration):
    dependencies = [("selfsupport", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
