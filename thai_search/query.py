"""From what a reader types (or a Wagtail query object) to SQL for either database."""

import re

from wagtail.search.query import And, Boost, Not, Or, Phrase, PlainText

from . import analysis

# Straight, curly and guillemet double quotes all open or close a phrase.
_QUOTES = re.compile(r"[\"\u201c\u201d\u00ab\u00bb]")


def parse_user_query(text, operator="and"):
    """Text in quotes is a phrase; the rest are words that must all match.
    An unclosed quote simply runs to the end of the text."""
    parts = _QUOTES.split(text or "")
    queries = []
    for index, part in enumerate(parts):
        if not part.strip():
            continue
        if index % 2:
            queries.append(Phrase(part))
        else:
            queries.append(PlainText(part, operator=operator))
    if not queries:
        return PlainText("", operator=operator)
    return queries[0] if len(queries) == 1 else And(queries)


def to_tree(query, autocomplete=False):
    """Wagtail's query objects as analysis nodes; None when nothing searchable is left."""
    if isinstance(query, str):
        query = parse_user_query(query)
    if isinstance(query, PlainText):
        return analysis.plain_query(query.query_string, query.operator, autocomplete)
    if isinstance(query, Phrase):
        return analysis.phrase_query(query.query_string)
    if isinstance(query, Boost):
        return to_tree(query.subquery, autocomplete)
    if isinstance(query, Not):
        child = to_tree(query.subquery, autocomplete)
        return analysis.Not(child) if child is not None else None
    if isinstance(query, And):
        return analysis.all_of(to_tree(sub, autocomplete) for sub in query.subqueries)
    if isinstance(query, Or):
        return analysis.any_of(to_tree(sub, autocomplete) for sub in query.subqueries)
    raise NotImplementedError(f"{type(query).__name__} is not supported by Thai search.")


# Tokens are [a-z0-9] only (see analysis.encode), so nothing below needs escaping.


def to_tsquery(node):
    """PostgreSQL tsquery text (for to_tsquery('simple', ...))."""
    if isinstance(node, analysis.Seq):
        last = len(node.tokens) - 1
        parts = [
            f"'{token}'" + (":*" if node.prefix and index == last else "")
            for index, token in enumerate(node.tokens)
        ]
        return parts[0] if len(parts) == 1 else "(" + " <-> ".join(parts) + ")"
    if isinstance(node, analysis.Any):
        return "(" + " | ".join(to_tsquery(child) for child in node.children) + ")"
    if isinstance(node, analysis.All):
        return "(" + " & ".join(to_tsquery(child) for child in node.children) + ")"
    if isinstance(node, analysis.Not):
        return f"!{to_tsquery(node.child)}"
    raise TypeError(node)


def to_fts5(node):
    """SQLite FTS5 MATCH expression (NOT is handled by Wagtail's own normalisation)."""
    if isinstance(node, analysis.Seq):
        return '"' + " ".join(node.tokens) + '"' + ("*" if node.prefix else "")
    if isinstance(node, analysis.Any):
        return "(" + " OR ".join(to_fts5(child) for child in node.children) + ")"
    if isinstance(node, analysis.All):
        return "(" + " AND ".join(to_fts5(child) for child in node.children) + ")"
    raise TypeError(node)
