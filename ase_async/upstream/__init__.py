"""The published A.S.E data and tool (Tencent/AICGSecEval): loaders, retrieval files, the
repository cache, prompts and upstream-compatible scoring.

Everything here reads the upstream formats as they are and maps them onto ase_async's own
types; where upstream behaves in a way the method rejects, the upstream way is available
behind a clearly named switch and the default is ours (see ``shared/ase-method.md`` §4).
"""

from .loader import is_upstream_records, load_upstream_dataset, upstream_repo_url
from .retrieval import SEED_MAPPINGS, RetrievalEntry, SeedMapping, load_retrieval, map_seeds

__all__ = [
    "SEED_MAPPINGS",
    "RetrievalEntry",
    "SeedMapping",
    "is_upstream_records",
    "load_retrieval",
    "load_upstream_dataset",
    "map_seeds",
    "upstream_repo_url",
]
