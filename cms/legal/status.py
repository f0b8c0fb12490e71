"""A document's legal status, derived from its dates and from the documents acting on it;
never typed in. The same rule twice: in Python for one document (``derive``) and in SQL for a
listing (``annotate``), which tests hold to agreeing.

A document counts as acted on only by a live Vietnamese document that has taken effect:

1. replaced or repealed by one → repealed;
2. else its expiry has come → expired;
3. else it has not taken effect yet → not yet in force;
4. else amended by one → partly in force;
5. else in force.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Subquery, Value, When
from django.utils.translation import gettext_lazy as _

from cms.legal.models import LegalDocumentPage, LegalRelation, RelationKind
from locales import registry


class Status(models.TextChoices):
    """A document's legal status (``derive``)."""

    IN_FORCE = "in_force", _("In force")
    PARTLY_IN_FORCE = "partly_in_force", _("Partly in force")
    NOT_YET_IN_FORCE = "not_yet_in_force", _("Not yet in force")
    EXPIRED = "expired", _("Expired")
    REPEALED = "repealed", _("Repealed")


ENDING = (RelationKind.REPLACES, RelationKind.REPEALS)


def derive(
    *,
    today: datetime.date,
    effective: datetime.date,
    expiry: datetime.date | None,
    ended: bool,
    amended: bool,
) -> Status:
    """The status of a document that takes effect on ``effective`` and expires on ``expiry``,
    ``ended`` (replaced or repealed) and ``amended`` by documents in effect ``today``."""
    if ended:
        return Status.REPEALED
    if expiry is not None and expiry <= today:
        return Status.EXPIRED
    if effective > today:
        return Status.NOT_YET_IN_FORCE
    if amended:
        return Status.PARTLY_IN_FORCE
    return Status.IN_FORCE


def acting_on(today: datetime.date) -> models.QuerySet[LegalRelation]:
    """Relations whose acting document is a live Vietnamese document in effect ``today``."""
    return LegalRelation.objects.filter(
        page__live=True,
        page__locale__language_code=registry.SOURCE_LANGUAGE,
        page__date_effective__lte=today,
    )


def annotate(
    queryset: models.QuerySet[LegalDocumentPage], today: datetime.date
) -> models.QuerySet[LegalDocumentPage]:
    """``queryset`` with ``status`` (in any edition: the Vietnamese record's dates and
    relations decide, matched by translation key); no extra query."""
    source = LegalDocumentPage.objects.filter(
        translation_key=OuterRef("translation_key"),
        locale__language_code=registry.SOURCE_LANGUAGE,
    )
    acting = acting_on(today).filter(target__translation_key=OuterRef("translation_key"))
    return queryset.annotate(
        source_effective=Subquery(source.values("date_effective")[:1]),
        source_expiry=Subquery(source.values("date_expiry")[:1]),
        ended=Exists(acting.filter(kind__in=ENDING)),
        amended=Exists(acting.filter(kind=RelationKind.AMENDS)),
    ).annotate(
        status=Case(
            When(ended=True, then=Value(Status.REPEALED.value)),
            When(
                Q(source_expiry__isnull=False) & Q(source_expiry__lte=today),
                then=Value(Status.EXPIRED.value),
            ),
            When(source_effective__gt=today, then=Value(Status.NOT_YET_IN_FORCE.value)),
            When(amended=True, then=Value(Status.PARTLY_IN_FORCE.value)),
            default=Value(Status.IN_FORCE.value),
            output_field=models.CharField(),
        )
    )
