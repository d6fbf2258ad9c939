"""A license's thresholds: the figures above which it grants no rights, or asks for a duty.

A license file states them as ``terms.thresholds`` (``metric``, ``value``, ``unit``, ``measured``,
``consequence``, ``above``, ``uses``); the older ``terms.mau_limit`` is one such threshold (the
monthly-active-user cap) and reads as one here, so every consumer sees a single list. Each metric
is compared with one figure of the policy's ``organization`` block.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..recordtype import dataclass

# threshold metric -> (the organization field that states the figure, how the figure reads)
ORGANIZATION_FIELD: dict[str, tuple[str, str]] = {
    "monthly_active_users": ("monthly_active_users", "monthly active users"),
    "daily_active_users": ("daily_active_users", "daily active users"),
    "annual_revenue": ("annual_revenue_usd", "annual revenue"),
    "monthly_revenue": ("monthly_revenue_usd", "monthly revenue"),
}


@dataclass(frozen=True)
class Threshold:
    metric: str
    value: float
    unit: str  # users | USD
    consequence: str  # license-required | duty
    above: str
    measured: str = ""
    uses: tuple[str, ...] = ()  # the organization uses it applies to; empty: every use
    once_at_release: bool = False  # a one-time test on the version's release date
    verified: str | None = None

    @property
    def field(self) -> str:
        return ORGANIZATION_FIELD[self.metric][0]

    @property
    def label(self) -> str:
        return ORGANIZATION_FIELD[self.metric][1]

    def amount(self, value: float) -> str:
        """A figure of this metric as it reads in a message: ``USD 20,000,000``, ``700,000,000``."""
        n = f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}"
        return f"USD {n}" if self.unit == "USD" else n

    def applies_to(self, use: str) -> bool:
        return not self.uses or use in self.uses


def thresholds(terms: Mapping[str, Any]) -> tuple[Threshold, ...]:
    """Every threshold of a license's terms, the monthly-active-user cap (``mau_limit``) first."""
    out = []
    mau = terms.get("mau_limit")
    if mau:
        out.append(
            Threshold(
                metric="monthly_active_users",
                value=mau["threshold"],
                unit="users",
                consequence="license-required",
                above=mau.get("above", ""),
                measured=mau.get("measured", ""),
                uses=tuple(mau.get("uses") or ()),
                once_at_release=bool(mau.get("once_at_release")),
            )
        )
    for t in terms.get("thresholds") or ():
        out.append(
            Threshold(
                metric=t["metric"],
                value=t["value"],
                unit=t["unit"],
                consequence=t["consequence"],
                above=t.get("above", ""),
                measured=t.get("measured", ""),
                uses=tuple(t.get("uses") or ()),
                verified=t.get("verified"),
            )
        )
    return tuple(out)


def organization_figure(
    organization: Mapping[str, Any] | None, threshold: Threshold
) -> float | None:
    """The organization's figure for the threshold's metric, when the policy states a number."""
    value = (organization or {}).get(threshold.field)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value
