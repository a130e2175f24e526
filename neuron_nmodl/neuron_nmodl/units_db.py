"""The units database used for UNITS-block conversion factors.

Our own table, following the definitions of NEURON's nrnunits.lib (GNU units syntax,
CODATA 2018 constants): a definition is a product of factors (space or '-' multiply, '/'
divides everything after it, a trailing digit is a power, `a|b` is a fraction, `1.6-19` is
1.6e-19).  Primitive units are written `*name*`.  Prefixes end with '-'.
"""

PRIMITIVES = ("m", "kg", "sec", "coul", "candela", "dollar", "bit", "erlang", "K")

PREFIXES = {
    "yotta": "1e24", "zetta": "1e21", "exa": "1e18", "peta": "1e15", "tera": "1e12",
    "giga": "1e9", "mega": "1e6", "myria": "1e4", "kilo": "1e3", "hecto": "1e2",
    "deka": "1e1", "deci": "1e-1", "centi": "1e-2", "milli": "1e-3", "micro": "1e-6",
    "nano": "1e-9", "pico": "1e-12", "femto": "1e-15", "atto": "1e-18", "zopto": "1e-21",
    "yocto": "1e-24", "semi": ".5", "demi": ".5",
    "Y": "yotta", "Z": "zetta", "E": "exa", "P": "peta", "T": "tera", "G": "giga",
    "M": "mega", "k": "kilo", "h": "hecto", "da": "deka", "d": "deci", "c": "centi",
    "m": "milli", "p": "pico", "f": "femto", "a": "atto", "z": "zopto", "y": "yocto",
    "u": "micro", "n": "nano",
}

UNITS = {
    # constants
    "fuzz": "1", "two": "2", "pi": "3.14159265358979323846",
    "c": "2.99792458+8 m/sec fuzz", "g": "9.80665 m/sec2", "au": "1.49597871+11 m fuzz",
    "mole": "6.02214076+23 fuzz", "e": "1.602176634-19 coul fuzz",
    "energy": "c2", "force": "g", "mercury": "1.33322+5 kg/m2-sec2", "hg": "mercury",
    # dimensionless
    "radian": ".5 / pi", "degree": "1|180 pi-radian", "circle": "2 pi-radian",
    "turn": "2 pi-radian", "revolution": "turn", "rev": "turn", "grade": ".9 degree",
    "arcdeg": "1 degree", "arcmin": "1|60 arcdeg", "arcsec": "1|60 arcmin",
    "steradian": "radian2", "sphere": "4 pi-steradian", "sr": "steradian",
    "percent": "1|100", "%": "1|100", "dozen": "12", "gross": "144", "karat": "1|24",
    "proof": "1|200",
    # time
    "second": "sec", "s": "sec", "minute": "60 sec", "min": "minute", "hour": "60 min",
    "hr": "hour", "day": "24 hr", "da": "day", "week": "7 day",
    "year": "365.24219879 day fuzz", "yr": "year", "month": "1|12 year", "mo": "month",
    "ms": "millisec", "us": "microsec", "ns": "nanosec", "decade": "10 yr",
    "century": "100 year", "fortnight": "14 da",
    # mass
    "gram": "millikg", "gm": "gram", "mg": "milligram", "metricton": "kilokg",
    "lb": ".45359237 kg", "pound": "lb", "ounce": "1|16 lb", "oz": "ounce",
    "grain": "1|7000 lb", "gr": "grain", "shortton": "2000 lb", "ton": "shortton",
    "longton": "2240 lb", "tonne": "1+6 gm", "amu": "1.66053906660-27 kg",
    "dalton": "amu", "gramme": "gram", "key": "kg",
    # length, area, volume
    "meter": "m", "metre": "m", "cm": "centimeter", "mm": "millimeter", "km": "kilometer",
    "nm": "nanometer", "micron": "micrometer", "angstrom": "decinanometer",
    "fermi": "1-15 m", "inch": "2.54 cm", "in": "inch", "foot": "12 in", "feet": "foot",
    "ft": "foot", "yard": "3 ft", "yd": "yard", "rod": "5.5 yd", "rd": "rod",
    "mile": "5280 ft", "mi": "mile", "nmile": "1852 m", "mil": "1-3 in",
    "acre": "4840 yd2", "hectare": "1+4 m2", "cc": "cm3", "liter": "kilocc",
    "litre": "liter", "ml": "milliliter", "stere": "m3", "gallon": "231 in3",
    "gal": "gallon", "quart": "1|4 gal", "qt": "quart", "pint": "1|2 qt", "pt": "pint",
    "floz": "1|16 pt", "lightyear": "c-yr", "parsec": "au-radian/arcsec", "pc": "parsec",
    # mechanics, energy
    "newton": "kg-m/sec2", "nt": "newton", "N": "newton", "joule": "nt-m",
    "cal": "4.1868 joule", "calorie": "cal", "kcal": "kilocal", "kcalorie": "kilocal",
    "dyne": "cm-gm/sec2", "erg": "cm2-gm/sec2", "pascal": "nt/m2", "bar": "1+5 nt/m2",
    "atmosphere": "1.01325+5 nt/m2", "atm": "atmosphere", "torr": "mm hg",
    "poise": "gm/cm-sec", "stoke": "1-4 m2/sec", "watt": "joule/sec",
    "horsepower": "550 ft-lb-g/sec", "hp": "horsepower",
    "hertz": "/sec", "Hz": "hertz", "hz": "/sec", "khz": "1+3 /sec", "mhz": "1+6 /sec",
    "curie": "3.7+10 /sec", "rutherford": "1+6 /sec",
    # electrical
    "coulomb": "coul", "C": "coul", "ampere": "coul/sec", "amp": "ampere",
    "volt": "watt/amp", "V": "volt", "ohm": "volt/amp", "mho": "/ohm", "siemens": "/ohm",
    "farad": "coul/volt", "henry": "sec2/farad", "weber": "volt-sec",
    "tesla": "weber/m2", "gauss": "1-4 weber/m2", "maxwell": "1-8 weber",
    "megohm": "megaohm", "pf": "picofarad", "mh": "millihenry",
    "electronvolt": "e-volt", "ev": "e-volt", "eV": "e V", "kev": "1+3 e-volt",
    "faraday": "e-mole", "franklin": "3.33564-10 coul",
    # light
    "cd": "candela", "lumen": "cd sr", "lux": "cd sr/m2",
    # thermodynamics
    "boltzmann": "1.380649-23 joule/K", "k": "boltzmann",
    "gasconstant": "k-mole", "R": "gasconstant",
    "planck": "6.62607015-34 joule-sec", "hbar": "1.054571817-34 joule-sec",
    "electronmass": "9.1095-31 kg", "protonmass": "1.67262192369-27 kg",
    "degC": "K", "kelvin": "K", "degF": "5|9 degC", "degreesrankine": "degF",
    "degrankine": "degreesrankine", "degreerankine": "degF",
    # misc
    "$": "dollar", "ccs": "1|36 erlang",
}
