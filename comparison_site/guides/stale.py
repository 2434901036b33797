"""Staleness of the guides data (`make stale`): entries of data/guides.yaml not verified for too
long, and registry release data read too long ago to describe maintenance."""

from __future__ import annotations

import datetime

from ..stale import StaleItem
from .model import Guides


def stale_guide_items(guides: Guides, today: datetime.date, max_age_days: int) -> list[StaleItem]:
    entries = [(r.line, f"porting guide '{r.id}'", r.last_verified) for r in guides.crosswalk]
    entries += [(n.line, f"ecosystem '{n.id}'", n.last_verified) for n in guides.ecosystem]
    entries += [(o.line, f"deployment '{o.id}'", o.last_verified) for o in guides.deployment]
    entries += [(p.line, f"security policy '{p.framework}'", p.last_verified) for p in guides.policies]
    entries += [(a.line, f"advisory '{a.id}'", a.last_verified) for a in guides.advisories]
    entries += [(a.line, f"alternative '{a.id}'", a.last_verified) for a in guides.alternatives]
    entries += [(i.line, f"community indicator '{i.id}'", i.last_verified) for i in guides.indicators]
    entries += [(u.line, f"unverified indicator '{u.id}'", u.last_verified) for u in guides.unverified]
    items = []
    for line, what, verified in entries:
        verified = verified or guides.last_verified
        age = (today - datetime.date.fromisoformat(verified)).days
        if age > max_age_days:
            items.append(StaleItem(line, what, f"last verified {verified}, {age} days ago (limit {max_age_days})"))
    for need in guides.ecosystem:
        for packages in need.packages.values():
            for package in packages:
                release = package.release
                if release and (today - datetime.date.fromisoformat(release.read_on)).days > max_age_days:
                    items.append(StaleItem(need.line, f"ecosystem '{need.id}' package '{package.name}'",
                                           f"registry read on {release.read_on}: run `make refresh-releases`"))
    return sorted(items, key=lambda item: item.line)
