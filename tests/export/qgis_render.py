"""Open an export in real QGIS (run by Debian's python3 with python3-qgis, not the project's venv).

Usage: python3 qgis_render.py <gpkg, shp, postgres:CONNINFO|SCHEMA|TABLE,TABLE… or oapif:URL|COLLECTION,…>...
       <out.png> <out.json>
Loads each layer with its default style (GeoPackage or PostGIS ``layer_styles`` / the ``.qml`` beside a
shapefile),
renders the districts' extent (else all layers') and writes what QGIS did: per layer its renderer type,
whether labels are enabled, and how many labels the labelling engine placed.
"""

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from osgeo import ogr
from qgis.core import (
    QgsApplication,
    QgsDataSourceUri,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

*inputs, png, out = sys.argv[1:]
app = QgsApplication([], False)
app.initQgis()
layers = []
for path in inputs:
    if path.startswith("postgres:"):  # a PostGIS schema's tables, as QGIS's PostgreSQL provider reads them
        conninfo, schema, tables = path[len("postgres:"):].split("|")
        for table in tables.split(","):
            uri = QgsDataSourceUri(conninfo)
            uri.setDataSource(schema, table, "geom", "", "id")
            layers.append(QgsVectorLayer(uri.uri(False), table, "postgres"))
    elif path.startswith("oapif:"):  # an OGC API – Features service's collections, as QGIS's OAPIF provider reads
        url, collections = path[len("oapif:"):].split("|")
        layers += [QgsVectorLayer(f"url='{url}' typename='{c}'", c, "OAPIF") for c in collections.split(",")]
    elif path.endswith(".gpkg"):
        ds = ogr.Open(path)
        names = [ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())
                 if ds.GetLayer(i).GetGeomType() != ogr.wkbNone]
        layers += [QgsVectorLayer(f"{path}|layername={n}", n, "ogr") for n in names]
    else:
        layers.append(QgsVectorLayer(path, os.path.splitext(os.path.basename(path))[0], "ogr"))
report = {"layers": {}}
for layer in layers:
    assert layer.isValid(), layer.name()
    message, loaded = layer.loadDefaultStyle()
    report["layers"][layer.name()] = {"style_loaded": bool(loaded), "renderer": layer.renderer().type(),
                                      "labels_enabled": layer.labelsEnabled(), "features": layer.featureCount(),
                                      "crs": layer.crs().authid(), "labels": 0,
                                      "names": sorted(str(f["name"]) for f in layer.getFeatures()
                                                      if "name" in layer.fields().names())[:200]}
settings = QgsMapSettings()
order = sorted(layers, key=lambda lyr: {"base_land": 9, "base_boundaries": 8}.get(lyr.name(), 0))
settings.setLayers(order)  # first is on top
focus = next((lyr for lyr in layers if lyr.name() == "districts"), None)
extent = QgsRectangle(focus.extent()) if focus else QgsRectangle()
if not focus:
    for lyr in layers:
        extent.combineExtentWith(lyr.extent())
extent.scale(1.05)
settings.setDestinationCrs(layers[0].crs())
settings.setExtent(extent)
settings.setOutputSize(QSize(1600, 1200))
settings.setBackgroundColor(QColor(255, 255, 255))
job = QgsMapRendererSequentialJob(settings)
job.start()
job.waitForFinished()
job.renderedImage().save(png)
results = job.takeLabelingResults()
by_id = {lyr.id(): lyr.name() for lyr in layers}
for label in results.labelsWithinRect(settings.visibleExtent()):
    report["layers"][by_id[label.layerID]]["labels"] += 1
report["scale"] = settings.scale()
with open(out, "w", encoding="utf-8") as fh:
    json.dump(report, fh, ensure_ascii=False, indent=1)
os._exit(0)  # QGIS 3.22 may crash while tearing down; everything is written by now
