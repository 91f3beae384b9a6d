"""English pages keep the Vietnamese day/month/year dates, with English number separators."""
from config.formats.vi.formats import *  # noqa: F401,F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
