"""/statistik/: dashboards for unit managers and analysts, the monthly report and its downloads."""

from django.urls import path

from bistand.statistics.views import comparisons, dashboards, exports

app_name = "statistics"
urlpatterns = [
    path("", dashboards.overview, name="overview"),
    path("manadsrapport/", dashboards.monthly, name="monthly"),
    path("manadsrapport.xlsx", exports.monthly_xlsx, name="monthly_xlsx"),
    path("manadsrapport.csv", exports.monthly_csv, name="monthly_csv"),
    path("underlag.csv", exports.extract_csv, name="extract_csv"),
    path("jamforelse/", comparisons.comparison, name="comparison"),
    path("varaktighet/", comparisons.durations, name="durations"),
    path("arbetssatt/", dashboards.work, name="work"),
    path("forsorjningshinder/", comparisons.barriers, name="barriers"),
    path("resultat/", comparisons.results, name="results"),
]
