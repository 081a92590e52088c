"""Views for /statistik/: dashboards (dashboards.py, comparisons.py) and downloads (exports.py)."""
