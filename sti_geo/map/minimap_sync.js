// Leaflet-MiniMap 3.6 keeps the two maps in step with two flags ("which map is moving"). They fall out
// of step when the main map moves again before the minimap has finished following it (a scene, then the
// next one; a resize during a pan): the minimap's late moveend is then taken for a person's move and
// pulls the main map back to a stale place, stopping its pan half-way. Here the minimap always follows
// the main map, and moves the main map only after a person dragged, scrolled or double-clicked it.
(function (proto) {
  if (!proto || proto._stiSync) { return; }
  proto._stiSync = true;
  var onAdd = proto.onAdd;
  proto.onAdd = function (map) {
    var container = onAdd.call(this, map);
    var self = this;
    this._stiUserUntil = 0;  // a person's move of the minimap is reported until then (ms)
    this._miniMap.on('dragstart', function () { self._stiUserUntil = Infinity; self._mainMapMoving = false; });
    ['wheel', 'dblclick', 'touchstart'].forEach(function (type) {
      L.DomEvent.on(container, type, function () {
        self._stiUserUntil = Math.max(self._stiUserUntil, Date.now() + 1000);
        self._mainMapMoving = false;
      });
    });
    return container;
  };
  proto._onMainMapMoved = function () {
    this._mainMapMoving = true;  // the plugin's own shadow rectangle stays hidden while following
    this._miniMap.setView(this.options.centerFixed || this._mainMap.getCenter(), this._decideZoom(true));
    this._setDisplay(this._decideMinimized());
    this._aimingRect.setBounds(this._mainMap.getBounds());
  };
  proto._onMiniMapMoved = function () {
    this._shadowRect.setStyle({opacity: 0, fillOpacity: 0});
    if (this._stiUserUntil < Date.now()) { return; }  // the minimap following the main map
    this._stiUserUntil = 0;
    this._mainMap.setView(this._miniMap.getCenter(), this._decideZoom(false));
  };
})(L.Control.MiniMap && L.Control.MiniMap.prototype);
