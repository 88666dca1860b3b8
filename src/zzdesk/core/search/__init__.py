"""Instant search over everything in a report database.

Chinese text is indexed as character unigrams and bigrams (so any substring of
one or more characters is found exactly), names also as pinyin and initials
computed at build time.  Queries never reach SQLite as syntax: they are turned
into quoted tokens the index itself produced.
"""

from zzdesk.core.search.engine import SearchEngine, SearchHit, group_by_type, search_all

__all__ = ["SearchEngine", "SearchHit", "group_by_type", "search_all"]
