"""What the Industries page shows for one cluster: its chains and where it lives."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..model.catalog import Catalog
from ..text.i18n import field_in


@dataclass
class ClusterSummary:
    """What the Industries page shows for one cluster."""

    id: str
    name: str
    quote: str
    source: str
    chains: pd.DataFrame  # id, name, quote: the box's "…产业技术创新链"
    tasks: pd.DataFrame  # id, name, quote: other work the box names
    hosts: pd.DataFrame  # feature, name, layer, via (industry name), source, quote


def cluster_ids(catalog: Catalog) -> list[str]:
    """Ids of the industry clusters (not their chains), in the pack's order."""
    ind = catalog.industries
    return list(ind[ind["kind"] == "cluster"]["id"])


def cluster_labels(catalog: Catalog, lang: str) -> dict[str, str]:
    """Each cluster's name in ``lang``, by id."""
    ind = catalog.industries[catalog.industries["kind"] == "cluster"]
    return dict(zip(ind["id"], ind[field_in("name", lang)], strict=True))


def cluster_summary(catalog: Catalog, cluster_id: str, lang: str = "zh") -> ClusterSummary:
    """A cluster's chains and every feature linked to it or to one of its chains, with the linking quote."""
    ind = catalog.industries.set_index("id")
    row = ind.loc[cluster_id]
    name_col = field_in("name", lang)
    children = ind[ind["parent"] == cluster_id]
    related = [cluster_id, *children.index]
    links = catalog.links[catalog.links["industry"].isin(related)]
    hosts = []
    for link in links.itertuples():
        feature = catalog.feature(link.feature)
        if feature is None:
            continue
        hosts.append({"feature": link.feature, "name": feature[name_col], "layer": feature["layer"],
                      "via": ind.loc[link.industry, name_col], "source": link.source, "quote": link.quote})
    return ClusterSummary(
        id=cluster_id, name=str(row[name_col]), quote=str(row["quote"]), source=str(row["source"]),
        chains=_named(children[children["kind"] == "chain"], name_col),
        tasks=_named(children[children["kind"] == "task"], name_col),
        hosts=pd.DataFrame(hosts, columns=["feature", "name", "layer", "via", "source", "quote"]))


def _named(rows: pd.DataFrame, name_col: str) -> pd.DataFrame:
    return pd.DataFrame({"id": rows.index, "name": rows[name_col].values, "quote": rows["quote"].values})


def clusters_note(catalog: Catalog, lang: str) -> str:
    """What the pack says about its list of clusters (the plan says "七大产业集群" and lists eight), or ""."""
    return str(catalog.manifest.get(field_in("clusters_note", lang), ""))
