"""Checks on the relations between documents, on plain data so the admin form and the importer
share them: no document acts on itself, none acts on a later one, and no chain of relations
leads back to where it started."""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Edge:
    """``source`` amends/replaces/repeals/guides ``target`` (documents named by any key)."""

    source: Hashable
    kind: str
    target: Hashable


def reaches(edges: Iterable[Edge], start: Hashable, goal: Hashable) -> bool:
    """Whether a chain of relations leads from ``start`` to ``goal``."""
    following: dict[Hashable, set[Hashable]] = {}
    for edge in edges:
        following.setdefault(edge.source, set()).add(edge.target)
    seen: set[Hashable] = set()
    stack = [start]
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        if node in seen:
            continue
        seen.add(node)
        stack.extend(following.get(node, ()))
    return False


def problems(
    new: Iterable[Edge],
    existing: Iterable[Edge],
    issued: dict[Hashable, datetime.date | None],
    names: dict[Hashable, str],
) -> list[str]:
    """What is wrong with adding the ``new`` relations to the ``existing`` ones, one message
    per problem; ``issued`` gives documents' dates of issue and ``names`` their numbers."""
    new = list(new)
    graph = [edge for edge in existing if edge not in new]
    messages = []
    for edge in new:
        source_name = names.get(edge.source, str(edge.source))
        target_name = names.get(edge.target, str(edge.target))
        if edge.source == edge.target:
            messages.append(
                _("Document %(number)s cannot be related to itself.") % {"number": source_name}
            )
            continue
        source_date, target_date = issued.get(edge.source), issued.get(edge.target)
        if edge.kind != "guides" and source_date and target_date and source_date < target_date:
            messages.append(
                _("%(source)s cannot act on %(target)s, which was issued after it.")
                % {"source": source_name, "target": target_name}
            )
        if reaches(graph, edge.target, edge.source):
            messages.append(
                _("Relating %(source)s to %(target)s would make a circle of relations.")
                % {"source": source_name, "target": target_name}
            )
        graph.append(edge)
    return messages
