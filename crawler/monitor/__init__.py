"""Outlet health across runs, and alerts when an outlet is unhealthy."""

from crawler.monitor.alerts import alert_unhealthy
from crawler.monitor.health import HealthRules, outlet_health

__all__ = ["HealthRules", "alert_unhealthy", "outlet_health"]
