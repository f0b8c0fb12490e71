"""The press officers' screens: bulletins and issues, composing an issue from published
articles of any site, previewing, sending, the delivery report, subscribers and CSV import.
A press officer works only on the bulletins of their own site; administrators on all."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cms.bulletins import importing, sending
from cms.bulletins.forms import IssueForm, nfc
from cms.bulletins.mail import IssueMailer
from cms.bulletins.models import Bulletin, Delivery, Editorial, Issue, IssueItem, Subscriber
from cms.news.models import ArticlePage
from locales import registry
from sites import roles
from sites.models import Channel

CANDIDATES = 60
SUBSCRIBERS_SHOWN = 500


def managed(user) -> QuerySet[Bulletin]:
    """The bulletins ``user`` may work on."""
    bulletins = Bulletin.objects.select_related("channel")
    if user.is_superuser:
        return bulletins
    return bulletins.filter(channel__slug__in=roles.channel_slugs(user, roles.PRESS_OFFICERS))


def _bulletin(request: HttpRequest, pk: int) -> Bulletin:
    bulletin = managed(request.user).filter(pk=pk).first()
    if bulletin is None:
        raise PermissionDenied
    return bulletin


def _issue(request: HttpRequest, pk: int) -> Issue:
    issue = get_object_or_404(Issue.objects.select_related("bulletin__channel__site"), pk=pk)
    _bulletin(request, issue.bulletin_id)
    return issue


def can_manage(user) -> bool:
    return user.is_superuser or bool(roles.channel_slugs(user, roles.PRESS_OFFICERS))


def index(request: HttpRequest) -> HttpResponse:
    """Every bulletin the user manages with its issues and subscriber counts."""
    if not can_manage(request.user):
        raise PermissionDenied
    bulletins = (
        managed(request.user)
        .annotate(
            active=Count("subscribers", filter=Q(subscribers__status=Subscriber.Status.ACTIVE))
        )
        .prefetch_related("issues")
    )
    return TemplateResponse(
        request, "bulletins/admin/index.html", {"bulletins": bulletins, "title": _("Bulletins")}
    )


def _candidates(query: str, chosen: list[int]):
    """Live Vietnamese articles of every site, newest first (and those already chosen)."""
    articles = ArticlePage.objects.live().filter(locale__language_code=registry.SOURCE_LANGUAGE)
    if query:
        articles = articles.filter(title__icontains=query)
    newest = list(articles.order_by("-publication_date").values_list("pk", flat=True)[:CANDIDATES])
    pool = ArticlePage.objects.filter(pk__in=set(newest) | set(chosen)).defer("body")
    homes = {
        channel.home_page.path: channel.name
        for channel in Channel.objects.filter(home_page__isnull=False).select_related("home_page")
        if channel.home_page
    }
    lengths = {len(path) for path in homes}
    for page in pool:
        page.channel_name = next(
            (homes[page.path[:n]] for n in lengths if page.path[:n] in homes), ""
        )
    return sorted(
        pool, key=lambda page: (page.pk not in chosen, -page.publication_date.timestamp())
    )


@require_http_methods(["GET", "POST"])
def compose(request: HttpRequest, bulletin_pk: int, pk: int | None = None) -> HttpResponse:
    """Compose or edit a draft issue: number, date, layout, an editorial per language, and
    articles picked by giving each a position (blank: not in the issue)."""
    bulletin = _bulletin(request, bulletin_pk)
    if pk is not None:
        issue = get_object_or_404(Issue, pk=pk, bulletin=bulletin)
        if issue.status != Issue.Status.DRAFT:
            messages.error(request, _("An issue that has been sent cannot be changed."))
            return redirect("bulletins_report", issue.pk)
    else:
        last = bulletin.issues.order_by("-number").first()
        issue = Issue(bulletin=bulletin, number=(last.number + 1) if last else 1)
    form = IssueForm(request.POST or None, instance=issue)
    positions = {item.article_id: item.position for item in issue.items.all()} if issue.pk else {}
    editorials = {e.language: e.text for e in issue.editorials.all()} if issue.pk else {}
    errors: list[str] = []
    if request.method == "POST":
        positions, errors = _positions(request)
        editorials = {
            code: nfc(request.POST.get(f"editorial-{code}", "")) for code in registry.CODES
        }
        if form.is_valid() and not errors:
            with transaction.atomic():
                issue = form.save(commit=False)
                issue.bulletin = bulletin
                issue.save()
                _save_contents(issue, positions, editorials)
            messages.success(request, _("The issue was saved."))
            return redirect("bulletins_preview", issue.pk)
    query = request.GET.get("q", "").strip()
    context = {
        "title": _("Compose an issue"),
        "bulletin": bulletin,
        "issue": issue,
        "form": form,
        "errors": errors,
        "query": query,
        "candidates": [
            (page, positions.get(page.pk, "")) for page in _candidates(query, list(positions))
        ],
        "editorials": [
            (language, editorials.get(language.code, "")) for language in registry.LANGUAGES
        ],
    }
    return TemplateResponse(request, "bulletins/admin/compose.html", context)


def _positions(request: HttpRequest) -> tuple[dict[int, int], list[str]]:
    positions: dict[int, int] = {}
    errors: list[str] = []
    for key in request.POST:
        value = request.POST.get(key, "")
        if not key.startswith("position-") or not value.strip():
            continue
        try:
            positions[int(key.removeprefix("position-"))] = int(value)
        except ValueError:
            errors.append(_("Positions must be whole numbers."))
    live = set(
        ArticlePage.objects.live()
        .filter(pk__in=positions, locale__language_code=registry.SOURCE_LANGUAGE)
        .values_list("pk", flat=True)
    )
    if set(positions) - live:
        errors.append(_("Only published Vietnamese articles can be put in an issue."))
    if not positions:
        errors.append(_("Choose at least one article."))
    return positions, sorted(set(errors))


def _save_contents(issue: Issue, positions: dict[int, int], editorials: dict[str, str]) -> None:
    issue.items.all().delete()
    ordered = sorted(positions.items(), key=lambda pair: (pair[1], pair[0]))
    IssueItem.objects.bulk_create(
        [IssueItem(issue=issue, article_id=pk, position=n) for n, (pk, _) in enumerate(ordered)]
    )
    issue.editorials.all().delete()
    Editorial.objects.bulk_create(
        [
            Editorial(issue=issue, language=code, text=text)
            for code, text in editorials.items()
            if text
        ]
    )


def preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The issue as a subscriber of the chosen language receives it."""
    issue = _issue(request, pk)
    language = request.GET.get("language", registry.SOURCE_LANGUAGE)
    if language not in registry.CODES:
        language = registry.SOURCE_LANGUAGE
    sample = Subscriber(
        bulletin=issue.bulletin, pk=0, email="preview@example.org", languages=[language]
    )
    message = IssueMailer(issue).message(sample)
    html = next(body for body, mimetype in message.alternatives if mimetype == "text/html")
    context = {
        "title": _("Preview"),
        "issue": issue,
        "subject": message.subject,
        "html": html,
        "text": message.body,
        "language": language,
        "languages": registry.LANGUAGES,
        "recipients": issue.bulletin.subscribers.filter(status=Subscriber.Status.ACTIVE).count(),
    }
    return TemplateResponse(request, "bulletins/admin/preview.html", context)


@require_POST
def send(request: HttpRequest, pk: int) -> HttpResponse:
    """Start sending a draft issue to every confirmed subscriber."""
    issue = _issue(request, pk)
    count = sending.start(issue, request.user)
    if count:
        messages.success(request, _("Sending to %(count)s subscribers started.") % {"count": count})
    else:
        messages.warning(request, _("This issue is already being sent, or has no subscribers."))
    return redirect("bulletins_report", issue.pk)


def report(request: HttpRequest, pk: int) -> HttpResponse:
    """The delivery report (a count per state), the send log, and the addresses that failed."""
    issue = _issue(request, pk)
    counts = sending.report(issue)
    labels = dict(Delivery.Status.choices)
    problems = (
        issue.deliveries.exclude(status__in=[Delivery.Status.SENT, Delivery.Status.PENDING])
        .select_related("subscriber")
        .order_by("status", "pk")[:SUBSCRIBERS_SHOWN]
    )
    context = {
        "title": _("Delivery report"),
        "issue": issue,
        "counts": [(labels[status], n) for status, n in counts.items()],
        "total": sum(counts.values()),
        "log": issue.log.select_related("user"),
        "problems": problems,
    }
    return TemplateResponse(request, "bulletins/admin/report.html", context)


def subscribers(request: HttpRequest, bulletin_pk: int) -> HttpResponse:
    """The bulletin's list, optionally one state only."""
    bulletin = _bulletin(request, bulletin_pk)
    status = request.GET.get("status", "")
    listed = bulletin.subscribers.all()
    if status in Subscriber.Status.values:
        listed = listed.filter(status=status)
    context = {
        "title": _("Subscribers"),
        "bulletin": bulletin,
        "subscribers": listed[:SUBSCRIBERS_SHOWN],
        "total": listed.count(),
        "status": status,
        "statuses": Subscriber.Status.choices,
    }
    return TemplateResponse(request, "bulletins/admin/subscribers.html", context)


@require_http_methods(["GET", "POST"])
def import_subscribers(request: HttpRequest, bulletin_pk: int) -> HttpResponse:
    """Import a CSV list: the validation report, and nothing imported unless every row is
    right."""
    bulletin = _bulletin(request, bulletin_pk)
    result = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            result = importing.Report(problem=_("Choose a CSV file."))
        else:
            result = importing.run(
                bulletin, upload.read(), ask_confirmation=bool(request.POST.get("confirm"))
            )
        if result.ok:
            messages.success(
                request, _("%(count)s subscribers imported.") % {"count": result.imported}
            )
            return redirect("bulletins_subscribers", bulletin.pk)
    context = {
        "title": _("Import subscribers"),
        "bulletin": bulletin,
        "result": result,
        "columns": importing.COLUMNS,
    }
    return TemplateResponse(
        request, "bulletins/admin/import.html", context, status=400 if result else 200
    )
