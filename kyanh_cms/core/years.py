"""The years an editor can register showcases or plans for."""

MIN_YEAR = 2000
MAX_YEAR = 2100
