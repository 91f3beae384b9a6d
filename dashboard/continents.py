"""Continent of a country, derived from its ISO code: enough for the partners filter."""
from django.utils.translation import gettext_lazy as _

ASIA, EUROPE, AFRICA, NORTH_AMERICA, SOUTH_AMERICA, OCEANIA = "AS", "EU", "AF", "NA", "SA", "OC"

CONTINENT_CHOICES = [
    (ASIA, _("Asia")),
    (EUROPE, _("Europe")),
    (AFRICA, _("Africa")),
    (NORTH_AMERICA, _("North America")),
    (SOUTH_AMERICA, _("South America")),
    (OCEANIA, _("Oceania")),
]

_COUNTRIES = {
    ASIA: "AF AM AZ BD BH BN BT CN CY GE HK ID IL IN IQ IR JO JP KG KH KP KR KW KZ LA LB LK MM MN MO MV MY NP OM "
          "PH PK PS QA SA SG SY TH TJ TL TM TR TW UZ VN YE AE",
    EUROPE: "AD AL AT BA BE BG BY CH CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LI LT LU LV MC MD ME MK MT NL NO PL "
            "PT RO RS RU SE SI SK SM UA VA XK",
    AFRICA: "AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG ER ET GA GH GM GN GQ GW KE KM LR LS LY MA MG ML MR MU MW MZ "
            "NA NE NG RW SC SD SL SN SO SS ST SZ TD TG TN TZ UG ZA ZM ZW",
    NORTH_AMERICA: "AG BS BB BZ CA CR CU DM DO GD GT HN HT JM KN LC MX NI PA PR SV TT US VC",
    SOUTH_AMERICA: "AR BO BR CL CO EC GY PE PY SR UY VE",
    OCEANIA: "AU FJ FM KI MH NR NZ PG PW SB TO TV VU WS",
}
COUNTRY_TO_CONTINENT = {code: continent for continent, codes in _COUNTRIES.items() for code in codes.split()}


def continent_of(country_code):
    return COUNTRY_TO_CONTINENT.get(str(country_code or "").upper(), "")


def countries_in(continent):
    return sorted(code for code, c in COUNTRY_TO_CONTINENT.items() if c == continent)
