"""The administration page for the tables, and the list of decisions to correct after a new table."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from bistand.audit.audit import AuditAction, record_request
from bistand.casework import access
from bistand.casework.access import staff_required
from bistand.normtables import panels, registry, services, status
from bistand.normtables.forms import ImportForm
from bistand.normtables.models import TableKind, TableVersion
from bistand.organisation.models import Role
from bistand.rules import params


def version_label(version: str) -> str:
    """ "file" -> "programmets fil"; "norm-2027-v2" -> "införd, version 2"."""
    if version == params.FILE_VERSION:
        return "programmets fil"
    return f"införd, version {version.rsplit('-v', 1)[-1]}"


def _years() -> list[dict]:
    """Per year: the riksnorm and prisbasbelopp in use, and whether they come from the files."""
    rows = []
    amounts = params.price_base_amounts()
    for year, table in sorted(params.norm_tables().items(), reverse=True):
        amount = amounts.get(year)
        rows.append(
            {
                "year": year,
                "table": table,
                "table_from": version_label(table.version),
                "amount": amount,
                "amount_from": version_label(amount.version) if amount else "",
            }
        )
    return rows


@staff_required
def tables(request):
    if request.staff.role != Role.ADMINISTRATOR:
        raise PermissionDenied("Bara administratörer hanterar riksnorm och prisbasbelopp.")
    registry.sync()
    result, errors = None, []
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        name, text = form.cleaned_data["file"]
        try:
            result = services.import_text(
                text,
                name,
                note=form.cleaned_data["note"],
                user=request.user,
                staff=request.staff,
                path=request.get_full_path(),
            )
            form = ImportForm()
        except services.TableRefused as exc:
            errors = exc.errors
    context = {
        "form": form,
        "errors": errors,
        "result": result,
        "warnings": status.next_year_warnings(status.today()),
        "years": _years(),
        "versions": TableVersion.objects.select_related("created_by").order_by("-created_at", "-id"),
        "kinds": TableKind,
    }
    return render(request, "normtables/tables.html", context, status=422 if errors else 200)


@staff_required
def to_review(request):
    if request.staff.role not in access.CASE_ROLES:
        raise PermissionDenied("Listan gäller beslut i enhetens ärenden.")
    rows = list(panels.to_review(request.staff))
    record_request(
        request,
        action=AuditAction.LIST,
        what=f"Beslut att se över efter ny riksnorm ({len(rows)} st.)",
        staff=request.staff,
    )
    return render(request, "normtables/to_review.html", {"rows": rows})
