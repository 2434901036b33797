"""The guide pages' data (data/guides.yaml) and the registry release data (data/releases.yaml).

Used by the porting guide, ecosystem, deployment, security, alternatives and community pages.
"""

from .load import DEFAULT_GUIDES, DEFAULT_RELEASES, load_guides, load_releases
from .model import Guides

__all__ = ["DEFAULT_GUIDES", "DEFAULT_RELEASES", "Guides", "load_guides", "load_releases"]
