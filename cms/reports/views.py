"""Admin views of the district reports: the list (a quarter's reports for the department and
oversight, a district's own for its editors), one report (its form while the district may edit
it, the department's accept/return buttons once submitted), the roll-up and the exports.
Every view checks its user; refusals change nothing."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from cms.reports import exports, lifecycle
from cms.reports.forms import ReportForm, ReturnForm
from cms.reports.models import QuarterlyReport
from cms.reports.permissions import (
    can_prepare,
    can_read_all,
    can_review,
    can_view,
    district_slugs,
    may_enter,
)
from cms.reports.schedule import due_quarter


def _report(request: HttpRequest, pk: int) -> QuarterlyReport:
    if not may_enter(request.user):
        raise PermissionDenied
    report = get_object_or_404(QuarterlyReport.objects.select_related("channel"), pk=pk)
    if not can_view(request.user, report):
        raise PermissionDenied
    return report


def _quarter(request: HttpRequest) -> tuple[int, int]:
    year, quarter = due_quarter(timezone.localdate())
    try:
        year = int(request.GET.get("year", year))
        quarter = int(request.GET.get("quarter", quarter))
    except ValueError:
        raise Http404 from None
    if not (1 <= quarter <= 4 and 2000 <= year <= 2100):
        raise Http404
    return year, quarter


def report_list(request: HttpRequest) -> HttpResponse:
    if not may_enter(request.user):
        raise PermissionDenied
    year, quarter = _quarter(request)
    queryset = QuarterlyReport.objects.select_related("channel")
    if can_read_all(request.user):
        queryset = queryset.filter(year=year, quarter=quarter).order_by("channel__position")
    else:
        queryset = queryset.filter(channel__slug__in=district_slugs(request.user))
    reports = list(queryset)
    counts = {status: 0 for status, _label in QuarterlyReport.Status.choices}
    for report in reports:
        counts[report.status] += 1
    return TemplateResponse(
        request,
        "reports/list.html",
        {
            "header_title": _("District reports"),
            "reports": reports,
            "year": year,
            "quarter": quarter,
            "reads_all": can_read_all(request.user),
            "counts": [(label, counts[value]) for value, label in QuarterlyReport.Status.choices],
            "quarters": [1, 2, 3, 4],
        },
    )


def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    editable = can_prepare(request.user, report)
    form = ReportForm(request.POST or None, instance=report) if editable else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            form.save()
            report.events.create(actor=request.user, action="saved")  # type: ignore[misc]
            messages.success(request, _("The report was saved."))
            return redirect("reports_detail", report.pk)
        messages.error(request, _("The report could not be saved: correct the fields marked."))
    return TemplateResponse(
        request,
        "reports/detail.html",
        {
            "header_title": _("Quarterly report %(period)s: %(district)s")
            % {"period": report.period, "district": report.channel.name},
            "report": report,
            "form": form,
            "figures": report.figure_rows(),
            "narratives": report.narrative_rows(),
            "can_review": can_review(request.user)
            and report.status == QuarterlyReport.Status.SUBMITTED,
            "return_form": ReturnForm(),
            "events": report.events.select_related("actor"),
        },
        status=400 if request.method == "POST" else 200,
    )


def _step(request: HttpRequest, report: QuarterlyReport, action, success: str) -> HttpResponse:
    try:
        action()
    except lifecycle.ReportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect("reports_detail", report.pk)


@require_POST
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if not can_prepare(request.user, report):
        raise PermissionDenied
    return _step(
        request,
        report,
        lambda: lifecycle.submit(report, request.user),
        _("The report was submitted to the Department of Foreign Affairs."),
    )


@require_POST
def report_accept(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if not can_review(request.user):
        raise PermissionDenied
    return _step(
        request,
        report,
        lambda: lifecycle.accept(report, request.user),
        _("The report was accepted."),
    )


@require_POST
def report_return(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if not can_review(request.user):
        raise PermissionDenied
    form = ReturnForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _step(
        request,
        report,
        lambda: lifecycle.return_for_changes(report, request.user, reason),
        _("The report was returned to the district."),
    )


def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    content = exports.pdf(
        "reports/report_pdf.html",
        {
            "report": report,
            "figures": report.figure_rows(),
            "narratives": report.narrative_rows(),
        },
    )
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"bao-cao-{report.channel.slug}-{report.period}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _rollup_reports(request: HttpRequest, year: int, quarter: int) -> list[QuarterlyReport]:
    if not can_read_all(request.user):
        raise PermissionDenied
    if not (1 <= quarter <= 4):
        raise Http404
    return list(
        QuarterlyReport.objects.filter(year=year, quarter=quarter)
        .select_related("channel")
        .order_by("channel__position")
    )


def _rollup_context(reports: list[QuarterlyReport], year: int, quarter: int) -> dict:
    totals = {name: sum(getattr(r, name) or 0 for r in reports) for name in QuarterlyReport.FIGURES}
    return {
        "title": _("Roll-up of the district reports, %(year)s-Q%(quarter)s")
        % {"year": year, "quarter": quarter},
        "reports": reports,
        "year": year,
        "quarter": quarter,
        "labels": [QuarterlyReport.label(name) for name in QuarterlyReport.FIGURES],
        "rows": [(r, [getattr(r, name) for name in QuarterlyReport.FIGURES]) for r in reports],
        "totals": [totals[name] for name in QuarterlyReport.FIGURES],
        "items_total": sum(r.items_published for r in reports),
        "submitted": sum(1 for r in reports if r.status != QuarterlyReport.Status.DRAFT),
    }


def rollup(request: HttpRequest, year: int, quarter: int) -> HttpResponse:
    """Every district's figures for the quarter side by side, with totals."""
    context = _rollup_context(_rollup_reports(request, year, quarter), year, quarter)
    return TemplateResponse(
        request, "reports/rollup.html", {**context, "header_title": context["title"]}
    )


def rollup_pdf(request: HttpRequest, year: int, quarter: int) -> HttpResponse:
    context = _rollup_context(_rollup_reports(request, year, quarter), year, quarter)
    response = HttpResponse(
        exports.pdf("reports/rollup_pdf.html", context), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="bao-cao-quan-huyen-{year}-Q{quarter}.pdf"'
    )
    return response


def rollup_xlsx(request: HttpRequest, year: int, quarter: int) -> HttpResponse:
    reports = _rollup_reports(request, year, quarter)
    response = HttpResponse(
        exports.rollup_xlsx(reports, year, quarter),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="bao-cao-quan-huyen-{year}-Q{quarter}.xlsx"'
    )
    return response
