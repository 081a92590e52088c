"""Life-area assessment: a new assessment beside the previous one, one assessment, and the history."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from bistand.audit.audit import Actor
from bistand.casework.access import staff_required
from bistand.selfsupport import services
from bistand.selfsupport.forms.assessment import SCALE_HELP, UNKNOWN, AssessmentForm
from bistand.selfsupport.models import Assessment, LifeArea
from bistand.selfsupport.views.common import adults_qs, case_context, open_case

HELP_UNVERIFIED = (
    "Livsområdena följer bedömningsmetoden FIA (Förutsättningar inför arbete). "
    "En administratör kan ändra listan."
)
HELP_SCALE = "FIA har ingen sifferskala. Skalan 0–3 är Bistånds egen, så att förändringar över tid syns."


def latest_ratings(case, person):
    """The person's latest assessment in this case and its ratings by life area id."""
    latest = Assessment.objects.filter(case=case, person=person).order_by("-assessed_on", "-id").first()
    if latest is None:
        return None, {}
    return latest, {r.life_area_id: r for r in latest.ratings.all()}


@staff_required
def new(request, case_id: int):
    case = open_case(request, case_id, "ny bedömning av livsområden")
    persons = adults_qs(case)
    chosen = request.GET.get("person") or request.POST.get("person") or ""
    person = (
        persons.filter(pk=int(chosen)).first()
        if chosen.isascii() and chosen.isdigit() and len(chosen) < 19
        else None
    ) or (persons.first())
    areas = LifeArea.objects.filter(active=True).order_by("order", "name")
    previous, previous_ratings = latest_ratings(case, person) if person else (None, {})
    initial = {"person": person, "assessed_on": timezone.localdate()}
    for area in areas:
        old = previous_ratings.get(area.pk)
        initial[f"rating_{area.pk}"] = UNKNOWN if old is None or old.rating is None else str(old.rating)
    form = AssessmentForm(initial=initial, persons_qs=persons, life_areas=areas, case=case)
    if request.method == "POST":
        form = AssessmentForm(request.POST, persons_qs=persons, life_areas=areas, case=case)
        if form.is_valid():
            assessment = services.record_assessment(
                case=case,
                person=form.cleaned_data["person"],
                assessed_on=form.cleaned_data["assessed_on"],
                summary=form.cleaned_data["summary"],
                ratings=list(form.ratings()),
                actor=Actor.from_request(request),
            )
            messages.success(request, "Bedömningen av livsområdena är sparad.")
            return redirect("selfsupport:assessment_detail", case_id=case.pk, assessment_id=assessment.pk)
    context = case_context(
        case,
        "assessment",
        form=form,
        person=person,
        persons=persons,
        previous=previous,
        rows=form.area_rows(previous_ratings),
        scale_help=SCALE_HELP,
        help_unverified=HELP_UNVERIFIED,
        help_scale=HELP_SCALE,
    )
    return render(request, "selfsupport/assessment_form.html", context)


@staff_required
def detail(request, case_id: int, assessment_id: int):
    case = open_case(request, case_id, "bedömning av livsområden")
    assessment = get_object_or_404(
        Assessment.objects.select_related("person", "assessed_by__user"), pk=assessment_id, case=case
    )
    earlier = (
        Assessment.objects.filter(
            case=case, person=assessment.person, assessed_on__lte=assessment.assessed_on
        )
        .exclude(pk=assessment.pk)
        .order_by("-assessed_on", "-id")
        .first()
    )
    earlier_ratings = {r.life_area_id: r for r in earlier.ratings.all()} if earlier else {}
    rows = [
        (r, earlier_ratings.get(r.life_area_id))
        for r in assessment.ratings.select_related("life_area").order_by("life_area__order")
    ]
    context = case_context(
        case, "assessment", assessment=assessment, earlier=earlier, rows=rows, help_unverified=HELP_UNVERIFIED
    )
    return render(request, "selfsupport/assessment_detail.html", context)


@staff_required
def history(request, case_id: int):
    case = open_case(request, case_id, "livsområden över tid")
    areas = list(LifeArea.objects.order_by("order", "name"))
    people = []
    for person in adults_qs(case):
        assessments = list(
            Assessment.objects.filter(case=case, person=person)
            .order_by("assessed_on", "id")
            .prefetch_related("ratings")
        )
        by_assessment = [{r.life_area_id: r for r in a.ratings.all()} for a in assessments]
        table = [(area, [ratings.get(area.pk) for ratings in by_assessment]) for area in areas]
        table = [(area, cells) for area, cells in table if area.active or any(cells)]
        people.append({"person": person, "assessments": assessments, "table": table})
    context = case_context(
        case, "assessment", people=people, help_unverified=HELP_UNVERIFIED, help_scale=HELP_SCALE
    )
    return render(request, "selfsupport/assessment_history.html", context)
