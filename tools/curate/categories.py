"""Category metadata: the stable group, role, colour and a plain-language definition.

Colours come from the Okabe-Ito palette (safe for the common forms of colour blindness),
one per group, so the same group has the same colour on every page.
"""

from __future__ import annotations

# Roles: part = one slice of a breakdown; subtotal = a sum of other published slices or an
# overlapping band; base = a denominator; combined = a sum printed by one source.
PART, SUBTOTAL, BASE, COMBINED = "part", "subtotal", "base", "combined"

OKABE_ITO = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "grey": "#999999",
    "light": "#C8C8C8",
    "black": "#000000",
}

# group -> (order, colour, definition)
IDEOLOGY_GROUPS: dict[str, tuple[int, str, str]] = {
    "Islamist": (
        1,
        OKABE_ITO["blue"],
        "Concern about Islamist radicalisation. Called 'Islamist Extremism' in the 2024/25 scheme.",
    ),
    "Extreme right-wing": (
        2,
        OKABE_ITO["vermillion"],
        "Concern about extreme right-wing radicalisation. Printed as 'Extreme Right Wing', 'Right-wing' or 'Extreme right-wing' depending on the year and the report.",
    ),
    "Mixed, unclear or unstable": (
        3,
        OKABE_ITO["purple"],
        "Used from 2017/18 to 2020/21 for people whose ideology was mixed, unclear or unstable. It appears to replace 'Unspecified' and was itself replaced by finer categories from 2021/22.",
    ),
    "Conflicted or multiple ideologies": (
        4,
        OKABE_ITO["orange"],
        "'Conflicted' (2021/22 to 2023/24) and 'Multiple ideologies (with no dominant ideology)' (2024/25). The project has not seen the official definitions; they are grouped because both describe more than one ideology.",
    ),
    "No ideology or vulnerability only": (
        5,
        OKABE_ITO["sky"],
        "A susceptibility or vulnerability without a terrorist ideology: 'Vulnerability present but no ideology or CT risk' (2021/22 to 2023/24); 'No ideology - other susceptibility to radicalisation identified' and 'No ideology identified' (2024/25).",
    ),
    "Extreme violence or school massacre": (
        6,
        OKABE_ITO["green"],
        "'School massacre' (2021/22 to 2023/24) and 'Fascination with extreme violence or mass casualty attacks (where no other ideology)' (2024/25). Not the same definition; grouped for trends with a warning.",
    ),
    "Incel": (7, OKABE_ITO["yellow"], "Involuntary celibate ideology ('Incel', written 'InCel' in the 2024/25 table)."),
    "Other": (
        8,
        OKABE_ITO["grey"],
        "Other concerns. Before 2024/25 'Other' included international and left-wing radicalisation; the 2024/25 scheme names Left Wing, Anarchist and Northern Ireland related extremism separately, and they are grouped here with 'Other' so that trends stay comparable.",
    ),
    "Unspecified": (9, OKABE_ITO["light"], "No type of concern recorded (2015/16, 2016/17 and 2024/25)."),
    "Combined (printed by a source)": (
        20,
        OKABE_ITO["black"],
        "A sum of categories printed by one report. Never added to a breakdown.",
    ),
    "Base": (
        21,
        OKABE_ITO["black"],
        "A denominator: the number of referrals for which a type of concern was recorded.",
    ),
}
IDEOLOGY: dict[str, tuple[str, str, str]] = {
    # category -> (group, role, definition override or "")
    "Islamist": ("Islamist", PART, ""),
    "Islamist Extremism": ("Islamist", PART, ""),
    "Extreme Right Wing": ("Extreme right-wing", PART, ""),
    "Right-wing": ("Extreme right-wing", PART, ""),
    "Extreme right-wing": ("Extreme right-wing", PART, ""),
    "Mixed, unstable or unclear": ("Mixed, unclear or unstable", PART, ""),
    "Mixed, unstable or unclear ideology": ("Mixed, unclear or unstable", PART, ""),
    "Conflicted": ("Conflicted or multiple ideologies", PART, ""),
    "Multiple ideologies (with no dominant ideology)": ("Conflicted or multiple ideologies", PART, ""),
    "Vulnerability present but no ideology or CT risk": ("No ideology or vulnerability only", PART, ""),
    "No ideology - other susceptibility to radicalisation identified": ("No ideology or vulnerability only", PART, ""),
    "No ideology identified": ("No ideology or vulnerability only", PART, ""),
    "No ideology": (
        "No ideology or vulnerability only",
        SUBTOTAL,
        "Sum of the two 2024/25 'No ideology' categories, as printed in news reports (4,917).",
    ),
    "School massacre": ("Extreme violence or school massacre", PART, ""),
    "Fascination with extreme violence or mass casualty attacks (where no other ideology)": (
        "Extreme violence or school massacre",
        PART,
        "",
    ),
    "InCel": ("Incel", PART, ""),
    "Incel": ("Incel", PART, ""),
    "Other": ("Other", PART, ""),
    "Left Wing Extremism": ("Other", PART, ""),
    "Anarchist Extremism": ("Other", PART, ""),
    "Northern Ireland Related - Dissident Republican Extremism": ("Other", PART, ""),
    "Unspecified": ("Unspecified", PART, ""),
    "Extreme Right Wing and Islamist Extremism (combined)": ("Combined (printed by a source)", COMBINED, ""),
    "No specific ideology or multiple ideologies (no dominant)": (
        "Combined (printed by a source)",
        COMBINED,
        "Sky News's sum of the 'No ideology' categories and 'Multiple ideologies' (5,341).",
    ),
    "Type of concern specified (base)": ("Base", BASE, ""),
}

SECTOR_GROUPS: dict[str, tuple[int, str, str]] = {
    "Education": (1, OKABE_ITO["orange"], "Schools, colleges and universities."),
    "Police": (2, OKABE_ITO["blue"], "Police forces, including counter-terrorism policing."),
    "Local authority": (3, OKABE_ITO["green"], "Council staff."),
    "Health": (4, OKABE_ITO["yellow"], "Health services."),
    "Community": (5, OKABE_ITO["purple"], "Community referrals (members of the public and community organisations)."),
    "Prisons and probation": (6, OKABE_ITO["vermillion"], "Prison and probation services."),
    "Family and friends": (7, OKABE_ITO["sky"], "Family members and friends of the person referred."),
    "Other": (8, OKABE_ITO["grey"], "Any other referring sector."),
}
SECTOR = {
    "Education": ("Education", PART, ""),
    "Police": ("Police", PART, ""),
    "Local Authority": ("Local authority", PART, ""),
    "Health": ("Health", PART, ""),
    "Community": ("Community", PART, ""),
    "Prisons and probation": ("Prisons and probation", PART, ""),
    "Prisons": ("Prisons and probation", PART, "Prison service (West Midlands 2015/16 split)."),
    "Friends and family": ("Family and friends", PART, ""),
}

AGE = {
    # category -> (group, role, definition, order, colour); parts that appear together get distinct colours
    "10 or under": ("10 or under", PART, "Aged 10 or under (band used from 2022/23).", 1, OKABE_ITO["sky"]),
    "11 to 15": ("11 to 15", PART, "Aged 11 to 15 (band used from 2022/23).", 2, OKABE_ITO["green"]),
    "14 and under": ("14 and under", SUBTOTAL, "Aged 14 or under (CTP, 2022/23).", 3, "#1B4F72"),
    "Under 15": ("Under 15", PART, "Aged under 15 (band used until 2021/22).", 4, OKABE_ITO["blue"]),
    "15 to 20": ("15 to 20", PART, "Aged 15 to 20 (band used until 2021/22).", 5, OKABE_ITO["orange"]),
    "15 or over (20 or under)": (
        "15 to 20",
        PART,
        "'Aged 15 or over' within the majority aged 20 or under, as printed (Evening Standard, 2017/18 Channel cases).",
        6,
        OKABE_ITO["orange"],
    ),
    "16 to 17": ("16 to 17", PART, "Aged 16 or 17 (band used from 2022/23).", 7, OKABE_ITO["vermillion"]),
    "Under 18": (
        "Under 18",
        SUBTOTAL,
        "Aged under 18 (sum of the younger bands; '17 and under' in one written answer).",
        8,
        "#7B3294",
    ),
    "Under 20": (
        "20 or under",
        SUBTOTAL,
        "'Under 20' as printed (2017/18). Later releases say '20 or under'.",
        9,
        "#B35806",
    ),
    "20 or under": ("20 or under", SUBTOTAL, "Aged 20 or under.", 10, "#B35806"),
    "Under 20s": ("Under 20s", SUBTOTAL, "'Under 20s' as printed by CTP (2022/23).", 11, "#8C510A"),
    "Under 21 (17 and under plus 18-20)": (
        "Under 21",
        SUBTOTAL,
        "Aged under 21: 17 and under plus 18 to 20 (written answer, 2022/23).",
        12,
        "#542788",
    ),
    "41 to 50": ("41 to 50", PART, "Aged 41 to 50.", 13, OKABE_ITO["purple"]),
    "51 to 60": ("51 to 60", PART, "Aged 51 to 60.", 14, OKABE_ITO["yellow"]),
    "Age unknown": ("Age unknown", PART, "Age not recorded.", 15, OKABE_ITO["grey"]),
    "Age known (base)": (
        "Base",
        BASE,
        "A denominator: the number of referrals with age recorded.",
        16,
        OKABE_ITO["black"],
    ),
}

GENDER = {
    "Male": (
        "Male",
        PART,
        "Referrals of males. From 2020/21 shares are of referrals where gender was specified.",
        1,
        OKABE_ITO["blue"],
    ),
    "Female": ("Female", PART, "Referrals of females.", 2, OKABE_ITO["orange"]),
    "Gender specified (base)": (
        "Base",
        BASE,
        "A denominator: the number of referrals with gender specified.",
        3,
        OKABE_ITO["black"],
    ),
}

REGION = {
    "London": ("London", PART, "London.", 1, OKABE_ITO["blue"]),
    "North East": (
        "North East",
        PART,
        "The North East as the reports use it: a counter-terrorism policing region that, in these sources, includes Yorkshire and the Humber (2015/16 and 2019/20) or Kirklees and Calderdale (2016/17).",
        2,
        OKABE_ITO["vermillion"],
    ),
    "North West": ("North West", PART, "North West.", 3, OKABE_ITO["green"]),
    "South East": ("South East", PART, "South East.", 4, OKABE_ITO["orange"]),
    "West Midlands": ("West Midlands", PART, "West Midlands.", 5, OKABE_ITO["purple"]),
}

OUTCOME = {
    "No further action": (
        "No further action",
        PART,
        "The referral needed no further action under Prevent.",
        1,
        OKABE_ITO["grey"],
    ),
    "Signposted to alternative services": (
        "Passed to other services",
        PART,
        "Left Prevent and signposted to other services (e.g. education, housing, mental health). Wording used until 2017/18.",
        2,
        OKABE_ITO["sky"],
    ),
    "Signposted to other services": (
        "Passed to other services",
        PART,
        "2018/19 wording; the published share is of those assessed as not suitable for Channel.",
        3,
        OKABE_ITO["sky"],
    ),
    "Not suitable for Channel": (
        "Not suitable for Channel",
        SUBTOTAL,
        "Assessed as not suitable for Channel (no further action plus signposted), 2018/19.",
        4,
        OKABE_ITO["light"],
    ),
    "Open": ("Still open", PART, "Referrals still open when the data were extracted (2017/18).", 5, OKABE_ITO["black"]),
}
