"""Extension point through which other areas add a section to the monthly report page.

- MONTHLY_REPORT_SECTIONS: callables (stats: StatisticsAccess, month: Month) -> Panel | None
  (bistand.casework.extensions.Panel), shown below the report's tables. A section must apply the
  same small-number suppression as the report (privacy.py) and is registered from its area's
  AppConfig.ready(), so statistics never imports the area.
"""

from collections.abc import Callable

MONTHLY_REPORT_SECTIONS: list[Callable] = []
